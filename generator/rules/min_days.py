"""Mỗi cán bộ phải đi cơ sở đủ số ngày tối thiểu trong năm.

Vi phạm khi: năm đã kết thúc, cán bộ có ngày thuộc diện áp dụng, và số ngày đi
cơ sở được tính ít hơn số ngày phải đi. Số ngày phải đi là ``min_days_per_year``
của quy định (kế hoạch 45: 60 ngày) nhân với tỷ lệ số ngày thuộc diện áp dụng
trên số ngày của năm (365 hoặc 366), làm tròn lên. Không thuộc diện áp dụng:
những ngày chưa về đơn vị hoặc đã chuyển đi, làm văn thư, kế toán, thủ quỹ, thi
đua khen thưởng, phó chánh văn phòng phụ trách hành chính quản trị, và thời gian
được miễn theo quy định (với các trường hợp có thời hạn tối thiểu, kế hoạch 45: từ
6 tháng trở lên). Ngày được tính là
những ngày khác nhau của các đợt đi được tính (không tính đợt chỉ dự theo thư
mời, trừ nội dung 1.5; không tính đợt đi ngoài địa bàn của huyện đoàn).

Năm có hai quy định: số ngày phải đi là tổng, theo từng quy định, của số ngày
tối thiểu nhân số ngày áp dụng trong thời gian hiệu lực của quy định đó, chia
cho số ngày của năm, làm tròn lên.
"""

from collections.abc import Iterator

from generator.findings import Finding, Severity
from generator.rules.base import Context, Rule

RULE = Rule("min-days", Severity.VIOLATION, "Chưa đủ số ngày đi cơ sở")


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
