"""load → schema → model → rules: one call from a records folder to findings and figures.

Every run is a full one here; the warm run (:mod:`generator.incremental`) wraps these
steps and restricts what they are given.
"""

from __future__ import annotations

import functools
import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ParamSpec, TypeVar

from generator.domain import build
from generator.domain.compliance import Compliance
from generator.domain.findings import Finding, sort_findings
from generator.domain.model import Records
from generator.domain.outcome import Outcome
from generator.domain.rules import REGISTRY, Context, RuleModule
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


@dataclass(slots=True)
class Loaded:
    """Files read and schema-checked, before any cross-record rule."""

    valid: list[Document] = field(default_factory=list)
    invalid: list[tuple[Kind, str | None]] = field(default_factory=list)
    stage: dict[str, list[Finding]] = field(default_factory=lambda: defaultdict(list))
    plan_files: set[tuple[str, int, int]] = field(default_factory=set)

    def records(self) -> Records:
        """The typed records of the valid documents."""
        return build.records_from(self.valid, self.invalid, self.plan_files)


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
        if errors:
            for error in errors:
                loaded.stage[error.rule].append(error)
            loaded.invalid.append((location.kind, location.stem))
        elif isinstance(result, Document):
            loaded.valid.append(result)
    return loaded


@without_cyclic_gc
def judge(
    loaded: Loaded, records: Records, as_of: date, rules: Sequence[RuleModule] = REGISTRY
) -> Outcome:
    """Apply ``rules`` to ``records`` (built from ``loaded``) as of ``as_of``."""
    compliance = Compliance(records, as_of)
    ctx = Context(records, compliance, as_of, dict(loaded.stage), tuple(loaded.valid))
    findings = [finding for module in rules for finding in module.check(ctx)]
    return Outcome(sort_findings(findings), records, compliance)


@without_cyclic_gc
def check(loaded: Loaded, as_of: date) -> Outcome:
    """Apply every rule to what :func:`load` read."""
    return judge(loaded, loaded.records(), as_of)


def run(records_dir: Path, as_of: date, cache: ParseCache | None = None) -> Outcome:
    """Load every record under ``records_dir`` and apply every rule as of ``as_of``.

    With a :class:`ParseCache`, unchanged files are not parsed again (the result is the same).
    """
    tree = loader.walk(records_dir, stat=cache is not None)
    loaded = load(tree.sources(), cache)
    if cache is not None:
        cache.save({rel: folder.names for rel, folder in tree.folders.items()}, cache.state)
    return check(loaded, as_of)
