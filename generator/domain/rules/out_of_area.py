"""Cán bộ của đơn vị có địa bàn phụ trách đi cơ sở trong địa bàn đó.

Vi phạm khi: đợt đi của cán bộ đang công tác ở một đơn vị có địa bàn phụ trách
(``area`` trong ``units.yaml``: huyện của huyện đoàn, xã, phường của đoàn xã,
phường) có một địa bàn không nằm bên trong địa bàn đó: ở ngoài, hoặc chính là
địa bàn đó (cán bộ huyện đoàn đi cơ sở là xuống xã, ấp; cán bộ đoàn xã, phường
xuống ấp, khu phố). Đợt đi này không được tính ngày.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules.base import Context, Rule, Scope

RULE = Rule("out-of-area", Severity.VIOLATION, "Đi ngoài địa bàn", Scope.OFFICIAL)


def check(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.records.visits:
        outside = ctx.compliance.out_of_area(visit)
        if not outside:
            continue
        unit = ctx.compliance.unit_on(visit.official, visit.start)
        area = unit.area if unit else "?"
        what = "xã, ấp của huyện" if unit is None or unit.level == "district" else "ấp, khu phố của"
        yield RULE.on_visit(
            ctx,
            visit,
            "places",
            visit.places.index(outside[0]),
            message=f"Địa bàn {', '.join(outside)} không phải {what} {area} mà đơn vị phụ "
            "trách: đợt đi này không được tính ngày",
        )
