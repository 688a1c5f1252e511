"""Parse one YAML document into plain values plus a mark for every key and value.

Built straight from libyaml's event stream (C parser, no pure-Python scanning),
which lets us reject what the records must never contain: several documents,
duplicate keys, anchors and aliases, explicit tags. Plain scalars are resolved
by the YAML 1.2 core schema, as editors do: ``no``/``on`` stay strings, ``012``
is twelve, and dates stay strings until the schema has checked them.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]

_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_MAYBE_TYPED = frozenset("-+.0123456789~nNtTfF")
# How deep a record may nest: records need six levels; deeper is an error at the place it
# begins, long before Python's recursion limit or libyaml's own (1000) is reached.
MAX_DEPTH = 64
_TOO_DEEP = f"dữ liệu lồng nhau quá sâu (quá {MAX_DEPTH} cấp)"

_PROBLEMS = {
    "mapping values are not allowed here": "không được đặt dấu hai chấm “:” ở đây",
    "could not find expected ':'": "thiếu dấu hai chấm “:” sau khóa",
    "found character that cannot start any token": "có ký tự không được phép ở đầu giá trị",
    "found a tab character that violates indentation": "dùng phím Tab để thụt lề (chỉ dùng dấu cách)",
    "found undefined tag handle": "thẻ YAML không xác định",
    "did not find expected key": "thụt lề không đúng hoặc thiếu khóa",
    "did not find expected ',' or ']'": "danh sách trong ngoặc vuông thiếu dấu phẩy hoặc dấu “]”",
    "did not find expected ',' or '}'": "bảng trong ngoặc nhọn thiếu dấu phẩy hoặc dấu “}”",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)",
    "did not find expected node content": "thiếu giá trị",
    "did not find expected '-' indicator": "thụt lề danh sách không đúng",
    "block sequence entries are not allowed in this context": "không được bắt đầu danh sách “-” ở đây",
    "found unknown escape character": "ký tự thoát “\\” không hợp lệ trong chuỗi ngoặc kép",
    "found unexpected ':'": "dấu hai chấm “:” không đúng chỗ",
    "did not find the expected alphabetic or numeric character": "tên neo (anchor) hoặc bí danh không hợp lệ",
    "did not find expected alphabetic or numeric character": "tên neo (anchor) hoặc bí danh không hợp lệ",
    "did not find expected <document start>": "nội dung thừa sau khi tài liệu đã kết thúc",
    "exceeded maximum nesting depth": _TOO_DEEP,
    "found a tab character where an indentation space is expected": "dùng phím Tab để thụt lề (chỉ dùng dấu cách)",
}


class YamlProblem(Exception):
    """The text is not a single plain YAML mapping; carries a 1-based position."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(slots=True)
class Parsed:
    """A YAML document as plain values with 1-based marks by path."""

    data: dict[str, Any]
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)


_NO_KEY = object()


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    path: Path_
    key: Any = _NO_KEY


# A plain scalar longer than this is text, even if it is all digits: no record holds such a
# number, and Python refuses to convert more than 4,300 digits (the schema then reports it).
_MAX_NUMBER_LENGTH = 100


def resolve_plain(value: str) -> Any:
    """A plain scalar's value by the YAML 1.2 core schema (dates stay text)."""
    if (value and value[0] not in _MAYBE_TYPED) or len(value) > _MAX_NUMBER_LENGTH:
        return value
    if value.isascii() and value.isdigit():
        return int(value, 10)
    if value[:1].isdigit() and "-" in value and "e" not in value and "E" not in value:
        return value  # a date and the like: no number has a dash after its first digit
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value, 10)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def share(value: Any) -> Any:
    """One copy of a short string (an id, a code, a date) however many records repeat it.

    Ids, content codes and dates recur across 100k visits; one copy each saves about
    a tenth of the memory a large tree's values take. Longer text (a summary) is kept
    as it is: it seldom repeats.
    """
    return sys.intern(value) if type(value) is str and len(value) <= _SHARED_LENGTH else value


_SHARED_LENGTH = 48


def _mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    return (start.line + 1, start.column + 1) if start is not None else (1, 1)


def _position(text: str, byte_index: int) -> Mark:
    """Line and column of a libyaml reader error, which counts UTF-8 bytes."""
    index = len(text.encode("utf-8")[:byte_index].decode("utf-8", errors="ignore"))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def translate_problem(problem: str | None) -> str:
    if not problem:
        return "cú pháp YAML không hợp lệ"
    for english, vietnamese in _PROBLEMS.items():
        if problem.startswith(english):
            return vietnamese
    return f"cú pháp YAML không hợp lệ ({problem})"


# Characters without which a file can hold no anchor, alias or tag.
_EXOTIC = ("&", "*", "!")


def _text(value: str, *, normalise: bool, quoted: bool) -> str:
    """A scalar's text in NFC: the file's text may not be, and escapes (only in double
    quotes) can make any sequence of code points."""
    if normalise or (quoted and not unicodedata.is_normalized("NFC", value)):
        return unicodedata.normalize("NFC", value)
    return value


def parse(text: str) -> Parsed:
    """Parse ``text`` (already decoded) into a :class:`Parsed` mapping.

    Raises :class:`YamlProblem` for anything that is not one plain mapping.
    Most records hold no ``&``, ``*`` or ``!``: those are composed by libyaml in C
    and walked here (as fast as the plain C loader); any other file, and any
    file libyaml rejects, goes through the event reader, which explains exactly.
    """
    if not any(c in text for c in _EXOTIC):
        try:
            return _parse_composed(text)
        except _Fallback:
            pass
    return _parse_events(text)


class _Fallback(Exception):
    """The fast path cannot decide; the event reader will."""


def _parse_composed(text: str) -> Parsed:
    # libyaml is imported here and in _parse_events, not with this module: only marks
    # and what the line reader gives up on need it.
    import yaml  # noqa: PLC0415

    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        raise _Fallback from None  # the event reader explains it
    if not isinstance(node, yaml.MappingNode):
        raise _Fallback
    normalise = not unicodedata.is_normalized("NFC", text)
    marks: dict[Path_, Mark] = {}
    key_marks: dict[Path_, Mark] = {}

    def walk(node: yaml.Node, path: Path_, depth: int) -> Any:
        start = node.start_mark
        marks[path] = (start.line + 1, start.column + 1)
        if isinstance(node, yaml.ScalarNode):
            raw = _text(node.value, normalise=normalise, quoted=node.style == '"')
            return resolve_plain(raw) if node.style == "" else raw
        if depth > MAX_DEPTH:
            raise _Fallback  # the event reader places the error
        if isinstance(node, yaml.SequenceNode):
            return [walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Fallback
            key = _text(key_node.value, normalise=normalise, quoted=key_node.style == '"')
            if key in mapping:
                raise _Fallback
            key_start = key_node.start_mark
            key_marks[(*path, key)] = (key_start.line + 1, key_start.column + 1)
            mapping[key] = walk(value_node, (*path, key), depth + 1)
        return mapping

    data = walk(node, (), 1)
    return Parsed(data, marks, key_marks)


class _Events:
    """The exact reader's state while it takes libyaml's events one by one."""

    def __init__(self, text: str) -> None:
        self.normalise = not unicodedata.is_normalized("NFC", text)
        self.stack: list[_Frame] = []
        self.marks: dict[Path_, Mark] = {}
        self.key_marks: dict[Path_, Mark] = {}
        self.root: Any = None
        self.documents = 0

    def take(self, event: yaml.Event) -> None:
        """Add one event to the document, or raise :class:`YamlProblem` where it is wrong."""
        import yaml  # noqa: PLC0415 - see _parse_composed

        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlProblem(
                    "tệp chứa nhiều tài liệu YAML (dấu “---”); mỗi tệp chỉ một hồ sơ",
                    *_mark(event),
                )
        elif isinstance(event, yaml.AliasEvent):
            raise YamlProblem("không dùng bí danh YAML (“*…”)", *_mark(event))
        elif isinstance(event, yaml.CollectionEndEvent):
            self.stack.pop()
        elif isinstance(event, yaml.NodeEvent):
            self._node(event)

    def _node(self, event: yaml.NodeEvent) -> None:
        import yaml  # noqa: PLC0415 - see _parse_composed

        if event.anchor is not None:
            raise YamlProblem("không dùng neo YAML (“&…”)", *_mark(event))
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise YamlProblem(f"không dùng thẻ YAML (“{tag}”)", *_mark(event))
        mark = _mark(event)
        value: Any
        if isinstance(event, yaml.ScalarEvent):
            raw = _text(event.value, normalise=self.normalise, quoted=event.style == '"')
            value = resolve_plain(raw) if event.style == "" and tag is None else raw
        elif isinstance(event, yaml.MappingStartEvent):
            value = {}
        else:
            value = []
        path = self._place(event, value, mark)
        if path is not None and isinstance(value, dict | list):
            if len(self.stack) >= MAX_DEPTH:
                raise YamlProblem(_TOO_DEEP, *mark)
            self.stack.append(_Frame(value, path))

    def _place(self, event: yaml.NodeEvent, value: Any, mark: Mark) -> Path_ | None:
        """Put ``value`` where it belongs; its path, or None for a mapping's key."""
        import yaml  # noqa: PLC0415 - see _parse_composed

        if not self.stack:
            self.root = value
            self.marks[()] = mark
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            path: Path_ = (*top.path, len(top.container))
            top.container.append(value)
        elif top.key is _NO_KEY:
            if not isinstance(event, yaml.ScalarEvent):
                raise YamlProblem("khóa phải là một từ đơn, không phải danh sách hay bảng", *mark)
            key = _text(event.value, normalise=self.normalise, quoted=event.style == '"')
            key_path = (*top.path, key)
            if key in top.container:
                first = self.key_marks[key_path][0]
                raise YamlProblem(f"khóa “{key}” bị lặp (đã có ở dòng {first})", *mark)
            self.key_marks[key_path] = mark
            top.key = key
            return None
        else:
            path = (*top.path, top.key)
            top.container[top.key] = value
            top.key = _NO_KEY
        self.marks[path] = mark
        return path

    def result(self) -> Parsed:
        if self.documents == 0 or self.root is None:
            raise YamlProblem("tệp không có nội dung", 1, 1)
        if not isinstance(self.root, dict):
            raise YamlProblem("nội dung tệp phải là các cặp “khóa: giá trị”", *self.marks[()])
        return Parsed(self.root, self.marks, self.key_marks)


def _parse_events(text: str) -> Parsed:
    """The exact reader: every construct the records must not use is found and located."""
    import yaml  # noqa: PLC0415 - see _parse_composed

    reader = _Events(text)
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            reader.take(event)
    except yaml.MarkedYAMLError as exc:
        where = exc.problem_mark or exc.context_mark
        if exc.problem == "could not find expected ':'" and exc.context_mark is not None:
            where = exc.context_mark  # the key missing its colon, not the line after it
        line, column = (where.line + 1, where.column + 1) if where is not None else (1, 1)
        raise YamlProblem(translate_problem(exc.problem), line, column) from None
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise YamlProblem(
            f"ký tự điều khiển không được phép (mã U+{ord(char):04X})",
            *_position(text, exc.position),
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml raises the two kinds above
        raise YamlProblem(f"cú pháp YAML không hợp lệ ({exc})", 1, 1) from None
    return reader.result()


def decode(raw: bytes) -> str:
    """Decode UTF-8 (optionally with a byte-order mark); raise :class:`YamlProblem` otherwise."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = raw.count(b"\n", 0, start) + 1
        line_start = raw.rfind(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(
            "tệp không được mã hóa UTF-8 (hãy lưu lại với bảng mã UTF-8)", line, column
        ) from None
