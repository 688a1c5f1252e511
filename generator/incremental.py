"""Warm validation: after edits to visit reports, re-check only the officials concerned.

A wrapper around :mod:`generator.pipeline`; the domain knows nothing of it. Each rule
declares what it reads (:class:`~generator.domain.rules.base.Scope`): one file, one
official's visits, or no visit at all. So a change to visit files can only change the
findings of the rules that read visits, and of those only the findings about the
officials those files name (before and after the change): a warm run loads every
other record and those officials' visits, applies those rules, and puts their
findings in place of the last result's. A rule that may compare several officials'
visits (``Scope.TREE``) makes every run a full one. Anything else that changes — any
other record, ``--as-of``, this tool's code or schemas — means a full run. The result
is the same as a full run's, which a test checks after random edits on a tree where
every rule fires.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from generator import pipeline
from generator.domain.findings import Finding, Severity, sort_findings
from generator.domain.model import Records
from generator.domain.rules import REGISTRY, RuleModule, Scope
from generator.reading import loader
from generator.reading.cache import NO_DIGEST, STAT_SIZE, ParseCache, hashes, join
from generator.reading.layout import Kind, classify, is_visit_folder, is_visit_name

STATE_VERSION = 4
# The visits of one folder as the last result saw them: names, packed content
# hashes, and the official whose checks each one takes part in (one id when it is
# the same for all of them, as it nearly always is).
Owners = str | tuple[str, ...]
VisitFolder = tuple[tuple[str, ...], bytes, Owners]
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


@dataclass(frozen=True, slots=True)
class LastResult:
    """What a run leaves for the next one (in the parse cache's index, as plain values)."""

    code: bytes  # code_fingerprint() of the tool that made it
    as_of: str
    others: list[tuple[str, bytes | None]]  # every file but visits, with its hash (None: unknown)
    visits: dict[str, VisitFolder]  # by folder
    findings: list[tuple[Any, ...]]  # frozen (thawed only when used)

    @classmethod
    def of(
        cls,
        as_of: date,
        others: list[tuple[str, bytes | None]],
        visits: dict[str, VisitFolder],
        findings: Iterable[Finding],
    ) -> LastResult:
        return cls(code_fingerprint(), as_of.isoformat(), others, visits, _freeze(findings))

    @classmethod
    def from_stored(cls, state: Any) -> LastResult | None:
        """The last result, if ``state`` is one this version of the tool stored."""
        if not (isinstance(state, tuple) and len(state) == 6 and state[0] == STATE_VERSION):
            return None
        _, code, as_of, others, visits, findings = state
        if not (
            isinstance(code, bytes)
            and isinstance(as_of, str)
            and isinstance(others, list)
            and isinstance(visits, dict)
            and isinstance(findings, list)
        ):
            return None
        return cls(code, as_of, others, visits, findings)

    def fresh(self, as_of: date, others: list[tuple[str, bytes | None]]) -> bool:
        """Made by this code, for ``as_of``, from these very files other than visits."""
        return (self.code, self.as_of, self.others) == (
            code_fingerprint(),
            as_of.isoformat(),
            others,
        )

    def store(self, cache: ParseCache, files: Listing) -> None:
        state = (STATE_VERSION, self.code, self.as_of, self.others, self.visits, self.findings)
        cache.save(files, state)


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
    """Visit files added, changed or deleted since the last result, and the official
    whose checks each of them took part in there."""
    changed: set[str] = set()
    owner_before: dict[str, str] = {}
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
            for name, owner in zip(before[0], _each(before), strict=True):
                owner_before[join(folder, name)] = owner
    return changed, owner_before


def warm_rules(registry: Sequence[RuleModule] = REGISTRY) -> tuple[RuleModule, ...] | None:
    """The rules a warm run applies again: those that read visits one file or one official
    at a time. The others read no visit, so their last findings stand; ``None`` when a
    rule may compare several officials' visits (then every run is a full one)."""
    if any(module.RULE.scope is Scope.TREE for module in registry):
        return None
    return tuple(m for m in registry if m.RULE.scope in {Scope.FILE, Scope.OFFICIAL})


def restrict(records: Records, officials: set[str]) -> Records:
    """The records a warm run checks: ``officials`` (and their entries in plans) among
    the rest; visits are loaded for them only already. Findings about other records are
    not kept from such a run, so leaving them out changes nothing but the time."""
    return dataclasses.replace(
        records,
        officials={i: o for i, o in records.officials.items() if i in officials},
        plans=[
            dataclasses.replace(p, entries=tuple(e for e in p.entries if e.official in officials))
            for p in records.plans
        ],
    )


@pipeline.without_cyclic_gc
def validate(records_dir: Path, as_of: date, cache: ParseCache) -> list[Finding]:
    """The findings of a full run, re-checking only what changed since the cached one."""
    tree = loader.walk(records_dir, stat=True)
    last = LastResult.from_stored(cache.state)
    survey = _survey(cache, tree.folders)
    rules = warm_rules()
    if (
        last is None
        or rules is None
        or not last.fresh(as_of, survey.others)
        # Content not known means not known unchanged, unless the file belongs to no
        # kind of record: its one finding (path-mismatch) rests on its path alone.
        or any(digest is None and classify(rel) is not None for rel, digest in survey.others)
    ):
        return _full(tree, survey, as_of, cache)
    changed, owner_before = _changes(survey.current, last.visits)
    changed |= survey.unread
    if not changed:
        return _thaw(last.findings)
    present = tree.sources(changed)
    owners = _named(pipeline.load(present, cache), tree.base)
    affected = {owner_before[rel] for rel in changed if rel in owner_before}
    affected |= {owners.get(s.rel) or _folder_official(s.rel) for s in present}
    visits: dict[str, VisitFolder] = {}
    for folder, (names, packed) in survey.current.items():
        before = last.visits.get(folder)
        if before is not None and before[:2] == (names, packed):
            visits[folder] = (names, packed, before[2])  # the index's own objects: stored once
        else:
            visits[folder] = _visit_folder(cache, folder, names, owners, owner_before)
    involved = _owned(visits, affected)
    loaded = pipeline.load(tree.sources({rel for rel, _ in survey.others} | involved), cache)
    outcome = pipeline.judge(loaded, restrict(loaded.records(), affected), as_of, rules)
    stale = {f"{tree.base}/{rel}" for rel in _owned(last.visits, affected) | involved}
    again = {module.RULE.id for module in rules}

    def concerned(finding: Finding) -> bool:
        """Whether a re-applied rule's finding is about a visit re-checked, or a year of an
        official re-checked."""
        if finding.rule not in again:
            return False
        if finding.file is not None:
            return finding.file in stale
        return finding.official is not None and finding.official in affected

    kept = [f for f in _thaw(last.findings) if not concerned(f)]
    findings = sort_findings(kept + [f for f in outcome.findings if concerned(f)])
    LastResult.of(as_of, survey.others, visits, findings).store(cache, survey.files)
    return findings


def _named(loaded: pipeline.Loaded, base: str) -> dict[str, str]:
    """Visit file (relative to records/) -> the official it names, for the reports that
    passed their schema; any other visit file takes part in its folder's official's checks."""
    cut = len(base) + 1
    return {doc.file[cut:]: doc.data["official"] for doc in loaded.valid if doc.kind is Kind.VISIT}


def _folder_official(rel: str) -> str:
    return rel.split("/")[2]


def _visit_folder(
    cache: ParseCache,
    folder: str,
    names: tuple[str, ...],
    owners: dict[str, str],
    fallback: dict[str, str],
) -> VisitFolder:
    """A visit folder as this run leaves it: each file's hash as read, and its official."""
    hashes, folder_owners = [], []
    for name in names:
        rel = join(folder, name)
        hit = cache.lookup(rel)
        hashes.append(hit[1] if hit is not None else NO_DIGEST)
        owner = owners.get(rel) or fallback.get(rel) or _folder_official(rel)
        folder_owners.append(sys.intern(owner))  # stored once per official, not per file
    one = len(set(folder_owners)) == 1
    return names, b"".join(hashes), folder_owners[0] if one else tuple(folder_owners)


def _each(visits: VisitFolder) -> tuple[str, ...]:
    """The official of each visit of a folder."""
    names, _, owners = visits
    return (owners,) * len(names) if isinstance(owners, str) else owners


def _owned(visits: dict[str, VisitFolder], officials: set[str]) -> set[str]:
    """The visit files whose checks belong to one of ``officials``."""
    found: set[str] = set()
    for folder, entry in visits.items():
        names, _, owners = entry
        if isinstance(owners, str):
            if owners in officials:
                found.update(join(folder, name) for name in names)
        elif not officials.isdisjoint(owners):
            found.update(
                join(folder, name)
                for name, owner in zip(names, owners, strict=True)
                if owner in officials
            )
    return found


def _full(tree: loader.Tree, survey: Survey, as_of: date, cache: ParseCache) -> list[Finding]:
    """Load and check every record; remember the hashes and officials as this run read them."""
    loaded = pipeline.load(tree.sources(), cache)
    findings = pipeline.check(loaded, as_of).findings
    owners = _named(loaded, tree.base)
    visits = {
        folder: _visit_folder(cache, folder, names, owners, {})
        for folder, (names, _) in survey.current.items()
    }
    others = []
    for rel, _ in survey.others:
        hit = cache.lookup(rel)
        others.append((rel, hit[1] if hit and hit[1] != NO_DIGEST else None))
    LastResult.of(as_of, others, visits, findings).store(cache, survey.files)
    return findings
