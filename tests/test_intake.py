"""intake: an issue body as GitHub renders the visit-report form, through to a record.

The bodies are written as GitHub writes them: one ``### <label>`` heading per field,
``_No response_`` for an empty optional field, a dropdown's choices joined by ", ",
checkboxes as ``- [X] label``. The form itself is the committed one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.cli import main
from generator.intake import body, fields, form
from tests.conftest import REPO, Tree, district

FORM = REPO / fields.FORM_FILE


def render(values: dict[str, str]) -> str:
    """The issue body GitHub writes for the form ``values`` (label -> typed text)."""
    parts = []
    for field in fields.FIELDS:
        value = values.get(field.id, "")
        if field is fields.INVITATION_ONLY:
            mark = "X" if value else " "
            value = f"- [{mark}] {fields.INVITATION_OPTION}"
        parts.append(f"### {field.label}\n\n{value or body.NO_RESPONSE}")
    return "\n\n".join(parts) + "\n"


GOOD = {
    "official": "Nguyễn Văn Thử (binh)",
    "from": "05/08/2019",
    "to": "06/08/2019",
    "places": "Ấp Thạnh Hòa, Xã Thạnh Tây\ntan-bien/thanh-tay",
    "contents": "1.6 — Dự sinh hoạt chi đoàn ấp, khu phố, 1.2 — Kiểm tra, giám sát",
    "assigned_by": "Thường trực Huyện đoàn",
    "summary": "Dự sinh hoạt chi đoàn ấp Thạnh Hòa;\nkiểm tra sổ sách chi đoàn.",
    "proposals": '- Lập sổ theo dõi đoàn viên đi làm ăn xa.\n- Hỗ trợ kinh phí "sửa" điểm sinh hoạt: 2 triệu.',
    "reported_on": "2019-08-07",
}


@pytest.fixture
def staffed(tree: Tree) -> Tree:
    tree.official("binh", district(start="2016-01-01"))
    return tree


def intake(tree: Tree, text: str, tmp_path: Path, as_of: str = "2019-08-10") -> int:
    form_file = tmp_path / "issue.md"
    form_file.write_text(text, encoding="utf-8")
    return main(
        ["intake", "--form", str(form_file), "--records", str(tree.records), "--as-of", as_of]
    )


def snapshot(tree: Tree) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(tree.records.rglob("*")) if p.is_file()}


def test_a_rendered_form_becomes_a_canonical_record_that_validates(
    staffed: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert intake(staffed, render(GOOD), tmp_path) == 0
    path = staffed.records / "visits/2019/binh/2019-08-05.yaml"
    assert capsys.readouterr().out.strip() == str(path)
    assert path.read_text(encoding="utf-8") == (
        "official: binh\n"
        "from: 2019-08-05\n"
        "to: 2019-08-06\n"
        "places: [tan-bien/thanh-tay/thanh-hoa, tan-bien/thanh-tay]\n"
        'contents: ["1.6", "1.2"]\n'
        'assigned_by: "Thường trực Huyện đoàn"\n'
        'summary: "Dự sinh hoạt chi đoàn ấp Thạnh Hòa; kiểm tra sổ sách chi đoàn."\n'
        "proposals:\n"
        '  - "Lập sổ theo dõi đoàn viên đi làm ăn xa."\n'
        '  - "Hỗ trợ kinh phí \\"sửa\\" điểm sinh hoạt: 2 triệu."\n'
        "reported_on: 2019-08-07\n"
    )
    errors = [f for f in staffed.findings("2019-08-10") if f.severity.value == "error"]
    assert errors == []


def test_empty_optional_fields_and_the_invitation_box(staffed: Tree, tmp_path: Path) -> None:
    values = {k: v for k, v in GOOD.items() if k not in {"to", "proposals", "reported_on"}}
    values |= {"contents": "1.5 — Dự sinh hoạt chuyên đề", "invitation_only": "x"}
    assert intake(staffed, render(values), tmp_path) == 0
    data = yaml.safe_load((staffed.records / "visits/2019/binh/2019-08-05.yaml").read_text())
    assert data["invitation_only"] is True
    assert "to" not in data and "proposals" not in data
    assert str(data["reported_on"]) == "2019-08-10"  # the day of --as-of: the report's day


def test_codes_and_iso_dates_are_accepted_too(staffed: Tree, tmp_path: Path) -> None:
    values = GOOD | {"official": "binh", "from": "2019-08-05", "contents": "1.6, 1.2"}
    assert intake(staffed, render(values), tmp_path) == 0


@pytest.mark.parametrize(
    ("change", "label", "words"),
    [
        ({"summary": "<script>alert(1)</script>"}, "Tóm tắt kết quả", "thẻ HTML"),
        ({"assigned_by": "<img src=x onerror=alert(1)>"}, "Người, cơ quan phân công", "thẻ HTML"),
        ({"official": "../../etc/passwd"}, "Cán bộ", "không có cán bộ"),
        ({"official": "../binh"}, "Cán bộ", "không có cán bộ"),
        ({"places": "../../../.github/workflows"}, "Địa bàn đã đến", "không tìm thấy địa bàn"),
        ({"places": "tan-bien/../../x"}, "Địa bàn đã đến", "không tìm thấy địa bàn"),
        ({"from": "../2019-08-05"}, "Ngày bắt đầu", "không phải là một ngày có thật"),
        ({"from": "30/02/2019"}, "Ngày bắt đầu", "không phải là một ngày có thật"),
        ({"contents": "../1.6"}, "Nội dung đã thực hiện", "không đọc được mã nội dung"),
        ({"contents": "9.9 — bịa"}, "Nội dung đã thực hiện", "không có nội dung mã “9.9”"),
        ({"official": "binhh"}, "Cán bộ", "có phải “binh”?"),
        ({"places": "tan-bien/thanh-tai"}, "Địa bàn đã đến", "có phải “tan-bien/thanh-tay”?"),
        ({"summary": "Tóm tắt\u202eẩn"}, "Tóm tắt kết quả", "ký tự điều khiển"),
        ({"summary": ""}, "Tóm tắt kết quả", "chưa điền"),
        ({"reported_on": "2019-08-01"}, "Ngày báo cáo", "(date-order)"),
        ({"from": "05/08/2030", "to": ""}, "Ngày bắt đầu", "(future-date)"),
        (
            {"contents": "1.2 — Kiểm tra", "assigned_by": ""},
            "Nội dung đã thực hiện",
            "missing-assigned-by",
        ),
    ],
)
def test_a_tampered_or_wrong_body_is_refused_naming_the_field(
    staffed: Tree,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    change: dict[str, str],
    label: str,
    words: str,
) -> None:
    before = snapshot(staffed)
    assert intake(staffed, render(GOOD | change), tmp_path) == 1
    err = capsys.readouterr().err
    assert f"Lỗi: {label}: " in err, err
    assert words in err, err
    assert "Traceback" not in err
    assert snapshot(staffed) == before


def test_every_problem_is_named_not_only_the_first(
    staffed: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = GOOD | {"official": "khong-co", "from": "32/13/2019", "places": "Xã Không Có"}
    assert intake(staffed, render(bad), tmp_path) == 1
    err = capsys.readouterr().err
    for label in ("Cán bộ", "Ngày bắt đầu", "Địa bàn đã đến"):
        assert f"Lỗi: {label}: " in err


def test_an_existing_visit_is_never_written_over(
    staffed: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert intake(staffed, render(GOOD), tmp_path) == 0
    before = snapshot(staffed)
    assert intake(staffed, render(GOOD), tmp_path) == 1  # the same trip again
    assert "trùng ngày với báo cáo đã có records/visits/2019/binh/2019-08-05.yaml" in (
        capsys.readouterr().err
    )
    assert snapshot(staffed) == before


def test_a_body_that_is_not_the_form_is_refused(
    staffed: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert intake(staffed, "Xin chào, tôi đi cơ sở hôm qua.\n", tmp_path) == 1
    err = capsys.readouterr().err
    assert "Lỗi: Cán bộ: chưa điền (bắt buộc)" in err
    assert snapshot(staffed) == snapshot(staffed)


def test_the_same_heading_twice_is_refused(staffed: Tree, tmp_path: Path) -> None:
    text = render(GOOD) + "\n### Cán bộ\n\nNguyễn Văn Thử (binh)\n"
    assert intake(staffed, text, tmp_path) == 1


def test_messages_file_is_inert_markdown(staffed: Tree, tmp_path: Path) -> None:
    messages = tmp_path / "messages.md"
    form_file = tmp_path / "issue.md"
    form_file.write_text(render(GOOD | {"official": "[x](javascript:alert(1))"}), encoding="utf-8")
    args = ["intake", "--form", str(form_file), "--records", str(staffed.records)]
    assert main([*args, "--as-of", "2019-08-10", "--messages", str(messages)]) == 1
    text = messages.read_text(encoding="utf-8")
    assert text.startswith("- **Cán bộ**: ")
    assert "](" not in text and "[x]" not in text


def test_places_by_name_with_or_without_accents_and_generic_nouns(staffed: Tree) -> None:
    from generator.domain.suggest import places_named  # noqa: PLC0415

    records = pipeline.run(staffed.records, __import__("datetime").date(2019, 8, 10)).records
    for typed in ("Xã Thạnh Tây", "thạnh tây", "xa thanh tay", "Thạnh Tây, Huyện Tân Biên"):
        assert [p.id for p in places_named(typed, records.places)] == ["tan-bien/thanh-tay"]
    assert [p.id for p in places_named("ap thanh hoa xa thanh tay", records.places)] == [
        "tan-bien/thanh-tay/thanh-hoa"
    ]


def test_committed_issue_form_is_made_from_the_records() -> None:
    """Fails when officials or contents changed and the form was not made again."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "issue-form", "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert FORM.read_text(encoding="utf-8") == result.stdout, (
        "Mẫu báo cáo đã cũ: chạy `python -m generator issue-form --out "
        f"{fields.FORM_FILE}` rồi commit"
    )


def test_issue_form_follows_githubs_schema_and_the_record_keys() -> None:
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-issue-forms", str(FORM)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    ids = [item["id"] for item in data["body"] if "id" in item]
    visit_keys = yaml.safe_load((REPO / "schema/visit.schema.json").read_text())["properties"]
    assert ids == [f.id for f in fields.FIELDS]
    assert set(ids) == set(visit_keys)
    assert data["labels"] == [fields.LABEL]
    labels = [item["attributes"]["label"] for item in data["body"] if "id" in item]
    assert labels == [f.label for f in fields.FIELDS]


def test_the_committed_form_lists_every_official_and_content(tmp_path: Path) -> None:
    records = pipeline.run(REPO / "records", __import__("datetime").date(2026, 12, 1)).records
    data = yaml.safe_load(form.render(records))
    official, contents = (
        next(i for i in data["body"] if i.get("id") == key)["attributes"]["options"]
        for key in ("official", "contents")
    )
    assert len(official) == len(records.officials) == len(set(official))
    assert {o.rsplit("(", 1)[1].rstrip(")") for o in official} == set(records.officials)
    assert [c.split(" — ")[0] for c in contents] == [code for code, _ in form.catalogue(records)]


@pytest.mark.parametrize("content", [None, b"\xff\xfe\x00bad"])
def test_an_unreadable_form_file_is_a_usage_error(
    staffed: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None
) -> None:
    path = tmp_path / "issue.md"
    if content is not None:
        path.write_bytes(content)
    args = ["intake", "--form", str(path), "--records", str(staffed.records)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and "Traceback" not in err
