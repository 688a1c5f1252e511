"""A parse cache for warm runs, keyed by file content, kept outside ``records/``.

Entries map a BLAKE2 hash of a file's bytes to its parsed values (marks are not
kept: a document that needs them for a finding reads its file again). An index
remembers each file's (size, mtime_ns, ctime_ns, inode) and content hash, so an
unchanged file is not even read; any change to those (a write always moves
ctime, which tools cannot set back) means the file is read and hashed again, so
a changed, added or renamed file is never served stale, and a deleted one drops
out. Entries are sharded (the non-visit records; each official's visit folder)
and a shard is read only when one of its files is needed. A file that cannot be
read, fails its digest, or was written by another version or interpreter is
ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

MAGIC = b"di-co-so parse cache\n"
VERSION = 2
Stat = tuple[int, int, int, int]
GLOBAL = "global"


def _key() -> tuple[int, str]:
    return VERSION, sys.version


def stat_key(path: str) -> Stat:
    st = os.stat(path)  # noqa: PTH116 - the hot path takes the string os.scandir gave
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def content_hash(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def default_location(records: Path) -> Path:
    """``.cache/di-co-so/`` beside the records folder (never inside it)."""
    return records.resolve().parent / ".cache" / "di-co-so"


@functools.lru_cache(maxsize=65536)
def _visit_shard(folder: str) -> str:
    return "v-" + hashlib.blake2b(folder.encode(), digest_size=8).hexdigest()


def shard_of(rel: str) -> str:
    """Visits are sharded by their official's folder; every other record shares one shard."""
    parts = rel.split("/")
    if parts[0] == "visits" and len(parts) == 4:
        return _visit_shard(parts[2])
    return GLOBAL


def _read(path: Path) -> Any | None:
    """The payload of one cache file, or None when it is missing, damaged or foreign."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if not raw.startswith(MAGIC):
        return None
    digest, payload = raw[len(MAGIC) : len(MAGIC) + 32], raw[len(MAGIC) + 32 :]
    if hashlib.blake2b(payload, digest_size=32).digest() != digest:
        return None  # corrupt or truncated: never hand damaged bytes to marshal
    try:
        key, content = marshal.loads(payload)  # noqa: S302 - our own file, checked by its digest
    except (EOFError, ValueError, TypeError):
        return None
    return content if tuple(key) == _key() else None


def _write(path: Path, content: Any) -> None:
    payload = marshal.dumps((_key(), content))
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(MAGIC + hashlib.blake2b(payload, digest_size=32).digest() + payload)
    Path(temp).replace(path)


class ParseCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index: dict[str, tuple[Stat, bytes]] = {}
        self.state: Any = None  # the last result, for incremental validation
        self._shards: dict[str, dict[bytes, Any]] = {}
        self._dirty: set[str] = set()
        self._stats: dict[str, Stat] = {}
        loaded = _read(folder / "index.marshal")
        if isinstance(loaded, tuple) and len(loaded) == 2 and isinstance(loaded[0], dict):
            self.index, self.state = loaded

    def _shard(self, name: str) -> dict[bytes, Any]:
        if name not in self._shards:
            loaded = _read(self.folder / f"{name}.marshal")
            self._shards[name] = loaded if isinstance(loaded, dict) else {}
        return self._shards[name]

    def stat(self, rel: str, path: str) -> Stat:
        """The file's stat key, taken once a run (until :meth:`save`), before the file is read.

        A file that changes after that is remembered under its old stat key, so the
        next run finds the key changed and reads it again: never stale.
        """
        found = self._stats.get(rel)
        if found is None:
            found = self._stats[rel] = stat_key(path)
        return found

    def digest(self, rel: str, stat: Stat) -> bytes | None:
        """The content hash of an unchanged file, from the index alone."""
        hit = self.index.get(rel)
        return hit[1] if hit is not None and tuple(hit[0]) == stat else None

    def known(self, rel: str, stat: Stat) -> Any | None:
        """The cached values of an unchanged file, without reading it."""
        digest = self.digest(rel, stat)
        return None if digest is None else self._shard(shard_of(rel)).get(digest)

    def by_content(self, rel: str, digest: bytes) -> Any | None:
        return self._shard(shard_of(rel)).get(digest)

    def remember(self, rel: str, stat: Stat, digest: bytes, document: Any | None) -> None:
        self.index[rel] = (stat, digest)
        name = shard_of(rel)
        if document is not None:
            self._shard(name)[digest] = document
        self._dirty.add(name)

    def save(self, seen: set[str], state: Any = None) -> None:
        """Write the index (only files still there), the changed shards and ``state``."""
        for rel in self.index.keys() - seen:
            self._dirty.add(shard_of(rel))
            del self.index[rel]
        self.state = state
        with contextlib.suppress(OSError, ValueError):
            self.folder.mkdir(parents=True, exist_ok=True)
            live: dict[str, set[bytes]] = {}
            for rel, (_, digest) in self.index.items():
                live.setdefault(shard_of(rel), set()).add(digest)
            for name in sorted(self._dirty):
                entries = self._shard(name)
                kept = {d: doc for d, doc in entries.items() if d in live.get(name, set())}
                if kept:
                    _write(self.folder / f"{name}.marshal", kept)
                else:
                    (self.folder / f"{name}.marshal").unlink(missing_ok=True)
            _write(self.folder / "index.marshal", (self.index, state))
        self._dirty.clear()
        self._stats.clear()  # the next run (``serve`` keeps this object) stats again
