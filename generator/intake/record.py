"""From the fields of an issue body to a visit record in the canonical form (SPEC §2)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from generator.domain.compliance import Compliance
from generator.domain.model import Records
from generator.domain.suggest import day_first, did_you_mean, places_named
from generator.intake import body as body_
from generator.intake import fields as f
from generator.intake.form import catalogue

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PLACE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*){0,2}$")
_CODE = re.compile(r"(?:^|,)\s*([0-9]+(?:\.[0-9]+)*)(?=\s*(?:—|-|,|$))")
_OPTION_ID = re.compile(r"\(([^()]*)\)\s*$")
_HTML = re.compile(r"<\s*[A-Za-z/!?]")
_CONTROL = re.compile(
    "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff]"
)
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
MAX_TEXT = 4000


@dataclass(slots=True)
class Draft:
    """What the body says, checked field by field; ``problems`` name each field."""

    values: dict[str, object] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)

    def refuse(self, key: str, message: str) -> None:
        self.problems.append((key, message))


def _date(draft: Draft, key: str, text: str) -> date | None:
    day = day_first(text)
    if day is None:
        try:
            day = (
                date.fromisoformat(text.strip())
                if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text)
                else None
            )
        except ValueError:
            day = None
    if day is None or not 1900 <= day.year < 2200:
        draft.refuse(
            key, f"“{text}” không phải là một ngày có thật; ghi ngày/tháng/năm, ví dụ 05/08/2024"
        )
        return None
    return day


def _official(draft: Draft, text: str, records: Records) -> str | None:
    option = _OPTION_ID.search(text)
    ident = option[1].strip() if option else text.strip()
    if ident in records.officials:
        return ident
    by_name = [o.id for o in records.officials.values() if " ".join(o.name.split()) == text.strip()]
    if len(by_name) == 1:
        return by_name[0]
    hint = did_you_mean(ident, records.officials) if _SLUG.match(ident) else ""
    draft.refuse(
        f.OFFICIAL.id, f"không có cán bộ “{text}” trong danh sách (records/officials/){hint}"
    )
    return None


def _places(draft: Draft, text: str, records: Records, day: date | None) -> list[str]:
    chosen: list[str] = []
    for line in text.splitlines():
        typed = _BULLET.sub("", line).strip()
        if not typed:
            continue
        if typed in records.places:
            place = typed
        elif _PLACE_ID.match(typed):
            draft.refuse(
                f.PLACES.id, f"không có địa bàn mã “{typed}”{did_you_mean(typed, records.places)}"
            )
            continue
        else:
            found = places_named(typed, records.places, day)
            if len(found) != 1:
                if found:
                    codes = ", ".join(f"“{p.id}” ({p.name})" for p in found[:6])
                    message = f"có nhiều địa bàn tên “{typed}”: {codes}; ghi mã của địa bàn đã đến"
                else:
                    message = (
                        f"không tìm thấy địa bàn “{typed}”; ghi tên kèm xã, huyện "
                        "(ví dụ “Ấp Thạnh Hòa, Xã Thạnh Tây”) hoặc mã địa bàn"
                    )
                draft.refuse(f.PLACES.id, message)
                continue
            place = found[0].id
        if place not in chosen:
            chosen.append(place)
    return chosen


def _contents(draft: Draft, text: str, records: Records) -> list[str]:
    known = [code for code, _ in catalogue(records)]
    codes: list[str] = []
    for line in text.splitlines():
        for match in _CODE.finditer(line):
            if match[1] not in codes:
                codes.append(match[1])
    if not codes:
        draft.refuse(
            f.CONTENTS.id,
            f"không đọc được mã nội dung trong “{text}”; chọn trong danh sách của mẫu",
        )
    for code in codes:
        if code not in known:
            draft.refuse(
                f.CONTENTS.id, f"không có nội dung mã “{code}”; các mã: {', '.join(known)}"
            )
    return codes


def _text(draft: Draft, key: str, text: str) -> str:
    if _HTML.search(text):
        draft.refuse(key, "không được chứa thẻ HTML (dấu “<” liền chữ); ghi bằng lời thường")
    if _CONTROL.search(text):
        draft.refuse(key, "có ký tự điều khiển hoặc ký tự ẩn; gõ lại đoạn này")
    if len(text) > MAX_TEXT:
        draft.refuse(key, f"dài quá {MAX_TEXT} ký tự; rút gọn lại")
    return text


def read(values: dict[str, str], records: Records, compliance: Compliance, as_of: date) -> Draft:
    """Check each field of the body and keep the values for the record."""
    draft = Draft()
    for key, text in values.items():
        _text(draft, key, text)
    # A field with markup or hidden characters goes no further; the others are still checked.
    refused = {key for key, _ in draft.problems}
    values = {key: text for key, text in values.items() if key not in refused}
    official = (
        _official(draft, values[f.OFFICIAL.id], records) if values.get(f.OFFICIAL.id) else None
    )
    start = _date(draft, f.FROM.id, values[f.FROM.id]) if values.get(f.FROM.id) else None
    end = _date(draft, f.TO.id, values[f.TO.id]) if values.get(f.TO.id) else None
    reported = (
        _date(draft, f.REPORTED_ON.id, values[f.REPORTED_ON.id])
        if values.get(f.REPORTED_ON.id)
        else as_of
    )
    places = (
        _places(draft, values.get(f.PLACES.id, ""), records, start)
        if values.get(f.PLACES.id)
        else []
    )
    contents = _contents(draft, values[f.CONTENTS.id], records) if values.get(f.CONTENTS.id) else []
    invitation = body_.checked(values.get(f.INVITATION_ONLY.id, ""))
    if invitation is None:
        draft.refuse(
            f.INVITATION_ONLY.id, "không đúng ô đánh dấu của mẫu; để trống hoặc đánh dấu ô duy nhất"
        )
    summary = " ".join(values.get(f.SUMMARY.id, "").split())
    proposals = [
        " ".join(_BULLET.sub("", line).split())
        for line in values.get(f.PROPOSALS.id, "").splitlines()
        if _BULLET.sub("", line).strip()
    ]
    assigned_by = " ".join(values.get(f.ASSIGNED_BY.id, "").split())
    if official is not None and start is not None and compliance.unit_on(official, start) is None:
        draft.refuse(
            f.FROM.id, f"ngày {start:%d/%m/%Y} cán bộ {official} không công tác ở đơn vị nào"
        )
    draft.values = {
        "official": official,
        "from": start,
        "to": end if end != start else None,
        "places": places,
        "contents": contents,
        "assigned_by": assigned_by or None,
        "invitation_only": bool(invitation),
        "summary": summary,
        "proposals": proposals,
        "reported_on": reported,
    }
    return draft


def _scalar(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def render(values: dict[str, object]) -> tuple[str, dict[int, str]]:
    """The record's text in the canonical form, and the field of each line (1-based)."""
    lines: list[tuple[str, str]] = []
    start = values["from"]
    end = values["to"]
    reported = values["reported_on"]
    assert isinstance(start, date) and isinstance(reported, date)
    lines.append(("official", f"official: {values['official']}"))
    lines.append(("from", f"from: {start.isoformat()}"))
    if isinstance(end, date):
        lines.append(("to", f"to: {end.isoformat()}"))
    places = values["places"]
    contents = values["contents"]
    assert isinstance(places, list) and isinstance(contents, list)
    lines.append(("places", f"places: [{', '.join(places)}]"))
    lines.append(("contents", f"contents: [{', '.join(_scalar(c) for c in contents)}]"))
    if values["assigned_by"]:
        lines.append(("assigned_by", f"assigned_by: {_scalar(str(values['assigned_by']))}"))
    if values["invitation_only"]:
        lines.append(("invitation_only", "invitation_only: true"))
    lines.append(("summary", f"summary: {_scalar(str(values['summary']))}"))
    proposals = values["proposals"]
    assert isinstance(proposals, list)
    if proposals:
        lines.append(("proposals", "proposals:"))
        lines.extend(("proposals", f"  - {_scalar(p)}") for p in proposals)
    lines.append(("reported_on", f"reported_on: {reported.isoformat()}"))
    text = "\n".join(line for _, line in lines) + "\n"
    return text, {i + 1: key for i, (key, _) in enumerate(lines)}
