"""The compliance rows of ``report`` as text, JSON and CSV (and the site's data files)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date

from generator import inert
from generator.domain.compliance import YearRow
from generator.domain.model import Records
from generator.vietnamese import LEVEL

CSV_HEADERS = (
    "Mã cán bộ",
    "Họ và tên",
    "Năm",
    "Mã đơn vị",
    "Đơn vị",
    "Cấp",
    "Số ngày thuộc diện áp dụng",
    "Số ngày phải đi",
    "Số ngày đã đi",
    "Đi cấp huyện",
    "Đi cấp xã, ấp",
    "Dự sinh hoạt chi đoàn",
    "Kết quả",
)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Text a spreadsheet would read as a formula, with a leading ``'`` (OWASP's advice).

    Excel, LibreOffice and Google Sheets evaluate a cell that starts with ``=``,
    ``+``, ``-`` or ``@`` (tab and carriage return too, ahead of one of those), so a
    name such as ``=HYPERLINK(…)`` would become a live formula. CSV and XLSX show
    the same neutralised text.
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def spreadsheet_row(cells: Sequence[object]) -> list[object]:
    """A row for CSV: every text cell neutralised, numbers as they are."""
    return [neutralise(c) if isinstance(c, str) else c for c in cells]


def _yes(value: bool | None) -> str:
    if value is None:
        return "Không áp dụng"
    return "Có" if value else "Không"


def table(rows: Sequence[YearRow], records: Records) -> list[list[object]]:
    """One list of cell values per row, in :data:`CSV_HEADERS` order."""
    out: list[list[object]] = []
    for row in rows:
        official = records.officials.get(row.official)
        unit = records.units.get(row.unit)
        out.append(
            [
                row.official,
                official.name if official else "",
                row.year,
                row.unit,
                unit.name if unit else "",
                LEVEL.get(row.level or "", ""),
                row.applicable_days,
                row.required_days,
                row.counted_days,
                _yes(row.district_visit),
                _yes(row.grassroots_visit),
                _yes(row.branch_meeting),
                row.status.label,
            ]
        )
    return out


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # one line, by the C encoder


def json_document(document: Mapping[str, object]) -> str:
    """``document`` as JSON text: a line per key, and a line per item of a list.

    Readable, easy to compare line by line, and about twice as fast to write as
    ``indent=2``, which has Python, not C, encode every value.
    """
    lines = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            items = ",\n    ".join(map(_ENCODE, value))
            lines.append(f"  {_ENCODE(key)}: [\n    {items}\n  ]")
        else:
            lines.append(f"  {_ENCODE(key)}: {_ENCODE(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def report_json(rows: Sequence[YearRow], as_of: date) -> str:
    return json_document({"as_of": as_of.isoformat(), "rows": [row.as_json() for row in rows]})


def report_csv(rows: Sequence[YearRow], records: Records) -> str:
    """UTF-8 with a byte-order mark so Excel opens the Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    writer.writerows(map(spreadsheet_row, table(rows, records)))
    return "\ufeff" + buffer.getvalue()


def report_text(rows: Sequence[YearRow]) -> str:
    """An aligned table for the terminal (controls in ids shown as ``\\x1b``, never sent)."""
    headers = (
        "Năm",
        "Cán bộ",
        "Đơn vị",
        "Áp dụng",
        "Phải đi",
        "Đã đi",
        "Huyện",
        "Xã/ấp",
        "Chi đoàn",
        "Kết quả",
    )
    lines = [
        [
            str(row.year),
            inert.terminal(row.official),
            inert.terminal(row.unit),
            str(row.applicable_days),
            str(row.required_days),
            str(row.counted_days),
            "✓" if row.district_visit else "-",
            "✓" if row.grassroots_visit else "-",
            "✓" if row.branch_meeting else "-",
            row.status.label,
        ]
        for row in rows
    ]
    widths = [max(len(cells[i]) for cells in [list(headers), *lines]) for i in range(len(headers))]
    numeric = {0, 3, 4, 5}

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    body = [fmt(headers), fmt(["-" * w for w in widths]), *(fmt(cells) for cells in lines)]
    return "\n".join(body) + f"\n{len(rows)} dòng\n"
