"""Apply the JSON Schemas in ``schema/`` and explain each error in Vietnamese at its value."""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from generator import placeholders
from generator.domain.findings import Finding, Severity, is_private
from generator.reading.layout import Kind
from generator.reading.loader import Document
from generator.vietnamese import CONTENTS, number

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILES = {
    Kind.SETTINGS: "settings.schema.json",
    Kind.POLICY: "policy.schema.json",
    Kind.UNITS: "units.schema.json",
    Kind.LOCALITY: "locality.schema.json",
    Kind.OFFICIAL: "official.schema.json",
    Kind.PLAN: "plan.schema.json",
    Kind.VISIT: "visit.schema.json",
}

_TYPES = {
    "string": "một chuỗi văn bản",
    "integer": "một số nguyên",
    "number": "một số",
    "boolean": "true hoặc false",
    "array": "một danh sách",
    "object": "các cặp “khóa: giá trị”",
    "null": "để trống",
}


def schema_dir() -> Path:
    """The copy installed with the package (the published hook), else the source tree's."""
    packaged = Path(str(resources.files("generator").joinpath("_schema")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schema"


@functools.cache
def load_schema(kind: Kind) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((schema_dir() / SCHEMA_FILES[kind]).read_text("utf-8"))
    return data


@functools.cache
def validator(kind: Kind) -> Draft202012Validator:
    """The explaining validator of one record kind (built once, only when a file fails)."""
    from jsonschema import Draft202012Validator  # noqa: PLC0415 - slow import, needed only for bad files

    schema = load_schema(kind)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@functools.cache
def fast_validator(kind: Kind) -> Any:
    """A compiled Rust validator: answers only valid or not, about 50 times faster.

    Most files are valid; only those it rejects go through :func:`validator`,
    which explains each error. A test checks the two agree on the bad-input corpus.
    """
    import jsonschema_rs  # noqa: PLC0415 - imported when a record is first checked, not before

    return jsonschema_rs.validator_for(load_schema(kind), validate_formats=True)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(trống)"
    text = str(value)
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
# A place written as people say it (capitals, spaces, accents) rather than as its code.
_NAME_LIKE = re.compile(r"[A-ZÀ-ỹĐđ ]")
PLACE_NAME = "là tên, không phải mã địa bàn"


def _date_hint(instance: Any) -> str | None:
    """``05/08/2024`` → ``ghi là 2024-08-05`` (day first, as Vietnamese write dates)."""
    match = _DAY_FIRST.match(instance) if isinstance(instance, str) else None
    if match is None:
        return None
    day, month, year = int(match[1]), int(match[2]), int(match[3])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"ngày viết năm-tháng-ngày: ghi là {year:04d}-{month:02d}-{day:02d}"


def _place_name(path: tuple[str | int, ...], instance: Any) -> bool:
    return (
        len(path) >= 2
        and path[-2] == "places"
        and isinstance(instance, str)
        and bool(_NAME_LIKE.search(instance))
    )


def _quote_hint(instance: Any) -> str:
    """Unquoted content codes (``1.1``) arrive as numbers: say how to write them."""
    if isinstance(instance, float) and f"{instance}" in CONTENTS:
        return f' (mã nội dung phải đặt trong ngoặc kép: "{instance}")'
    return ""


def _field(error: ValidationError) -> str:
    for part in reversed(error.absolute_path):
        if isinstance(part, str):
            return f"“{part}”"
    return "tệp"


def _schema_for(error: ValidationError) -> Mapping[str, Any]:
    schema = error.schema
    return schema if isinstance(schema, Mapping) else {}


def _key_messages(
    error: ValidationError, path: tuple[str | int, ...], schema: Mapping[str, Any], where: str
) -> Iterator[tuple[tuple[str | int, ...], bool, str]]:
    """The messages of an error about keys: one per key missing or not allowed."""
    instance = error.instance
    wanted = error.validator_value if isinstance(error.validator_value, list) else []
    if error.validator == "required":
        missing = [k for k in wanted if isinstance(instance, dict) and k not in instance]
        for key in missing or ["?"]:
            yield path, False, f"Thiếu khóa bắt buộc “{key}” trong {where}"
    elif error.validator == "dependentRequired":
        needs = cast(dict[str, list[str]], {}) if not isinstance(instance, dict) else instance
        for key in [k for k in wanted if k not in needs] or ["?"]:
            yield path, False, f"Thiếu khóa “{key}” (cần đi cùng khóa đã có trong {where})"
    else:
        allowed = sorted(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed] if isinstance(instance, dict) else []
        for key in extra:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = (
                f"; có phải là “{close[0]}”?"
                if close
                else f"; các khóa hợp lệ: {', '.join(allowed)}"
            )
            yield (*path, key), True, f"Khóa “{key}” không được phép ở đây{hint}"


def _messages(error: ValidationError) -> Iterator[tuple[tuple[str | int, ...], bool, str]]:
    """Yield (data path, whether the mark is the key's, message) for one schema error."""
    path = tuple(error.absolute_path)
    instance = error.instance
    schema = _schema_for(error)
    where = _field(error)
    custom = schema.get("errorMessage")
    match error.validator:
        case "required" | "additionalProperties" | "dependentRequired":
            yield from _key_messages(error, path, schema, where)
        case "type":
            expected = error.validator_value
            names = [expected] if isinstance(expected, str) else list(cast(list[str], expected))
            wanted_text = " hoặc ".join(_TYPES.get(n, n) for n in names)
            yield (
                path,
                False,
                f"Giá trị {_show(instance)} của {where} phải là {wanted_text}{_quote_hint(instance)}",
            )
        case "enum":
            options = ", ".join(str(v) for v in cast(list[object], error.validator_value))
            yield (
                path,
                False,
                f"Giá trị {_show(instance)} của {where} không hợp lệ; chọn một trong: {options}{_quote_hint(instance)}",
            )
        case "const":
            yield (
                path,
                False,
                f"Giá trị {_show(instance)} của {where} phải là {_show(error.validator_value)}",
            )
        case "pattern" | "format":
            detail = custom or (
                "ngày không có thật" if error.validator == "format" else "sai định dạng"
            )
            if error.validator == "format" and error.validator_value == "date":
                detail = "ngày không có thật hoặc sai định dạng YYYY-MM-DD"
            if isinstance(instance, str) and not instance.strip():
                detail = "không được để trống"
            if (date_hint := _date_hint(instance)) is not None:
                detail = date_hint
            if _place_name(path, instance):
                yield path, False, f"{_show(instance)} {PLACE_NAME} ({detail})"
                return
            yield path, False, f"Giá trị {_show(instance)} của {where}: {detail}"
        case "minLength":
            yield path, False, f"{where.capitalize()} không được để trống"
        case "maxLength":
            length, limit = number(len(str(instance))), number(cast(int, error.validator_value))
            yield (
                path,
                False,
                f"Giá trị của {where} dài {length} ký tự, quá mức tối đa {limit} ký tự",
            )
        case "minItems":
            yield path, False, f"Danh sách {where} cần ít nhất {error.validator_value} mục"
        case "uniqueItems":
            yield path, False, f"Danh sách {where} có mục bị lặp"
        case "minimum":
            yield (
                path,
                False,
                f"Giá trị {_show(instance)} của {where} phải từ {error.validator_value} trở lên",
            )
        case "maximum":
            yield (
                path,
                False,
                f"Giá trị {_show(instance)} của {where} không được lớn hơn {error.validator_value}",
            )
        case "not" if custom:
            yield path, False, f"{custom}"
        case _:
            yield path, False, f"Giá trị của {where} không hợp lệ ({error.message})"


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """Descend into if/then, anyOf and similar wrappers to the errors that explain them."""
    if error.context:
        for child in error.context:
            yield from _leaves(child)
    else:
        yield error


def _placeholders(document: Document) -> Iterator[Finding]:
    """What a ``new visit`` skeleton left to fill in: one error each until replaced."""
    if document.kind is not Kind.VISIT:
        return
    data = document.data
    found: list[tuple[tuple[str | int, ...], str]] = []
    if data.get("summary") == placeholders.SUMMARY:
        found.append((("summary",), "Câu mẫu chưa được thay: ghi tóm tắt thật của đợt đi"))
    places = data.get("places")
    if isinstance(places, list):
        found.extend(
            (("places", i), "Mã mẫu chưa được thay: chọn mã địa bàn trong danh sách ở cuối tệp")
            for i, place in enumerate(places)
            if place == placeholders.PLACE
        )
    for path, message in found:
        line, column = document.mark(path)
        yield Finding(
            rule="schema",
            severity=Severity.ERROR,
            message=message,
            file=document.file,
            line=line,
            column=column,
        )


def check(document: Document) -> list[Finding]:
    """All schema errors of one document, each located at the value it is about.

    One message per value: a date written 05/08/2019 breaks both its pattern and
    its format, and the official needs to hear it once.
    """
    findings: list[Finding] = list(_placeholders(document))
    seen: set[tuple[int, int]] = {(f.line or 0, f.column or 0) for f in findings}
    if fast_validator(document.kind).is_valid(document.data):
        return findings
    for error in validator(document.kind).iter_errors(document.data):
        for leaf in _leaves(error):
            for path, on_key, message in _messages(leaf):
                line, column = document.mark(path, key=on_key)
                if (line, column) in seen:
                    continue
                seen.add((line, column))
                findings.append(
                    Finding(
                        rule="schema",
                        severity=Severity.ERROR,
                        message=message,
                        file=document.file,
                        line=line,
                        column=column,
                        private=is_private(path),
                    )
                )
    return findings
