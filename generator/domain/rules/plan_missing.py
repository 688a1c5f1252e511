"""Mỗi đơn vị phải đăng ký kế hoạch quý có kế hoạch quý.

Vi phạm khi: hạn đăng ký kế hoạch của quý đã qua (hoặc là hôm nay), đơn vị
thuộc cấp phải đăng ký kế hoạch (``plan_levels`` của quy định có hạn đăng ký
đó; mặc định: mọi cấp), trong quý đơn vị có ít nhất một cán bộ có ngày thuộc
diện áp dụng, mà không có tệp ``plans/<năm>/q<quý>/<mã đơn vị>.yaml``. Quý
không có hạn đăng ký (ngày hạn không thuộc quy định nào, hoặc quy định không
có ``plan_deadline_day``) thì không xét.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope
from generator.domain.timeliness import missing_plans
from generator.vietnamese import short_date

RULE = Rule(
    "plan-missing",
    Severity.VIOLATION,
    "Thiếu kế hoạch quý",
    Scope.REFERENCE,
    applies=switches.PLAN_DEADLINE,
)


def check(ctx: Context) -> Iterator[Finding]:
    for missing in missing_plans(ctx.compliance):
        quarter, unit = missing.quarter, missing.unit
        yield Finding(
            RULE.id,
            RULE.severity,
            f"Đơn vị {unit} chưa có kế hoạch {quarter.label} (hạn đăng ký {short_date(missing.due)}); "
            f"cần tệp records/plans/{quarter.year}/q{quarter.number}/{unit}.yaml",
            unit=unit,
            year=quarter.year,
            quarter=quarter.number,
        )
