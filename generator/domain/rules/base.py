"""What every rule module shares: its descriptor, the context it checks, finding helpers."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from generator.domain.compliance import Compliance
from generator.domain.findings import Finding, Severity, is_private
from generator.domain.model import Official, Plan, Policy, Records, Source, Visit
from generator.domain.periods import Quarter
from generator.reading.loader import Document


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a rule may look at: the records, the derived facts, ``as_of``."""

    records: Records
    compliance: Compliance
    as_of: date
    # Findings made while loading (yaml-syntax, schema, misplaced files), by rule id.
    stage: dict[str, list[Finding]] = field(default_factory=dict)
    # Documents that passed their schema, for checks against their path.
    documents: tuple[Document, ...] = ()


class Scope(enum.Enum):
    """What a rule reads, so what a change to visit reports can change in its findings.

    Every rule declares one (``Rule.scope``); a warm run (``generator/incremental.py``)
    relies on it and on nothing else, and a test checks each rule against a full run.
    """

    # Each finding rests on one file alone: its bytes, its path, its own values.
    FILE = "file"
    # Visit reports are read one official at a time: a finding about a visit, or about an
    # official's year, rests on that official's visits and on records other than visits;
    # a finding about any other record rests on no visit.
    OFFICIAL = "official"
    # No visit report is read: only settings, policies, units, localities, officials, plans.
    REFERENCE = "reference"
    # Anything, including the visits of several officials together.
    TREE = "tree"


@dataclass(frozen=True, slots=True, eq=False)
class Switch:
    """A policy parameter that switches rules on (the policy page lists them by it)."""

    parameter: str  # the policy key that decides, as SPEC §2 names it
    on: Callable[[Policy], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's id, severity, short Vietnamese title, what it reads and when it applies."""

    id: str
    severity: Severity
    title: str
    scope: Scope
    # For a rule a policy can switch off: what switches it on (see ``switches.py``).
    applies: Switch | None = None

    def at(
        self,
        source: Source,
        *path: str | int,
        message: str,
        key: bool = False,
        official: str | None = None,
        unit: str | None = None,
        year: int | None = None,
        quarter: int | None = None,
    ) -> Finding:
        line, column = source.at(*path, key=key)
        return Finding(
            self.id,
            self.severity,
            message,
            source.file,
            line,
            column,
            official,
            unit,
            year,
            quarter,
            is_private((*source.path, *path)),
        )

    def on_visit(
        self, ctx: Context, visit: Visit, *path: str | int, message: str, key: bool = False
    ) -> Finding:
        unit = ctx.compliance.unit_on(visit.official, visit.start)
        return self.at(
            visit.source,
            *path,
            message=message,
            key=key,
            official=visit.official,
            unit=unit.id if unit else None,
            year=visit.start.year,
            quarter=Quarter.of(visit.start).number,
        )

    def on_plan(
        self, plan: Plan, *path: str | int, message: str, source: Source | None = None
    ) -> Finding:
        """A finding about a plan, at ``path`` inside ``source`` (default: the plan itself)."""
        return self.at(
            source or plan.source,
            *path,
            message=message,
            unit=plan.unit,
            year=plan.year,
            quarter=plan.quarter,
        )

    def on_official(
        self, official: Official, source: Source, *path: str | int, message: str
    ) -> Finding:
        return self.at(source, *path, message=message, official=official.id)

    def on_person_year(self, official: str, unit: str, year: int, message: str) -> Finding:
        return Finding(self.id, self.severity, message, official=official, unit=unit, year=year)


class RuleModule(Protocol):
    """The shape of a module in :data:`generator.domain.rules.REGISTRY`."""

    RULE: Rule
    __doc__: str | None

    def check(self, ctx: Context) -> Iterator[Finding]: ...
