"""What every page of the site shares: the outcome's figures indexed once, names, links."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.domain.compliance import YearRow
from generator.domain.model import Records
from generator.domain.outcome import Outcome
from generator.domain.periods import Quarter, quarters
from generator.publishing import exports, xlsx
from generator.publishing.render import STATIC, Renderer, Site, SourceLinks
from generator.vietnamese import CONTENTS, name_key

# The CSV's own columns for an official's yes/no figures: the web shows these cells.
FLAG_HEADERS = ("Đi cấp huyện", "Đi cấp xã, ấp", "Dự sinh hoạt chi đoàn")


@dataclass(frozen=True)
class Scope:
    """What an edit of visit reports alone can change: those officials' pages and
    documents, and the reports and workbooks of those years (every other page is
    cheap and always made again). ``None`` where a scope is taken means everything.
    """

    officials: frozenset[str]
    years: frozenset[int]


def place_label(records: Records, place_id: str) -> str:
    """'Ấp Thạnh Hòa, Xã Thạnh Tây, Huyện Tân Biên' from a full place id."""
    parts = place_id.split("/")
    names = []
    for depth in range(len(parts), 0, -1):
        place = records.places.get("/".join(parts[:depth]))
        names.append(place.name if place else parts[depth - 1])
    return ", ".join(names)


def flags(row: YearRow, records: Records) -> dict[str, str]:
    """An official-year's yes/no figures exactly as the CSV and the workbooks write them."""
    cells = dict(zip(exports.CSV_HEADERS, exports.table([row], records)[0], strict=True))
    return {header: str(cells[header]) for header in FLAG_HEADERS}


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
    """The outcome indexed for the page builders of this package (one per page kind)."""

    def __init__(
        self,
        outcome: Outcome,
        as_of: date,
        sources: SourceLinks | None,
        site: Site | None = None,
        scope: Scope | None = None,
    ) -> None:
        super().__init__(outcome, as_of, sources, site)
        self.scope = scope
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
        records = self.records
        self.common: dict[str, Any] = {
            "officials": records.officials,
            "units": records.units,
            "place": lambda pid: place_label(records, pid),
            "contents": CONTENTS,
            "name_rank": name_rank,
            "flags": lambda row: flags(row, records),
        }

    def wanted_year(self, year: int) -> bool:
        return self.scope is None or year in self.scope.years

    def wanted_official(self, official_id: str) -> bool:
        return self.scope is None or official_id in self.scope.officials

    def official_page(self, official_id: str) -> str:
        return f"can-bo/{official_id}.md"

    def unit_name(self, unit_id: str | None) -> str:
        unit = self.records.units.get(unit_id or "")
        return unit.name if unit else (unit_id or "")

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
