"""Mọi mã được nhắc đến phải có hồ sơ tương ứng.

Lỗi khi: ``unit`` của một thời gian công tác hoặc của kế hoạch không có trong
``units.yaml``; ``official`` của báo cáo hoặc của kế hoạch không có tệp trong
``officials/``; một địa bàn trong ``places`` không có trong ``localities/``
(mã đầy đủ ``huyện/xã/ấp`` hoặc ``xã/ấp``); ``area`` của đơn vị không có trong
``localities/`` hoặc không cùng cấp với đơn vị (huyện đoàn: một huyện; đoàn
xã, phường: một xã, phường); một địa bàn kế thừa (``successors``) không có; một
mã nội dung không có trong danh mục nội dung của quy định có hiệu lực vào ngày
bắt đầu đợt đi (với kế hoạch: của quy định có hiệu lực vào ngày đầu tiên của
quý có quy định); một loại miễn không có trong ``exemption_kinds`` của quy định
điều chỉnh thời gian miễn; ``branch_meeting_content`` không có trong danh mục
nội dung của chính quy định đó.

Cách sửa: kiểm tra chính tả của mã, hoặc thêm hồ sơ còn thiếu (cán bộ mới, xã,
ấp mới) trong cùng yêu cầu hợp nhất (pull request).
"""

from collections.abc import Iterator

from generator.domain.compliance import Compliance
from generator.domain.findings import Finding, Severity
from generator.domain.model import Plan, Policy, Records
from generator.domain.periods import Quarter
from generator.domain.rules.base import Context, Rule, Scope
from generator.domain.suggest import did_you_mean, place_hint
from generator.reading.layout import Kind

RULE = Rule("unknown-reference", Severity.ERROR, "Mã không tồn tại", Scope.OFFICIAL)


def _unknown_codes(policy: Policy | None, codes: tuple[str, ...]) -> list[tuple[int, str]]:
    if policy is None:
        return []
    return [(i, code) for i, code in enumerate(codes) if code not in policy.codes]


def _code_message(code: str, policy: Policy) -> str:
    known = ", ".join(f"“{c}”" for c in sorted(policy.codes))
    return (
        f"Mã nội dung “{code}” không có trong danh mục nội dung của quy định {policy.id}"
        f"{did_you_mean(code, policy.codes) or f'; các mã: {known}'}"
    )


def _plan_policy(compliance: Compliance, plan: Plan) -> Policy | None:
    """The policy of the first day of the plan's quarter that a policy governs."""
    quarter = Quarter(plan.year, plan.quarter).span
    return next((p for span, p in compliance.policy_spans if span.overlaps(quarter)), None)


def _plan(records: Records, plan: Plan, policy: Policy | None) -> Iterator[Finding]:
    if records.unknown(Kind.UNITS, plan.unit):
        yield RULE.on_plan(
            plan,
            "unit",
            message=f"Đơn vị “{plan.unit}” không có trong units.yaml"
            f"{did_you_mean(plan.unit, records.units)}",
        )
    for entry in plan.entries:
        if records.unknown(Kind.OFFICIAL, entry.official):
            yield RULE.on_plan(
                plan,
                "official",
                message=f"Cán bộ “{entry.official}” không có hồ sơ trong officials/"
                f"{did_you_mean(entry.official, records.officials)}",
                source=entry.source,
            )
        for i, code in _unknown_codes(policy, entry.contents):
            assert policy is not None
            yield RULE.on_plan(
                plan, "contents", i, message=_code_message(code, policy), source=entry.source
            )
        for i, place in enumerate(entry.places):
            if records.unknown(Kind.LOCALITY, place):
                yield RULE.on_plan(
                    plan,
                    "places",
                    i,
                    message=f"Địa bàn “{place}” không có trong localities/"
                    f"{place_hint(place, records.places)}",
                    source=entry.source,
                )


def check(ctx: Context) -> Iterator[Finding]:
    yield from _records(ctx.records, ctx.compliance)
    yield from _visits(ctx)


_AREA_KIND = {"district": "một huyện", "commune": "một xã, phường"}


def _area(records: Records) -> Iterator[Finding]:
    for unit in records.units.values():
        if unit.area is None:
            continue
        place = records.places.get(unit.area)
        if place is None and not records.unknown(Kind.LOCALITY, unit.area):
            continue  # its file is broken: that error is enough
        if place is None or place.kind != unit.level:
            wanted = _AREA_KIND.get(unit.level, "một địa bàn cùng cấp")
            yield RULE.at(
                unit.source,
                "area",
                message=f"Địa bàn “{unit.area}” của đơn vị {unit.id} không phải là {wanted} "
                "trong localities/",
                unit=unit.id,
            )


def _successors(records: Records) -> Iterator[Finding]:
    for place in records.places.values():
        for i, successor in enumerate(place.successors):
            if records.unknown(Kind.LOCALITY, successor):
                yield RULE.at(
                    place.source,
                    "successors",
                    i,
                    message=f"Địa bàn kế thừa “{successor}” của {place.id} không có trong "
                    "localities/",
                )


def _policies(records: Records) -> Iterator[Finding]:
    for policy in records.policies:
        code = policy.branch_meeting_content
        if code is not None and code not in policy.codes:
            yield RULE.at(
                policy.source,
                "branch_meeting_content",
                message=f"Nội dung dự sinh hoạt chi đoàn “{code}” không có trong danh mục nội "
                "dung của quy định",
            )


def _records(records: Records, compliance: Compliance) -> Iterator[Finding]:
    yield from _policies(records)
    yield from _area(records)
    yield from _successors(records)
    for official in records.officials.values():
        for assignment in official.assignments:
            if records.unknown(Kind.UNITS, assignment.unit):
                yield RULE.on_official(
                    official,
                    assignment.source,
                    "unit",
                    message=f"Đơn vị “{assignment.unit}” không có trong units.yaml"
                    f"{did_you_mean(assignment.unit, records.units)}",
                )
        for exemption in official.exemptions:
            policy = compliance.exemption_policy(exemption)
            if policy is not None and policy.exemption_minimum(exemption.kind) is None:
                yield RULE.on_official(
                    official,
                    exemption.source,
                    "kind",
                    message=f"Loại miễn “{exemption.kind}” không có trong exemption_kinds của "
                    f"quy định {policy.id}",
                )
    for plan in records.plans:
        yield from _plan(records, plan, _plan_policy(compliance, plan))


def _visits(ctx: Context) -> Iterator[Finding]:
    records = ctx.records
    for visit in records.visits:
        if records.unknown(Kind.OFFICIAL, visit.official):
            yield RULE.on_visit(
                ctx,
                visit,
                "official",
                message=f"Cán bộ “{visit.official}” không có hồ sơ trong officials/"
                f"{did_you_mean(visit.official, records.officials)}",
            )
        for i, place in enumerate(visit.places):
            if records.unknown(Kind.LOCALITY, place):
                yield RULE.on_visit(
                    ctx,
                    visit,
                    "places",
                    i,
                    message=f"Địa bàn “{place}” không có trong localities/"
                    f"{place_hint(place, records.places, visit.start)}",
                )
        policy = ctx.compliance.policy_on(visit.start)
        for i, code in _unknown_codes(policy, visit.contents):
            assert policy is not None
            yield RULE.on_visit(ctx, visit, "contents", i, message=_code_message(code, policy))
