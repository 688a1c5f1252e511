"""The line reader: the values of the YAML that records are written in, without libyaml.

Records are written in a corner of YAML: block mappings with identifier keys,
block sequences, plain and quoted scalars on one line or folded over several,
literal and folded block scalars (``|``, ``>``, with chomping and indentation
indicators), flow sequences of plain or quoted items, comments. For a text
entirely inside that corner, :func:`parse_values` builds its values in one pass
over its lines, several times cheaper than libyaml plus PyYAML's constructor,
and gives up on anything else: escapes, anchors, tags, flow mappings, several
documents, duplicate keys, tabs, control characters, text that is not NFC, a
folded block with more-indented lines, nesting deeper than
:data:`~generator.reading.yamlread.MAX_DEPTH`. A given-up text goes to
:func:`generator.reading.yamlread.parse`, which has the final word and every error
message. ``tests/test_yamlfast.py`` checks, over generated texts, that whatever
this reader accepts, ``parse`` reads the same way.
"""

from __future__ import annotations

import re
import unicodedata
from sys import intern
from typing import Any

from generator.reading.yamlread import MAX_DEPTH, parse, resolve_plain, share

# Anything outside printable, tab-free, single-line-break YAML (libyaml's reader set
# minus tab, CR, the other line breaks NEL, LS and PS, and the byte-order mark),
# listed as what it lets through: "[^\n -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe
# \uff00-\ufffd\U00010000-\U0010ffff]", which takes ten times as long to compile.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: +(.*))?\Z")
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*)?\Z')
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*)?\Z")
_FLOW_ITEM = r'(?:"[^"\\,\]]*"|[A-Za-z0-9_][A-Za-z0-9_./-]*)'
# The common flow sequence in one match: plain items and quoted ones without a comma.
_FLOW = re.compile(rf"\[ *((?:{_FLOW_ITEM} *, *)*{_FLOW_ITEM})? *\](?: +#.*)?\Z")
_FLOW_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")
_FLOW_DOUBLE = re.compile(r'"([^"\\]*)"')
_FLOW_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_AFTER = re.compile(r"(?: +#.*)?\Z")  # what may follow a closed value on its line
_BLOCK_HEADER = re.compile(r"([|>])(?:([1-9])([+-]?)|([+-])([1-9]?))?(?: +#.*)?\Z")
# What may not start a plain scalar (``-`` may, before a digit or a dot).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_SIGNED = frozenset("0123456789.")

# A significant line (not blank, not a comment): its indent, its text without the
# indent and trailing spaces, and its number among the text's lines (0-based).
_Line = tuple[int, str, int]


class GiveUp(Exception):
    """The text leaves the corner of YAML that :func:`parse_values` reads by itself."""


def parse_values(text: str) -> dict[str, Any]:
    """The values of ``text``, exactly as :func:`generator.reading.yamlread.parse` reads them,
    without marks. Raises :class:`~generator.reading.yamlread.YamlProblem` as ``parse`` does."""
    try:
        return read(text)
    except (GiveUp, RecursionError):
        return parse(text).data


class _Text:
    """The text's lines: all of them (block scalars read them as they are), and the
    significant ones, which the structure is read from."""

    __slots__ = ("complete", "lines", "raw")

    def __init__(self, raw: list[str], lines: list[_Line], *, complete: bool) -> None:
        self.raw = raw
        self.lines = lines
        self.complete = complete  # the last line ends with a line break


def read(text: str) -> dict[str, Any]:
    """The values of ``text``; :class:`GiveUp` outside the corner this reader knows."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if UNSAFE.search(text) or not unicodedata.is_normalized("NFC", text):
        raise GiveUp
    raw = text.split("\n")
    complete = raw[-1] == ""
    if complete:
        raw.pop()  # the break that ends the last line
    lines: list[_Line] = []
    for number, line in enumerate(raw):
        content = line.lstrip(" ")
        if content and content[0] != "#":
            lines.append((len(line) - len(content), content.rstrip(" "), number))
    if not lines:
        raise GiveUp
    doc = _Text(raw, lines, complete=complete)
    data, end = _block(doc, 0, lines[0][0], 1)
    if end != len(lines) or not isinstance(data, dict):
        raise GiveUp
    return data


def _is_entry(content: str) -> bool:
    return content == "-" or content.startswith("- ")


def _block(doc: _Text, i: int, indent: int, depth: int) -> tuple[Any, int]:
    if depth >= MAX_DEPTH:  # one short: a flow sequence below would be one level more
        raise GiveUp  # parse reports it, with its place
    if _is_entry(doc.lines[i][1]):
        return _sequence(doc, i, indent, depth)
    return _mapping(doc, i, indent, depth)


def _nested(doc: _Text, i: int, indent: int, depth: int, *, compact: bool) -> tuple[Any, int]:
    """The value under a key or dash with nothing after it: a deeper block, else null."""
    lines = doc.lines
    if i < len(lines):
        deeper, content, _ = lines[i]
        if deeper > indent:
            return _block(doc, i, deeper, depth + 1)
        if compact and deeper == indent and _is_entry(content):
            return _sequence(doc, i, indent, depth + 1)
    return None, i


def _mapping(doc: _Text, i: int, indent: int, depth: int) -> tuple[dict[str, Any], int]:
    lines = doc.lines
    mapping: dict[str, Any] = {}
    while i < len(lines):
        at, content, _ = lines[i]
        if at < indent:
            break
        match = _KEY.match(content)
        if at > indent or match is None:
            raise GiveUp
        key, rest = match.group(1, 2)
        key = intern(key)  # a tree repeats a handful of keys a million times: keep one copy
        if key in mapping:
            raise GiveUp
        if not rest or rest[0] == "#":
            mapping[key], i = _nested(doc, i + 1, indent, depth, compact=True)
        elif (
            rest[0] not in _INDICATORS and " #" not in rest and ": " not in rest and rest[-1] != ":"
        ) and (i + 1 == len(lines) or lines[i + 1][0] <= indent):
            # The plain one-line scalar, inlined: most values.
            mapping[key], i = share(resolve_plain(rest)), i + 1
        else:
            mapping[key], i = _value(doc, i, rest, indent)
    return mapping, i


def _sequence(doc: _Text, i: int, indent: int, depth: int) -> tuple[list[Any], int]:
    lines = doc.lines
    sequence: list[Any] = []
    while i < len(lines):
        at, content, number = lines[i]
        if at != indent or not _is_entry(content):
            if at > indent:
                raise GiveUp
            break
        rest = content[1:].lstrip(" ")
        if not rest or rest[0] == "#":
            value, i = _nested(doc, i + 1, indent, depth, compact=False)
        elif _KEY.match(rest):
            # "- key: value": a mapping whose keys line up after the dash.
            lines[i] = (indent + len(content) - len(rest), rest, number)
            value, i = _mapping(doc, i, lines[i][0], depth + 1)
        else:
            value, i = _value(doc, i, rest, indent)
        sequence.append(value)
    return sequence, i


def _value(doc: _Text, i: int, text: str, indent: int) -> tuple[Any, int]:
    """The scalar or flow sequence that starts with ``text`` on significant line ``i``, in
    a block whose entries stand at ``indent``; and the next significant line after it."""
    first = text[0]
    if first in "|>":
        return _block_scalar(doc, i, text, indent)
    if first in "\"'":
        match = (_DOUBLE if first == '"' else _SINGLE).match(text)
        if match is None:
            return _quoted_lines(doc, i, text, indent)
        value = match.group(1)
        return (value if first == '"' else value.replace("''", "'")), _after_line(doc, i, indent)
    if first == "[":
        return _flow(text), _after_line(doc, i, indent)
    if first in _INDICATORS and not (first == "-" and text[1:2] in _SIGNED):
        raise GiveUp
    comment = text.find(" #")
    if comment != -1:
        text = text[:comment].rstrip(" ")
        end = _after_line(doc, i, indent)  # a comment ends the scalar: nothing may continue it
    else:
        text, end = _plain_lines(doc, i, text, indent)
    if ": " in text or text.endswith(":"):
        raise GiveUp
    return resolve_plain(text), end


def _after_line(doc: _Text, i: int, indent: int) -> int:
    """The line after a value closed on line ``i``: no deeper line may follow it."""
    lines = doc.lines
    if i + 1 < len(lines) and lines[i + 1][0] > indent:
        raise GiveUp
    return i + 1


def _continuation(doc: _Text, i: int, indent: int) -> tuple[list[str], int]:
    """The lines that continue a value begun on significant line ``i`` (those indented
    deeper than ``indent``, and blank lines among them, as ``""``), and the next
    significant line. Comments among them end the value in YAML: given up."""
    lines, raw = doc.lines, doc.raw
    j = i + 1
    while j < len(lines) and lines[j][0] > indent:
        j += 1
    if j == i + 1:
        return [], j
    first, last = lines[i][2] + 1, lines[j - 1][2]
    found = []
    for line in raw[first : last + 1]:
        content = line.strip(" ")
        if content[:1] == "#" or (content and len(line) - len(line.lstrip(" ")) <= indent):
            raise GiveUp
        found.append(content)
    return found, j


def _fold(first: str, more: list[str], *, last: str | None = None) -> str:
    """Flow folding: a line break between two lines is a space; n blank lines, n breaks.
    ``last``: a final line that is text even when empty (the one a closing quote ends)."""
    parts = [first]
    blank = 0
    for line in more:
        if not line:
            blank += 1
            continue
        parts.append("\n" * blank if blank else " ")
        parts.append(line)
        blank = 0
    if last is not None:
        parts.append("\n" * blank if blank else " ")
        parts.append(last)
    return "".join(parts)


def _plain_lines(doc: _Text, i: int, text: str, indent: int) -> tuple[str, int]:
    more, end = _continuation(doc, i, indent)
    for line in more:
        if line and (line[0] in _INDICATORS or " #" in line or ": " in line or line[-1] == ":"):
            raise GiveUp
    return _fold(text, more), end


def _quoted_lines(doc: _Text, i: int, text: str, indent: int) -> tuple[str, int]:
    """A quoted scalar folded over several lines (no escapes: those are given up)."""
    quote = text[0]
    more, end = _continuation(doc, i, indent)
    whole = "\n".join([text[1:].rstrip(" "), *more])
    if quote == '"':
        close = whole.find('"')
        if "\\" in whole[: close if close != -1 else None]:
            raise GiveUp
    else:
        close = _closing_single(whole)
    if close == -1 or not _AFTER.match(whole, close + 1) or "\n" not in whole[:close]:
        raise GiveUp
    body = whole[:close].split(
        "\n"
    )  # (spaces before a break are not text; before the quote, they are)
    value = _fold(body[0], [line.strip(" ") for line in body[1:-1]], last=body[-1].lstrip(" "))
    return (value if quote == '"' else value.replace("''", "'")), end


def _closing_single(text: str) -> int:
    """Where a single-quoted scalar closes: the first ``'`` that is not ``''``, else -1."""
    at = text.find("'")
    while at != -1 and text[at + 1 : at + 2] == "'":
        at = text.find("'", at + 2)
    return at


def _flow(text: str) -> list[Any]:
    """A one-line flow sequence of plain and quoted items, then spaces and a comment."""
    simple = _FLOW.match(text)
    if simple is not None:  # nearly every one: ["1.1", "1.6"], [tan-bien/thanh-tay]
        inner = simple.group(1)
        if inner is None:
            return []
        items = [item.strip(" ") for item in inner.split(",")]
        return [share(item[1:-1] if item[0] == '"' else resolve_plain(item)) for item in items]
    return _flow_items(text)


def _flow_items(text: str) -> list[Any]:
    """A flow sequence item by item: quoted items may hold commas, ``#`` and brackets."""
    items: list[Any] = []
    at = 1
    size = len(text)
    while True:
        while at < size and text[at] == " ":
            at += 1
        if at < size and text[at] == "]" and not items:
            at += 1
            break
        found = _FLOW_DOUBLE.match(text, at) or _FLOW_SINGLE.match(text, at)
        if found is not None:
            item = found.group(1)
            items.append(item if text[at] == '"' else item.replace("''", "'"))
        else:
            found = _FLOW_PLAIN.match(text, at)
            if found is None:
                raise GiveUp
            items.append(resolve_plain(found.group()))
        at = found.end()
        while at < size and text[at] == " ":
            at += 1
        if at < size and text[at] == ",":
            at += 1
            continue
        if at < size and text[at] == "]":
            at += 1
            break
        raise GiveUp
    if not _AFTER.match(text, at):
        raise GiveUp
    return items


def _block_scalar(doc: _Text, i: int, header: str, indent: int) -> tuple[str, int]:
    """A literal (``|``) or folded (``>``) block scalar whose header is on line ``i``."""
    match = _BLOCK_HEADER.match(header)
    if match is None:
        raise GiveUp
    digit = match.group(2) or match.group(5)
    chomp = match.group(3) or match.group(4) or ""
    body, end = _block_lines(doc, doc.lines[i][2] + 1, indent, int(digit) if digit else 0)
    lines = doc.lines
    while i < len(lines) and lines[i][2] < end:
        i += 1
    last = len(body)
    while last and not body[last - 1]:
        last -= 1
    content = body[:last]
    if not content:
        raise GiveUp  # only blank lines: rare, left to libyaml
    if match.group(1) == "|":
        text = "\n".join(content)
    elif any(line[0] == " " for line in content if line):
        raise GiveUp  # a folded block's more-indented lines keep their breaks: left to libyaml
    else:
        lead = 0
        while not content[lead]:
            lead += 1
        text = "\n" * lead + _fold(content[lead], content[lead + 1 :])
    if chomp == "-":
        return text, i
    return text + "\n" * (1 + (len(body) - last if chomp == "+" else 0)), i


def _block_lines(doc: _Text, start: int, indent: int, step: int) -> tuple[list[str], int]:
    """The lines of a block scalar from line ``start`` of the text, without their
    indentation (blank ones as ``""``), and the line after them. Its indentation is
    ``indent + step`` with an indicator (``step``), else that of its first text line."""
    raw = doc.raw
    size = len(raw)
    first = start
    leading = 0  # the most spaces on a blank line before the first text line
    while first < size and not raw[first].strip(" "):
        leading = max(leading, len(raw[first]))
        first += 1
    if first == size:
        raise GiveUp  # no text line: rare, left to libyaml
    line = raw[first]
    spaces = len(line) - len(line.lstrip(" "))
    if spaces <= indent:
        raise GiveUp  # an empty block, then the next entry: rare
    block = indent + step if step else spaces
    if not step and leading > block:
        raise GiveUp  # blank lines deeper than the text: rare
    prefix = " " * block
    body: list[str] = []
    end = start
    while end < size:
        line = raw[end]
        if line.startswith(prefix):
            body.append(line[block:])
        elif line.strip(" "):  # text less indented than the block: its end, or an error
            if len(line) - len(line.lstrip(" ")) > indent:
                raise GiveUp  # less indented than the block, deeper than its key: libyaml explains
            break
        else:
            body.append("")
        end += 1
    if end == size and not doc.complete:
        raise GiveUp  # its last line has no break: clipping differs there
    return body, end
