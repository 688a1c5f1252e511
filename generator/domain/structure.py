"""The organisation in force over a period: which units and places existed (SPEC v2).

Units and places may exist for a period only (``from``/``to``); pages, documents,
workbooks and ``new visit`` show a period's structure through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from generator.domain.model import Place, Records, Unit
from generator.domain.periods import Span


def unit_exists_in(unit: Unit, span: Span) -> bool:
    """Whether the unit exists on at least one day of ``span``."""
    return (unit.start is None or unit.start <= span.last) and (
        unit.end is None or span.first <= unit.end
    )


def place_in_force_in(place: Place, span: Span) -> bool:
    """Whether the place is in force on at least one day of ``span``."""
    return place.first <= span.last and span.first <= place.last


def places_in(records: Records, span: Span) -> list[Place]:
    return [p for p in records.places.values() if place_in_force_in(p, span)]


def top_places_in(records: Records, span: Span) -> list[Place]:
    """Districts and communes under the province in force on a day of ``span``."""
    return [p for p in places_in(records, span) if "/" not in p.id]


def places_on(records: Records, day: date) -> list[Place]:
    return [p for p in records.places.values() if p.in_force(day)]


def staffed_units(records: Records) -> set[str]:
    """Units that ever had an official (the others produce no report)."""
    return {a.unit for o in records.officials.values() for a in o.assignments}


def units_in(records: Records, span: Span) -> list[Unit]:
    """Units that existed on a day of ``span`` and ever had an official."""
    staffed = staffed_units(records)
    return [u for u in records.units.values() if u.id in staffed and unit_exists_in(u, span)]


def successors(records: Records, place: Place) -> list[Place]:
    """Where an ended place's area went.

    Its own successors, else those of the nearest place above it that names some,
    else those its communes and hamlets name (a district whose communes each went
    somewhere).
    """
    ident = place.id
    while True:
        found = records.places.get(ident)
        if found is not None and found.successors:
            return [records.places[s] for s in found.successors if s in records.places]
        if "/" not in ident:
            break
        ident = ident.rsplit("/", 1)[0]
    below = place.id + "/"
    named = dict.fromkeys(
        s
        for p in sorted(records.places.values(), key=lambda p: p.id)
        if p.id.startswith(below)
        for s in p.successors
        if s in records.places
    )
    return [records.places[s] for s in named]


def ended_in(records: Records, span: Span, places: Iterable[Place] | None = None) -> list[Place]:
    """Places whose last day in force falls in ``span``, that name where their area went."""
    pool = records.places.values() if places is None else places
    return [p for p in pool if p.ends and p.last in span and p.first <= p.last and p.successors]
