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

import dataclasses
import re
from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules.base import Context, Rule, Scope
from generator.domain.suggest import places_named
from generator.reading.schema import PLACE_NAME

RULE = Rule("schema", Severity.ERROR, "Sai khuôn mẫu hồ sơ", Scope.FILE)

_TYPED_NAME = re.compile(f"^“(?P<name>[^”]+)” {PLACE_NAME}")


def _with_code(finding: Finding, ctx: Context) -> Finding:
    """A place typed by its name: say its code (or codes, when the name is not unique)."""
    match = _TYPED_NAME.match(finding.message)
    if match is None:
        return finding
    found = places_named(match["name"], ctx.records.places)
    if not found:
        return finding
    codes = " hoặc ".join(f"“{p.id}”" for p in found[:4])
    return dataclasses.replace(finding, message=f"{finding.message}; ghi mã {codes}")


def check(ctx: Context) -> Iterator[Finding]:
    for finding in ctx.stage.get(RULE.id, []):
        yield _with_code(finding, ctx)
