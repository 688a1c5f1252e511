"""Mọi mã được nhắc đến phải có hồ sơ tương ứng.

Lỗi khi: ``unit`` của một thời gian công tác hoặc của kế hoạch không có trong
``units.yaml``; ``official`` của báo cáo hoặc của kế hoạch không có tệp trong
``officials/``; một địa bàn trong ``places`` không có trong ``localities/``
(mã đầy đủ ``huyện/xã/ấp``); ``area`` của huyện đoàn không phải là một huyện
trong ``localities/``.

Cách sửa: kiểm tra chính tả của mã, hoặc thêm hồ sơ còn thiếu (cán bộ mới, xã,
ấp mới) trong cùng yêu cầu hợp nhất (pull request).
"""

from collections.abc import Iterator

from generator.findings import Finding, Severity
from generator.layout import Kind
from generator.model import Plan, Records
from generator.rules.base import Context, Rule

RULE = Rule("unknown-reference", Severity.ERROR, "Mã không tồn tại")


def _plan(records: Records, plan: Plan) -> Iterator[Finding]:
    if records.unknown(Kind.UNITS, plan.unit):
        yield RULE.on_plan(plan, "unit", message=f"Đơn vị “{plan.unit}” không có trong units.yaml")
    for entry in plan.entries:
        if records.unknown(Kind.OFFICIAL, entry.official):
            yield RULE.on_plan(
                plan,
                "official",
                message=f"Cán bộ “{entry.official}” không có hồ sơ trong officials/",
                source=entry.source,
            )
        for i, place in enumerate(entry.places):
            if records.unknown(Kind.LOCALITY, place):
                yield RULE.on_plan(
                    plan,
                    "places",
                    i,
                    message=f"Địa bàn “{place}” không có trong localities/",
                    source=entry.source,
                )


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.recheck:
        yield from _records(ctx.records)
    yield from _visits(ctx)


def _records(records: Records) -> Iterator[Finding]:
    for unit in records.units.values():
        if unit.area is not None and (
            "/" in unit.area or records.unknown(Kind.LOCALITY, unit.area)
        ):
            yield RULE.at(
                unit.source,
                "area",
                message=f"Địa bàn “{unit.area}” của đơn vị {unit.id} không phải là một huyện trong localities/",
                unit=unit.id,
            )
    for official in records.officials.values():
        for assignment in official.assignments:
            if records.unknown(Kind.UNITS, assignment.unit):
                yield RULE.on_official(
                    official,
                    assignment.source,
                    "unit",
                    message=f"Đơn vị “{assignment.unit}” không có trong units.yaml",
                )
    for plan in records.plans:
        yield from _plan(records, plan)


def _visits(ctx: Context) -> Iterator[Finding]:
    records = ctx.records
    for visit in records.visits:
        if records.unknown(Kind.OFFICIAL, visit.official):
            yield RULE.on_visit(
                ctx,
                visit,
                "official",
                message=f"Cán bộ “{visit.official}” không có hồ sơ trong officials/",
            )
        for i, place in enumerate(visit.places):
            if records.unknown(Kind.LOCALITY, place):
                yield RULE.on_visit(
                    ctx, visit, "places", i, message=f"Địa bàn “{place}” không có trong localities/"
                )
