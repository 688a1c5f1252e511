"""A parse cache for warm runs, keyed by file content, kept outside ``records/``.

Entries map a BLAKE2 hash of a file's bytes to its parsed values (marks are not
kept: a document that needs them for a finding reads its file again). A path index remembers each file's (size, mtime_ns, ctime_ns, inode) and
content hash, so an unchanged file is not even read; any change to those (a
write always moves ctime, which tools cannot set back) means the file is read
and hashed again, so a changed, added or renamed file is never served stale,
and a deleted one simply drops out. A cache that cannot be read, or was written
by another version or interpreter, is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

MAGIC = b"di-co-so parse cache\n"
VERSION = 1
Stat = tuple[int, int, int, int]


def _key() -> tuple[int, str]:
    return VERSION, sys.version


def stat_key(path: str) -> Stat:
    st = os.stat(path)  # noqa: PTH116 - the hot path takes the string os.scandir gave
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def content_hash(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def default_location(records: Path) -> Path:
    """``.cache/di-co-so/`` beside the records folder (never inside it)."""
    return records.resolve().parent / ".cache" / "di-co-so" / "parse.marshal"


class ParseCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.index: dict[str, tuple[Stat, bytes]] = {}
        self.entries: dict[bytes, Any] = {}
        self.changed = False
        self._load()

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()
            if not raw.startswith(MAGIC):
                return
            digest, payload = raw[len(MAGIC) : len(MAGIC) + 32], raw[len(MAGIC) + 32 :]
            if hashlib.blake2b(payload, digest_size=32).digest() != digest:
                return  # corrupt or truncated: never hand damaged bytes to marshal
            key, index, entries = marshal.loads(payload)  # noqa: S302 - our own file, checked by its digest
            if tuple(key) != _key() or not isinstance(index, dict) or not isinstance(entries, dict):
                return
        except (OSError, EOFError, ValueError, TypeError):
            return
        self.index, self.entries = index, entries

    def known(self, rel: str, stat: Stat) -> Any | None:
        """The cached document of an unchanged file, without reading it."""
        hit = self.index.get(rel)
        if hit is None or tuple(hit[0]) != stat:
            return None
        return self.entries.get(hit[1])

    def by_content(self, digest: bytes) -> Any | None:
        return self.entries.get(digest)

    def remember(self, rel: str, stat: Stat, digest: bytes, document: Any | None) -> None:
        self.index[rel] = (stat, digest)
        if document is not None:
            self.entries[digest] = document
        self.changed = True

    def save(self, seen: set[str]) -> None:
        """Write the cache (only the files still there) atomically; failures are ignored."""
        stale = set(self.index) - seen
        if not self.changed and not stale:
            return
        index = {rel: self.index[rel] for rel in seen if rel in self.index}
        live = {digest for _, digest in index.values()}
        entries = {digest: doc for digest, doc in self.entries.items() if digest in live}
        with contextlib.suppress(OSError, ValueError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".parse-")
            with os.fdopen(fd, "wb") as handle:
                payload = marshal.dumps((_key(), index, entries))
                handle.write(MAGIC + hashlib.blake2b(payload, digest_size=32).digest() + payload)
            Path(temp).replace(self.path)
