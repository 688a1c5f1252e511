"""Thời gian miễn ngắn hơn mức tối thiểu thì không được miễn đi cơ sở.

Cảnh báo khi: một thời gian miễn (``exemptions``) ngắn hơn số tháng tối thiểu
của loại miễn đó theo quy định điều chỉnh nó: quy định có hiệu lực vào ngày đầu
tiên của thời gian miễn có quy định. Thời gian này không được trừ khỏi số ngày
phải đi. Đủ M tháng nghĩa là ngày kết thúc không sớm hơn ngày bắt đầu cộng M
tháng trừ một ngày; ví dụ với 6 tháng, bắt đầu từ 01/03 thì phải đến hết 31/08.
Số tháng tối thiểu của từng loại miễn là thông số của quy định (trang Quy định).
Cảnh báo này chỉ hiện khi kiểm tra hồ sơ, không đăng trên trang công khai.
"""

from collections.abc import Iterator

from generator.domain.compliance import qualifies
from generator.domain.findings import Finding, Severity
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope
from generator.vietnamese import short_date

RULE = Rule(
    "exemption-too-short",
    Severity.WARNING,
    "Thời gian miễn quá ngắn",
    Scope.REFERENCE,
    applies=switches.EXEMPTION_MINIMUM,
)


def check(ctx: Context) -> Iterator[Finding]:
    for official in ctx.records.officials.values():
        for exemption in official.exemptions:
            if exemption.span.empty:
                continue
            policy = ctx.compliance.exemption_policy(exemption)
            if policy is None:
                continue
            minimum = policy.exemption_minimum(exemption.kind)
            if minimum is None or qualifies(exemption, policy):
                continue  # an unknown kind is an unknown-reference error
            yield RULE.on_official(
                official,
                exemption.source,
                "to",
                message=f"Thời gian {short_date(exemption.start)}–{short_date(exemption.end)} ngắn hơn "
                f"{minimum} tháng nên không được miễn đi cơ sở",
            )
