"""Read every file under ``records/`` into located documents, collecting problems."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator import yamlread
from generator.errors import UsageError
from generator.findings import Finding, Severity
from generator.layout import Kind, Location

Mark = yamlread.Mark
DataPath = yamlread.Path_


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed record file with a (line, column) mark for every key and value."""

    file: str  # display path: relative to the folder that holds records/
    location: Location
    data: dict[str, Any]
    marks: dict[DataPath, Mark]
    key_marks: dict[DataPath, Mark]

    @property
    def kind(self) -> Kind:
        return self.location.kind

    def mark(self, path: DataPath, *, key: bool = False) -> Mark:
        """The mark of the value at ``path`` (or of its key), else of its nearest ancestor."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path not in self.marks:
            path = path[:-1]
        return self.marks[path]


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file found under ``records/`` before it is parsed."""

    path: Path
    rel: PurePosixPath
    file: str


def discover(records: Path) -> Iterator[SourceFile]:
    """Every non-hidden file under ``records``, in a stable order."""
    if not records.is_dir():
        raise UsageError(f"không đọc được thư mục hồ sơ: {records}")
    base = records.name or records.resolve().name
    for dirpath, dirnames, filenames in os.walk(records):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath, name)
            rel = PurePosixPath(path.relative_to(records).as_posix())
            yield SourceFile(path, rel, f"{base}/{rel}")


def misplaced(source: SourceFile) -> Finding:
    hint = " (đuôi tệp phải là .yaml)" if source.rel.suffix == ".yml" else ""
    return Finding(
        rule="path-mismatch",
        severity=Severity.ERROR,
        message=f"Tệp nằm ở vị trí không thuộc loại hồ sơ nào{hint}; xem cấu trúc thư mục records/",
        file=source.file,
        line=1,
        column=1,
    )


def parse_bytes(raw: bytes, source: SourceFile, location: Location) -> Document | Finding:
    try:
        parsed = yamlread.parse(yamlread.decode(raw))
    except yamlread.YamlProblem as problem:
        return Finding(
            rule="yaml-syntax",
            severity=Severity.ERROR,
            message=f"Lỗi cú pháp YAML: {problem.message}",
            file=source.file,
            line=problem.line,
            column=problem.column,
        )
    return Document(source.file, location, parsed.data, parsed.marks, parsed.key_marks)


def read(source: SourceFile, location: Location) -> Document | Finding:
    """Parse one classified file; a problem comes back as a ``yaml-syntax`` finding."""
    try:
        raw = source.path.read_bytes()
    except OSError as exc:
        return Finding(
            rule="yaml-syntax",
            severity=Severity.ERROR,
            message=f"Không đọc được tệp: {exc.strerror}",
            file=source.file,
            line=1,
            column=1,
        )
    return parse_bytes(raw, source, location)
