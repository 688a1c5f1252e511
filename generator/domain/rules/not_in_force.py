"""Đơn vị và địa bàn chỉ được dùng trong thời gian chúng tồn tại.

Từ 01/7/2025 không còn cấp huyện: huyện đoàn giải thể, xã, phường được sắp xếp
lại. Đơn vị và địa bàn có thể có ngày bắt đầu (``from``) và ngày kết thúc
(``to``); một địa bàn còn tồn tại khi chính nó và mọi địa bàn cấp trên của nó
còn tồn tại.

Lỗi khi: một địa bàn trong ``places`` của báo cáo không còn (hoặc chưa) tồn
tại vào ngày bắt đầu đợt đi; một địa bàn trong kế hoạch không tồn tại ngày nào
của quý; một thời gian công tác có ngày mà đơn vị chưa thành lập hoặc đã giải
thể; một kế hoạch của đơn vị không tồn tại ngày nào của quý; địa bàn phụ trách
(``area``) của một đơn vị không tồn tại vào một ngày đơn vị còn hoạt động; một
địa bàn kế thừa (``successors``) không tồn tại vào ngày sau ngày kết thúc của
địa bàn cũ.

Cách sửa: ghi địa bàn mới thay cho địa bàn cũ (trang Địa bàn cho biết địa bàn
cũ đã chuyển về đâu); kết thúc thời gian công tác ở đơn vị cũ vào ngày đơn vị
giải thể và thêm thời gian công tác ở đơn vị mới.
"""

from collections.abc import Iterator
from datetime import date, timedelta

from generator.domain.findings import Finding, Severity
from generator.domain.model import Place, Records, Unit
from generator.domain.periods import Quarter
from generator.domain.rules.base import Context, Rule, Scope
from generator.domain.structure import successors
from generator.vietnamese import short_date

RULE = Rule(
    "not-in-force", Severity.ERROR, "Đơn vị, địa bàn không tồn tại vào ngày đó", Scope.OFFICIAL
)


def _when(first: date, last: date) -> str:
    """'từ 01/07/2025', 'đến 30/06/2025', 'từ … đến …' (the open ends left out)."""
    parts = []
    if first != date.min:
        parts.append(f"từ {short_date(first)}")
    if last != date.max:
        parts.append(f"đến {short_date(last)}")
    return " ".join(parts) or "không giới hạn thời gian"


def _place_hint(place: Place, records: Records) -> str:
    after = [p.id for p in successors(records, place)]
    hint = f" (chỉ tồn tại {_when(place.first, place.last)}"
    if after:
        hint += f"; địa bàn kế thừa: {', '.join(after)}"
    return hint + ")"


def _unit_span(unit: Unit) -> tuple[date, date]:
    return unit.start or date.min, unit.end or date.max


def check(ctx: Context) -> Iterator[Finding]:
    records = ctx.records
    yield from _units(ctx)
    yield from _plans(records)
    yield from _successors(records)
    for visit in records.visits:
        for i, place_id in enumerate(visit.places):
            place = records.places.get(place_id)
            if place is not None and not place.in_force(visit.start):
                yield RULE.on_visit(
                    ctx,
                    visit,
                    "places",
                    i,
                    message=f"Địa bàn “{place_id}” không tồn tại vào ngày "
                    f"{short_date(visit.start)}{_place_hint(place, records)}",
                )


def _units(ctx: Context) -> Iterator[Finding]:
    records = ctx.records
    for unit in records.units.values():
        first, last = _unit_span(unit)
        area = records.places.get(unit.area) if unit.area else None
        # An area of the wrong kind is an unknown-reference error already: one error is enough.
        if (
            area is not None
            and area.kind == unit.level
            and (first < area.first or area.last < last)
        ):
            yield RULE.at(
                unit.source,
                "area",
                message=f"Địa bàn “{area.id}” của đơn vị {unit.id} chỉ tồn tại "
                f"{_when(area.first, area.last)}, đơn vị tồn tại {_when(first, last)}",
                unit=unit.id,
            )
    for official in records.officials.values():
        for assignment in official.assignments:
            home = records.units.get(assignment.unit)
            if home is None:
                continue
            first, last = _unit_span(home)
            end = assignment.end or date.max
            if assignment.start < first:
                key = "from"
            elif end > last:
                key = "to" if assignment.end is not None else "unit"
            else:
                continue
            yield RULE.on_official(
                official,
                assignment.source,
                key,
                message=f"Đơn vị {home.id} chỉ tồn tại {_when(first, last)}: thời gian công tác "
                f"{short_date(assignment.start)}–"
                f"{short_date(assignment.end) if assignment.end else 'nay'} có ngày ngoài thời gian đó",
            )


def _plans(records: Records) -> Iterator[Finding]:
    for plan in records.plans:
        quarter = Quarter(plan.year, plan.quarter)
        span = quarter.span
        unit = records.units.get(plan.unit)
        if unit is not None:
            first, last = _unit_span(unit)
            if last < span.first or span.last < first:
                yield RULE.on_plan(
                    plan,
                    "unit",
                    message=f"Đơn vị {unit.id} chỉ tồn tại {_when(first, last)}, không có ngày "
                    f"nào trong {quarter.label_lower}",
                )
        for entry in plan.entries:
            for i, place_id in enumerate(entry.places):
                place = records.places.get(place_id)
                if place is not None and (place.last < span.first or span.last < place.first):
                    yield RULE.on_plan(
                        plan,
                        "places",
                        i,
                        message=f"Địa bàn “{place_id}” không tồn tại ngày nào trong "
                        f"{quarter.label_lower}{_place_hint(place, records)}",
                        source=entry.source,
                    )


def _successors(records: Records) -> Iterator[Finding]:
    for place in records.places.values():
        if not place.successors or place.last == date.max or place.last < place.first:
            continue
        day = place.last + timedelta(days=1)
        for i, successor_id in enumerate(place.successors):
            successor = records.places.get(successor_id)
            if successor is not None and not successor.in_force(day):
                yield RULE.at(
                    place.source,
                    "successors",
                    i,
                    message=f"Địa bàn kế thừa “{successor_id}” của {place.id} không tồn tại vào "
                    f"ngày {short_date(day)} (tồn tại {_when(successor.first, successor.last)})",
                )
