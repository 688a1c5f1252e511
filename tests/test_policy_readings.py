"""Property: a version-1 policy and its version-2 spelling give the same findings and rows.

Version 2 writes the three content lists as a catalogue (``contents``) and
``long_absence_months`` as ``exemption_kinds``; SPEC says the two readings mean
the same. Random record sets are validated under each and compared whole.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.domain.model import SEED_CONTENTS
from tests.conftest import POLICY, Tree, district, province

CODES = [code for code, _ in SEED_CONTENTS]
PLACES = [
    "tan-bien",
    "tan-bien/thanh-tay",
    "tan-bien/thanh-tay/thanh-hoa",
    "tan-bien/tan-lap",
    "go-dau/thanh-duc/bau-sen",
]
KINDS = ["maternity_leave", "secondment", "training"]


def version_2(v1: dict[str, Any]) -> dict[str, Any]:
    """The same regulation in version 2's keys."""
    lists = ("self_chosen_contents", "assigned_contents", "invitation_counts_for")
    data = {k: v for k, v in v1.items() if k not in (*lists, "long_absence_months")}
    data["contents"] = [
        {
            "code": code,
            "name": name,
            "chosen": "self" if code in v1["self_chosen_contents"] else "assigned",
            **({"counts_by_invitation": True} if code in v1["invitation_counts_for"] else {}),
        }
        for code, name in SEED_CONTENTS
    ]
    months = v1["long_absence_months"]
    data["exemption_kinds"] = {"maternity_leave": 0, "secondment": months, "training": months}
    return data


visits = st.lists(
    st.tuples(
        st.sampled_from(["lan", "binh"]),
        st.integers(0, 500),
        st.integers(0, 4),
        st.lists(st.sampled_from(PLACES), min_size=1, max_size=2, unique=True),
        st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True),
        st.booleans(),
        st.booleans(),
        st.integers(0, 12),
    ),
    max_size=14,
)
exemptions = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 600), st.integers(1, 300)), max_size=3
)
plans = st.lists(
    st.tuples(st.integers(2019, 2020), st.integers(1, 4), st.integers(0, 40)), max_size=5
)


def build(policy: dict[str, Any], trips: list[Any], leave: list[Any], quarters: list[Any]) -> Tree:
    tree = Tree(Path(tempfile.mkdtemp())).base(policy)
    start = date(2019, 1, 1)
    tree.official(
        "lan",
        province(),
        exemptions=[
            {
                "kind": kind,
                "from": (start + timedelta(days=offset)).isoformat(),
                "to": (start + timedelta(days=offset + length)).isoformat(),
            }
            for kind, offset, length in leave
        ]
        or None,
    )
    tree.official("binh", district(end="2019-09-30"), province(start="2019-10-01"))
    used: dict[str, set[date]] = {"lan": set(), "binh": set()}
    for who, offset, length, places, contents, invited, assigned, late in trips:
        first = start + timedelta(days=offset)
        days = {first + timedelta(days=k) for k in range(length + 1)}
        if days & used[who]:
            continue
        used[who] |= days
        last = first + timedelta(days=length)
        extra: dict[str, Any] = {"invitation_only": True} if invited else {}
        if assigned:
            extra["assigned_by"] = "Thường trực Tỉnh đoàn"
        tree.visit(
            who,
            first.isoformat(),
            last.isoformat() if length else None,
            places=places,
            contents=contents,
            reported_on=(last + timedelta(days=late)).isoformat(),
            **extra,
        )
    for year, quarter, day in quarters:
        registered = date(year, 3 * quarter - 2, 1) + timedelta(days=day)
        tree.plan("ban-tckt", year, quarter, registered.isoformat(), "lan", "binh")
    return tree


def outcome(tree: Tree) -> tuple[list[tuple[Any, ...]], list[dict[str, object]]]:
    result = tree.run("2021-03-01")
    findings = [
        (
            f.rule,
            f.severity,
            f.file,
            f.line,
            f.column,
            f.message,
            f.official,
            f.unit,
            f.year,
            f.quarter,
        )
        for f in result.findings
    ]
    rows = [{**r.as_json(), "missing": r.missing_kinds} for r in result.compliance.rows]
    return findings, rows


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(visits, exemptions, plans, st.integers(1, 9))
def test_version_1_and_version_2_readings_agree(
    trips: list[Any], leave: list[Any], quarters: list[Any], months: int
) -> None:
    v1 = {**POLICY, "long_absence_months": months}
    first = outcome(build(v1, trips, leave, quarters))
    second = outcome(build(version_2(v1), trips, leave, quarters))
    assert first == second
    assert first[1], "every record set has rows"


def test_the_version_2_spelling_is_valid() -> None:
    tree = Tree(Path(tempfile.mkdtemp())).base(version_2(POLICY))
    assert tree.findings() == []
