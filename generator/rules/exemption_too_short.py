"""Thời gian miễn ngắn hơn thời hạn tối thiểu không được miễn đi cơ sở.

Cảnh báo khi: một thời gian miễn ngắn hơn thời hạn tối thiểu mà quy định có hiệu
lực vào ngày bắt đầu đặt ra cho trường hợp đó (kế hoạch 45: 6 tháng với các trường
hợp có thời hạn). Thời gian này không được trừ khỏi số ngày phải đi. Ví dụ: với thời
hạn 6 tháng, thời gian từ 01/03 phải kéo dài đến hết 31/08 mới đủ. Cảnh báo này chỉ
hiện khi kiểm tra hồ sơ, không đăng trên trang công khai.
"""

from collections.abc import Iterator

from generator.compliance import qualifies
from generator.findings import Finding, Severity
from generator.rules.base import Context, Rule
from generator.vietnamese import short_date

RULE = Rule("exemption-too-short", Severity.WARNING, "Thời gian miễn quá ngắn")


def check(ctx: Context) -> Iterator[Finding]:
    for official in ctx.records.officials.values():
        for exemption in official.exemptions:
            policy = ctx.compliance.policy_on(exemption.start)
            if policy is None or exemption.span.empty or qualifies(exemption, policy):
                continue
            yield RULE.on_official(
                official,
                exemption.source,
                "to",
                message=f"Thời gian {short_date(exemption.start)}–{short_date(exemption.end)} ngắn hơn "
                f"{policy.long_absence_months} tháng nên không được miễn đi cơ sở",
            )
