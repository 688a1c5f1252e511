"""The policy parameters that switch rules on, in the order the policy page lists them.

A rule a policy can switch off names its switch in its descriptor
(``Rule(..., applies=switches.BRANCH_MEETING)``); the policy page reads the rules
a policy switches on from the registry (``publishing/policy_text.rules_on``).
"""

from __future__ import annotations

from generator.domain.model import Policy
from generator.domain.rules.base import Switch


def _always(policy: Policy) -> bool:
    del policy
    return True


def _place_kinds(policy: Policy) -> bool:
    return any(groups for _, groups in policy.required_place_kinds)


def _branch_meeting(policy: Policy) -> bool:
    return policy.branch_meeting_content is not None


def _report_deadline(policy: Policy) -> bool:
    return policy.report_within_days is not None and bool(policy.report_deadline_levels)


def _plan_deadline(policy: Policy) -> bool:
    return policy.plan_deadline_day is not None


def _exemption_minimum(policy: Policy) -> bool:
    return any(months > 0 for _, months in policy.exemption_kinds)


def _invitation(policy: Policy) -> bool:
    return policy.invitation_counts_for != policy.codes


DAYS = Switch("min_days_per_year", _always)  # every policy has a yearly quota
PLACE_KINDS = Switch("required_place_kinds", _place_kinds)
BRANCH_MEETING = Switch("branch_meeting_content", _branch_meeting)
REPORT_DEADLINE = Switch("report_within_days", _report_deadline)
PLAN_DEADLINE = Switch("plan_deadline_day", _plan_deadline)
EXEMPTION_MINIMUM = Switch("exemption_kinds", _exemption_minimum)
INVITATION = Switch("invitation_counts_for", _invitation)

SWITCHES: tuple[Switch, ...] = (
    DAYS,
    PLACE_KINDS,
    BRANCH_MEETING,
    REPORT_DEADLINE,
    PLAN_DEADLINE,
    EXEMPTION_MINIMUM,
    INVITATION,
)
