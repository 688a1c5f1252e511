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
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# One page of each kind (and the 404 page, for an address that does not exist).
PAGE_KINDS = {
    "home": "",
    "results-index": "ket-qua/",
    "results": "ket-qua/2019/",
    "reports-index": "bao-cao/",
    "report": "bao-cao/quy-2019-3/",
    "plans-index": "ke-hoach/",
    "plans": "ke-hoach/2019-q3/",
    "officials": "can-bo/",
    "official": "can-bo/nguyen-thi-lan/",
    "places-index": "dia-ban/",
    "places": "dia-ban/2019/",
    "violations": "vi-pham/",
    "rules": "quy-dinh/",
    "not-found": "khong-co-trang-nay/",
}
WIDTHS = {"desktop": 1280, "phone": 390}
AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""


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


def shot(page: Page, name: str, *, full: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing: {AXE} (see tests/vendor/axe-core/README.md)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_kind_of_page_passes_axe_and_fits_the_screen(
    browser: Browser, base_url: str, axe_source: str, width: int
) -> None:
    """Zero serious or critical axe-core violations (WCAG 2.1 A and AA), theme included,
    and no sideways scrolling of the page itself (wide tables scroll in their own box)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for kind, path in PAGE_KINDS.items():
            tab.goto(base_url + path)
            tab.add_script_tag(content=axe_source)
            problems = tab.evaluate(AXE_RUN)
            overflow = tab.evaluate("document.documentElement.scrollWidth - innerWidth")
            if overflow > 0:
                problems.append(f"page scrolls sideways by {overflow} px")
            if not tab.locator("a.md-skip").count() and kind != "not-found":
                problems.append("no skip link")
            if problems:
                found[kind] = problems
        assert found == {}
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 360])
def test_narrowest_phones_scroll_tables_not_pages(
    browser: Browser, base_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="vi-VN")
    tab = context.new_page()
    wide = {}
    try:
        for kind, path in PAGE_KINDS.items():
            tab.goto(base_url + path)
            overflow = tab.evaluate("document.documentElement.scrollWidth - innerWidth")
            if overflow > 0:
                wide[kind] = overflow
        tab.goto(base_url + "ket-qua/2019/")
        box = tab.locator(".dcs-scroll").first
        # The table is wider than the phone, and its own box lets the reader reach it all.
        assert box.evaluate("e => e.scrollWidth > e.clientWidth")
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    finally:
        context.close()
    assert wide == {}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_screenshots_of_the_main_pages(browser: Browser, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    try:
        for kind in ("home", "results", "report", "violations"):
            tab.goto(base_url + PAGE_KINDS[kind])
            tab.wait_for_load_state("networkidle")
            shot(tab, f"{kind}-{width}", full=kind != "violations")
            assert tab.locator("h1").count() == 1
    finally:
        context.close()


def test_home_page_renders_without_errors_or_foreign_requests(page: Page, base_url: str) -> None:
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{message.type}: {message.text}")
            if message.type in {"error", "warning"}
            else None
        ),
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
    # The search index is built in a worker when the search box is first used.
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("lan", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")
    assert page.locator(".md-content h1").first.inner_text() == "Tổng quan"
    assert page.locator("svg.dcs-chart rect").count() > 0
    shot(page, "home")
    assert problems == []


def counted(page: Page) -> list[int]:
    return [int(v) for v in page.locator("#ket-qua tbody tr td:nth-child(6)").all_inner_texts()]


def test_compliance_table_sorts_by_clicked_header(page: Page, base_url: str) -> None:
    page.goto(base_url + "ket-qua/2019/")
    names = page.locator("#ket-qua thead th", has_text="Cán bộ")
    assert names.get_attribute("aria-sort") == "ascending"  # as the page comes
    header = page.locator("#ket-qua thead th", has_text="Đã đi")
    header.click()
    assert counted(page) == sorted(counted(page))
    assert header.get_attribute("aria-sort") == "ascending"
    assert names.get_attribute("aria-sort") is None
    header.click()
    assert counted(page) == sorted(counted(page), reverse=True)
    shot(page, "results-sorted")


def test_headers_sort_from_the_keyboard_and_say_so(page: Page, base_url: str) -> None:
    page.goto(base_url + "ket-qua/2019/")
    button = page.get_by_role("button", name="Đã đi", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    header = page.locator("#ket-qua thead th", has_text="Đã đi")
    assert header.get_attribute("aria-sort") == "ascending"
    assert counted(page) == sorted(counted(page))
    page.keyboard.press("Space")
    assert header.get_attribute("aria-sort") == "descending"
    status = page.locator("#ket-qua-trang-thai")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == "Đã sắp xếp theo cột Đã đi, giảm dần."


def test_unit_filter_hides_other_units_and_says_how_many_remain(page: Page, base_url: str) -> None:
    page.goto(base_url + "ket-qua/2019/")
    page.select_option("select.dcs-filter", "hd-tan-bien")
    visible = page.locator("#ket-qua tbody tr:visible")
    assert visible.count() == 1 and "Trần Văn Bình" in visible.first.inner_text()
    assert page.locator("#ket-qua-trang-thai").inner_text() == "Đang hiện 1 trên 3 dòng."


def test_violations_filter_by_year_unit_and_rule(page: Page, base_url: str) -> None:
    page.goto(base_url + "vi-pham/")
    page.locator("details.dcs-history summary").click()
    rows = page.locator("#vi-pham tr[data-filter-item]")
    total = rows.count()
    page.select_option("select[data-key='year']", "2019")
    shown = page.locator("#vi-pham tr[data-filter-item]:visible")
    assert 0 < shown.count() < total
    assert {r.get_attribute("data-year") for r in shown.all()} == {"2019"}
    rule = page.locator("select[data-key='rule'] option").nth(1)
    page.select_option("select[data-key='rule']", rule.get_attribute("value"))
    assert {r.get_attribute("data-rule") for r in shown.all()} <= {rule.get_attribute("value")}
    status = page.locator("#vi-pham-trang-thai").inner_text()
    assert status == f"Đang hiện {shown.count()} trên {total} dòng."
    # Rules are named by their titles, not ids.
    assert not rule.inner_text().count("-")


def test_official_page_opens_from_the_table(page: Page, base_url: str) -> None:
    page.goto(base_url + "ket-qua/2019/")
    page.locator("#ket-qua a", has_text="Nguyễn Thị Lan").click()
    page.wait_for_url("**/can-bo/nguyen-thi-lan/")
    assert page.locator("h1").first.inner_text() == "Nguyễn Thị Lan"
    shot(page, "official")


def search(page: Page, base_url: str, query: str) -> tuple[set[str], str]:
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    links = page.locator(".md-search-result__link")
    # Without the highlight query (?h=…), which repeats what was typed.
    hrefs = {(link.get_attribute("href") or "").split("?")[0] for link in links.all()}
    return hrefs, " ".join(results.all_inner_texts())


def test_search_finds_the_same_with_and_without_diacritics(page: Page, base_url: str) -> None:
    accented, text = search(page, base_url, "Tân Biên")
    shot(page, "search-Tan-Bien")
    plain, _ = search(page, base_url, "tan bien")
    shot(page, "search-tan-bien")
    assert accented == plain
    assert "Nguyễn Thị Lan" in text or "Trần Văn Bình" in text, text
    assert "tan bien" not in text  # no accent-folded copy shown to the reader


def test_report_pages_are_found_by_search(page: Page, base_url: str) -> None:
    found, _ = search(page, base_url, "báo cáo quý")
    assert any("bao-cao/quy-" in href for href in found), found


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
