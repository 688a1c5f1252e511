"""Figures for a period (quarter, half-year, year): the content of the periodic reports."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from generator.domain import structure
from generator.domain.compliance import Compliance, Status, YearRow
from generator.domain.model import Plan, Visit
from generator.domain.periods import Quarter, Span, quarters, total_days
from generator.domain.timeliness import late_plan, late_report
from generator.vietnamese import name_key


@dataclass(frozen=True, slots=True)
class Proposal:
    official: str
    day: date
    places: tuple[str, ...]
    text: str


@dataclass(slots=True)
class Section:
    """Figures of one unit (or of the whole province) over a period."""

    key: str  # unit id, or "" for the province
    title: str
    visits: int = 0
    counted_visits: int = 0
    days: int = 0
    contents: dict[str, int] = field(default_factory=dict)  # code -> visits, catalogue order
    places: set[str] = field(default_factory=set)
    late_reports: list[Visit] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    # official -> (planned days, counted days)
    plan_vs_actual: dict[str, tuple[int, int]] = field(default_factory=dict)
    # Officials with an applicable day in the period while in the unit.
    officials: set[str] = field(default_factory=set)
    # Their figures for the year the period ends in (whatever unit they ended that year in).
    rows: list[YearRow] = field(default_factory=list)
    # Plans of the period's quarters registered after their due date.
    late_plans: list[Plan] = field(default_factory=list)

    def statuses(self) -> dict[Status, int]:
        """How many of :attr:`rows` have each status, in the enum's order (zeros included)."""
        counts = Counter(row.status for row in self.rows)
        return {status: counts[status] for status in Status}

    @property
    def behind_plan(self) -> list[str]:
        """Officials who counted fewer days than their plans for the period gave them."""
        return [o for o, (planned, done) in self.plan_vs_actual.items() if done < planned]


@dataclass(frozen=True, slots=True)
class PeriodReport:
    kind: str  # "quarter" | "half" | "year"
    slug: str
    title: str
    span: Span
    province: Section
    units: list[Section]
    # (code, name) of the contents of the policies governing the period, in catalogue order.
    catalogue: tuple[tuple[str, str], ...] = ()


def catalogue(compliance: Compliance, span: Span) -> tuple[tuple[str, str], ...]:
    """The content codes of every policy governing a day of ``span`` (first name wins)."""
    codes: dict[str, str] = {}
    for policy_span, policy in compliance.policy_spans:
        if policy_span.overlaps(span):
            for content in policy.contents:
                codes.setdefault(content.code, content.name)
    return tuple(codes.items())


def _add(section: Section, visit: Visit, counted: bool, late: bool) -> None:
    section.visits += 1
    section.counted_visits += counted
    for code in visit.contents:
        if code in section.contents:
            section.contents[code] += 1
    section.places.update(visit.places)
    if late:
        section.late_reports.append(visit)
    section.proposals.extend(
        Proposal(visit.official, visit.start, visit.places, text) for text in visit.proposals
    )


def build(compliance: Compliance, *, kind: str, slug: str, title: str, span: Span) -> PeriodReport:
    """Visits whose first day is in ``span``, grouped by the unit the official was in that day."""
    records = compliance.records
    codes = catalogue(compliance, span)
    province = Section("", "Toàn tỉnh", contents=dict.fromkeys([c for c, _ in codes], 0))
    units = {
        unit.id: Section(unit.id, unit.name, contents=dict.fromkeys([c for c, _ in codes], 0))
        for unit in structure.units_in(records, span)
    }
    by_official: dict[str, list[Span]] = defaultdict(list)
    by_unit: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for visit in compliance.visits_starting(span):
        counted = compliance.counted(visit)
        unit = compliance.unit_on(visit.official, visit.start)
        section = units.get(unit.id) if unit else None
        late = late_report(compliance, visit) is not None
        for target in (province, section):
            if target is not None:
                _add(target, visit, counted, late)
        if counted:
            by_official[visit.official].append(visit.span.intersect(span))
            if section is not None:
                by_unit[(section.key, visit.official)].append(visit.span.intersect(span))
    province.days = sum(total_days(spans) for spans in by_official.values())
    planned: Counter[tuple[str, str]] = Counter()
    in_span = {(q.year, q.number) for q in quarters(span.first, span.last)}
    for plan in records.plans:
        if (plan.year, plan.quarter) in in_span and plan.unit in units:
            for entry in plan.entries:
                planned[(plan.unit, entry.official)] += entry.days

    def by_name(key: tuple[str, str]) -> tuple[object, ...]:
        official = records.officials.get(key[1])
        return name_key(official.name) if official else ((), key[1])

    for uid, official in sorted(set(planned) | set(by_unit), key=by_name):
        done = total_days(by_unit.get((uid, official), []))
        units[uid].plan_vs_actual[official] = (planned[(uid, official)], done)
        units[uid].days += done
    _people(compliance, span, province, units)
    ordered = sorted(
        units.values(), key=lambda s: (records.units[s.key].level != "province", s.key)
    )
    return PeriodReport(kind, slug, title, span, province, ordered, codes)


def _people(
    compliance: Compliance, span: Span, province: Section, units: dict[str, Section]
) -> None:
    """Officials in scope, their year's rows and late plans, per unit and for the province."""
    records = compliance.records
    for official in records.officials.values():
        for run in compliance.applicable(official.id):
            if run.span.overlaps(span):
                province.officials.add(official.id)
                if run.assignment.unit in units:
                    units[run.assignment.unit].officials.add(official.id)
    rows = {row.official: row for row in compliance.rows if row.year == span.last.year}
    for section in (province, *units.values()):
        section.rows = [rows[o] for o in sorted(section.officials) if o in rows]
    in_span = {(q.year, q.number) for q in quarters(span.first, span.last)}
    for plan in records.plans:
        if (plan.year, plan.quarter) in in_span and late_plan(compliance, plan):
            province.late_plans.append(plan)
            if plan.unit in units:
                units[plan.unit].late_plans.append(plan)


def quarter_report(compliance: Compliance, quarter: Quarter) -> PeriodReport:
    slug = f"quy-{quarter.year}-{quarter.number}"
    title = f"Báo cáo {quarter.label_lower}"
    return build(compliance, kind="quarter", slug=slug, title=title, span=quarter.span)


def half_report(compliance: Compliance, year: int, half: int) -> PeriodReport:
    first = date(year, 1 if half == 1 else 7, 1)
    last = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    label = "6 tháng đầu năm" if half == 1 else "6 tháng cuối năm"
    return build(
        compliance,
        kind="half",
        slug=f"6-thang-{year}-{half}",
        title=f"Báo cáo {label} {year}",
        span=Span(first, last),
    )


def year_report(compliance: Compliance, year: int) -> PeriodReport:
    """The annual report: 1 January to the year-end policy's ``annual_cutoff`` (or 31 December)."""
    policy = compliance.report_policy(year)
    span = policy.annual_span(year) if policy else Span(date(year, 1, 1), date(year, 12, 31))
    return build(
        compliance,
        kind="year",
        slug=f"nam-{year}",
        title=f"Báo cáo năm {year}",
        span=span,
    )
