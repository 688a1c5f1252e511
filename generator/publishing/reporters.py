"""Print findings as text, GitHub workflow commands (plus a job summary) or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TextIO

from generator import inert
from generator.domain.findings import Finding, Severity, count_by_severity
from generator.publishing.exports import json_document

SUMMARY_LIMIT = 1024 * 1024  # GitHub takes at most 1 MiB of job summary per step
_COMMAND = {
    Severity.ERROR: "error",
    Severity.VIOLATION: "warning",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def counts_line(findings: Sequence[Finding]) -> str:
    counts = count_by_severity(list(findings))
    return (
        f"{counts['error']} lỗi, {counts['violation']} vi phạm, "
        f"{counts['warning']} cảnh báo, {counts['info']} thông tin"
    )


def _where(finding: Finding) -> str:
    if finding.file is None:
        quarter = f"Q{finding.quarter}" if finding.quarter else None
        subject = " ".join(
            str(part)
            for part in (finding.official or finding.unit, finding.year, quarter)
            if part is not None
        )
        return f"[{subject}]" if subject else "[-]"
    if finding.line is None:
        return finding.file
    return f"{finding.file}:{finding.line}:{finding.column or 1}"


def text(findings: Sequence[Finding], out: TextIO) -> None:
    """``file:line:col: [severity] message (rule-id)``, then the counts (SPEC's severity ids).

    One finding is one line: a control character in a message or a file name is shown
    as ``\\x1b`` and the like, never sent to the terminal.
    """
    for finding in findings:
        line = f"{_where(finding)}: [{finding.severity.value}] {finding.message} ({finding.rule})"
        out.write(inert.terminal(line) + "\n")
    out.write(f"Tổng cộng: {counts_line(findings)}\n")


def _escape_data(value: str) -> str:
    """GitHub's escaping of ``%``, CR and LF, then every other control shown visibly."""
    return inert.terminal(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workflow_command(finding: Finding) -> str:
    props = []
    if finding.file is not None:
        props.append(f"file={_escape_property(finding.file)}")
        if finding.line is not None:
            props.append(f"line={finding.line}")
            props.append(f"col={finding.column or 1}")
    props.append(f"title={_escape_property(finding.rule)}")
    message = finding.message
    if finding.file is None:
        message = f"{_where(finding)} {message}"
    return f"::{_COMMAND[finding.severity]} {','.join(props)}::{_escape_data(message)}"


def _cell(value: object) -> str:
    """Record text as inert Markdown: no link, image, HTML, emphasis or table break."""
    return inert.markdown(value)


def summary(findings: Sequence[Finding]) -> str:
    """A Markdown job summary listing every finding, cut to GitHub's 1 MiB limit."""
    head = [
        "## Kiểm tra hồ sơ đi cơ sở",
        "",
        counts_line(findings),
        "",
    ]
    if not findings:
        return "\n".join([*head, "Không có lỗi hay vi phạm nào.", ""])
    head += ["| Mức | Quy tắc | Vị trí | Nội dung |", "|---|---|---|---|"]
    body = "\n".join(head) + "\n"
    size = len(body.encode())
    for shown, finding in enumerate(_by_importance(findings)):
        row = (
            f"| {finding.severity.label} | `{finding.rule}` | {_cell(_where(finding))} "
            f"| {_cell(finding.message)} |\n"
        )
        tail = f"\n… và {len(findings) - shown} mục khác (xem nhật ký của bước này).\n"
        if size + len(row.encode()) + len(tail.encode()) > SUMMARY_LIMIT:
            return body + tail
        body += row
        size += len(row.encode())
    return body


def _by_importance(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.severity.rank, *f.sort_key()))


def github(findings: Sequence[Finding], out: TextIO, summary_file: TextIO | None) -> None:
    """Workflow commands, most serious first (GitHub shows only the first ten of each kind)."""
    for finding in _by_importance(findings):
        out.write(workflow_command(finding) + "\n")
    out.write(f"Tổng cộng: {counts_line(findings)}\n")
    if summary_file is not None:
        summary_file.write(summary(findings))


def as_json(findings: Sequence[Finding], as_of: date, out: TextIO) -> None:
    document = {
        "as_of": as_of.isoformat(),
        "findings": [finding.as_json() for finding in findings],
        "counts": count_by_severity(list(findings)),
    }
    out.write(json_document(document))  # one write, not thousands
