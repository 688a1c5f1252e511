"""Periodic reports (quarter, half year, year) with their DOCX, and the quarterly plans."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from generator.domain import periodic, timeliness
from generator.domain.compliance import Status
from generator.domain.model import Plan
from generator.publishing import documents, xlsx
from generator.publishing.deadlines import ANNUAL_LABELS
from generator.publishing.pages.base import Pages


def _periods(p: Pages) -> Iterator[tuple[periodic.PeriodReport, list[tuple[date, str]] | None]]:
    """Every report of the site with its annual due dates, quarters first."""
    for quarter in p.quarter_list:
        yield periodic.quarter_report(p.compliance, quarter), None
    for year in p.years:
        for half in (1, 2):
            if date(year, 1 if half == 1 else 7, 1) <= p.as_of:
                yield periodic.half_report(p.compliance, year, half), None
        policy = p.compliance.report_policy(year)
        yield (
            periodic.year_report(p.compliance, year),
            policy.annual_deadlines(year) if policy else [],
        )


def reports(p: Pages) -> None:
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)
    quarterly: dict[int, list[periodic.PeriodReport]] = defaultdict(list)
    for report, dues in _periods(p):
        year = report.span.last.year
        links[str(year)].append((report.title, f"bao-cao/{report.slug}.md"))
        if report.kind == "quarter":
            quarterly[year].append(report)
        if p.wanted_year(year):
            _report(p, report, dues)
    for year, made in quarterly.items():
        if p.wanted_year(year):
            rows = p.rows_by_year.get(year, [])
            p.site.add(f"data/nam-{year}.xlsx", xlsx.year_workbook(p.compliance, rows, made, year))
    p.page(
        "bao-cao/index.md",
        "reports_index.html.j2",
        "Báo cáo định kỳ",
        by_year=dict(sorted(links.items(), reverse=True)),
    )


def _documents(p: Pages, report: periodic.PeriodReport) -> list[tuple[str, str]]:
    """The report as DOCX for the province and each district or commune union in it."""
    made = []
    own = {s.key for s in report.units}
    issuing = [u for u in p.records.units.values() if u.level != "province" and u.id in own]
    for unit in [None, *issuing]:
        name = "tinh" if unit is None else unit.id
        path = f"van-ban/{report.slug}/{name}.docx"
        p.site.add(
            path,
            documents.report_document(p.compliance, report, unit, p.as_of),
        )
        made.append(("Toàn tỉnh" if unit is None else unit.name, path))
    return made


def _report(p: Pages, report: periodic.PeriodReport, dues: list[tuple[date, str]] | None) -> None:
    shown = [s for s in report.units if s.visits or s.plan_vs_actual or s.officials]
    p.page(
        f"bao-cao/{report.slug}.md",
        "report.html.j2",
        report.title,
        report=report,
        sections=shown,
        statuses=(Status.MET, Status.NOT_MET),
        dues=dues,
        due_labels=ANNUAL_LABELS,
        downloads=_documents(p, report),
        **p.common,
    )


def plans(p: Pages) -> None:
    by_quarter: dict[tuple[int, int], list[Plan]] = defaultdict(list)
    for plan in p.records.plans:
        by_quarter[(plan.year, plan.quarter)].append(plan)
    late = {
        (plan.unit, plan.year, plan.quarter)
        for plan in p.records.plans
        if timeliness.late_plan(p.compliance, plan)
    }
    with_plans = [q for q in p.quarter_list if (q.year, q.number) in by_quarter]
    p.page(
        "ke-hoach/index.md",
        "plans_index.html.j2",
        "Kế hoạch đi cơ sở",
        quarters=list(reversed(with_plans)),
        by_quarter=by_quarter,
    )
    for quarter in with_plans:
        p.page(
            f"ke-hoach/{quarter.year}-q{quarter.number}.md",
            "plans_quarter.html.j2",
            f"Kế hoạch đi cơ sở {quarter.label_lower}",
            search=False,
            quarter=quarter,
            plans=sorted(by_quarter[(quarter.year, quarter.number)], key=lambda plan: plan.unit),
            late=late,
            **p.common,
        )
