"""A policy's parameters as Vietnamese regulation text (the "Quy định" page).

An office reads these lines to check that its regulation was entered right, so
every key of the policy record is stated, including what its absence means.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.domain.model import LEVELS, Policy
from generator.domain.rules import RULES
from generator.domain.rules.switches import SWITCHES
from generator.vietnamese import DUTY, LEVEL, number, short_date

KIND = {"district": "huyện", "commune": "xã, phường", "hamlet": "ấp, khu phố"}
REPORT_DEADLINE = {
    "district_annual": "Huyện đoàn báo cáo Tỉnh đoàn",
    "province_annual": "Tổng hợp báo cáo Ban Thường vụ",
    "central_annual": "Báo cáo Trung ương Đoàn",
}


@dataclass(frozen=True, slots=True)
class ContentRow:
    code: str
    name: str
    chosen: str
    by_invitation: bool
    branch_meeting: bool


def _levels(levels: frozenset[str]) -> str:
    if levels >= frozenset(LEVELS):
        return "mọi cấp"
    return ", ".join(LEVEL[lv].lower() for lv in LEVELS if lv in levels) or "không cấp nào"


def _month_day(month_day: str) -> str:
    return f"{month_day[3:]}/{month_day[:2]}"


def parameters(policy: Policy) -> list[tuple[str, str]]:
    """(label, text) for every parameter of ``policy``, in Vietnamese."""
    rows = [
        (
            "Hiệu lực",
            f"{short_date(policy.effective_from)} – "
            + (short_date(policy.effective_to) if policy.effective_to else "nay"),
        ),
        ("Cán bộ thuộc diện áp dụng", _levels(policy.covered_levels)),
    ]
    quotas = dict(policy.min_days_by_level)
    by_level = [f"{LEVEL[lv].lower()}: {number(quotas[lv])} ngày" for lv in LEVELS if lv in quotas]
    quota = f"{number(policy.min_days_per_year)} ngày"
    if by_level and policy.min_days_per_year == 0:
        quota = "theo cấp: " + "; ".join(by_level)
    elif by_level:
        quota += " (riêng theo cấp: " + "; ".join(by_level) + ")"
    rows.append(("Số ngày đi cơ sở tối thiểu mỗi năm", quota))
    rows.append(
        (
            "Tính theo tỷ lệ",
            "trên số ngày của năm mà quy định có hiệu lực"
            if policy.quota_basis == "policy_days"
            else "trên số ngày của năm (365 hoặc 366)",
        )
    )
    if policy.report_within_days is None:
        rows.append(("Hạn nộp báo cáo sau mỗi đợt", "không quy định"))
    else:
        rows.append(
            (
                "Hạn nộp báo cáo sau mỗi đợt",
                (
                    f"{number(policy.report_within_days)} ngày sau khi kết thúc đợt đi "
                    f"(cấp: {_levels(policy.report_deadline_levels)})"
                ),
            )
        )
    if policy.plan_deadline_day is None:
        rows.append(("Kế hoạch quý", "không có hạn đăng ký: không xét kế hoạch quý"))
    else:
        rows.append(
            (
                "Hạn đăng ký kế hoạch quý",
                (
                    f"ngày {policy.plan_deadline_day} tháng đầu quý "
                    f"(cấp: {_levels(policy.plan_deadline_levels)})"
                ),
            )
        )
        rows.append(("Đơn vị phải có kế hoạch quý", _levels(policy.plan_levels)))
    branch = policy.branch_meeting_content
    rows.append(
        (
            "Dự sinh hoạt chi đoàn",
            "không yêu cầu"
            if branch is None
            else f"nội dung {branch} ({policy.content_name(branch) or '?'}), "
            "ít nhất một lần trong năm, tại một ấp, khu phố",
        )
    )
    kinds = [
        f"{LEVEL.get(level, level).lower()}: "
        + "; ".join(" hoặc ".join(KIND[k] for k in sorted(g, key=list(KIND).index)) for g in groups)
        for level, groups in policy.required_place_kinds
        if groups
    ]
    rows.append(("Loại địa bàn phải đến trong năm", " — ".join(kinds) or "không yêu cầu"))
    rows.append(
        (
            "Nhiệm vụ không áp dụng",
            "; ".join(DUTY[d] for d in sorted(policy.exempt_duties)) or "không có",
        )
    )
    rows.append(("Các loại miễn", _exemptions(policy)))
    rows.append(
        (
            "Kỳ báo cáo năm",
            f"từ 01/01 đến {_month_day(policy.annual_cutoff)}"
            if policy.annual_cutoff
            else "cả năm (01/01 – 31/12)",
        )
    )
    if policy.report_deadlines:
        rows.append(
            (
                "Hạn báo cáo năm",
                "; ".join(
                    f"{REPORT_DEADLINE.get(key, key)}: {_month_day(day)}"
                    for key, day in policy.report_deadlines
                ),
            )
        )
    return rows


def contents(policy: Policy) -> list[ContentRow]:
    """The policy's content catalogue, in its own order."""
    return [
        ContentRow(
            c.code,
            c.name,
            {"self": "tự chọn", "assigned": "được phân công"}.get(c.chosen or "", "—"),
            c.counts_by_invitation,
            c.code == policy.branch_meeting_content,
        )
        for c in policy.contents
    ]


def rules_on(policy: Policy) -> list[str]:
    """The ids of the switchable rules that apply under ``policy``, as each rule declares
    (``Rule.applies``): by the policy parameter that switches them, then by id."""
    return [
        rule.id
        for switch in SWITCHES
        if switch.on(policy)
        for rule in sorted(RULES.values(), key=lambda r: r.id)
        if rule.applies is switch
    ]


def _exemptions(policy: Policy) -> str:
    """How many exemption kinds there are and their minimum lengths, never their names:
    with an official's figures on the same site, a kind's name could tell why a person
    was away (a short exemption that counts can only be of a kind without a minimum)."""
    if not policy.exemption_kinds:
        return "không có"
    minimums = sorted({months for _, months in policy.exemption_kinds})
    lengths = " hoặc ".join("bất kỳ" if m == 0 else f"từ {m} tháng" for m in minimums)
    return (
        f"{len(policy.exemption_kinds)} loại; thời gian tối thiểu để được miễn: {lengths}, "
        "tùy loại (tên từng loại ghi trong tệp quy định, không đăng trên trang công khai)"
    )
