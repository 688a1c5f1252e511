"""The command line: formats, exit codes, and that nothing is written under records/."""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import pipeline
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


def test_new_visit_writes_a_valid_skeleton_and_never_overwrites(
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
    errors = [f for f in tree.findings("2019-08-07") if f.severity.value == "error"]
    assert errors == []
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
