"""The violation, warning and info rules of SPEC §4 at their edges."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import POLICY, Tree, district, province


def ids(tree: Tree, as_of: str = "2026-11-27", rule: str | None = None) -> list[str]:
    return [f.rule for f in tree.findings(as_of, rule=rule)]


# -- min-days, levels, branch-meeting -----------------------------------------------


def test_min_days_met_exactly_and_short_by_one(make_tree) -> None:  # type: ignore[no-untyped-def]
    # 2019, full year: R = ceil(60 × 365 / 365) = 60. Counted 60 → nothing; 59 → min-days.
    for days, expected in ((60, []), (59, ["min-days"])):
        tree = make_tree()
        tree.official("lan", province(start="2019-01-01", end="2019-12-31"))
        end = date(2019, 3, 1) + timedelta(days=days - 2)
        tree.visit("lan", "2019-03-01", end.isoformat(), places=["tan-bien"], contents=["1.3"])
        tree.visit("lan", "2019-06-03", places=["tan-bien/thanh-tay/thanh-hoa"], contents=["1.6"])
        assert ids(tree, rule="min-days") == expected
        assert ids(tree, rule="levels") == ids(tree, rule="branch-meeting") == []


def test_min_days_only_for_finished_years_with_applicable_days(tree: Tree) -> None:
    tree.official("lan", province())
    tree.official("ke-toan", province(duty="accounting"))
    assert ids(tree, "2019-12-31", rule="min-days") == ["min-days"]  # 2018 only
    found = tree.findings("2020-01-01", rule="min-days")
    assert sorted((f.official, f.year) for f in found) == [("lan", 2018), ("lan", 2019)]
    assert all(f.file is None and f.unit == "ban-tckt" for f in found)


def test_levels_need_district_and_grassroots_for_province_officials(tree: Tree) -> None:
    tree.official("lan", province(start="2019-01-01"))
    tree.official("binh", district(start="2019-01-01"))
    tree.visit("lan", "2019-03-04", places=["tan-bien/thanh-tay/thanh-hoa"], contents=["1.6"])
    tree.visit("binh", "2019-03-04", places=["tan-bien/thanh-tay/thanh-hoa"], contents=["1.6"])
    found = tree.findings("2020-01-01", rule="levels")
    assert [(f.official, f.year) for f in found] == [("lan", 2019)]
    assert "cấp huyện" in found[0].message and "xã" not in found[0].message


def test_branch_meeting_needs_a_counted_visit_with_the_content(tree: Tree) -> None:
    tree.official("lan", district(start="2019-01-01"))
    tree.visit("lan", "2019-03-04", places=["tan-bien/thanh-tay/thanh-hoa"], contents=["1.3"])
    tree.visit(
        "lan", "2019-05-06", places=["go-dau/thanh-duc/bau-sen"], contents=["1.6"]
    )  # out of area
    found = tree.findings("2020-01-01", rule="branch-meeting")
    assert [(f.official, f.year) for f in found] == [("lan", 2019)]


# -- out-of-area ---------------------------------------------------------------------


def test_out_of_area_for_district_officials(tree: Tree) -> None:
    tree.official("binh", district())
    own = tree.visit("binh", "2019-03-04", places=["tan-bien/thanh-tay"], contents=["1.3"])
    at_district = tree.visit("binh", "2019-03-05", places=["tan-bien"], contents=["1.3"])
    elsewhere = tree.visit(
        "binh", "2019-03-06", places=["tan-bien/tan-lap", "go-dau/thanh-duc"], contents=["1.3"]
    )
    found = tree.findings(rule="out-of-area")
    assert sorted(str(f.file) for f in found) == sorted([at_district, elsewhere])
    assert own not in {f.file for f in found}
    bad = next(f for f in found if f.file == elsewhere)
    assert bad.line == 5  # the offending list item, the second place
    outcome = tree.run()
    assert next(r for r in outcome.compliance.rows if r.year == 2019).counted_days == 1


def test_province_officials_may_visit_any_district(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-03-05", places=["go-dau"], contents=["1.3"])
    assert ids(tree, rule="out-of-area") == []


# -- report-late -----------------------------------------------------------------------


def test_report_deadline_day_before_of_and_after(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit(
        "lan",
        "2019-08-05",
        "2019-08-06",
        reported_on="2019-08-08",
        contents=["1.3"],
        places=["tan-bien"],
    )
    tree.visit(
        "lan",
        "2019-08-12",
        "2019-08-13",
        reported_on="2019-08-16",
        contents=["1.3"],
        places=["tan-bien"],
    )
    late = tree.visit(
        "lan",
        "2019-08-19",
        "2019-08-20",
        reported_on="2019-08-24",
        contents=["1.3"],
        places=["tan-bien"],
    )
    (finding,) = tree.findings(rule="report-late")
    assert (finding.file, finding.line, finding.column) == (late, 9, 14)
    assert finding.message == "Báo cáo nộp ngày 24/08/2019, trễ 1 ngày so với hạn 23/08/2019"
    assert (finding.official, finding.unit, finding.year, finding.quarter) == (
        "lan",
        "ban-tckt",
        2019,
        3,
    )


def test_report_deadline_applies_only_to_its_levels(tree: Tree) -> None:
    tree.official("lan", district(end="2019-06-30"), province(start="2019-07-01"))
    tree.visit(
        "lan", "2019-06-30", reported_on="2019-07-30", places=["tan-bien/thanh-tay/thanh-hoa"]
    )
    assert ids(tree, rule="report-late") == []


def test_report_window_comes_from_the_policy(make_tree) -> None:  # type: ignore[no-untyped-def]
    tree = make_tree(
        {**POLICY, "report_within_days": 10, "report_deadline_levels": ["province", "district"]}
    )
    tree.official("binh", district())
    tree.visit("binh", "2019-08-05", reported_on="2019-08-15")
    tree.visit("binh", "2019-08-06", reported_on="2019-08-17")
    (finding,) = tree.findings(rule="report-late")
    assert finding.file.endswith("2019-08-06.yaml")


# -- plan-late, plan-missing, unplanned-visit ------------------------------------------------


def test_plan_deadline_day_of_and_after(tree: Tree) -> None:
    tree.official("lan", province())
    tree.official("binh", district())
    tree.plan("ban-tckt", 2019, 3, "2019-07-15", "lan")
    tree.plan("ban-tckt", 2019, 4, "2019-10-16", "lan")
    tree.plan("hd-tan-bien", 2019, 4, "2019-10-30", "binh")  # district plans have no deadline here
    (finding,) = tree.findings(rule="plan-late")
    assert (finding.unit, finding.year, finding.quarter, finding.line) == ("ban-tckt", 2019, 4, 4)


def test_quarter_whose_deadline_no_policy_governs(tree: Tree) -> None:
    # Q2 2018: the deadline 15/04/2018 is before the policy starts (18/04/2018).
    tree.official("lan", province())
    tree.plan("ban-tckt", 2018, 2, "2018-05-30", "lan")
    assert ids(tree, rule="plan-late") == []
    assert not any(f.quarter == 2 and f.year == 2018 for f in tree.findings(rule="plan-missing"))


def test_plan_missing_from_the_deadline_day(tree: Tree) -> None:
    tree.official("lan", province(start="2019-01-01", end="2019-09-30"))
    tree.official(
        "ke-toan", province("hd-go-dau", start="2019-01-01", end="2019-09-30", duty="accounting")
    )
    tree.plan("ban-tckt", 2019, 1, "2019-01-10", "lan")
    tree.plan("ban-tckt", 2019, 2, "2019-04-10", "lan")
    assert ids(tree, "2019-07-14", rule="plan-missing") == []
    (finding,) = tree.findings("2019-07-15", rule="plan-missing")
    assert (finding.unit, finding.year, finding.quarter, finding.file) == (
        "ban-tckt",
        2019,
        3,
        None,
    )
    # Q4: no applicable day; hd-go-dau: only an exempt official.
    assert len(tree.findings("2026-11-27", rule="plan-missing")) == 1


def test_unplanned_visit_any_plan_of_the_quarter_counts(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", contents=["1.1"], places=["tan-bien"])
    tree.visit(
        "lan", "2019-10-07", contents=["1.2"], places=["tan-bien"], assigned_by="Thường trực"
    )
    (finding,) = tree.findings(rule="unplanned-visit")
    assert finding.quarter == 3
    tree.plan("hd-tan-bien", 2019, 3, "2019-07-05", "lan")  # another unit's plan names her
    assert ids(tree, rule="unplanned-visit") == []


# -- invitation --------------------------------------------------------------------------------


def test_invitation_only_counts_only_for_its_contents(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit(
        "lan",
        "2019-08-05",
        contents=["1.5"],
        places=["tan-bien"],
        assigned_by="BTV",
        invitation_only=True,
    )
    info = tree.visit(
        "lan", "2019-08-06", contents=["1.1"], places=["tan-bien"], invitation_only=True
    )
    (finding,) = tree.findings(rule="invitation-not-counted")
    assert finding.file == info and finding.severity.value == "info"
    assert next(r for r in tree.run().compliance.rows if r.year == 2019).counted_days == 1
