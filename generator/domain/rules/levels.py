"""Cán bộ phải đi đủ các loại địa bàn mà quy định yêu cầu trong năm.

Vi phạm khi: năm đã kết thúc, cán bộ có ngày thuộc diện áp dụng khi công tác ở
một cấp, và quy định có hiệu lực vào ngày áp dụng cuối cùng của năm ở cấp đó
yêu cầu các loại địa bàn cho cấp này (``required_place_kinds``), nhưng trong
các đợt đi được tính thực hiện khi đang ở cấp đó không có đợt nào đến một địa
bàn thuộc một nhóm loại địa bàn được yêu cầu. Kế hoạch 45: cán bộ cấp tỉnh phải
đi cả cấp huyện và cấp xã, phường, thị trấn hoặc ấp, khu phố.

Cách khắc phục: bố trí trong kế hoạch quý các đợt đi đến đủ các loại địa bàn.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope

RULE = Rule(
    "levels",
    Severity.VIOLATION,
    "Chưa đi đủ các cấp địa bàn",
    Scope.OFFICIAL,
    applies=switches.PLACE_KINDS,
)

KIND = {
    "district": "cấp huyện",
    "commune": "cấp xã, phường, thị trấn",
    "hamlet": "ấp, khu phố",
}
LEVEL = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}
_ORDER = {"district": 0, "commune": 1, "hamlet": 2}


def label(group: tuple[str, ...]) -> str:
    """'cấp xã, phường, thị trấn hoặc ấp, khu phố' for the group (commune, hamlet)."""
    return " hoặc ".join(KIND[kind] for kind in sorted(group, key=lambda k: _ORDER.get(k, 9)))


def check(ctx: Context) -> Iterator[Finding]:
    for row in ctx.compliance.rows:
        if not ctx.compliance.finished(row.year) or not row.missing_kinds:
            continue
        for level in dict.fromkeys(level for level, _ in row.missing_kinds):
            missing = [label(group) for lvl, group in row.missing_kinds if lvl == level]
            yield RULE.on_person_year(
                row.official,
                row.unit,
                row.year,
                f"Năm {row.year} chưa có đợt đi cơ sở nào ở {' và '.join(missing)} "
                f"(tính các đợt đi khi công tác ở {LEVEL.get(level, level)})",
            )
