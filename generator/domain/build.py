"""Typed records (:mod:`generator.domain.model`) from documents that passed their schema."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from generator.domain.model import (
    LEVELS,
    SEED_CONTENTS,
    SEED_LISTS,
    SEED_PLACE_KINDS,
    Assignment,
    Content,
    Exemption,
    Official,
    Place,
    Plan,
    PlanEntry,
    Policy,
    Records,
    Source,
    Unit,
    Visit,
)
from generator.domain.periods import Span
from generator.domain.settings import Settings, settings_from
from generator.reading.layout import Kind
from generator.reading.loader import Document


def _date(value: Any) -> date:
    return date.fromisoformat(value)


def _opt_date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def settings(doc: Document) -> Settings:
    return settings_from(doc.data)


def _catalogue(d: dict[str, Any]) -> tuple[Content, ...]:
    """The policy's content catalogue: written out, or the seed's codes with the three lists."""
    if "contents" in d:
        return tuple(
            Content(c["code"], c["name"], c["chosen"], bool(c.get("counts_by_invitation", False)))
            for c in d["contents"]
        )
    lists = {key: d.get(key, default) for key, default in SEED_LISTS.items()}
    return tuple(
        Content(
            code,
            name,
            "self"
            if code in lists["self_chosen_contents"]
            else "assigned"
            if code in lists["assigned_contents"]
            else None,
            code in lists["invitation_counts_for"],
        )
        for code, name in SEED_CONTENTS
    )


def _exemption_kinds(d: dict[str, Any]) -> tuple[tuple[str, int], ...]:
    if "exemption_kinds" in d:
        return tuple(sorted(d["exemption_kinds"].items()))
    months = d["long_absence_months"]
    return (("maternity_leave", 0), ("secondment", months), ("training", months))


def policy(doc: Document) -> Policy:
    d = doc.data
    cutoff = (d.get("report_deadlines") or {}).get("annual_cutoff")
    place_kinds = d.get("required_place_kinds")
    return Policy(
        id=d["id"],
        title=d["title"],
        effective_from=_date(d["effective_from"]),
        effective_to=_opt_date(d.get("effective_to")),
        min_days_per_year=d["min_days_per_year"],
        report_within_days=d.get("report_within_days"),
        report_deadline_levels=frozenset(d.get("report_deadline_levels") or ()),
        plan_deadline_day=d.get("plan_deadline_day"),
        plan_deadline_levels=frozenset(d.get("plan_deadline_levels") or ()),
        contents=_catalogue(d),
        branch_meeting_content=d.get("branch_meeting_content"),
        exempt_duties=frozenset(d.get("exempt_duties") or ()),
        long_absence_months=d.get("long_absence_months"),
        report_deadlines=tuple(
            sorted(
                (key, value)
                for key, value in (d.get("report_deadlines") or {}).items()
                if key != "annual_cutoff"
            )
        ),
        source=Source(doc),
        covered_levels=frozenset(d.get("covered_levels", LEVELS)),
        min_days_by_level=tuple(sorted((d.get("min_days_by_level") or {}).items())),
        quota_basis=d.get("quota_basis", "calendar_year"),
        required_place_kinds=SEED_PLACE_KINDS
        if place_kinds is None
        else tuple(
            (level, tuple(frozenset(group) for group in groups))
            for level, groups in sorted(place_kinds.items())
        ),
        exemption_kinds=_exemption_kinds(d),
        plan_levels=frozenset(d.get("plan_levels", LEVELS)),
        annual_cutoff=cutoff,
        catalogue_written="contents" in d,
    )


def units(doc: Document) -> list[Unit]:
    return [
        Unit(
            u["id"],
            u["name"],
            u["level"],
            u.get("area"),
            Source(doc, ("units", i)),
            _opt_date(u.get("from")),
            _opt_date(u.get("to")),
        )
        for i, u in enumerate(doc.data["units"])
    ]


def _place(
    ident: str, data: dict[str, Any], kind: str, source: Source, above: Span | None
) -> tuple[Place, Span]:
    start, end = _opt_date(data.get("from")), _opt_date(data.get("to"))
    force = Span(start or date.min, end or date.max)
    if above is not None:
        force = force.intersect(above)
    place = Place(
        ident,
        data["name"],
        source,
        kind,
        start,
        end,
        tuple(data.get("successors") or ()),
        force.first,
        force.last,
    )
    return place, force


def places(doc: Document) -> list[Place]:
    """Every place of one locality file, with its kind and the days it is in force."""
    d = doc.data
    top_kind = d.get("kind", "district")
    top, force = _place(d["id"], d, top_kind, Source(doc), None)
    found = [top]
    if top_kind == "commune":
        children: list[tuple[str, dict[str, Any], str, list[dict[str, Any]]]] = [
            ("hamlets", h, "hamlet", []) for h in d.get("hamlets") or []
        ]
    else:
        children = [
            ("communes", c, "commune", c.get("hamlets") or []) for c in d.get("communes") or []
        ]
    for i, (key, child, kind, grandchildren) in enumerate(children):
        child_id = f"{d['id']}/{child['id']}"
        place, child_force = _place(child_id, child, kind, Source(doc, (key, i)), force)
        found.append(place)
        for j, hamlet in enumerate(grandchildren):
            found.append(
                _place(
                    f"{child_id}/{hamlet['id']}",
                    hamlet,
                    "hamlet",
                    Source(doc, (key, i, "hamlets", j)),
                    child_force,
                )[0]
            )
    return found


def official(doc: Document) -> Official:
    d = doc.data
    return Official(
        id=d["id"],
        name=d["name"],
        assignments=tuple(
            Assignment(
                a["unit"],
                a["role"],
                a.get("duty", "general"),
                _date(a["from"]),
                _opt_date(a.get("to")),
                Source(doc, ("assignments", i)),
            )
            for i, a in enumerate(d["assignments"])
        ),
        exemptions=tuple(
            Exemption(
                e["kind"],
                _date(e["from"]),
                _date(e["to"]),
                e.get("note"),
                Source(doc, ("exemptions", i)),
            )
            for i, e in enumerate(d.get("exemptions") or [])
        ),
        source=Source(doc),
    )


def plan(doc: Document) -> Plan:
    d = doc.data
    return Plan(
        unit=d["unit"],
        year=d["year"],
        quarter=d["quarter"],
        registered_on=_date(d["registered_on"]),
        approved_on=_opt_date(d.get("approved_on")),
        number=d.get("number"),
        entries=tuple(
            PlanEntry(
                e["official"],
                tuple(e["contents"]),
                tuple(e["places"]),
                e["days"],
                Source(doc, ("entries", i)),
            )
            for i, e in enumerate(d["entries"])
        ),
        source=Source(doc),
    )


def visit(doc: Document) -> Visit:
    d = doc.data
    start = _date(d["from"])
    return Visit(
        official=d["official"],
        start=start,
        end=_opt_date(d.get("to")) or start,
        places=tuple(d["places"]),
        contents=tuple(d["contents"]),
        assigned_by=d.get("assigned_by"),
        invitation_only=bool(d.get("invitation_only", False)),
        summary=d["summary"],
        proposals=tuple(d.get("proposals") or ()),
        reported_on=_date(d["reported_on"]),
        source=Source(doc),
    )


_ID_IS_STEM = frozenset({Kind.OFFICIAL, Kind.LOCALITY})


def _invalid_id(location_kind: Kind, stem: str | None) -> tuple[Kind, str] | None:
    """What an invalid file makes known: its id (the file stem), or every unit."""
    if location_kind is Kind.UNITS:
        return Kind.UNITS, "*"
    if location_kind in {Kind.OFFICIAL, Kind.LOCALITY, Kind.POLICY} and stem:
        return location_kind, stem
    return None


def _known_invalid(
    valid: Iterable[Document], invalid: Iterable[tuple[Kind, str | None]]
) -> dict[Kind, set[str]]:
    """Ids that exist in a broken file (or under a mismatched file name).

    Their own error is reported once; references to them are not reported again.
    """
    known: dict[Kind, set[str]] = defaultdict(set)
    for kind, stem in invalid:
        found = _invalid_id(kind, stem)
        if found:
            known[found[0]].add(found[1])
    for doc in valid:
        stem = doc.location.stem
        if stem and doc.kind in _ID_IS_STEM and doc.data["id"] != stem:
            known[doc.kind].add(stem)
    return dict(known)


def records_from(
    valid: list[Document],
    invalid: Iterable[tuple[Kind, str | None]],
    plan_files: set[tuple[str, int, int]],
) -> Records:
    """Typed records from schema-valid documents; ids of invalid files are remembered,
    and (unit, year, quarter) of every plan file, valid or not."""
    records = Records(invalid_ids=_known_invalid(valid, invalid), plan_files=plan_files)
    for doc in valid:
        match doc.kind:
            case Kind.SETTINGS:
                records.settings = settings(doc)
            case Kind.POLICY:
                records.policies.append(policy(doc))
            case Kind.UNITS:
                for unit in units(doc):
                    records.units.setdefault(unit.id, unit)
            case Kind.LOCALITY:
                for place in places(doc):
                    records.places.setdefault(place.id, place)
            case Kind.OFFICIAL:
                person = official(doc)
                records.officials.setdefault(person.id, person)
            case Kind.PLAN:
                records.plans.append(plan(doc))
            case Kind.VISIT:
                records.visits.append(visit(doc))
    return records
