"""DOCX reports and XLSX workbooks: opened with python-docx and openpyxl, checked against report."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from generator.domain.outcome import Outcome
from tests.site_fixture import build_small

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
        style = document.styles["Normal"]
        assert document.styles.element.xpath("//w:rFonts/@w:ascii") == ["Times New Roman"]
        assert style is not None
        text = "\n".join(texts(document))
        assert "ĐOÀN TNCS HỒ CHÍ MINH" in text and "BÁO CÁO" in text
        assert "Tây Ninh, ngày" in text
        if "can-bo" not in path.parts:
            assert re.search(r"Số:\s+-BC/(TĐTN|ĐTN)", text), path
            for heading in (
                "I. TÌNH HÌNH CHUNG",
                "II. KẾT QUẢ THỰC HIỆN",
                "III. TỒN TẠI, HẠN CHẾ",
                "IV. ĐỀ XUẤT, KIẾN NGHỊ",
                "Nơi nhận:",
            ):
                assert heading in text, (path, heading)


def test_province_report_comes_from_settings_and_matches_figures(
    built: tuple[Outcome, Path],
) -> None:
    out = built[1]
    document = docx.Document(str(out / "van-ban/quy-2019-3/tinh.docx"))
    text = "\n".join(texts(document))
    assert (
        "BCH ĐOÀN TỈNH TÂY NINH" in text
        and "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN" in text
        and "Nguyễn Văn Ký" in text
    )
    figures = {row.cells[0].text: row.cells[1].text for row in document.tables[1].rows[1:]}
    # Q3 2019: Lan 05–06/08 (2 days), Bình 10/09 (1 day); both counted.
    assert figures["Số đợt đi cơ sở"] == "2" and figures["Số ngày được tính"] == "3"
    assert figures["Số báo cáo nộp trễ hạn"] == "1"
    assert "Lập sổ theo dõi đoàn viên." in text  # a proposal from the visit report


def test_district_union_report(built: tuple[Outcome, Path]) -> None:
    out = built[1]
    text = "\n".join(texts(docx.Document(str(out / "van-ban/quy-2019-3/hd-tan-bien.docx"))))
    assert "BCH HUYỆN ĐOÀN TÂN BIÊN" in text and "TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN TÂN BIÊN" in text
    assert "Trần Văn Bình" in text  # plan against actual


def test_official_yearly_result_matches_report(built: tuple[Outcome, Path]) -> None:
    outcome, out = built
    for row in outcome.compliance.rows:
        document = docx.Document(str(out / f"van-ban/can-bo/{row.official}-{row.year}.docx"))
        figures = {r.cells[0].text: r.cells[1].text for r in document.tables[1].rows[1:]}
        assert figures["Số ngày thuộc diện áp dụng"] == str(row.applicable_days)
        assert figures["Số ngày phải đi cơ sở"] == str(row.required_days)
        assert figures["Số ngày đã đi cơ sở (được tính)"] == str(row.counted_days)
        assert figures["Đánh giá"] == row.status.label


def test_every_workbook_opens_with_typed_cells(built: tuple[Outcome, Path]) -> None:
    out = built[1]
    files = sorted((out / "data").glob("*.xlsx"))
    assert len(files) >= 3
    for path in files:
        workbook = load_workbook(path)
        for sheet in workbook.worksheets:
            assert sheet.freeze_panes == "A2", (path, sheet.title)
            assert all(isinstance(cell.value, str) and cell.value for cell in sheet[1]), (
                path,
                sheet.title,
            )


def test_year_workbooks(built: tuple[Outcome, Path]) -> None:
    outcome, out = built
    workbook = load_workbook(out / "data/nam-2019.xlsx")
    assert workbook.sheetnames == ["Kết quả", "Theo đơn vị", "Theo quý", "Địa bàn", "Đợt đi cơ sở"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.value for cell in sheet[1])  # Vietnamese headers
    results = list(workbook["Kết quả"].iter_rows(min_row=2, values_only=True))
    expected = [r for r in outcome.compliance.rows if r.year == 2019]
    assert [(r[0], r[6], r[7], r[8]) for r in results] == [
        (r.official, r.applicable_days, r.required_days, r.counted_days) for r in expected
    ]
    visits = list(workbook["Đợt đi cơ sở"].iter_rows(min_row=2, values_only=True))
    first_day, reported = visits[0][2], visits[0][7]
    assert isinstance(first_day, datetime) and isinstance(reported, datetime)
    assert first_day.date() == date(2019, 8, 5) and reported.date() == date(2019, 8, 12)
    assert workbook["Đợt đi cơ sở"]["C2"].number_format == "DD/MM/YYYY"
    assert isinstance(workbook["Địa bàn"]["F2"].value, int)


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


def test_docx_prints_on_a4_pages(built: tuple[Outcome, Path], tmp_path: Path) -> None:
    source = built[1] / "van-ban/nam-2019/tinh.docx"
    pdf = libreoffice_convert(source, "pdf", tmp_path).read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 1
    assert boxes and all(
        (round(float(w)), round(float(h))) == (595, 842) for w, h in boxes
    )  # A4 in points
