"""An official's yearly field-work result (DOCX), for the annual self-review.

A personal report carries no organisation number. Its figures are the
official's ``report`` row; its visits are named by their full places in running
text ("ấp An Lộc, xã An Thạnh, huyện Bến Cầu"), each with its days, and the
days add up to the row's counted days.
"""

from __future__ import annotations

from datetime import date

from generator.domain.compliance import Compliance, YearRow
from generator.domain.model import Official
from generator.domain.periods import year_span
from generator.publishing import naming
from generator.publishing.letterhead import header, letterhead, title
from generator.publishing.office import Docx, Run, paragraph, table, two_columns
from generator.vietnamese import LEVEL, number, short_date


def _yes(value: bool | None) -> str:
    if value is None:
        return "Không áp dụng"
    return "Có" if value else "Không"


def _figures(row: YearRow) -> str:
    return table(
        [
            ["Chỉ tiêu", "Kết quả"],
            ["Số ngày thuộc diện áp dụng", number(row.applicable_days)],
            ["Số ngày phải đi cơ sở", number(row.required_days)],
            ["Số ngày đã đi cơ sở (được tính)", number(row.counted_days)],
            ["Đi cơ sở cấp huyện", _yes(row.district_visit)],
            ["Đi cơ sở cấp xã, ấp", _yes(row.grassroots_visit)],
            ["Dự sinh hoạt chi đoàn ấp, khu phố", _yes(row.branch_meeting)],
            ["Đánh giá", row.status.label],
        ],
        [110, 52],
    )


def _visits(compliance: Compliance, official: Official, row: YearRow) -> str:
    records = compliance.records
    span = year_span(row.year)
    visits = compliance.counted_visits(official.id, row.year)
    if not visits:
        return paragraph("Không có đợt đi cơ sở được tính.", indent=True)
    rows = [["STT", "Từ ngày", "Đến ngày", "Số ngày", "Địa bàn", "Nội dung"]]
    total = 0
    for index, visit in enumerate(visits, start=1):
        days = visit.span.intersect(span).days
        total += days
        rows.append(
            [
                str(index),
                short_date(visit.start),
                short_date(visit.end),
                number(days),
                naming.places(records, visit.places),
                ", ".join(visit.contents),
            ]
        )
    rows.append(["", "Tổng cộng", "", number(total), "", ""])
    return table(rows, [12, 25, 25, 14, 62, 24], size=11, total=True)


def _closing(official: Official) -> list[str]:
    return [
        paragraph(Run("3. Tự nhận xét", bold=True), before=6, keep_next=True),
        paragraph("………………………………………………………………………………", after=0, keep_next=True),
        paragraph("………………………………………………………………………………", after=12, keep_next=True),
        two_columns(
            [paragraph(Run("XÁC NHẬN CỦA ĐƠN VỊ", bold=True), align="center", keep_next=True)],
            [
                paragraph(Run("NGƯỜI BÁO CÁO", bold=True), align="center", keep_next=True),
                *[paragraph("", after=0, keep_next=True) for _ in range(3)],
                paragraph(Run(naming.unbroken(official.name), bold=True), align="center"),
            ],
            (75, 90),
        ),
    ]


def official_document(
    compliance: Compliance, official: Official, row: YearRow, as_of: date
) -> bytes:
    """An official's result for ``row.year``, dated in that year, without a number."""
    records = compliance.records
    unit = records.units.get(row.unit)
    issuing = unit if unit is not None and unit.level != "province" else None
    head = letterhead(records, issuing, "annual")
    document = Docx(f"Kết quả đi công tác cơ sở năm {row.year} — {official.name}")
    document.add(header(head, row.year, numbered=False))
    document.add(*title(f"Kết quả đi công tác cơ sở năm {row.year}"))
    assignment = max(
        (a for a in official.assignments if a.unit == row.unit),
        key=lambda a: a.start,
        default=official.assignments[-1],
    )
    level = LEVEL.get(row.level or "", "")
    document.add(
        paragraph(f"Họ và tên: {official.name}", after=0),
        paragraph(f"Chức vụ: {assignment.role}", after=0),
        paragraph(f"Đơn vị: {naming.unit(records, row.unit)} ({level})", after=6),
        paragraph(Run("1. Kết quả thực hiện", bold=True), before=6, keep_next=True),
        _figures(row),
        paragraph(Run("2. Các đợt đi cơ sở được tính", bold=True), before=6, keep_next=True),
        _visits(compliance, official, row),
        *_closing(official),
    )
    return document.save(as_of)
