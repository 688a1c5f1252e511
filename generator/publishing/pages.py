"""Which pages the site has and what each shows (the view models of the templates)."""

from __future__ import annotations

import inspect
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from generator.domain import coverage, periodic, structure, timeliness
from generator.domain.compliance import Status, YearRow
from generator.domain.findings import Finding, Severity
from generator.domain.model import Official, Records
from generator.domain.outcome import Outcome
from generator.domain.periods import Quarter, quarters, year_span
from generator.domain.rules import REGISTRY
from generator.publishing import documents, exports, policy_text, xlsx
from generator.publishing.deadlines import ANNUAL_LABELS, upcoming
from generator.publishing.render import STATIC, Renderer, Site, SourceLinks, source_links
from generator.vietnamese import CONTENTS, DUTY, collation_key, fold, name_key


def place_label(records: Records, place_id: str) -> str:
    """'Ấp Thạnh Hòa, Xã Thạnh Tây, Huyện Tân Biên' from a full place id."""
    parts = place_id.split("/")
    names = []
    for depth in range(len(parts), 0, -1):
        place = records.places.get("/".join(parts[:depth]))
        names.append(place.name if place else parts[depth - 1])
    return ", ".join(names)


def _years(outcome: Outcome, as_of: date) -> list[int]:
    policies = outcome.compliance.policies
    first = min((p.effective_from.year for p in policies), default=as_of.year)
    return list(range(first, as_of.year + 1))


def _quarters(outcome: Outcome, as_of: date) -> list[Quarter]:
    policies = outcome.compliance.policies
    if not policies:
        return []
    return list(quarters(policies[0].effective_from, as_of))


class Pages(Renderer):
    def __init__(
        self, outcome: Outcome, as_of: date, sources: SourceLinks | None, site: Site | None = None
    ) -> None:
        super().__init__(outcome, as_of, sources, site)
        self.records = outcome.records
        self.compliance = outcome.compliance
        # What the public may read: nothing about anyone's exemptions (Finding.private).
        self.public_findings = [f for f in outcome.findings if not f.private]
        self.rows_by_year: dict[int, list[YearRow]] = defaultdict(list)
        self.rows_by_official: dict[str, list[YearRow]] = defaultdict(list)
        for row in self.compliance.rows:
            self.rows_by_year[row.year].append(row)
            self.rows_by_official[row.official].append(row)
        self.years = _years(outcome, as_of)
        self.quarter_list = _quarters(outcome, as_of)
        self.officials = sorted(self.records.officials.values(), key=lambda o: name_key(o.name))
        # Tables sort names by this rank: the Vietnamese order, which the browser does not know.
        name_rank = {official.id: rank for rank, official in enumerate(self.officials)}
        self.common: dict[str, Any] = {
            "officials": self.records.officials,
            "units": self.records.units,
            "place": lambda pid: place_label(self.records, pid),
            "contents": CONTENTS,
            "name_rank": name_rank,
        }

    def official_page(self, official_id: str) -> str:
        return f"can-bo/{official_id}.md"

    # -- pages -------------------------------------------------------------------

    def assets(self) -> None:
        for path in sorted(STATIC.rglob("*")):
            if path.is_file():
                self.site.add(f"assets/{path.relative_to(STATIC).as_posix()}", path.read_bytes())

    def data(self) -> None:
        rows = self.compliance.rows
        self.site.add("data/compliance.json", exports.report_json(rows, self.as_of))
        self.site.add("data/compliance.csv", exports.report_csv(rows, self.records))
        self.site.add(
            "data/compliance.xlsx", xlsx.compliance_workbook(rows, self.records, self.as_of)
        )

    def overview(self) -> None:
        year = self.as_of.year
        rows = self.rows_by_year.get(year, [])
        elapsed = (self.as_of - date(year, 1, 1)).days + 1
        fraction = min(1.0, elapsed / year_span(year).days)
        per_unit: dict[str, list[float]] = {}
        for row in rows:
            if row.applicable_days:
                done_due = per_unit.setdefault(row.unit, [0.0, 0.0])
                done_due[0] += row.counted_days
                done_due[1] += row.required_days * fraction
        bars = [
            (uid, self.records.units[uid].name if uid in self.records.units else uid, done, due)
            for uid, (done, due) in sorted(
                per_unit.items(),
                key=lambda i: (
                    self.records.units[i[0]].level if i[0] in self.records.units else "",
                    i[0],
                ),
            )
        ]
        last = self.rows_by_year.get(year - 1, [])
        counts = Counter(f.severity for f in self.public_findings)
        visits_this_year = sum(1 for v in self.records.visits if v.start.year == year)
        deadlines = upcoming(self.compliance)
        self.page(
            "index.md",
            "overview.html.j2",
            "Tổng quan",
            bars=bars,
            scale=max((max(d, u) for _, _, d, u in bars), default=1) or 1,
            fraction=fraction,
            year=year,
            officials_count=len(self.records.officials),
            visits_this_year=visits_this_year,
            days_this_year=sum(r.counted_days for r in rows),
            last_year=year - 1,
            last_met=sum(1 for r in last if r.status is Status.MET),
            last_total=sum(1 for r in last if r.status in {Status.MET, Status.NOT_MET}),
            errors=counts[Severity.ERROR],
            violations=counts[Severity.VIOLATION],
            deadlines=deadlines,
            **self.common,
        )

    def results(self) -> None:
        years = [y for y in self.years if self.rows_by_year.get(y)]
        summary = {y: Counter(r.status for r in self.rows_by_year[y]) for y in years}
        self.page(
            "ket-qua/index.md",
            "results_index.html.j2",
            "Kết quả thực hiện",
            years=years,
            summary=summary,
        )
        for year in years:
            rows = sorted(
                self.rows_by_year[year],
                key=lambda r: name_key(self.records.officials[r.official].name),
            )
            units = sorted({r.unit for r in rows})
            self.page(
                f"ket-qua/{year}.md",
                "results_year.html.j2",
                f"Kết quả thực hiện năm {year}",
                search=False,
                year=year,
                rows=rows,
                unit_ids=units,
                finished=self.compliance.finished(year),
                **self.common,
            )

    def reports(self) -> None:
        entries: list[tuple[str, str, str]] = []
        by_year: dict[int, list[periodic.PeriodReport]] = defaultdict(list)
        for quarter in self.quarter_list:
            report = periodic.quarter_report(self.compliance, quarter)
            by_year[quarter.year].append(report)
            self._report(report, None)
            entries.append((str(quarter.year), report.title, f"bao-cao/{report.slug}.md"))
        for year in self.years:
            for half in (1, 2):
                if date(year, 1 if half == 1 else 7, 1) <= self.as_of:
                    report = periodic.half_report(self.compliance, year, half)
                    self._report(report, None)
                    entries.append((str(year), report.title, f"bao-cao/{report.slug}.md"))
            report = periodic.year_report(self.compliance, year)
            policy = self.compliance.report_policy(year)
            self._report(report, policy.annual_deadlines(year) if policy else [])
            entries.append((str(year), report.title, f"bao-cao/{report.slug}.md"))
        for year, reports in by_year.items():
            rows = self.rows_by_year.get(year, [])
            self.site.add(
                f"data/nam-{year}.xlsx", xlsx.year_workbook(self.compliance, rows, reports, year)
            )
        by_year_links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for year_label, label, path in entries:
            by_year_links[year_label].append((label, path))
        self.page(
            "bao-cao/index.md",
            "reports_index.html.j2",
            "Báo cáo định kỳ",
            by_year=dict(sorted(by_year_links.items(), reverse=True)),
        )

    def _documents(self, report: periodic.PeriodReport) -> list[tuple[str, str]]:
        """The report as DOCX for the province and each district or commune union in it."""
        made = []
        own = {s.key for s in report.units}
        issuing = [u for u in self.records.units.values() if u.level != "province" and u.id in own]
        for unit in [None, *issuing]:
            name = "tinh" if unit is None else unit.id
            path = f"van-ban/{report.slug}/{name}.docx"
            self.site.add(
                path,
                documents.report_document(
                    self.compliance, self.public_findings, report, unit, self.as_of
                ),
            )
            made.append(("Toàn tỉnh" if unit is None else unit.name, path))
        return made

    def _report(self, report: periodic.PeriodReport, dues: list[tuple[date, str]] | None) -> None:
        self.page(
            f"bao-cao/{report.slug}.md",
            "report.html.j2",
            report.title,
            search=False,
            report=report,
            dues=dues,
            due_labels=ANNUAL_LABELS,
            downloads=self._documents(report),
            **self.common,
        )

    def plans(self) -> None:
        by_quarter: dict[tuple[int, int], list[object]] = defaultdict(list)
        for plan in self.records.plans:
            by_quarter[(plan.year, plan.quarter)].append(plan)
        late = {
            (plan.unit, plan.year, plan.quarter)
            for plan in self.records.plans
            if timeliness.late_plan(self.compliance, plan)
        }
        quarters_with_plans = [q for q in self.quarter_list if (q.year, q.number) in by_quarter]
        self.page(
            "ke-hoach/index.md",
            "plans_index.html.j2",
            "Kế hoạch đi cơ sở",
            quarters=list(reversed(quarters_with_plans)),
            by_quarter=by_quarter,
        )
        for quarter in quarters_with_plans:
            plans = sorted(by_quarter[(quarter.year, quarter.number)], key=lambda p: p.unit)  # type: ignore[attr-defined]
            self.page(
                f"ke-hoach/{quarter.year}-q{quarter.number}.md",
                "plans_quarter.html.j2",
                f"Kế hoạch đi cơ sở {quarter.label_lower}",
                search=False,
                quarter=quarter,
                plans=plans,
                late=late,
                **self.common,
            )

    def people(self) -> None:
        current = {o.id: max(o.assignments, key=lambda a: a.start) for o in self.officials}
        self.page(
            "can-bo/index.md",
            "officials_index.html.j2",
            "Cán bộ",
            people=self.officials,
            current=current,
            **self.common,
        )
        for official in self.officials:
            self._official(official)

    def _official(self, official: Official) -> None:
        visits = sorted(
            self.compliance.visits_of.get(official.id, []), key=lambda v: v.start, reverse=True
        )
        rows = sorted(
            self.rows_by_official.get(official.id, []), key=lambda r: r.year, reverse=True
        )
        for row in rows:
            self.site.add(
                f"van-ban/can-bo/{official.id}-{row.year}.docx",
                documents.official_document(self.compliance, official, row, self.as_of),
            )
        keywords = {
            official.name,
            *(
                self.records.units[a.unit].name
                for a in official.assignments
                if a.unit in self.records.units
            ),
        }
        keywords |= {
            self.records.places[area].name
            for a in official.assignments
            if a.unit in self.records.units
            and (area := self.records.units[a.unit].area) in self.records.places
        }
        self.page(
            self.official_page(official.id),
            "official.html.j2",
            official.name,
            official=official,
            visits=visits,
            rows=rows,
            duties=DUTY,
            counted={v.source.file: self.compliance.counted(v) for v in visits},
            folded=" ".join(sorted(fold(k) for k in keywords)),
            **self.common,
        )

    def places(self) -> None:
        tops = sorted(
            (p for p in self.records.places.values() if "/" not in p.id),
            key=lambda p: collation_key(p.name),
        )
        visit_years = {v.start.year for v in self.records.visits}
        years = [y for y in self.years if y in visit_years]
        self.page(
            "dia-ban/index.md",
            "places_index.html.j2",
            "Địa bàn",
            years=list(reversed(years)),
            districts=tops,
            moved={p.id: structure.successors(self.records, p) for p in tops if p.ends},
            folded=" ".join(fold(d.name) for d in tops),
            **self.common,
        )
        for year in years:
            span = year_span(year)
            areas = coverage.coverage(self.records, year)
            districts = [a.area for a in areas]
            grid = {a.area.id: list(a.visits_by_quarter) for a in areas}
            unvisited = {a.area.id: list(a.unvisited) for a in areas}
            ended = sorted(structure.ended_in(self.records, span), key=lambda p: p.id)
            peak = max((n for counts in grid.values() for n in counts), default=0) or 1
            self.page(
                f"dia-ban/{year}.md",
                "places_year.html.j2",
                f"Địa bàn năm {year}",
                search=False,
                year=year,
                districts=districts,
                grid=grid,
                peak=peak,
                unvisited=unvisited,
                ended=[(p, structure.successors(self.records, p)) for p in ended],
                folded=" ".join(fold(d.name) for d in districts),
                **self.common,
            )

    def findings(self) -> None:
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.public_findings:
            by_rule[finding.rule].append(finding)
        groups = [
            (module.RULE, by_rule[module.RULE.id])
            for module in REGISTRY
            if by_rule.get(module.RULE.id)
        ]
        self.page(
            "vi-pham.md",
            "findings.html.j2",
            "Lỗi và vi phạm",
            search=False,
            groups=groups,
            sources=self.sources,
            **self.common,
        )

    def rules(self) -> None:
        catalogue = [(module.RULE, inspect.cleandoc(module.__doc__ or "")) for module in REGISTRY]
        self.page(
            "quy-dinh.md",
            "rules.html.j2",
            "Quy định và các quy tắc kiểm tra",
            policies=self.compliance.policies,
            catalogue=catalogue,
            policy_rows=policy_text.parameters,
            policy_contents=policy_text.contents,
            policy_rules=policy_text.rules_on,
            **self.common,
        )


def generate(
    outcome: Outcome, as_of: date, sources: SourceLinks | None, site: Site | None = None
) -> Site:
    """Every page and data file of the site, into ``site`` (by default one kept in memory)."""
    pages = Pages(outcome, as_of, sources, site)
    pages.assets()
    pages.data()
    pages.overview()
    pages.results()
    pages.reports()
    pages.plans()
    pages.people()
    pages.places()
    pages.findings()
    pages.rules()
    return pages.site


def write_pages(outcome: Outcome, as_of: date, docs: Path) -> None:
    """Generate every page and data file into ``docs``, writing only those that changed."""
    docs.mkdir(parents=True, exist_ok=True)
    generate(outcome, as_of, source_links(), Site(docs)).finish()
