"""A parse cache for warm runs, keyed by file content, kept outside ``records/``.

Entries map a BLAKE2 hash of a file's bytes to its parsed values (marks are not
kept: a document that needs them for a finding reads its file again). An index
remembers each file's (size, mtime_ns, ctime_ns, inode) and content hash, so an
unchanged file is not even read; any change to those (a write always moves
ctime, which tools cannot set back) means the file is read and hashed again, so
a changed, added or renamed file is never served stale, and a deleted one drops
out. Stat keys are taken once a run, as the records are walked
(:func:`generator.reading.loader.walk`) and before any file is read: a file that changes
after that is remembered under its older key, so the next run reads it again.
(On Windows a folder listing gives no inode and ctime is the creation time, so
there the key rests on size and mtime.)

The index is kept by folder, as the folder's file names with their stat keys
and hashes packed in two byte strings: a warm run compares a whole folder with
one comparison, and loads and writes 100k files' worth in milliseconds. Entries
are sharded (the non-visit records; each official's visit folder) and a shard
is read only when one of its files is needed. A cache file that cannot be read,
fails its checksum or was written by another version or interpreter is ignored
and rebuilt. (The checksum is a CRC-32: it guards against damage, not
against someone who can write beside the records anyway.)
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import struct
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

MAGIC = b"di-co-so parse cache\n"
VERSION = 4
GLOBAL = "global"
# A file's stat key: (size, mtime_ns, ctime_ns, inode), packed.
Stat = bytes
STAT_STRUCT = struct.Struct("<qqqQ")
STAT_SIZE = STAT_STRUCT.size
DIGEST_SIZE = 16
NO_STAT = bytes(STAT_SIZE)  # a file that cannot be stat-ed now: never equal to a real key
# A file the index knows no content of (never read: misplaced or unreadable). Its
# stat key matches neither a real key nor NO_STAT, so its folder is always looked
# at file by file: a real stat key in the index always comes with a real hash.
UNKNOWN_STAT = b"\xff" * STAT_SIZE
NO_DIGEST = bytes(DIGEST_SIZE)
# One folder of the index: file names, their stat keys and their content hashes.
Folder = tuple[tuple[str, ...], bytes, bytes]


def _key() -> tuple[int, str]:
    return VERSION, sys.version


def stat_key(path: str) -> Stat:
    st = os.stat(path, follow_symlinks=False)  # noqa: PTH116 - the string os.scandir gave
    return STAT_STRUCT.pack(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def content_hash(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=DIGEST_SIZE).digest()


def default_location(records: Path) -> Path:
    """``di-co-so/<records key>/`` in the user's cache folder (``$XDG_CACHE_HOME``, else
    ``~/.cache``), one per records folder.

    Never inside the checkout: a cache is trusted to hold what the records said, so one
    that a pull request committed must never be read in place of the reviewed YAML.
    """
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home folder: a per-user folder in the temporary directory
        base = Path(tempfile.gettempdir()) / f"di-co-so-{_user()}"
    folder = str(records.resolve())
    key = hashlib.blake2b(folder.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return base / "di-co-so" / key


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else "user"


def split(rel: str) -> tuple[str, str]:
    """(folder, name) of a path relative to records/; top-level files have folder ""."""
    folder, _, name = rel.rpartition("/")
    return folder, name


def join(folder: str, name: str) -> str:
    """The inverse of :func:`split`."""
    return f"{folder}/{name}" if folder else name


def hashes(packed: bytes) -> list[bytes]:
    """The content hashes packed in one byte string of the index."""
    return [packed[i : i + DIGEST_SIZE] for i in range(0, len(packed), DIGEST_SIZE)]


@functools.lru_cache(maxsize=65536)
def shard_of_folder(folder: str) -> str:
    """Visits are sharded by their official's folder; every other record shares one shard."""
    parts = folder.split("/")
    if parts[0] == "visits" and len(parts) == 3:
        return "v-" + hashlib.blake2b(parts[2].encode(), digest_size=8).hexdigest()
    return GLOBAL


def shard_of(rel: str) -> str:
    return shard_of_folder(split(rel)[0])


def _read(path: Path) -> Any | None:
    """The payload of one cache file, or None when it is missing, damaged or foreign."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if not raw.startswith(MAGIC):
        return None
    checksum, payload = raw[len(MAGIC) : len(MAGIC) + 4], raw[len(MAGIC) + 4 :]
    if zlib.crc32(payload).to_bytes(4, "little") != checksum:
        return None  # corrupt or truncated: never hand damaged bytes to marshal
    try:
        key, content = marshal.loads(payload)  # noqa: S302 - our own file, checked by its CRC
    except (EOFError, ValueError, TypeError):
        return None
    return content if tuple(key) == _key() else None


def _write(path: Path, content: Any) -> None:
    payload = marshal.dumps((_key(), content))
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(MAGIC + zlib.crc32(payload).to_bytes(4, "little") + payload)
    Path(temp).replace(path)


def _well_formed(folders: Any) -> bool:
    return isinstance(folders, dict) and all(
        isinstance(entry, tuple)
        and len(entry) == 3
        and isinstance(entry[1], bytes)
        and isinstance(entry[2], bytes)
        and len(entry[1]) == STAT_SIZE * len(entry[0])
        and len(entry[2]) == DIGEST_SIZE * len(entry[0])
        for entry in folders.values()
    )


class ParseCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folders: dict[str, Folder] = {}
        self.state: Any = None  # the last result, for incremental validation
        self._positions: dict[str, dict[str, int]] = {}
        self._updates: dict[str, tuple[Stat, bytes]] = {}  # read this run: rel -> (stat, hash)
        self._updated: set[str] = set()  # their folders
        self._shards: dict[str, dict[bytes, Any]] = {}
        self._dirty: set[str] = set()
        loaded = _read(folder / "index.marshal")
        if isinstance(loaded, tuple) and len(loaded) == 2 and _well_formed(loaded[0]):
            self.folders, self.state = loaded

    def _shard(self, name: str) -> dict[bytes, Any]:
        if name not in self._shards:
            loaded = _read(self.folder / f"{name}.marshal")
            self._shards[name] = loaded if isinstance(loaded, dict) else {}
        return self._shards[name]

    def lookup(self, rel: str) -> tuple[Stat, bytes] | None:
        """(stat key, content hash) of ``rel``: as read this run, else as last saved."""
        hit = self._updates.get(rel)
        if hit is not None:
            return hit
        folder, name = split(rel)
        entry = self.folders.get(folder)
        if entry is None:
            return None
        positions = self._positions.get(folder)
        if positions is None:
            positions = self._positions[folder] = {n: i for i, n in enumerate(entry[0])}
        i = positions.get(name)
        if i is None:
            return None
        return (
            entry[1][i * STAT_SIZE : (i + 1) * STAT_SIZE],
            entry[2][i * DIGEST_SIZE : (i + 1) * DIGEST_SIZE],
        )

    def digest(self, rel: str, stat: Stat) -> bytes | None:
        """The content hash of an unchanged file, from the index alone."""
        hit = self.lookup(rel)
        if hit is None or hit[0] != stat or hit[1] == NO_DIGEST:
            return None
        return hit[1]

    def unchanged_folder(self, folder: str, names: tuple[str, ...], stats: bytes) -> Folder | None:
        """The index entry of a whole folder whose names and stat keys are all unchanged."""
        entry = self.folders.get(folder)
        if entry is None or folder in self._updated or entry[0] != names or entry[1] != stats:
            return None
        return entry

    def known(self, rel: str, stat: Stat) -> Any | None:
        """The cached values of an unchanged file, without reading it."""
        digest = self.digest(rel, stat)
        return None if digest is None else self._shard(shard_of(rel)).get(digest)

    def by_content(self, rel: str, digest: bytes) -> Any | None:
        return self._shard(shard_of(rel)).get(digest)

    def remember(self, rel: str, stat: Stat, digest: bytes, document: Any | None) -> None:
        self._updates[rel] = (stat, digest)
        folder = split(rel)[0]
        self._updated.add(folder)
        name = shard_of_folder(folder)
        if document is not None:
            self._shard(name)[digest] = document
        self._dirty.add(name)

    def save(self, listing: dict[str, tuple[str, ...]], state: Any = None) -> None:
        """Write the index of ``listing`` (every file there now: its names by folder), the
        changed shards and ``state``."""
        folders: dict[str, Folder] = {}
        for folder, names in listing.items():
            old = self.folders.get(folder)
            if old is not None and old[0] == names and folder not in self._updated:
                folders[folder] = old
                continue
            stats, digests = [], []
            for name in names:
                hit = self.lookup(join(folder, name))
                stats.append(hit[0] if hit else UNKNOWN_STAT)
                digests.append(hit[1] if hit else NO_DIGEST)
            folders[folder] = (names, b"".join(stats), b"".join(digests))
            self._dirty.add(shard_of_folder(folder))
        for folder in self.folders.keys() - folders.keys():
            self._dirty.add(shard_of_folder(folder))
        self.folders, self.state = folders, state
        with contextlib.suppress(OSError, ValueError):
            self.folder.mkdir(parents=True, exist_ok=True)
            live: dict[str, set[bytes]] = {name: set() for name in self._dirty}
            for folder, (_, _, packed) in folders.items():
                name = shard_of_folder(folder)
                if name in live:
                    live[name].update(hashes(packed))
            for name in sorted(self._dirty):
                entries = self._shard(name)
                kept = {d: doc for d, doc in entries.items() if d in live[name]}
                if kept:
                    _write(self.folder / f"{name}.marshal", kept)
                else:
                    (self.folder / f"{name}.marshal").unlink(missing_ok=True)
            _write(self.folder / "index.marshal", (folders, state))
        # The next run (``serve`` keeps this object) starts afresh.
        self._dirty.clear()
        self._updates.clear()
        self._updated.clear()
        self._positions.clear()
