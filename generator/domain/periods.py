"""Days, spans, quarters and years. Pure functions: nothing here reads the clock."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """An inclusive range of days ``first``..``last``; empty when ``last < first``."""

    first: date
    last: date

    @property
    def empty(self) -> bool:
        return self.last < self.first

    @property
    def days(self) -> int:
        return max(0, (self.last - self.first).days + 1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def intersect(self, other: Span) -> Span:
        return Span(max(self.first, other.first), min(self.last, other.last))

    def covers(self, other: Span) -> bool:
        return self.first <= other.first and other.last <= self.last

    def overlaps(self, other: Span) -> bool:
        return not self.intersect(other).empty


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, disjoint spans covering the same days (adjoining spans join)."""
    merged: list[Span] = []
    for span in sorted(s for s in spans if not s.empty):
        if merged and span.first <= merged[-1].last + ONE_DAY:
            last = merged[-1]
            merged[-1] = Span(last.first, max(last.last, span.last))
        else:
            merged.append(span)
    return merged


def subtract(spans: Iterable[Span], holes: Iterable[Span]) -> list[Span]:
    """The days of ``spans`` that are in no ``holes`` span, as sorted disjoint spans."""
    result: list[Span] = []
    cut = merge(holes)
    for span in merge(spans):
        start = span.first
        for hole in cut:
            if hole.last < start or hole.first > span.last:
                continue
            if hole.first > start:
                result.append(Span(start, hole.first - ONE_DAY))
            start = max(start, hole.last + ONE_DAY)
        if start <= span.last:
            result.append(Span(start, span.last))
    return result


def first_uncovered(span: Span, cover: list[Span]) -> date | None:
    """The first day of ``span`` in no ``cover`` span (None when all are covered)."""
    if span.empty or any(c.covers(span) for c in cover):
        return None
    gaps = subtract([span], cover)
    return gaps[0].first if gaps else None


def total_days(spans: Iterable[Span]) -> int:
    """Number of distinct days covered by ``spans``."""
    return sum(span.days for span in merge(spans))


def year_span(year: int) -> Span:
    return Span(date(year, 1, 1), date(year, 12, 31))


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's end (31/01 + 1 → 28 or 29/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_month(self) -> int:
        return 3 * (self.number - 1) + 1

    @property
    def span(self) -> Span:
        first = date(self.year, self.first_month, 1)
        return Span(first, add_months(first, 3) - ONE_DAY)

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def label(self) -> str:
        return f"Quý {_ROMAN[self.number]}/{self.year}"

    @property
    def label_lower(self) -> str:
        """For the middle of a sentence: 'quý III/2025' (the numeral keeps its capitals)."""
        return f"quý {_ROMAN[self.number]}/{self.year}"


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarters(first: date, last: date) -> Iterator[Quarter]:
    """Every quarter that has a day in ``first``..``last``."""
    quarter, end = Quarter.of(first), Quarter.of(last)
    while quarter <= end:
        yield quarter
        quarter = quarter.next()
