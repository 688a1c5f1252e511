"""Names as documents write them in running text (Decree 30/2020/NĐ-CP, Appendix II).

The generic noun of a place is lower case in running text ("xã Long Thuận,
huyện Bến Cầu"), unless the proper name is a number ("Phường 3", "Khu phố 1").
A place is named in full, from the lowest level up ("ấp An Lộc, xã An Thạnh,
huyện Bến Cầu"), since several hamlets share a name. A signatory's name never
breaks across lines (its spaces are non-breaking).
"""

from __future__ import annotations

import re

from generator.domain.model import Records

# Longest first: "thành phố" before "thành", "thị xã"/"thị trấn" before "thị".
GENERIC = (
    "tổ dân phố",
    "thành phố",
    "thị trấn",
    "khu phố",
    "đặc khu",
    "thị xã",
    "phường",
    "huyện",
    "quận",
    "xã",
    "ấp",
)
NBSP = "\u00a0"
# A proper name that is a number keeps the capital: "Phường 3", "Phường IV".
_NUMBERED = re.compile(r"([0-9]+|[IVXLC]+)(\b|$)")


def running(name: str) -> str:
    """``name`` with its generic noun in lower case ("Huyện Tân Biên" → "huyện Tân Biên")."""
    lower = name.lower()
    for noun in GENERIC:
        rest = name[len(noun) :]
        if lower.startswith(noun + " ") and not _NUMBERED.match(rest.strip()):
            return noun + rest
    return name


def place(records: Records, place_id: str) -> str:
    """A place's full name in running text, from the place itself up to its top level."""
    parts = place_id.split("/")
    names = []
    for depth in range(len(parts), 0, -1):
        found = records.places.get("/".join(parts[:depth]))
        names.append(running(found.name) if found else parts[depth - 1])
    return ", ".join(names)


def places(records: Records, place_ids: tuple[str, ...] | list[str]) -> str:
    return "; ".join(place(records, p) for p in place_ids)


def person(records: Records, official_id: str) -> str:
    """An official's name (the id when the record is missing)."""
    official = records.officials.get(official_id)
    return official.name if official else official_id


def unbroken(text: str) -> str:
    """``text`` that never breaks across lines: a signatory's name under the signature."""
    return text.replace(" ", NBSP)


def unit(records: Records, unit_id: str) -> str:
    found = records.units.get(unit_id)
    return found.name if found else unit_id
