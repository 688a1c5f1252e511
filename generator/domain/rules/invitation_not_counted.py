"""Chỉ dự theo thư mời thì không được tính ngày, trừ nội dung được phép.

Thông tin khi: báo cáo ghi ``invitation_only: true`` và không có nội dung nào
được tính khi dự theo thư mời (``counts_by_invitation`` trong danh mục nội
dung, hoặc ``invitation_counts_for``; kế hoạch 45: 1.5, dự
sinh hoạt chuyên đề, hội nghị BCH, BTV đoàn cấp dưới). Các ngày của đợt này
không được tính vào số ngày đi cơ sở.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope

RULE = Rule(
    "invitation-not-counted",
    Severity.INFO,
    "Dự theo thư mời không được tính",
    Scope.OFFICIAL,
    applies=switches.INVITATION,
)


def check(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.records.visits:
        if ctx.compliance.not_counted_by_invitation(visit):
            yield RULE.on_visit(
                ctx,
                visit,
                "invitation_only",
                message="Chỉ dự theo thư mời, không có nội dung được tính theo thư mời: các ngày của "
                "đợt này không được tính",
            )
