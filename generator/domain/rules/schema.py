"""Hồ sơ phải đúng khuôn mẫu (JSON Schema trong thư mục ``schema/``).

Lỗi khi: thiếu khóa bắt buộc, có khóa lạ (thường do gõ sai tên khóa), giá trị
sai kiểu (chữ thay cho số, số thay cho chữ), ngày không viết dạng ``YYYY-MM-DD``
hoặc không có thật (``2019-02-30``), mã không đúng dạng (chỉ chữ thường không
dấu, số và gạch nối), mã nội dung không đúng dạng các số cách nhau bởi dấu
chấm (ví dụ ``"1.6"``). Mã nội dung đúng dạng nhưng không có trong danh mục của
quy định là lỗi ``unknown-reference``.

Cách sửa: xem thông báo ở đúng dòng, cột; mã nội dung đặt trong ngoặc kép
(``"1.6"``). Trình soạn thảo VS Code gợi ý các khóa và giải thích từng khóa khi gõ.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules.base import Context, Rule, Scope

RULE = Rule("schema", Severity.ERROR, "Sai khuôn mẫu hồ sơ", Scope.FILE)


def check(ctx: Context) -> Iterator[Finding]:
    yield from ctx.stage.get(RULE.id, [])
