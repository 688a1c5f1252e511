"""Chỉ báo cáo những ngày cán bộ đang công tác tại một đơn vị.

Lỗi khi: một ngày của đợt đi cơ sở nằm ngoài mọi thời gian công tác
(``assignments``) của cán bộ: trước khi về đơn vị, sau khi nghỉ, hoặc giữa hai
lần công tác.

Cách sửa: kiểm tra ngày của đợt đi, hoặc bổ sung thời gian công tác trong hồ sơ
cán bộ.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.periods import first_uncovered
from generator.domain.rules.base import Context, Rule, Scope
from generator.vietnamese import short_date

RULE = Rule(
    "inactive-official", Severity.ERROR, "Cán bộ không công tác vào ngày đi", Scope.OFFICIAL
)


def check(ctx: Context) -> Iterator[Finding]:
    horizon = ctx.compliance.visits_horizon
    for visit in ctx.records.visits:
        official = ctx.records.officials.get(visit.official)
        if official is None:
            continue
        gap = first_uncovered(visit.span, [a.span(horizon) for a in official.assignments])
        if gap is not None:
            yield RULE.on_visit(
                ctx,
                visit,
                "from",
                message=f"Ngày {short_date(gap)} cán bộ {official.id} không có thời gian công tác nào tại đơn vị",
            )
