"""Không ghi trước những ngày chưa tới.

Lỗi khi: ngày đi (``from``, ``to``), ngày nộp báo cáo (``reported_on``), ngày
đăng ký hoặc phê duyệt kế hoạch (``registered_on``, ``approved_on``) sau ngày
kiểm tra (hôm nay, hoặc ngày ghi trong ``--as-of``).

Cách sửa: chỉ nộp báo cáo sau khi đợt đi đã kết thúc; kiểm tra lại năm đã gõ.
"""

from collections.abc import Iterator
from datetime import date

from generator.domain.findings import Finding, Severity
from generator.domain.rules.base import Context, Rule, Scope
from generator.vietnamese import short_date

RULE = Rule("future-date", Severity.ERROR, "Ngày trong tương lai", Scope.OFFICIAL)

_LABEL = {
    "from": "Ngày bắt đầu",
    "to": "Ngày kết thúc",
    "reported_on": "Ngày nộp báo cáo",
    "registered_on": "Ngày đăng ký",
    "approved_on": "Ngày phê duyệt",
}


def _message(name: str, day: date, as_of: date) -> str:
    return f"{_LABEL[name]} {short_date(day)} sau ngày kiểm tra {short_date(as_of)}"


def check(ctx: Context) -> Iterator[Finding]:
    as_of = ctx.as_of
    for visit in ctx.records.visits:
        raw = visit.source.doc.data
        for name, day in (
            ("from", visit.start),
            ("to", visit.end),
            ("reported_on", visit.reported_on),
        ):
            if day > as_of and name in raw:
                yield RULE.on_visit(ctx, visit, name, message=_message(name, day, as_of))
    for plan in ctx.records.plans:
        for name, maybe in (
            ("registered_on", plan.registered_on),
            ("approved_on", plan.approved_on),
        ):
            if maybe is not None and maybe > as_of:
                yield RULE.on_plan(plan, name, message=_message(name, maybe, as_of))
