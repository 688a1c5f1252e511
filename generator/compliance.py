"""SPEC §3: applicable, required and counted days, visit levels and each person-year's figures.

Everything is computed from the records and an explicit ``as_of``; every number
comes from the policy that governs the day in question.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from generator.model import Assignment, Exemption, Official, Policy, Records, Unit, Visit
from generator.periods import (
    ONE_DAY,
    Quarter,
    Span,
    add_months,
    days_in_year,
    quarters,
    subtract,
    total_days,
    year_span,
)

PROVINCE = "province"
DISTRICT = "district"


@dataclass(frozen=True, slots=True)
class Applicable:
    """A run of applicable days under one assignment and one policy."""

    span: Span
    assignment: Assignment
    policy: Policy
    level: str | None


@dataclass(frozen=True, slots=True)
class YearRow:
    """One official's figures for one year (a row of ``report``)."""

    official: str
    year: int
    unit: str
    level: str | None
    applicable_days: int
    required_days: int
    counted_days: int
    district_visit: bool
    grassroots_visit: bool
    branch_meeting: bool
    status: str
    province_applicable_days: int

    def as_json(self) -> dict[str, object]:
        return {
            "official": self.official,
            "year": self.year,
            "unit": self.unit,
            "level": self.level,
            "applicable_days": self.applicable_days,
            "required_days": self.required_days,
            "counted_days": self.counted_days,
            "district_visit": self.district_visit,
            "grassroots_visit": self.grassroots_visit,
            "branch_meeting": self.branch_meeting,
            "status": self.status,
        }


def qualifies(exemption: Exemption, policy: Policy) -> bool:
    """Maternity leave always exempts; secondment and training only when long enough."""
    if exemption.kind == "maternity_leave":
        return True
    return exemption.end >= add_months(exemption.start, policy.long_absence_months) - ONE_DAY


def required_days(per_policy: Iterable[tuple[Policy, int]], year: int) -> int:
    """``ceil(Σ min_days × A_p / D)``: one policy gives SPEC's ``ceil(min × A / D)``."""
    numerator = sum(policy.min_days_per_year * days for policy, days in per_policy)
    return -(-numerator // days_in_year(year))


class Compliance:
    """Derived facts over one set of records at one ``as_of`` date (memoised)."""

    def __init__(self, records: Records, as_of: date, only: set[str] | None = None) -> None:
        self.records = records
        self.as_of = as_of
        self.only = only  # compute person-year rows for these officials only (incremental runs)
        self.horizon = date(as_of.year, 12, 31)
        self.policies = sorted(records.policies, key=lambda p: (p.effective_from, p.id))
        self.policy_spans = [(p.span(self.horizon), p) for p in self.policies]
        self._policy_of_day: dict[date, Policy | None] = {}
        self._unit_on: dict[tuple[str, date], Unit | None] = {}
        visits: dict[str, list[Visit]] = defaultdict(list)
        for visit in sorted(records.visits, key=lambda v: (v.start, v.end, v.source.file)):
            visits[visit.official].append(visit)
        self.visits_of = dict(visits)
        self.planned = {
            (plan.year, plan.quarter, entry.official)
            for plan in records.plans
            for entry in plan.entries
        }

    # -- days and policies -------------------------------------------------

    @functools.cached_property
    def visits_horizon(self) -> date:
        """The last day anything is looked at: the end of ``as_of``'s year or of the last visit."""
        return max(self.horizon, max((v.end for v in self.records.visits), default=self.horizon))

    def policy_on(self, day: date) -> Policy | None:
        if day not in self._policy_of_day:
            self._policy_of_day[day] = next((p for p in self.policies if p.governs(day)), None)
        return self._policy_of_day[day]

    def unit_on(self, official_id: str, day: date) -> Unit | None:
        key = (official_id, day)
        if key not in self._unit_on:
            official = self.records.officials.get(official_id)
            assignment = official.assignment_on(day) if official else None
            self._unit_on[key] = self.records.units.get(assignment.unit) if assignment else None
        return self._unit_on[key]

    def level_on(self, official_id: str, day: date) -> str | None:
        unit = self.unit_on(official_id, day)
        return unit.level if unit else None

    def deadline(self, quarter: Quarter) -> tuple[date, Policy] | None:
        """The plan registration deadline of a quarter, under the policy governing that day."""
        for policy in self.policies:
            day = date(quarter.year, quarter.first_month, policy.plan_deadline_day)
            if policy.governs(day):
                return day, policy
        return None

    # -- officials ---------------------------------------------------------

    @functools.cache  # noqa: B019 - one instance per run; the cache lives exactly as long
    def applicable(self, official_id: str) -> tuple[Applicable, ...]:
        """The official's applicable days (SPEC §3) up to the end of ``as_of``'s year."""
        official = self.records.officials[official_id]
        runs: list[Applicable] = []
        for assignment in official.assignments:
            unit = self.records.units.get(assignment.unit)
            for policy_span, policy in self.policy_spans:
                span = assignment.span(self.horizon).intersect(policy_span)
                if span.empty or assignment.duty in policy.exempt_duties:
                    continue
                holes = [e.span for e in official.exemptions if qualifies(e, policy)]
                runs.extend(
                    Applicable(part, assignment, policy, unit.level if unit else None)
                    for part in subtract([span], holes)
                )
        return tuple(runs)

    def years(self, official: Official) -> list[int]:
        """Years up to ``as_of``'s in which the official had an assignment on a policy day."""
        years: set[int] = set()
        for assignment in official.assignments:
            for policy_span, _ in self.policy_spans:
                span = assignment.span(self.horizon).intersect(policy_span)
                if not span.empty:
                    years.update(range(span.first.year, min(span.last.year, self.as_of.year) + 1))
        return sorted(years)

    # -- visits --------------------------------------------------------------

    def visit_level(self, visit: Visit) -> str | None:
        """A visit is made at the level of the official's unit on its first day."""
        return self.level_on(visit.official, visit.start)

    @functools.cache  # noqa: B019 - see applicable()
    def out_of_area(self, visit: Visit) -> tuple[str, ...]:
        """Places of a district-level official's visit outside the unit's communes."""
        unit = self.unit_on(visit.official, visit.start)
        if unit is None or unit.level != DISTRICT or unit.area is None:
            return ()
        return tuple(p for p in visit.places if "/" not in p or p.split("/", 1)[0] != unit.area)

    def not_counted_by_invitation(self, visit: Visit) -> bool:
        if not visit.invitation_only:
            return False
        policy = self.policy_on(visit.start)
        counts_for = policy.invitation_counts_for if policy else frozenset()
        return not counts_for.intersection(visit.contents)

    @functools.cache  # noqa: B019 - see applicable()
    def counted(self, visit: Visit) -> bool:
        return not self.not_counted_by_invitation(visit) and not self.out_of_area(visit)

    @functools.cache  # noqa: B019 - see applicable()
    def _visits_by_year(self, official_id: str) -> dict[int, list[Visit]]:
        by_year: dict[int, list[Visit]] = defaultdict(list)
        for visit in self.visits_of.get(official_id, []):
            for year in range(visit.start.year, visit.end.year + 1):
                by_year[year].append(visit)
        return by_year

    @functools.cached_property
    def _visits_by_quarter(self) -> dict[Quarter, list[Visit]]:
        by_quarter: dict[Quarter, list[Visit]] = defaultdict(list)
        for visit in sorted(
            self.records.visits, key=lambda v: (v.start, v.official, v.source.file)
        ):
            by_quarter[Quarter.of(visit.start)].append(visit)
        return by_quarter

    def visits_starting(self, span: Span) -> list[Visit]:
        """Visits whose first day is in ``span``, by date then official."""
        return [
            visit
            for quarter in quarters(span.first, span.last)
            for visit in self._visits_by_quarter.get(quarter, [])
            if visit.start in span
        ]

    def counted_visits(self, official_id: str, year: int) -> list[Visit]:
        """Counted visits with at least one day in ``year``."""
        return [v for v in self._visits_by_year(official_id).get(year, []) if self.counted(v)]

    def has_branch_meeting(self, visit: Visit) -> bool:
        policy = self.policy_on(visit.start)
        return policy is not None and policy.branch_meeting_content in visit.contents

    # -- figures -------------------------------------------------------------

    def finished(self, year: int) -> bool:
        return year < self.as_of.year

    def row(self, official: Official, year: int) -> YearRow:
        span = year_span(year)
        runs = [(run.span.intersect(span), run) for run in self.applicable(official.id)]
        runs = [(part, run) for part, run in runs if not part.empty]
        per_policy: dict[str, tuple[Policy, list[Span]]] = {}
        for part, run in runs:
            per_policy.setdefault(run.policy.id, (run.policy, []))[1].append(part)
        applicable = total_days(part for part, _ in runs)
        province_days = total_days(part for part, run in runs if run.level == PROVINCE)
        required = required_days(
            ((policy, total_days(parts)) for policy, parts in per_policy.values()), year
        )
        counted = self.counted_visits(official.id, year)
        counted_days = total_days(v.span.intersect(span) for v in counted)
        province_visits = [v for v in counted if self.visit_level(v) == PROVINCE]
        district_visit = any("/" not in p for v in province_visits for p in v.places)
        grassroots_visit = any("/" in p for v in province_visits for p in v.places)
        branch = any(self.has_branch_meeting(v) for v in counted)
        last = max(
            (a for a in official.assignments if a.span(self.horizon).overlaps(span)),
            key=lambda a: a.start,
        )
        unit = self.records.units.get(last.unit)
        if applicable == 0:
            status = "exempt"
        elif not self.finished(year):
            status = "in_progress"
        elif (
            counted_days >= required
            and (province_days == 0 or (district_visit and grassroots_visit))
            and branch
        ):
            status = "met"
        else:
            status = "not_met"
        return YearRow(
            official=official.id,
            year=year,
            unit=last.unit,
            level=unit.level if unit else None,
            applicable_days=applicable,
            required_days=required,
            counted_days=counted_days,
            district_visit=district_visit,
            grassroots_visit=grassroots_visit,
            branch_meeting=branch,
            status=status,
            province_applicable_days=province_days,
        )

    @functools.cached_property
    def rows(self) -> list[YearRow]:
        """One row per official and year, sorted by year then official id."""
        rows = [
            self.row(official, year)
            for official in self.records.officials.values()
            if self.only is None or official.id in self.only
            for year in self.years(official)
        ]
        return sorted(rows, key=lambda r: (r.year, r.official))
