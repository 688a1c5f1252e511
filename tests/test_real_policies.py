"""Real regulations of other provinces (tests/policies/, sources cited in each file).

Each gets a small record set whose verdicts can be checked by hand from the
regulation's own numbers; the arithmetic is written out beside each assertion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.domain.compliance import YearRow
from tests.conftest import LOCALITIES, UNITS, Tree, district, province

POLICIES = Path(__file__).parent / "policies"


def tree_with(tmp_path: Path, policy_id: str) -> Tree:
    tree = Tree(tmp_path)
    tree.write(f"policies/{policy_id}.yaml", (POLICIES / f"{policy_id}.yaml").read_text("utf-8"))
    tree.write("units.yaml", {"units": UNITS})
    for ident, data in LOCALITIES.items():
        tree.write(f"localities/{ident}.yaml", data)
    return tree


def outcome(tree: Tree, as_of: str) -> tuple[dict[tuple[str, int], YearRow], list[tuple[Any, ...]]]:
    result = tree.run(as_of)
    rows = {(r.official, r.year): r for r in result.compliance.rows}
    findings = sorted((f.rule, f.official, f.year) for f in result.findings)
    return rows, findings


@pytest.mark.parametrize("policy", sorted(p.stem for p in POLICIES.glob("*.yaml")))
def test_each_regulation_is_a_valid_policy(tmp_path: Path, policy: str) -> None:
    assert tree_with(tmp_path, policy).findings() == []


def test_quang_tri_60_days_from_march_to_december_2020(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, "qt-kh-167-2020")
    tree.official("lan", province())
    tree.official("mai", province(start="2020-08-01"))
    tree.official("binh", district())  # a district official: not covered by the plan
    # 25 + 26 = 51 days; the second report comes 11 days after the trip (limit 10).
    tree.visit(
        "lan",
        "2020-03-02",
        "2020-03-26",
        places=["tan-bien", "tan-bien/thanh-tay"],
        contents=["1.3"],
    )
    tree.visit(
        "lan",
        "2020-04-06",
        "2020-05-01",
        places=["tan-bien/thanh-tay/thanh-hoa"],
        contents=["1.3"],
        reported_on="2020-05-12",
    )
    tree.visit("binh", "2020-06-01", places=["go-dau/thanh-duc"], reported_on="2020-07-30")
    rows, findings = outcome(tree, "2021-03-01")
    # Full time March–December: A = 306 = B, R = ceil(60 × 306 / 306) = 60; 51 < 60.
    lan = rows[("lan", 2020)]
    assert (lan.applicable_days, lan.required_days, lan.counted_days, lan.status) == (
        306,
        60,
        51,
        "not_met",
    )
    # From 1 August: A = 31 + 30 + 31 + 30 + 31 = 153, R = ceil(60 × 153 / 306) = 30.
    assert rows[("mai", 2020)].required_days == 30
    assert ("binh", 2020) not in rows
    # mai made no visit at all: neither the days nor version 1's two kinds of place.
    assert findings == [
        ("levels", "mai", 2020),
        ("min-days", "lan", 2020),
        ("min-days", "mai", 2020),
        ("report-late", "lan", 2020),
    ]


def test_da_nang_30_days_and_its_own_contents(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, "dn-kh-39-2018")
    tree.official("lan", province())
    tree.official("hoa", province())
    tree.visit(
        "lan", "2018-06-04", "2018-06-13", places=["tan-bien", "tan-bien/thanh-tay"], contents=["1"]
    )
    tree.visit(
        "lan",
        "2018-09-10",
        "2018-09-18",
        places=["go-dau/thanh-duc/bau-sen"],
        contents=["3"],
        assigned_by="Ủy ban Kiểm tra Thành Đoàn",
    )
    tree.visit("hoa", "2018-06-04", contents=["1.6"])  # the seed's code: unknown here
    tree.visit("hoa", "2018-06-11", contents=["3"])  # inspection without who assigned it
    rows, findings = outcome(tree, "2019-03-01")
    # 23/5–31/12/2018: 9 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 223 days;
    # R = ceil(30 × 223 / 365) = ceil(18.33…) = 19 = 10 + 9 counted days.
    lan = rows[("lan", 2018)]
    assert (lan.applicable_days, lan.required_days, lan.counted_days, lan.status) == (
        223,
        19,
        19,
        "met",
    )
    assert lan.branch_meeting is None  # the plan sets no yearly branch meeting
    assert ("missing-assigned-by", "hoa", 2018) in findings
    assert ("unknown-reference", "hoa", 2018) in findings
    assert not [f for f in findings if f[1] == "lan"]


def test_ninh_thuan_30_days_quarterly_plans_without_a_deadline(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, "nt-2020")
    tree.official("lan", province())
    tree.official("binh", district())
    tree.visit(
        "lan",
        "2020-03-02",
        "2020-03-30",
        places=["tan-bien", "tan-bien/thanh-tay"],
        contents=["1.1"],
    )
    rows, findings = outcome(tree, "2021-03-01")
    # 2020 has 366 days, all applicable: R = ceil(30 × 366 / 366) = 30; 29 counted.
    lan = rows[("lan", 2020)]
    assert (lan.applicable_days, lan.required_days, lan.counted_days, lan.status) == (
        366,
        30,
        29,
        "not_met",
    )
    assert ("binh", 2020) not in rows
    # No plan file anywhere, a self-chosen content: still no plan rule, as no day is set.
    assert findings == [("min-days", "lan", 2020)]


def test_ba_ria_vung_tau_60_days_three_kinds_of_place(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, "brvt-2018-2022")
    six_months = {"kind": "training", "from": "2019-01-01", "to": "2019-06-30"}
    five_months = {"kind": "training", "from": "2019-01-01", "to": "2019-05-31"}
    tree.official("lan", province(), exemptions=[six_months])
    tree.official("hoa", province(), exemptions=[five_months])
    tree.official("tuan", province())
    # lan: 10 + 10 + 11 = 31 days, at a district, a commune and a hamlet.
    tree.visit("lan", "2019-07-01", "2019-07-10", places=["tan-bien"], contents=["1.3"])
    tree.visit("lan", "2019-08-01", "2019-08-10", places=["tan-bien/tan-lap"], contents=["1.3"])
    tree.visit("lan", "2019-09-02", "2019-09-12", places=["tan-bien/thanh-tay/thanh-hoa"])
    # tuan: 60 days, but never at a hamlet's branch.
    tree.visit("tuan", "2019-03-01", "2019-03-30", places=["tan-bien"], contents=["1.3"])
    tree.visit("tuan", "2019-04-01", "2019-04-30", places=["go-dau/thanh-duc"], contents=["1.3"])
    rows, findings = outcome(tree, "2020-03-01")
    # Six months of training (to >= 1 January + 6 months - 1 day): A = 365 - 181 = 184,
    # R = ceil(60 × 184 / 365) = ceil(30.24…) = 31 = counted.
    lan = rows[("lan", 2019)]
    assert (lan.applicable_days, lan.required_days, lan.counted_days, lan.status) == (
        184,
        31,
        31,
        "met",
    )
    # Five months exempt nothing: A = 365, R = 60.
    assert (rows[("hoa", 2019)].applicable_days, rows[("hoa", 2019)].required_days) == (365, 60)
    tuan = rows[("tuan", 2019)]
    assert (tuan.counted_days, tuan.status) == (60, "not_met")
    assert ("exemption-too-short", "hoa", None) in findings
    assert [f for f in findings if f[1] in {"lan", "tuan"} and f[2] == 2019] == [
        ("levels", "tuan", 2019)
    ]
