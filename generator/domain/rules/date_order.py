"""Các ngày phải theo đúng thứ tự và các khoảng thời gian không được chồng lên nhau.

Lỗi khi: ngày ``to`` trước ngày ``from`` (báo cáo, thời gian công tác, thời gian
được miễn), ``effective_to`` trước ``effective_from`` của quy định; ngày nộp báo
cáo ``reported_on`` trước ngày kết thúc đợt đi; ngày phê duyệt ``approved_on``
trước ngày đăng ký kế hoạch ``registered_on``; hai thời gian công tác của một
cán bộ chồng lên nhau (khi chuyển đơn vị, ``to`` của nơi cũ phải trước ``from``
của nơi mới); hai quy định có hiệu lực chồng lên nhau.

Cách sửa: kiểm tra lại các ngày ở dòng được báo.
"""

import itertools
from collections.abc import Iterator
from datetime import date

from generator.domain.findings import Finding, Severity
from generator.domain.model import Official, Policy, Visit
from generator.domain.periods import Span
from generator.domain.rules.base import Context, Rule, Scope
from generator.vietnamese import short_date

RULE = Rule("date-order", Severity.ERROR, "Ngày sai thứ tự hoặc chồng lên nhau", Scope.OFFICIAL)


def _visit(ctx: Context, visit: Visit) -> Iterator[Finding]:
    if visit.end < visit.start:
        yield RULE.on_visit(
            ctx,
            visit,
            "to",
            message=f"Ngày kết thúc {short_date(visit.end)} trước ngày bắt đầu {short_date(visit.start)}",
        )
    if visit.reported_on < visit.end:
        yield RULE.on_visit(
            ctx,
            visit,
            "reported_on",
            message=f"Ngày nộp báo cáo {short_date(visit.reported_on)} trước ngày kết thúc đợt đi {short_date(visit.end)}",
        )


def _official(official: Official, horizon: date) -> Iterator[Finding]:
    for assignment in official.assignments:
        if assignment.end is not None and assignment.end < assignment.start:
            yield RULE.on_official(
                official,
                assignment.source,
                "to",
                message=f"Thời gian công tác tại {assignment.unit}: ngày kết thúc {short_date(assignment.end)} trước ngày bắt đầu {short_date(assignment.start)}",
            )
    for exemption in official.exemptions:
        if exemption.end < exemption.start:
            yield RULE.on_official(
                official,
                exemption.source,
                "to",
                message=f"Thời gian được miễn: ngày kết thúc {short_date(exemption.end)} trước ngày bắt đầu {short_date(exemption.start)}",
            )
    ordered = sorted(official.assignments, key=lambda a: (a.start, a.source.path))
    for earlier, later in itertools.pairwise(ordered):
        if earlier.span(horizon).overlaps(later.span(horizon)):
            yield RULE.on_official(
                official,
                later.source,
                "from",
                message=f"Thời gian công tác tại {later.unit} (từ {short_date(later.start)}) chồng lên thời gian công tác tại {earlier.unit}; đặt ngày kết thúc ở nơi cũ trước ngày này",
            )


def _policies(spans: list[tuple[Span, Policy]]) -> Iterator[Finding]:
    for _, policy in spans:
        if policy.effective_to is not None and policy.effective_to < policy.effective_from:
            yield RULE.at(
                policy.source,
                "effective_to",
                message=f"Ngày hết hiệu lực {short_date(policy.effective_to)} trước ngày có hiệu lực {short_date(policy.effective_from)}",
            )
    for (earlier_span, earlier), (later_span, later) in itertools.pairwise(spans):
        if earlier_span.overlaps(later_span):
            yield RULE.at(
                later.source,
                "effective_from",
                message=f"Quy định {later.id} có hiệu lực từ {short_date(later.effective_from)}, chồng lên thời gian hiệu lực của {earlier.id}",
            )


def check(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.records.visits:
        yield from _visit(ctx, visit)
    for plan in ctx.records.plans:
        if plan.approved_on is not None and plan.approved_on < plan.registered_on:
            yield RULE.on_plan(
                plan,
                "approved_on",
                message=f"Ngày phê duyệt {short_date(plan.approved_on)} trước ngày đăng ký {short_date(plan.registered_on)}",
            )
    for official in ctx.records.officials.values():
        yield from _official(official, ctx.compliance.horizon)
    yield from _policies(ctx.compliance.policy_spans)
