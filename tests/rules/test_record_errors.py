"""Each record-error rule of SPEC §4 at its edges, with file, line and column."""

from __future__ import annotations

from tests.conftest import POLICY, Tree, district, province


def rules(tree: Tree, as_of: str = "2026-11-27") -> list[str]:
    return [f.rule for f in tree.findings(as_of) if f.severity.value == "error"]


def test_valid_tree_has_no_errors(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", "2019-08-06", reported_on="2019-08-08")
    assert rules(tree) == []


# -- path-mismatch -------------------------------------------------------------


def test_official_id_must_match_file_stem(tree: Tree) -> None:
    tree.write("officials/lan.yaml", {"id": "lan-2", "name": "Lan", "assignments": [province()]})
    (finding,) = tree.findings(rule="path-mismatch")
    assert (finding.file, finding.line, finding.column) == ("records/officials/lan.yaml", 1, 5)
    assert finding.official == "lan-2"


def test_visit_in_wrong_year_folder(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", folder="visits/2020/lan", places=["tan-bien"], contents=["1.3"])
    (finding,) = tree.findings(rule="path-mismatch")
    assert (finding.line, finding.column) == (2, 7)
    assert "visits/2019/lan/2019-08-05.yaml" in finding.message


def test_visit_file_name_must_be_its_from_date(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", name="2019-08-06")
    assert [f.rule for f in tree.findings()].count("path-mismatch") == 1


def test_visit_numbered_suffix_is_accepted(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", name="2019-08-05-2", contents=["1.3"], places=["tan-bien"])
    assert "path-mismatch" not in rules(tree)


def test_visit_in_another_officials_folder(tree: Tree) -> None:
    tree.official("lan", province())
    tree.official("binh", province())
    tree.visit(
        "lan", "2019-08-05", folder="visits/2019/binh", places=["tan-bien"], contents=["1.3"]
    )
    (finding,) = tree.findings(rule="path-mismatch")
    assert finding.line == 1 and finding.official == "lan"


def test_plan_folder_must_match_year_quarter_unit(tree: Tree) -> None:
    tree.official("lan", province())
    tree.write(
        "plans/2019/q3/ban-tckt.yaml",
        {
            "unit": "ban-tckt",
            "year": 2019,
            "quarter": 4,
            "registered_on": "2019-10-10",
            "entries": [],
        },
    )
    (finding,) = tree.findings(rule="path-mismatch")
    assert (finding.line, finding.column, finding.quarter) == (3, 10, 4)


def test_file_where_no_record_belongs(tree: Tree) -> None:
    tree.write("notes/readme.yaml", {"a": 1})
    tree.write("units.yml", {"units": []})
    found = tree.findings(rule="path-mismatch")
    assert {f.file for f in found} == {"records/notes/readme.yaml", "records/units.yml"}
    assert any(".yaml" in f.message for f in found if f.file == "records/units.yml")


def test_hidden_files_are_ignored(tree: Tree) -> None:
    tree.write(".gitkeep", "")
    tree.write("visits/.DS_Store", "x")
    assert rules(tree) == []


# -- duplicate-id ----------------------------------------------------------------


def test_duplicate_unit_commune_hamlet(tree: Tree) -> None:
    tree.write(
        "units.yaml",
        {
            "units": [
                {"id": "ban-tckt", "name": "A", "level": "province"},
                {"id": "ban-tckt", "name": "B", "level": "province"},
            ]
        },
    )
    tree.write(
        "localities/go-dau.yaml",
        {
            "id": "go-dau",
            "name": "Huyện Gò Dầu",
            "communes": [
                {
                    "id": "x",
                    "name": "Xã X",
                    "hamlets": [{"id": "h", "name": "Ấp H"}, {"id": "h", "name": "Ấp H2"}],
                },
                {"id": "x", "name": "Xã X2"},
            ],
        },
    )
    found = tree.findings(rule="duplicate-id")
    assert sorted((f.file, f.line) for f in found) == [
        ("records/localities/go-dau.yaml", 9),
        ("records/localities/go-dau.yaml", 11),
        ("records/units.yaml", 5),
    ]


def test_same_id_at_different_levels_is_fine(tree: Tree) -> None:
    tree.write(
        "localities/go-dau.yaml",
        {
            "id": "go-dau",
            "name": "Huyện Gò Dầu",
            "communes": [
                {
                    "id": "go-dau",
                    "name": "Thị trấn Gò Dầu",
                    "hamlets": [{"id": "go-dau", "name": "Khu phố Gò Dầu"}],
                }
            ],
        },
    )
    assert rules(tree) == []


# -- unknown-reference ---------------------------------------------------------


def test_unknown_unit_official_place_area(tree: Tree) -> None:
    tree.write(
        "units.yaml",
        {
            "units": [
                *[{"id": "ban-tckt", "name": "B", "level": "province"}],
                {"id": "hd-x", "name": "X", "level": "district", "area": "nowhere"},
            ]
        },
    )
    tree.official("lan", province("ban-khong-co"))
    tree.visit("ghost", "2019-08-05", places=["tan-bien/khong-co"])
    found = tree.findings(rule="unknown-reference")
    messages = " ".join(f.message for f in found)
    assert (
        "nowhere" in messages
        and "ban-khong-co" in messages
        and "ghost" in messages
        and "tan-bien/khong-co" in messages
    )
    place = next(f for f in found if "khong-co”" in f.message and "tan-bien" in f.message)
    assert (place.line, place.column) == (4, 5)  # the list item, under `places:`


def test_reference_to_an_invalid_file_is_not_reported_twice(tree: Tree) -> None:
    tree.write("officials/lan.yaml", "id: lan\nname: Lan\nassignments: oops\n")
    tree.visit("lan", "2019-08-05")
    assert rules(tree) == ["schema"]


def test_place_must_exist_at_every_depth(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit(
        "lan",
        "2019-08-05",
        places=["tan-bien/thanh-tay/khong-co", "tan-bien/tan-lap", "tan-bien"],
        contents=["1.3"],
    )
    (finding,) = tree.findings(rule="unknown-reference")
    assert "tan-bien/thanh-tay/khong-co" in finding.message


# -- date-order ------------------------------------------------------------------


def test_visit_to_before_from_and_report_before_end(tree: Tree) -> None:
    tree.official("lan", province())
    path = tree.visit("lan", "2019-08-05", "2019-08-04", reported_on="2019-08-05")
    found = tree.findings(rule="date-order")
    assert [(f.file, f.line) for f in found] == [(path, 3)]


def test_report_on_the_last_day_is_fine_the_day_before_is_not(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", "2019-08-07", reported_on="2019-08-07")
    tree.visit("lan", "2019-09-05", "2019-09-07", reported_on="2019-09-06")
    (finding,) = tree.findings(rule="date-order")
    assert str(finding.file).endswith("2019-09-05.yaml") and finding.line == 9


def test_overlapping_assignments_and_exemption_order(tree: Tree) -> None:
    tree.official(
        "lan",
        district(end="2019-07-01"),
        province(start="2019-07-01"),
        exemptions=[{"kind": "training", "from": "2020-05-01", "to": "2020-04-01"}],
    )
    found = tree.findings(rule="date-order")
    assert len(found) == 2
    assert {f.official for f in found} == {"lan"}


def test_transfer_on_the_next_day_is_fine(tree: Tree) -> None:
    tree.official("lan", district(end="2019-06-30"), province(start="2019-07-01"))
    assert rules(tree) == []


def test_overlapping_policies_and_plan_approval(make_tree) -> None:  # type: ignore[no-untyped-def]
    tree = make_tree()
    tree.write(
        "policies/kh-2022.yaml",
        {
            k: v
            for k, v in {**POLICY, "id": "kh-2022", "effective_from": "2022-12-31"}.items()
            if k != "effective_to"
        },
    )
    tree.official("lan", province())
    tree.plan("ban-tckt", 2019, 3, "2019-07-10", "lan", approved_on="2019-07-09")
    found = tree.findings(rule="date-order")
    assert sorted(f.file for f in found) == [
        "records/plans/2019/q3/ban-tckt.yaml",
        "records/policies/kh-2022.yaml",
    ]


# -- visit-overlap -----------------------------------------------------------------


def test_visits_sharing_a_day_and_adjoining_visits(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", "2019-08-07")
    tree.visit("lan", "2019-08-07", "2019-08-08")  # shares 07/08
    tree.visit("lan", "2019-08-09", "2019-08-10")  # adjoins: fine
    (finding,) = tree.findings(rule="visit-overlap")
    assert str(finding.file).endswith("2019-08-07.yaml") and (finding.line, finding.column) == (
        2,
        7,
    )


def test_same_day_for_two_officials_is_fine(tree: Tree) -> None:
    tree.official("lan", province())
    tree.official("binh", province())
    tree.visit("lan", "2019-08-05")
    tree.visit("binh", "2019-08-05")
    assert rules(tree) == []


# -- missing-assigned-by, branch-meeting-place -------------------------------------


def test_assigned_content_needs_assigned_by(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", contents=["1.2"], places=["tan-bien"])
    tree.visit(
        "lan",
        "2019-08-06",
        contents=["1.2"],
        places=["tan-bien"],
        assigned_by="Thường trực Tỉnh đoàn",
    )
    (finding,) = tree.findings(rule="missing-assigned-by")
    assert str(finding.file).endswith("2019-08-05.yaml") and finding.line == 6


def test_blank_assigned_by_is_a_schema_error(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", contents=["1.4"], places=["tan-bien"], assigned_by="  ")
    assert rules(tree) == ["schema"]


def test_branch_meeting_needs_a_hamlet(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", contents=["1.6"], places=["tan-bien/thanh-tay"])
    tree.visit(
        "lan",
        "2019-08-06",
        contents=["1.6"],
        places=["tan-bien/thanh-tay", "tan-bien/thanh-tay/thanh-hoa"],
    )
    (finding,) = tree.findings(rule="branch-meeting-place")
    assert str(finding.file).endswith("2019-08-05.yaml") and finding.line == 4


# -- inactive-official, no-policy, future-date ---------------------------------------


def test_visit_day_outside_every_assignment(tree: Tree) -> None:
    tree.official(
        "lan", district(start="2019-01-01", end="2019-06-30"), province(start="2019-07-02")
    )
    tree.visit(
        "lan", "2019-06-30", contents=["1.3"], places=["tan-bien/thanh-tay"]
    )  # last day: fine
    tree.visit("lan", "2019-07-01", contents=["1.3"], places=["tan-bien"])  # the gap
    tree.visit("lan", "2018-12-31", contents=["1.3"], places=["tan-bien/thanh-tay"])  # day before
    found = tree.findings(rule="inactive-official")
    assert sorted(str(f.file)[-15:] for f in found) == ["2018-12-31.yaml", "2019-07-01.yaml"]


def test_visit_day_without_policy(tree: Tree) -> None:
    tree.official("lan", province(start="2015-01-01"))
    tree.visit("lan", "2018-04-17", contents=["1.3"], places=["tan-bien"])  # day before the policy
    tree.visit("lan", "2018-04-18", contents=["1.3"], places=["tan-bien"])  # first day
    tree.visit("lan", "2022-12-31", "2023-01-01", contents=["1.3"], places=["tan-bien"])  # runs out
    found = tree.findings(rule="no-policy")
    assert sorted(str(f.file)[-15:] for f in found) == ["2018-04-17.yaml", "2022-12-31.yaml"]
    assert "01/01/2023" in next(f.message for f in found if str(f.file).endswith("2022-12-31.yaml"))


def test_plan_for_a_quarter_without_policy(tree: Tree) -> None:
    tree.official("lan", province())
    tree.plan("ban-tckt", 2018, 1, "2018-01-10", "lan")  # Q1 2018: no policy day
    tree.plan("ban-tckt", 2018, 2, "2018-04-20", "lan")  # Q2 2018: from 18/04
    (finding,) = tree.findings(rule="no-policy")
    assert finding.quarter == 1 and finding.line == 3


def test_future_dates_day_of_and_after_as_of(tree: Tree) -> None:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", reported_on="2019-08-06")
    tree.visit("lan", "2019-08-06", reported_on="2019-08-07")
    found = tree.findings("2019-08-06", rule="future-date")
    assert [(str(f.file)[-15:], f.line) for f in found] == [("2019-08-06.yaml", 8)]
