"""Every output escapes record text for its own medium (issue 19).

Spreadsheets (no formula, no error value, no unopenable XML), DOCX (no character
XML 1.0 forbids), the GitHub job summary (no link, image, HTML, emphasis or table
break), workflow commands and terminal text (no raw control character).
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import docx
import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from generator import inert
from generator.cli import main
from generator.domain import periodic
from generator.domain.findings import Finding, Severity
from generator.domain.outcome import Outcome
from generator.domain.periods import quarters as quarters_between
from generator.publishing import deadlines, documents, exports, office, reporters, xlsx
from tests.conftest import LOCALITIES, UNITS, Tree, district, province
from tests.test_documents import libreoffice_convert

SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Every character a terminal acts on instead of showing it.
CONTROLS = [
    *map(chr, range(0x20)),
    "\x7f",
    *map(chr, range(0x80, 0xA0)),
    "\u2028",
    "\u2029",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]
# What XML 1.0 forbids (tab, LF and CR are allowed).
XML_ILLEGAL = [
    *(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)),
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
]
EVERY_C0 = "".join(map(chr, range(0x20)))

LINK = "[Duyệt ngay](https://evil.example/p)"
IMAGE = "![x](https://evil.example/i.png)"
HTML = "<img src=x onerror=alert(1)>"
FORGED = "\x1b[2K\r✔ 0 lỗi, 0 vi phạm"


def raw_controls(text: str) -> list[str]:
    """Control characters in ``text`` other than the line feeds that end its lines."""
    return [c for c in text.replace("\n", "") if c in CONTROLS]


# --- the helpers themselves --------------------------------------------------------


@pytest.mark.parametrize("char", CONTROLS)
def test_terminal_shows_every_control_visibly(char: str) -> None:
    shown = inert.terminal(f"a{char}b")
    assert re.fullmatch(r"a\\(t|n|r|x[0-9a-f]{2}|u[0-9a-f]{4})b", shown), shown
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp") for c in shown)
    assert shown[1:-1].encode().decode("unicode_escape") == char


def test_terminal_keeps_printable_text() -> None:
    text = "Nguyễn Thị Lan — Quý III/2019: 50% (đạt) \\d+ ☺ 𝔸"
    assert inert.terminal(text) == text
    assert inert.terminal("\t\n\r\x1b\x85\u2028\u202e") == "\\t\\n\\r\\x1b\\x85\\u2028\\u202e"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Nguyễn Văn A", "Nguyễn Văn A"),
        ("a=1", "a=1"),
        ("", ""),
        ("'=1", "'=1"),
    ],
)
def test_neutralise(value: str, shown: str) -> None:
    assert exports.neutralise(value) == shown


def test_xml_safe_replaces_exactly_what_xml_forbids() -> None:
    assert office.xml_safe("".join(XML_ILLEGAL)) == "\ufffd" * len(XML_ILLEGAL)
    legal = "\t\n\r Tây Ninh \x7f\x85\u2028\ud7ff\ue000\ufffd\U0001f600"
    assert office.xml_safe(legal) == legal


# --- CSV and XLSX --------------------------------------------------------------------

HYPERLINK = '=HYPERLINK("https://evil.example/p","Bấm")'
CMD = "@SUM(1+1)*cmd|' /C calc'!A0"
DISTRICT = '=HYPERLINK("https://evil.example/d")'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """Names of units, officials and places that a spreadsheet would run as formulas."""
    tree = Tree(tmp_path_factory.mktemp("formulas")).base()
    units = copy.deepcopy(UNITS)
    units[0]["name"] = HYPERLINK
    units[1]["name"] = CMD
    tree.write("units.yaml", {"units": units})
    tree.write("localities/tan-bien.yaml", {**LOCALITIES["tan-bien"], "name": DISTRICT})
    tree.write(
        "officials/lan.yaml", {"id": "lan", "name": "+Nguyễn Thị Lan", "assignments": [province()]}
    )
    tree.write("officials/binh.yaml", {"id": "binh", "name": "-2+3", "assignments": [district()]})
    tree.write("officials/an.yaml", {"id": "an", "name": "#N/A", "assignments": [province()]})
    tree.visit("lan", "2019-08-05", "2019-08-06", reported_on="2019-08-12")
    outcome = tree.run("2019-12-31")
    names = {o.name for o in outcome.records.officials.values()}
    assert names == {"+Nguyễn Thị Lan", "-2+3", "#N/A"}  # the hostile names are valid records
    return outcome


def csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def sheet_cells(data: bytes) -> dict[str, list[ET.Element]]:
    """Every ``<c>`` of every worksheet; every XML part must parse (strict XML 1.0)."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                root = ET.fromstring(package.read(name))  # noqa: S314 - our own output
                if name.startswith("xl/worksheets/"):
                    found[name] = list(root.iter(f"{SHEET}c"))
    assert found
    return found


def assert_no_formula(data: bytes) -> None:
    for name, cells in sheet_cells(data).items():
        for cell in cells:
            assert cell.find(f"{SHEET}f") is None, (name, cell.get("r"))
            kind = cell.get("t")
            assert kind in ("inlineStr", "n"), (name, cell.get("r"), kind)
            if kind == "inlineStr":
                text = "".join(t.text or "" for t in cell.iter(f"{SHEET}t"))
                assert not text.startswith(FORMULA_START), (name, cell.get("r"), text)


def test_csv_cells_never_start_a_formula(hostile: Outcome) -> None:
    rows = csv_rows(exports.report_csv(hostile.compliance.rows, hostile.records))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    by_official = {row[0]: row for row in rows[1:]}
    assert by_official["lan"][1] == "'+Nguyễn Thị Lan" and by_official["lan"][4] == f"'{HYPERLINK}"
    assert by_official["binh"][1] == "'-2+3" and by_official["binh"][4] == f"'{CMD}"
    assert by_official["an"][1] == "#N/A"
    assert by_official["lan"][2] in ("2018", "2019") and by_official["lan"][6].isdigit()


def test_xlsx_stores_text_as_text_and_shows_what_csv_shows(hostile: Outcome) -> None:
    rows = hostile.compliance.rows
    data = xlsx.compliance_workbook(rows, hostile.records, hostile.compliance.as_of)
    assert_no_formula(data)
    sheet = load_workbook(io.BytesIO(data))["Kết quả"]
    values = list(sheet.iter_rows(values_only=True))
    assert [[str(v) for v in row] for row in values] == csv_rows(
        exports.report_csv(rows, hostile.records)
    )
    numbers = [row[6:9] for row in values[1:]]
    assert numbers and all(isinstance(v, int) for row in numbers for v in row)
    assert {row[1] for row in values[1:]} == {"'+Nguyễn Thị Lan", "'-2+3", "#N/A"}


def test_year_workbook_has_no_formula(hostile: Outcome) -> None:
    compliance = hostile.compliance
    rows = [r for r in compliance.rows if r.year == 2019]
    quarters = [
        periodic.quarter_report(compliance, q)
        for q in quarters_between(date(2019, 1, 1), date(2019, 12, 31))
    ]
    data = xlsx.year_workbook(compliance, rows, quarters, 2019)
    assert_no_formula(data)
    workbook = load_workbook(io.BytesIO(data))
    places = workbook["Địa bàn"]
    # Title row, header row, then numbered rows (name in column B) and a total row.
    districts = {row[1].value: row for row in list(places.iter_rows(min_row=3))[:-1]}
    assert set(districts) == {"Huyện Gò Dầu", f"'{DISTRICT}"}
    assert districts[f"'{DISTRICT}"][1].data_type == "s"
    assert all(isinstance(cell.value, int) for cell in districts[f"'{DISTRICT}"][2:-1])
    visits = workbook["Đợt đi cơ sở"]
    assert visits["B3"].value == "'+Nguyễn Thị Lan"
    assert isinstance(visits["C3"].value, datetime) and visits["C3"].number_format == "DD/MM/YYYY"


def test_xlsx_cells_with_any_character_open(tmp_path: Path) -> None:
    """Controls, non-characters and lone surrogates cannot make a workbook unopenable."""
    values: list[object] = [
        "=1+1",
        "\t=1",
        "\r=1",
        "#N/A",
        "#REF!",
        "a\x01b",
        EVERY_C0,
        "\ufffe\uffff",
        "x\ud800",
        "dài" * 20000,
        -5,
        2.5,
        date(2019, 8, 5),
    ]
    workbook = Workbook(write_only=True)
    xlsx.sheet(workbook, "Thử", ["Giá trị"], [[v] for v in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert_no_formula(buffer.getvalue())
    cells = [row[0] for row in load_workbook(buffer)["Thử"].iter_rows(min_row=2)]
    assert [c.data_type for c in cells] == ["s"] * 10 + ["n", "n", "d"]
    shown = [c.value for c in cells]
    assert shown[:3] == ["'=1+1", "'\t=1", "'\r=1"]
    assert shown[3:6] == ["#N/A", "#REF!", "a\ufffdb"]
    assert shown[6] == "\ufffd" * 9 + "\t\n" + "\ufffd" * 2 + "\r" + "\ufffd" * 18
    assert shown[7:9] == ["\ufffd\ufffd", "x\ufffd"]
    assert shown[9] == ("dài" * 20000)[: xlsx.CELL_LIMIT - 1] + "…"
    assert len(str(shown[9])) == xlsx.CELL_LIMIT == 32767
    assert shown[10:12] == [-5, 2.5] and shown[12] == datetime(2019, 8, 5)  # noqa: DTZ001


# --- DOCX ----------------------------------------------------------------------------


def docx_parts_parse(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            ET.fromstring(package.read(name))  # noqa: S314 - strict XML 1.0, as Word reads it


def test_docx_runs_cannot_hold_xml_illegal_characters(tmp_path: Path) -> None:
    hostile = "Tên: " + EVERY_C0 + "".join(XML_ILLEGAL[-4:]) + " hết"
    document = office.Docx("Tiêu đề\x01\ufffe")
    document.add(
        office.paragraph(hostile),
        office.paragraph(office.Run("in đậm\x0b", bold=True)),
        office.table([["Cột\x02", "Số"], ["ô\x1f", "1"]], [80, 40]),
    )
    data = document.save(date(2019, 1, 1))
    docx_parts_parse(data)
    path = tmp_path / "thu.docx"
    path.write_bytes(data)
    opened = docx.Document(str(path))
    assert opened.paragraphs[0].text == (
        "Tên: "
        + "\ufffd" * 9
        + "\t\n"
        + "\ufffd" * 2
        + "\n"
        + "\ufffd" * 18
        + "\ufffd" * 4
        + " hết"
    )
    assert opened.paragraphs[1].text == "in đậm\ufffd"
    assert [c.text for c in opened.tables[0].rows[1].cells] == ["ô\ufffd", "1"]
    assert opened.core_properties.title == "Tiêu đề\ufffd\ufffd"


@pytest.mark.slow
def test_report_documents_with_control_characters_open_everywhere(tmp_path: Path) -> None:
    """Through the document builders, and opened by python-docx and LibreOffice."""
    tree = Tree(tmp_path / "tree").base()
    tree.official("lan", province())
    tree.official("binh", district())  # a district union reports only if it had an official
    tree.visit("lan", "2019-08-05", "2019-08-06")
    outcome = tree.run("2019-12-31")
    compliance = outcome.compliance
    official = dataclasses.replace(
        outcome.records.officials["lan"], name="Nguyễn Thị Lan" + EVERY_C0 + "\ud800"
    )
    row = next(r for r in compliance.rows if r.official == "lan" and r.year == 2019)
    personal = tmp_path / "lan-2019.docx"
    personal.write_bytes(documents.official_document(compliance, official, row, compliance.as_of))
    report = periodic.year_report(compliance, 2019)
    report.province.proposals.append(
        periodic.Proposal("lan", date(2019, 8, 5), (), "Đề xuất\x01 lập sổ\x02 theo dõi")
    )
    unit = dataclasses.replace(outcome.records.units["hd-tan-bien"], name="Huyện đoàn\x03 Tân Biên")
    province_report = tmp_path / "tinh.docx"
    province_report.write_bytes(
        documents.report_document(compliance, report, None, compliance.as_of)
    )
    district_report = tmp_path / "huyen.docx"
    district_report.write_bytes(
        documents.report_document(compliance, report, unit, compliance.as_of)
    )
    for path in (personal, province_report, district_report):
        docx_parts_parse(path.read_bytes())
        text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        assert not set(text) & set(XML_ILLEGAL), path
    personal_text = "\n".join(p.text for p in docx.Document(str(personal)).paragraphs)
    assert "Họ và tên: Nguyễn Thị Lan\ufffd" in personal_text
    province_text = "\n".join(p.text for p in docx.Document(str(province_report)).paragraphs)
    assert "- Đề xuất\ufffd lập sổ\ufffd theo dõi" in province_text
    assert "BCH HUYỆN ĐOÀN\ufffd TÂN BIÊN" in "\n".join(
        c.text for t in docx.Document(str(district_report)).tables for r in t.rows for c in r.cells
    )
    converted = libreoffice_convert(personal, "txt:Text (encoded):UTF8", tmp_path / "lo")
    assert "Họ và tên: Nguyễn Thị Lan" in converted.read_text(encoding="utf-8-sig")


# --- job summary and workflow commands -----------------------------------------------


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def rendered(text: str) -> _Elements:
    """``text`` rendered as Markdown with tables and autolinks of bare URLs and addresses."""
    html = markdown.markdown(text, extensions=["tables", "pymdownx.magiclink"])
    parser = _Elements()
    parser.feed(html)
    return parser


PAYLOADS = [
    LINK,
    IMAGE,
    HTML,
    "a | b || c",
    "dòng một\r\n\n| x | y |\n|---|---|\n| 1 | 2 |",
    "**đậm** _nghiêng_ ~~gạch~~ `mã`",
    "https://evil.example/a www.evil.example x@evil.example <https://evil.example/b>",
    "[ref]: https://evil.example/r\n[ref]",
    "<script>alert(1)</script> &lt;b&gt; &#60;i&#62;",
    "# Tiêu đề giả",
    "- mục giả\n- mục giả khác",
    "1. mục giả",
    "> trích dẫn",
    "    mã thụt lề",
    "===",
    FORGED,
]


def test_job_summary_keeps_record_text_inert() -> None:
    findings = [
        Finding("schema", Severity.ERROR, payload, f"records/officials/{i}{LINK}.yaml", 1, 2)
        for i, payload in enumerate(PAYLOADS)
    ]
    text = reporters.summary(findings)
    page = rendered(text)
    assert set(page.tags) <= {"h2", "p", "table", "thead", "tbody", "tr", "th", "td", "code"}
    assert page.tags.count("tr") == 1 + len(findings)  # no row cut, none forged
    shown = page.cells[4:]
    assert len(shown) == 4 * len(findings)
    messages = {shown[i + 2]: shown[i + 3] for i in range(0, len(shown), 4)}
    assert messages == {
        f"records/officials/{i}{LINK}.yaml:1:2": inert.terminal(payload).strip()
        for i, payload in enumerate(PAYLOADS)
    }


def test_job_summary_payloads_render_live_without_escaping() -> None:
    """The renderer above does make links, images and HTML of the raw payloads."""
    page = rendered("\n\n".join(PAYLOADS))
    assert {"a", "img", "strong", "em", "script", "table"} <= set(page.tags)


def test_deadlines_summary_keeps_record_text_inert(tmp_path: Path) -> None:
    """Unit and official names reach the reminder as inert text (a name is one printable line)."""
    names = [p for p in PAYLOADS if p.isprintable()]

    def reminder(names: list[str], inline: Callable[[object], str] = inert.markdown) -> str:
        tree = Tree(tmp_path / f"t{len(list(tmp_path.iterdir()))}").base()
        units = [{"id": f"ban-{i}", "name": n, "level": "province"} for i, n in enumerate(names)]
        tree.write("units.yaml", {"units": units})
        for i, name in enumerate(names):
            assignment = province(f"ban-{i}")
            tree.write(
                f"officials/cb-{i}.yaml",
                {"id": f"cb-{i}", "name": name, "assignments": [assignment]},
            )
            if i % 2:  # a plan but no report yet: named among the silent officials
                tree.plan(f"ban-{i}", 2019, 3, "2019-07-05", f"cb-{i}")
        outcome = tree.run("2019-09-20")
        assert not [f for f in outcome.findings if f.severity is Severity.ERROR]
        return deadlines.markdown(outcome.compliance, inline)

    summary = reminder(names)
    page = rendered(summary)
    assert page.tags == rendered(reminder([f"Ban {i}" for i in range(len(names))])).tags
    assert not {"a", "img", "em", "script", "table", "del"} & set(page.tags)
    assert page.tags.count("h2") == 1 and page.tags.count("strong") == 1  # the deadline
    for name in names:
        assert _text_of(summary).count(name) >= 2  # a missing plan, and waiting or silent
    assert not raw_controls(reminder(names, inert.terminal))


def _text_of(markdown_text: str) -> str:
    parser = HTMLParser(convert_charrefs=True)
    chunks: list[str] = []
    parser.handle_data = chunks.append  # type: ignore[method-assign,assignment]
    parser.feed(markdown_text)
    return "".join(chunks)


def test_workflow_commands_stay_one_inert_line() -> None:
    finding = Finding(
        "schema",
        Severity.ERROR,
        f"{FORGED}\n::error::giả mạo\x85\u2028",
        "records/a\x1b[31m.yaml",
        3,
        4,
    )
    command = reporters.workflow_command(finding)
    assert command == (
        "::error file=records/a\\x1b[31m.yaml,line=3,col=4,title=schema::"
        "\\x1b[2K%0D✔ 0 lỗi, 0 vi phạm%0A::error::giả mạo\\x85\\u2028"
    )
    out = io.StringIO()
    reporters.github([finding], out, None)
    assert not raw_controls(out.getvalue()) and out.getvalue().count("\n") == 2


# --- terminal text -------------------------------------------------------------------


def test_text_findings_are_one_visible_line_each() -> None:
    findings = [
        Finding(
            "schema", Severity.ERROR, FORGED + "\nrecords/x.yaml:1:1: [error] giả", "a\tb.yaml"
        ),
        Finding("min-days", Severity.VIOLATION, "x\u2028y\x9b2J", official="lan\x1b", year=2019),
    ]
    out = io.StringIO()
    reporters.text(findings, out)
    lines = out.getvalue().split("\n")
    assert lines[-1] == "" and len(lines) == len(findings) + 2
    assert lines[0] == (
        "a\\tb.yaml: [error] \\x1b[2K\\r✔ 0 lỗi, 0 vi phạm\\nrecords/x.yaml:1:1: [error] giả (schema)"
    )
    assert lines[1] == "[lan\\x1b 2019]: [violation] x\\u2028y\\x9b2J (min-days)"
    assert not raw_controls(out.getvalue())


def test_report_text_shows_controls_visibly(tmp_path: Path) -> None:
    tree = Tree(tmp_path).base()
    tree.official("lan", province())
    row = tree.run("2019-12-31").compliance.rows[0]
    hostile = dataclasses.replace(row, official="lan\x1b[2K\r", unit="ban\x07")
    text = exports.report_text([hostile, row])
    assert not raw_controls(text)
    assert "lan\\x1b[2K\\r" in text and "ban\\x07" in text
    assert len(text.splitlines()) == 2 + 2 + 1


@pytest.fixture
def escaping_tree(tree: Tree) -> Tree:
    """A file name with an escape sequence, and a field whose value a finding quotes."""
    tree.write(
        "officials/x\x1b[2Ky.yaml",
        {
            "id": "x",
            "name": "Nguyễn Văn X",
            "assignments": [{"unit": FORGED, "role": "Chuyên viên", "from": "2019-01-01"}],
        },
    )
    return tree


def test_validate_text_never_sends_controls(
    escaping_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    records = str(escaping_tree.records)
    assert main(["validate", "--records", records, "--format", "text", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert not raw_controls(out)
    assert "records/officials/x\\x1b[2Ky.yaml" in out
    # The value is not quoted: the finding names the character by its code point.
    assert "U+001B" in out and "✔ 0 lỗi" not in out
    assert out.splitlines()[-1].startswith("Tổng cộng: ")


def test_validate_github_never_sends_controls(
    escaping_tree: Tree,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    records = str(escaping_tree.records)
    assert main(["validate", "--records", records, "--format", "github", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert not raw_controls(out) and not raw_controls(summary.read_text(encoding="utf-8"))
    assert "file=records/officials/x\\x1b[2Ky.yaml" in out


def test_validate_json_escapes_controls(
    escaping_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    records = str(escaping_tree.records)
    assert main(["validate", "--records", records, "--format", "json", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert not raw_controls(out)
    files = {f["file"] for f in json.loads(out)["findings"]}
    assert "records/officials/x\x1b[2Ky.yaml" in files  # exact, once decoded


def test_cli_errors_show_names_visibly(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--records", str(tree.root / "không\x1b[2Kcó")]) == 2
    err = capsys.readouterr().err
    assert not raw_controls(err) and "không\\x1b[2Kcó" in err and err.count("\n") == 1
    assert main(["validate", "--records", str(tree.records), "--format", "\x1b[31mx"]) == 2
    err = capsys.readouterr().err
    assert not raw_controls(err)
    assert err.startswith("Lỗi: argument --format: invalid choice: '\\x1b[31mx'")
    assert err.splitlines()[1].startswith("usage: ")  # the usage lines stay lines


# --- properties ----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_terminal_property(value: str) -> None:
    shown = inert.terminal(value)
    assert not raw_controls(shown) and "\n" not in shown
    assert (shown == value) == (not set(value) & set(CONTROLS))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_job_summary_cell_shows_exactly_the_text(value: str) -> None:
    page = rendered(f"| a |\n|---|\n| {inert.markdown(value)} |\n")
    assert page.tags == ["table", "thead", "tr", "th", "tbody", "tr", "td"]
    assert page.cells[1] == inert.terminal(value).strip(" ")  # a cell drops its padding
