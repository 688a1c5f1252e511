"""Mỗi cán bộ phải đi cơ sở đủ số ngày tối thiểu trong năm.

Vi phạm khi: năm đã kết thúc, cán bộ có ngày thuộc diện áp dụng, và số ngày đi
cơ sở được tính ít hơn số ngày phải đi. Ngày thuộc diện là ngày có quy định
và cán bộ công tác ở một cấp mà quy định áp dụng (``covered_levels``; mặc định:
mọi cấp). Ngày thuộc diện áp dụng là ngày thuộc diện, trừ những ngày làm một
nhiệm vụ không áp dụng (``exempt_duties``; kế hoạch 45: văn thư, kế toán, thủ
quỹ, thi đua khen thưởng, phó chánh văn phòng phụ trách hành chính quản trị) và
những ngày trong một thời gian miễn được chấp nhận theo ``exemption_kinds``
của quy định.

Số ngày phải đi: với mỗi quy định có hiệu lực trong năm và mỗi cấp, lấy số
ngày tối thiểu của cấp đó (``min_days_by_level``, nếu không có thì
``min_days_per_year``; kế hoạch 45: 60 ngày) nhân số ngày thuộc diện áp dụng
trong thời gian hiệu lực của quy định ở cấp đó, chia cho số ngày của năm (365
hoặc 366), hoặc chia cho số ngày của năm mà quy định có hiệu lực nếu quy định
tính theo ``quota_basis: policy_days``; cộng tất cả (tính chính xác bằng phân
số) rồi làm tròn lên một lần.

Ngày được tính là những ngày khác nhau của các đợt đi được tính (không tính
đợt chỉ dự theo thư mời, trừ nội dung được tính theo thư mời; không tính đợt đi
ngoài địa bàn phụ trách; không tính đợt đi khi cán bộ ở cấp mà quy định không
áp dụng).
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules import switches
from generator.domain.rules.base import Context, Rule, Scope

RULE = Rule(
    "min-days",
    Severity.VIOLATION,
    "Chưa đủ số ngày đi cơ sở",
    Scope.OFFICIAL,
    applies=switches.DAYS,
)


def check(ctx: Context) -> Iterator[Finding]:
    for row in ctx.compliance.rows:
        if not ctx.compliance.finished(row.year) or row.applicable_days == 0:
            continue
        if row.counted_days < row.required_days:
            yield RULE.on_person_year(
                row.official,
                row.unit,
                row.year,
                f"Năm {row.year} đi cơ sở {row.counted_days} ngày, chưa đủ {row.required_days} ngày "
                f"phải đi (thiếu {row.required_days - row.counted_days} ngày)",
            )
