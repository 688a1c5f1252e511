"""Dự sinh hoạt chi đoàn phải ghi ấp, khu phố nơi dự.

Lỗi khi: báo cáo có nội dung dự sinh hoạt chi đoàn ấp, khu phố (kế hoạch 45:
1.6) nhưng trong ``places`` không có địa bàn cấp ấp, khu phố (mã đầy đủ
``huyện/xã/ấp``).

Cách sửa: thêm ấp, khu phố đã đến, ví dụ ``tan-bien/thanh-tay/thanh-hoa``.
"""

from collections.abc import Iterator

from generator.findings import Finding, Severity
from generator.rules.base import Context, Rule

RULE = Rule("branch-meeting-place", Severity.ERROR, "Sinh hoạt chi đoàn thiếu ấp, khu phố")


def check(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.records.visits:
        if ctx.compliance.has_branch_meeting(visit) and not any(
            p.count("/") == 2 for p in visit.places
        ):
            policy = ctx.compliance.policy_on(visit.start)
            code = policy.branch_meeting_content if policy else ""
            yield RULE.on_visit(
                ctx,
                visit,
                "places",
                message=f"Nội dung {code} (dự sinh hoạt chi đoàn) cần ít nhất một địa bàn cấp ấp, "
                "khu phố (huyện/xã/ấp)",
            )
