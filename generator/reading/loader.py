"""Read every file under ``records/`` into located documents, collecting problems."""

from __future__ import annotations

import operator
import os
from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from generator.domain.findings import Finding, Severity, is_private
from generator.errors import UsageError
from generator.reading import printable, yamlfast, yamlread
from generator.reading.cache import (
    NO_STAT,
    STAT_SIZE,
    STAT_STRUCT,
    ParseCache,
    Stat,
    content_hash,
    stat_key,
)
from generator.reading.layout import Kind, Location

Mark = yamlread.Mark
DataPath = yamlread.Path_


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed record file: its values, and a (line, column) mark for any key or value.

    Documents are read without marks (the common case needs none, and 100k files of
    marks cost hundreds of MiB); the first call to :meth:`mark`, for a finding about
    the document, reads its file again with :func:`yamlread.parse` to place them.
    """

    file: str  # display path: relative to the folder that holds records/
    location: Location
    data: dict[str, Any]
    path: str  # as the file system names it
    _marks: tuple[dict[DataPath, Mark], dict[DataPath, Mark]] | None = field(
        default=None, compare=False, repr=False
    )

    @property
    def kind(self) -> Kind:
        return self.location.kind

    def _load_marks(self) -> tuple[dict[DataPath, Mark], dict[DataPath, Mark]]:
        if self._marks is None:
            try:
                parsed = yamlread.parse(yamlread.decode(read_raw(self.path)))
                marks = parsed.marks, parsed.key_marks
            except (OSError, yamlread.YamlProblem):
                marks = {(): (1, 1)}, {}
            object.__setattr__(self, "_marks", marks)
            return marks
        return self._marks

    def mark(self, path: DataPath, *, key: bool = False) -> Mark:
        """The mark of the value at ``path`` (or of its key), else of its nearest ancestor."""
        marks, key_marks = self._load_marks()
        if key and path in key_marks:
            return key_marks[path]
        while path not in marks and path:
            path = path[:-1]
        return marks.get(path, (1, 1))


class SourceFile(NamedTuple):
    """A file found under ``records/`` before it is parsed (a tuple: 100k are made cheaply)."""

    path: str  # as the file system names it
    rel: str  # relative to records/, with "/" separators
    file: str  # as findings show it: relative to the folder that holds records/
    # Its stat key as the walk found it (cache.NO_STAT: could not be taken); None: not taken.
    stat: Stat | None = None
    # Why it cannot be a record whatever its name (a link, a device, a folder): see walk().
    problem: str | None = None


class Folder(NamedTuple):
    """The files :func:`walk` found directly in one folder."""

    path: str  # as the file system names it
    names: tuple[str, ...]  # sorted
    stats: bytes | None  # their packed stat keys, if the walk took them
    # Entries listed among the files that are not regular files (name -> why): see walk().
    odd: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Tree:
    """Every non-hidden file under a records folder, by folder (hidden folders skipped).

    Folders come depth first by name, each one's files before its subfolders; a
    :class:`SourceFile` is made only for the files asked for.
    """

    base: str  # the records folder's own name, which findings' paths start with
    folders: dict[str, Folder]  # by path relative to records/ ("" for records/ itself)

    def files(self, rel: str) -> list[SourceFile]:
        """The files of one folder."""
        path, names, stats, odd = self.folders[rel]
        prefix = f"{rel}/" if rel else ""
        shown = f"{self.base}/{prefix}"
        return [
            SourceFile(
                f"{path}{_SEP}{n}",
                prefix + n,
                shown + n,
                None if stats is None else stats[i * STAT_SIZE : (i + 1) * STAT_SIZE],
                None if odd is None else odd.get(n),
            )
            for i, n in enumerate(names)
        ]

    def sources(self, wanted: Set[str] | None = None) -> list[SourceFile]:
        """Every file (or those of ``wanted``, paths relative to records/), in order."""
        if wanted is None:
            return [source for rel in self.folders for source in self.files(rel)]
        folders = {rel.rpartition("/")[0] for rel in wanted}
        return [
            source
            for rel in self.folders
            if rel in folders
            for source in self.files(rel)
            if source.rel in wanted
        ]


_NAME = operator.attrgetter("name")
_SEP = os.sep
# Where the system can, a folder is listed and its files stat-ed through one open
# descriptor (each stat then resolves one name, not the whole path again).
_BY_DESCRIPTOR = os.scandir in os.supports_fd


def _stat_keys(files: list[os.DirEntry[str]]) -> bytes:
    """The packed stat keys of ``files`` (``NO_STAT`` for one that cannot be stat-ed)."""
    keys = []
    for entry in files:
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            keys.append(NO_STAT)
            continue
        # cache.stat_key, inlined: 100k calls on a warm run.
        keys.append(STAT_STRUCT.pack(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return b"".join(keys)


_RECORD_SUFFIXES = (".yaml", ".yml")
_LINK = (
    "Đây là liên kết tượng trưng (symlink), không phải tệp hồ sơ: hồ sơ không được trỏ ra "
    "ngoài thư mục records/; hãy thay bằng chính tệp YAML"
)
_FOLDER = "Đây là thư mục, không phải tệp hồ sơ: hãy đổi tên hoặc chuyển thư mục này đi"
_SPECIAL = "Đây không phải tệp thường (thiết bị, FIFO hay socket): hãy xóa nó khỏi records/"


def _odd(entry: os.DirEntry[str]) -> str | None:
    """Why an entry that is neither a regular file nor a folder to walk into cannot be a
    record (None for those two); links are never followed."""
    if entry.is_symlink():
        return _LINK
    if entry.is_dir(follow_symlinks=False):
        return _FOLDER if entry.name.endswith(_RECORD_SUFFIXES) else None
    return _SPECIAL


def _list(
    path: str, *, stat: bool
) -> tuple[tuple[str, ...], bytes | None, list[str], dict[str, str] | None]:
    """(file names, their packed stat keys if ``stat``, subfolders, odd entries) directly
    in ``path``, sorted by name; hidden ones skipped. Odd entries (links, devices, FIFOs,
    folders named like a record file) are listed among the files, with why they cannot
    be read, and never followed."""
    files: list[os.DirEntry[str]] = []
    folders: list[str] = []
    odd: dict[str, str] | None = None
    try:
        descriptor = (
            os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if _BY_DESCRIPTOR else None
        )
        try:
            with os.scandir(path if descriptor is None else descriptor) as scan:
                for entry in scan:
                    if entry.name[0] == ".":
                        continue
                    if entry.is_file(follow_symlinks=False):  # first: nearly every entry is one
                        files.append(entry)
                    elif (problem := _odd(entry)) is None:
                        folders.append(entry.name)
                    else:
                        files.append(entry)
                        odd = odd or {}
                        odd[entry.name] = problem
            files.sort(key=_NAME)
            keys = _stat_keys(files) if stat else None  # while the descriptor is open
        finally:
            if descriptor is not None:
                os.close(descriptor)
    except OSError as exc:
        raise UsageError(f"không đọc được thư mục {path}: {exc.strerror}") from None
    folders.sort()
    return tuple(map(_NAME, files)), keys, folders, odd


def walk(records: Path, *, stat: bool = False) -> Tree:
    """Every non-hidden file under ``records``, with its stat key if ``stat`` (taken once,
    before any file is read: see :mod:`generator.reading.cache`)."""
    if not records.is_dir():
        raise UsageError(f"không đọc được thư mục hồ sơ: {records}")
    folders: dict[str, Folder] = {}
    stack = [("", str(records))]  # a loop, not recursion
    while stack:
        rel, path = stack.pop()
        names, keys, subfolders, odd = _list(path, stat=stat)
        if names:
            folders[rel] = Folder(path, names, keys, odd)
        prefix = f"{rel}/" if rel else ""
        stack.extend((prefix + name, f"{path}{_SEP}{name}") for name in reversed(subfolders))
    return Tree(records.name or records.resolve().name, folders)


def discover(records: Path) -> list[SourceFile]:
    """Every non-hidden file under ``records`` (see :class:`Tree`)."""
    return walk(records).sources()


def whole_file(source: SourceFile, rule: str, message: str) -> Finding:
    """A record error about a file as a whole, placed at its first line."""
    return Finding(
        rule=rule, severity=Severity.ERROR, message=message, file=source.file, line=1, column=1
    )


def misplaced(source: SourceFile) -> Finding:
    hint = " (đuôi tệp phải là .yaml)" if source.rel.endswith(".yml") else ""
    return whole_file(
        source,
        "path-mismatch",
        f"Tệp nằm ở vị trí không thuộc loại hồ sơ nào{hint}; xem cấu trúc thư mục records/",
    )


def _syntax(source: SourceFile, message: str, line: int, column: int) -> Finding:
    return Finding(
        rule="yaml-syntax",
        severity=Severity.ERROR,
        message=message,
        file=source.file,
        line=line,
        column=column,
    )


def parse_bytes(raw: bytes, source: SourceFile, location: Location) -> Document | Finding:
    """Values of one file, or the finding that stops it: too large, not printable text
    (see :mod:`generator.reading.printable`), or not YAML."""
    too_large = printable.file_too_large(len(raw))
    if too_large:
        return _syntax(source, too_large, 1, 1)
    try:
        text = yamlread.decode(raw)
        forbidden = printable.first_forbidden(text)
        if forbidden:
            return _syntax(source, forbidden[2], forbidden[0], forbidden[1])
        data = yamlfast.parse_values(text)
    except yamlread.YamlProblem as problem:
        return _syntax(source, f"Lỗi cú pháp YAML: {problem.message}", problem.line, problem.column)
    document = Document(source.file, location, data, source.path)
    # Only an escape ("\x80") can make a character that the text itself does not hold.
    if "\\" in text and (escaped := printable.value_problem(data)):
        path, on_key, message = escaped
        line, column = document.mark(path, key=on_key)
        return Finding(
            "schema", Severity.ERROR, message, document.file, line, column, private=is_private(path)
        )
    return document


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def read_raw(path: str) -> bytes:
    """A record file's bytes; never through a link, and never more than the size limit
    allows (a larger file reads as one byte more than the limit, for its error).

    One read of the size the file has (asking for a megabyte every time would cost a
    megabyte's allocation per file), and one more if it grew meanwhile.
    """
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        limit = printable.MAX_FILE_BYTES + 1
        wanted = min(os.fstat(descriptor).st_size + 1, limit)
        data = os.read(descriptor, wanted)
        if len(data) == wanted < limit:
            data += os.read(descriptor, limit - wanted)
        return data
    finally:
        os.close(descriptor)


def read(
    source: SourceFile, location: Location, cache: ParseCache | None = None
) -> Document | Finding:
    """Parse one classified file; a problem comes back as a ``yaml-syntax`` finding."""
    if source.problem is not None:
        return whole_file(source, "yaml-syntax", source.problem)
    if cache is not None:
        return _read_cached(source, location, cache)
    try:
        raw = read_raw(source.path)
    except OSError as exc:
        return whole_file(source, "yaml-syntax", f"Không đọc được tệp: {exc.strerror}")
    return parse_bytes(raw, source, location)


def _read_cached(source: SourceFile, location: Location, cache: ParseCache) -> Document | Finding:
    if source.stat == NO_STAT:  # the walk could not stat it: read it, but never index it
        return read(source, location)
    try:
        stat = source.stat if source.stat is not None else stat_key(source.path)
        known = cache.known(source.rel, stat)
        if known is not None:
            return Document(source.file, location, known, source.path)
        raw = read_raw(source.path)
    except OSError:
        return read(source, location)  # reports the problem
    digest = content_hash(raw)
    found = cache.by_content(source.rel, digest)
    if found is not None:
        cache.remember(source.rel, stat, digest, None)
        return Document(source.file, location, found, source.path)
    result = parse_bytes(raw, source, location)
    cache.remember(source.rel, stat, digest, None if isinstance(result, Finding) else result.data)
    return result
