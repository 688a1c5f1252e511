"""``python -m generator COMMAND``: thin orchestration over the library (SPEC §5).

Exit codes: 0 no errors (violations allowed unless ``--strict``); 1 errors (or
violations with ``--strict``); 2 usage error or unreadable records folder;
3 internal failure.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from generator import incremental, inert, intake, pipeline, scaffold
from generator.domain import focus
from generator.domain.findings import Severity
from generator.domain.outcome import Outcome
from generator.errors import GeneratorError, UsageError
from generator.intake import form as intake_form
from generator.intake.fields import FORM_FILE
from generator.publishing import codeowners, compare, deadlines, exports, reporters
from generator.reading import cache

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _ArgumentError(UsageError):
    """A usage error whose text is already safe for the terminal (it spans two lines)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _ArgumentError(f"{inert.terminal(message)}\n{self.format_usage().rstrip()}")


# The days the records may name (the schemas' date pattern): far from date's own limits,
# so that no figure overflows.
SUPPORTED_YEARS = range(1900, 2200)


def _as_of(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        day = None
    if day is None or day.year not in SUPPORTED_YEARS:
        raise argparse.ArgumentTypeError(
            f"ngày không hợp lệ: {value!r} (viết YYYY-MM-DD, năm từ 1900 đến 2199)"
        )
    return day


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m generator", description="Hồ sơ đi công tác cơ sở")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--records", type=Path, default=Path("records"), help="thư mục hồ sơ")
        sub.add_argument(
            "--as-of", type=_as_of, default=None, help="ngày kiểm tra (mặc định hôm nay)"
        )
        sub.add_argument(
            "--no-cache",
            action="store_true",
            help="không dùng bộ nhớ đệm (trong ~/.cache/di-co-so/)",
        )

    validate = commands.add_parser("validate", help="kiểm tra hồ sơ và các quy tắc")
    common(validate)
    validate.add_argument("--format", choices=("text", "github", "json"), default=None)
    validate.add_argument("--strict", action="store_true", help="vi phạm cũng làm lệnh thất bại")
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="tệp đã thay đổi: chỉ in vi phạm, cảnh báo của các tệp này (lỗi thì in tất cả)",
    )

    report = commands.add_parser("report", help="kết quả thực hiện theo cán bộ và năm")
    common(report)
    report.add_argument("--format", choices=("text", "json", "csv"), default="text")

    build = commands.add_parser("build", help="dựng trang web báo cáo")
    common(build)
    build.add_argument("--out", type=Path, default=Path("public"), help="thư mục kết quả")

    serve = commands.add_parser("serve", help="xem trước trang web, tự cập nhật khi hồ sơ thay đổi")
    common(serve)
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="địa chỉ:cổng")

    new = commands.add_parser("new", help="tạo tệp hồ sơ mới theo mẫu")
    kinds = new.add_subparsers(dest="kind", required=True, parser_class=_Parser)
    visit = kinds.add_parser("visit", help="báo cáo kết quả một đợt đi cơ sở")
    common(visit)
    visit.add_argument("--official", required=True, help="mã cán bộ, ví dụ nguyen-thi-lan")
    visit.add_argument(
        "--from", dest="start", type=_as_of, required=True, help="ngày bắt đầu YYYY-MM-DD"
    )

    intake_ = commands.add_parser(
        "intake", help="tạo hồ sơ báo cáo từ nội dung một báo cáo gửi bằng mẫu (issue form)"
    )
    common(intake_)
    intake_.add_argument("--form", type=Path, required=True, help="tệp chứa nội dung báo cáo")
    intake_.add_argument(
        "--messages",
        type=Path,
        default=None,
        help="ghi các lỗi (Markdown) vào tệp này để bình luận",
    )

    form = commands.add_parser("issue-form", help="mẫu báo cáo (issue form) làm từ hồ sơ")
    common(form)
    form.add_argument(
        "--out", type=Path, default=None, help=f"ghi vào tệp này (thường là {FORM_FILE})"
    )

    compare_ = commands.add_parser(
        "compare", help="so sánh vi phạm và kết quả giữa hai bộ hồ sơ (Markdown)"
    )
    common(compare_)
    compare_.add_argument("--base", type=Path, required=True, help="thư mục hồ sơ trước thay đổi")

    due = commands.add_parser("deadlines", help="các hạn sắp tới và đã quá (Markdown)")
    common(due)

    owners = commands.add_parser("codeowners", help="nội dung tệp .github/CODEOWNERS")
    common(owners)
    owners.add_argument(
        "--org", default="doan-tay-ninh", help="tổ chức GitHub chứa các nhóm đơn vị"
    )
    return parser


def _keep_to_the_end() -> None:
    """What is loaded now lives until the command exits: keep the cyclic collector off it.

    Otherwise every collection while writing output or pages walks the millions of
    record objects again (a second or more at 100k visits).
    """
    gc.freeze()


def _run(args: argparse.Namespace, as_of: date) -> Outcome:
    """Load and check the records, through the parse cache unless --no-cache."""
    parse_cache = None if args.no_cache else cache.ParseCache(cache.default_location(args.records))
    outcome = pipeline.run(args.records, as_of, parse_cache)
    _keep_to_the_end()
    return outcome


def _validate(args: argparse.Namespace, as_of: date) -> int:
    if args.no_cache:
        findings = pipeline.run(args.records, as_of).findings
    else:
        parse_cache = cache.ParseCache(cache.default_location(args.records))
        findings = incremental.validate(args.records, as_of, parse_cache)
    _keep_to_the_end()
    if args.paths:
        findings = focus.focused(findings, args.paths, args.records)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt == "json":
        reporters.as_json(findings, as_of, sys.stdout)
    elif fmt == "github":
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with Path(summary_path).open("a", encoding="utf-8") as summary:
                reporters.github(findings, sys.stdout, summary)
        else:
            reporters.github(findings, sys.stdout, None)
    else:
        reporters.text(findings, sys.stdout)
    failing = {Severity.ERROR, Severity.VIOLATION} if args.strict else {Severity.ERROR}
    return EXIT_ERRORS if any(f.severity in failing for f in findings) else EXIT_OK


def _errors_note(outcome: Outcome) -> int:
    errors = sum(1 for f in outcome.findings if f.severity is Severity.ERROR)
    if errors:
        sys.stderr.write(
            f"Có {errors} lỗi trong hồ sơ; số liệu chỉ tính các hồ sơ hợp lệ. "
            "Chạy “python -m generator validate” để xem chi tiết.\n"
        )
        return EXIT_ERRORS
    return EXIT_OK


def _report(args: argparse.Namespace, as_of: date) -> int:
    outcome = _run(args, as_of)
    rows = outcome.compliance.rows
    if args.format == "json":
        sys.stdout.write(exports.report_json(rows, as_of))
    elif args.format == "csv":
        sys.stdout.write(exports.report_csv(rows, outcome.records))
    else:
        sys.stdout.write(exports.report_text(rows))
    return _errors_note(outcome)


def _build(args: argparse.Namespace, as_of: date) -> int:
    from generator.publishing import site  # noqa: PLC0415 - MkDocs is imported only when building

    outcome = _run(args, as_of)
    code = _errors_note(outcome)
    site.generate(outcome, as_of)
    del outcome  # MkDocs reads only the pages: let it reuse the records' memory
    site.render_site(args.out, as_of)
    return code


def _serve(args: argparse.Namespace, as_of: date) -> int:
    from generator.serve import serve  # noqa: PLC0415 - MkDocs is imported only when serving

    return serve(args.records, as_of, args.dev_addr, use_cache=not args.no_cache)


def _new(args: argparse.Namespace, as_of: date) -> int:
    outcome = _run(args, as_of)
    text = scaffold.visit_skeleton(outcome.records, outcome.compliance, args.official, args.start)
    path = scaffold.visit_path(args.records, args.official, args.start)
    scaffold.write_new(path, text)
    sys.stdout.write(
        f"Đã tạo {inert.terminal(path)}. "
        "Mở tệp, điền nội dung rồi tạo yêu cầu hợp nhất (pull request).\n"
    )
    return EXIT_OK


def _deadlines(args: argparse.Namespace, as_of: date) -> int:
    outcome = _run(args, as_of)
    # The terminal (or the job's log) gets record text as it is, minus controls; the
    # job summary, rendered as Markdown, gets it as inert Markdown.
    sys.stdout.write(deadlines.markdown(outcome.compliance, inert.terminal))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with Path(summary_path).open("a", encoding="utf-8") as summary:
            summary.write(deadlines.markdown(outcome.compliance))
    return _errors_note(outcome)


def _codeowners(args: argparse.Namespace, as_of: date) -> int:
    outcome = _run(args, as_of)
    sys.stdout.write(codeowners.codeowners(outcome.records, args.org))
    return _errors_note(outcome)


def _intake(args: argparse.Namespace, as_of: date) -> int:
    result = intake.intake(_read_form(args.form), args.records, as_of)
    if args.messages is not None:
        args.messages.write_text(
            "".join(f"- **{label}**: {inert.markdown(text)}\n" for label, text in result.problems),
            encoding="utf-8",
        )
    if result.path is None:
        for label, text in result.problems:
            sys.stderr.write(f"Lỗi: {label}: {inert.terminal(text)}\n")
        return EXIT_ERRORS
    sys.stdout.write(f"{inert.terminal(result.path)}\n")
    return EXIT_OK


def _read_form(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise UsageError(f"không đọc được tệp {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"tệp {path} không mã hóa UTF-8") from exc


def _issue_form(args: argparse.Namespace, as_of: date) -> int:
    outcome = _run(args, as_of)
    text = intake_form.render(outcome.records)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return _errors_note(outcome)


def _compare(args: argparse.Namespace, as_of: date) -> int:
    if not args.base.is_dir():
        raise UsageError(f"không đọc được thư mục hồ sơ: {args.base}")
    base = pipeline.run(args.base, as_of)
    head = pipeline.run(args.records, as_of)
    text = compare.markdown(compare.difference(base, head))
    sys.stdout.write(text)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with Path(summary_path).open("a", encoding="utf-8") as summary:
            summary.write(text)
    return EXIT_OK


COMMANDS = {
    "validate": _validate,
    "report": _report,
    "build": _build,
    "serve": _serve,
    "new": _new,
    "deadlines": _deadlines,
    "codeowners": _codeowners,
    "intake": _intake,
    "issue-form": _issue_form,
    "compare": _compare,
}


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        # backslashreplace: a file name that is not UTF-8 is shown escaped, never a crash.
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    try:
        args = _parser().parse_args(argv)
        as_of: date = args.as_of or date.today()  # the one place that reads the clock  # noqa: DTZ011
        if not args.records.is_dir():
            raise UsageError(f"không đọc được thư mục hồ sơ: {args.records}")
        try:
            return COMMANDS[args.command](args, as_of)
        finally:
            gc.unfreeze()  # see _keep_to_the_end; main() may run again in this process
    except GeneratorError as exc:
        # A message may quote a file or folder name: shown on one line, controls visible.
        text = str(exc) if isinstance(exc, _ArgumentError) else inert.terminal(exc)
        sys.stderr.write(f"Lỗi: {text}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not a failure
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        sys.stderr.write(
            f"Lỗi nội bộ của công cụ ({type(exc).__name__}: {inert.terminal(exc)}). "
            "Xin báo cho nhóm phát triển kèm lệnh đã chạy.\n"
        )
        if os.environ.get("GENERATOR_DEBUG"):
            raise
        return EXIT_INTERNAL


def run() -> NoReturn:
    """The command's entry point: :func:`main`, then exit without tearing the heap down.

    After a run over 100k records, freeing millions of objects one by one at
    interpreter exit takes longer than a whole warm validation (about 2 s); the
    operating system reclaims the memory at once. Output is flushed first, and
    every file this tool writes is closed before :func:`main` returns.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
