"""Deterministic records factory: the demo records and synthetic trees for benchmarks.

    python -m scripts.synth demo --out records              # the committed demo (Tây Ninh)
    python -m scripts.synth synthetic --officials 600 --out /tmp/big/records

Same seed, same files, byte for byte. The 1 July 2025 reorganisation
(scripts/reform_tay_ninh.py) is applied after the trips are drawn, so every
record before it is what it was: district unions and districts end on
30/06/2025, their officials move to a province department or a commune or ward
union, and later trips go to the new communes and wards. Everything written validates with zero
errors; the demo also holds the cases a real office has (maternity leave, an
accountant, a long training course, a transfer mid-year, late reports and
plans, unmet years), so every page and rule has something real to show.
The people are fictional.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import textwrap
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from scripts.places_tay_ninh import DISTRICTS, HAMLETS, PROVINCE_UNITS
from scripts.reform_tay_ninh import GROUP, LAST_OLD_DAY, REAL, REFORM

DAY = timedelta(days=1)
START = date(2018, 4, 18)
SWITCH = date(2023, 1, 1)  # the second policy
END = date(2026, 11, 20)  # last day the demo records reach

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trương",
    "Đinh",
    "Lâm",
]
MIDDLE_M = ["Văn", "Minh", "Quốc", "Hữu", "Thanh", "Hoàng", "Đức", "Công", "Tấn", "Ngọc"]
MIDDLE_F = ["Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Bích", "Hồng", "Thùy", "Phương"]
GIVEN_M = [
    "An",
    "Bảo",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Khang",
    "Khoa",
    "Long",
    "Minh",
    "Nam",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tâm",
    "Thắng",
    "Trí",
    "Tuấn",
    "Vinh",
    "Ưng",
]
GIVEN_F = [
    "Anh",
    "Châu",
    "Giang",
    "Hà",
    "Hạnh",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Phương",
    "Thảo",
    "Trang",
    "Trinh",
    "Uyên",
    "Vy",
    "Yến",
    "Ánh",
    "Diễm",
]

ACTIVITIES = [
    "ngày hội thanh niên với văn hóa giao thông",
    "chiến dịch Thanh niên tình nguyện hè",
    "ngày Chủ nhật xanh",
    "lễ ra quân Xuân tình nguyện",
    "hội trại truyền thống 26/3",
    "ngày hội hiến máu tình nguyện",
    "chương trình Tiếp sức mùa thi",
    "diễn đàn thanh niên khởi nghiệp",
    "hội thi tìm hiểu pháp luật cho đoàn viên",
    "công trình thắp sáng đường quê",
]
TOPICS = [
    "công tác phát triển đoàn viên",
    "việc thu, nộp đoàn phí",
    "sổ sách chi đoàn",
    "việc thực hiện Nghị quyết Đại hội Đoàn cơ sở",
    "công tác quản lý đoàn viên đi làm ăn xa",
    "việc triển khai chương trình công tác Đoàn năm",
    "hoạt động của câu lạc bộ thanh niên",
]
SURVEYS = [
    "tình hình việc làm của thanh niên nông thôn",
    "tình hình thanh niên lao động tại khu công nghiệp",
    "nhu cầu học nghề của thanh niên",
    "tình hình tư tưởng đoàn viên, thanh niên",
    "tình hình thiếu nhi trong dịp hè",
    "tình hình thanh niên dân tộc thiểu số và tôn giáo",
]
FINDINGS = [
    "chi đoàn sinh hoạt đều đặn, nội dung phong phú",
    "sổ sách còn ghi chép chưa đầy đủ",
    "nhiều đoàn viên đi làm ăn xa, khó tập hợp",
    "cơ sở vật chất phục vụ sinh hoạt còn thiếu",
    "đoàn viên tham gia nhiệt tình",
    "cán bộ chi đoàn mới, còn lúng túng trong tổ chức sinh hoạt",
    "chưa có mô hình phát triển kinh tế cho thanh niên",
]
MEETINGS = [
    "Ban Chấp hành Đoàn",
    "Ban Thường vụ Đoàn",
    "sơ kết 6 tháng của Đoàn",
    "tổng kết công tác Đoàn năm",
    "chuyên đề về công tác tập hợp thanh niên",
]
PROPOSALS = [
    "Huyện đoàn hướng dẫn chi đoàn ấp lập sổ theo dõi đoàn viên đi làm ăn xa.",
    "Tỉnh đoàn mở lớp tập huấn nghiệp vụ cho bí thư chi đoàn mới.",
    "Đề nghị hỗ trợ kinh phí sửa chữa điểm sinh hoạt thanh thiếu nhi của ấp.",
    "Phối hợp Hội Liên hiệp Thanh niên giới thiệu việc làm cho thanh niên tại địa phương.",
    "Đề nghị xã bố trí phòng sinh hoạt riêng cho Đoàn.",
    "Tăng cường nắm tình hình tư tưởng thanh niên trên không gian mạng.",
    "Nhân rộng mô hình tổ hợp tác thanh niên trồng rau sạch.",
    "Đoàn xã cần xây dựng chương trình sinh hoạt chi đoàn theo chủ đề từng tháng.",
    "Đề nghị Ban Tổ chức - Kiểm tra hướng dẫn thống nhất mẫu sổ đoàn viên.",
    "Hỗ trợ vốn vay cho thanh niên khởi nghiệp qua Ngân hàng Chính sách xã hội.",
    "Kiện toàn Ban Chấp hành chi đoàn còn khuyết.",
    "Tổ chức giao lưu giữa các chi đoàn ấp để học tập kinh nghiệm.",
]
# More of what a real report says, for trees written as people write (--writing).
OBSERVATIONS = [
    "Buổi sinh hoạt có {n} đoàn viên tham dự, thảo luận sôi nổi về việc làm sau thu hoạch.",
    "Chi đoàn đã triển khai mô hình thắp sáng đường quê, đoàn viên góp công lắp đặt bóng đèn.",
    "Qua trao đổi, nhiều thanh niên mong muốn được học nghề ngắn hạn tại địa phương.",
    "Sổ đoàn viên được cập nhật đến tháng trước; danh sách đoàn viên đi làm ăn xa chưa đầy đủ.",
    "Ban Chấp hành chi đoàn có {n} đồng chí, trong đó hai đồng chí mới được bầu bổ sung.",
    "Đoàn xã phối hợp Hội Nông dân tổ chức tập huấn kỹ thuật trồng lúa cho thanh niên.",
    "Điểm sinh hoạt thanh thiếu nhi của ấp xuống cấp, mái tôn bị dột sau mùa mưa.",
    "Thanh niên địa phương hưởng ứng tốt phong trào hiến máu tình nguyện đợt vừa qua.",
]


ASSIGNERS = [
    "Thường trực Tỉnh đoàn",
    "Ban Thường vụ Tỉnh đoàn",
    "Ủy ban Kiểm tra Tỉnh đoàn",
    "Thường trực Huyện đoàn",
    "Lãnh đạo Ban",
]


def written(head: str, text: str, rng: random.Random, indent: int) -> list[str]:
    """``text`` after ``head`` as people write a paragraph in YAML: mostly a folded block
    wrapped at 72 columns, sometimes a literal block of two paragraphs, plain text over
    several lines (where it may be plain), or one line."""
    pad = " " * indent
    wrapped = textwrap.wrap(text, width=72, break_long_words=False, break_on_hyphens=False)
    form = rng.random()
    if form < 0.5 or len(wrapped) == 1:
        return [head + ">-", *(pad + line for line in wrapped)]
    if form < 0.65:
        cut = len(wrapped) // 2
        return [
            head + "|",
            *(pad + line for line in wrapped[:cut]),
            "",
            *(pad + line for line in wrapped[cut:]),
        ]
    if form < 0.85 and q(text) == text:  # plain text over lines: no ": ", no " #"
        return [head + wrapped[0], *(pad + line for line in wrapped[1:])]
    return [head + q(text)]


def slug(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def place_id(name: str) -> str:
    """Ids drop the kind of place ("Xã Thạnh Tây" → thanh-tay) unless only a number is left."""
    rest = re.sub(r"^(Xã|Phường|Thị trấn|Ấp) ", "", name)
    return slug(name if re.fullmatch(r"[0-9IVX]+", rest) else rest)


def q(value: str) -> str:
    """A YAML scalar as a person would write it: plain where safe, else double-quoted."""
    plain = (
        re.fullmatch(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*", value)
        and ": " not in value
        and not value.endswith((":", " "))
    )
    if plain and not re.fullmatch(
        r"[-+.0-9~].*|true|false|null|yes|no|on|off", value, re.IGNORECASE
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def flow(items: list[str], quote: bool = False) -> str:
    return (
        "[" + ", ".join(json.dumps(i, ensure_ascii=False) if quote else q(i) for i in items) + "]"
    )


@dataclass
class Assignment:
    unit: str
    role: str
    start: date
    end: date | None = None
    duty: str = "general"


@dataclass
class Person:
    id: str
    name: str
    assignments: list[Assignment]
    exemptions: list[tuple[str, date, date, str]] = field(default_factory=list)
    shortfall: dict[int, float] = field(
        default_factory=dict
    )  # year -> share of the required days done
    no_branch_meeting: set[int] = field(default_factory=set)
    no_district_visit: set[int] = field(default_factory=set)


@dataclass
class Trip:
    person: str
    start: date
    end: date
    places: list[str]
    contents: list[str]
    assigned_by: str | None
    invitation_only: bool
    summary: str
    proposals: list[str]
    reported_on: date


class Factory:
    def __init__(self, seed: int, officials: int, demo: bool, writing: bool = False) -> None:
        self.rng = random.Random(seed)
        self.demo = demo
        # How reports are written (its own generator: the records' content is the same).
        self.writing = random.Random(seed + 1) if writing else None
        self.wanted = officials
        self.units: dict[str, tuple[str, str, str | None]] = {}  # id -> (name, level, area)
        self.places: dict[str, str] = {}  # full id -> name
        self.communes: dict[str, list[str]] = defaultdict(list)
        self.hamlets: dict[str, list[str]] = defaultdict(list)
        self.people: list[Person] = []
        self.trips: list[Trip] = []
        self.used_ids: set[str] = set()
        # The reorganisation (deterministic; its own generator for the trips it moves).
        self.reform_rng = random.Random(seed * 7 + 2025)
        self.unit_dates: dict[str, tuple[date | None, date | None]] = {}
        self.new_communes: dict[str, tuple[str, list[str]]] = {}  # new id -> (name, old ids)
        self.new_by_district: dict[str, list[str]] = defaultdict(list)
        self.successor: dict[str, str] = {}  # old commune -> new commune
        self.hamlet_map: dict[str, str] = {}  # old hamlet -> new hamlet
        self.new_hamlets: dict[str, list[str]] = defaultdict(list)

    # -- places and units ------------------------------------------------------

    def make_places(self) -> None:
        for district, (name, union, communes) in DISTRICTS.items():
            self.places[district] = name
            self.units[f"hd-{district}"] = (union, "district", district)
            for commune in communes:
                cid = f"{district}/{place_id(commune)}"
                self.places[cid] = commune
                self.communes[district].append(cid)
                urban = commune.startswith(("Phường", "Thị trấn"))
                count = self.rng.randint(3, 5)
                names = (
                    [f"Khu phố {i}" for i in range(1, count + 1)]
                    if urban
                    else [f"Ấp {h}" for h in self.rng.sample(HAMLETS, count)]
                )
                for hamlet in names:
                    hid = f"{cid}/{place_id(hamlet)}"
                    self.places[hid] = hamlet
                    self.hamlets[cid].append(hid)
        for uid, name in PROVINCE_UNITS:
            self.units[uid] = (name, "province", None)

    def make_reform(self) -> None:
        """New communes and wards under the province from 01/07/2025, and their unions."""
        taken = {old for _, olds in REAL.values() for old in olds}
        groups: list[tuple[str, str, list[str]]] = [
            (new, name, olds) for new, (name, olds) in REAL.items()
        ]
        for district, (name, _, _) in DISTRICTS.items():
            rest = [c for c in self.communes[district] if c not in taken]
            short = re.sub(r"^(Huyện|Thị xã|Thành phố) ", "", name)
            for n, i in enumerate(range(0, len(rest), GROUP), start=1):
                olds = rest[i : i + GROUP]
                urban = self.places[olds[0]].startswith(("Phường", "Thị trấn"))
                kind = "Phường" if urban else "Xã"
                groups.append(
                    (f"{district}-{n}-minh-hoa", f"{kind} {short} {n} (tên minh họa)", olds)
                )
        for new, name, olds in groups:
            self.new_communes[new] = (name, olds)
            self.places[new] = name
            self.new_by_district[olds[0].split("/")[0]].append(new)
            for old in olds:
                self.successor[old] = new
                for hamlet in self.hamlets[old]:
                    hid = f"{new}/{old.split('/')[1]}-{hamlet.split('/')[2]}"
                    self.places[hid] = f"{self.places[hamlet]} ({self.places[old]} cũ)"
                    self.hamlet_map[hamlet] = hid
                    self.new_hamlets[new].append(hid)
            prefix, word = ("dp", "Đoàn phường") if name.startswith("Phường") else ("dx", "Đoàn xã")
            union = f"{word} {re.sub(r'^(Xã|Phường) ', '', name)}"
            self.units[f"{prefix}-{new}"] = (union, "commune", new)
            self.unit_dates[f"{prefix}-{new}"] = (REFORM, None)
        for district in DISTRICTS:
            self.unit_dates[f"hd-{district}"] = (None, LAST_OLD_DAY)

    def union_of(self, commune: str) -> str:
        return next(u for u, (_, level, area) in self.units.items() if area == commune)

    def reform_people(self) -> None:
        """Officials of dissolved unions move on 01/07/2025; their later trips follow them."""
        province = ["ban-tckt", "ban-tuyen-giao", "ban-phong-trao", "ban-thieu-nhi"]
        moved = sorted(
            (
                p
                for p in self.people
                if p.assignments[-1].unit.startswith("hd-")
                and (p.assignments[-1].end is None or p.assignments[-1].end > LAST_OLD_DAY)
            ),
            key=lambda p: p.id,
        )
        turn: dict[str, int] = defaultdict(int)
        staffed: dict[str, int] = defaultdict(int)
        for i, person in enumerate(moved):
            last = person.assignments[-1]
            district = last.unit.removeprefix("hd-")
            last.end = LAST_OLD_DAY
            if i % 2 == 0:
                unit, role = province[(i // 2) % len(province)], "Chuyên viên"
            else:
                communes = self.new_by_district[district]
                commune = communes[turn[district] % len(communes)]
                turn[district] += 1
                unit = self.union_of(commune)
                word = "Đoàn phường" if unit.startswith("dp-") else "Đoàn xã"
                role = f"{'Bí thư' if staffed[unit] == 0 else 'Phó Bí thư'} {word}"
                staffed[unit] += 1
            person.assignments.append(Assignment(unit, role, REFORM, duty=last.duty))
        by_id = {p.id: p for p in self.people}
        for trip in self.trips:
            if trip.start < REFORM:
                continue
            item = self.assignment_on(by_id[trip.person], trip.start)
            assert item is not None
            old = list(trip.places)
            area = self.units[item.unit][2]
            if self.units[item.unit][1] == "commune":
                assert area is not None
                new = [self.reform_rng.choice(self.new_hamlets[area])]
            else:
                new = list(dict.fromkeys(self.moved_place(p) for p in old))
            for before, after in zip(old, new, strict=False):
                trip.summary = trip.summary.replace(self.places[before], self.places[after])
            trip.places = new

    def moved_place(self, place: str) -> str:
        """Where an old place's area went: a district to one of its new communes."""
        depth = place.count("/") + 1
        if depth == 1:
            return self.reform_rng.choice(self.new_by_district[place])
        if depth == 2:
            return self.successor[place]
        return self.hamlet_map[place]

    # -- people ----------------------------------------------------------------

    def new_name(self) -> tuple[str, str]:
        while True:
            female = self.rng.random() < 0.5
            name = " ".join(
                (
                    self.rng.choice(FAMILY),
                    self.rng.choice(MIDDLE_F if female else MIDDLE_M),
                    self.rng.choice(GIVEN_F if female else GIVEN_M),
                )
            )
            ident = slug(name)
            if ident not in self.used_ids:
                self.used_ids.add(ident)
                return ident, name

    def person(
        self, unit: str, role: str, start: date | None = None, duty: str = "general"
    ) -> Person:
        ident, name = self.new_name()
        start = start or date(self.rng.randint(2012, 2017), self.rng.randint(1, 12), 1)
        person = Person(ident, name, [Assignment(unit, role, start, duty=duty)])
        self.people.append(person)
        return person

    def curated(self, ident: str, name: str, assignments: list[Assignment]) -> Person:
        self.used_ids.add(ident)
        person = Person(ident, name, assignments)
        self.people.append(person)
        return person

    def make_people(self) -> None:
        if self.demo:
            self.make_demo_people()
        district_units = [u for u, (_, level, _) in self.units.items() if level == "district"]
        province_units = [
            u for u, (_, level, _) in self.units.items() if level == "province" and u != "van-phong"
        ]
        roles_d = [
            "Bí thư Huyện đoàn",
            "Phó Bí thư Huyện đoàn",
            "Phó Bí thư Huyện đoàn",
            "Ủy viên Ban Thường vụ",
            "Cán bộ chuyên trách",
        ]
        roles_p = ["Trưởng ban", "Phó Trưởng ban", "Chuyên viên", "Chuyên viên"]
        i = 0
        while len(self.people) < self.wanted:
            if i % 3 == 2:
                unit = province_units[(i // 3) % len(province_units)]
                role = (
                    "Phó Bí thư Tỉnh đoàn"
                    if unit == "thuong-truc"
                    else roles_p[(i // 18) % len(roles_p)]
                )
            else:
                unit = district_units[i % len(district_units)]
                role = roles_d[(i // len(district_units)) % len(roles_d)]
            person = self.person(unit, role)
            # A few life events, drawn from the seed.
            roll = self.rng.random()
            if roll < 0.04:
                year = self.rng.randint(2019, 2025)
                begin = date(year, self.rng.randint(1, 6), 1)
                person.exemptions.append(
                    (
                        "maternity_leave",
                        begin,
                        begin + timedelta(days=182),
                        "Nghỉ thai sản theo chế độ",
                    )
                )
            elif roll < 0.07:
                person.shortfall[self.rng.randint(2019, 2025)] = 0.6
            elif roll < 0.09 and person.assignments[0].start < date(2020, 1, 1):
                move = date(self.rng.randint(2020, 2024), 7, 1)
                person.assignments[0].end = move - DAY
                target = self.rng.choice(
                    province_units if unit in district_units else district_units
                )
                person.assignments.append(
                    Assignment(
                        target,
                        "Chuyên viên" if target in province_units else "Phó Bí thư Huyện đoàn",
                        move,
                    )
                )
            i += 1

    def make_demo_people(self) -> None:
        a = Assignment
        lan = self.curated(
            "nguyen-thi-lan",
            "Nguyễn Thị Lan",
            [
                a("hd-tan-bien", "Phó Bí thư Huyện đoàn", date(2016, 5, 1), date(2019, 6, 30)),
                a("ban-tckt", "Chuyên viên", date(2019, 7, 1)),
            ],
        )
        lan.exemptions.append(
            (
                "maternity_leave",
                date(2020, 2, 1),
                date(2020, 7, 31),
                "Nghỉ thai sản (Quyết định 05-QĐ/TĐTN)",
            )
        )
        self.curated(
            "tran-thi-kim-ngan",
            "Trần Thị Kim Ngân",
            [a("van-phong", "Kế toán", date(2015, 3, 1), duty="accounting")],
        )
        self.curated(
            "le-thi-bich-tram",
            "Lê Thị Bích Trâm",
            [a("van-phong", "Văn thư", date(2017, 8, 1), duty="clerical")],
        )
        self.curated(
            "vo-tan-loc",
            "Võ Tấn Lộc",
            [a("van-phong", "Phó Chánh Văn phòng", date(2016, 1, 1), duty="admin_deputy_chief")],
        )
        self.curated(
            "dang-van-toan", "Đặng Văn Toàn", [a("van-phong", "Chánh Văn phòng", date(2014, 6, 1))]
        )
        bao = self.curated(
            "le-quoc-bao", "Lê Quốc Bảo", [a("ban-tuyen-giao", "Phó Trưởng ban", date(2016, 9, 1))]
        )
        bao.exemptions.append(
            (
                "training",
                date(2021, 3, 1),
                date(2021, 9, 30),
                "Lớp trung cấp lý luận chính trị tập trung",
            )
        )
        tri = self.curated(
            "pham-minh-tri", "Phạm Minh Trí", [a("ban-phong-trao", "Chuyên viên", date(2017, 2, 1))]
        )
        tri.exemptions.append(
            ("training", date(2022, 5, 3), date(2022, 7, 29), "Bồi dưỡng ngắn hạn")
        )
        hung = self.curated(
            "ho-van-hung",
            "Hồ Văn Hùng",
            [a("hd-chau-thanh", "Ủy viên Ban Thường vụ", date(2015, 4, 1))],
        )
        hung.shortfall[2019] = 0.55
        thu = self.curated(
            "duong-thi-thu",
            "Dương Thị Thu",
            [a("hd-go-dau", "Phó Bí thư Huyện đoàn", date(2016, 11, 1))],
        )
        thu.no_branch_meeting.add(2021)
        khoa = self.curated(
            "bui-dang-khoa", "Bùi Đăng Khoa", [a("ban-tckt", "Trưởng ban", date(2013, 1, 1))]
        )
        khoa.no_district_visit.add(2020)
        self.curated(
            "ngo-thanh-tam",
            "Ngô Thanh Tâm",
            [
                a("ban-thieu-nhi", "Chuyên viên", date(2017, 3, 1), date(2021, 3, 31)),
                a("hd-ben-cau", "Bí thư Huyện đoàn", date(2021, 4, 1)),
            ],
        )
        self.curated(
            "huynh-ngoc-anh",
            "Huỳnh Ngọc Ánh",
            [a("thuong-truc", "Bí thư Tỉnh đoàn", date(2017, 12, 1))],
        )
        self.curated(
            "dinh-hoang-vu",
            "Đinh Hoàng Vũ",
            [a("hd-tan-chau", "Cán bộ chuyên trách", date(2023, 3, 1))],
        )

    # -- applicable days --------------------------------------------------------

    def min_days(self, day: date) -> int:
        return 60 if day < SWITCH else 30

    def exempt(self, person: Person, day: date) -> bool:
        for kind, begin, end, _ in person.exemptions:
            long_enough = kind == "maternity_leave" or (end - begin).days >= 180
            if long_enough and begin <= day <= end:
                return True
        return False

    def assignment_on(self, person: Person, day: date) -> Assignment | None:
        for item in person.assignments:
            if item.start <= day and (item.end is None or day <= item.end):
                return item
        return None

    def available(self, person: Person, year: int) -> list[date]:
        first = max(date(year, 1, 1), START)
        last = min(date(year, 12, 31), END - timedelta(days=6))
        days = []
        day = first
        while day <= last:
            item = self.assignment_on(person, day)
            if item and item.duty == "general" and not self.exempt(person, day):
                days.append(day)
            day += DAY
        return days

    # -- trips -------------------------------------------------------------------

    def summary(self, contents: list[str], place: str) -> str:
        name = self.places[place]
        parts = []
        for code in contents:
            if code == "1.1":
                parts.append(f"Phối hợp tổ chức {self.rng.choice(ACTIVITIES)} tại {name}")
            elif code == "1.2":
                parts.append(f"Kiểm tra {self.rng.choice(TOPICS)} tại {name}")
            elif code == "1.3":
                parts.append(f"Khảo sát {self.rng.choice(SURVEYS)} tại {name}")
            elif code == "1.4":
                parts.append(f"Tham gia đợt củng cố tổ chức cơ sở đoàn tại {name}")
            elif code == "1.5":
                parts.append(f"Dự hội nghị {self.rng.choice(MEETINGS)} tại {name}")
            else:
                parts.append(f"Dự sinh hoạt chi đoàn {name}")
        return "; ".join(parts) + f". Nhận xét: {self.rng.choice(FINDINGS)}."

    def pick_place(self, person: Person, item: Assignment, depth: int) -> str:
        _, level, area = self.units[item.unit]
        district = area if level == "district" else self.rng.choice(sorted(DISTRICTS))
        assert district is not None
        if depth == 1:
            return district
        commune = self.rng.choice(self.communes[district])
        return commune if depth == 2 else self.rng.choice(self.hamlets[commune])

    def make_trip(
        self, person: Person, item: Assignment, start: date, end: date, kind: str
    ) -> Trip:
        level = self.units[item.unit][1]
        rng = self.rng
        if kind == "branch":
            place = self.pick_place(person, item, 3)
            contents = ["1.6"] + (["1.1"] if rng.random() < 0.3 else [])
            places = [place]
        else:
            if kind == "district":
                depth = 1
            elif kind == "grassroots":
                depth = 2
            else:
                depth = rng.choice([1, 2, 2, 3]) if level == "province" else rng.choice([2, 2, 3])
            if depth == 1 and level == "district":
                depth = 2
            place = self.pick_place(person, item, depth)
            places = [place]
            weights = {"1.1": 5, "1.2": 3, "1.3": 3, "1.4": 1, "1.5": 2}
            contents = [rng.choices(list(weights), list(weights.values()))[0]]
            if rng.random() < 0.25:
                extra = rng.choice(list(weights))
                if extra not in contents:
                    contents.append(extra)
            if depth == 3 and rng.random() < 0.5:
                contents.append("1.6")
        contents = sorted(set(contents))
        assigned = any(c in {"1.2", "1.4", "1.5"} for c in contents)
        invitation = "1.5" in contents and rng.random() < 0.3
        late_share = 0.07 if start < SWITCH else 0.03
        window = 3 if start < SWITCH else 10
        if level == "province" or start >= SWITCH:
            lag = (
                rng.randint(window + 1, window + 6)
                if rng.random() < late_share
                else rng.randint(0, window)
            )
        else:
            lag = rng.randint(0, 6)
        proposals = rng.sample(PROPOSALS, rng.choice([0, 0, 1, 1, 2]))
        return Trip(
            person.id,
            start,
            end,
            places,
            contents,
            rng.choice(ASSIGNERS) if assigned else None,
            invitation,
            self.summary(contents, places[0]),
            proposals,
            min(end + timedelta(days=lag), END),
        )

    def plan_trips(self, person: Person) -> None:
        rng = self.rng
        used: set[date] = set()
        for year in range(START.year, END.year + 1):
            days = self.available(person, year)
            if not days:
                continue
            year_days = 366 if year % 4 == 0 else 365
            required = math.ceil(sum(self.min_days(d) for d in days) / year_days)
            if year == END.year:
                required = math.ceil(required * (END - date(year, 1, 1)).days / year_days)
            target = math.ceil((required + rng.randint(1, 6)) * person.shortfall.get(year, 1.0))
            pool = set(days)
            kinds = ["district", "grassroots", "branch"]
            if year in person.no_branch_meeting:
                kinds.remove("branch")
            if year in person.no_district_visit:
                kinds.remove("district")
            done, attempts = 0, 0
            while done < target and attempts < 2000:
                attempts += 1
                start = rng.choice(days)
                item = self.assignment_on(person, start)
                assert item is not None
                length = rng.choice(
                    [2, 3, 3, 4, 5] if self.units[item.unit][1] == "province" else [1, 2, 2, 3, 4]
                )
                span = [start + timedelta(days=k) for k in range(length)]
                if any(
                    d not in pool or d in used or self.assignment_on(person, d) is not item
                    for d in span
                ):
                    continue
                if start.weekday() == 6:
                    continue
                kind = kinds.pop(0) if kinds else "any"
                if (
                    kind == "any"
                    and year in person.no_district_visit
                    and self.units[item.unit][1] == "province"
                ):
                    kind = "grassroots"
                if kind == "any" and year in person.no_branch_meeting:
                    kind = "grassroots"
                trip = self.make_trip(person, item, span[0], span[-1], kind)
                if year in person.no_branch_meeting and "1.6" in trip.contents:
                    trip.contents.remove("1.6")
                    trip.contents = trip.contents or ["1.3"]
                self.trips.append(trip)
                used.update(span)
                done += length

    def curate_trips(self) -> None:
        """The one-off cases of the demo: out of area, invitation only, and others."""
        if not self.demo:
            return
        by_person: dict[str, list[Trip]] = defaultdict(list)
        for trip in self.trips:
            by_person[trip.person].append(trip)
        # A district official visits a commune of the neighbouring district (out-of-area).
        for trip in by_person["ho-van-hung"]:
            if trip.start.year == 2020 and "1.6" not in trip.contents:
                trip.places = ["go-dau/thanh-duc"]
                trip.summary = "Tham dự hội trại liên huyện tại xã Thạnh Đức (huyện Gò Dầu) cùng đoàn viên Châu Thành."
                break
        # An invitation without a content that counts that way (info).
        for trip in by_person["huynh-ngoc-anh"]:
            if trip.start.year == 2022 and trip.contents == ["1.1"]:
                trip.invitation_only = True
                trip.summary = (
                    "Dự lễ khánh thành công trình thanh niên theo thư mời của Huyện đoàn."
                )
                break

    # -- output --------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        out: dict[str, str] = {}
        out["settings.yaml"] = (
            "parent: ĐOÀN TNCS HỒ CHÍ MINH\norganisation: BCH ĐOÀN TỈNH TÂY NINH\nplace: Tây Ninh\n"
            "signatory:\n  on_behalf: TM. BAN THƯỜNG VỤ TỈNH ĐOÀN\n  title: PHÓ BÍ THƯ\n  name: Huỳnh Ngọc Ánh\n"
        )
        out["policies/kh-45-2018.yaml"] = POLICY_2018
        out["policies/kh-12-2023.yaml"] = POLICY_2023
        out["policies/kh-30-2025.yaml"] = POLICY_2025
        lines = ["units:"]
        for uid, (name, level, area) in self.units.items():
            lines += [f"  - id: {uid}", f"    name: {q(name)}", f"    level: {level}"]
            if area:
                lines.append(f"    area: {area}")
            first, last = self.unit_dates.get(uid, (None, None))
            if first:
                lines.append(f"    from: {first}")
            if last:
                lines.append(f"    to: {last}")
        out["units.yaml"] = "\n".join(lines) + "\n"
        for new, (name, _) in self.new_communes.items():
            lines = [f"id: {new}", f"name: {q(name)}", "kind: commune", f"from: {REFORM}"]
            lines.append("hamlets:")
            for hid in self.new_hamlets[new]:
                lines += [f"  - id: {hid.split('/')[1]}", f"    name: {q(self.places[hid])}"]
            out[f"localities/{new}.yaml"] = "\n".join(lines) + "\n"
        for district, (name, _, _) in DISTRICTS.items():
            lines = [f"id: {district}", f"name: {q(name)}", f"to: {LAST_OLD_DAY}", "communes:"]
            for cid in self.communes[district]:
                lines += [
                    f"  - id: {cid.split('/')[1]}",
                    f"    name: {q(self.places[cid])}",
                    f"    successors: [{self.successor[cid]}]",
                    "    hamlets:",
                ]
                for hid in self.hamlets[cid]:
                    lines += [
                        f"      - id: {hid.split('/')[2]}",
                        f"        name: {q(self.places[hid])}",
                    ]
            out[f"localities/{district}.yaml"] = "\n".join(lines) + "\n"
        for person in self.people:
            out[f"officials/{person.id}.yaml"] = self.official_file(person)
        for trip in self.trips:
            out[f"visits/{trip.start.year}/{trip.person}/{trip.start}.yaml"] = self.visit_file(
                trip, self.writing
            )
        out.update(self.plans())
        return out

    def official_file(self, person: Person) -> str:
        lines = [f"id: {person.id}", f"name: {q(person.name)}", "assignments:"]
        for item in person.assignments:
            # A city's or town's union is a Thành đoàn or Thị đoàn, not a Huyện đoàn.
            word = " ".join(self.units[item.unit][0].split()[:2])  # Huyện/Thành/Thị đoàn
            role = (
                item.role.replace("Huyện đoàn", word) if item.unit.startswith("hd-") else item.role
            )
            lines += [f"  - unit: {item.unit}", f"    role: {q(role)}"]
            if item.duty != "general":
                lines.append(f"    duty: {item.duty}")
            lines.append(f"    from: {item.start}")
            if item.end:
                lines.append(f"    to: {item.end}")
        if person.exemptions:
            lines.append("exemptions:")
            for kind, begin, end, note in person.exemptions:
                lines += [
                    f"  - kind: {kind}",
                    f"    from: {begin}",
                    f"    to: {end}",
                    f"    note: {q(note)}",
                ]
        return "\n".join(lines) + "\n"

    @staticmethod
    def visit_file(trip: Trip, writing: random.Random | None = None) -> str:
        """A visit report; with ``writing``, its summary a paragraph and its text written
        as people write it: folded and literal blocks, text over several lines."""
        lines = [f"official: {trip.person}", f"from: {trip.start}"]
        if trip.end != trip.start:
            lines.append(f"to: {trip.end}")
        lines += [f"places: {flow(trip.places)}", f"contents: {flow(trip.contents, quote=True)}"]
        if trip.assigned_by:
            lines.append(f"assigned_by: {q(trip.assigned_by)}")
        if trip.invitation_only:
            lines.append("invitation_only: true")
        if writing is None:
            lines.append(f"summary: {q(trip.summary)}")
        else:
            more = writing.sample(OBSERVATIONS, writing.randint(1, 4))
            text = " ".join([trip.summary, *(o.format(n=writing.randint(5, 30)) for o in more)])
            lines += written("summary: ", text, writing, indent=2)
        if trip.proposals:
            lines.append("proposals:")
            for proposal in trip.proposals:
                if writing is None:
                    lines.append(f"  - {q(proposal)}")
                else:
                    lines += written("  - ", proposal, writing, indent=4)
        lines.append(f"reported_on: {trip.reported_on}")
        return "\n".join(lines) + "\n"

    def plans(self) -> dict[str, str]:
        rng = self.rng
        out: dict[str, str] = {}
        quarter_trips: dict[tuple[int, int, str], list[Trip]] = defaultdict(list)
        for trip in self.trips:
            quarter_trips[(trip.start.year, (trip.start.month - 1) // 3 + 1, trip.person)].append(
                trip
            )
        number = 0
        year, quarter = START.year, (START.month - 1) // 3 + 1
        while (year, quarter) <= (END.year, (END.month - 1) // 3 + 1):
            first = date(year, 3 * quarter - 2, 1)
            last = (date(year + quarter // 4, 3 * quarter % 12 + 1, 1)) - DAY
            deadline_day = 15 if first < SWITCH else 10
            for uid, (_, level, area) in self.units.items():
                members = [
                    p
                    for p in self.people
                    if any(
                        i.unit == uid
                        and i.start <= last
                        and (i.end is None or i.end >= first)
                        and i.duty == "general"
                        for i in p.assignments
                    )
                ]
                if not members:
                    continue
                entries = []
                for person in members:
                    if self.demo and (person.id, year, quarter) == ("pham-minh-tri", 2020, 2):
                        continue  # registered in no plan: an unplanned visit
                    trips = quarter_trips.get((year, quarter, person.id), [])
                    chosen = sorted(
                        {c for t in trips for c in t.contents if c in {"1.1", "1.3", "1.6"}}
                    ) or ["1.1", "1.6"]
                    places = sorted({"/".join(p.split("/")[:2]) for t in trips for p in t.places})[
                        :3
                    ] or [area or ("tp-tay-ninh" if first < REFORM else "tan-ninh")]
                    days = sum((t.end - t.start).days + 1 for t in trips) or 5
                    entries.append((person.id, chosen, places, days))
                strict = level != "district" or first >= SWITCH
                if first < START:
                    registered = START + timedelta(days=rng.randint(2, 9))
                elif strict:
                    registered = first + timedelta(days=rng.randint(2, deadline_day - 1))
                else:
                    registered = first + timedelta(days=rng.randint(2, 19))
                if self.demo and (uid, year, quarter) in {
                    ("ban-phong-trao", 2019, 2),
                    ("van-phong", 2021, 3),
                    ("hd-trang-bang", 2024, 1),
                }:
                    registered = first + timedelta(days=deadline_day + 3)  # registered late
                approved = min(registered + timedelta(days=rng.randint(1, 5)), END)
                number += 1
                suffix = "KH/TĐTN" if level == "province" else "KH/ĐTN"
                lines = [
                    f"unit: {uid}",
                    f"year: {year}",
                    f"quarter: {quarter}",
                    f"registered_on: {registered}",
                    f"approved_on: {approved}",
                    f"number: {number % 90 + 10}-{suffix}",
                    "entries:",
                ]
                for official, chosen, places, days in entries:
                    lines += [
                        f"  - official: {official}",
                        f"    contents: {flow(chosen, quote=True)}",
                        f"    places: {flow(places)}",
                        f"    days: {days}",
                    ]
                out[f"plans/{year}/q{quarter}/{uid}.yaml"] = "\n".join(lines) + "\n"
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return out

    def run(self) -> dict[str, str]:
        self.make_places()
        self.make_people()
        for person in self.people:
            self.plan_trips(person)
        self.curate_trips()
        self.make_reform()
        self.reform_people()
        return self.files()


POLICY_2018 = """\
id: kh-45-2018
title: Kế hoạch 45-KH/TĐTN-TCKT
effective_from: 2018-04-18
effective_to: 2022-12-31
min_days_per_year: 60
report_within_days: 3
report_deadline_levels: [province]
plan_deadline_day: 15
plan_deadline_levels: [province]
self_chosen_contents: ["1.1", "1.3", "1.6"]
assigned_contents: ["1.2", "1.4", "1.5"]
invitation_counts_for: ["1.5"]
branch_meeting_content: "1.6"
exempt_duties: [clerical, accounting, treasury, emulation, admin_deputy_chief]
long_absence_months: 6
report_deadlines:
  district_annual: "10-10"
  province_annual: "10-20"
  central_annual: "11-01"
"""

POLICY_2023 = """\
id: kh-12-2023
title: Kế hoạch 12-KH/TĐTN-TCKT (giai đoạn 2023 – 2027)
effective_from: 2023-01-01
effective_to: 2025-06-30
min_days_per_year: 30
report_within_days: 10
report_deadline_levels: [province, district]
plan_deadline_day: 10
plan_deadline_levels: [province, district]
self_chosen_contents: ["1.1", "1.3", "1.6"]
assigned_contents: ["1.2", "1.4", "1.5"]
invitation_counts_for: ["1.5"]
branch_meeting_content: "1.6"
exempt_duties: [clerical, accounting, treasury, emulation, admin_deputy_chief]
long_absence_months: 6
report_deadlines:
  district_annual: "10-10"
  province_annual: "10-20"
  central_annual: "11-01"
"""

# The demo's policy after the reorganisation (invented, like the two before it): quotas by
# level, no district level, place kinds without districts.
POLICY_2025 = """\
id: kh-30-2025
title: Kế hoạch 30-KH/TĐTN-TCKT (sau sắp xếp đơn vị hành chính, từ 01/7/2025)
effective_from: 2025-07-01
covered_levels: [province, commune]
min_days_per_year: 0
min_days_by_level:
  province: 30
  commune: 20
report_within_days: 10
report_deadline_levels: [province, commune]
plan_deadline_day: 10
plan_deadline_levels: [province, commune]
contents:
  - code: "1.1"
    name: Phối hợp tổ chức, triển khai hoạt động tại cơ sở
    chosen: self
  - code: "1.2"
    name: Kiểm tra, giám sát
    chosen: assigned
  - code: "1.3"
    name: "Theo chuyên đề: điều tra, khảo sát, nắm tình hình"
    chosen: self
  - code: "1.4"
    name: Tham gia các đợt củng cố cơ sở
    chosen: assigned
  - code: "1.5"
    name: Dự sinh hoạt chuyên đề, hội nghị BCH, BTV đoàn cấp dưới (theo thư mời)
    chosen: assigned
    counts_by_invitation: true
  - code: "1.6"
    name: Dự sinh hoạt chi đoàn ấp, khu phố
    chosen: self
branch_meeting_content: "1.6"
exempt_duties: [clerical, accounting, treasury, emulation, admin_deputy_chief]
exemption_kinds:
  maternity_leave: 0
  secondment: 6
  training: 6
required_place_kinds:
  province:
    - [commune]
    - [hamlet]
report_deadlines:
  district_annual: "10-10"
  province_annual: "10-20"
  central_annual: "11-01"
"""


def write(files: dict[str, str], out: Path) -> None:
    for rel, text in sorted(files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", choices=("demo", "synthetic"))
    parser.add_argument(
        "--out", type=Path, required=True, help="records folder to write (must not exist)"
    )
    parser.add_argument("--officials", type=int, default=64)
    parser.add_argument("--seed", type=int, default=45)
    parser.add_argument(
        "--writing",
        action="store_true",
        help="summaries as paragraphs, written as folded and literal blocks and over lines",
    )
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} exists and is not empty")
    files = Factory(args.seed, args.officials, demo=args.mode == "demo", writing=args.writing).run()
    write(files, args.out)
    visits = sum(1 for rel in files if rel.startswith("visits/"))
    print(f"{len(files)} files, {visits} visits -> {args.out}")


if __name__ == "__main__":
    main()
