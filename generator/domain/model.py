"""Frozen, typed records built from documents that passed their schema.

Records compare and hash by identity (``eq=False``): each stands for one place in
one file, and the rules' memo tables key on them without hashing their fields.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from generator.domain.periods import Span
from generator.domain.settings import Settings
from generator.reading.layout import Kind
from generator.reading.loader import DataPath, Document


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


LEVELS = ("province", "district", "commune")

# The seed's catalogue (SPEC §1), used by a policy without `contents`.
SEED_CONTENTS = (
    ("1.1", "Phối hợp tổ chức, triển khai hoạt động tại cơ sở"),
    ("1.2", "Kiểm tra, giám sát"),
    ("1.3", "Theo chuyên đề: điều tra, khảo sát, nắm tình hình"),
    ("1.4", "Tham gia các đợt củng cố cơ sở"),
    ("1.5", "Dự sinh hoạt chuyên đề, hội nghị BCH, BTV đoàn cấp dưới (theo thư mời)"),
    ("1.6", "Dự sinh hoạt chi đoàn ấp, khu phố"),
)
SEED_LISTS = {
    "self_chosen_contents": ("1.1", "1.3", "1.6"),
    "assigned_contents": ("1.2", "1.4", "1.5"),
    "invitation_counts_for": ("1.5",),
}
# Version 1: province officials need a district place and a commune or hamlet place.
SEED_PLACE_KINDS: tuple[tuple[str, tuple[frozenset[str], ...]], ...] = (
    ("province", (frozenset({"district"}), frozenset({"commune", "hamlet"}))),
)


@dataclass(frozen=True, slots=True)
class Content:
    """One entry of a policy's content catalogue."""

    code: str
    name: str
    chosen: str | None  # "self" | "assigned" | None (a seed code in neither list)
    counts_by_invitation: bool


@dataclass(frozen=True, slots=True, eq=False)
class Policy:
    id: str
    title: str
    effective_from: date
    effective_to: date | None
    min_days_per_year: int
    report_within_days: int | None
    report_deadline_levels: frozenset[str]
    plan_deadline_day: int | None
    plan_deadline_levels: frozenset[str]
    contents: tuple[Content, ...]
    branch_meeting_content: str | None
    exempt_duties: frozenset[str]
    long_absence_months: int | None
    report_deadlines: tuple[tuple[str, str], ...]
    source: Source = field(compare=False, repr=False)
    covered_levels: frozenset[str] = frozenset(LEVELS)
    min_days_by_level: tuple[tuple[str, int], ...] = ()
    quota_basis: str = "calendar_year"
    required_place_kinds: tuple[tuple[str, tuple[frozenset[str], ...]], ...] = SEED_PLACE_KINDS
    exemption_kinds: tuple[tuple[str, int], ...] = ()
    plan_levels: frozenset[str] = frozenset(LEVELS)
    annual_cutoff: str | None = None
    catalogue_written: bool = False  # `contents` written out (else the seed's codes)
    self_chosen_contents: frozenset[str] = field(init=False, repr=False)
    assigned_contents: frozenset[str] = field(init=False, repr=False)
    invitation_counts_for: frozenset[str] = field(init=False, repr=False)
    codes: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(
            self,
            "self_chosen_contents",
            frozenset(c.code for c in self.contents if c.chosen == "self"),
        )
        put(
            self,
            "assigned_contents",
            frozenset(c.code for c in self.contents if c.chosen == "assigned"),
        )
        put(
            self,
            "invitation_counts_for",
            frozenset(c.code for c in self.contents if c.counts_by_invitation),
        )
        put(self, "codes", frozenset(c.code for c in self.contents))

    def quota(self, level: str | None) -> int:
        """The yearly quota of a level: ``min_days_by_level[level]``, else ``min_days_per_year``."""
        return dict(self.min_days_by_level).get(level or "", self.min_days_per_year)

    def exemption_minimum(self, kind: str) -> int | None:
        """The minimum months of an exemption kind (None: the kind does not exist here)."""
        return dict(self.exemption_kinds).get(kind)

    def place_kinds(self, level: str | None) -> tuple[frozenset[str], ...]:
        """The groups of place kinds a finished year at ``level`` needs."""
        return dict(self.required_place_kinds).get(level or "", ())

    def content_name(self, code: str) -> str | None:
        return next((c.name for c in self.contents if c.code == code), None)

    def annual_span(self, year: int) -> Span:
        """The period of the annual report of ``year``: 1 January to the cutoff (or 31 December)."""
        if self.annual_cutoff is None:
            return Span(date(year, 1, 1), date(year, 12, 31))
        month, day = int(self.annual_cutoff[:2]), int(self.annual_cutoff[3:])
        return Span(
            date(year, 1, 1), date(year, month, min(day, calendar.monthrange(year, month)[1]))
        )

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
    start: date | None = None
    end: date | None = None

    def exists(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def span(self) -> Span:
        """The days it exists (from ``date.min``, to ``date.max`` when open)."""
        return Span(self.start or date.min, self.end or date.max)


@dataclass(frozen=True, slots=True, eq=False)
class Place:
    id: str  # full id: top[/commune][/hamlet]
    name: str
    source: Source = field(compare=False, repr=False)
    kind: str = ""  # district | commune | hamlet (empty: by depth, as in version 1)
    start: date | None = None  # own `from`
    end: date | None = None  # own `to`
    successors: tuple[str, ...] = ()
    # The days it is in force: its own from/to within those of every place above it.
    first: date = date.min
    last: date = date.max

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", _DEPTH_KINDS[min(self.depth, 3) - 1])

    @property
    def depth(self) -> int:
        return self.id.count("/") + 1

    @property
    def district(self) -> str:
        """The id of its top-level place (a district, or a commune under the province)."""
        return self.id.split("/", 1)[0]

    @property
    def top(self) -> str:
        return self.id.split("/", 1)[0]

    def in_force(self, day: date) -> bool:
        return self.first <= day <= self.last

    @property
    def force(self) -> Span:
        return Span(self.first, self.last)

    @property
    def ends(self) -> bool:
        return self.last != date.max


_DEPTH_KINDS = ("district", "commune", "hamlet")


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
