"""The tables of a periodic report (STT first, "Tổng cộng" last where a sum means something).

Every number is read from the period's Sections and the officials' standings
(``generator.domain.periodic``); nothing here counts findings.
"""

from __future__ import annotations

from datetime import date

from generator.domain.compliance import Compliance, Status
from generator.domain.model import Records
from generator.domain.periodic import PeriodReport, Section, Standing, standings
from generator.publishing import naming
from generator.publishing.office import Run, paragraph, table
from generator.vietnamese import number, short_date

TOTAL = "Tổng cộng"
ON_TRACK = f"{Status.IN_PROGRESS.label}, đúng tiến độ"
BEHIND = f"{Status.IN_PROGRESS.label}, chậm tiến độ"
KIND_NAME = {"district": "cấp huyện", "commune": "cấp xã", "hamlet": "ấp, khu phố"}


def figures(section: Section) -> str:
    rows = [
        ["STT", "Chỉ tiêu", "Số lượng"],
        ["1", "Số cán bộ (kể cả cán bộ được miễn)", number(len(section.officials))],
        ["2", "Số đợt đi cơ sở", number(section.visits)],
        ["3", "Số đợt được tính", number(section.counted_visits)],
        ["4", "Số ngày được tính", number(section.days)],
        ["5", "Số địa bàn đã đến", number(len(section.places))],
        ["6", "Số báo cáo kết quả nộp trễ hạn", number(len(section.late_reports))],
        ["7", "Số kế hoạch quý đăng ký trễ hạn", number(len(section.late_plans))],
    ]
    return table(rows, [14, 113, 35], size=11)


def groups(people: list[Standing]) -> list[tuple[str, list[Standing]]]:
    """Officials by result: đạt, in progress on track, behind, chưa đạt, miễn."""
    status = [(s, s.row.status) for s in people]
    return [
        (Status.MET.label, [s for s, st in status if st is Status.MET]),
        (ON_TRACK, [s for s, st in status if st is Status.IN_PROGRESS and not s.behind]),
        (BEHIND, [s for s, st in status if s.behind]),
        (Status.NOT_MET.label, [s for s, st in status if st is Status.NOT_MET]),
        (Status.EXEMPT.label, [s for s, st in status if st is Status.EXEMPT]),
    ]


def _share(part: int, whole: int) -> str:
    return f"{number(100 * part / whole, 1)}%" if whole else "-"


def by_status(people: list[Standing]) -> str:
    total = len(people)
    rows = [["STT", "Kết quả", "Số cán bộ", "Tỷ lệ"]]
    for index, (label, members) in enumerate(groups(people), start=1):
        rows.append([str(index), label, number(len(members)), _share(len(members), total)])
    rows.append(["", TOTAL, number(total), _share(total, total)])
    return table(rows, [14, 88, 30, 30], size=11, total=True)


def _reasons(records: Records, person: Standing, upto: date) -> str:
    row = person.row
    unit = naming.unit(records, row.unit)
    if person.behind:
        return (
            f"{naming.person(records, row.official)} ({unit}): {person.done} ngày, cần "
            f"{person.due} ngày đến ngày {short_date(upto)}, thiếu {person.short} ngày"
        )
    text = f"{naming.person(records, row.official)} ({unit}): {row.counted_days}/{row.required_days} ngày"
    if person.short:
        text += f", thiếu {person.short} ngày"
    for _, kinds in row.missing_kinds:
        text += ", chưa đến địa bàn " + " hoặc ".join(KIND_NAME.get(k, k) for k in kinds)
    if row.branch_meeting is False:
        text += ", chưa dự sinh hoạt chi đoàn"
    return text


def per_official(records: Records, people: list[Standing], upto: date | None = None) -> list[str]:
    """Who is in each group: names, and for those behind, what they lack."""
    parts = []
    for label, members in groups(people):
        if not members:
            continue
        if label in {BEHIND, Status.NOT_MET.label}:
            names = "; ".join(_reasons(records, s, upto or date.max) for s in members)
        else:
            names = ", ".join(naming.person(records, s.row.official) for s in members)
        parts.append(
            paragraph(Run(f"- {label} ({len(members)}): "), Run(f"{names}."), indent=True, after=3)
        )
    return parts


def _unit_values(compliance: Compliance, section: Section, upto: date) -> list[int]:
    people = standings(compliance, section, upto)
    return [
        len(section.officials),
        sum(1 for s in people if s.row.status is Status.MET),
        sum(1 for s in people if s.behind),
        sum(1 for s in people if s.row.status is Status.NOT_MET),
        section.visits,
        section.days,
        len(section.late_reports),
    ]


def per_unit(compliance: Compliance, report: PeriodReport, upto: date) -> list[str]:
    """One row per unit of the period; "Tổng cộng" is the province's figures.

    An official who moved between units in the period is a row of each unit but one
    official of the province: when the column sums differ, a note says why.
    """
    header = [
        "STT",
        "Đơn vị",
        "Số cán bộ",
        "Đạt",
        "Chậm tiến độ",
        "Chưa đạt",
        "Số đợt",
        "Số ngày",
        "Báo cáo trễ",
    ]
    rows = [header]
    sums = [0] * 7
    for index, section in enumerate(report.units, start=1):
        values = _unit_values(compliance, section, upto)
        sums = [a + b for a, b in zip(sums, values, strict=True)]
        rows.append([str(index), section.title, *map(number, values)])
    totals = _unit_values(compliance, report.province, upto)
    rows.append(["", TOTAL, *map(number, totals)])
    parts = [table(rows, [12, 43, 14, 12, 15, 14, 14, 15, 16], size=11, total=True)]
    if sums != totals:
        parts.append(
            paragraph(
                Run(
                    "Ghi chú: cán bộ chuyển đơn vị trong kỳ có tên ở mỗi đơn vị đã công tác; "
                    "dòng Tổng cộng tính mỗi cán bộ, mỗi đợt và mỗi ngày một lần.",
                    italic=True,
                    size=12,
                ),
                before=3,
            )
        )
    return parts


def plan_table(records: Records, section: Section) -> str:
    rows = [["STT", "Cán bộ", "Kế hoạch (ngày)", "Thực hiện (ngày)", "Chênh lệch"]]
    planned_sum = done_sum = 0
    for index, (official, (planned, done)) in enumerate(section.plan_vs_actual.items(), start=1):
        planned_sum += planned
        done_sum += done
        rows.append(
            [
                str(index),
                naming.person(records, official),
                number(planned),
                number(done),
                number(done - planned),
            ]
        )
    rows.append(["", TOTAL, number(planned_sum), number(done_sum), number(done_sum - planned_sum)])
    return table(rows, [14, 63, 28, 28, 27], size=11, total=True)


def _result(person: Standing) -> str:
    if person.row.status is Status.IN_PROGRESS:
        return f"{BEHIND}, thiếu {person.short} ngày" if person.behind else ON_TRACK
    if person.row.status is Status.NOT_MET and person.short:
        return f"{Status.NOT_MET.label}, thiếu {person.short} ngày"
    return person.row.status.label


def people_table(records: Records, people: list[Standing]) -> str:
    """Each official of a union: days required for the year, days done, and the result."""
    rows = [["STT", "Cán bộ", "Số ngày phải đi (năm)", "Số ngày đã đi", "Kết quả"]]
    for index, person in enumerate(people, start=1):
        rows.append(
            [
                str(index),
                naming.person(records, person.row.official),
                number(person.row.required_days),
                number(person.row.counted_days),
                _result(person),
            ]
        )
    rows.append(
        [
            "",
            TOTAL,
            number(sum(p.row.required_days for p in people)),
            number(sum(p.row.counted_days for p in people)),
            "",
        ]
    )
    return table(rows, [14, 52, 28, 25, 43], size=11, total=True)
