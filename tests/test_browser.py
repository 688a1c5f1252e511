"""A real headless Chromium (Debian's, driven by Playwright) against the built site on localhost.

Screenshots go to tests/artifacts/ (git-ignored) for review.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser_support import launched, served
from tests.site_fixture import build_reform, build_small

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _, out = build_small(tmp_path_factory.mktemp("browser"))
    with served(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched() as instance:
        yield instance


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    yield tab
    context.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_home_page_renders_without_errors_or_foreign_requests(page: Page, base_url: str) -> None:
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda request: (
            problems.append(request.url) if not request.url.startswith(base_url) else None
        ),
    )
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text() == "Tổng quan"
    assert page.locator("svg.dcs-chart rect").count() > 0
    shot(page, "home")
    assert problems == []


def counted(page: Page) -> list[int]:
    return [int(v) for v in page.locator("#ket-qua tbody tr td:nth-child(6)").all_inner_texts()]


def test_compliance_table_sorts_by_clicked_header(page: Page, base_url: str) -> None:
    page.goto(base_url + "ket-qua/2019/")
    header = page.locator("#ket-qua thead th", has_text="Đã đi")
    header.click()
    assert counted(page) == sorted(counted(page))
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert counted(page) == sorted(counted(page), reverse=True)
    shot(page, "results-sorted")


def test_unit_filter_hides_other_units(page: Page, base_url: str) -> None:
    page.goto(base_url + "ket-qua/2019/")
    page.select_option("select.dcs-filter", "hd-tan-bien")
    visible = page.locator("#ket-qua tbody tr:visible")
    assert visible.count() == 1 and "Trần Văn Bình" in visible.first.inner_text()


def test_official_page_opens_from_the_table(page: Page, base_url: str) -> None:
    page.goto(base_url + "ket-qua/2019/")
    page.locator("#ket-qua a", has_text="Nguyễn Thị Lan").click()
    page.wait_for_url("**/can-bo/nguyen-thi-lan/")
    assert page.locator("h1").first.inner_text() == "Nguyễn Thị Lan"
    shot(page, "official")


@pytest.mark.parametrize("query", ["Tân Biên", "tan bien"])
def test_search_finds_with_and_without_diacritics(page: Page, base_url: str, query: str) -> None:
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    text = " ".join(results.all_inner_texts())
    assert "Nguyễn Thị Lan" in text or "Trần Văn Bình" in text, text
    shot(page, f"search-{query.replace(' ', '-')}")


def test_quarterly_report_prints_without_navigation(page: Page, base_url: str) -> None:
    page.goto(base_url + "bao-cao/quy-2019-3/")
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("h1", has_text="Báo cáo quý III/2019").is_visible()
    shot(page, "report-print")


@pytest.fixture(scope="module")
def reform_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    outcome, out = build_reform(tmp_path_factory.mktemp("reform"))
    assert [f for f in outcome.findings if f.severity.value == "error"] == []
    with served(out) as url:
        yield url


def test_official_page_spanning_the_reform(page: Page, reform_url: str) -> None:
    page.goto(reform_url + "can-bo/vo-van-chuyen/")
    assert page.locator("h1").first.inner_text() == "Võ Văn Chuyển"
    units = page.locator("table").first.locator("tbody tr").all_inner_texts()
    assert "Huyện đoàn Tân Biên" in units[0] and "30/06/2025" in units[0]
    assert "Đoàn xã Thạnh Bình" in units[1] and "01/07/2025" in units[1]
    visits = page.locator("details.dcs-visit summary").all_inner_texts()
    # The latest first: a hamlet of a commune under the province, then one under a district.
    assert "Ấp Thạnh Hòa mới, Xã Thạnh Bình" in visits[0]
    assert "Huyện" not in visits[0]
    assert "Ấp Thạnh Hòa, Xã Thạnh Tây, Huyện Tân Biên" in visits[1]
    assert page.locator(".dcs-badge", has_text="không được tính").count() == 0
    row = page.locator("table").nth(1).locator("tbody tr").first.inner_text()
    assert "2025" in row and "Đoàn xã Thạnh Bình" in row
    shot(page, "official-reform")
