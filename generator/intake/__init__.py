"""``intake --form FILE``: a visit report written in the issue form becomes a record (SPEC §5).

The body is data from anyone who may open an issue: every field is checked on its
own (known official, real dates, places by code or name, contents of the catalogue,
no markup or hidden characters), then the record is written into a copy of the
records and checked with every rule there. Only when it has no ``error`` finding is
it written, as a new file, at its SPEC path under the real records folder.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator import pipeline, scaffold
from generator.domain.findings import Finding, Severity, sort_findings
from generator.domain.outcome import Outcome
from generator.intake import body, record
from generator.intake.fields import BY_ID


@dataclass(frozen=True, slots=True)
class Result:
    path: Path | None  # the record written, or None when refused
    problems: list[tuple[str, str]]  # (field label, Vietnamese message), one per problem


def _named(key: str, message: str) -> tuple[str, str]:
    return (BY_ID[key].label if key in BY_ID else "Báo cáo", message)


def _errors(findings: list[Finding]) -> set[tuple[object, ...]]:
    return {
        (f.rule, f.file, f.line, f.column, f.message)
        for f in findings
        if f.severity is Severity.ERROR
    }


def _check_in_copy(
    records_dir: Path, rel: Path, text: str, *, keys: dict[int, str], as_of: date, before: Outcome
) -> list[tuple[str, str]]:
    """The errors the new record brings, checked in a copy of the records with it added.

    An error the records already had is not the reporter's; one on another file that
    the new record causes (the other of two overlapping visits) is.
    """
    with tempfile.TemporaryDirectory(prefix="intake-") as scratch:
        copy = Path(scratch) / records_dir.resolve().name
        shutil.copytree(records_dir, copy, symlinks=True)
        target = copy / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        outcome = pipeline.run(copy, as_of)
    file = (Path(copy.name) / rel).as_posix()
    known = _errors(before.findings)
    found: list[tuple[str, str]] = []
    for finding in sort_findings(outcome.findings):
        if finding.severity is not Severity.ERROR:
            continue
        if (finding.rule, finding.file, finding.line, finding.column, finding.message) in known:
            continue
        if finding.file == file:
            found.append((keys.get(finding.line or 0, ""), f"{finding.message} ({finding.rule})"))
        elif finding.rule == "visit-overlap":
            found.append(("from", f"trùng ngày với báo cáo đã có {finding.file} ({finding.rule})"))
        else:
            where = finding.file or finding.official or ""
            found.append(("", f"gây lỗi ở hồ sơ đã có {where}: {finding.message} ({finding.rule})"))
    return found


def intake(form_text: str, records_dir: Path, as_of: date) -> Result:
    parsed = body.parse(form_text)
    if parsed.problems:
        return Result(None, [_named(k, m) for k, m in parsed.problems])
    outcome = pipeline.run(records_dir, as_of)
    draft = record.read(parsed.values, outcome.records, outcome.compliance, as_of)
    if draft.problems:
        return Result(None, [_named(k, m) for k, m in draft.problems])
    text, keys = record.render(draft.values)
    official = str(draft.values["official"])
    start = draft.values["from"]
    assert isinstance(start, date)
    path = scaffold.visit_path(records_dir, official, start)
    rel = path.relative_to(records_dir)
    errors = _check_in_copy(records_dir, rel, text, keys=keys, as_of=as_of, before=outcome)
    if errors:
        return Result(None, [_named(k, m) for k, m in errors])
    try:
        scaffold.write_new(path, text)
    except FileExistsError:
        return Result(None, [_named("from", f"tệp {path.name} đã có; không ghi đè hồ sơ đã có")])
    return Result(path, [])
