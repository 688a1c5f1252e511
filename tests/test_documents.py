"""DOCX reports and XLSX workbooks: opened with python-docx and openpyxl, checked against report."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook

from generator import pipeline
from generator.domain import periodic
from generator.domain.compliance import Status
from generator.domain.outcome import Outcome
from generator.domain.periods import Quarter
from generator.publishing import documents, exports, naming
from generator.publishing.letterhead import letterhead
from generator.vietnamese import name_key
from tests.conftest import REPO, Tree, district
from tests.site_fixture import build_small, small_tree

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Outcome, Path]:
    return build_small(tmp_path_factory.mktemp("documents"))


def texts(document: docx.document.Document) -> list[str]:
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            found += [cell.text for cell in row.cells]
    return found


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def closing_keeps_together(document: docx.document.Document) -> bool:
    """The last body paragraph keeps with the signature table, whose row never splits."""
    body = document.element.body
    last_table = body.findall(f"{W}tbl")[-1]
    before = last_table.getprevious()
    keep = before is not None and before.find(f"{W}pPr/{W}keepNext") is not None
    return keep and last_table.find(f"{W}tr/{W}trPr/{W}cantSplit") is not None


def test_every_report_document_has_the_dang_layout(built: tuple[Outcome, Path]) -> None:
    _, out = built
    files = sorted((out / "van-ban").rglob("*.docx"))
    assert len(files) > 20
    for path in files:
        document = docx.Document(str(path))
        section = document.sections[0]
        sizes = (
            section.page_width,
            section.page_height,
            section.left_margin,
            section.right_margin,
            section.top_margin,
            section.bottom_margin,
        )
        mm = [size.mm for size in sizes if size is not None]
        assert len(mm) == len(sizes), path
        width, height, left, right, top, bottom = mm
        assert (round(width), round(height)) == (210, 297), path
        assert max(abs(left - 30), abs(right - 15), abs(top - 20), abs(bottom - 20)) < 0.5, path
        assert document.styles.element.xpath("//w:rFonts/@w:ascii") == ["Times New Roman"]
        # Decree 30: page numbers from the second page, a PAGE field centred in the header.
        assert section.different_first_page_header_footer, path
        assert " PAGE " in section.header._element.xml
        assert section.header.paragraphs[0].alignment == 1  # centre
        assert "PAGE" not in section.first_page_header._element.xml
        assert closing_keeps_together(document), path
        text = "\n".join(texts(document))
        assert "ĐOÀN TNCS HỒ CHÍ MINH" in text and "BÁO CÁO" in text
        assert "Tây Ninh, ngày" in text
        if "can-bo" in path.parts:
            assert "Số:" not in text, path  # a personal report has no organisation number
            continue
        assert re.search(r"Số:\s+-BC/TĐTN", text), path
        for heading in (
            "I. TÌNH HÌNH CHUNG",
            "II. KẾT QUẢ THỰC HIỆN",
            "III. ĐÁNH GIÁ CHUNG",
            "2. Tồn tại, hạn chế",
            "IV. ĐỀ XUẤT, KIẾN NGHỊ",
            "V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            "Nơi nhận:",
        ):
            assert heading in text, (path, heading)
        highlighted = document.element.body.xpath(".//w:highlight/ancestor::w:p")
        assert highlighted, path  # "Phương hướng" is marked for the office to complete


def header_text(document: docx.document.Document) -> str:
    return "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)


def rows_of(document: docx.document.Document, first_header: str) -> list[list[str]]:
    table = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "STT" and t.rows[0].cells[1].text == first_header
    )
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def test_province_report_comes_from_settings_and_matches_figures(
    built: tuple[Outcome, Path],
) -> None:
    outcome, out = built
    document = docx.Document(str(out / "van-ban/quy-2019-3/tinh.docx"))
    text = "\n".join(texts(document))
    assert "BCH ĐOÀN TỈNH TÂY NINH" in text and "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN" in text
    assert "Nguyễn\u00a0Văn\u00a0Ký" in text  # the signatory's name never breaks
    figures = {row[1]: row[2] for row in rows_of(document, "Chỉ tiêu")}
    # Q3 2019: Lan 05–06/08 (2 days), Bình 10/09 (1 day); both counted.
    assert figures["Số đợt đi cơ sở"] == "2" and figures["Số ngày được tính"] == "3"
    assert figures["Số báo cáo kết quả nộp trễ hạn"] == "1"
    assert "Lập sổ theo dõi đoàn viên." in text  # a proposal from the visit report ...
    # ... under its unit, with its place in running text and who brought it.
    assert re.search(
        r"Ban Tổ chức - Kiểm tra\n- Lập sổ theo dõi đoàn viên\. \(ấp Thạnh Hòa, "
        r"xã Thạnh Tây, huyện Tân Biên; huyện Tân Biên – Nguyễn Thị Lan, 05/08/2019\)",
        text,
    ), text
    # The quarterly summary goes to the standing committee, not to the centre (IV.1 Bước 6).
    assert "- Thường trực Tỉnh đoàn;" in text and "Trung ương" not in text
    assert "năm 2019" in header_text(document)  # signed just after the quarter
    del outcome


def test_annual_report_counts_equal_report_rows(built: tuple[Outcome, Path]) -> None:
    outcome, out = built
    document = docx.Document(str(out / "van-ban/nam-2019/tinh.docx"))
    text = "\n".join(texts(document))
    by_label = {row[1]: row[2] for row in rows_of(document, "Kết quả")}
    rows = [r for r in outcome.compliance.rows if r.year == 2019]
    for status in Status:
        if status is not Status.IN_PROGRESS:
            assert by_label[status.label] == str(sum(r.status is status for r in rows)), status
    assert by_label["Tổng cộng"] == str(len(rows))
    for row in rows:
        name = outcome.records.officials[row.official].name
        assert re.search(rf"- {row.status.label} \(\d+\): [^\n]*{re.escape(name)}", text), name
    # The annual report goes to the centre too, and its units' table has STT and a total.
    assert "- Ban Tổ chức Trung ương Đoàn;" in text
    units = rows_of(document, "Đơn vị")
    assert [r[0] for r in units[:-1]] == [str(i) for i in range(1, len(units))]
    assert units[-1][1] == "Tổng cộng"
    assert "năm 2019" in header_text(document)


def test_district_union_report(built: tuple[Outcome, Path]) -> None:
    out = built[1]
    text = "\n".join(texts(docx.Document(str(out / "van-ban/quy-2019-3/hd-tan-bien.docx"))))
    assert "BCH HUYỆN ĐOÀN TÂN BIÊN" in text and "TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN TÂN BIÊN" in text
    assert "Trần Văn Bình" in text  # plan against actual
    assert "- Ban Thường vụ Tỉnh đoàn (qua Ban Tổ chức - Kiểm tra);" in text


def test_no_report_for_a_unit_without_an_official_in_the_period(
    built: tuple[Outcome, Path],
) -> None:
    outcome, out = built
    # hd-go-dau never had an official in the small tree; hd-tan-bien has one in every quarter.
    assert not list((out / "van-ban").rglob("hd-go-dau.docx"))
    assert (out / "van-ban/quy-2019-3/hd-tan-bien.docx").is_file()
    del outcome


def test_unit_without_official_in_the_period_has_no_section(tmp_path: Path) -> None:
    tree = small_tree(tmp_path)
    tree.official("cu-can-bo", district("hd-go-dau", start="2018-05-01", end="2018-12-31"))
    compliance = tree.run("2020-03-20").compliance
    before = periodic.quarter_report(compliance, Quarter(2018, 4))
    after = periodic.quarter_report(compliance, Quarter(2019, 3))
    assert "hd-go-dau" in {s.key for s in before.units}
    assert "hd-go-dau" not in {s.key for s in after.units}


@pytest.fixture(scope="module")
def demo() -> Outcome:
    return pipeline.run(REPO / "records", date(2026, 11, 27))


def test_demo_documents_follow_settings_by_unit_and_kind(demo: Outcome) -> None:
    compliance = demo.compliance
    year = periodic.year_report(compliance, 2025)
    assert year.span.last == date(2025, 9, 30)  # the demo policies' annual_cutoff
    unit = demo.records.units["hd-tan-bien"]
    document = docx.Document(
        io.BytesIO(documents.report_document(compliance, year, unit, compliance.as_of))
    )
    text = "\n".join(texts(document))
    assert "BCH ĐOÀN HUYỆN TÂN BIÊN" in text and "Tân Biên, ngày" in text
    assert re.search(r"Số:\s+-BC/HĐTN", text) and "Tây Ninh, ngày" not in text
    assert "Trần\u00a0Văn\u00a0Bảo" in text and "BÍ THƯ" in text
    assert "30/09/2025" in text and "năm 2025" in header_text(document)
    section = next(s for s in year.units if s.key == "hd-tan-bien")
    by_label = {row[1]: row[2] for row in rows_of(document, "Kết quả")}
    counts = section.statuses()
    assert by_label[Status.MET.label] == str(counts[Status.MET])
    assert by_label[Status.NOT_MET.label] == str(counts[Status.NOT_MET])
    province = docx.Document(
        io.BytesIO(documents.report_document(compliance, year, None, compliance.as_of))
    )
    assert "- Ban Tổ chức Trung ương Đoàn;" in "\n".join(texts(province))
    quarter = periodic.quarter_report(compliance, Quarter(2025, 2))
    quarterly = "\n".join(
        texts(
            docx.Document(
                io.BytesIO(documents.report_document(compliance, quarter, None, compliance.as_of))
            )
        )
    )
    assert "- Thường trực Tỉnh đoàn;" in quarterly and "Trung ương" not in quarterly
    # Each official of the union: the days required for the year, done, and the result.
    people = next(
        t
        for t in document.tables
        if len(t.columns) > 2 and t.rows[0].cells[2].text.startswith("Số ngày phải")
    )
    by_name = {r.cells[1].text: r for r in people.rows[1:-1]}
    assert len(by_name) == len(section.rows)
    for row in section.rows:
        line = by_name[demo.records.officials[row.official].name]
        assert line.cells[2].text == str(row.required_days)
        assert line.cells[4].text.startswith(row.status.label)
    # Every proposal of the period is in the document, under its unit.
    for proposal in section.proposals:
        assert proposal.text in text


def test_official_yearly_result_matches_report(built: tuple[Outcome, Path]) -> None:
    outcome, out = built
    for row in outcome.compliance.rows:
        document = docx.Document(str(out / f"van-ban/can-bo/{row.official}-{row.year}.docx"))
        figures = {r.cells[0].text: r.cells[1].text for r in document.tables[1].rows[1:]}
        assert figures["Số ngày thuộc diện áp dụng"] == str(row.applicable_days)
        assert figures["Số ngày phải đi cơ sở"] == str(row.required_days)
        assert figures["Số ngày đã đi cơ sở (được tính)"] == str(row.counted_days)
        assert figures["Đánh giá"] == row.status.label
        text = "\n".join(texts(document))
        assert "Số:" not in text and f"năm {row.year}" in header_text(document)
        if outcome.compliance.counted_visits(row.official, row.year):
            visits = rows_of(document, "Từ ngày")
            assert visits[-1][1] == "Tổng cộng" and visits[-1][3] == str(row.counted_days)
            assert sum(int(v[3]) for v in visits[:-1]) == row.counted_days
    lan = docx.Document(str(out / "van-ban/can-bo/nguyen-thi-lan-2019.docx"))
    assert "ấp Thạnh Hòa, xã Thạnh Tây, huyện Tân Biên; huyện Tân Biên" in "\n".join(texts(lan))


def test_place_names_in_running_text() -> None:
    assert naming.running("Xã Long Thuận") == "xã Long Thuận"
    assert naming.running("Huyện Bến Cầu") == "huyện Bến Cầu"
    assert naming.running("Thị xã Hòa Thành") == "thị xã Hòa Thành"
    assert naming.running("Thành phố Tây Ninh") == "thành phố Tây Ninh"
    assert naming.running("Phường 3") == "Phường 3"  # a number keeps its noun's capital
    assert naming.running("Phường IV") == "Phường IV"
    assert naming.running("Khu phố 1") == "Khu phố 1"
    assert naming.running("Ấp An Lộc") == "ấp An Lộc"
    assert naming.running("Đoàn xã Tân Ninh") == "Đoàn xã Tân Ninh"


def test_every_workbook_opens_with_typed_cells_filters_and_print_setup(
    built: tuple[Outcome, Path],
) -> None:
    out = built[1]
    files = sorted((out / "data").glob("*.xlsx"))
    assert len(files) >= 3
    for path in files:
        workbook = load_workbook(path)
        for sheet in workbook.worksheets:
            header = 1 if path.name == "compliance.xlsx" else 2
            assert sheet.freeze_panes == f"A{header + 1}", (path, sheet.title)
            assert all(isinstance(cell.value, str) and cell.value for cell in sheet[header])
            assert sheet.auto_filter.ref.startswith(f"A{header}:"), (path, sheet.title)
            setup = sheet.page_setup
            assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
                "landscape",
                9,
                1,
                0,
            )
            fit = sheet.sheet_properties.pageSetUpPr
            assert fit is not None and fit.fitToPage
            assert sheet.print_title_rows == f"$1:${header}"


def test_compliance_workbook_is_the_csv(built: tuple[Outcome, Path]) -> None:
    outcome, out = built
    sheet = load_workbook(out / "data/compliance.xlsx")["Kết quả"]
    values = [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    csv_text = exports.report_csv(outcome.compliance.rows, outcome.records)
    assert values == list(csv.reader(io.StringIO(csv_text.removeprefix("\ufeff"))))


def test_year_workbooks(built: tuple[Outcome, Path]) -> None:
    outcome, out = built
    workbook = load_workbook(out / "data/nam-2019.xlsx")
    assert workbook.sheetnames == ["Kết quả", "Theo đơn vị", "Theo quý", "Địa bàn", "Đợt đi cơ sở"]
    for sheet in workbook.worksheets:
        assert sheet["A1"].value and "2019" in sheet["A1"].value  # the title row
        assert sheet["A2"].value == "STT"
        body: list[tuple[Any, ...]] = list(sheet.iter_rows(min_row=3, values_only=True))
        assert [r[0] for r in body[:-1]] == list(range(1, len(body)))  # numbered rows
        assert body[-1][1].startswith("Tổng cộng")
    results = list(workbook["Kết quả"].iter_rows(min_row=3, values_only=True))[:-1]
    expected = [r for r in outcome.compliance.rows if r.year == 2019]
    names = {o.id: o.name for o in outcome.records.officials.values()}
    # Names in Vietnamese order (given name first), the ids last.
    assert [r[1] for r in results] == sorted((names[r.official] for r in expected), key=name_key)
    by_id = {r[-2]: r for r in results}
    for row in expected:
        line = by_id[row.official]
        assert line[1] == names[row.official] and line[-1] == row.unit
        assert (line[5], line[6], line[7], line[11]) == (
            row.applicable_days,
            row.required_days,
            row.counted_days,
            row.status.label,
        )
    total = list(workbook["Kết quả"].iter_rows(min_row=3, values_only=True))[-1]
    assert total[7] == sum(r.counted_days for r in expected)
    visits: list[tuple[Any, ...]] = list(
        workbook["Đợt đi cơ sở"].iter_rows(min_row=3, values_only=True)
    )
    assert visits[0][1] == "Nguyễn Thị Lan" and visits[0][2].date() == date(2019, 8, 5)
    assert visits[0][4] == 2 and visits[0][8].date() == date(2019, 8, 12)
    assert visits[0][5] == "ấp Thạnh Hòa, xã Thạnh Tây, huyện Tân Biên; huyện Tân Biên"
    assert visits[0][9] == "nguyen-thi-lan"
    assert workbook["Đợt đi cơ sở"]["C3"].number_format == "DD/MM/YYYY"
    assert visits[-1][4] == sum(v[4] for v in visits[:-1])
    areas: list[tuple[Any, ...]] = list(workbook["Địa bàn"].iter_rows(min_row=3, values_only=True))
    assert isinstance(areas[0][6], int) and areas[-1][6] == sum(a[6] for a in areas[:-1])
    quarters: list[tuple[Any, ...]] = list(
        workbook["Theo quý"].iter_rows(min_row=3, values_only=True)
    )
    province = [q for q in quarters[:-1] if q[2] == "Toàn tỉnh"]
    assert quarters[-1][3] == sum(q[3] for q in province)  # each visit once


def libreoffice_convert(source: Path, target: str, tmp_path: Path) -> Path:
    """``source`` converted by LibreOffice to ``target`` (pdf, txt…) in ``tmp_path``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail(
            "LibreOffice not found: install Debian's libreoffice-writer-nogui (.ci/run does)"
        )
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / f"{source.stem}.{target.split(':', maxsplit=1)[0]}"
    assert converted.is_file(), f"LibreOffice could not open {source.name}"
    return converted


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"{tool} not found: install Debian's poppler-utils (.ci/run does)")
    return found


def page_text(pdf: Path, page: int) -> str:
    text = subprocess.run(
        [poppler("pdftotext"), "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return " ".join(text.replace("\u00a0", " ").split())


# One document of each kind, and the words that must share the last page.
KINDS = {
    "quy-2019-3/tinh.docx": ("Nơi nhận:", "Nguyễn Văn Ký"),
    "6-thang-2019-2/tinh.docx": ("Nơi nhận:", "Nguyễn Văn Ký"),
    "nam-2019/tinh.docx": ("Nơi nhận:", "Nguyễn Văn Ký"),
    "nam-2019/hd-tan-bien.docx": ("Nơi nhận:", "TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN TÂN BIÊN"),
    "can-bo/nguyen-thi-lan-2019.docx": ("XÁC NHẬN CỦA ĐƠN VỊ", "Nguyễn Thị Lan"),
}


def test_libreoffice_prints_each_kind_on_a4_with_signature_and_recipients(
    built: tuple[Outcome, Path], tmp_path: Path
) -> None:
    sources = []
    for index, name in enumerate(KINDS):
        copy = tmp_path / f"kind{index}.docx"
        shutil.copyfile(built[1] / "van-ban" / name, copy)
        sources.append(copy)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail(
            "LibreOffice not found: install Debian's libreoffice-writer-nogui (.ci/run does)"
        )
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for source, (name, (closing, signer)) in zip(sources, KINDS.items(), strict=True):
        pdf = source.with_suffix(".pdf")
        assert pdf.is_file(), f"LibreOffice could not open {name}"
        data = pdf.read_bytes()
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
        assert boxes and all((round(float(w)), round(float(h))) == (595, 842) for w, h in boxes)
        info = subprocess.run(
            [poppler("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
        ).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
        last = page_text(pdf, pages)
        assert closing in last and signer in last, (name, pages, last)
        assert not page_text(pdf, 1).startswith("1 "), name  # no number on the first page
        if pages > 1:
            assert page_text(pdf, 2).startswith("2 "), name  # then numbered at the top


SPEC_SETTINGS = """\
parent: ĐOÀN TNCS HỒ CHÍ MINH
organisation: BCH ĐOÀN TỈNH TÂY NINH
place: Tây Ninh
signatory:
  on_behalf: TM. BAN THƯỜNG VỤ TỈNH ĐOÀN
  title: PHÓ BÍ THƯ
  name: Nguyễn Văn A
symbol: TĐTN
recipients:
  quarterly: [Thường trực Tỉnh đoàn, Lưu VP]
  annual: [Ban Tổ chức Trung ương Đoàn, Thường trực Tỉnh đoàn, Lưu VP]
units:
  hd-tan-bien:
    organisation: BCH ĐOÀN HUYỆN TÂN BIÊN
    place: Tân Biên
    symbol: HĐTN
    signatory: {on_behalf: TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN, title: BÍ THƯ, name: Trần Văn B}
    recipients: {quarterly: [Ban Tổ chức - Kiểm tra Tỉnh đoàn, Lưu VP]}
"""


def test_settings_of_spec_version_2_by_unit_and_kind(tree: Tree) -> None:
    tree.base()
    tree.write("settings.yaml", SPEC_SETTINGS)
    outcome = tree.run()
    assert not [f for f in outcome.findings if f.severity.value == "error"]
    records = outcome.records
    own = letterhead(records, records.units["hd-tan-bien"], "quarterly")
    assert (own.organisation, own.place, own.symbol, own.name) == (
        "BCH ĐOÀN HUYỆN TÂN BIÊN",
        "Tân Biên",
        "HĐTN",
        "Trần Văn B",
    )
    assert own.recipients == ("Ban Tổ chức - Kiểm tra Tỉnh đoàn", "Lưu VP")
    # A kind the unit does not list: the plan's default for a unit, not the province's list.
    assert (
        letterhead(records, records.units["hd-tan-bien"], "annual")
        .recipients[0]
        .startswith("Ban Thường vụ Tỉnh đoàn")
    )
    # A unit without an entry: the top-level place and sign, under its own name, no signer.
    other = letterhead(records, records.units["hd-go-dau"], "quarterly")
    assert (other.organisation, other.place, other.symbol, other.name) == (
        "BCH HUYỆN ĐOÀN GÒ DẦU",
        "Tây Ninh",
        "TĐTN",
        "",
    )
    province = letterhead(records, None, "annual")
    assert province.recipients[0] == "Ban Tổ chức Trung ương Đoàn"
    assert letterhead(records, None, "half_year").recipients[0] == "Ban Thường vụ Tỉnh đoàn"


def test_settings_with_an_unknown_key_in_a_unit_is_a_schema_error(tree: Tree) -> None:
    tree.base()
    tree.write("settings.yaml", "units:\n  hd-tan-bien:\n    seal: x\n")
    errors = [f for f in tree.run().findings if f.rule == "schema"]
    assert errors and errors[0].file == "records/settings.yaml" and errors[0].line == 3
