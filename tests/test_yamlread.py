"""The YAML reader: plain values, marks, and the constructs records must not use."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.reading import yamlread
from generator.reading.yamlread import MAX_DEPTH, YamlProblem, decode, parse


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


def test_escaped_text_is_normalised_to_nfc() -> None:
    """Escapes can spell a letter in any sequence of code points; names must compare equal."""
    data = parse('name: "Nguye\\u0302\\u0303n"\n"k\\u0302": x\n').data
    assert data == {"name": "Nguyễn", "k̂": "x"}
    assert all(unicodedata.is_normalized("NFC", text) for text in [*data, *data.values()])


def _nested_lists(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth + "\n"


def _nested_flow_mappings(depth: int) -> str:
    return "a: " + "{b: " * depth + "1" + "}" * depth + "\n"


def _nested_block_mappings(depth: int) -> str:
    return "".join(" " * level + f"k{level}:\n" for level in range(depth)) + " " * depth + "z: 1\n"


def _nested_block_lists(depth: int) -> str:
    return (
        "a:\n" + "".join("  " * level + "-\n" for level in range(1, depth)) + "  " * depth + "- x\n"
    )


_SHAPES = [_nested_lists, _nested_flow_mappings, _nested_block_mappings, _nested_block_lists]


@pytest.mark.parametrize("shape", _SHAPES, ids=lambda s: s.__name__)
@pytest.mark.parametrize(
    "depth", [MAX_DEPTH - 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 500, 999, 1000, 1001, 5000]
)
def test_any_nesting_gives_values_or_a_located_problem(shape: object, depth: int) -> None:
    """Never a RecursionError (which ended a run with exit 3 at about 500 levels)."""
    assert callable(shape)
    text = shape(depth)
    if depth + 1 <= MAX_DEPTH:  # the top mapping is one level more
        assert parse(text).data
        return
    with pytest.raises(YamlProblem) as problem:
        parse(text)
    assert problem.value.line >= 1 and problem.value.column >= 1
    assert "lồng nhau quá sâu" in problem.value.message


@pytest.mark.parametrize("digits", [100, 101, 4300, 4301, 5000, 100_000])
def test_huge_integers_are_text_not_a_crash(digits: int) -> None:
    """Python refuses to convert more than 4,300 digits; no record holds such a number."""
    value = parse(f"year: {'9' * digits}\n").data["year"]
    assert value == (int("9" * digits) if digits <= 100 else "9" * digits)


def _both_readers(text: str) -> tuple[object, object] | None:
    """(composed, exact) readings of ``text``, or None when the composed reader hands it on."""
    try:
        composed = yamlread._parse_composed(text)
    except yamlread._Fallback:
        return None
    exact = yamlread._parse_events(text)
    return (composed.data, composed.marks, composed.key_marks), (
        exact.data,
        exact.marks,
        exact.key_marks,
    )


def test_composed_reader_reads_as_the_exact_reader_or_hands_on() -> None:
    """``parse`` takes libyaml's composed tree when it can: values and marks must be those
    of the event reader, on the demo records (every 25th) and on the bad-input corpus."""
    repo = Path(__file__).resolve().parent.parent
    demo = sorted((repo / "records").rglob("*.yaml"))[::25]
    corpus = sorted((repo / "tests" / "bad_inputs").glob("*.yaml"))
    read = 0
    for path in [*demo, *corpus]:
        try:
            text = yamlread.decode(path.read_bytes())
            pair = _both_readers(text)
        except yamlread.YamlProblem:
            continue  # the exact reader rejects what the composed one handed on
        if pair is not None:
            read += 1
            assert repr(pair[0]) == repr(pair[1]), path
    assert read > len(demo)  # the composed reader did read most files


def test_composed_reader_hands_on_what_it_must_not_judge() -> None:
    for text in ("a: 1\na: 2\n", "- 1\n", "? [a]\n: 1\n", "a: [\n"):
        with pytest.raises(yamlread._Fallback):
            yamlread._parse_composed(text)
