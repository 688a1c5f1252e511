"""The command line: formats, exit codes, and that nothing is written under records/."""

from __future__ import annotations

import hashlib
import html
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline, placeholders
from generator.cli import main
from generator.domain.findings import Finding, Severity
from generator.publishing.exports import json_document
from generator.publishing.reporters import summary, workflow_command
from tests.conftest import Tree, province


def lan(tree: Tree, late: bool = True) -> Tree:
    tree.official("lan", province())
    tree.visit(
        "lan", "2019-08-05", "2019-08-06", reported_on="2019-08-12" if late else "2019-08-07"
    )
    return tree


def test_json_format_is_spec_shaped(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "validate",
                "--records",
                str(lan(tree).records),
                "--as-of",
                "2026-11-27",
                "--format",
                "json",
            ]
        )
        == 0
    )
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["as_of", "findings", "counts"]
    assert document["as_of"] == "2026-11-27"
    late = next(f for f in document["findings"] if f["rule"] == "report-late")
    assert late == {
        "rule": "report-late",
        "severity": "violation",
        "file": "records/visits/2019/lan/2019-08-05.yaml",
        "line": 9,
        "column": 14,
        "official": "lan",
        "unit": "ban-tckt",
        "year": 2019,
        "quarter": 3,
        "message": "Báo cáo nộp ngày 12/08/2019, trễ 3 ngày so với hạn 09/08/2019",
    }
    assert set(document["counts"]) == {"error", "violation", "warning", "info"}


def test_json_document_is_json_with_a_line_per_item() -> None:
    document = {
        "as_of": "2026-11-27",
        "findings": [{"message": "Trễ “3” ngày\n<b>", "line": None}, {"x": [1, 2]}],
        "empty": [],
        "counts": {"error": 0},
    }
    text = json_document(document)
    assert json.loads(text) == document
    assert text.splitlines() == [
        "{",
        '  "as_of": "2026-11-27",',
        '  "findings": [',
        '    {"message": "Trễ “3” ngày\\n<b>", "line": null},',
        '    {"x": [1, 2]}',
        "  ],",
        '  "empty": [],',
        '  "counts": {"error": 0}',
        "}",
    ]


def test_text_format_and_strict(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "validate",
        "--records",
        str(lan(tree).records),
        "--as-of",
        "2026-11-27",
        "--format",
        "text",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert (
        "records/visits/2019/lan/2019-08-05.yaml:9:14: [violation] Báo cáo nộp ngày 12/08/2019"
        in out
    )
    assert out.rstrip().splitlines()[-1].startswith("Tổng cộng: 0 lỗi,")
    assert main([*args, "--strict"]) == 1


def test_errors_exit_1(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.write("units.yaml", "units: [\n")
    assert main(["validate", "--records", str(tree.records), "--format", "text"]) == 1
    assert "(yaml-syntax)" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--records", "/no/such/folder"],
        ["validate", "--as-of", "27/11/2026"],
        ["validate", "--format", "xml"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_github_format_defaults_in_actions(
    tree: Tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    tree.write("plans/2019/q3/ban-tckt.yaml", "unit: [\n")
    assert main(["validate", "--records", str(lan(tree).records), "--as-of", "2026-11-27"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "::error file=records/plans/2019/q3/ban-tckt.yaml,line=2,col=1,title=yaml-syntax::"
    )
    assert any(line.startswith("::warning ") and "title=report-late" in line for line in lines)
    text = summary_file.read_text(encoding="utf-8")
    assert "| lỗi | `yaml-syntax` |" in text and "report-late" in text


def test_workflow_command_escaping() -> None:
    finding = Finding("schema", Severity.ERROR, "50% sai\r\nở: a, b", "records/a:b,c.yaml", 3, 4)
    assert (
        workflow_command(finding)
        == "::error file=records/a%3Ab%2Cc.yaml,line=3,col=4,title=schema::50%25 sai%0D%0Aở: a, b"
    )


def test_summary_is_cut_to_the_limit() -> None:
    many = [
        Finding("min-days", Severity.VIOLATION, "x" * 5000, official=f"o{i}", year=2019)
        for i in range(400)
    ]
    text = summary(many)
    assert len(text.encode()) <= 1024 * 1024
    assert "mục khác" in text


def test_summary_escapes_markdown(tmp_path: Path) -> None:
    text = summary([Finding("schema", Severity.ERROR, "a | b <script>", "records/x.yaml", 1, 1)])
    assert "<script>" not in text and "a &#124; b" in text


def test_report_formats(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    records = str(lan(tree).records)
    assert main(["report", "--records", records, "--as-of", "2020-01-01", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert [(r["year"], r["status"]) for r in rows] == [
        (2018, "not_met"),
        (2019, "not_met"),
        (2020, "in_progress"),
    ]
    assert list(rows[0]) == [
        "official",
        "year",
        "unit",
        "level",
        "applicable_days",
        "required_days",
        "counted_days",
        "district_visit",
        "grassroots_visit",
        "branch_meeting",
        "status",
    ]
    assert main(["report", "--records", records, "--as-of", "2020-01-01", "--format", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert csv_text.startswith("\ufeffMã cán bộ,Họ và tên,Năm,")
    assert main(["report", "--records", records, "--as-of", "2020-01-01", "--format", "text"]) == 0
    assert "Chưa đạt" in capsys.readouterr().out


def test_validation_never_writes_under_records(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    lan(tree)
    tree.write("units.yaml", "units: [\n")

    def snapshot() -> dict[str, str]:
        return {
            str(p.relative_to(tree.records)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(tree.records.rglob("*"))
            if p.is_file()
        }

    before = snapshot()
    assert len(before) > 5
    for fmt in ("text", "json", "github"):
        main(["validate", "--records", str(tree.records), "--format", fmt])
    for fmt in ("text", "json", "csv"):
        main(["report", "--records", str(tree.records), "--format", fmt])
    assert snapshot() == before


def test_internal_failure_exits_3_without_traceback(
    monkeypatch: pytest.MonkeyPatch, tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*_: object) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(pipeline, "check", boom)  # both the full and the incremental path
    assert main(["validate", "--records", str(tree.records)]) == 3
    err = capsys.readouterr().err
    assert "Lỗi nội bộ" in err and "Traceback" not in err


def test_new_visit_writes_a_skeleton_that_passes_once_filled_and_never_overwrites(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.official("binh", {"unit": "hd-tan-bien", "role": "Phó Bí thư", "from": "2016-01-01"})
    args = [
        "new",
        "visit",
        "--official",
        "binh",
        "--from",
        "2019-08-05",
        "--records",
        str(tree.records),
        "--as-of",
        "2019-08-07",
    ]
    assert main(args) == 0
    first = tree.records / "visits/2019/binh/2019-08-05.yaml"
    text = first.read_text(encoding="utf-8")
    assert (
        "tan-bien/thanh-tay/thanh-hoa" in text and "go-dau" not in text
    )  # only the official's district
    assert "reported_on: 2019-08-07" in text
    assert "#   tan-bien/thanh-tay/thanh-hoa  Ấp Thạnh Hòa" in text  # hamlets are listed
    # Untouched, its placeholder place and summary are errors, each on its own line.
    errors = [f for f in tree.findings("2019-08-07") if f.severity.value == "error"]
    assert [(f.rule, f.line) for f in errors] == [("schema", 7), ("schema", 11)]
    assert "chọn mã địa bàn" in errors[0].message and "tóm tắt thật" in errors[1].message
    filled = text.replace(placeholders.PLACE, "tan-bien/thanh-tay/thanh-hoa").replace(
        placeholders.SUMMARY, "Dự sinh hoạt chi đoàn ấp Thạnh Hòa."
    )
    first.write_text(filled.replace('["1.1"]', '["1.6"]'), encoding="utf-8")
    errors = [f for f in tree.findings("2019-08-07") if f.severity.value == "error"]
    assert errors == []
    text = first.read_text(encoding="utf-8")
    assert main(args) == 0
    assert first.read_text(encoding="utf-8") == text
    assert (tree.records / "visits/2019/binh/2019-08-05-2.yaml").exists()


def test_new_visit_keeps_record_text_inside_its_comment_lines(tree: Tree) -> None:
    """A name written as a block of several lines must not add keys to the skeleton."""
    tree.write(
        "officials/binh.yaml",
        "id: binh\nname: |\n  Trần Bình\n  reported_on: 2000-01-01\nassignments:\n"
        "  - {unit: hd-tan-bien, role: Phó Bí thư, from: 2016-01-01}\n",
    )
    args = ["new", "visit", "--official", "binh", "--from", "2019-08-05", "--as-of", "2019-08-07"]
    assert main([*args, "--records", str(tree.records)]) == 0
    text = (tree.records / "visits/2019/binh/2019-08-05.yaml").read_text(encoding="utf-8")
    assert "# Cán bộ: Trần Bình reported_on: 2000-01-01 — Huyện đoàn Tân Biên" in text
    assert [line for line in text.splitlines() if line.startswith("reported_on")] == [
        "reported_on: 2019-08-07"
    ]


def test_new_visit_for_an_unknown_official_is_a_usage_error(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "new",
                "visit",
                "--official",
                "ghost",
                "--from",
                "2019-08-05",
                "--records",
                str(tree.records),
            ]
        )
        == 2
    )
    assert "ghost" in capsys.readouterr().err
    assert not (tree.records / "visits").exists()


def test_deadlines_markdown(
    tree: Tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    tree.official("lan", province())
    tree.plan("ban-tckt", 2019, 3, "2019-07-05", "lan")
    assert main(["deadlines", "--records", str(tree.records), "--as-of", "2019-09-20"]) == 0
    out = capsys.readouterr().out
    assert "Hạn đăng ký kế hoạch Quý IV/2019: **15/10/2019** (còn 25 ngày)" in out
    # Planned, nothing reported yet: named as the record names her, with her id.
    assert "Nguyễn Văn Thử (lan)" in out.split("Chưa có báo cáo")[1]
    # The summary is the same text, with record text (here the names) as inert Markdown.
    written = summary_file.read_text(encoding="utf-8")
    assert html.unescape(written) == out


def test_unreadable_subfolder_is_a_usage_error(
    tree: Tree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree.records / "visits").mkdir()

    def refusing(real: Callable[..., object]) -> Callable[..., object]:
        def refuse(path: object, *args: object) -> object:
            if str(path).endswith("visits"):  # tests run as root: chmod would not stop them
                raise PermissionError(13, "Permission denied")
            return real(path, *args)

        return refuse

    # The walk opens a folder (where the system lists folders by descriptor) or lists it.
    monkeypatch.setattr(os, "open", refusing(os.open))
    monkeypatch.setattr(os, "scandir", refusing(os.scandir))
    assert main(["validate", "--records", str(tree.records), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "không đọc được thư mục" in err and "Traceback" not in err


def test_file_name_that_is_not_utf8_is_reported_not_crashed(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(b"b\xe1o-c\xe1o.yaml")
    (tree.records / name).write_text("a: 1\n", encoding="utf-8")
    assert main(["validate", "--records", str(tree.records), "--format", "text", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "(path-mismatch)" in out


# --- Messages a clerk can act on (issue #18) ---


def test_misspelt_official_is_one_error_with_the_closest_id(tree: Tree) -> None:
    tree.official("nguyen-thi-lan", province())
    tree.visit("nguyen-thi-lann", "2019-08-05", folder="visits/2019/nguyen-thi-lan")
    errors = [f for f in tree.findings("2019-08-10") if f.severity is Severity.ERROR]
    assert [f.rule for f in errors] == ["unknown-reference"]
    assert "có phải “nguyen-thi-lan”?" in errors[0].message
    assert "nguyen-thi-lann/" not in errors[0].message


def test_misspelt_official_and_wrong_day_keeps_the_real_folder(tree: Tree) -> None:
    tree.official("nguyen-thi-lan", province())
    tree.visit(
        "nguyen-thi-lann", "2019-08-05", name="2019-08-06", folder="visits/2019/nguyen-thi-lan"
    )
    mismatch = tree.findings("2019-08-10", rule="path-mismatch")
    assert [f.message.split("tệp phải là ")[1].split(" ")[0] for f in mismatch] == [
        "visits/2019/nguyen-thi-lan/2019-08-05.yaml"
    ]


def test_unknown_place_unit_and_content_suggest_the_closest(tree: Tree) -> None:
    tree.official("lan", province(), province("ban-tckk", "2010-01-01", "2015-12-31"))
    tree.visit("lan", "2019-08-05", places=["tan-bien/thanh-tai"], contents=["1.66"])
    messages = {f.message for f in tree.findings("2019-08-10", rule="unknown-reference")}
    assert "Đơn vị “ban-tckk” không có trong units.yaml; có phải “ban-tckt”?" in messages
    assert any(
        "“tan-bien/thanh-tai”" in m and "có phải “tan-bien/thanh-tay”?" in m for m in messages
    )
    assert any("“1.66”" in m and "có phải “1.6”?" in m for m in messages)


def test_place_typed_by_name_is_told_its_code(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", places=["Xã Thạnh Tây", "Ấp Thạnh Hòa"])
    found = tree.findings("2019-08-10", rule="schema")
    assert len(found) == 2
    assert "ghi mã “tan-bien/thanh-tay”" in found[0].message
    assert "ghi mã “tan-bien/thanh-tay/thanh-hoa”" in found[1].message


def test_day_first_date_says_how_to_write_it(tree: Tree) -> None:
    tree.official("lan", province())
    tree.write(
        "visits/2019/lan/2019-08-05.yaml",
        "official: lan\nfrom: 05/08/2019\nplaces: [tan-bien/thanh-tay]\n"
        'contents: ["1.6"]\nsummary: x\nreported_on: 2019-08-05\n',
    )
    (finding,) = tree.findings("2019-08-10", rule="schema")
    assert (finding.line, finding.column) == (2, 7)
    assert "ghi là 2019-08-05" in finding.message


def test_missing_colon_is_reported_on_its_own_line(tree: Tree) -> None:
    tree.official("lan", province())
    tree.write(
        "visits/2019/lan/2019-08-05.yaml",
        "official: lan\nfrom: 2019-08-05\nplaces: [tan-bien/thanh-tay]\n"
        'contents: ["1.6"]\nsummary: x\nreported_on 2019-08-05\n',
    )
    (finding,) = tree.findings("2019-08-10", rule="yaml-syntax")
    assert finding.line == 6
    assert "thiếu dấu hai chấm" in finding.message


# --- validate PATH ...: every error, but only the changed files' other findings ---


def _focused_tree(tree: Tree) -> Tree:
    tree.official("lan", province())
    tree.official("binh", province())
    tree.visit("lan", "2019-08-05", reported_on="2019-08-12")  # report-late
    tree.visit("binh", "2019-08-05", reported_on="2019-08-12")  # report-late
    tree.write("visits/2019/binh/2019-09-01.yaml", "official: binh\nfrom: [\n")  # an error
    return tree


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def test_paths_keep_every_error_and_only_their_own_violations(
    tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _focused_tree(tree)
    monkeypatch.chdir(tree.root)
    base = ["validate", "--records", "records", "--as-of", "2019-12-01", "--format", "json"]
    assert main(base) == 1
    everything = _json(capsys)
    assert main([*base, "records/visits/2019/lan/2019-08-05.yaml"]) == 1
    focused = _json(capsys)
    files = {(f["rule"], f["file"]) for f in focused["findings"]}
    assert ("report-late", "records/visits/2019/lan/2019-08-05.yaml") in files
    assert ("report-late", "records/visits/2019/binh/2019-08-05.yaml") not in files
    assert ("yaml-syntax", "records/visits/2019/binh/2019-09-01.yaml") in files  # errors: all
    assert focused["counts"]["violation"] < everything["counts"]["violation"]
    assert focused["counts"]["error"] == everything["counts"]["error"] == 1


def test_absolute_paths_and_person_year_findings(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.official("lan", province())
    tree.official("binh", province())
    tree.visit("lan", "2019-08-05")
    args = ["validate", "--records", str(tree.records), "--as-of", "2020-06-01", "--format", "json"]
    assert main([*args, str(tree.records / "officials/lan.yaml")]) == 0
    data = _json(capsys)
    people = {f["official"] for f in data["findings"] if f["file"] is None}
    assert people == {"lan"}  # min-days of 2019, not binh's
    assert main([*args, str(tree.records / "visits/2019/lan/2019-08-05.yaml")]) == 0
    assert {f["official"] for f in _json(capsys)["findings"] if f["file"] is None} == {"lan"}


def test_missing_plan_is_shown_for_a_plan_of_that_unit(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.official("lan", province())
    tree.plan("ban-tckt", 2019, 3, "2019-07-10", "lan")
    args = ["validate", "--records", str(tree.records), "--as-of", "2019-12-01", "--format", "json"]
    assert main([*args, str(tree.records / "plans/2019/q3/ban-tckt.yaml")]) == 0
    missing = [f for f in _json(capsys)["findings"] if f["rule"] == "plan-missing"]
    assert missing and all(f["unit"] == "ban-tckt" for f in missing)
    assert main([*args, str(tree.records / "officials/lan.yaml")]) == 0
    assert not [f for f in _json(capsys)["findings"] if f["rule"] == "plan-missing"]


def test_a_path_outside_the_records_matches_nothing(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lan(tree)
    args = ["validate", "--records", str(tree.records), "--as-of", "2019-12-01", "--format", "json"]
    assert main([*args, str(tmp_path / "elsewhere.yaml")]) == 0
    assert _json(capsys)["counts"] == {"error": 0, "violation": 0, "warning": 0, "info": 0}


# --- compare: what a change does to the figures, base and head from two Git commits ---


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def test_compare_two_commits(
    tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tree.root
    tree.official("lan", province())
    tree.official("binh", province())
    tree.visit("lan", "2019-08-05", reported_on="2019-08-20")  # late: cleared by the change
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    tree.visit("lan", "2019-08-05", reported_on="2019-08-06")  # fixed
    tree.visit("binh", "2019-09-02", reported_on="2019-09-30", summary="<b>x</b> [y](javascript:z)")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "head")
    base = tmp_path / "base"
    _git(repo, "worktree", "add", "-q", "--detach", str(base), "HEAD~1")
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    args = ["compare", "--base", str(base / "records"), "--records", str(tree.records)]
    assert main([*args, "--as-of", "2020-03-01"]) == 0
    out = capsys.readouterr().out
    assert out == summary_file.read_text(encoding="utf-8")
    assert out.startswith("<!-- di-co-so:compare -->\n")
    added = out.split("### Vi phạm, cảnh báo thêm vào")[1].split("###")[0]
    cleared = out.split("### Vi phạm, cảnh báo được gỡ")[1].split("###")[0]
    assert "`report-late` `records/visits/2019/binh/2019-09-02.yaml`" in added
    assert "`report-late` `records/visits/2019/lan/2019-08-05.yaml`" in cleared
    assert added.count("`report-late`") == 1 and cleared.count("`report-late`") == 1
    assert "<b>" not in out and "](javascript" not in out
    # Nothing changed: one sentence.
    assert (
        main(
            [
                "compare",
                "--base",
                str(base / "records"),
                "--records",
                str(base / "records"),
                "--as-of",
                "2020-03-01",
            ]
        )
        == 0
    )
    assert "Không thêm, không bớt vi phạm nào" in capsys.readouterr().out


def test_compare_reports_status_changes(
    tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = Tree(tmp_path / "head").base()
    for t in (tree, head):
        t.official("lan", {"unit": "hd-tan-bien", "role": "Bí thư", "from": "2016-01-01"})
    for month in range(1, 13):  # 60 one-day visits in 2019 with a hamlet branch meeting
        for start in (1, 8, 15, 22, 28):
            head.visit("lan", f"2019-{month:02d}-{start:02d}")
    args = ["compare", "--base", str(tree.records), "--records", str(head.records)]
    assert main([*args, "--as-of", "2020-03-01"]) == 0
    out = capsys.readouterr().out
    assert "- Nguyễn Văn Thử (lan) năm 2019: Chưa đạt → Đạt" in out
    assert "`min-days`" in out.split("### Vi phạm, cảnh báo được gỡ")[1]
