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
import itertools
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from generator import pipeline
from generator.domain.findings import Finding, Severity, sort_findings
from generator.reading import loader
from generator.reading.cache import NO_DIGEST, STAT_SIZE, ParseCache, hashes, join
from generator.reading.layout import classify, is_visit_folder, is_visit_name

STATE_VERSION = 4
# The visits of one folder as the last result saw them: names, packed content
# hashes, and the official whose checks each one takes part in (one id when it is
# the same for all of them, as it nearly always is).
Scopes = str | tuple[str, ...]
VisitFolder = tuple[tuple[str, ...], bytes, Scopes]
PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_fingerprint() -> bytes:
    """A hash of this tool's code and schemas: findings cached by another version are not reused."""
    from generator.reading.schema import schema_dir  # noqa: PLC0415 - avoids a cycle at import time

    digest = hashlib.blake2b(digest_size=16)
    for path in sorted([*PACKAGE.rglob("*.py"), *schema_dir().glob("*.json")]):
        digest.update(path.name.encode() + path.read_bytes())  # names repeat; contents tell apart
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
            f.private,
        )
        for f in findings
    ]


def _thaw(rows: Iterable[tuple[Any, ...]]) -> list[Finding]:
    return [Finding(r[0], Severity(r[1]), *r[2:]) for r in rows]


Listing = dict[str, tuple[str, ...]]
Current = dict[str, tuple[tuple[str, ...], bytes]]


class Survey(NamedTuple):
    """The records folder now, compared with the index folder by folder."""

    files: Listing  # every file's name, by folder
    current: Current  # the visits, with their hashes (NO_DIGEST: not known)
    unread: set[str]  # visits whose content is not known without reading them
    others: list[tuple[str, bytes | None]]  # every other file, with its hash (None: unknown)


def _survey(cache: ParseCache, folders: dict[str, loader.Folder]) -> Survey:
    """One comparison for a folder whose names and stat keys are all unchanged; file by
    file for the others."""
    files: Listing = {}
    current: Current = {}
    unread: set[str] = set()
    others: list[tuple[str, bytes | None]] = []
    for folder, (_, names, stats, _odd) in folders.items():
        assert stats is not None  # walked with stat=True
        entry = cache.unchanged_folder(folder, names, stats)
        visit_folder = is_visit_folder(folder)
        # (Every discovered name has a character before ".yaml": hidden files are skipped.)
        if (
            entry is not None
            and visit_folder
            and all(map(str.endswith, names, itertools.repeat(".yaml")))
        ):
            files[folder] = entry[0]
            current[folder] = (entry[0], entry[2])  # the index's own objects: stored once
            continue
        files[folder] = names
        packed = entry[2] if entry is not None else None
        known = hashes(packed) if packed is not None else None
        visit_names: list[str] = []
        visit_hashes: list[bytes] = []
        for i, name in enumerate(names):
            rel = join(folder, name)
            stat = stats[i * STAT_SIZE : (i + 1) * STAT_SIZE]
            digest = known[i] if known is not None else cache.digest(rel, stat)
            if visit_folder and is_visit_name(name):
                visit_names.append(name)
                visit_hashes.append(digest or NO_DIGEST)
                if digest is None:
                    unread.add(rel)
            else:
                others.append((rel, digest))
        if visit_names:
            # All visits: the very tuple the index keeps, stored once.
            kept = names if len(visit_names) == len(names) else tuple(visit_names)
            current[folder] = (kept, b"".join(visit_hashes))
    others.sort()
    return Survey(files, current, unread, others)


def _changes(current: Current, previous: dict[str, VisitFolder]) -> tuple[set[str], dict[str, str]]:
    """Visit files added, changed or deleted since the last result, and the scope each of
    them had there."""
    changed: set[str] = set()
    scope_before: dict[str, str] = {}
    for folder in current.keys() | previous.keys():
        now_entry, before = current.get(folder), previous.get(folder)
        if now_entry is not None and before is not None and now_entry == before[:2]:
            continue
        now_hashes = dict(zip(now_entry[0], hashes(now_entry[1]), strict=True)) if now_entry else {}
        old_hashes = dict(zip(before[0], hashes(before[1]), strict=True)) if before else {}
        for name in now_hashes.keys() | old_hashes.keys():
            digest = now_hashes.get(name)
            if digest is None or digest == NO_DIGEST or digest != old_hashes.get(name):
                changed.add(join(folder, name))
        if before is not None:
            for name, scope in zip(before[0], _each(before), strict=True):
                scope_before[join(folder, name)] = scope
    return changed, scope_before


@pipeline.without_cyclic_gc
def validate(records_dir: Path, as_of: date, cache: ParseCache) -> list[Finding]:
    """The findings of a full run, re-checking only what changed since the cached one."""
    tree = loader.walk(records_dir, stat=True)
    state = cache.state
    well_formed = isinstance(state, tuple) and len(state) == 6 and isinstance(state[4], dict)
    previous: dict[str, VisitFolder] = state[4] if well_formed else {}
    survey = _survey(cache, tree.folders)
    files, current, unread, others = survey
    fresh = (
        well_formed
        and state[:4] == (STATE_VERSION, code_fingerprint(), as_of.isoformat(), others)
        # Content not known means not known unchanged, unless the file belongs to no
        # kind of record: its one finding (path-mismatch) rests on its path alone.
        and all(digest is not None or classify(rel) is None for rel, digest in others)
    )
    if not fresh:
        return _full(tree, survey, as_of, cache)
    changed, scope_before = _changes(current, previous)
    changed |= unread
    if not changed:
        return _thaw(state[5])
    now = pipeline.load(tree.sources(changed), cache)
    affected = {scope_before[rel] for rel in changed if rel in scope_before}
    affected |= set(now.scopes.values())
    visits: dict[str, VisitFolder] = {}
    for folder, (names, packed) in current.items():
        before = previous.get(folder)
        if before is not None and before[:2] == (names, packed):
            visits[folder] = (names, packed, before[2])  # the index's own objects: stored once
        else:
            visits[folder] = _visit_folder(cache, folder, names, now.scopes, scope_before)
    involved = _scoped(visits, affected)
    other_rels = {rel for rel, _ in others}
    subset = tree.sources(other_rels | involved)
    outcome = pipeline.check(pipeline.load(subset, cache), as_of, only=affected)
    stale = {f"{tree.base}/{rel}" for rel in _scoped(previous, affected) | involved}

    def concerned(finding: Finding) -> bool:
        if finding.file is not None:
            return finding.file in stale
        return finding.official is not None and finding.official in affected

    kept = [f for f in _thaw(state[5]) if not concerned(f)]
    findings = sort_findings(kept + [f for f in outcome.findings if concerned(f)])
    _remember(cache, files, as_of=as_of, others=others, visits=visits, findings=findings)
    return findings


def _visit_folder(
    cache: ParseCache,
    folder: str,
    names: tuple[str, ...],
    scopes: dict[str, str],
    fallback: dict[str, str],
) -> VisitFolder:
    """A visit folder as this run leaves it: each file's hash as read, and its scope."""
    hashes, folder_scopes = [], []
    for name in names:
        rel = join(folder, name)
        hit = cache.lookup(rel)
        hashes.append(hit[1] if hit is not None else NO_DIGEST)
        scope = scopes.get(rel) or fallback.get(rel) or folder.split("/")[2]
        folder_scopes.append(sys.intern(scope))  # stored once per official, not per file
    one = len(set(folder_scopes)) == 1
    return names, b"".join(hashes), folder_scopes[0] if one else tuple(folder_scopes)


def _each(visits: VisitFolder) -> tuple[str, ...]:
    """The scope of each visit of a folder."""
    names, _, scopes = visits
    return (scopes,) * len(names) if isinstance(scopes, str) else scopes


def _scoped(visits: dict[str, VisitFolder], officials: set[str]) -> set[str]:
    """The visit files whose checks belong to one of ``officials``."""
    found: set[str] = set()
    for folder, entry in visits.items():
        names, _, scopes = entry
        if isinstance(scopes, str):
            if scopes in officials:
                found.update(join(folder, name) for name in names)
        elif not officials.isdisjoint(scopes):
            found.update(
                join(folder, name)
                for name, scope in zip(names, scopes, strict=True)
                if scope in officials
            )
    return found


def _full(tree: loader.Tree, survey: Survey, as_of: date, cache: ParseCache) -> list[Finding]:
    """Load and check every record; remember the hashes and scopes as this run read them."""
    loaded = pipeline.load(tree.sources(), cache)
    findings = pipeline.check(loaded, as_of).findings
    visits = {
        folder: _visit_folder(cache, folder, names, loaded.scopes, {})
        for folder, (names, _) in survey.current.items()
    }
    others = []
    for rel, _ in survey.others:
        hit = cache.lookup(rel)
        others.append((rel, hit[1] if hit and hit[1] != NO_DIGEST else None))
    _remember(cache, survey.files, as_of=as_of, others=others, visits=visits, findings=findings)
    return findings


def _remember(
    cache: ParseCache,
    files: Listing,
    *,
    as_of: date,
    others: list[tuple[str, bytes | None]],
    visits: dict[str, VisitFolder],
    findings: list[Finding],
) -> None:
    state = (
        STATE_VERSION,
        code_fingerprint(),
        as_of.isoformat(),
        others,
        visits,
        _freeze(findings),
    )
    cache.save(files, state)
