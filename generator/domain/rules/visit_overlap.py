"""Một cán bộ không thể có hai đợt đi cơ sở trong cùng một ngày.

Lỗi khi: hai báo cáo của cùng một cán bộ có chung ít nhất một ngày (tính cả
ngày ``from`` và ``to``). Thường do nhập trùng một đợt, hoặc gõ nhầm ngày.

Cách sửa: gộp hai đợt thành một báo cáo, hoặc sửa lại ngày cho đúng.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules.base import Context, Rule, Scope
from generator.vietnamese import short_date

RULE = Rule("visit-overlap", Severity.ERROR, "Hai đợt đi cơ sở trùng ngày", Scope.OFFICIAL)


def check(ctx: Context) -> Iterator[Finding]:
    for visits in ctx.compliance.visits_of.values():
        reach = None  # the visit reaching furthest so far
        for visit in visits:
            if visit.span.empty:
                continue
            if reach is not None and visit.start <= reach.end:
                yield RULE.on_visit(
                    ctx,
                    visit,
                    "from",
                    message=f"Đợt đi từ {short_date(visit.start)} trùng ngày với đợt đi "
                    f"{short_date(reach.start)}–{short_date(reach.end)} trong tệp {reach.source.file}",
                )
            if reach is None or visit.end > reach.end:
                reach = visit
