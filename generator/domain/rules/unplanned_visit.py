"""Nội dung tự chọn phải được đăng ký trong kế hoạch quý.

Vi phạm khi: một đợt đi được tính có nội dung tự chọn (``chosen: self`` trong
danh mục nội dung, hoặc ``self_chosen_contents``; kế hoạch 45: 1.1, 1.3, 1.6),
mà cán bộ không có tên trong bất kỳ kế hoạch nào của quý có ngày bắt đầu đợt
đi. Chỉ xét khi quy định có hiệu lực vào ngày bắt đầu đợt đi có hạn đăng ký kế
hoạch (``plan_deadline_day``) và cấp của cán bộ vào ngày đó phải đăng ký kế
hoạch (``plan_levels``; mặc định: mọi cấp).
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.periods import Quarter
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope

RULE = Rule(
    "unplanned-visit",
    Severity.VIOLATION,
    "Đi cơ sở ngoài kế hoạch",
    Scope.OFFICIAL,
    applies=switches.PLAN_DEADLINE,
)


def check(ctx: Context) -> Iterator[Finding]:
    compliance = ctx.compliance
    for visit in ctx.records.visits:
        policy = compliance.policy_on(visit.start)
        if (
            policy is None
            or policy.plan_deadline_day is None
            or not compliance.counted(visit)
            or compliance.visit_level(visit) not in policy.plan_levels
        ):
            continue
        chosen = sorted(policy.self_chosen_contents.intersection(visit.contents))
        quarter = Quarter.of(visit.start)
        if chosen and (quarter.year, quarter.number, visit.official) not in compliance.planned:
            yield RULE.on_visit(
                ctx,
                visit,
                "contents",
                message=f"Nội dung tự chọn {', '.join(chosen)} nhưng cán bộ không có tên trong kế "
                f"hoạch nào của {quarter.label}",
            )
