"""What every rule module shares: its descriptor, the context it checks, finding helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from generator.domain.compliance import Compliance
from generator.domain.findings import Finding, Severity, is_private
from generator.domain.model import Official, Plan, Records, Source, Visit
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

    @property
    def recheck(self) -> bool:
        """A re-check of some officials' visits (incremental validation).

        Its findings on records other than visits are dropped (the last full run's
        stand, since those records did not change), so a rule may skip them.
        """
        return self.compliance.only is not None


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's id, severity and short Vietnamese title."""

    id: str
    severity: Severity
    title: str
    # Findings about units only (no file, no official), from records other than visits:
    # a re-check of some officials' visits (incremental validation) keeps the last ones.
    units_only: bool = False

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
