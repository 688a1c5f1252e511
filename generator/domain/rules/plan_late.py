"""Kế hoạch quý phải đăng ký đúng hạn (mục IV.1, Bước 2).

Vi phạm khi: kế hoạch của đơn vị thuộc cấp phải đăng ký đúng hạn
(``plan_deadline_levels``; kế hoạch 45: các ban, văn phòng cấp tỉnh) có ngày
đăng ký ``registered_on`` sau hạn: ngày ``plan_deadline_day`` (kế hoạch 45: ngày
15) của tháng đầu quý, theo quy định có hiệu lực vào ngày đó. Quy định không có
``plan_deadline_day`` thì không có hạn, không xét.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.periods import Quarter
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope
from generator.domain.timeliness import late_plan
from generator.vietnamese import short_date

RULE = Rule(
    "plan-late",
    Severity.VIOLATION,
    "Đăng ký kế hoạch trễ hạn",
    Scope.REFERENCE,
    applies=switches.PLAN_DEADLINE,
)


def check(ctx: Context) -> Iterator[Finding]:
    for plan in ctx.records.plans:
        late = late_plan(ctx.compliance, plan)
        if late is not None:
            yield RULE.on_plan(
                plan,
                "registered_on",
                message=f"Kế hoạch {Quarter(plan.year, plan.quarter).label} đăng ký ngày "
                f"{short_date(plan.registered_on)}, trễ {late.days} ngày so với hạn "
                f"{short_date(late.due)}",
            )
