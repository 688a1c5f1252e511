"""Which localities a year's visits reached: the one home of the coverage figures.

The site's locality pages and the workbook's "Địa bàn" sheet both read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.domain import structure
from generator.domain.model import Place, Records
from generator.domain.periods import Quarter, year_span
from generator.vietnamese import collation_key


@dataclass(frozen=True, slots=True)
class AreaYear:
    """One top-level place (a district, or a commune under the province) over one year."""

    area: Place
    # Visits that went anywhere in the area, by the quarter of their first day.
    visits_by_quarter: tuple[int, int, int, int]
    # Its communes in force in the year (the area itself, when it is a commune).
    communes: tuple[Place, ...]
    reached_communes: int
    # Places below the area (communes, hamlets) in force in the year that no visit reached.
    unvisited: tuple[Place, ...]

    @property
    def visits(self) -> int:
        return sum(self.visits_by_quarter)


def coverage(records: Records, year: int) -> list[AreaYear]:
    """Every top-level place in force in ``year``, in Vietnamese alphabetical order."""
    span = year_span(year)
    visits = [v for v in records.visits if v.start.year == year]
    by_quarter: dict[str, list[int]] = {}
    reached: set[str] = set()  # every place a visit went to, and every place above it
    for visit in visits:
        for top in {place.split("/", 1)[0] for place in visit.places}:
            by_quarter.setdefault(top, [0, 0, 0, 0])[Quarter.of(visit.start).number - 1] += 1
        for place in visit.places:
            parts = place.split("/")
            reached.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    in_force = structure.places_in(records, span)
    areas = sorted((p for p in in_force if "/" not in p.id), key=lambda p: collation_key(p.name))
    result = []
    for area in areas:
        below = [p for p in in_force if p.top == area.id]
        communes = tuple(p for p in below if p.kind == "commune")
        counts = by_quarter.get(area.id, [0, 0, 0, 0])
        result.append(
            AreaYear(
                area=area,
                visits_by_quarter=(counts[0], counts[1], counts[2], counts[3]),
                communes=communes,
                reached_communes=sum(1 for c in communes if c.id in reached),
                unvisited=tuple(
                    sorted(
                        (p for p in below if p.depth >= 2 and p.id not in reached),
                        key=lambda p: p.id,
                    )
                ),
            )
        )
    return result
