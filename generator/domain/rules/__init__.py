"""The rule catalogue of SPEC §4: one module per rule id, listed in :data:`REGISTRY`."""

from __future__ import annotations

from typing import cast

from generator.domain.rules import (
    branch_meeting,
    branch_meeting_place,
    date_order,
    duplicate_id,
    exemption_too_short,
    future_date,
    inactive_official,
    invitation_not_counted,
    levels,
    min_days,
    missing_assigned_by,
    no_policy,
    not_in_force,
    out_of_area,
    path_mismatch,
    plan_late,
    plan_missing,
    report_late,
    schema,
    unknown_reference,
    unplanned_visit,
    visit_overlap,
    yaml_syntax,
)
from generator.domain.rules.base import Context, Rule, RuleModule, Scope

# In the order of SPEC §4.
REGISTRY: tuple[RuleModule, ...] = cast(
    tuple[RuleModule, ...],
    (
        yaml_syntax,
        schema,
        path_mismatch,
        duplicate_id,
        unknown_reference,
        not_in_force,
        date_order,
        visit_overlap,
        missing_assigned_by,
        branch_meeting_place,
        inactive_official,
        no_policy,
        future_date,
        min_days,
        levels,
        branch_meeting,
        out_of_area,
        report_late,
        plan_late,
        plan_missing,
        unplanned_visit,
        exemption_too_short,
        invitation_not_counted,
    ),
)

RULES: dict[str, Rule] = {module.RULE.id: module.RULE for module in REGISTRY}


__all__ = ["REGISTRY", "RULES", "Context", "Rule", "RuleModule", "Scope"]
