"""SPEC v2 policy keys at their edges, with figures worked out by hand from SPEC §3–§4."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from generator.domain import model, periodic
from generator.domain.compliance import YearRow
from generator.publishing import pages
from tests.conftest import POLICY, Tree, district, province

MakeTree = Callable[..., Tree]


def policy(**changes: Any) -> dict[str, Any]:
    """The seed policy with ``changes``; a value of None removes the key."""
    data = {**POLICY, **changes}
    return {k: v for k, v in data.items() if v is not None}


V2_CATALOGUE = [
    {"code": "1", "name": "Dự sinh hoạt chi đoàn khu dân cư", "chosen": "self"},
    {"code": "2", "name": "Kiểm tra, giám sát", "chosen": "assigned"},
    {
        "code": "3",
        "name": "Dự hội nghị đoàn cơ sở",
        "chosen": "assigned",
        "counts_by_invitation": True,
    },
]
NO_LISTS = {"self_chosen_contents": None, "assigned_contents": None, "invitation_counts_for": None}


def rows(tree: Tree, as_of: str = "2026-11-27") -> dict[tuple[str, int], YearRow]:
    return {(r.official, r.year): r for r in tree.run(as_of).compliance.rows}


def rules(tree: Tree, as_of: str = "2026-11-27") -> list[tuple[str, str | None, int | None]]:
    return [(f.rule, f.official, f.year) for f in tree.findings(as_of)]


# -- §3 required days -----------------------------------------------------------


def test_mid_year_transfer_between_levels_with_different_quotas(make_tree: MakeTree) -> None:
    # District 01/01–30/06/2019 (181 days, quota 30), province from 01/07 (184 days, quota 60):
    # R = ceil((30 × 181 + 60 × 184) / 365) = ceil((5430 + 11040) / 365) = ceil(45.12…) = 46.
    tree = make_tree(
        policy(
            effective_from="2019-01-01",
            covered_levels=["province", "district"],
            min_days_per_year=0,
            min_days_by_level={"province": 60, "district": 30},
        )
    )
    tree.official("lan", district(end="2019-06-30"), province(start="2019-07-01"))
    row = rows(tree)[("lan", 2019)]
    assert (row.applicable_days, row.required_days, row.unit, row.level) == (
        365,
        46,
        "ban-tckt",
        "province",
    )


def test_policy_days_basis_asks_the_whole_quota_in_its_window(make_tree: MakeTree) -> None:
    # Quảng Trị's plan: 60 days counted from March to December 2020 (306 days).
    # policy_days: R = ceil(60 × 306 / 306) = 60; calendar_year would give ceil(60 × 306 / 366) = 51.
    window = {"effective_from": "2020-03-01", "effective_to": "2020-12-31"}
    by_window = make_tree(policy(**window, quota_basis="policy_days"))
    by_year = make_tree(policy(**window))
    for tree in (by_window, by_year):
        tree.official("lan", province())
        tree.visit(
            "lan", "2020-03-02", "2020-04-21", places=["tan-bien", "tan-bien/thanh-tay/thanh-hoa"]
        )
        tree.plan("ban-tckt", 2020, 1, "2020-01-05", "lan")
        tree.plan("ban-tckt", 2020, 2, "2020-04-05", "lan")
    window_row, year_row = rows(by_window)[("lan", 2020)], rows(by_year)[("lan", 2020)]
    assert (window_row.applicable_days, window_row.required_days) == (306, 60)
    assert (year_row.applicable_days, year_row.required_days) == (306, 51)
    # 51 counted days: met when pro-rated over the year, not met over the plan's window.
    assert window_row.counted_days == year_row.counted_days == 51
    assert (window_row.status, year_row.status) == ("not_met", "met")


def test_two_policies_with_different_bases_sum_exactly_and_round_once(
    make_tree: MakeTree,
) -> None:
    # A: 01/01–30/06/2021, 73 days over the calendar year; the official has 181 days:
    #    73 × 181 / 365 = 36.2.
    # B: from 01/07/2021, 30 days over its own 184 days of 2021; the official leaves on
    #    28/12 (181 days): 30 × 181 / 184 = 29.51…
    # One ceiling: ceil(65.71…) = 66 (two ceilings would give 37 + 30 = 67).
    tree = make_tree(
        policy(id="a", effective_from="2018-01-01", effective_to="2021-06-30", min_days_per_year=73)
    )
    tree.write(
        "policies/b.yaml",
        policy(
            id="b",
            effective_from="2021-07-01",
            effective_to=None,
            min_days_per_year=30,
            quota_basis="policy_days",
        ),
    )
    tree.official("lan", province(end="2021-12-28"))
    row = rows(tree)[("lan", 2021)]
    assert (row.applicable_days, row.required_days) == (362, 66)


def test_level_outside_covered_levels_has_no_row_and_no_violation(make_tree: MakeTree) -> None:
    tree = make_tree(policy(covered_levels=["province"]))
    tree.official("binh", district())
    # Late, unplanned, out of area: none of it is reported for an uncovered level.
    tree.visit("binh", "2019-08-05", places=["go-dau/thanh-duc/bau-sen"], reported_on="2019-09-30")
    assert [r for r in rows(tree) if r[0] == "binh"] == []
    assert [f for f in tree.findings() if f.official == "binh"] == []


def test_transfer_into_a_covered_level(make_tree: MakeTree) -> None:
    # Covered from 01/07/2019 only: A = 184, R = ceil(60 × 184 / 365) = ceil(30.24…) = 31.
    tree = make_tree(policy(covered_levels=["province"]))
    tree.official("binh", district(end="2019-06-30"), province(start="2019-07-01"))
    tree.visit(
        "binh", "2019-03-04", places=["tan-bien/thanh-tay/thanh-hoa"]
    )  # district: not counted
    tree.visit("binh", "2019-08-05", places=["tan-bien/thanh-tay/thanh-hoa"])
    tree.plan("ban-tckt", 2019, 3, "2019-07-10", "binh")
    found = rows(tree)
    assert ("binh", 2018) not in found
    row = found[("binh", 2019)]
    assert (row.applicable_days, row.required_days, row.counted_days, row.unit) == (
        184,
        31,
        1,
        "ban-tckt",
    )


# -- content catalogue ----------------------------------------------------------


def test_custom_catalogue(make_tree: MakeTree) -> None:
    tree = make_tree(policy(**NO_LISTS, contents=V2_CATALOGUE, branch_meeting_content="1"))
    tree.official("lan", province())
    tree.plan("ban-tckt", 2019, 3, "2019-07-10", "lan")
    unknown = tree.visit("lan", "2019-07-15", contents=["1.6"])
    unassigned = tree.visit("lan", "2019-07-22", contents=["2"])
    invited = tree.visit(
        "lan", "2019-08-05", contents=["3"], assigned_by="Thường trực", invitation_only=True
    )
    not_invited = tree.visit("lan", "2019-08-12", contents=["1"], invitation_only=True)
    found = {(f.rule, f.file): f for f in tree.findings("2019-12-01")}
    assert ("unknown-reference", unknown) in found
    assert found[("unknown-reference", unknown)].line == 6
    assert ("missing-assigned-by", unassigned) in found
    assert ("invitation-not-counted", invited) not in found
    assert ("invitation-not-counted", not_invited) in found
    compliance = tree.run("2019-12-01").compliance
    counted = {v.source.file: compliance.counted(v) for v in compliance.records.visits}
    assert counted[invited] and not counted[not_invited]


def test_plan_entry_content_unknown_to_the_quarters_policy(make_tree: MakeTree) -> None:
    tree = make_tree(policy(**NO_LISTS, contents=V2_CATALOGUE, branch_meeting_content="1"))
    tree.official("lan", province())
    plan = tree.plan("ban-tckt", 2019, 3, "2019-07-10", "lan")  # entries name 1.1 and 1.6
    unknown = [f for f in tree.findings() if f.rule == "unknown-reference"]
    assert [(f.file, f.line) for f in unknown] == [(plan, 8), (plan, 9)]


def test_branch_meeting_content_outside_the_catalogue(make_tree: MakeTree) -> None:
    tree = make_tree(policy(**NO_LISTS, contents=V2_CATALOGUE, branch_meeting_content="9"))
    found = tree.findings(rule="unknown-reference")
    assert [(f.file, f.line) for f in found] == [("records/policies/kh-45-2018.yaml", 12)]


def test_catalogue_and_lists_together_are_a_schema_error(make_tree: MakeTree) -> None:
    tree = make_tree(policy(contents=V2_CATALOGUE))
    found = tree.findings(rule="schema")
    assert found and "contents" in found[0].message


def test_zero_quota_needs_per_level_quotas(make_tree: MakeTree) -> None:
    tree = make_tree(policy(min_days_per_year=0))
    assert tree.findings(rule="schema")


# -- switchable rules -------------------------------------------------------------


def test_no_branch_meeting_content(make_tree: MakeTree) -> None:
    tree = make_tree(policy(branch_meeting_content=None))
    tree.official("lan", province(start="2019-01-01", end="2019-01-31"))
    # 1.6 without a hamlet place: no branch-meeting-place; no branch meeting in the year: fine.
    tree.visit("lan", "2019-01-07", "2019-01-12", places=["tan-bien", "tan-bien/thanh-tay"])
    tree.plan("ban-tckt", 2019, 1, "2019-01-05", "lan")
    assert rules(tree) == []
    row = rows(tree)[("lan", 2019)]
    # A = 31, R = ceil(60 × 31 / 365) = ceil(5.09…) = 6 = counted.
    assert (row.required_days, row.counted_days, row.branch_meeting, row.status) == (
        6,
        6,
        None,
        "met",
    )


def test_no_plan_deadline(make_tree: MakeTree) -> None:
    tree = make_tree(policy(plan_deadline_day=None, plan_deadline_levels=None))
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", contents=["1.1", "1.6"])  # self-chosen, no plan at all
    tree.plan("ban-tckt", 2019, 4, "2019-12-20")  # registered late: no deadline to miss
    found = {rule for rule, _, _ in rules(tree)}
    assert not found & {"plan-late", "plan-missing", "unplanned-visit"}
    assert "min-days" in found


def test_plan_levels(make_tree: MakeTree) -> None:
    tree = make_tree(policy(plan_levels=["province"]))
    tree.official("lan", province(start="2019-07-01", end="2019-09-30"))
    tree.official("binh", district(start="2019-07-01", end="2019-09-30"))
    tree.visit("lan", "2019-08-05", contents=["1.6"])
    tree.visit("binh", "2019-08-05", contents=["1.6"])
    found = [(f.rule, f.unit, f.official) for f in tree.findings()]
    assert ("plan-missing", "ban-tckt", None) in found
    assert ("unplanned-visit", "ban-tckt", "lan") in found
    assert not [
        f for f in found if f[1] == "hd-tan-bien" and f[0].startswith(("plan", "unplanned"))
    ]


def test_no_report_deadline(make_tree: MakeTree) -> None:
    tree = make_tree(policy(report_within_days=None, report_deadline_levels=None))
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", reported_on="2019-12-30")
    assert tree.findings(rule="report-late") == []


def test_custom_exemption_kinds(make_tree: MakeTree) -> None:
    kinds = {"maternity_leave": 0, "sick_leave": 3}
    tree = make_tree(policy(exemption_kinds=kinds, long_absence_months=None))
    # 01/03–31/05/2019 is exactly 3 months (to >= from + 3 months - 1 day): 92 days off.
    tree.official(
        "long",
        province(),
        exemptions=[{"kind": "sick_leave", "from": "2019-03-01", "to": "2019-05-31"}],
    )
    tree.official(
        "short",
        province(),
        exemptions=[{"kind": "sick_leave", "from": "2019-03-01", "to": "2019-05-30"}],
    )
    tree.official(
        "other",
        province(),
        exemptions=[{"kind": "training", "from": "2019-03-01", "to": "2019-12-31"}],
    )
    found = rows(tree)
    assert found[("long", 2019)].applicable_days == 365 - 92
    assert found[("short", 2019)].applicable_days == 365
    assert found[("other", 2019)].applicable_days == 365
    by_rule = {(f.rule, f.official) for f in tree.findings()}
    assert ("exemption-too-short", "short") in by_rule
    assert ("exemption-too-short", "long") not in by_rule
    assert ("unknown-reference", "other") in by_rule
    assert ("exemption-too-short", "other") not in by_rule


def test_no_exemption_kind_at_all(make_tree: MakeTree) -> None:
    tree = make_tree(policy(exemption_kinds={}, long_absence_months=None))
    tree.official(
        "lan",
        province(),
        exemptions=[{"kind": "maternity_leave", "from": "2019-03-01", "to": "2019-08-31"}],
    )
    assert [f.rule for f in tree.findings() if f.official == "lan" and f.file] == [
        "unknown-reference"
    ]


def test_required_place_kinds_met_and_unmet(make_tree: MakeTree) -> None:
    # Province officials need a commune and a hamlet, no district. Both work all December:
    # A = 31, R = ceil(60 × 31 / 365) = ceil(5.09…) = 6.
    kinds = {"province": [["commune"], ["hamlet"]]}
    tree = make_tree(policy(required_place_kinds=kinds, effective_from="2019-01-01"))
    tree.official("met", province(start="2019-12-01"))
    tree.official("unmet", province(start="2019-12-01"))
    tree.plan("ban-tckt", 2019, 4, "2019-10-05", "met", "unmet")
    for who in ("met", "unmet"):
        tree.visit(who, "2019-12-02", "2019-12-03", places=["tan-bien/thanh-tay"], contents=["1.3"])
    tree.visit("met", "2019-12-16", "2019-12-19", places=["go-dau/thanh-duc/bau-sen"])
    tree.visit("unmet", "2019-12-16", "2019-12-19", places=["tan-bien"], contents=["1.3"])
    found = [f for f in tree.findings("2020-06-01") if f.rule in {"levels", "branch-meeting"}]
    assert sorted((f.rule, f.official, f.message) for f in found) == [
        ("branch-meeting", "unmet", "Năm 2019 chưa dự sinh hoạt chi đoàn ấp, khu phố lần nào"),
        (
            "levels",
            "unmet",
            "Năm 2019 chưa có đợt đi cơ sở nào ở ấp, khu phố (tính các đợt đi khi công tác ở cấp tỉnh)",
        ),
    ]
    met, unmet = (rows(tree, "2020-06-01")[(who, 2019)] for who in ("met", "unmet"))
    assert (met.required_days, met.counted_days, met.district_visit, met.status) == (
        6,
        6,
        False,
        "met",
    )
    assert (unmet.counted_days, unmet.missing_kinds, unmet.status) == (
        6,
        (("province", ("hamlet",)),),
        "not_met",
    )


def test_no_place_kind_requirement(make_tree: MakeTree) -> None:
    tree = make_tree(policy(required_place_kinds={}))
    tree.official("lan", province(start="2019-12-20"))
    tree.visit("lan", "2019-12-20", "2019-12-23")  # a hamlet only
    tree.plan("ban-tckt", 2019, 4, "2019-10-05", "lan")
    assert tree.findings(rule="levels") == []


def test_annual_cutoff_sets_the_annual_reports_period(make_tree: MakeTree) -> None:
    tree = make_tree(
        policy(
            report_deadlines={"province_annual": "10-20", "annual_cutoff": "09-30"},
        )
    )
    tree.official("lan", province())
    tree.visit("lan", "2019-09-30")
    tree.visit("lan", "2019-10-01")
    outcome = tree.run()
    report = periodic.year_report(outcome.compliance, 2019)
    assert (report.span.first, report.span.last) == (date(2019, 1, 1), date(2019, 9, 30))
    assert report.province.visits == 1
    assert outcome.compliance.policies[0].report_deadlines == (("province_annual", "10-20"),)


# -- version 1 ----------------------------------------------------------------------


def test_version_1_defaults(tree: Tree) -> None:
    seed = tree.run().records.policies[0]
    assert seed.covered_levels == frozenset(model.LEVELS)
    assert seed.plan_levels == frozenset(model.LEVELS)
    assert seed.quota_basis == "calendar_year"
    assert seed.min_days_by_level == ()
    assert seed.quota("district") == seed.quota("province") == 60
    assert seed.codes == frozenset({"1.1", "1.2", "1.3", "1.4", "1.5", "1.6"})
    assert seed.self_chosen_contents == frozenset({"1.1", "1.3", "1.6"})
    assert seed.assigned_contents == frozenset({"1.2", "1.4", "1.5"})
    assert seed.invitation_counts_for == frozenset({"1.5"})
    assert dict(seed.exemption_kinds) == {"maternity_leave": 0, "secondment": 6, "training": 6}
    assert seed.place_kinds("province") == (
        frozenset({"district"}),
        frozenset({"commune", "hamlet"}),
    )
    assert seed.place_kinds("district") == ()
    assert seed.annual_span(2019).last == date(2019, 12, 31)


def test_the_rules_page_states_a_policys_parameters(make_tree: MakeTree) -> None:
    tree = make_tree(
        policy(
            **NO_LISTS,
            contents=V2_CATALOGUE,
            branch_meeting_content=None,
            plan_deadline_day=None,
            plan_deadline_levels=None,
            min_days_per_year=0,
            min_days_by_level={"commune": 24, "province": 60},
            covered_levels=["province", "commune"],
            quota_basis="policy_days",
            exemption_kinds={"maternity_leave": 0, "sick_leave": 3},
            long_absence_months=None,
            report_deadlines={"province_annual": "10-20", "annual_cutoff": "09-30"},
        )
    )
    page = pages.generate(tree.run(), date(2026, 11, 27), None).files["quy-dinh.md"].decode()
    for text in (
        "cấp tỉnh, cấp xã",
        "theo cấp&#58; cấp tỉnh&#58; 60 ngày; cấp xã&#58; 24 ngày",
        "trên số ngày của năm mà quy định có hiệu lực",
        "không có hạn đăng ký",
        "Dự sinh hoạt chi đoàn</th><td>không yêu cầu",
        "2 loại; thời gian tối thiểu để được miễn&#58; bất kỳ hoặc từ 3 tháng",
        "từ 01/01 đến 30/09",
        "Kiểm tra, giám sát</td><td>được phân công",
        "Dự hội nghị đoàn cơ sở</td><td>được phân công</td><td>có",
    ):
        assert text in page, text
    assert "Nghỉ ốm" not in page and "thai sản" not in page  # kinds are never named publicly
    rules_on = page.split("Quy tắc được áp dụng")[1].split("</tr>")[0]
    assert "plan-missing" not in rules_on and "branch-meeting" not in rules_on
    assert "exemption-too-short" in rules_on


def test_zero_quota_needs_a_quota_for_every_covered_level(make_tree: MakeTree) -> None:
    covered = {"min_days_per_year": 0, "covered_levels": ["province", "commune"]}
    missing = make_tree(policy(**covered, min_days_by_level={"province": 60}))
    found = missing.findings(rule="schema")
    assert len(found) == 1 and "commune" in found[0].message
    complete = make_tree(policy(**covered, min_days_by_level={"province": 60, "commune": 24}))
    assert complete.findings(rule="schema") == []
    every_level = make_tree(policy(min_days_per_year=0, min_days_by_level={"province": 60}))
    assert every_level.findings(rule="schema")
