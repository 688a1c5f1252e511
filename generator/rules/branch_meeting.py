"""Mỗi cán bộ phải dự sinh hoạt chi đoàn ấp, khu phố trong năm (mục III.3).

Vi phạm khi: năm đã kết thúc, cán bộ có ngày thuộc diện áp dụng, và không có
đợt đi được tính nào có nội dung dự sinh hoạt chi đoàn (kế hoạch 45: 1.6).
"""

from collections.abc import Iterator

from generator.findings import Finding, Severity
from generator.rules.base import Context, Rule

RULE = Rule("branch-meeting", Severity.VIOLATION, "Chưa dự sinh hoạt chi đoàn")


def check(ctx: Context) -> Iterator[Finding]:
    for row in ctx.compliance.rows:
        if ctx.compliance.finished(row.year) and row.applicable_days > 0 and not row.branch_meeting:
            yield RULE.on_person_year(
                row.official,
                row.unit,
                row.year,
                f"Năm {row.year} chưa dự sinh hoạt chi đoàn ấp, khu phố lần nào",
            )
