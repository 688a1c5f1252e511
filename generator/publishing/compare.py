"""``compare --base DIR --head DIR``: what a change does to the figures (Markdown).

Runs the normal checks on the records of a pull request's base and head and tells
the reviewer which violations (and warnings) the change adds and which it clears,
which errors it brings, and which officials' status for a year changes. Findings
are matched without their line and column, so a line moved by an edit above it is
not news. Record text is made inert for Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator import inert
from generator.domain.compliance import Status
from generator.domain.findings import Finding, Severity
from generator.domain.outcome import Outcome

MARKER = "<!-- di-co-so:compare -->"
LIMIT = 100  # lines a list shows before "… và N mục khác"


def _identity(finding: Finding) -> tuple[object, ...]:
    return (
        finding.rule,
        finding.severity.value,
        finding.file,
        finding.official,
        finding.unit,
        finding.year,
        finding.quarter,
        finding.message,
    )


@dataclass(frozen=True, slots=True)
class Change:
    official: str
    name: str  # as the head's records (else the base's) name the official
    year: int
    before: Status | None
    after: Status | None


@dataclass(frozen=True, slots=True)
class Difference:
    added: list[Finding]
    cleared: list[Finding]
    statuses: list[Change]

    @property
    def empty(self) -> bool:
        return not (self.added or self.cleared or self.statuses)


def difference(base: Outcome, head: Outcome) -> Difference:
    def public(findings: Iterable[Finding]) -> dict[tuple[object, ...], Finding]:
        return {_identity(f): f for f in findings if f.severity is not Severity.INFO}

    before, after = public(base.findings), public(head.findings)
    added = [f for key, f in after.items() if key not in before]
    cleared = [f for key, f in before.items() if key not in after]
    old = {(r.official, r.year): r.status for r in base.compliance.rows}
    new = {(r.official, r.year): r.status for r in head.compliance.rows}
    statuses = [
        Change(
            official,
            _name(head, official) or _name(base, official) or official,
            year,
            old.get((official, year)),
            new.get((official, year)),
        )
        for official, year in sorted(old.keys() | new.keys(), key=lambda k: (k[1], k[0]))
        if old.get((official, year)) != new.get((official, year))
    ]
    return Difference(
        sorted(added, key=Finding.sort_key), sorted(cleared, key=Finding.sort_key), statuses
    )


def _where(finding: Finding) -> str:
    if finding.file is not None:
        return f"`{inert.terminal(finding.file).replace('`', '')}`"
    subject = [
        finding.official or finding.unit,
        finding.year,
        f"Q{finding.quarter}" if finding.quarter else None,
    ]
    return inert.markdown(" ".join(str(s) for s in subject if s is not None))


def _line(finding: Finding) -> str:
    return (
        f"- {finding.severity.label} `{finding.rule}` {_where(finding)}: "
        f"{inert.markdown(finding.message)}"
    )


def _section(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return []
    shown = lines[:LIMIT]
    more = [f"- … và {len(lines) - LIMIT} mục khác"] if len(lines) > LIMIT else []
    return ["", f"### {title} ({len(lines)})", "", *shown, *more]


def _name(outcome: Outcome, official_id: str) -> str | None:
    official = outcome.records.officials.get(official_id)
    return official.name if official else None


def _status(value: Status | None) -> str:
    return value.label if value else "(không có)"


def markdown(diff: Difference) -> str:
    """The job summary and pull-request comment (the same text, with a marker to find it)."""
    lines = [MARKER, "## Thay đổi này ảnh hưởng đến số liệu thế nào", ""]
    if diff.empty:
        lines.append("Không thêm, không bớt vi phạm nào; kết quả của các cán bộ không đổi.")
        return "\n".join(lines) + "\n"
    errors = [f for f in diff.added if f.severity is Severity.ERROR]
    added = [f for f in diff.added if f.severity is not Severity.ERROR]
    lines.append(
        f"Thêm {len(added)} vi phạm, cảnh báo; gỡ {len(diff.cleared)}; "
        f"{len(diff.statuses)} kết quả cán bộ theo năm thay đổi; {len(errors)} lỗi mới."
    )
    lines += _section("Lỗi mới (phải sửa trước khi hợp nhất)", [_line(f) for f in errors])
    lines += _section("Vi phạm, cảnh báo thêm vào", [_line(f) for f in added])
    lines += _section("Vi phạm, cảnh báo được gỡ", [_line(f) for f in diff.cleared])
    lines += _section(
        "Cán bộ có kết quả thay đổi",
        [
            f"- {inert.markdown(c.name)} ({inert.markdown(c.official)}) năm {c.year}: "
            f"{_status(c.before)} → {_status(c.after)}"
            for c in diff.statuses
        ],
    )
    return "\n".join(lines) + "\n"
