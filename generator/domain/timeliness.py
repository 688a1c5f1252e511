"""When visit reports and quarterly plans are due, and which came late or are missing.

The one home of these figures: the rules ``report-late``, ``plan-late`` and
``plan-missing`` turn them into findings; the site, the documents and the
Monday reminder read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.domain.compliance import Compliance
from generator.domain.model import Plan, Policy, Visit
from generator.domain.periods import Quarter, quarters


@dataclass(frozen=True, slots=True)
class Late:
    """A report or a plan handed in after its due date."""

    due: date
    handed_in: date

    @property
    def days(self) -> int:
        return (self.handed_in - self.due).days


@dataclass(frozen=True, slots=True)
class MissingPlan:
    """A unit that had to register a quarter's plan, whose due date has come, and has none."""

    unit: str
    quarter: Quarter
    due: date


def report_due(compliance: Compliance, visit: Visit) -> date | None:
    """The day a visit's report is due, or ``None`` when no deadline applies to it.

    Under the policy governing the visit's first day: ``report_within_days`` after
    its last day, for a covered visit made at a level in ``report_deadline_levels``.
    """
    policy = compliance.policy_on(visit.start)
    if (
        policy is None
        or policy.report_within_days is None
        or not compliance.is_covered(visit)
        or compliance.visit_level(visit) not in policy.report_deadline_levels
    ):
        return None
    return visit.end + timedelta(days=policy.report_within_days)


def late_report(compliance: Compliance, visit: Visit) -> Late | None:
    due = report_due(compliance, visit)
    if due is None or visit.reported_on <= due:
        return None
    return Late(due, visit.reported_on)


def plan_due(compliance: Compliance, plan: Plan) -> date | None:
    """The registration deadline of a plan's quarter, if the plan's unit must meet it."""
    deadline = compliance.deadline(Quarter(plan.year, plan.quarter))
    unit = compliance.records.units.get(plan.unit)
    if deadline is None or unit is None:
        return None
    day, policy = deadline
    return day if unit.level in policy.plan_deadline_levels else None


def late_plan(compliance: Compliance, plan: Plan) -> Late | None:
    due = plan_due(compliance, plan)
    if due is None or plan.registered_on <= due:
        return None
    return Late(due, plan.registered_on)


def missing_plans(compliance: Compliance) -> list[MissingPlan]:
    """Plans that should exist by ``as_of`` and do not, by quarter then unit id.

    A unit needs a plan for a quarter whose registration deadline has come (on or
    before ``as_of``) when one of its officials had an applicable day in the quarter
    and its level is in the ``plan_levels`` of the policy setting that deadline.
    """
    if not compliance.policies:
        return []
    records = compliance.records
    due: dict[Quarter, tuple[date, Policy]] = {}
    for quarter in quarters(compliance.policies[0].effective_from, compliance.as_of):
        deadline = compliance.deadline(quarter)
        if deadline is not None and deadline[0] <= compliance.as_of:
            due[quarter] = deadline
    needed: set[tuple[str, Quarter]] = set()
    for official in records.officials.values():
        for run in compliance.applicable(official.id):
            for quarter in quarters(run.span.first, run.span.last):
                if quarter in due:
                    needed.add((run.assignment.unit, quarter))
    missing = []
    for unit_id, quarter in sorted(needed, key=lambda n: (n[1], n[0])):
        unit = records.units.get(unit_id)
        day, policy = due[quarter]
        if (
            unit is not None
            and unit.level in policy.plan_levels
            and (unit_id, quarter.year, quarter.number) not in records.plan_files
        ):
            missing.append(MissingPlan(unit_id, quarter, day))
    return missing
