"""Which pages the site has and what each shows (the view models of the templates).

One module per kind of page; each builder takes the shared :class:`Pages`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.domain.outcome import Outcome
from generator.publishing.pages.base import Pages, Scope, flags, place_label
from generator.publishing.pages.findings import findings, is_open, rules
from generator.publishing.pages.people import people, places
from generator.publishing.pages.reports import plans, reports
from generator.publishing.pages.summary import overview, results
from generator.publishing.render import Site, SourceLinks, source_links

__all__ = ["Pages", "Scope", "flags", "generate", "is_open", "place_label", "write_pages"]

BUILDERS = (overview, results, reports, plans, people, places, findings, rules)


def generate(
    outcome: Outcome,
    as_of: date,
    sources: SourceLinks | None,
    site: Site | None = None,
    scope: Scope | None = None,
) -> Site:
    """Every page and data file of the site, into ``site`` (by default one kept in memory);
    with ``scope``, only those that an edit of visit reports within it can change."""
    pages = Pages(outcome, as_of, sources, site, scope)
    pages.assets()
    pages.data()
    for builder in BUILDERS:
        builder(pages)
    return pages.site


def write_pages(outcome: Outcome, as_of: date, docs: Path, scope: Scope | None = None) -> None:
    """Generate every page and data file into ``docs``, writing only those that changed
    (with ``scope``, making only what it can change, and removing nothing)."""
    docs.mkdir(parents=True, exist_ok=True)
    written = generate(outcome, as_of, source_links(), Site(docs), scope)
    if scope is None:
        written.finish()
