"""Figures have one home: the domain computes lateness, coverage and period summaries once,
and the rules' findings say exactly what those figures say."""

from __future__ import annotations

from datetime import date

import pytest

from generator import pipeline
from generator.domain import coverage, periodic, timeliness
from generator.domain.compliance import Status
from generator.domain.outcome import Outcome
from generator.domain.periods import Quarter
from tests.conftest import REPO, Tree, district, province


@pytest.fixture(scope="module")
def demo() -> Outcome:
    return pipeline.run(REPO / "records", date(2026, 11, 27))


def test_late_reports_are_exactly_the_report_late_findings(demo: Outcome) -> None:
    late = {
        v.source.file
        for v in demo.records.visits
        if timeliness.late_report(demo.compliance, v) is not None
    }
    assert late and late == {f.file for f in demo.findings if f.rule == "report-late"}


def test_late_and_missing_plans_are_exactly_their_findings(demo: Outcome) -> None:
    late = {p.source.file for p in demo.records.plans if timeliness.late_plan(demo.compliance, p)}
    assert late and late == {f.file for f in demo.findings if f.rule == "plan-late"}
    missing = {
        (m.unit, m.quarter.year, m.quarter.number)
        for m in timeliness.missing_plans(demo.compliance)
    }
    assert missing == {
        (f.unit, f.year, f.quarter) for f in demo.findings if f.rule == "plan-missing"
    }


def test_status_is_an_enum_whose_values_are_the_exported_words() -> None:
    assert [s.value for s in Status] == ["met", "not_met", "in_progress", "exempt"]
    assert [s.label for s in Status] == ["Đạt", "Chưa đạt", "Đang thực hiện", "Miễn"]


def test_report_due_day_before_day_of_day_after(tree: Tree) -> None:
    tree.official("lan", province())
    for reported in ("2019-03-12", "2019-03-13", "2019-03-14"):
        tree.visit("lan", "2019-03-08", "2019-03-10", name=reported, reported_on=reported)
    outcome = tree.run("2019-12-31")
    late = {
        v.reported_on: timeliness.late_report(outcome.compliance, v) for v in outcome.records.visits
    }
    assert late[date(2019, 3, 12)] is None and late[date(2019, 3, 13)] is None
    overdue = late[date(2019, 3, 14)]
    assert overdue is not None and (overdue.due, overdue.days) == (date(2019, 3, 13), 1)


def test_a_period_summarises_each_unit_once_for_site_and_documents(tree: Tree) -> None:
    tree.official("lan", province())
    tree.official("tuan", district())
    tree.official("mai", province(end="2019-02-28"), district(start="2019-03-01"))
    tree.plan("ban-tckt", 2019, 1, "2019-01-16", "lan")  # a day after the 15th: late
    tree.visit("lan", "2019-02-04", "2019-02-06")
    outcome = tree.run("2019-12-31")
    report = periodic.quarter_report(outcome.compliance, Quarter(2019, 1))
    units = {section.key: section for section in report.units}
    assert report.province.officials == {"lan", "tuan", "mai"}
    assert units["ban-tckt"].officials == {"lan", "mai"}  # mai moved in March
    assert units["hd-tan-bien"].officials == {"tuan", "mai"}
    assert [p.unit for p in units["ban-tckt"].late_plans] == ["ban-tckt"]
    assert units["ban-tckt"].behind_plan == ["lan"]  # 15 days planned, 3 done
    assert units["ban-tckt"].statuses()[Status.IN_PROGRESS] == 2
    assert sum(report.province.statuses().values()) == 3


def test_coverage_counts_each_visit_once_per_area_and_lists_places_not_reached(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-02-04", places=["tan-bien/thanh-tay/thanh-hoa", "tan-bien/tan-lap"])
    tree.visit("lan", "2019-08-05", places=["go-dau"])
    areas = {a.area.id: a for a in coverage.coverage(tree.run("2019-12-31").records, 2019)}
    assert [a.area.name for a in areas.values()] == ["Huyện Gò Dầu", "Huyện Tân Biên"]
    tan_bien, go_dau = areas["tan-bien"], areas["go-dau"]
    assert tan_bien.visits_by_quarter == (1, 0, 0, 0) and go_dau.visits == 1
    assert (tan_bien.reached_communes, len(tan_bien.communes)) == (2, 2)
    assert tan_bien.unvisited == ()
    assert (go_dau.reached_communes, [p.id for p in go_dau.unvisited]) == (
        0,
        ["go-dau/thanh-duc", "go-dau/thanh-duc/bau-sen"],
    )
