"""Officials (an index and one page each) and places (coverage by year)."""

from __future__ import annotations

from generator.domain import coverage, structure
from generator.domain.model import Official
from generator.domain.periods import year_span
from generator.publishing import documents
from generator.publishing.pages.base import Pages
from generator.vietnamese import DUTY, collation_key


def people(p: Pages) -> None:
    current = {o.id: max(o.assignments, key=lambda a: a.start) for o in p.officials}
    p.page(
        "can-bo/index.md",
        "officials_index.html.j2",
        "Cán bộ",
        people=p.officials,
        current=current,
        **p.common,
    )
    for official in p.officials:
        if p.wanted_official(official.id):
            _official(p, official)


def _areas(p: Pages, official: Official) -> list[str]:
    """Names of the areas of the official's units (the page is found by them too)."""
    units = p.records.units
    names = {
        p.records.places[area].name
        for a in official.assignments
        if a.unit in units and (area := units[a.unit].area) in p.records.places
    }
    return sorted(names, key=collation_key)


def _official(p: Pages, official: Official) -> None:
    visits = sorted(
        p.compliance.visits_of.get(official.id, []), key=lambda v: v.start, reverse=True
    )
    rows = sorted(p.rows_by_official.get(official.id, []), key=lambda r: r.year, reverse=True)
    for row in rows:
        p.site.add(
            f"van-ban/can-bo/{official.id}-{row.year}.docx",
            documents.official_document(p.compliance, official, row, p.as_of),
        )
    p.page(
        p.official_page(official.id),
        "official.html.j2",
        official.name,
        official=official,
        visits=visits,
        rows=rows,
        duties=DUTY,
        counted={v.source.file: p.compliance.counted(v) for v in visits},
        areas=_areas(p, official),
        **p.common,
    )


def places(p: Pages) -> None:
    tops = sorted(
        (place for place in p.records.places.values() if "/" not in place.id),
        key=lambda place: collation_key(place.name),
    )
    visit_years = {v.start.year for v in p.records.visits}
    years = [y for y in p.years if y in visit_years]
    p.page(
        "dia-ban/index.md",
        "places_index.html.j2",
        "Địa bàn",
        years=list(reversed(years)),
        districts=tops,
        moved={d.id: structure.successors(p.records, d) for d in tops if d.ends},
        **p.common,
    )
    for year in years:
        areas = coverage.coverage(p.records, year)
        grid = {a.area.id: list(a.visits_by_quarter) for a in areas}
        ended = sorted(structure.ended_in(p.records, year_span(year)), key=lambda e: e.id)
        p.page(
            f"dia-ban/{year}.md",
            "places_year.html.j2",
            f"Địa bàn năm {year}",
            search=False,
            year=year,
            districts=[a.area for a in areas],
            grid=grid,
            peak=max((n for counts in grid.values() for n in counts), default=0) or 1,
            unvisited={a.area.id: list(a.unvisited) for a in areas},
            ended=[(e, structure.successors(p.records, e)) for e in ended],
            **p.common,
        )
