"""Where records live: classify, and the folder/name tests incremental validation uses
instead of it, agree on every path."""

from __future__ import annotations

import pytest

from generator.reading import loader
from generator.reading.layout import Kind, classify, is_visit_folder, is_visit_name
from tests.conftest import REPO


def is_visit(rel: str) -> bool:
    """What incremental validation asks of a folder and a name, for a whole path."""
    folder, _, name = rel.rpartition("/")
    return is_visit_folder(folder) and is_visit_name(name)


TRICKY = [
    "visits/2019/lan/2019-08-05.yaml",
    "visits/2019/lan/2019-08-05-2.yaml",
    "visits/2019/lan/notes.yaml",
    "visits/2019/lan/2019-08-05.yml",
    "visits/19/lan/2019-08-05.yaml",
    "visits/2019/lan/sub/2019-08-05.yaml",
    "visits/2019/2019-08-05.yaml",
    "plans/2019/q3/ban-tckt.yaml",
    "plans/2019/q5/ban-tckt.yaml",
    "officials/lan.yaml",
    "units.yaml",
    "settings.yaml",
    "README.md",
]


@pytest.mark.parametrize("rel", TRICKY)
def test_is_visit_agrees_with_classify(rel: str) -> None:
    location = classify(rel)
    assert is_visit(rel) == (location is not None and location.kind is Kind.VISIT)


def test_is_visit_agrees_on_every_demo_path() -> None:
    for source in loader.discover(REPO / "records"):
        location = classify(source.rel)
        assert is_visit(source.rel) == (location is not None and location.kind is Kind.VISIT), (
            source.rel
        )
