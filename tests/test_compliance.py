"""SPEC §3 figures, with worked examples derived by hand from SPEC (not from the program)."""

from __future__ import annotations

from datetime import date

from generator.domain.compliance import YearRow
from generator.domain.periods import Quarter, Span, add_months, merge, subtract, total_days
from tests.conftest import POLICY, Tree, district, province


def row(tree: Tree, official: str, year: int, as_of: str = "2026-11-27") -> YearRow:
    rows = tree.run(as_of).compliance.rows
    return next(r for r in rows if r.official == official and r.year == year)


def test_worked_example_1_first_policy_year(tree: Tree) -> None:
    # SPEC §3: a full-time official in 2018 under kh-45-2018 (effective 18/04/2018).
    # Applicable days: 18–30 April = 13, May 31, June 30, July 31, August 31,
    # September 30, October 31, November 30, December 31 → 13 + 245 = 258.
    # Required: ceil(60 × 258 / 365) = ceil(15480 / 365) = ceil(42.41…) = 43.
    tree.official("lan", province())
    figures = row(tree, "lan", 2018)
    assert (figures.applicable_days, figures.required_days) == (258, 43)
    assert figures.status == "not_met"


def test_worked_example_2_leap_year_with_maternity_leave(tree: Tree) -> None:
    # 2020 is a leap year: D = 366. Maternity leave 01/02–31/07/2020 removes
    # February 29 + March 31 + April 30 + May 31 + June 30 + July 31 = 182 days,
    # so A = 366 − 182 = 184 and R = ceil(60 × 184 / 366) = ceil(11040 / 366)
    # = ceil(30.16…) = 31. Two visits of 15 and 16 days in the other months:
    # counted = 31 = R, with a district, a commune and a hamlet branch meeting → met.
    tree.official(
        "lan",
        province(),
        exemptions=[{"kind": "maternity_leave", "from": "2020-02-01", "to": "2020-07-31"}],
    )
    tree.visit(
        "lan",
        "2020-01-06",
        "2020-01-20",
        places=["tan-bien", "tan-bien/thanh-tay"],
        contents=["1.3"],
    )
    tree.visit("lan", "2020-09-01", "2020-09-16", contents=["1.6"])
    tree.plan("ban-tckt", 2020, 1, "2020-01-05", "lan")
    tree.plan("ban-tckt", 2020, 3, "2020-07-05", "lan")
    figures = row(tree, "lan", 2020)
    assert (figures.applicable_days, figures.required_days, figures.counted_days) == (184, 31, 31)
    assert (figures.district_visit, figures.grassroots_visit, figures.branch_meeting) == (
        True,
        True,
        True,
    )
    assert figures.status == "met"


def test_worked_example_3_year_spanning_two_policies(make_tree) -> None:  # type: ignore[no-untyped-def]
    # Policy A (60 days) governs 01/01–30/06/2022: 31+28+31+30+31+30 = 181 days.
    # Policy B (30 days) governs 01/07–31/12/2022: 31+31+30+31+30+31 = 184 days.
    # R = ceil((60 × 181 + 30 × 184) / 365) = ceil((10860 + 5520) / 365)
    #   = ceil(16380 / 365) = ceil(44.87…) = 45.
    first = {**POLICY, "id": "a", "effective_from": "2018-01-01", "effective_to": "2022-06-30"}
    tree = make_tree(first)
    second = {
        k: v
        for k, v in {
            **POLICY,
            "id": "b",
            "effective_from": "2022-07-01",
            "min_days_per_year": 30,
        }.items()
        if k != "effective_to"
    }
    tree.write("policies/b.yaml", second)
    tree.official("lan", province())
    figures = row(tree, "lan", 2022)
    assert (figures.applicable_days, figures.required_days) == (365, 45)


def test_worked_example_4_exempt_duty_then_general(tree: Tree) -> None:
    # Accountant (exempt duty) until 31/03/2019, then general duty: January 31 +
    # February 28 + March 31 = 90 days are not applicable, A = 365 − 90 = 275,
    # R = ceil(60 × 275 / 365) = ceil(16500 / 365) = ceil(45.2…) = 46.
    tree.official(
        "lan", province(end="2019-03-31", duty="accounting"), province(start="2019-04-01")
    )
    figures = row(tree, "lan", 2019)
    assert (figures.applicable_days, figures.required_days) == (275, 46)


def test_exempt_all_year_and_in_progress(tree: Tree) -> None:
    tree.official("ke-toan", province(duty="accounting"))
    tree.official("lan", province())
    assert row(tree, "ke-toan", 2019).status == "exempt"
    assert row(tree, "lan", 2019, as_of="2019-12-31").status == "in_progress"
    assert row(tree, "lan", 2019, as_of="2020-01-01").status == "not_met"


def test_training_of_exactly_six_months_exempts_a_day_less_does_not(make_tree) -> None:  # type: ignore[no-untyped-def]
    # 01/03/2021 + 6 months − 1 day = 31/08/2021.
    long = make_tree()
    long.official(
        "a", province(), exemptions=[{"kind": "training", "from": "2021-03-01", "to": "2021-08-31"}]
    )
    assert row(long, "a", 2021).applicable_days == 365 - 184
    assert long.findings(rule="exemption-too-short") == []
    short = make_tree()
    short.official(
        "a",
        province(),
        exemptions=[{"kind": "secondment", "from": "2021-03-01", "to": "2021-08-30"}],
    )
    assert row(short, "a", 2021).applicable_days == 365
    (warning,) = short.findings(rule="exemption-too-short")
    assert warning.official == "a" and warning.severity.value == "warning"


def test_six_months_from_the_end_of_a_month_clamps() -> None:
    assert add_months(date(2021, 8, 31), 6) == date(2022, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)


def test_trip_over_new_year_splits(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-12-30", "2020-01-02", contents=["1.3"], places=["tan-bien"])
    assert row(tree, "lan", 2019).counted_days == 2
    assert row(tree, "lan", 2020).counted_days == 2


def test_transfer_mid_year_between_levels(tree: Tree) -> None:
    tree.official("lan", district(end="2019-06-30"), province(start="2019-07-01"))
    tree.visit(
        "lan", "2019-03-04", places=["tan-bien/thanh-tay"], contents=["1.3"]
    )  # district level
    tree.visit(
        "lan", "2019-08-05", places=["go-dau"], contents=["1.3"]
    )  # province level, district place
    figures = row(tree, "lan", 2019)
    assert (figures.unit, figures.level) == ("ban-tckt", "province")
    assert figures.counted_days == 2
    # Only visits made at province level count for the level booleans.
    assert (figures.district_visit, figures.grassroots_visit) == (True, False)


def test_rows_cover_assignment_years_on_policy_days(tree: Tree) -> None:
    tree.official("lan", province(start="2015-01-01", end="2019-05-31"))
    years = [r.year for r in tree.run("2026-11-27").compliance.rows if r.official == "lan"]
    assert years == [2018, 2019]


def test_spans() -> None:
    a, b = Span(date(2020, 1, 1), date(2020, 1, 10)), Span(date(2020, 1, 11), date(2020, 1, 12))
    assert merge([b, a]) == [Span(date(2020, 1, 1), date(2020, 1, 12))]
    assert total_days([a, a, b]) == 12
    assert subtract([a], [Span(date(2020, 1, 3), date(2020, 1, 4))]) == [
        Span(date(2020, 1, 1), date(2020, 1, 2)),
        Span(date(2020, 1, 5), date(2020, 1, 10)),
    ]
    assert Quarter.of(date(2020, 12, 31)).span == Span(date(2020, 10, 1), date(2020, 12, 31))
    assert Quarter(2020, 1).span.days == 91 and Quarter(2019, 1).span.days == 90


def test_annual_deadline_on_a_day_the_month_lacks_is_its_last_day(make_tree) -> None:  # type: ignore[no-untyped-def]
    tree = make_tree(
        {**POLICY, "report_deadlines": {"district_annual": "02-30", "province_annual": "10-20"}}
    )
    (policy,) = tree.run().records.policies
    assert policy.annual_deadlines(2020) == [
        (date(2020, 2, 29), "district_annual"),
        (date(2020, 10, 20), "province_annual"),
    ]
    assert policy.annual_deadlines(2021)[0][0] == date(2021, 2, 28)
