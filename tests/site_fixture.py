"""A small records tree for the site tests: two units, three officials, hostile text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator import pipeline
from generator.domain.outcome import Outcome
from generator.publishing import site
from tests.conftest import Tree, district, province

AS_OF = date(2020, 3, 20)
HOSTILE = '<script>alert("x")</script> [bấm](javascript:alert(1)) {: onclick="alert(2)" } --8<-- "README.md" a | b **đậm** <img src=x onerror=alert(3)>'


def small_tree(root: Path, hostile: bool = False) -> Tree:
    tree = Tree(root).base()
    tree.write(
        "settings.yaml",
        "parent: ĐOÀN TNCS HỒ CHÍ MINH\norganisation: BCH ĐOÀN TỈNH TÂY NINH\nplace: Tây Ninh\n"
        "signatory:\n  on_behalf: TM. BAN THƯỜNG VỤ TỈNH ĐOÀN\n  title: PHÓ BÍ THƯ\n  name: Nguyễn Văn Ký\n",
    )
    evil = f" {HOSTILE}" if hostile else ""
    tree.write(
        "officials/nguyen-thi-lan.yaml",
        {
            "id": "nguyen-thi-lan",
            "name": "Nguyễn Thị Lan" + evil,
            "assignments": [
                {
                    "unit": "hd-tan-bien",
                    "role": "Phó Bí thư Huyện đoàn",
                    "from": "2016-05-01",
                    "to": "2019-06-30",
                },
                {"unit": "ban-tckt", "role": "Chuyên viên" + evil, "from": "2019-07-01"},
            ],
            "exemptions": [
                {
                    "kind": "maternity_leave",
                    "from": "2019-10-01",
                    "to": "2019-11-30",
                    "note": "GHI-CHU-RIENG-TU",
                }
            ],
        },
    )
    tree.official("tran-van-binh", district(start="2017-01-01"))
    tree.official("le-van-an", province(start="2018-01-01"))
    tree.write(
        "officials/le-van-an.yaml",
        {"id": "le-van-an", "name": "Lê Văn An", "assignments": [province(start="2018-01-01")]},
    )
    tree.write(
        "officials/tran-van-binh.yaml",
        {
            "id": "tran-van-binh",
            "name": "Trần Văn Bình",
            "assignments": [district(start="2017-01-01")],
        },
    )
    tree.visit(
        "nguyen-thi-lan",
        "2019-08-05",
        "2019-08-06",
        places=["tan-bien/thanh-tay/thanh-hoa", "tan-bien"],
        contents=["1.6", "1.2"],
        assigned_by="Thường trực Tỉnh đoàn" + evil,
        reported_on="2019-08-12",
        summary="Dự sinh hoạt chi đoàn ấp Thạnh Hòa." + evil,
        proposals=["Lập sổ theo dõi đoàn viên." + evil],
    )
    tree.visit(
        "tran-van-binh",
        "2019-09-10",
        places=["tan-bien/tan-lap"],
        contents=["1.3"],
        summary="Khảo sát việc làm.",
    )
    tree.visit(
        "le-van-an",
        "2019-12-30",
        "2020-01-02",
        places=["go-dau"],
        contents=["1.3"],
        summary="Khảo sát qua năm mới.",
    )
    tree.plan("ban-tckt", 2019, 3, "2019-07-12", "nguyen-thi-lan", number="21-KH/TĐTN")
    tree.plan("hd-tan-bien", 2019, 3, "2019-07-20", "tran-van-binh")
    return tree


def build_small(root: Path, hostile: bool = False) -> tuple[Outcome, Path]:
    tree = small_tree(root / "src", hostile)
    outcome = pipeline.run(tree.records, AS_OF)
    out = root / "public"
    site.build(outcome, AS_OF, out, docs_dir=root / "generated")
    return outcome, out


def reform_tree(root: Path) -> Tree:
    """An official whose union was dissolved on 30/06/2025 and who moved to a commune union."""
    tree = Tree(root).base()
    policy = tree.records / "policies/kh-45-2018.yaml"
    policy.write_text(
        policy.read_text("utf-8").replace("effective_to: 2022-12-31", "effective_to: 2025-06-30"),
        "utf-8",
    )
    tree.write(
        "policies/kh-30-2025.yaml",
        "id: kh-30-2025\ntitle: Kế hoạch 30 (sau sắp xếp)\neffective_from: 2025-07-01\n"
        "covered_levels: [province, commune]\nmin_days_per_year: 0\n"
        "min_days_by_level: {province: 30, commune: 20}\nreport_within_days: 10\n"
        "report_deadline_levels: [province, commune]\n"
        "exemption_kinds: {maternity_leave: 0}\n"
        "required_place_kinds: {province: [[commune], [hamlet]]}\n",
    )
    tree.write(
        "units.yaml",
        "units:\n"
        "  - {id: ban-tckt, name: Ban Tổ chức - Kiểm tra, level: province}\n"
        "  - {id: hd-tan-bien, name: Huyện đoàn Tân Biên, level: district, area: tan-bien, to: 2025-06-30}\n"
        "  - {id: dx-thanh-binh, name: Đoàn xã Thạnh Bình, level: commune, area: thanh-binh, from: 2025-07-01}\n",
    )
    tree.write(
        "localities/tan-bien.yaml",
        "id: tan-bien\nname: Huyện Tân Biên\nto: 2025-06-30\ncommunes:\n"
        "  - id: thanh-tay\n    name: Xã Thạnh Tây\n    successors: [thanh-binh]\n"
        "    hamlets:\n      - {id: thanh-hoa, name: Ấp Thạnh Hòa}\n",
    )
    (tree.records / "localities/go-dau.yaml").unlink()
    tree.write(
        "localities/thanh-binh.yaml",
        "id: thanh-binh\nname: Xã Thạnh Bình\nkind: commune\nfrom: 2025-07-01\n"
        "hamlets:\n  - {id: ap-thanh-hoa, name: Ấp Thạnh Hòa mới}\n",
    )
    tree.write(
        "officials/vo-van-chuyen.yaml",
        "id: vo-van-chuyen\nname: Võ Văn Chuyển\nassignments:\n"
        "  - {unit: hd-tan-bien, role: Phó Bí thư Huyện đoàn, from: 2020-01-01, to: 2025-06-30}\n"
        "  - {unit: dx-thanh-binh, role: Bí thư Đoàn xã, from: 2025-07-01}\n",
    )
    tree.visit(
        "vo-van-chuyen",
        "2025-06-10",
        places=["tan-bien/thanh-tay/thanh-hoa"],
        contents=["1.3"],
        summary="Khảo sát trước sắp xếp.",
    )
    tree.visit(
        "vo-van-chuyen",
        "2025-08-12",
        places=["thanh-binh/ap-thanh-hoa"],
        contents=["1.6"],
        summary="Dự sinh hoạt chi đoàn sau sắp xếp.",
    )
    tree.plan("hd-tan-bien", 2025, 2, "2025-04-05", "vo-van-chuyen")
    tree.plan("dx-thanh-binh", 2025, 3, "2025-07-05")
    return tree


REFORM_AS_OF = date(2025, 11, 20)


def build_reform(root: Path) -> tuple[Outcome, Path]:
    tree = reform_tree(root / "src")
    outcome = pipeline.run(tree.records, REFORM_AS_OF)
    out = root / "public"
    site.build(outcome, REFORM_AS_OF, out, docs_dir=root / "generated")
    return outcome, out
