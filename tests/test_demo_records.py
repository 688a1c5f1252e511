"""The committed demo records: zero errors, and the cases a real office has."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from generator import pipeline
from generator.domain.outcome import Outcome
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
    assert {p.id for p in demo.records.policies} == {"kh-45-2018", "kh-12-2023", "kh-30-2025"}
    districts = [u for u in demo.records.units.values() if u.level == "district"]
    assert len(districts) == 9


def test_demo_is_brought_up_to_the_2025_reform(demo: Outcome) -> None:
    records = demo.records
    reform, last_old = date(2025, 7, 1), date(2025, 6, 30)
    # Every district union and district ends on 30/06/2025; communes and wards follow.
    assert all(u.end == last_old for u in records.units.values() if u.level == "district")
    communes = [u for u in records.units.values() if u.level == "commune"]
    assert communes and all(u.start == reform for u in communes)
    tops = [p for p in records.places.values() if "/" not in p.id]
    assert all(p.last == last_old for p in tops if p.kind == "district")
    assert {p.first for p in tops if p.kind == "commune"} == {reform}
    # Each old commune names where its area went; real names where a source gives them.
    old = [p for p in records.places.values() if p.kind == "commune" and "/" in p.id]
    assert old and all(p.successors for p in old)
    assert records.places["tan-ninh"].name == "Phường Tân Ninh"
    assert records.places["tp-tay-ninh/phuong-1"].successors == ("tan-ninh",)
    # Nobody works at a dissolved union after 30/06/2025; some moved to commune unions.
    units = records.units
    after = [
        a
        for o in records.officials.values()
        for a in o.assignments
        if a.end is None or a.end > last_old
    ]
    assert all(units[a.unit].level != "district" for a in after)
    assert any(units[a.unit].level == "commune" for a in after)
    # No visit after the reform names a place that ended.
    for visit in records.visits:
        assert all(records.places[p].in_force(visit.start) for p in visit.places)
    # Officials of a city's or town's union are not called "Huyện đoàn".
    for official in records.officials.values():
        for a in official.assignments:
            if a.unit in {"hd-tp-tay-ninh", "hd-hoa-thanh", "hd-trang-bang"}:
                assert "Huyện đoàn" not in a.role
    # The 2025 rows of officials moved from a district union show their new unit.
    rows = [r for r in demo.compliance.rows if r.year == 2025 and r.level == "commune"]
    assert rows
