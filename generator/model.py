"""Frozen, typed records built from documents that passed their schema.

Records compare and hash by identity (``eq=False``): each stands for one place in
one file, and the rules' memo tables key on them without hashing their fields.
"""

from __future__ import annotations

import calendar
from collections.abc import Set
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.layout import Kind
from generator.loader import DataPath, Document
from generator.periods import Span


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record (or a part of one) was written: a document and a path inside it."""

    doc: Document
    path: DataPath = ()

    @property
    def file(self) -> str:
        return self.doc.file

    def at(self, *sub: str | int, key: bool = False) -> tuple[int, int]:
        return self.doc.mark((*self.path, *sub), key=key)


def _date(value: Any) -> date:
    return date.fromisoformat(value)


def _opt_date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


@dataclass(frozen=True, slots=True)
class Settings:
    parent: str | None
    organisation: str | None
    place: str | None
    on_behalf: str | None
    title: str | None
    signatory: str | None


@dataclass(frozen=True, slots=True, eq=False)
class Policy:
    id: str
    title: str
    effective_from: date
    effective_to: date | None
    min_days_per_year: int
    report_within_days: int
    report_deadline_levels: frozenset[str]
    plan_deadline_day: int
    plan_deadline_levels: frozenset[str]
    self_chosen_contents: frozenset[str]
    assigned_contents: frozenset[str]
    invitation_counts_for: frozenset[str]
    branch_meeting_content: str
    exempt_duties: frozenset[str]
    long_absence_months: int
    report_deadlines: tuple[tuple[str, str], ...]
    source: Source = field(compare=False, repr=False)

    def annual_deadlines(self, year: int) -> list[tuple[date, str]]:
        """The annual report due dates in ``year``, by date ("02-30" means the month's last day)."""
        dues = []
        for key, month_day in self.report_deadlines:
            month, day = int(month_day[:2]), int(month_day[3:])
            dues.append((date(year, month, min(day, calendar.monthrange(year, month)[1])), key))
        return sorted(dues)

    def governs(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def span(self, horizon: date) -> Span:
        """The days it governs; an open-ended policy runs to ``horizon``."""
        return Span(self.effective_from, self.effective_to or horizon)


@dataclass(frozen=True, slots=True, eq=False)
class Unit:
    id: str
    name: str
    level: str
    area: str | None
    source: Source = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False)
class Place:
    id: str  # full id: district[/commune[/hamlet]]
    name: str
    source: Source = field(compare=False, repr=False)

    @property
    def depth(self) -> int:
        return self.id.count("/") + 1

    @property
    def district(self) -> str:
        return self.id.split("/", 1)[0]


@dataclass(frozen=True, slots=True, eq=False)
class Assignment:
    unit: str
    role: str
    duty: str
    start: date
    end: date | None
    source: Source = field(compare=False, repr=False)

    def span(self, horizon: date) -> Span:
        return Span(self.start, self.end or horizon)


@dataclass(frozen=True, slots=True, eq=False)
class Exemption:
    kind: str
    start: date
    end: date
    note: str | None
    source: Source = field(compare=False, repr=False)
    span: Span = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", Span(self.start, self.end))


@dataclass(frozen=True, slots=True, eq=False)
class Official:
    id: str
    name: str
    assignments: tuple[Assignment, ...]
    exemptions: tuple[Exemption, ...]
    source: Source = field(compare=False, repr=False)

    def assignment_on(self, day: date) -> Assignment | None:
        for assignment in self.assignments:
            if assignment.start <= day and (assignment.end is None or day <= assignment.end):
                return assignment
        return None


@dataclass(frozen=True, slots=True, eq=False)
class PlanEntry:
    official: str
    contents: tuple[str, ...]
    places: tuple[str, ...]
    days: int
    source: Source = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False)
class Plan:
    unit: str
    year: int
    quarter: int
    registered_on: date
    approved_on: date | None
    number: str | None
    entries: tuple[PlanEntry, ...]
    source: Source = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True, eq=False)
class Visit:
    official: str
    start: date
    end: date
    places: tuple[str, ...]
    contents: tuple[str, ...]
    assigned_by: str | None
    invitation_only: bool
    summary: str
    proposals: tuple[str, ...]
    reported_on: date
    source: Source = field(compare=False, repr=False)
    span: Span = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", Span(self.start, self.end))


@dataclass(slots=True)
class Records:
    """Every valid record, plus the ids of records whose files exist but are invalid."""

    settings: Settings | None = None
    policies: list[Policy] = field(default_factory=list)
    units: dict[str, Unit] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    officials: dict[str, Official] = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    # Ids that exist in an invalid file: references to them are not reported again.
    invalid_ids: dict[Kind, set[str]] = field(default_factory=dict)
    # (unit, year, quarter) of every plan file, valid or not.
    plan_files: set[tuple[str, int, int]] = field(default_factory=set)

    def unknown(self, kind: Kind, ident: str) -> bool:
        """Whether ``ident`` names no record of ``kind`` (ids of invalid files count as known)."""
        if kind is Kind.UNITS:
            return ident not in self.units and not (
                {ident, "*"} & self.invalid_ids.get(kind, set())
            )
        if kind is Kind.OFFICIAL:
            return ident not in self.officials and ident not in self.invalid_ids.get(kind, set())
        return ident not in self.places and ident.split("/", 1)[0] not in self.invalid_ids.get(
            kind, set()
        )


def settings(doc: Document) -> Settings:
    data = doc.data
    signatory = data.get("signatory") or {}
    return Settings(
        data.get("parent"),
        data.get("organisation"),
        data.get("place"),
        signatory.get("on_behalf"),
        signatory.get("title"),
        signatory.get("name"),
    )


def policy(doc: Document) -> Policy:
    d = doc.data
    return Policy(
        id=d["id"],
        title=d["title"],
        effective_from=_date(d["effective_from"]),
        effective_to=_opt_date(d.get("effective_to")),
        min_days_per_year=d["min_days_per_year"],
        report_within_days=d["report_within_days"],
        report_deadline_levels=frozenset(d["report_deadline_levels"]),
        plan_deadline_day=d["plan_deadline_day"],
        plan_deadline_levels=frozenset(d["plan_deadline_levels"]),
        self_chosen_contents=frozenset(d["self_chosen_contents"]),
        assigned_contents=frozenset(d["assigned_contents"]),
        invitation_counts_for=frozenset(d["invitation_counts_for"]),
        branch_meeting_content=d["branch_meeting_content"],
        exempt_duties=frozenset(d["exempt_duties"]),
        long_absence_months=d["long_absence_months"],
        report_deadlines=tuple(sorted((d.get("report_deadlines") or {}).items())),
        source=Source(doc),
    )


def units(doc: Document) -> list[Unit]:
    return [
        Unit(u["id"], u["name"], u["level"], u.get("area"), Source(doc, ("units", i)))
        for i, u in enumerate(doc.data["units"])
    ]


def places(doc: Document) -> list[Place]:
    d = doc.data
    found = [Place(d["id"], d["name"], Source(doc))]
    for i, commune in enumerate(d["communes"]):
        commune_id = f"{d['id']}/{commune['id']}"
        found.append(Place(commune_id, commune["name"], Source(doc, ("communes", i))))
        for j, hamlet in enumerate(commune.get("hamlets") or []):
            found.append(
                Place(
                    f"{commune_id}/{hamlet['id']}",
                    hamlet["name"],
                    Source(doc, ("communes", i, "hamlets", j)),
                )
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


def plan(doc: Document, officials: Set[str] | None = None) -> Plan:
    """The plan of ``doc``; with ``officials``, only their entries (a re-check of their visits)."""
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
            if officials is None or e["official"] in officials
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
