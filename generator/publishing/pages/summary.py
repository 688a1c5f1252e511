"""The home page and the results pages (one table of officials per year)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from generator.domain.compliance import Status
from generator.domain.findings import Severity
from generator.domain.periods import year_span
from generator.publishing.deadlines import upcoming
from generator.publishing.pages.base import Pages
from generator.publishing.pages.findings import is_open
from generator.vietnamese import name_key


def overview(p: Pages) -> None:
    year = p.as_of.year
    rows = p.rows_by_year.get(year, [])
    elapsed = (p.as_of - date(year, 1, 1)).days + 1
    fraction = min(1.0, elapsed / year_span(year).days)
    per_unit: dict[str, list[float]] = {}
    for row in rows:
        if row.applicable_days:
            done_due = per_unit.setdefault(row.unit, [0.0, 0.0])
            done_due[0] += row.counted_days
            done_due[1] += row.required_days * fraction
    units = p.records.units
    bars = [
        (uid, p.unit_name(uid), done, due)
        for uid, (done, due) in sorted(
            per_unit.items(),
            key=lambda i: (units[i[0]].level if i[0] in units else "", i[0]),
        )
    ]
    last = p.rows_by_year.get(year - 1, [])
    # Open: what can still be fixed (this reporting period and the one before); the rest is history.
    counts = Counter(f.severity for f in p.public_findings if is_open(f, p.as_of))
    visits_this_year = sum(1 for v in p.records.visits if v.start.year == year)
    p.page(
        "index.md",
        "overview.html.j2",
        "Tổng quan",
        bars=bars,
        scale=max((max(d, u) for _, _, d, u in bars), default=1) or 1,
        fraction=fraction,
        year=year,
        officials_count=len(p.records.officials),
        visits_this_year=visits_this_year,
        days_this_year=sum(r.counted_days for r in rows),
        last_year=year - 1,
        last_met=sum(1 for r in last if r.status is Status.MET),
        last_total=sum(1 for r in last if r.status in {Status.MET, Status.NOT_MET}),
        errors=counts[Severity.ERROR],
        violations=counts[Severity.VIOLATION],
        deadlines=upcoming(p.compliance),
        **p.common,
    )


def results(p: Pages) -> None:
    years = [y for y in p.years if p.rows_by_year.get(y)]
    summary = {y: Counter(r.status for r in p.rows_by_year[y]) for y in years}
    p.page(
        "ket-qua/index.md",
        "results_index.html.j2",
        "Kết quả thực hiện",
        years=years,
        summary=summary,
        statuses=list(Status),
    )
    for year in years:
        rows = sorted(
            p.rows_by_year[year],
            key=lambda r: name_key(p.records.officials[r.official].name),
        )
        unit_ids = sorted({r.unit for r in rows})
        p.page(
            f"ket-qua/{year}.md",
            "results_year.html.j2",
            f"Kết quả thực hiện năm {year}",
            search=False,
            year=year,
            rows=rows,
            unit_ids=unit_ids,
            finished=p.compliance.finished(year),
            **p.common,
        )
