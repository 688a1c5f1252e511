"""A small records tree with a text in every free-text field, built as a real site.

:func:`corpus_tree` writes every text of a list into every free-text field of the
records (names of officials, units, districts, communes and hamlets, roles, plan
numbers, settings, the policy title, exemption notes, and a visit's assigned_by,
summary and proposals): each short field holds the texts a group at a time, joined
by line breaks, so that each text starts a line somewhere; each proposal is one text.
Built from the hostile corpus and from plain words in the same places, the two sites
have the same pages with the same elements, unless a text became markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator import pipeline
from generator.domain.outcome import Outcome
from generator.publishing import site
from generator.reading import schema
from generator.reading.layout import Kind
from tests.conftest import POLICY, Tree
from tests.hostile_payloads import EVIL, FILE_NAMES, FORBIDDEN, MARK, groups, join

AS_OF = date(2020, 3, 20)


def limit(kind: Kind, name: str, default: int) -> int:
    """A text limit as the schemas state it (``$defs.text`` short, ``$defs.prose`` long)."""
    found = schema.load_schema(kind).get("$defs", {}).get(name, {}).get("maxLength")
    return found if isinstance(found, int) else default


def forbidden_name(char: str) -> str:
    """Issue 19's stored XSS: a name that one non-printable character used to publish."""
    return f"Bùi Đăng Khoa{char} [Xem hồ sơ](javascript:alert('{MARK}')) ![p]({EVIL}/{MARK}.png)"


@dataclass(frozen=True)
class Corpus:
    """The texts, and how they were grouped into the short fields."""

    texts: list[str]
    short: list[str]  # one per group: each short field takes them in turn
    long: list[str]  # the texts, each in one of these, a summary each


def corpus(texts: list[str], shape: list[list[int]] | None = None) -> Corpus:
    short_limit = limit(Kind.OFFICIAL, "text", 500)
    long_limit = limit(Kind.VISIT, "prose", 20_000)
    shape = shape if shape is not None else groups(texts, short_limit)
    short = [join(texts, g, short_limit) for g in shape]
    long = ["\n".join(texts[i :: len(short)])[:long_limit] for i in range(len(short))]
    return Corpus(texts, short, long)


def corpus_tree(
    root: Path,
    texts: list[str],
    shape: list[list[int]] | None = None,
    *,
    forbidden: bool = False,
    file_names: tuple[str, ...] = FILE_NAMES,
) -> Tree:
    """Every text in every free-text field (grouped as ``shape`` says, else as they fit);
    with ``forbidden``, also two official files per forbidden character (raw in
    ``cam-<n>``, as an escape in ``cam-e<n>``) and files misnamed ``file_names`` in an
    official's visit folder."""
    c = corpus(texts, shape)
    n = len(c.short)

    def short(i: int) -> str:
        return c.short[i % n]

    tree = Tree(root)
    tree.write("policies/kh-45-2018.yaml", {**POLICY, "title": short(6)})
    tree.write(
        "settings.yaml",
        {
            "parent": short(0),
            "organisation": short(1),
            "place": short(2),
            "signatory": {"on_behalf": short(3), "title": short(4), "name": short(5)},
        },
    )
    units: list[dict[str, Any]] = [
        {"id": "ban-tckt", "name": short(7), "level": "province"},
        {"id": "hd-tan-bien", "name": short(8), "level": "district", "area": "tan-bien"},
        {"id": "hd-go-dau", "name": short(9), "level": "district", "area": "go-dau"},
    ]
    units += [{"id": f"ban-x{i}", "name": short(i), "level": "province"} for i in range(n)]
    tree.write("units.yaml", {"units": units})
    tree.write(
        "localities/tan-bien.yaml",
        {
            "id": "tan-bien",
            "name": short(10),
            "communes": [
                {
                    "id": f"xa-{i}",
                    "name": short(i),
                    "hamlets": [{"id": f"ap-{i}", "name": short(i + 1)}],
                }
                for i in range(n)
            ],
        },
    )
    tree.write(
        "localities/go-dau.yaml",
        {"id": "go-dau", "name": short(11), "communes": [{"id": "thanh-duc", "name": short(12)}]},
    )
    for i in range(n):
        official = f"can-bo-{i}"
        tree.write(
            f"officials/{official}.yaml",
            {
                "id": official,
                "name": short(i),
                "assignments": [{"unit": f"ban-x{i}", "role": short(i + 2), "from": "2018-01-01"}],
                "exemptions": [
                    {
                        "kind": "maternity_leave",
                        "from": "2019-11-01",
                        "to": "2019-11-30",
                        "note": short(i + 3),
                    }
                ],
            },
        )
        day = f"2019-08-{1 + i % 28:02d}"
        tree.visit(
            official,
            day,
            places=[f"tan-bien/xa-{i}/ap-{i}", "tan-bien"],
            contents=["1.2", "1.6"],
            assigned_by=short(i + 4),
            summary=c.long[i],
            proposals=c.texts[i::n],
            reported_on=day,
        )
        tree.write(
            f"plans/2019/q3/ban-x{i}.yaml",
            {
                "unit": f"ban-x{i}",
                "year": 2019,
                "quarter": 3,
                "registered_on": "2019-07-10",
                "number": short(i + 5),
                "entries": [
                    {
                        "official": official,
                        "contents": ["1.2", "1.6"],
                        "places": [f"tan-bien/xa-{i}"],
                        "days": 15,
                    }
                ],
            },
        )
    if forbidden:
        write_forbidden(tree)
        for name in file_names:
            tree.write(f"visits/2019/can-bo-0/{name}", "official: can-bo-0\n")
    return tree


def write_forbidden(tree: Tree) -> None:
    for k, char in enumerate(FORBIDDEN):
        assignment = '  - unit: ban-tckt\n    role: "Chuyên viên"\n    from: 2018-01-01\n'
        raw = f'id: cam-{k}\nname: "{forbidden_name(char)}"\nassignments:\n{assignment}'
        tree.write(f"officials/cam-{k}.yaml", raw.encode("utf-8", "surrogatepass"))
        escaped = forbidden_name(f"\\U{ord(char):08X}")
        tree.write(
            f"officials/cam-e{k}.yaml",
            f'id: cam-e{k}\nname: "{escaped}"\nassignments:\n{assignment}',
        )


def build(root: Path, tree: Tree) -> tuple[Outcome, Path, Path]:
    """(outcome, built site, generated Markdown) of ``tree``, built as ``make build`` does."""
    outcome = pipeline.run(tree.records, AS_OF)
    out, docs = root / "public", root / "generated"
    site.build(outcome, AS_OF, out, docs_dir=docs)
    return outcome, out, docs
