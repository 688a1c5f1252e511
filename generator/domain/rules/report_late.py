"""Báo cáo kết quả phải nộp đúng hạn sau mỗi đợt đi (mục IV.1, Bước 5).

Vi phạm khi: đợt đi thực hiện khi cán bộ công tác ở một cấp phải nộp báo cáo
đúng hạn (``report_deadline_levels``; kế hoạch 45: cấp tỉnh), và ngày nộp
``reported_on`` sau ngày kết thúc cộng ``report_within_days`` ngày (kế hoạch 45:
3 ngày). Hạn tính theo quy định có hiệu lực vào ngày bắt đầu đợt đi; quy định
không có ``report_within_days`` thì không xét.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope
from generator.domain.timeliness import late_report
from generator.vietnamese import short_date

RULE = Rule(
    "report-late",
    Severity.VIOLATION,
    "Nộp báo cáo trễ hạn",
    Scope.OFFICIAL,
    applies=switches.REPORT_DEADLINE,
)


def check(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.records.visits:
        late = late_report(ctx.compliance, visit)
        if late is not None:
            yield RULE.on_visit(
                ctx,
                visit,
                "reported_on",
                message=f"Báo cáo nộp ngày {short_date(visit.reported_on)}, trễ {late.days} ngày "
                f"so với hạn {short_date(late.due)}",
            )
