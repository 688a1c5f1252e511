"""Golden files for the generated pages of a small fixture tree.

After an intended change of a page, refresh them with
``.venv/bin/python -m pytest tests/test_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pages, pipeline
from generator.render import SourceLinks
from tests.site_fixture import AS_OF, small_tree

GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "index.md",
    "ket-qua/2019.md",
    "can-bo/nguyen-thi-lan.md",
    "can-bo/index.md",
    "bao-cao/quy-2019-3.md",
    "bao-cao/nam-2019.md",
    "ke-hoach/2019-q3.md",
    "dia-ban/2019.md",
    "vi-pham.md",
    "quy-dinh.md",
    "data/compliance.csv",
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    tree = small_tree(tmp_path_factory.mktemp("golden"))
    return pages.generate(
        pipeline.run(tree.records, AS_OF), AS_OF, SourceLinks("https://example.invalid/repo")
    ).files


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(
    generated: dict[str, bytes], page: str, request: pytest.FixtureRequest
) -> None:
    golden = GOLDEN / page
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(generated[page])
    assert golden.exists(), f"no golden file: run pytest {__file__} --update-golden"
    assert generated[page] == golden.read_bytes()
