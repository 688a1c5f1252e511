"""Warm validation: after edits to visit reports, re-check only the officials concerned.

Every rule looks at one official's visits at a time, or at no visit at all, so a
change to visit files can only change the findings of the officials those files
name (before and after the change). Anything else that changes — any other
record, ``--as-of``, this tool's code or schemas — means a full run. The result
is the same as a full run's, which a test checks after random edits.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from generator import loader, pipeline
from generator.cache import ParseCache
from generator.findings import Finding, Severity, sort_findings
from generator.layout import is_visit

STATE_VERSION = 1
PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_fingerprint() -> bytes:
    """A hash of this tool's code and schemas: findings cached by another version are not reused."""
    from generator.schema import schema_dir  # noqa: PLC0415 - avoids a cycle at import time

    digest = hashlib.blake2b(digest_size=16)
    for path in sorted([*PACKAGE.rglob("*.py"), *schema_dir().glob("*.json")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.digest()


def _freeze(findings: Iterable[Finding]) -> list[tuple[Any, ...]]:
    return [
        (
            f.rule,
            f.severity.value,
            f.message,
            f.file,
            f.line,
            f.column,
            f.official,
            f.unit,
            f.year,
            f.quarter,
        )
        for f in findings
    ]


def _thaw(rows: Iterable[tuple[Any, ...]]) -> list[Finding]:
    return [Finding(r[0], Severity(r[1]), *r[2:]) for r in rows]


@pipeline.without_cyclic_gc
def validate(records_dir: Path, as_of: date, cache: ParseCache) -> list[Finding]:
    """The findings of a full run, re-checking only what changed since the cached one."""
    sources = list(loader.discover(records_dir))
    base = sources[0].file.split("/", 1)[0] if sources else records_dir.name
    state = cache.state
    well_formed = isinstance(state, tuple) and len(state) == 6 and isinstance(state[4], dict)
    previous: dict[str, tuple[bytes, str]] = state[4] if well_formed else {}
    # One pass over 100k files: which are visits, and which changed since the last run.
    visits: set[str] = set()
    changed: set[str] = set()
    others: list[tuple[str, bytes | None]] = []
    for source in sources:
        rel = source.rel
        try:
            digest = cache.digest(rel, cache.stat(rel, source.path))
        except OSError:
            digest = None
        if is_visit(rel):
            visits.add(rel)
            if digest is None or previous.get(rel, (None,))[0] != digest:
                changed.add(rel)
        else:
            others.append((rel, digest))
    others.sort()
    fresh = (
        well_formed
        and state[:4] == (STATE_VERSION, code_fingerprint(), as_of.isoformat(), others)
        and all(digest is not None for _, digest in others)
    )
    if not fresh:
        return _full(sources, as_of, cache)
    changed |= previous.keys() - visits
    if not changed:
        return _thaw(state[5])
    by_rel = {s.rel: s for s in sources}
    now = pipeline.load([by_rel[rel] for rel in sorted(changed) if rel in by_rel], cache)
    affected = {previous[rel][1] for rel in changed if rel in previous} | set(now.scopes.values())
    scopes = {rel: scope for rel, (_, scope) in previous.items() if rel in visits} | now.scopes
    involved = {rel for rel, scope in scopes.items() if scope in affected}
    subset = [s for s in sources if s.rel not in visits or s.rel in involved]
    outcome = pipeline.check(pipeline.load(subset, cache), as_of, only=affected)
    stale = {f"{base}/{rel}" for rel, (_, scope) in previous.items() if scope in affected} | {
        f"{base}/{rel}" for rel in involved
    }

    def concerned(finding: Finding) -> bool:
        if finding.file is not None:
            return finding.file in stale
        return finding.official is not None and finding.official in affected

    kept = [f for f in _thaw(state[5]) if not concerned(f)]
    findings = sort_findings(kept + [f for f in outcome.findings if concerned(f)])
    _remember(cache, sources, as_of=as_of, others=others, scopes=scopes, findings=findings)
    return findings


def _full(sources: list[loader.SourceFile], as_of: date, cache: ParseCache) -> list[Finding]:
    loaded = pipeline.load(sources, cache)
    findings = pipeline.check(loaded, as_of).findings
    visits = set(loaded.scopes)
    others = sorted(
        (rel, cache.index[rel][1] if rel in cache.index else None)
        for rel in loaded.seen
        if rel not in visits
    )
    _remember(cache, sources, as_of=as_of, others=others, scopes=loaded.scopes, findings=findings)
    return findings


def _remember(
    cache: ParseCache,
    sources: list[loader.SourceFile],
    *,
    as_of: date,
    others: list[tuple[str, bytes | None]],
    scopes: dict[str, str],
    findings: list[Finding],
) -> None:
    visits = {
        rel: (cache.index[rel][1], scope) for rel, scope in scopes.items() if rel in cache.index
    }
    state = (
        STATE_VERSION,
        code_fingerprint(),
        as_of.isoformat(),
        others,
        visits,
        _freeze(findings),
    )
    cache.save({s.rel for s in sources}, state)
