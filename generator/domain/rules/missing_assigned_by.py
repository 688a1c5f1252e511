"""Nội dung được phân công phải ghi rõ ai phân công.

Lỗi khi: báo cáo có một nội dung được phân công theo quy định (kế hoạch 45:
1.2 kiểm tra, giám sát; 1.4 củng cố cơ sở; 1.5 dự sinh hoạt, hội nghị theo thư
mời) mà không có khóa ``assigned_by`` hoặc để trống.

Cách sửa: thêm ``assigned_by:`` với người hoặc cơ quan phân công, ví dụ
``assigned_by: Thường trực Tỉnh đoàn``.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules.base import Context, Rule, Scope

RULE = Rule("missing-assigned-by", Severity.ERROR, "Thiếu người phân công", Scope.OFFICIAL)


def check(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.records.visits:
        policy = ctx.compliance.policy_on(visit.start)
        if policy is None or (visit.assigned_by or "").strip():
            continue
        assigned = sorted(policy.assigned_contents.intersection(visit.contents))
        if assigned:
            yield RULE.on_visit(
                ctx,
                visit,
                "contents",
                message=f"Nội dung {', '.join(assigned)} là nội dung được phân công: thêm "
                "“assigned_by:” ghi người hoặc cơ quan phân công",
            )
