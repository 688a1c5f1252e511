"""The prose of a periodic report, drawn from its figures: assessment, shortcomings, proposals.

Each sentence states numbers of the period's Sections, of the officials'
standings and of ``timeliness``; nothing is matched by rule id.
"""

from __future__ import annotations

import functools
from collections import Counter
from datetime import date

from generator.domain.compliance import Compliance, Status
from generator.domain.model import Records, Unit
from generator.domain.periodic import PeriodReport, Proposal, Section, standings
from generator.domain.timeliness import MissingPlan, missing_plans
from generator.publishing import naming
from generator.publishing.office import Run, paragraph
from generator.vietnamese import number, short_date


@functools.lru_cache(maxsize=2)
def _missing_plans(compliance: Compliance) -> list[MissingPlan]:
    """``missing_plans`` once per set of figures (each report document asks for it)."""
    return missing_plans(compliance)


def _line(text: str) -> str:
    return paragraph(f"- {text}", indent=True, after=3)


def assessment(
    compliance: Compliance, report: PeriodReport, section: Section, upto: date
) -> list[str]:
    """ "1. Ưu điểm": what the figures show went well."""
    people = standings(compliance, section, upto)
    assessed = [s for s in people if s.row.status is not Status.EXEMPT]
    met = sum(1 for s in assessed if s.row.status is Status.MET)
    on_track = sum(1 for s in assessed if s.row.status is Status.IN_PROGRESS and not s.behind)
    lines = [paragraph(Run("1. Ưu điểm", italic=True, bold=True), before=6, keep_next=True)]
    if assessed:
        lines.append(
            _line(
                f"{met + on_track}/{len(assessed)} cán bộ thuộc diện đi cơ sở đã đạt hoặc đang "
                f"thực hiện đúng tiến độ chỉ tiêu số ngày đi cơ sở năm {report.span.last.year} "
                f"(đạt: {met}; đúng tiến độ: {on_track})."
            )
        )
    if section.visits:
        top = max(report.catalogue, key=lambda c: section.contents.get(c[0], 0), default=None)
        text = (
            f"Đã thực hiện {number(section.visits)} đợt đi cơ sở với {number(section.days)} "
            f"ngày được tính, đến {number(len(section.places))} địa bàn"
        )
        if top is not None and section.contents.get(top[0]):
            text += (
                f"; nội dung thực hiện nhiều nhất: {top[0]}. {top[1]} "
                f"({section.contents[top[0]]} đợt)"
            )
        lines.append(_line(text + "."))
        on_time = section.visits - len(section.late_reports)
        lines.append(
            _line(
                f"{number(on_time)}/{number(section.visits)} báo cáo kết quả đợt đi cơ sở "
                "nộp đúng hạn."
            )
        )
    if len(lines) == 1:
        lines.append(_line("Trong kỳ chưa có đợt đi cơ sở nào được báo cáo."))
    return lines


def _by_unit(records: Records, units: list[str]) -> str:
    counts = Counter(units)
    return "; ".join(f"{naming.unit(records, u)}: {n}" for u, n in sorted(counts.items()))


def shortcomings(
    compliance: Compliance, report: PeriodReport, section: Section, unit: Unit | None, upto: date
) -> list[str]:
    """ "2. Tồn tại, hạn chế": every shortfall the figures show, with its number."""
    records = compliance.records
    people = standings(compliance, section, upto)
    lines = []
    not_met = sum(1 for s in people if s.row.status is Status.NOT_MET)
    behind = sum(1 for s in people if s.behind)
    if not_met or behind:
        lines.append(
            f"{not_met} cán bộ chưa đạt và {behind} cán bộ chậm tiến độ chỉ tiêu số ngày đi cơ "
            "sở (danh sách tại mục II.2)."
        )
    late = section.late_reports
    if late:
        units = [u.id for v in late if (u := compliance.unit_on(v.official, v.start))]
        detail = f" ({_by_unit(records, units)})" if unit is None and units else ""
        lines.append(f"{len(late)} báo cáo kết quả đợt đi cơ sở nộp trễ hạn{detail}.")
    if section.late_plans:
        names = _by_unit(records, [p.unit for p in section.late_plans])
        lines.append(f"{len(section.late_plans)} kế hoạch quý đăng ký trễ hạn ({names}).")
    missing = [
        m
        for m in _missing_plans(compliance)
        if m.quarter.span.overlaps(report.span) and (unit is None or m.unit == unit.id)
    ]
    if missing:
        names = "; ".join(f"{naming.unit(records, m.unit)} ({m.quarter.label})" for m in missing)
        lines.append(f"{len(missing)} kế hoạch quý chưa đăng ký ({names}).")
    if section.visits > section.counted_visits:
        lines.append(
            f"{section.visits - section.counted_visits} đợt đi cơ sở không được tính (ngoài địa "
            "bàn phụ trách hoặc chỉ dự theo thư mời với nội dung không được tính)."
        )
    lines += _behind_plans(records, report, section, unit)
    if not lines:
        lines.append("Qua số liệu, chưa ghi nhận tồn tại, hạn chế; đơn vị bổ sung nếu có.")
    return [_line(text) for text in lines]


def _behind_plans(
    records: Records, report: PeriodReport, section: Section, unit: Unit | None
) -> list[str]:
    if unit is not None:
        behind = section.behind_plan
        if not behind:
            return []
        names = ", ".join(naming.person(records, o) for o in behind)
        return [f"{len(behind)} cán bộ đi cơ sở ít hơn số ngày đã đăng ký kế hoạch ({names})."]
    lines = []
    count = sum(len(s.behind_plan) for s in report.units)
    if count:
        lines.append(f"{count} cán bộ đi cơ sở ít hơn số ngày đã đăng ký kế hoạch.")
    idle = [s.title for s in report.units if s.officials and not s.visits]
    if idle:
        lines.append(f"{len(idle)} đơn vị chưa có đợt đi cơ sở nào trong kỳ ({', '.join(idle)}).")
    return lines


def _proposal_lines(records: Records, items: list[Proposal]) -> list[str]:
    """One line per text; the same text from several visits once, with each place."""
    by_text: dict[str, list[Proposal]] = {}
    for item in items:
        by_text.setdefault(item.text, []).append(item)
    lines = []
    for text, same in by_text.items():
        where = "; ".join(
            f"{naming.places(records, p.places)} – {naming.person(records, p.official)}, "
            f"{short_date(p.day)}"
            for p in same
        )
        times = f"{len(same)} lượt: " if len(same) > 1 else ""
        lines.append(_line(f"{text} ({times}{where})"))
    return lines


def proposals(
    records: Records, report: PeriodReport, section: Section, unit: Unit | None
) -> list[str]:
    """Every proposal of the period's visit reports, by unit, with its place."""
    if not section.proposals:
        return [paragraph("Không có đề xuất, kiến nghị.", indent=True)]
    out = [
        paragraph(
            f"Tổng hợp {number(len(section.proposals))} đề xuất, kiến nghị từ báo cáo kết quả các đợt "
            "đi cơ sở" + (", theo đơn vị:" if unit is None else ":"),
            indent=True,
        )
    ]
    if unit is not None:
        return out + _proposal_lines(records, section.proposals)
    known = {s.key for s in report.units}
    groups = [(s.title, s.proposals) for s in report.units if s.proposals]
    others = [p for p in section.proposals if p.unit not in known]
    if others:
        groups.append(("Cán bộ không thuộc đơn vị nào trong kỳ", others))
    for index, (name, items) in enumerate(groups, start=1):
        out.append(paragraph(Run(f"{index}. {name}", italic=True), keep_next=True, after=3))
        out += _proposal_lines(records, items)
    return out
