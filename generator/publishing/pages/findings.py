"""The violations page (for whoever must act) and the rules page.

A finding is *open* while it can still be put right: it concerns the current
reporting period (quarter) or the one before it, or no period at all (a record
that does not read). Everything older is history, shown apart: a report handed in
late in 2018 can never be handed in on time.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from generator.domain.findings import Finding
from generator.domain.periods import Quarter
from generator.domain.rules import REGISTRY
from generator.publishing import policy_text
from generator.publishing.pages.base import Pages
from generator.vietnamese import collation_key, name_key


def is_open(finding: Finding, as_of: date) -> bool:
    """Whether ``finding`` concerns the current or the previous quarter (or no period)."""
    if finding.year is None:
        return True
    current = Quarter.of(as_of)
    previous = Quarter.of(current.span.first - timedelta(days=1))
    if finding.quarter is None:
        return finding.year in {current.year, previous.year}
    return (finding.year, finding.quarter) in {
        (current.year, current.number),
        (previous.year, previous.number),
    }


@dataclass(frozen=True)
class Item:
    """One finding as the page lists it: who, when, which rule, where in the records."""

    finding: Finding
    title: str  # the rule's own title, from the registry
    day: date | None  # the visit's first day or the plan's registration day


@dataclass
class Person:
    official: str | None
    items: list[Item]
    label: str  # names the person's table for screen readers


@dataclass
class Unit:
    unit: str | None
    people: list[Person]

    @property
    def count(self) -> int:
        return sum(len(person.items) for person in self.people)


def _days(p: Pages) -> dict[str, date]:
    days = {v.source.file: v.start for v in p.records.visits}
    days.update({plan.source.file: plan.registered_on for plan in p.records.plans})
    return days


def _grouped(p: Pages, items: list[Item]) -> list[Unit]:
    """By unit (Vietnamese name order), then official (likewise), then date."""
    tree: dict[str | None, dict[str | None, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        tree[item.finding.unit][item.finding.official].append(item)
    officials = p.records.officials

    def person_key(official: str | None) -> tuple[object, ...]:
        name = officials[official].name if official in officials else (official or "")
        return (official is None, name_key(name))

    units = []
    for unit in sorted(tree, key=lambda u: (u is None, collation_key(p.unit_name(u)))):
        unit_label = p.unit_name(unit) or "hồ sơ chưa thuộc đơn vị nào"
        people = [
            Person(
                official,
                sorted(tree[unit][official], key=_item_key),
                f"{officials[official].name if official in officials else official or unit_label}"
                f" ({unit_label})",
            )
            for official in sorted(tree[unit], key=person_key)
        ]
        units.append(Unit(unit, people))
    return units


def _item_key(item: Item) -> tuple[object, ...]:
    return (item.day or date.min, item.finding.sort_key())


def findings(p: Pages) -> None:
    titles = {module.RULE.id: module.RULE.title for module in REGISTRY}
    order = {module.RULE.id: rank for rank, module in enumerate(REGISTRY)}
    days = _days(p)
    items = [Item(f, titles.get(f.rule, f.rule), days.get(f.file or "")) for f in p.public_findings]
    open_items = [i for i in items if is_open(i.finding, p.as_of)]
    history = [i for i in items if not is_open(i.finding, p.as_of)]
    used = {i.finding.rule for i in items}
    current = Quarter.of(p.as_of)
    p.page(
        "vi-pham.md",
        "findings.html.j2",
        "Lỗi và vi phạm",
        search=False,
        current=current,
        open_units=_grouped(p, open_items),
        open_count=len(open_items),
        history_units=_grouped(p, history),
        history_count=len(history),
        years=sorted({i.finding.year for i in items if i.finding.year}, reverse=True),
        unit_ids=sorted(
            {i.finding.unit for i in items if i.finding.unit},
            key=lambda u: collation_key(p.unit_name(u)),
        ),
        rules=[(rid, titles[rid]) for rid in sorted(used, key=lambda r: order.get(r, 99))],
        sources=p.sources,
        **p.common,
    )


def rules(p: Pages) -> None:
    catalogue = [(module.RULE, inspect.cleandoc(module.__doc__ or "")) for module in REGISTRY]
    p.page(
        "quy-dinh.md",
        "rules.html.j2",
        "Quy định và các quy tắc kiểm tra",
        policies=p.compliance.policies,
        catalogue=catalogue,
        policy_rows=policy_text.parameters,
        policy_contents=policy_text.contents,
        policy_rules=policy_text.rules_on,
        **p.common,
    )
