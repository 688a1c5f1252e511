"""Which characters a record may not hold, exactly as the README lists them."""

from __future__ import annotations

from generator.reading import printable

FORBIDDEN = (
    set(range(0x09))
    | {0x0B, 0x0C}
    | set(range(0x0E, 0x20))
    | set(range(0x7F, 0xA0))
    | {0x2028, 0x2029}
    | set(range(0xFDD0, 0xFDF0))
    | {plane * 0x10000 + last for plane in range(17) for last in (0xFFFE, 0xFFFF)}
)


def test_forbidden_characters_are_exactly_the_listed_ones() -> None:
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # no UTF-8 text holds a surrogate
        found = printable.first_forbidden(f"a: x{chr(code)}\n")
        assert (found is not None) == (code in FORBIDDEN), hex(code)


def test_the_first_forbidden_character_is_placed_and_named_never_shown() -> None:
    text = "a: 😀 ok\nb: x\U0010ffff y\x85\n"
    line, column, message = printable.first_forbidden(text) or (0, 0, "")
    assert (line, column) == (2, 5)
    assert "U+10FFFF" in message and "\U0010ffff" not in message
    assert printable.first_forbidden("a: 😀 Nguyễn\tx\r\n") is None


def test_a_value_made_by_an_escape_is_found_with_its_path() -> None:
    data = {"a": ["ok", {"b": "x\u2028y"}], "c\x1b": 1}
    found = printable.value_problem(data)
    assert found is not None and found[0] in {("a", 1, "b"), ("c\x1b",)}
    assert printable.value_problem({"a": ["😀", {"b": "Nguyễn"}]}) is None
