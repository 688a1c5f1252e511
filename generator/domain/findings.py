"""Findings are values: one frozen record per problem, collected then reported."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most serious; used to put important findings first."""
        return _RANK[self]

    @property
    def label(self) -> str:
        """The Vietnamese word shown to officials."""
        return _LABEL[self]


_RANK = {Severity.ERROR: 0, Severity.VIOLATION: 1, Severity.WARNING: 2, Severity.INFO: 3}
_LABEL = {
    Severity.ERROR: "lỗi",
    Severity.VIOLATION: "vi phạm",
    Severity.WARNING: "cảnh báo",
    Severity.INFO: "thông tin",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in the records.

    ``file`` is relative to the folder that holds ``records/`` (``None`` for a
    finding about a person-year); ``line``/``column`` are 1-based or ``None``.
    ``private``: about an official's exemptions (see :func:`is_private`), so shown to
    those who edit the records (the command line, CI) and never on the public site.
    """

    rule: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    official: str | None = None
    unit: str | None = None
    year: int | None = None
    quarter: int | None = None
    private: bool = False

    def sort_key(self) -> tuple[object, ...]:
        return (
            self.file is None,
            self.file or "",
            self.line or 0,
            self.column or 0,
            self.rule,
            self.year or 0,
            self.official or "",
            self.unit or "",
            self.quarter or 0,
            self.message,
        )

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "official": self.official,
            "unit": self.unit,
            "year": self.year,
            "quarter": self.quarter,
            "message": self.message,
        }


# Parts of a record that say something about a person's health, family or absences: a
# finding there could let a reader infer what the public pages never show (an exemption's
# kind, an exemption at all), so it stays out of them.
_PRIVATE_KEYS = frozenset({"exemptions"})


def is_private(path: tuple[str | int, ...]) -> bool:
    """Whether a finding at ``path`` inside a record is :attr:`Finding.private`."""
    return bool(path) and path[0] in _PRIVATE_KEYS


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Deterministic order: file, line, column, rule; person-year findings last."""
    return sorted(set(findings), key=Finding.sort_key)


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts
