"""The committed demo records: zero errors, and the cases a real office has."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from generator import pipeline
from generator.pipeline import Outcome
from tests.conftest import REPO


@pytest.fixture(scope="module")
def demo() -> Outcome:
    return pipeline.run(REPO / "records", date(2026, 11, 27))


def test_demo_validates_without_errors(demo: Outcome) -> None:
    assert [f for f in demo.findings if f.severity.value == "error"] == []


def test_demo_has_the_cases_a_real_office_has(demo: Outcome) -> None:
    rules = Counter(f.rule for f in demo.findings)
    for rule in (
        "report-late",
        "plan-late",
        "min-days",
        "levels",
        "branch-meeting",
        "out-of-area",
        "unplanned-visit",
        "exemption-too-short",
        "invitation-not-counted",
    ):
        assert rules[rule] > 0, rule
    statuses = Counter(r.status for r in demo.compliance.rows)
    assert set(statuses) == {"met", "not_met", "exempt", "in_progress"}
    officials = demo.records.officials
    assert 60 <= len(officials) <= 100
    assert any(e.kind == "maternity_leave" for o in officials.values() for e in o.exemptions)
    assert any(a.duty == "accounting" for o in officials.values() for a in o.assignments)
    assert any(
        len({demo.records.units[a.unit].level for a in o.assignments}) == 2
        for o in officials.values()
    )
    assert {p.id for p in demo.records.policies} == {"kh-45-2018", "kh-12-2023"}
    districts = [u for u in demo.records.units.values() if u.level == "district"]
    assert len(districts) == 9
