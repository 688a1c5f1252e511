"""SPEC §3: applicable, required and counted days, visit levels and each person-year's figures.

(A person-year's row and status are values of their own: :mod:`person_year`, which
this module re-exports, so ``compliance.YearRow`` and ``compliance.Status`` still name them.)

Everything is computed from the records and an explicit ``as_of``; every number
comes from the policy that governs the day in question.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from generator.domain.model import Assignment, Exemption, Official, Policy, Records, Unit, Visit
from generator.domain.periods import (
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
from generator.domain.person_year import Status, YearRow

PROVINCE = "province"
DISTRICT = "district"


@dataclass(frozen=True, slots=True)
class Applicable:
    """A run of applicable days under one assignment and one policy."""

    span: Span
    assignment: Assignment
    policy: Policy
    level: str | None


def qualifies(exemption: Exemption, policy: Policy) -> bool:
    """Whether an exemption exempts, under its governing policy (SPEC §3).

    Its kind's minimum is 0 (any length), or ``to >= from + M months - 1 day``.
    A kind the policy lacks exempts nothing (``unknown-reference`` says so).
    """
    minimum = policy.exemption_minimum(exemption.kind)
    if minimum is None:
        return False
    return minimum == 0 or exemption.end >= add_months(exemption.start, minimum) - ONE_DAY


def required_days(per_policy: Iterable[tuple[Policy, str | None, int, int]], year: int) -> int:
    """``ceil(Σ_p Σ_L q(p, L) × A(p, L) / B(p))``, summed exactly, rounded up once.

    Each item is (policy, level, applicable days, days of the year the policy governs);
    B(p) is the days of the year, or the days it governs when its basis is ``policy_days``.
    """
    total = Fraction(0)
    for policy, level, days, governed in per_policy:
        basis = governed if policy.quota_basis == "policy_days" else days_in_year(year)
        if days and basis:
            total += Fraction(policy.quota(level) * days, basis)
    return -(-total.numerator // total.denominator)


class Compliance:
    """Derived facts over one set of records at one ``as_of`` date (memoised)."""

    def __init__(self, records: Records, as_of: date) -> None:
        self.records = records
        self.as_of = as_of
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

    def report_policy(self, year: int) -> Policy | None:
        """The policy whose report dates the annual report of ``year`` follows.

        The policy governing 31 December, else the one governing 1 January.
        """
        return self.policy_on(date(year, 12, 31)) or self.policy_on(date(year, 1, 1))

    def deadline(self, quarter: Quarter) -> tuple[date, Policy] | None:
        """The plan registration deadline of a quarter, under the policy governing that day."""
        for policy in self.policies:
            if policy.plan_deadline_day is None:
                continue
            day = date(quarter.year, quarter.first_month, policy.plan_deadline_day)
            if policy.governs(day):
                return day, policy
        return None

    # -- officials ---------------------------------------------------------

    def exemption_policy(self, exemption: Exemption) -> Policy | None:
        """The policy of the exemption's first day that a policy governs (SPEC §3)."""
        return next((p for span, p in self.policy_spans if span.overlaps(exemption.span)), None)

    @functools.cache  # noqa: B019 - one instance per run; the cache lives exactly as long
    def covered(self, official_id: str) -> tuple[Applicable, ...]:
        """The official's covered days (SPEC §3) up to the end of ``as_of``'s year."""
        official = self.records.officials[official_id]
        runs: list[Applicable] = []
        for assignment in official.assignments:
            unit = self.records.units.get(assignment.unit)
            level = unit.level if unit else None
            for policy_span, policy in self.policy_spans:
                if level is not None and level not in policy.covered_levels:
                    continue
                span = assignment.span(self.horizon).intersect(policy_span)
                if not span.empty:
                    runs.append(Applicable(span, assignment, policy, level))
        return tuple(runs)

    @functools.cache  # noqa: B019 - see covered()
    def applicable(self, official_id: str) -> tuple[Applicable, ...]:
        """The official's applicable days (SPEC §3) up to the end of ``as_of``'s year."""
        official = self.records.officials[official_id]
        holes = []
        for exemption in official.exemptions:
            policy = self.exemption_policy(exemption)
            if policy is not None and qualifies(exemption, policy):
                holes.append(exemption.span)
        return tuple(
            Applicable(part, run.assignment, run.policy, run.level)
            for run in self.covered(official_id)
            if run.assignment.duty not in run.policy.exempt_duties
            for part in subtract([run.span], holes)
        )

    def years(self, official: Official) -> list[int]:
        """Years up to ``as_of``'s in which the official had a covered day."""
        years: set[int] = set()
        for run in self.covered(official.id):
            years.update(range(run.span.first.year, min(run.span.last.year, self.as_of.year) + 1))
        return sorted(years)

    # -- visits --------------------------------------------------------------

    def visit_level(self, visit: Visit) -> str | None:
        """A visit is made at the level of the official's unit on its first day."""
        return self.level_on(visit.official, visit.start)

    def place_kind(self, place_id: str) -> str:
        """The kind of a place (by depth, as in version 1, for an id no file defines)."""
        place = self.records.places.get(place_id)
        if place is not None:
            return place.kind
        return ("district", "commune", "hamlet")[min(place_id.count("/"), 2)]

    def area_of(self, visit: Visit) -> str | None:
        """The area of the unit of the official's assignment on the visit's first day."""
        unit = self.unit_on(visit.official, visit.start)
        return unit.area if unit else None

    @functools.cache  # noqa: B019 - see applicable()
    def out_of_area(self, visit: Visit) -> tuple[str, ...]:
        """Places of a covered visit with an area that do not lie strictly inside the area."""
        area = self.area_of(visit)
        if area is None or not self.is_covered(visit):
            return ()
        inside = area + "/"
        return tuple(p for p in visit.places if not p.startswith(inside))

    @functools.cache  # noqa: B019 - see applicable()
    def is_covered(self, visit: Visit) -> bool:
        """Made at a level the policy governing its first day covers (SPEC §3)."""
        policy = self.policy_on(visit.start)
        if policy is None:
            return False
        level = self.visit_level(visit)
        return level is None or level in policy.covered_levels

    def not_counted_by_invitation(self, visit: Visit) -> bool:
        if not visit.invitation_only or not self.is_covered(visit):
            return False
        policy = self.policy_on(visit.start)
        counts_for = policy.invitation_counts_for if policy else frozenset()
        return not counts_for.intersection(visit.contents)

    @functools.cache  # noqa: B019 - see applicable()
    def counted(self, visit: Visit) -> bool:
        return (
            self.is_covered(visit)
            and not self.not_counted_by_invitation(visit)
            and not self.out_of_area(visit)
        )

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
        """The visit has the branch-meeting content of the policy governing its first day."""
        policy = self.policy_on(visit.start)
        return (
            policy is not None
            and policy.branch_meeting_content is not None
            and policy.branch_meeting_content in visit.contents
        )

    # -- figures -------------------------------------------------------------

    def finished(self, year: int) -> bool:
        return year < self.as_of.year

    def _governed(self, policy: Policy, span: Span) -> int:
        return policy.span(self.horizon).intersect(span).days

    def row(self, official: Official, year: int) -> YearRow:
        span = year_span(year)
        runs = [(run.span.intersect(span), run) for run in self.applicable(official.id)]
        runs = [(part, run) for part, run in runs if not part.empty]
        covered = [(run.span.intersect(span), run) for run in self.covered(official.id)]
        covered = [(part, run) for part, run in covered if not part.empty]
        per_key: dict[tuple[str, str | None], tuple[Policy, list[Span]]] = {}
        for part, run in runs:
            per_key.setdefault((run.policy.id, run.level), (run.policy, []))[1].append(part)
        applicable = total_days(part for part, _ in runs)
        province_days = total_days(part for part, run in runs if run.level == PROVINCE)
        required = required_days(
            (
                (policy, level, total_days(parts), self._governed(policy, span))
                for (_, level), (policy, parts) in per_key.items()
            ),
            year,
        )
        counted = self.counted_visits(official.id, year)
        counted_days = total_days(v.span.intersect(span) for v in counted)
        by_level: dict[str | None, list[Visit]] = defaultdict(list)
        for visit in counted:
            by_level[self.visit_level(visit)].append(visit)
        province_visits = by_level.get(PROVINCE, []) if province_days else []
        district_visit = any(
            self.place_kind(p) == DISTRICT for v in province_visits for p in v.places
        )
        grassroots_visit = any(
            self.place_kind(p) != DISTRICT for v in province_visits for p in v.places
        )
        # Year-end policies: of the last applicable day (at each level, and overall).
        last_at: dict[str | None, tuple[date, Policy]] = {}
        for part, run in runs:
            if run.level not in last_at or last_at[run.level][0] < part.last:
                last_at[run.level] = (part.last, run.policy)
        missing: list[tuple[str, tuple[str, ...]]] = []
        for level, (_, policy) in sorted(last_at.items(), key=lambda item: str(item[0])):
            if level is None:
                continue
            kinds_reached = {self.place_kind(p) for v in by_level.get(level, []) for p in v.places}
            missing.extend(
                (level, tuple(sorted(group)))
                for group in policy.place_kinds(level)
                if not group & kinds_reached
            )
        ends = list(last_at.values()) or [(part.last, run.policy) for part, run in covered]
        year_end = max(ends, key=lambda end: end[0])[1] if ends else None
        content = year_end.branch_meeting_content if year_end else None
        branch = None if content is None else any(content in v.contents for v in counted)
        last = max(covered, key=lambda c: (c[1].assignment.start, c[0].last))[1].assignment
        unit = self.records.units.get(last.unit)
        if applicable == 0:
            status = Status.EXEMPT
        elif not self.finished(year):
            status = Status.IN_PROGRESS
        elif counted_days >= required and not missing and branch is not False:
            status = Status.MET
        else:
            status = Status.NOT_MET
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
            missing_kinds=tuple(missing),
        )

    @functools.cached_property
    def rows(self) -> list[YearRow]:
        """One row per official and year, sorted by year then official id."""
        rows = [
            self.row(official, year)
            for official in self.records.officials.values()
            for year in self.years(official)
        ]
        return sorted(rows, key=lambda r: (r.year, r.official))


__all__ = [
    "DISTRICT",
    "PROVINCE",
    "Applicable",
    "Compliance",
    "Status",
    "YearRow",
    "qualifies",
    "required_days",
]
