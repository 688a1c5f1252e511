"""Record text is printable text, and a record file is of a bounded size.

Characters that YAML forbids, that break lines or that drive a terminal have no
place in a name or a report: C0 controls other than tab and line ends, DEL, the
C1 controls (U+0080–U+009F, NEL included), the line and paragraph separators
U+2028 and U+2029, and the Unicode noncharacters. Found in a file as written,
one is a ``yaml-syntax`` error at its line and column, checked before the file
is parsed (so no reader can take U+2028 for a line end and make a second key).
Produced by an escape inside double quotes (``"\\x80"``), it is a ``schema``
error at the value. Either message names the character by its code point and
says to delete it, and never shows the character itself.

A file larger than :data:`MAX_FILE_BYTES` is not parsed at all. Text values
are bounded by ``maxLength`` in the schemas (see the README's limits).
"""

from __future__ import annotations

import re
from typing import Any

from generator.vietnamese import number

MAX_FILE_BYTES = 1024 * 1024  # a record file: about 300 pages of text

# The forbidden characters of the Basic Multilingual Plane, and every character beyond
# it: a class of single code points and two ranges is matched in constant time per
# character, where listing the 32 noncharacters beyond the plane made every file's scan
# ten times slower. A match beyond the plane is forbidden only if it is one of those
# (U+xFFFE, U+xFFFF); text rarely holds any character beyond the plane at all.
_CANDIDATE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff"
    "\U00010000-\U0010ffff]"
)


def _forbidden(text: str) -> re.Match[str] | None:
    """The first forbidden character of ``text``, if any."""
    found = _CANDIDATE.search(text)
    while (
        found is not None and ord(found.group()) > 0xFFFF and ord(found.group()) & 0xFFFE != 0xFFFE
    ):
        found = _CANDIDATE.search(text, found.end())
    return found


_ADVICE = "(thường do dán từ Word hoặc trang web): hãy xóa ký tự này rồi gõ lại chữ quanh nó"

Path_ = tuple[str | int, ...]


def describe(char: str) -> str:
    """What the character is, in Vietnamese, by its code point (never the character itself)."""
    point = ord(char)
    if char in "\u2028\u2029\x85":
        kind = "ký tự xuống dòng lạ"
    elif point < 0x20 or 0x7F <= point <= 0x9F:
        kind = "ký tự điều khiển"
    else:
        kind = "ký tự không dùng trong văn bản"
    return f"{kind} U+{point:04X}"


def first_forbidden(text: str) -> tuple[int, int, str] | None:
    """(line, column, message) of the first forbidden character of a file's text, if any."""
    found = _forbidden(text)
    if found is None:
        return None
    index = found.start()
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column, f"Tệp chứa {describe(found.group())} {_ADVICE}"


def file_too_large(size: int) -> str | None:
    """The message for a file over :data:`MAX_FILE_BYTES`, else None."""
    if size <= MAX_FILE_BYTES:
        return None
    return (
        f"Tệp quá lớn (hơn {number(MAX_FILE_BYTES // 1024)} KiB): một hồ sơ chỉ cần vài trang chữ; "
        "hãy rút gọn, hoặc tách thành nhiều tệp"
    )


def value_problem(data: Any) -> tuple[Path_, bool, str] | None:
    """(path, whether about the key, message) of the first text value or key holding a
    forbidden character (made by an escape), else None. A loop, not recursion: a deeply
    nested record must not exhaust the stack."""
    stack: list[tuple[Path_, Any]] = [((), data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if found := _forbidden(value):
                return where, False, f"Giá trị chứa {describe(found.group())} {_ADVICE}"
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and (found := _forbidden(key)):
                    return (*where, key), True, f"Khóa chứa {describe(found.group())} {_ADVICE}"
                stack.append(((*where, key), item))
        elif isinstance(value, list):
            stack.extend(((*where, index), item) for index, item in enumerate(value))
    return None
