"""Property-based checks of the compliance figures (hypothesis)."""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.domain.compliance import required_days
from generator.domain.model import Policy
from generator.domain.periods import days_in_year
from generator.reading import loader
from tests.conftest import Tree, examples, province

FAST = settings(
    max_examples=examples(light=25, full=300),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PLACES = ["tan-bien", "tan-bien/thanh-tay", "tan-bien/thanh-tay/thanh-hoa", "go-dau/thanh-duc"]

trips = st.lists(
    st.tuples(st.integers(0, 700), st.integers(0, 6), st.sampled_from(PLACES), st.booleans()),
    max_size=12,
)


def build(trip_list: list[tuple[int, int, str, bool]], extra: list[tuple[date, date]] = ()) -> Tree:  # type: ignore[assignment]
    tree = Tree(Path(tempfile.mkdtemp())).base()
    tree.official("lan", province())
    tree.plan("ban-tckt", 2019, 3, "2019-07-10", "lan")
    used: set[date] = set()
    spans = [
        (date(2019, 1, 1) + timedelta(days=offset), length, place, branch)
        for offset, length, place, branch in trip_list
    ]
    spans += [(start, (end - start).days, "tan-bien/thanh-tay", False) for start, end in extra]
    for start, length, place, branch in spans:
        days = {start + timedelta(days=k) for k in range(length + 1)}
        if days & used:
            continue
        used |= days
        end = start + timedelta(days=length)
        contents = ["1.6"] if branch and place.count("/") == 2 else ["1.3"]
        tree.visit(
            "lan",
            start.isoformat(),
            end.isoformat() if length else None,
            places=[place],
            contents=contents,
        )
    return tree


def rows(tree: Tree) -> dict[int, Any]:
    return {r.year: r for r in tree.run("2026-11-27").compliance.rows}


@FAST
@given(trips)
def test_counted_days_never_exceed_the_year(trip_list: list[tuple[int, int, str, bool]]) -> None:
    for row in rows(build(trip_list)).values():
        assert row.counted_days <= days_in_year(row.year)
        assert row.counted_days >= 0


@given(st.integers(1, 366), st.integers(0, 366), st.integers(0, 366), st.sampled_from([2019, 2020]))
def test_required_days_never_decrease_when_applicable_days_grow(
    minimum: int, a: int, b: int, year: int
) -> None:
    policy = cast(
        Policy,
        type(
            "P",
            (),
            {"quota_basis": "calendar_year", "quota": staticmethod(lambda level: minimum)},
        )(),
    )
    d = days_in_year(year)
    low, high = sorted((min(a, d), min(b, d)))
    assert required_days([(policy, "province", low, d)], year) <= required_days(
        [(policy, "province", high, d)], year
    )
    assert required_days([(policy, "province", d, d)], year) == minimum


@FAST
@given(trips, st.integers(0, 364), st.integers(0, 4))
def test_adding_a_counted_visit_never_turns_met_into_not_met(
    trip_list: list[tuple[int, int, str, bool]], offset: int, length: int
) -> None:
    # A base that meets 2019: 62 days with a district, a commune and a hamlet branch meeting.
    base = [
        (60, 30, "tan-bien", False),
        (120, 29, "tan-bien/thanh-tay", False),
        (200, 0, "tan-bien/thanh-tay/thanh-hoa", True),
    ]
    before = rows(build(base + trip_list))[2019]
    start = date(2019, 1, 1) + timedelta(days=offset)
    after = rows(build(base + trip_list, [(start, start + timedelta(days=length))]))[2019]
    if before.status == "met":
        assert after.status == "met"
    assert after.counted_days >= before.counted_days


@FAST
@given(st.integers(0, 360), st.integers(1, 9), st.data())
def test_splitting_a_trip_never_changes_counted_days(
    offset: int, length: int, data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, length - 1))
    whole = rows(build([(offset, length, "tan-bien", False)]))
    split = rows(
        build(
            [
                (offset, cut, "tan-bien", False),
                (offset + cut + 1, length - cut - 1, "tan-bien", False),
            ]
        )
    )
    assert {y: r.counted_days for y, r in whole.items()} == {
        y: r.counted_days for y, r in split.items()
    }


@FAST
@given(trips, st.randoms(use_true_random=False))
def test_reordering_records_never_changes_output(
    trip_list: list[tuple[int, int, str, bool]], rnd: random.Random
) -> None:
    tree = build(trip_list)
    tree.official("binh", province("hd-tan-bien"))
    loaded = pipeline.load(loader.discover(tree.records))
    outcome = pipeline.check(loaded, date(2026, 11, 27))
    records = outcome.records
    rnd.shuffle(records.visits)
    rnd.shuffle(records.plans)
    records.officials = dict(rnd.sample(list(records.officials.items()), len(records.officials)))
    shuffled = pipeline.Loaded(
        rnd.sample(loaded.valid, len(loaded.valid)), loaded.invalid, loaded.stage, loaded.plan_files
    )
    again = pipeline.judge(shuffled, records, outcome.compliance.as_of)
    assert again.compliance.rows == outcome.compliance.rows
    assert again.findings == outcome.findings
