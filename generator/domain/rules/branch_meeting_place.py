"""Dự sinh hoạt chi đoàn phải ghi ấp, khu phố nơi dự.

Lỗi khi: báo cáo có nội dung dự sinh hoạt chi đoàn (``branch_meeting_content``
của quy định có hiệu lực vào ngày bắt đầu đợt đi; kế hoạch 45: 1.6) nhưng
trong ``places`` không có địa bàn loại ấp, khu phố, tổ dân phố (mã đầy đủ
``huyện/xã/ấp``, hoặc ``xã/ấp`` với xã, phường trực thuộc tỉnh). Quy định
không có nội dung này thì không xét.

Cách sửa: thêm ấp, khu phố đã đến, ví dụ ``tan-bien/thanh-tay/thanh-hoa``.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope

RULE = Rule(
    "branch-meeting-place",
    Severity.ERROR,
    "Sinh hoạt chi đoàn thiếu ấp, khu phố",
    Scope.OFFICIAL,
    applies=switches.BRANCH_MEETING,
)


def check(ctx: Context) -> Iterator[Finding]:
    compliance = ctx.compliance
    for visit in ctx.records.visits:
        if compliance.has_branch_meeting(visit) and not any(
            compliance.place_kind(p) == "hamlet" for p in visit.places
        ):
            policy = compliance.policy_on(visit.start)
            code = policy.branch_meeting_content if policy else ""
            yield RULE.on_visit(
                ctx,
                visit,
                "places",
                message=f"Nội dung {code} (dự sinh hoạt chi đoàn) cần ít nhất một địa bàn cấp ấp, "
                "khu phố (huyện/xã/ấp)",
            )
