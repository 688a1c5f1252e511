"""Read an issue body as GitHub renders an issue form: ``### <label>`` then the value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.intake.fields import BY_LABEL, FIELDS, INVITATION_OPTION

NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*#*[ \t]*$")
_CHECKBOX = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+(.*)$")


@dataclass(slots=True)
class Body:
    """The text of each field found, by field id ("" when left empty)."""

    values: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field id, message)


def parse(text: str) -> Body:
    """Split ``text`` at its ``### `` headings; unknown headings are ignored."""
    body = Body()
    current: str | None = None
    lines: dict[str, list[str]] = {}
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = _HEADING.match(raw)
        if heading:
            known = BY_LABEL.get(heading[1].strip())
            current = known.id if known else None
            if current is not None:
                if current in lines:
                    body.problems.append((current, "mục này xuất hiện hai lần trong nội dung"))
                lines[current] = []
            continue
        if current is not None:
            lines[current].append(raw)
    for key, value in lines.items():
        text_value = "\n".join(value).strip()
        body.values[key] = "" if text_value == NO_RESPONSE else text_value
    for f in FIELDS:
        if f.required and not body.values.get(f.id):
            body.problems.append((f.id, "chưa điền (bắt buộc)"))
    return body


def checked(value: str) -> bool | None:
    """The invitation checkbox: True, False, or None when the value is not the form's list."""
    if not value:
        return False
    marks = [_CHECKBOX.match(line) for line in value.splitlines() if line.strip()]
    if not marks or any(m is None for m in marks):
        return None
    ticked = [m for m in marks if m is not None and m[1] in "xX"]
    if any(m[2].strip() != INVITATION_OPTION for m in ticked):
        return None
    return bool(ticked)
