"""Hints for a mistyped id: the closest existing ones, and a place's code from its name."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date

from generator.domain.model import Place
from generator.vietnamese import fold

# Generic nouns people write before a place's own name ("Xã Thạnh Bình", "ấp Thạnh Hòa").
_GENERIC = re.compile(
    r"^(xã|phường|thị trấn|đặc khu|ấp|khu phố|tổ dân phố|huyện|thị xã|thành phố|tp\.?)\s+",
    re.IGNORECASE,
)
_CUTOFF = 0.6
_MARGIN = 0.05
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def closest(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` existing ids that look like ``word``, most alike first.

    Only those nearly as alike as the best one: a clear match is named alone.
    """
    scored = []
    for choice in sorted(set(choices)):
        matcher = difflib.SequenceMatcher(None, word, choice)
        if matcher.real_quick_ratio() >= _CUTOFF and matcher.quick_ratio() >= _CUTOFF:
            ratio = matcher.ratio()
            if ratio >= _CUTOFF:
                scored.append((-ratio, choice))
    scored.sort()
    if not scored:
        return []
    best = -scored[0][0]
    return [choice for ratio, choice in scored[:n] if -ratio >= best - _MARGIN]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; có phải “a”?`` (or ``“a” hoặc “b”``), or nothing when no id is close."""
    found = closest(word, choices)
    if not found:
        return ""
    return "; có phải " + " hoặc ".join(f"“{c}”" for c in found) + "?"


def day_first(text: str) -> date | None:
    """``05/08/2024`` (or ``5-8-2024``, ``05.08.2024``) read as 5 August 2024, if a real day."""
    match = _DAY_FIRST.match(text)
    if match is None:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _names(place: Place, places: Mapping[str, Place]) -> set[str]:
    """How a person may write the place: its name, without the generic noun, with its parents."""
    own = _normal(place.name)
    bare = _GENERIC.sub("", own)
    chain = [own]
    parts = place.id.split("/")
    for depth in range(len(parts) - 1, 0, -1):
        parent = places.get("/".join(parts[:depth]))
        if parent is not None:
            chain.append(_normal(parent.name))
    forms = {own, bare}
    for end in range(2, len(chain) + 1):
        for first in (own, bare):
            parts_ = [first, *chain[1:end]]
            forms |= {", ".join(parts_), " ".join(parts_)}
    return forms | {fold(f) for f in forms}


def places_named(text: str, places: Mapping[str, Place], day: date | None = None) -> list[Place]:
    """The places whose name (with or without ``Xã``, ``Ấp``…, with its parents) is ``text``.

    Accents may be left out. With ``day``, places in force that day come first and,
    if any is, only they are returned.
    """
    wanted = _normal(text)
    wanted_forms = {wanted, fold(wanted), _GENERIC.sub("", wanted)}
    found = [p for p in places.values() if _names(p, places) & wanted_forms]
    if day is not None:
        in_force = [p for p in found if p.in_force(day)]
        found = in_force or found
    return sorted(found, key=lambda p: p.id)


def place_hint(text: str, places: Mapping[str, Place], day: date | None = None) -> str:
    """``; mã của “Xã Thạnh Bình” là “tan-bien/thanh-binh”`` for a place typed by name."""
    found = places_named(text, places, day)
    if not found:
        return did_you_mean(text, places)
    codes = " hoặc ".join(f"“{p.id}”" for p in found[:4])
    return f"; mã của địa bàn này là {codes}"
