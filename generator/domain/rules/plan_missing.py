"""Mỗi đơn vị phải đăng ký kế hoạch quý có kế hoạch quý.

Vi phạm khi: hạn đăng ký kế hoạch của quý đã qua (hoặc là hôm nay), đơn vị
thuộc cấp phải đăng ký kế hoạch (``plan_levels`` của quy định có hạn đăng ký
đó; mặc định: mọi cấp), trong quý đơn vị có ít nhất một cán bộ có ngày thuộc
diện áp dụng, mà không có tệp ``plans/<năm>/q<quý>/<mã đơn vị>.yaml``. Quý
không có hạn đăng ký (ngày hạn không thuộc quy định nào, hoặc quy định không
có ``plan_deadline_day``) thì không xét.
"""

from collections.abc import Iterator
from datetime import date

from generator.domain.findings import Finding, Severity
from generator.domain.model import Policy
from generator.domain.periods import Quarter, quarters
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope
from generator.vietnamese import short_date

RULE = Rule(
    "plan-missing",
    Severity.VIOLATION,
    "Thiếu kế hoạch quý",
    Scope.REFERENCE,
    applies=switches.PLAN_DEADLINE,
)


def check(ctx: Context) -> Iterator[Finding]:
    compliance = ctx.compliance
    if not compliance.policies:
        return
    due: dict[Quarter, tuple[date, Policy]] = {}
    for quarter in quarters(compliance.policies[0].effective_from, ctx.as_of):
        deadline = compliance.deadline(quarter)
        if deadline is not None and deadline[0] <= ctx.as_of:
            due[quarter] = deadline
    needed: set[tuple[str, Quarter]] = set()
    for official in ctx.records.officials.values():
        for run in compliance.applicable(official.id):
            for quarter in quarters(run.span.first, run.span.last):
                if quarter in due:
                    needed.add((run.assignment.unit, quarter))
    plan_levels = {quarter: policy.plan_levels for quarter, (_, policy) in due.items()}
    for unit_id, quarter in sorted(needed, key=lambda n: (n[1], n[0])):
        unit = ctx.records.units.get(unit_id)
        if (
            unit is not None
            and unit.level in plan_levels[quarter]
            and (unit_id, quarter.year, quarter.number) not in ctx.records.plan_files
        ):
            deadline = compliance.deadline(quarter)
            assert deadline is not None
            yield Finding(
                RULE.id,
                RULE.severity,
                f"Đơn vị {unit_id} chưa có kế hoạch {quarter.label} (hạn đăng ký {short_date(deadline[0])}); "
                f"cần tệp records/plans/{quarter.year}/q{quarter.number}/{unit_id}.yaml",
                unit=unit_id,
                year=quarter.year,
                quarter=quarter.number,
            )
