"""load → schema → model → rules: one call from a records folder to findings and figures."""

from __future__ import annotations

import functools
import gc
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ParamSpec, TypeVar

from generator.domain import model
from generator.domain.compliance import Compliance
from generator.domain.findings import Finding, sort_findings
from generator.domain.outcome import Outcome
from generator.domain.rules import Context, run_all
from generator.reading import loader, schema
from generator.reading.cache import ParseCache
from generator.reading.layout import Kind, classify
from generator.reading.loader import Document

_P = ParamSpec("_P")
_R = TypeVar("_R")


def without_cyclic_gc(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` with Python's cyclic garbage collector paused.

    Loading and checking allocate millions of small, long-lived, acyclic objects;
    the collector would walk them again and again without freeing any (a third of
    a cold run at 100k visits). Reference counting still frees everything else.
    """

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper


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


def build_records(
    valid: list[Document],
    invalid: Iterable[tuple[Kind, str | None]],
    only: set[str] | None = None,
) -> model.Records:
    """Typed records from schema-valid documents; ids of invalid files are remembered.

    With ``only`` (a re-check of these officials' visits), plans keep only their
    entries: a re-check keeps no finding about a plan, and the rest concern no one
    re-checked.
    """
    records = model.Records(invalid_ids=_known_invalid(valid, invalid))
    for doc in valid:
        match doc.kind:
            case Kind.SETTINGS:
                records.settings = model.settings(doc)
            case Kind.POLICY:
                records.policies.append(model.policy(doc))
            case Kind.UNITS:
                for unit in model.units(doc):
                    records.units.setdefault(unit.id, unit)
            case Kind.LOCALITY:
                for place in model.places(doc):
                    records.places.setdefault(place.id, place)
            case Kind.OFFICIAL:
                official = model.official(doc)
                records.officials.setdefault(official.id, official)
            case Kind.PLAN:
                records.plans.append(model.plan(doc, only))
            case Kind.VISIT:
                records.visits.append(model.visit(doc))
    return records


@dataclass(slots=True)
class Loaded:
    """Files read and schema-checked, before any cross-record rule."""

    valid: list[Document] = field(default_factory=list)
    invalid: list[tuple[Kind, str | None]] = field(default_factory=list)
    stage: dict[str, list[Finding]] = field(default_factory=lambda: defaultdict(list))
    plan_files: set[tuple[str, int, int]] = field(default_factory=set)
    # Visit file -> the official whose checks it takes part in (its ``official``, else its folder).
    scopes: dict[str, str] = field(default_factory=dict)


@without_cyclic_gc
def load(sources: Iterable[loader.SourceFile], cache: ParseCache | None = None) -> Loaded:
    loaded = Loaded()
    for source in sources:
        location = classify(source.rel)
        if location is None:
            finding = (  # a link or a device: say so, wherever it lies
                loader.whole_file(source, "yaml-syntax", source.problem)
                if source.problem
                else loader.misplaced(source)
            )
            loaded.stage[finding.rule].append(finding)
            continue
        if location.kind is Kind.PLAN and location.stem and location.year and location.quarter:
            loaded.plan_files.add((location.stem, location.year, location.quarter))
        result = loader.read(source, location, cache)
        errors = [result] if isinstance(result, Finding) else schema.check(result)
        if location.kind is Kind.VISIT and location.official is not None:
            named = None if isinstance(result, Finding) else result.data.get("official")
            loaded.scopes[source.rel] = (
                named if isinstance(named, str) and not errors else location.official
            )
        if errors:
            for error in errors:
                loaded.stage[error.rule].append(error)
            loaded.invalid.append((location.kind, location.stem))
        elif isinstance(result, Document):
            loaded.valid.append(result)
    return loaded


@without_cyclic_gc
def check(loaded: Loaded, as_of: date, only: set[str] | None = None) -> Outcome:
    """Apply every rule to what :func:`load` read (person-years of ``only`` these officials, if given)."""
    records = build_records(loaded.valid, loaded.invalid, only)
    records.plan_files = loaded.plan_files
    compliance = Compliance(records, as_of, only)
    ctx = Context(records, compliance, as_of, dict(loaded.stage), tuple(loaded.valid))
    return Outcome(sort_findings(list(run_all(ctx))), records, compliance)


def run(records_dir: Path, as_of: date, cache: ParseCache | None = None) -> Outcome:
    """Load every record under ``records_dir`` and apply every rule as of ``as_of``.

    With a :class:`ParseCache`, unchanged files are not parsed again (the result is the same).
    """
    tree = loader.walk(records_dir, stat=cache is not None)
    loaded = load(tree.sources(), cache)
    if cache is not None:
        cache.save({rel: folder.names for rel, folder in tree.folders.items()}, cache.state)
    return check(loaded, as_of)
