"""Tệp phải là YAML hợp lệ, mã hóa UTF-8, chứa đúng một hồ sơ dạng “khóa: giá trị”.

Lỗi khi: tệp không mã hóa UTF-8; sai cú pháp YAML (thụt lề bằng Tab, thiếu dấu
hai chấm, thiếu dấu đóng ngoặc…); có nhiều tài liệu (dấu ``---``) trong một tệp;
một khóa bị lặp; dùng neo ``&`` hoặc bí danh ``*``; tệp rỗng; hoặc nội dung
không phải là các cặp “khóa: giá trị”.

Cách sửa: mở tệp ở dòng và cột được báo, thụt lề bằng dấu cách, mỗi khóa chỉ
viết một lần. Tệp có dấu BOM hoặc xuống dòng kiểu Windows (CRLF) vẫn hợp lệ.
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.rules.base import Context, Rule, Scope

RULE = Rule("yaml-syntax", Severity.ERROR, "Lỗi cú pháp YAML", Scope.FILE)


def check(ctx: Context) -> Iterator[Finding]:
    yield from ctx.stage.get(RULE.id, [])
