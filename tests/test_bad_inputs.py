"""The bad-input corpus: each file in tests/bad_inputs/ breaks one rule at a known place.

A case's first line reads ``# target: <path under records/> expect: <rule> <line>:<col>``
(several expectations are separated by ``; ``); the case replaces that file in a valid
base tree, and validation must report exactly those errors there (violations may
come and go).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.domain.findings import Finding
from generator.reading import schema
from generator.reading.layout import classify
from generator.reading.loader import SourceFile, parse_bytes
from tests.conftest import Tree, district, province

CASES = sorted((Path(__file__).parent / "bad_inputs").glob("*.yaml"))
HEADER = re.compile(rb"# target: (?P<target>\S+) expect: (?P<expect>[^\n]+)\n")
EXPECT = re.compile(r"(?P<rule>[a-z-]+) (?P<line>\d+):(?P<col>\d+)")


def base(tree: Tree) -> Tree:
    tree.official("nguyen-thi-lan", province())
    tree.official("tran-van-binh", district(end="2019-06-30"))
    tree.visit(
        "nguyen-thi-lan",
        "2019-08-05",
        "2019-08-06",
        places=["tan-bien/thanh-tay/thanh-hoa"],
        contents=["1.6", "1.2"],
        assigned_by="Thường trực",
        reported_on="2019-08-08",
    )
    tree.plan("ban-tckt", 2019, 3, "2019-07-12", "nguyen-thi-lan")
    return tree


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_base_tree_is_valid(tree: Tree) -> None:
    assert [f for f in base(tree).findings() if f.severity.value == "error"] == []


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(tree: Tree, case: Path) -> None:
    raw = case.read_bytes()
    header = HEADER.match(raw)
    assert header, "first line must name the target and the expected finding"
    target = header["target"].decode()
    base(tree).write(target, raw)
    errors = [f for f in tree.findings() if f.severity.value == "error"]
    expected = [
        (m["rule"], f"records/{target}", int(m["line"]), int(m["col"]))
        for m in map(EXPECT.fullmatch, header["expect"].decode().split("; "))
        if m
    ]
    assert expected, "unreadable expectation"
    assert [(f.rule, f.file, f.line, f.column) for f in errors] == expected, errors
    assert all(f.message and "Traceback" not in f.message for f in errors)


@pytest.mark.parametrize("case", [c for c in CASES if "-schema-" in c.name], ids=lambda c: c.stem)
def test_fast_validator_agrees_with_the_explaining_one(case: Path) -> None:
    """jsonschema-rs decides pass/fail; jsonschema explains. They must agree."""
    header = HEADER.match(case.read_bytes())
    assert header
    rel = header["target"].decode()
    location = classify(rel)
    assert location is not None
    document = parse_bytes(case.read_bytes(), SourceFile(str(case), rel, rel), location)
    assert not isinstance(document, Finding)
    assert not schema.fast_validator(document.kind).is_valid(document.data)
    assert list(schema.validator(document.kind).iter_errors(document.data))
