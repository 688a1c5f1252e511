"""Cán bộ cấp tỉnh phải đi cả cấp huyện và cấp xã, ấp trong năm.

Vi phạm khi: năm đã kết thúc, cán bộ có ngày thuộc diện áp dụng khi công tác ở
cấp tỉnh, nhưng trong các đợt đi được tính thực hiện khi đang ở cấp tỉnh không
có đợt nào đến một huyện (địa bàn cấp huyện), hoặc không có đợt nào đến một
xã, phường, thị trấn hay ấp, khu phố.

Cách khắc phục: bố trí trong kế hoạch quý các đợt đi ở cả hai cấp.
"""

from collections.abc import Iterator

from generator.findings import Finding, Severity
from generator.rules.base import Context, Rule

RULE = Rule("levels", Severity.VIOLATION, "Chưa đi đủ các cấp địa bàn")


def check(ctx: Context) -> Iterator[Finding]:
    for row in ctx.compliance.rows:
        if not ctx.compliance.finished(row.year) or row.province_applicable_days == 0:
            continue
        missing = [
            label
            for label, done in (
                ("cấp huyện", row.district_visit),
                ("cấp xã, phường, thị trấn hoặc ấp, khu phố", row.grassroots_visit),
            )
            if not done
        ]
        if missing:
            yield RULE.on_person_year(
                row.official,
                row.unit,
                row.year,
                f"Năm {row.year} chưa có đợt đi cơ sở nào ở {' và '.join(missing)} "
                "(tính các đợt đi khi công tác ở cấp tỉnh)",
            )
