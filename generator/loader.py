"""Read every file under ``records/`` into located documents, collecting problems."""

from __future__ import annotations

import operator
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from generator import yamlread
from generator.cache import ParseCache, content_hash
from generator.errors import UsageError
from generator.findings import Finding, Severity
from generator.layout import Kind, Location

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
                with open(self.path, "rb") as handle:  # noqa: PTH123 - see read()
                    parsed = yamlread.parse(yamlread.decode(handle.read()))
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


_NAME = operator.attrgetter("name")


class SourceFile(NamedTuple):
    """A file found under ``records/`` before it is parsed (a tuple: 100k are made cheaply)."""

    path: str  # as the file system names it
    rel: str  # relative to records/, with "/" separators
    file: str  # as findings show it: relative to the folder that holds records/


@dataclass(frozen=True, slots=True)
class Folder:
    """The files :func:`walk` found directly in one folder, in order."""

    names: list[str] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)


def discover(records: Path) -> list[SourceFile]:
    """Every non-hidden file under ``records``, depth first by name (hidden folders skipped)."""
    return walk(records)[0]


def walk(records: Path) -> tuple[list[SourceFile], dict[str, Folder]]:
    """:func:`discover`'s files, and the same files by folder ("" for records/ itself)."""
    if not records.is_dir():
        raise UsageError(f"không đọc được thư mục hồ sơ: {records}")
    base = records.name or records.resolve().name

    def listing(folder: str) -> Iterator[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as scan:
                return iter(sorted(scan, key=_NAME))
        except OSError as exc:
            raise UsageError(f"không đọc được thư mục {folder}: {exc.strerror}") from None

    found: list[SourceFile] = []
    folders: dict[str, Folder] = {}
    # A loop, not recursion (no generator chain per file): (folder, its entries left, its files).
    stack = [("", listing(str(records)), Folder())]
    while stack:
        here, entries, files = stack[-1]
        prefix = here + "/" if here else ""
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            rel = prefix + name
            if entry.is_dir(follow_symlinks=False):
                stack.append((rel, listing(entry.path), Folder()))
                break
            if entry.is_file():
                source = SourceFile(entry.path, rel, f"{base}/{rel}")
                found.append(source)
                files.names.append(name)
                files.files.append(source)
        else:
            stack.pop()
            if files.names:
                folders[here] = files
    return found, folders


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


def parse_bytes(raw: bytes, source: SourceFile, location: Location) -> Document | Finding:
    try:
        data = yamlread.parse_values(yamlread.decode(raw))
    except yamlread.YamlProblem as problem:
        return Finding(
            rule="yaml-syntax",
            severity=Severity.ERROR,
            message=f"Lỗi cú pháp YAML: {problem.message}",
            file=source.file,
            line=problem.line,
            column=problem.column,
        )
    return Document(source.file, location, data, source.path)


def read(
    source: SourceFile, location: Location, cache: ParseCache | None = None
) -> Document | Finding:
    """Parse one classified file; a problem comes back as a ``yaml-syntax`` finding."""
    if cache is not None:
        return _read_cached(source, location, cache)
    try:
        with open(source.path, "rb") as handle:  # noqa: PTH123 - the hot path: no Path object per file
            raw = handle.read()
    except OSError as exc:
        return whole_file(source, "yaml-syntax", f"Không đọc được tệp: {exc.strerror}")
    return parse_bytes(raw, source, location)


def _read_cached(source: SourceFile, location: Location, cache: ParseCache) -> Document | Finding:
    try:
        stat = cache.stat(source.rel, source.path)
        known = cache.known(source.rel, stat)
        if known is not None:
            return Document(source.file, location, known, source.path)
        with open(source.path, "rb") as handle:  # noqa: PTH123 - the hot path: no Path object per file
            raw = handle.read()
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
