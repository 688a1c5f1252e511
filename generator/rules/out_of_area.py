"""Cán bộ huyện đoàn đi cơ sở trong các xã, ấp của huyện mình.

Vi phạm khi: đợt đi của cán bộ đang công tác ở cấp huyện có một địa bàn ngoài
huyện mà đơn vị phụ trách (``area`` trong ``units.yaml``), hoặc chính là cấp
huyện (cán bộ huyện đoàn đi cơ sở là xuống xã, ấp). Đợt đi này không được tính
ngày.
"""

from collections.abc import Iterator

from generator.findings import Finding, Severity
from generator.rules.base import Context, Rule

RULE = Rule("out-of-area", Severity.VIOLATION, "Đi ngoài địa bàn")


def check(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.records.visits:
        outside = ctx.compliance.out_of_area(visit)
        if not outside:
            continue
        unit = ctx.compliance.unit_on(visit.official, visit.start)
        area = unit.area if unit else "?"
        yield RULE.on_visit(
            ctx,
            visit,
            "places",
            visit.places.index(outside[0]),
            message=f"Địa bàn {', '.join(outside)} không phải xã, ấp của huyện {area} mà đơn vị phụ "
            "trách: đợt đi này không được tính ngày",
        )
