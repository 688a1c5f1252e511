"""SPEC v2 organisation over time: the 1 July 2025 reform at its edges."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator import scaffold
from generator.domain import periodic
from generator.domain.findings import Finding
from generator.domain.periods import Quarter
from generator.publishing import deadlines, pages
from tests.conftest import POLICY, UNITS, Tree, district, province

OLD = {
    "effective_from": "2018-04-18",
    "effective_to": "2025-06-30",
    "min_days_by_level": {"district": 30},
}
NEW: dict[str, Any] = {
    **{k: v for k, v in POLICY.items() if k != "effective_to"},
    "id": "kh-2025",
    "effective_from": "2025-07-01",
    "covered_levels": ["province", "commune"],
    "min_days_per_year": 0,
    "min_days_by_level": {"province": 60, "commune": 24},
    "required_place_kinds": {"province": [["commune"], ["hamlet"]]},
}
THANH_BINH = {
    "id": "thanh-binh",
    "name": "Xã Thạnh Bình",
    "kind": "commune",
    "from": "2025-07-01",
    "hamlets": [{"id": "khu-pho-1", "name": "Ấp 1"}],
}
DX = {
    "id": "dx-thanh-binh",
    "name": "Đoàn xã Thạnh Bình",
    "level": "commune",
    "area": "thanh-binh",
    "from": "2025-07-01",
}


@pytest.fixture
def reform(tree: Tree) -> Tree:
    """The base tree with districts ending on 30/06/2025 and a commune under the province."""
    tree.write("policies/kh-45-2018.yaml", {**POLICY, **OLD})
    tree.write("policies/kh-2025.yaml", NEW)
    units = [dict(u) for u in UNITS]
    for unit in units:
        if unit["level"] == "district":
            unit["to"] = "2025-06-30"
    tree.write("units.yaml", {"units": [*units, DX]})
    tan_bien = {
        "id": "tan-bien",
        "name": "Huyện Tân Biên",
        "to": "2025-06-30",
        "communes": [
            {
                "id": "thanh-tay",
                "name": "Xã Thạnh Tây",
                "successors": ["thanh-binh"],
                "hamlets": [{"id": "thanh-hoa", "name": "Ấp Thạnh Hòa"}],
            },
            {"id": "tan-lap", "name": "Xã Tân Lập", "successors": ["thanh-binh"]},
        ],
    }
    tree.write("localities/tan-bien.yaml", tan_bien)
    tree.write(
        "localities/go-dau.yaml",
        {"id": "go-dau", "name": "Huyện Gò Dầu", "to": "2025-06-30", "communes": []},
    )
    tree.write("localities/thanh-binh.yaml", THANH_BINH)
    return tree


def errors(tree: Tree, as_of: str = "2026-11-27") -> list[tuple[str, str | None, int | None]]:
    return [(f.rule, f.file, f.line) for f in tree.findings(as_of) if f.severity.value == "error"]


def only(tree: Tree, rule: str, as_of: str = "2026-11-27") -> list[Finding]:
    return tree.findings(as_of, rule)


def test_the_reformed_tree_is_valid(reform: Tree) -> None:
    reform.official("lan", province())
    assert errors(reform) == []


def test_visit_to_an_old_commune_on_its_last_day_and_the_day_after(reform: Tree) -> None:
    reform.official("lan", province())
    last_day = reform.visit("lan", "2025-06-30", places=["tan-bien/thanh-tay/thanh-hoa"])
    day_after = reform.visit("lan", "2025-07-01", places=["tan-bien/thanh-tay/thanh-hoa"])
    found = only(reform, "not-in-force")
    assert [(f.file, f.line) for f in found] == [(day_after, 4)]
    assert "thanh-binh" in found[0].message and "30/06/2025" in found[0].message
    assert last_day not in {f.file for f in found}


def test_a_trip_across_the_change(reform: Tree) -> None:
    # Places are checked on the trip's first day: an old commune from 29/06 is fine,
    # the new commune from 30/06 is not (it exists from 01/07).
    reform.official("lan", province())
    reform.official("mai", province())
    reform.visit("lan", "2025-06-29", "2025-07-02", places=["tan-bien/thanh-tay/thanh-hoa"])
    across = reform.visit("mai", "2025-06-30", "2025-07-01", places=["thanh-binh/khu-pho-1"])
    assert [f.file for f in only(reform, "not-in-force")] == [across]


def test_an_assignment_past_its_units_end(reform: Tree) -> None:
    reform.official("binh", district())  # open-ended at a union dissolved on 30/06/2025
    reform.official("hoa", district(end="2025-07-15"))
    reform.official(
        "nam", district(end="2025-06-30"), province("dx-thanh-binh", start="2025-07-01")
    )
    found = {(f.official, f.line) for f in only(reform, "not-in-force")}
    # binh's unit key (line 4), hoa's to (line 7); nam moved on the right day.
    assert found == {("binh", 4), ("hoa", 7)}


def test_a_unit_that_does_not_exist_yet(reform: Tree) -> None:
    reform.official("lan", province("dx-thanh-binh", start="2025-06-01"))
    assert [(f.official, f.line) for f in only(reform, "not-in-force")] == [("lan", 6)]


def test_a_plan_of_a_dissolved_unit(reform: Tree) -> None:
    reform.official("binh", district(end="2025-06-30"))
    kept = reform.plan("hd-tan-bien", 2025, 2, "2025-04-05", "binh")
    late = reform.plan("hd-tan-bien", 2025, 3, "2025-07-05")
    found = only(reform, "not-in-force")
    assert [(f.file, f.line) for f in found] == [(late, 1)]
    assert kept not in {f.file for f in found}


def test_a_plan_entry_place_in_force_on_no_day_of_the_quarter(reform: Tree) -> None:
    reform.official("lan", province())
    reform.plan("ban-tckt", 2025, 2, "2025-04-05", "lan")  # tan-bien/thanh-tay: fine in Q2
    q3 = reform.plan("ban-tckt", 2025, 3, "2025-07-05", "lan")
    assert [(f.file, f.line) for f in only(reform, "not-in-force")] == [(q3, 11)]


def test_successor_unknown_or_not_in_force(reform: Tree) -> None:
    later = {**THANH_BINH, "id": "thanh-moi", "name": "Xã Mới", "from": "2025-08-01"}
    reform.write("localities/thanh-moi.yaml", later)
    reform.write(
        "localities/go-dau.yaml",
        {
            "id": "go-dau",
            "name": "Huyện Gò Dầu",
            "to": "2025-06-30",
            "communes": [
                {"id": "a", "name": "Xã A", "successors": ["khong-co"]},
                {"id": "b", "name": "Xã B", "successors": ["thanh-binh", "thanh-moi"]},
            ],
        },
    )
    assert [(f.rule, f.file, f.line) for f in reform.findings() if f.severity.value == "error"] == [
        ("unknown-reference", "records/localities/go-dau.yaml", 8),
        ("not-in-force", "records/localities/go-dau.yaml", 13),
    ]


def test_a_units_area_of_the_wrong_kind(reform: Tree) -> None:
    units = [
        {"id": "ban-tckt", "name": "Ban Tổ chức - Kiểm tra", "level": "province"},
        {
            "id": "dx-sai",
            "name": "Đoàn xã Sai",
            "level": "commune",
            "area": "tan-bien",
            "to": "2025-06-30",
        },
        {
            "id": "hd-sai",
            "name": "Huyện đoàn Sai",
            "level": "district",
            "area": "thanh-binh",
            "from": "2025-07-01",
        },
        {
            "id": "dx-con",
            "name": "Đoàn xã con",
            "level": "commune",
            "area": "tan-bien/thanh-tay",
            "to": "2025-06-30",
        },
    ]
    reform.write("units.yaml", {"units": units})
    found = [(f.rule, f.unit) for f in reform.findings() if f.rule == "unknown-reference"]
    # A commune under a district is a commune: a commune union may cover it.
    assert found == [("unknown-reference", "dx-sai"), ("unknown-reference", "hd-sai")]


def test_a_units_area_not_in_force_while_it_exists(reform: Tree) -> None:
    always = {**DX, "id": "dx-luon", "from": None}
    ended = [{**u, "to": "2025-06-30"} if u["level"] == "district" else u for u in UNITS]
    reform.write("units.yaml", {"units": [*ended, {k: v for k, v in always.items() if v}]})
    found = only(reform, "not-in-force")
    assert [f.unit for f in found] == ["dx-luon"]


def test_commune_union_official_inside_and_outside_its_commune(reform: Tree) -> None:
    reform.official("lan", province("dx-thanh-binh", start="2025-07-01"))
    inside = reform.visit("lan", "2025-08-04", places=["thanh-binh/khu-pho-1"])
    itself = reform.visit("lan", "2025-08-11", places=["thanh-binh"], contents=["1.3"])
    reform.write(
        "localities/tan-ninh.yaml", {**THANH_BINH, "id": "tan-ninh", "name": "Phường Tân Ninh"}
    )
    outside = reform.visit("lan", "2025-08-18", places=["tan-ninh/khu-pho-1"])
    found = [f.file for f in only(reform, "out-of-area")]
    assert found == [itself, outside]
    compliance = reform.run().compliance
    counted = {v.source.file for v in compliance.records.visits if compliance.counted(v)}
    assert counted == {inside}


def test_2025_split_across_the_reform(reform: Tree) -> None:
    # District union until 30/06 (181 days, quota 30 under the old policy), commune union
    # from 01/07 (184 days, quota 24 under the new one):
    # R = ceil((30 × 181 + 24 × 184) / 365) = ceil((5430 + 4416) / 365) = ceil(26.97…) = 27.
    reform.official(
        "nam", district(end="2025-06-30"), province("dx-thanh-binh", start="2025-07-01")
    )
    rows = {(r.official, r.year): r for r in reform.run().compliance.rows}
    row = rows[("nam", 2025)]
    assert (row.applicable_days, row.required_days, row.unit, row.level) == (
        365,
        27,
        "dx-thanh-binh",
        "commune",
    )


def test_place_kinds_of_a_commune_file(reform: Tree) -> None:
    # A province official in 2025 under the new policy needs a commune and a hamlet: the
    # commune file's top place is a commune, its hamlets are hamlets (depth 1 and 2).
    reform.official("lan", province(start="2025-07-01"))
    reform.plan("ban-tckt", 2025, 3, "2025-07-05", "lan")
    reform.visit("lan", "2025-07-07", places=["thanh-binh"], contents=["1.3"])
    reform.visit("lan", "2025-07-14", places=["thanh-binh/khu-pho-1"])
    assert only(reform, "levels") == []
    assert only(reform, "branch-meeting-place") == []


def test_duplicate_hamlets_of_a_commune_file(reform: Tree) -> None:
    twice = {
        **THANH_BINH,
        "hamlets": [{"id": "ap-1", "name": "Ấp 1"}, {"id": "ap-1", "name": "Ấp Một"}],
    }
    reform.write("localities/thanh-binh.yaml", twice)
    assert [(f.rule, f.line) for f in reform.findings() if f.severity.value == "error"] == [
        ("duplicate-id", 8)
    ]


def test_a_commune_file_with_communes_is_a_schema_error(reform: Tree) -> None:
    wrong = {**THANH_BINH, "communes": [{"id": "x", "name": "Xã X"}]}
    reform.write("localities/thanh-binh.yaml", wrong)
    found = [f for f in reform.findings() if f.rule == "schema"]
    assert found and "hamlets" in found[0].message


# -- the structure in force on pages, reports and `new visit` ---------------------------


def test_new_visit_lists_the_places_in_force_on_its_day(reform: Tree) -> None:
    reform.official("lan", province())
    outcome = reform.run("2025-08-01")
    before = scaffold.visit_skeleton(outcome.records, outcome.compliance, "lan", date(2025, 6, 30))
    after = scaffold.visit_skeleton(outcome.records, outcome.compliance, "lan", date(2025, 7, 1))
    choices = [
        {line.split()[1] for line in text.split("# Địa bàn có thể chọn:")[1].splitlines()[1:]}
        for text in (before, after)
    ]
    assert choices[0] == {
        "tan-bien",
        "tan-bien/thanh-tay",
        "tan-bien/thanh-tay/thanh-hoa",
        "tan-bien/tan-lap",
        "go-dau",
    }
    assert choices[1] == {"thanh-binh", "thanh-binh/khu-pho-1"}


def test_reports_show_the_units_of_their_period(reform: Tree) -> None:
    reform.official(
        "nam", district(end="2025-06-30"), province("dx-thanh-binh", start="2025-07-01")
    )
    reform.official("lan", province())
    outcome = reform.run()
    q2 = periodic.quarter_report(outcome.compliance, Quarter(2025, 2))
    q3 = periodic.quarter_report(outcome.compliance, Quarter(2025, 3))
    # hd-go-dau never had an official: no report in any period.
    assert [s.key for s in q2.units] == ["ban-tckt", "hd-tan-bien"]
    assert [s.key for s in q3.units] == ["ban-tckt", "dx-thanh-binh"]


def test_places_page_of_the_reform_year(reform: Tree, tmp_path: Path) -> None:
    reform.official("lan", province())
    reform.visit("lan", "2025-03-03", places=["tan-bien/thanh-tay/thanh-hoa"])
    reform.visit("lan", "2025-08-04", places=["thanh-binh/khu-pho-1"])
    outcome = reform.run()
    site = pages.generate(outcome, date(2026, 11, 27), None)
    page = site.files["dia-ban/2025.md"].decode()
    assert "Huyện Tân Biên" in page and "Xã Thạnh Bình" in page
    # Coverage: tan-lap was in force in 2025 and nobody went; the ended communes say
    # where their area went.
    assert "tan&#45;bien/tan&#45;lap" in page or "Xã Tân Lập" in page
    assert "Địa bàn kết thúc trong năm 2025" in page
    page_2026 = site.files["dia-ban/2026.md"].decode() if "dia-ban/2026.md" in site.files else ""
    assert page_2026 == ""  # no visit in 2026: no page
    index = site.files["dia-ban/index.md"].decode()
    assert "địa bàn chuyển về" in index


def test_deadlines_wait_only_for_units_of_the_quarter(reform: Tree) -> None:
    reform.official(
        "nam", district(end="2025-06-30"), province("dx-thanh-binh", start="2025-07-01")
    )
    reform.official("lan", province())
    outcome = reform.run("2025-10-01")
    text = deadlines.markdown(outcome.compliance)
    waiting = next(line for line in text.splitlines() if line.startswith("- Chưa đăng ký"))
    assert "ban-tckt" in waiting and "dx-thanh-binh" in waiting
    assert "hd-tan-bien" not in waiting and "hd-go-dau" not in waiting
