"""Periodic reports ready to print, sign and send (DOCX), in the Đoàn's document layout.

The layout of the source plan and Decree 30/2020/NĐ-CP: the two-column header
(issuing body and "Số: …-BC/<sign>"; "ĐOÀN TNCS HỒ CHÍ MINH" and "<place>, ngày …
tháng … năm <year>"), the title and its subject, numbered sections, "Nơi nhận"
and the signature block (``letterhead``). Every figure comes from the period's
:class:`~generator.domain.periodic.Section`, which the site's report page reads
too, so both state the same numbers. The document number and day are left for
the office to fill; "Phương hướng" is a marked paragraph the office completes.
"""

from __future__ import annotations

from datetime import date

from generator.domain.compliance import Compliance
from generator.domain.model import Unit
from generator.domain.periodic import PeriodReport, Section, standings
from generator.domain.periods import ONE_DAY
from generator.publishing.assessment import assessment, proposals, shortcomings
from generator.publishing.letterhead import KIND, header, letterhead, signature, title
from generator.publishing.office import Docx, Run, paragraph, table
from generator.publishing.official_report import official_document
from generator.publishing.tables import (
    by_status,
    figures,
    people_table,
    per_official,
    per_unit,
    plan_table,
)
from generator.vietnamese import number, short_date

__all__ = ["cutoff", "dated_year", "official_document", "report_document"]


def heading(text: str) -> str:
    return paragraph(Run(text, bold=True), align="both", before=6, keep_next=True)


def subheading(text: str) -> str:
    return paragraph(Run(text, italic=True, bold=True), before=6, keep_next=True)


def dated_year(report: PeriodReport) -> int:
    """The year the report is signed in: the annual report in its own year (it is due in
    October); a quarter's or half-year's report just after the period ends."""
    if report.kind == "year":
        return report.span.last.year
    return (report.span.last + ONE_DAY).year


def cutoff(report: PeriodReport, as_of: date) -> date:
    """The last day the figures count: the period's end, or ``as_of`` while it runs."""
    return min(report.span.last, as_of)


def _period(report: PeriodReport) -> str:
    return report.title.removeprefix("Báo cáo ")


def _intro(report: PeriodReport, section: Section, unit: Unit | None, upto: date) -> list[str]:
    who = "cán bộ Tỉnh đoàn và các đơn vị trực thuộc" if unit is None else f"cán bộ {unit.name}"
    scope = len(section.officials)
    return [
        heading("I. TÌNH HÌNH CHUNG"),
        paragraph(
            f"Báo cáo tổng hợp từ báo cáo kết quả từng đợt đi cơ sở, từ ngày "
            f"{short_date(report.span.first)} đến ngày {short_date(report.span.last)} "
            f"(số liệu tính đến ngày {short_date(upto)}).",
            indent=True,
        ),
        paragraph(
            f"Trong kỳ, {who} có {number(scope)} cán bộ (kể cả cán bộ được miễn); đã thực hiện "
            f"{number(section.visits)} đợt đi công tác cơ sở, trong đó "
            f"{number(section.counted_visits)} đợt được tính, với {number(section.days)} ngày "
            f"được tính, đến {number(len(section.places))} địa bàn.",
            indent=True,
        ),
    ]


def _results(
    compliance: Compliance, report: PeriodReport, section: Section, unit: Unit | None, upto: date
) -> list[str]:
    people = standings(compliance, section, upto)
    parts = [
        heading("II. KẾT QUẢ THỰC HIỆN"),
        subheading("1. Số đợt, số ngày đi cơ sở"),
        figures(section),
        subheading(f"2. Kết quả thực hiện chỉ tiêu năm {report.span.last.year} của cán bộ"),
        by_status(people),
        *per_official(compliance.records, people, upto),
        subheading("3. Nội dung đi cơ sở"),
        _contents(section, report.catalogue),
    ]
    if unit is None:
        parts += [subheading("4. Kết quả theo đơn vị"), *per_unit(compliance, report, upto)]
    else:
        parts += [
            subheading("4. Kết quả của từng cán bộ"),
            people_table(compliance.records, people),
        ]
        if section.plan_vs_actual:
            parts += [
                subheading("5. Kế hoạch và thực hiện trong kỳ"),
                plan_table(compliance.records, section),
            ]
    return parts


def _contents(section: Section, catalogue: tuple[tuple[str, str], ...]) -> str:
    rows = [["STT", "Nội dung", "Số đợt"]]
    rows += [
        [str(index), f"{code}. {label}", number(section.contents[code])]
        for index, (code, label) in enumerate(catalogue, start=1)
    ]
    return table(rows, [14, 123, 25], size=11)


def _direction() -> list[str]:
    return [
        heading("V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
        paragraph(
            Run(
                "[Đơn vị ghi phương hướng, nhiệm vụ thời gian tới trước khi trình ký, "
                "rồi xóa dòng đánh dấu này.]",
                italic=True,
                highlight=True,
            ),
            indent=True,
            keep_next=True,
        ),
        paragraph("………………………………………………………………………………", after=6, keep_next=True),
    ]


def report_document(
    compliance: Compliance, report: PeriodReport, unit: Unit | None, as_of: date
) -> bytes:
    """A periodic report for the province (``unit`` None) or for one unit that reports:
    every figure comes from the domain, none from findings."""
    records = compliance.records
    section = report.province if unit is None else next(s for s in report.units if s.key == unit.id)
    upto = cutoff(report, as_of)
    head = letterhead(records, unit, KIND[report.kind])
    document = Docx(f"Báo cáo kết quả đi công tác cơ sở {_period(report)}")
    document.add(header(head, dated_year(report)))
    document.add(*title(f"Kết quả thực hiện chế độ đi công tác cơ sở {_period(report)}"))
    document.add(*_intro(report, section, unit, upto))
    document.add(*_results(compliance, report, section, unit, upto))
    document.add(heading("III. ĐÁNH GIÁ CHUNG"))
    document.add(*assessment(compliance, report, section, upto))
    document.add(subheading("2. Tồn tại, hạn chế"))
    document.add(*shortcomings(compliance, report, section, unit, upto))
    document.add(heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"))
    document.add(*proposals(records, report, section, unit))
    document.add(*_direction())
    document.add(signature(head))
    return document.save(as_of)
