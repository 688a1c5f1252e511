"""Golden files for the generated pages of a small fixture tree.

After an intended change of a page, refresh them with
``.venv/bin/python -m pytest tests/test_golden.py --update-golden`` and review the diff.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import pipeline
from generator.publishing import pages
from generator.publishing.render import SourceLinks
from tests.conftest import REPO
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


# The committed demo after the 2025 reorganisation: the year of the reform and the next.
DEMO_AS_OF = date(2026, 11, 27)
DEMO_PAGES = [
    "ket-qua/2025.md",
    "ket-qua/2026.md",
    "dia-ban/2025.md",
    "dia-ban/2026.md",
    "dia-ban/index.md",
    "bao-cao/quy-2025-2.md",
    "bao-cao/quy-2025-3.md",
    "bao-cao/quy-2026-3.md",
    "can-bo/ho-van-hung.md",
]


@pytest.fixture(scope="module")
def demo_generated() -> dict[str, bytes]:
    outcome = pipeline.run(REPO / "records", DEMO_AS_OF)
    return pages.generate(outcome, DEMO_AS_OF, SourceLinks("https://example.invalid/repo")).files


@pytest.mark.parametrize("page", DEMO_PAGES)
def test_demo_page_matches_golden(
    demo_generated: dict[str, bytes], page: str, request: pytest.FixtureRequest
) -> None:
    golden = GOLDEN / "demo" / page
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(demo_generated[page])
    assert golden.exists(), f"no golden file: run pytest {__file__} --update-golden"
    assert demo_generated[page] == golden.read_bytes()


def test_demo_pages_show_the_structure_in_force(demo_generated: dict[str, bytes]) -> None:
    text = {page: demo_generated[page].decode("utf-8") for page in DEMO_PAGES}
    # Before the reform a quarter's report has the district unions, after it the
    # commune and ward unions, never both.
    assert "Huyện đoàn Châu Thành" in text["bao-cao/quy-2025-2.md"]
    assert "Đoàn xã Châu Thành 2" not in text["bao-cao/quy-2025-2.md"]
    assert "Huyện đoàn Châu Thành" not in text["bao-cao/quy-2025-3.md"]
    assert "Đoàn xã Châu Thành 2" in text["bao-cao/quy-2025-3.md"]
    # 2025's coverage has both structures and says where the old communes went;
    # 2026 has only the communes and wards under the province.
    assert "Huyện Châu Thành" in text["dia-ban/2025.md"]
    assert "Phường Tân Ninh" in text["dia-ban/2025.md"]
    assert "Địa bàn kết thúc trong năm 2025" in text["dia-ban/2025.md"]
    assert "Huyện Châu Thành" not in text["dia-ban/2026.md"]
    assert "Phường Tân Ninh" in text["dia-ban/2026.md"]
