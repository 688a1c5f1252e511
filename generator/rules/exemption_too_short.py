"""Biệt phái, đi học dưới 6 tháng không được miễn đi cơ sở.

Cảnh báo khi: thời gian ``secondment`` (biệt phái) hoặc ``training`` (đi học
tập trung) ngắn hơn ``long_absence_months`` tháng (kế hoạch 45: 6 tháng) theo
quy định có hiệu lực vào ngày bắt đầu. Thời gian này không được trừ khỏi số
ngày phải đi. Ví dụ: đi học từ 01/03 thì phải đến hết 31/08 mới đủ 6 tháng.
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
