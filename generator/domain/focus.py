"""``validate PATH ...``: what a person who changed some files needs to see (SPEC §5, v2).

A filter over the findings of a normal run, never a narrower run: cross-record rules
still see every record. Every ``error`` is kept, wherever it is (it blocks the merge);
violations, warnings and infos only when they are about one of the changed files:

- a finding with a ``file``: that file is one of the PATHs;
- a finding about a person-year (no file, an official): a PATH is that official's
  file or one of their visit reports;
- a finding about a missing plan (no file, a unit, no official): a PATH is a plan of
  that unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.domain.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class Focus:
    """The changed files, as paths relative to the folder that holds ``records/``."""

    files: frozenset[str]
    officials: frozenset[str]
    plan_units: frozenset[str]

    def keeps(self, finding: Finding) -> bool:
        if finding.severity is Severity.ERROR:
            return True
        if finding.file is not None:
            return finding.file in self.files
        if finding.official is not None:
            return finding.official in self.officials
        return finding.unit is not None and finding.unit in self.plan_units


def relative_paths(paths: Iterable[str | Path], records_dir: Path) -> list[str]:
    """Each PATH (absolute, or relative to the current folder) as a finding's ``file``.

    Paths outside the folder that holds the records are left out: they match nothing.
    A path need not exist (a pull request may delete a file).
    """
    base = records_dir.resolve().parent
    out: list[str] = []
    for raw in paths:
        absolute = Path(raw).resolve()
        try:
            out.append(absolute.relative_to(base).as_posix())
        except ValueError:
            continue
    return out


def focus_on(files: Sequence[str], records_name: str) -> Focus:
    """The officials and plan units the changed ``files`` speak for."""
    officials: set[str] = set()
    units: set[str] = set()
    for file in files:
        parts = PurePosixPath(file).parts
        if not parts or parts[0] != records_name:
            continue
        inner = parts[1:]
        if len(inner) == 2 and inner[0] == "officials" and inner[1].endswith(".yaml"):
            officials.add(inner[1].removesuffix(".yaml"))
        elif len(inner) == 4 and inner[0] == "visits":
            officials.add(inner[2])
        elif len(inner) == 4 and inner[0] == "plans" and inner[3].endswith(".yaml"):
            units.add(inner[3].removesuffix(".yaml"))
    return Focus(frozenset(files), frozenset(officials), frozenset(units))


def focused(
    findings: list[Finding], paths: Sequence[str | Path], records_dir: Path
) -> list[Finding]:
    """The findings ``validate PATH ...`` prints for the changed ``paths``."""
    files = relative_paths(paths, records_dir)
    focus = focus_on(files, records_dir.resolve().name)
    return [f for f in findings if focus.keeps(f)]
