"""Excel workbooks with numbers as numbers and byte-identical output for one ``as_of``."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from generator.compliance import YearRow
from generator.exports import CSV_HEADERS, table
from generator.model import Records

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def deterministic(data: bytes, stamp: date) -> bytes:
    """Rewrite an Office package with fixed timestamps: openpyxl stamps the save time."""
    source = zipfile.ZipFile(io.BytesIO(data))
    when = f"{stamp.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(
                info.filename, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0)
            )
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def sheet(
    workbook: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    first: bool = False,
) -> None:
    ws = workbook.active if first else workbook.create_sheet()
    assert ws is not None
    ws.title = title
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(list(row))
    ws.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        width = max([len(str(header)), *(len(str(r[index - 1])) for r in rows)])
        ws.column_dimensions[get_column_letter(index)].width = min(60, width + 2)


def compliance_workbook(rows: Sequence[YearRow], records: Records, as_of: date) -> bytes:
    workbook = Workbook()
    sheet(workbook, "Kết quả", CSV_HEADERS, table(rows, records), first=True)
    stamp = datetime(as_of.year, as_of.month, as_of.day)  # noqa: DTZ001 - a date, not a moment
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "di-co-so"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return deterministic(buffer.getvalue(), as_of)
