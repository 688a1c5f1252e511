"""Mỗi ngày đi cơ sở và mỗi kế hoạch phải thuộc thời gian hiệu lực của một quy định.

Lỗi khi: một ngày của đợt đi không có quy định nào đang có hiệu lực; hoặc một
kế hoạch cho một quý mà không ngày nào có quy định hiệu lực.

Cách sửa: kiểm tra ngày, năm, quý; hoặc thêm quy định của giai đoạn mới vào
``policies/``. Khi một tệp quy định đang có lỗi, quy tắc này tạm không xét.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.periods import Quarter, first_uncovered, subtract
from generator.domain.rules.base import Context, Rule, Scope
from generator.reading.layout import Kind
from generator.vietnamese import short_date

RULE = Rule("no-policy", Severity.ERROR, "Không có quy định áp dụng", Scope.OFFICIAL)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.records.invalid_ids.get(Kind.POLICY):
        return  # a policy file is itself broken: its error says so, the days it governs are unknown
    compliance = ctx.compliance
    governed = [p.span(compliance.visits_horizon) for p in compliance.policies]
    for visit in ctx.records.visits:
        gap = first_uncovered(visit.span, governed)
        if gap is not None:
            yield RULE.on_visit(
                ctx,
                visit,
                "from",
                message=f"Ngày {short_date(gap)} không thuộc thời gian hiệu lực của quy định nào",
            )
    for plan in ctx.records.plans:
        quarter = Quarter(plan.year, plan.quarter)
        if subtract([quarter.span], governed) != [quarter.span]:
            continue
        yield RULE.on_plan(
            plan,
            "quarter",
            message=f"{quarter.label} không có ngày nào thuộc thời gian hiệu lực của một quy định",
        )
