"""The YAML reader: plain values, marks, and the constructs records must not use."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.yamlread import (
    _UNSAFE,
    YamlProblem,
    _fast,
    _GiveUp,
    decode,
    parse,
    parse_values,
)


def test_values_follow_yaml_1_2_core() -> None:
    data = parse(
        "a: no\nb: on\nc: 012\nd: 2019-08-05\ne: true\nf: ~\ng: 1.5\nh: '1.1'\ni: 0x1F\n"
    ).data
    assert data == {
        "a": "no",
        "b": "on",
        "c": 12,
        "d": "2019-08-05",
        "e": True,
        "f": None,
        "g": 1.5,
        "h": "1.1",
        "i": 31,
    }


def test_marks_point_at_keys_and_values() -> None:
    parsed = parse("official: lan\nplaces:\n  - tan-bien\n  - go-dau\n")
    assert parsed.marks[("official",)] == (1, 11)
    assert parsed.key_marks[("places",)] == (2, 1)
    assert parsed.marks[("places", 1)] == (4, 5)


def test_bom_and_crlf_are_accepted() -> None:
    text = decode("\ufeffofficial: lan\r\nfrom: 2019-08-05\r\n".encode())
    parsed = parse(text)
    assert parsed.data == {"official": "lan", "from": "2019-08-05"}
    assert parsed.marks[("from",)] == (2, 7)


def test_decomposed_vietnamese_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "name: Nguyễn Văn Ánh\n")
    assert len(decomposed) > len(unicodedata.normalize("NFC", decomposed))
    assert parse(decomposed).data["name"] == unicodedata.normalize("NFC", "Nguyễn Văn Ánh")


def test_column_counts_characters_after_vietnamese_text() -> None:
    with pytest.raises(YamlProblem) as problem:
        parse("summary: Dự sinh\x07 hoạt\n")
    assert (problem.value.line, problem.value.column) == (1, 17)


def test_non_utf8_points_at_the_line() -> None:
    with pytest.raises(YamlProblem) as problem:
        decode(b"a: 1\nb: D\xf1\n")
    assert (problem.value.line, problem.value.column) == (2, 5)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: 1\na: 2\n", "bị lặp"),
        ("a: &x 1\n", "neo"),
        ("a: 1\nb: *x\n", "bí danh"),
        ("a: 1\n---\nb: 2\n", "nhiều tài liệu"),
        ("", "không có nội dung"),
        ("- a\n", "khóa: giá trị"),
        ("? [a, b]\n: c\n", "khóa phải là"),
        ("a: !!str 1\n", "thẻ YAML"),
    ],
)
def test_rejected_constructs(text: str, words: str) -> None:
    with pytest.raises(YamlProblem) as problem:
        parse(text)
    assert words in problem.value.message


# -- parse_values: the line reader for the common case must read exactly as parse does --

REPO = Path(__file__).resolve().parent.parent


def _same_as_parse(text: str) -> bool:
    """Whether the fast path accepted ``text``; if it did, it must agree with parse."""
    try:
        fast = _fast(text)
    except _GiveUp:
        return False
    # repr tells 1, 1.0 and True apart, and nan from nan.
    assert repr(fast) == repr(parse(text).data), text
    return True


@pytest.mark.parametrize(
    "text",
    [
        "official: lan\nfrom: 2019-08-05\nplaces: [tan-bien/tan-lap, go-dau]\n",
        'contents: ["1.1", "1.3"]\ncodes: [1.1, true, null, 012, x_1]\nempty: [ ]\n',
        "a: no\nb: on\nc: 012\nd: 0x1F\ne: .inf\nf: -.5\ng: ~\nh:\ni: -3\nj: 1e5\n",
        "summary: Dự hội nghị \"sơ kết\" tại ấp 3 # ghi chú\nquoted: 'it''s' # c\n",
        "k: 'a: b'\nl: \"x # y\"\nm: http://example.org/a#b\nn: a#b\n",
        "# đầu tệp\n\nentries:\n  - official: a\n    days: 3\n\n  # giữa\n  - official: b\n",
        "entries:\n- official: a\n  places:\n  - x\n  - y\n- official: b\nafter: 1\n",
        "list:\n  -\n    a: 1\n  -\n  - 2\n  - - 3\n",
        "   indented: 1\n   doc: 2\n",
        "a: 1\r\nb: 2\r\n",
        "key:   spaced   value   \n",
    ],
)
def test_fast_path_reads_records_as_parse_does(text: str) -> None:
    _same_as_parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "summary: |\n  dòng một\n  dòng hai\n",
        "summary: >-\n  gấp\n  dòng\n",
        "summary: dòng một\n  tiếp theo\n",
        'a: "thoát \\" ký tự"\n',
        'a: "nhiều\n  dòng"\n',
        "a: [x,\n  y]\n",
        "a: {b: 1}\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: 1\na: 2\n",
        "a: 1\n---\nb: 2\n",
        "%YAML 1.2\n---\na: 1\n",
        "a:\tb\n",
        "a: b\u2028c: d\n",
        "a: b\x85c\n",
        "a: x\ufeffy\n",
        unicodedata.normalize("NFD", "tên: Ánh\n"),
        "Đề nghị: hỗ trợ\n",
        '"quoted key": 1\n',
        "? a\n: 1\n",
        "a: b: c\n",
        "a: b:\n",
        "a:b\n",
        "- a\n",
        "scalar\n",
        "# only a comment\n",
        "a: [x, y,]\n",
        "a: [x y]\n",
        'a: ["x, y"]\n',
        "a: -\n",
        "a: - b\n",
        "a:\n  b: 1\n c: 2\n",
        "a:\n  - x\n  b: 1\n",
        "a: 1\n  b: 2\n",
    ],
)
def test_fast_path_gives_up_outside_its_corner(text: str) -> None:
    assert not _same_as_parse(text)


_KEYS = ["a", "official", "x_1", "true", "null", "Đề", "a b", '"k"', "'k'", "? k", "<<", "-a"]
_VALUES = [
    "", "lan", "Dự hội nghị", "1", "-1", "012", "0x1F", "1.1", "-.5", "1e5", ".inf", ".nan",
    "~", "null", "True", "no", "2019-08-05", "2019-8-5", '"1.1"', '""', "'it''s'", "''",
    '"a \\" b"', "'", '"', "[a, \"1.1\"]", "[]", "[ ]", "[a,b]", "[1.1, true]", "[a, b,]",
    "[x y]", "[a", "a #c", "a#c", "a: b", "x:", "- y", "-", "|", ">-", "&a x", "*a",
    "!t x", "{a: 1}", "#c", "a\u00a0b", "a\tb", "%x", "@x", "`x", "?", ":x", "http://x",
    "'a' # c", '"a"#c', "'a' b", "-x", "- - x",
]  # fmt: skip


_SANE_KEYS = ["a", "b", "official", "places", "x_1", "days"]
_SANE_VALUES = ["lan", "Dự hội nghị ở ấp 3", "12", "2019-08-05", '"1.1"', "[a, b/c]", "'x'"]


@st.composite
def _documents(draw: st.DrawFn) -> str:
    """Nested mappings and sequences in random layouts, with tricky keys and scalars mixed in."""
    step = draw(st.sampled_from([1, 2, 3, 4]))
    compact = draw(st.booleans())
    lines: list[str] = []

    def key() -> str:
        return draw(st.sampled_from(_SANE_KEYS if draw(st.integers(0, 9)) else _KEYS))

    def scalar() -> str:
        return draw(st.sampled_from(_SANE_VALUES if draw(st.integers(0, 3)) else _VALUES))

    def extra(indent: int) -> None:
        what = draw(st.integers(0, 9))
        if what == 0:
            lines.append(" " * draw(st.integers(0, indent + 2)) + "# ghi chú")
        elif what == 1:
            lines.append(" " * draw(st.integers(0, 3)))

    def mapping(indent: int, depth: int, first: str = "") -> None:
        for n in range(draw(st.integers(1, 4))):
            prefix = first if n == 0 and first else " " * indent
            kind = draw(st.integers(0, 5)) if depth < 3 else 0
            if kind <= 3:
                lines.append(f"{prefix}{key()}: {scalar()}" + draw(st.sampled_from(["", " # c"])))
            elif kind == 4:
                lines.append(f"{prefix}{key()}:")
                mapping(indent + step, depth + 1)
            else:
                lines.append(f"{prefix}{key()}:")
                sequence(indent if compact else indent + step, depth + 1)
            extra(indent)

    def sequence(indent: int, depth: int) -> None:
        for _ in range(draw(st.integers(1, 3))):
            if depth < 3 and draw(st.integers(0, 2)) == 0:
                mapping(indent + 2, depth + 1, first=" " * indent + "- ")
            else:
                lines.append(" " * indent + "- " + scalar())
            extra(indent)

    mapping(draw(st.sampled_from([0, 0, 0, 2])), 0)
    ending = draw(st.sampled_from(["\n", "\n", "\r\n", ""]))
    return ending.join(lines) + ending


@given(_documents())
@settings(max_examples=3000, deadline=None)
def test_fast_path_agrees_with_parse_on_generated_texts(text: str) -> None:
    with contextlib.suppress(YamlProblem):
        parse(text)  # a text parse rejects must not be accepted by the fast path
        _same_as_parse(text)
        return
    assert not _same_as_parse(text), text


def test_fast_path_reads_every_demo_record() -> None:
    demo = sorted((REPO / "records").rglob("*.yaml"))
    assert demo
    for path in demo:
        assert _same_as_parse(decode(path.read_bytes())), path


def test_fast_path_agrees_on_the_bad_inputs_corpus() -> None:
    for path in sorted((REPO / "tests" / "bad_inputs").glob("*.yaml")):
        try:
            text = decode(path.read_bytes())
        except YamlProblem:
            continue  # not UTF-8: neither reader sees it
        try:
            parse(text)
        except YamlProblem:
            assert not _same_as_parse(text), path
        else:
            _same_as_parse(text)


def test_deep_nesting_is_a_yaml_problem_not_a_crash() -> None:
    text = "".join(" " * depth + f"k{depth}:\n" for depth in range(2000))
    with pytest.raises(YamlProblem):
        parse_values(text)


def test_unsafe_characters_are_exactly_those_outside_the_safe_set() -> None:
    """``_UNSAFE`` lists what the safe set (libyaml's printable set minus tab, CR, NEL,
    LS, PS and the byte-order mark) leaves out."""
    safe = re.compile(
        "[\n -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    )
    for code in range(0x110000):
        char = chr(code)
        assert (_UNSAFE.match(char) is None) == (safe.match(char) is not None), hex(code)
