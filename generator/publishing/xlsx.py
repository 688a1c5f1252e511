"""Excel workbooks with numbers as numbers and byte-identical output for one ``as_of``.

Every sheet has an autofilter on its header row, frozen headers and a print
set-up (A4, landscape, fitted to the page width, headers repeated on each
page). ``data/compliance.xlsx`` is the data file of ``report``: the CSV's
columns, in the CSV's order and words. A year's workbook is for people: each
sheet starts with a title row, then the headers; rows are numbered (STT), in
Vietnamese name order, show names rather than ids (the ids come in the last
columns, for those who need them) and end with a "Tổng cộng" row.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from generator.domain.compliance import Compliance, Status, YearRow
from generator.domain.coverage import coverage
from generator.domain.model import Records
from generator.domain.periodic import PeriodReport
from generator.publishing import naming
from generator.publishing.exports import CSV_HEADERS, neutralise, table
from generator.publishing.office import deterministic, xml_safe
from generator.vietnamese import LEVEL, collation_key, name_key

CELL_LIMIT = 32767  # characters Excel keeps in one cell
TOTAL = "Tổng cộng"
A4 = "9"  # the paper size code of A4 in SpreadsheetML


@dataclass(frozen=True, slots=True)
class Titled:
    """A sheet for people: its title row, and which columns "Tổng cộng" sums."""

    caption: str
    sums: tuple[int, ...] = ()  # 0-based column indexes, STT included
    total_label: str = TOTAL
    summed: frozenset[int] | None = None  # 0-based indexes of the rows to add up (None: all)


def _print_setup(ws: Any, header_row: int, columns: int, last_row: int) -> None:
    last = get_column_letter(max(columns, 1))
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{max(last_row, header_row)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{header_row}"


def sheet(
    workbook: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    titled: Titled | None = None,
) -> None:
    """One sheet (write-only: fast at scale): bold frozen headers, fitted widths, typed cells.

    With ``titled``, a title row comes first, rows are numbered and a total row ends it.
    """
    ws = workbook.create_sheet(title)
    if titled is not None:
        headers = ["STT", *headers]
        rows = [[index, *row] for index, row in enumerate(rows, start=1)]
    for index, header in enumerate(headers, start=1):
        width = max([len(str(header)), *(len(str(r[index - 1])) for r in rows)])
        ws.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    header_row = 1 if titled is None else 2
    _print_setup(ws, header_row, len(headers), header_row + len(rows))
    if titled is not None:
        caption = WriteOnlyCell(ws, value=xml_safe(titled.caption))
        caption.font = Font(bold=True, size=14)
        ws.append([caption])
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        ws.append([_cell(ws, value) for value in row])
    if titled is not None:
        ws.append(_total_row(ws, len(headers), rows, titled))


def _total_row(ws: Any, width: int, rows: Sequence[Sequence[object]], titled: Titled) -> list[Any]:
    values: list[str | int] = [""] * width
    values[1] = titled.total_label
    chosen = [r for i, r in enumerate(rows) if titled.summed is None or i in titled.summed]
    for column in titled.sums:
        values[column] = sum(v for r in chosen if isinstance(v := r[column], int))
    cells = []
    for value in values:
        cell = WriteOnlyCell(ws, value=value)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


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
    """The data file: the CSV's header and rows, cell for cell."""
    workbook = Workbook(write_only=True)
    sheet(workbook, "Kết quả", CSV_HEADERS, table(rows, records))
    return _save(workbook, as_of)


# The CSV's columns for people: names first, the ids (0 and 3) moved to the end.
_PEOPLE_ORDER = (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 3)


def _results(workbook: Workbook, records: Records, rows: Sequence[YearRow], year: int) -> None:
    def key(row: YearRow) -> tuple[object, ...]:
        official = records.officials.get(row.official)
        return name_key(official.name) if official else ((), row.official)

    cells = table(sorted(rows, key=key), records)
    sheet(
        workbook,
        "Kết quả",
        [CSV_HEADERS[i] for i in _PEOPLE_ORDER],
        [[row[i] for i in _PEOPLE_ORDER] for row in cells],
        Titled(f"Kết quả thực hiện chế độ đi công tác cơ sở năm {year}", (5, 6, 7)),
    )


def _per_unit(workbook: Workbook, records: Records, rows: Sequence[YearRow], year: int) -> None:
    statuses = list(Status)
    per_unit: dict[str, list[int]] = {}
    for row in rows:
        counts = per_unit.setdefault(row.unit, [0] * (len(statuses) + 2))
        counts[0] += 1
        counts[1 + statuses.index(row.status)] += 1
        counts[-1] += row.counted_days

    def key(uid: str) -> tuple[object, ...]:
        unit = records.units.get(uid)
        return (unit.level != "province", collation_key(unit.name)) if unit else (True, uid)

    sheet(
        workbook,
        "Theo đơn vị",
        [
            "Đơn vị",
            "Cấp",
            "Số cán bộ",
            *(s.label for s in statuses),
            "Số ngày đã đi",
            "Mã đơn vị",
        ],
        [
            [
                naming.unit(records, uid),
                LEVEL.get(records.units[uid].level, "") if uid in records.units else "",
                *per_unit[uid],
                uid,
            ]
            for uid in sorted(per_unit, key=key)
        ],
        Titled(f"Kết quả theo đơn vị năm {year}", tuple(range(3, 4 + len(statuses) + 1))),
    )


def _per_quarter(workbook: Workbook, quarters: Sequence[PeriodReport], year: int) -> None:
    codes = list(dict.fromkeys(code for report in quarters for code, _ in report.catalogue))
    rows: list[list[object]] = []
    province: set[int] = set()
    for report in quarters:
        for section in [report.province, *report.units]:
            if not (section.visits or section is report.province):
                continue
            if section is report.province:
                province.add(len(rows))
            rows.append(
                [
                    report.title.removeprefix("Báo cáo "),
                    section.title,
                    section.visits,
                    section.counted_visits,
                    section.days,
                    *(section.contents.get(c, 0) for c in codes),
                    len(section.late_reports),
                    section.key,
                ]
            )
    headers = ["Kỳ", "Đơn vị", "Số đợt", "Số đợt được tính", "Số ngày", *codes, "Báo cáo trễ"]
    # The total adds up the province's rows only (each unit's visits are in them already).
    sheet(
        workbook,
        "Theo quý",
        [*headers, "Mã đơn vị"],
        rows,
        Titled(
            f"Kết quả theo quý năm {year}",
            tuple(range(3, 7 + len(codes))),
            f"{TOTAL} (toàn tỉnh)",
            frozenset(province),
        ),
    )


def _areas(workbook: Workbook, records: Records, year: int) -> None:
    rows = [
        [
            a.area.name,
            *a.visits_by_quarter,
            a.visits,
            a.reached_communes,
            len(a.communes),
            a.area.id,
        ]
        for a in coverage(records, year)
    ]
    sheet(
        workbook,
        "Địa bàn",
        [
            "Địa bàn",
            "Quý I",
            "Quý II",
            "Quý III",
            "Quý IV",
            "Cả năm",
            "Số xã đã đến",
            "Tổng số xã",
            "Mã địa bàn",
        ],
        rows,
        Titled(f"Địa bàn đã đến năm {year}", tuple(range(2, 9))),
    )


def _visits(workbook: Workbook, compliance: Compliance, year: int) -> None:
    records = compliance.records

    def key(v: Any) -> tuple[object, ...]:
        return (v.start, name_key(naming.person(records, v.official)), v.source.file)

    visits = sorted((v for v in records.visits if v.start.year == year), key=key)
    rows: list[list[object]] = [
        [
            naming.person(records, v.official),
            v.start,
            v.end,
            v.span.days,
            naming.places(records, v.places),
            ", ".join(v.contents),
            "Có" if compliance.counted(v) else "Không",
            v.reported_on,
            v.official,
            "; ".join(v.places),
        ]
        for v in visits
    ]
    sheet(
        workbook,
        "Đợt đi cơ sở",
        [
            "Họ và tên",
            "Từ ngày",
            "Đến ngày",
            "Số ngày",
            "Địa bàn",
            "Nội dung",
            "Được tính",
            "Ngày nộp báo cáo",
            "Mã cán bộ",
            "Mã địa bàn",
        ],
        rows,
        Titled(f"Các đợt đi cơ sở năm {year} (theo ngày bắt đầu)", (4,)),
    )


def year_workbook(
    compliance: Compliance, rows: Sequence[YearRow], quarters: Sequence[PeriodReport], year: int
) -> bytes:
    """One workbook per year: compliance, per unit, per quarter, coverage and the visits."""
    records = compliance.records
    workbook = Workbook(write_only=True)
    _results(workbook, records, rows, year)
    _per_unit(workbook, records, rows, year)
    _per_quarter(workbook, quarters, year)
    _areas(workbook, records, year)
    _visits(workbook, compliance, year)
    return _save(workbook, compliance.as_of)


def _save(workbook: Workbook, as_of: date) -> bytes:
    stamp = datetime(as_of.year, as_of.month, as_of.day)  # noqa: DTZ001 - a date, not a moment
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "di-co-so"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return deterministic(buffer.getvalue(), as_of)
