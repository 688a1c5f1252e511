"""Mỗi cán bộ phải dự sinh hoạt chi đoàn trong năm, khi quy định yêu cầu.

Vi phạm khi: năm đã kết thúc, cán bộ có ngày thuộc diện áp dụng, quy định có
hiệu lực vào ngày áp dụng cuối cùng của năm có nội dung dự sinh hoạt chi đoàn
(``branch_meeting_content``; kế hoạch 45: 1.6, mục III.3), và không có đợt đi
được tính nào trong năm có nội dung đó. Quy định không có nội dung này thì
không xét.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope

RULE = Rule(
    "branch-meeting",
    Severity.VIOLATION,
    "Chưa dự sinh hoạt chi đoàn",
    Scope.OFFICIAL,
    applies=switches.BRANCH_MEETING,
)


def check(ctx: Context) -> Iterator[Finding]:
    for row in ctx.compliance.rows:
        if (
            ctx.compliance.finished(row.year)
            and row.applicable_days > 0
            and row.branch_meeting is False
        ):
            yield RULE.on_person_year(
                row.official,
                row.unit,
                row.year,
                f"Năm {row.year} chưa dự sinh hoạt chi đoàn ấp, khu phố lần nào",
            )
