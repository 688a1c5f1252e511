"""Excel workbooks with numbers as numbers and byte-identical output for one ``as_of``."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from generator.domain.compliance import Compliance, Status, YearRow
from generator.domain.coverage import coverage
from generator.domain.model import Records
from generator.domain.periodic import PeriodReport
from generator.publishing.exports import CSV_HEADERS, neutralise, table
from generator.publishing.office import deterministic, xml_safe
from generator.vietnamese import LEVEL

CELL_LIMIT = 32767  # characters Excel keeps in one cell


def sheet(
    workbook: Workbook, title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    """One sheet (write-only: fast at scale): bold frozen headers, fitted widths, typed cells."""
    ws = workbook.create_sheet(title)
    for index, header in enumerate(headers, start=1):
        width = max([len(str(header)), *(len(str(r[index - 1])) for r in rows)])
        ws.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    ws.freeze_panes = "A2"
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        ws.append([_cell(ws, value) for value in row])


def _cell(ws: Any, value: object) -> object:
    if isinstance(value, date):
        # Excel stores dates as day numbers either way; the format shows it as a date.
        cell = WriteOnlyCell(ws, value=datetime(value.year, value.month, value.day))  # noqa: DTZ001 - a date, not a moment
        cell.number_format = "DD/MM/YYYY"
        return cell
    if isinstance(value, str):
        return _text_cell(ws, value)
    return value


def _text_cell(ws: Any, value: str) -> object:
    """Text that is stored as text: never a formula, an error value or unopenable XML.

    openpyxl makes a string starting with ``=`` a formula and ``#N/A`` and the like
    error values; after :func:`neutralise` only the latter are left, and those get a
    cell typed as a string. Characters XML forbids become U+FFFD (openpyxl would
    raise on C0 controls and write the rest into a broken package); text longer
    than a cell holds is cut, ending in "…".
    """
    text = neutralise(xml_safe(value))
    if len(text) > CELL_LIMIT:  # Excel would have to repair the workbook
        text = text[: CELL_LIMIT - 1] + "…"
    if text in ERROR_CODES or text.startswith("="):
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"
        return cell
    return text


def compliance_workbook(rows: Sequence[YearRow], records: Records, as_of: date) -> bytes:
    workbook = Workbook(write_only=True)
    sheet(workbook, "Kết quả", CSV_HEADERS, table(rows, records))
    return _save(workbook, as_of)


def year_workbook(
    compliance: Compliance, rows: Sequence[YearRow], quarters: Sequence[PeriodReport], year: int
) -> bytes:
    """One workbook per year: compliance, per unit, per quarter, coverage and the visits."""
    records = compliance.records
    workbook = Workbook(write_only=True)
    sheet(workbook, "Kết quả", CSV_HEADERS, table(rows, records))
    statuses = list(Status)
    per_unit: dict[str, list[int]] = {}
    for row in rows:
        counts = per_unit.setdefault(row.unit, [0] * (len(statuses) + 1))
        counts[statuses.index(row.status)] += 1
        counts[-1] += row.counted_days
    sheet(
        workbook,
        "Theo đơn vị",
        ["Mã đơn vị", "Đơn vị", "Cấp", *(s.label for s in statuses), "Số ngày đã đi"],
        [
            [
                uid,
                records.units[uid].name if uid in records.units else "",
                LEVEL.get(records.units[uid].level, "") if uid in records.units else "",
                *counts,
            ]
            for uid, counts in sorted(per_unit.items())
        ],
    )
    codes = list(dict.fromkeys(code for report in quarters for code, _ in report.catalogue))
    quarter_rows: list[list[object]] = [
        [
            report.title.removeprefix("Báo cáo "),
            section.title,
            section.visits,
            section.counted_visits,
            section.days,
            *(section.contents.get(c, 0) for c in codes),
            len(section.late_reports),
        ]
        for report in quarters
        for section in [report.province, *report.units]
        if section.visits or section is report.province
    ]
    sheet(
        workbook,
        "Theo quý",
        ["Kỳ", "Đơn vị", "Số đợt", "Số đợt được tính", "Số ngày", *codes, "Báo cáo trễ"],
        quarter_rows,
    )
    visits = [v for v in records.visits if v.start.year == year]
    areas = [
        [a.area.name, *a.visits_by_quarter, a.visits, a.reached_communes, len(a.communes)]
        for a in coverage(records, year)
    ]
    sheet(
        workbook,
        "Địa bàn",
        ["Địa bàn", "Quý I", "Quý II", "Quý III", "Quý IV", "Cả năm", "Số xã đã đến", "Tổng số xã"],
        areas,
    )
    visit_rows: list[list[object]] = [
        [
            v.official,
            records.officials[v.official].name if v.official in records.officials else "",
            v.start,
            v.end,
            "; ".join(v.places),
            ", ".join(v.contents),
            "Có" if compliance.counted(v) else "Không",
            v.reported_on,
        ]
        for v in sorted(visits, key=lambda v: (v.start, v.official))
    ]
    sheet(
        workbook,
        "Đợt đi cơ sở",
        [
            "Mã cán bộ",
            "Họ và tên",
            "Từ ngày",
            "Đến ngày",
            "Địa bàn",
            "Nội dung",
            "Được tính",
            "Ngày nộp báo cáo",
        ],
        visit_rows,
    )
    return _save(workbook, compliance.as_of)


def _save(workbook: Workbook, as_of: date) -> bytes:
    stamp = datetime(as_of.year, as_of.month, as_of.day)  # noqa: DTZ001 - a date, not a moment
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "di-co-so"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return deterministic(buffer.getvalue(), as_of)
