"""Issue 19, "show that it works": a generated XSS corpus in every free-text field.

One small tree holds each payload of :mod:`tests.hostile_payloads` in every free-text
field (:mod:`tests.hostile_tree`); the real site is built once, served on 127.0.0.1 and
every page visited in Debian's Chromium: no dialog, no request to another host, no
``javascript:`` link, no attribute or element a payload made. The same tree with plain
words in place of the payloads gives pages with exactly the same elements. Every
front matter parses, no workbook cell is a formula, every DOCX opens.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml
from mkdocs.utils.meta import get_data
from openpyxl import load_workbook
from playwright.sync_api import Browser, Dialog, Page, Request, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.domain.findings import Severity
from generator.domain.outcome import Outcome
from generator.reading.layout import Kind
from tests.browser_support import launched, served
from tests.hostile_payloads import FILE_NAMES, FORBIDDEN, MARK, groups, payloads
from tests.hostile_tree import build, corpus_tree, limit

pytestmark = pytest.mark.slow

PAYLOADS = payloads()
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Outcome, Path, Path]:
    root = tmp_path_factory.mktemp("corpus")
    return build(root, corpus_tree(root / "src", PAYLOADS, forbidden=True))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Outcome, Path, Path]:
    """The same tree with plain words where the payloads are."""
    root = tmp_path_factory.mktemp("plain")
    shape = groups(PAYLOADS, limit(Kind.OFFICIAL, "text", 500))
    words = [f"Chữ thường số {i}" for i in range(len(PAYLOADS))]
    names = tuple(f"ten-tep-{i}.yaml" for i in range(len(FILE_NAMES)))
    return build(root, corpus_tree(root / "src", words, shape, forbidden=True, file_names=names))


def html_pages(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(out.rglob("*.html"))
    }


def test_payloads_are_a_few_hundred_from_every_family() -> None:
    assert 250 <= len(PAYLOADS) <= 600
    joined = "\n".join(PAYLOADS).lower()
    for family in (
        "<script",
        "<img",
        "<svg",
        "<iframe",
        "<object",
        "onerror=",
        "javascript:",
        "data:text/html",
        "vbscript:",
        "](",
        "![",
        "]: ",
        "{: onclick",
        "--8<--",
        "&#",
        "{{",
        "{%",
        '">',
        "---",
        "\u202e",
        "\u200b",
        "=hyperlink(",
    ):
        assert family in joined, family


def test_only_the_forbidden_characters_are_errors(hostile: tuple[Outcome, Path, Path]) -> None:
    """Every printable payload validates (so it reaches the pages); each forbidden character
    is an error at its place, raw in the file (yaml-syntax) or made by an escape (schema);
    each misnamed file is an error too."""
    outcome, _, _ = hostile
    errors = {
        (f.file, f.rule, f.line): f.message
        for f in outcome.findings
        if f.severity is Severity.ERROR
    }
    misnamed = {f"records/visits/2019/can-bo-0/{name}" for name in FILE_NAMES}
    assert {where[0] for where in errors} >= misnamed
    errors = {where: message for where, message in errors.items() if where[0] not in misnamed}
    expected = {}
    for k, char in enumerate(FORBIDDEN):
        expected[(f"records/officials/cam-{k}.yaml", "yaml-syntax", 2)] = f"U+{ord(char):04X}"
        expected[(f"records/officials/cam-e{k}.yaml", "schema", 2)] = f"U+{ord(char):04X}"
    assert set(errors) == set(expected)
    for where, point in expected.items():
        assert point in errors[where], (where, errors[where])


def test_forbidden_names_reach_no_page(hostile: tuple[Outcome, Path, Path]) -> None:
    _, out, _ = hostile
    assert not [p for p in out.rglob("*") if "cam-" in p.name]
    for page, text in html_pages(out).items():
        assert "Bùi Đăng Khoa" not in text, page


def test_every_front_matter_parses(hostile: tuple[Outcome, Path, Path]) -> None:
    _, _, docs = hostile
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = re.match(r"---[ \t]*\n(.*?\n)---[ \t]*\n", text, re.S)
        assert found, page
        front = yaml.safe_load(found.group(1))
        assert isinstance(front, dict) and isinstance(front.get("title"), str), page
        body, meta = get_data(text)  # as MkDocs reads it
        assert meta == front, page
        assert not body.lstrip().startswith("---"), page


def visible_text(html: str) -> str:
    """The text a reader sees (script and style bodies left out), whitespace collapsed."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.skip += tag in {"script", "style"}

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in {"script", "style"} and self.skip > 0

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return squash("".join(parser.parts))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def test_every_payload_reaches_the_pages_whole_as_text(
    hostile: tuple[Outcome, Path, Path],
) -> None:
    _, out, _ = hostile
    text = "\n".join(visible_text(page) for page in html_pages(out).values())
    missing = [p for p in PAYLOADS if squash(p) not in text]
    assert missing == []


class Shape(HTMLParser):
    """Every element of a page with its attribute names: what a payload would add to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter[tuple[str, tuple[str, ...]]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[(tag, tuple(sorted(name for name, _ in attrs)))] += 1


def shape(html: str) -> Counter[tuple[str, tuple[str, ...]]]:
    parser = Shape()
    parser.feed(html)
    return parser.elements


def test_payloads_add_no_element_or_attribute(
    hostile: tuple[Outcome, Path, Path], clean: tuple[Outcome, Path, Path]
) -> None:
    hostile_pages, clean_pages = html_pages(hostile[1]), html_pages(clean[1])
    assert set(hostile_pages) == set(clean_pages)
    for page, text in hostile_pages.items():
        added = shape(text) - shape(clean_pages[page])
        assert not added, (page, added)
        assert (
            MARK.lower()
            not in " ".join(f"{tag} {' '.join(attrs)}" for tag, attrs in shape(text)).lower()
        ), page


def cells(values: list[object]) -> list[str]:
    return [v for v in values if isinstance(v, str)]


def test_no_workbook_cell_is_a_formula(hostile: tuple[Outcome, Path, Path]) -> None:
    _, out, _ = hostile
    workbooks = sorted(out.rglob("*.xlsx"))
    assert len(workbooks) >= 3
    seen = 0
    for path in workbooks:
        workbook = load_workbook(path)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, sheet.title, cell.coordinate)
                    value = cell.value
                    if isinstance(value, str):
                        seen += MARK in value
                        assert not value.startswith(FORMULA_START) or cell.quotePrefix, (
                            path.name,
                            cell.coordinate,
                            value[:40],
                        )
    assert seen > 0  # the payloads did reach the workbooks


def test_no_csv_cell_starts_a_formula(hostile: tuple[Outcome, Path, Path]) -> None:
    _, out, _ = hostile
    files = sorted(out.rglob("*.csv"))
    assert files
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert len(rows) > 1
        for row in rows:
            for value in row:
                assert not value.startswith(FORMULA_START), (path.name, value[:40])


def test_every_docx_opens(hostile: tuple[Outcome, Path, Path]) -> None:
    _, out, _ = hostile
    documents = sorted(out.rglob("*.docx"))
    assert len(documents) > 30
    reached = 0
    for path in documents:
        document = docx.Document(str(path))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        reached += MARK in text
    assert reached > 0


# In the browser -----------------------------------------------------------------------

SCAN = """
(mark) => {
  const bad = [];
  const urlNames = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data',
                            'srcdoc', 'poster', 'background', 'srcset', 'ping', 'cite']);
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (tag.includes(mark)) bad.push('element ' + tag);
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        const value = a.value.toLowerCase();
        if (name.startsWith('on')) bad.push(tag + ' [' + name + ']');
        if (name.includes(mark)) bad.push(tag + ' [' + name + ']');
        if (['class', 'id', 'style', 'name', 'is', 'slot', 'part'].includes(name)
            && value.includes(mark)) bad.push(tag + ' [' + name + '=' + value.slice(0, 80) + ']');
        const url = value.replace(/[\\u0000-\\u0020]+/g, '');
        if (urlNames.has(name) && (/^(javascript|vbscript|data):/.test(url) || url.includes('evil.example')))
          bad.push(tag + ' [' + name + '=' + value.slice(0, 80) + ']');
      }
      if ((tag === 'script' || tag === 'style') && el.textContent.toLowerCase().includes(mark))
        bad.push(tag + ' body');
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return bad;
}
"""


@pytest.fixture(scope="module")
def base_url(hostile: tuple[Outcome, Path, Path]) -> Iterator[str]:
    _, out, _ = hostile
    with served(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched() as instance:
        yield instance


class Watch:
    """A tab that records dialogs, requests to other hosts (blocked) and page errors."""

    def __init__(self, browser: Browser, base: str) -> None:
        self.base = base
        self.problems: list[str] = []
        self.context = browser.new_context(locale="vi-VN", java_script_enabled=True)
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda error: self.problems.append(f"error: {error}"))

    def _route(self, route: Route) -> None:
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Dialog) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _request(self, request: Request) -> None:
        url = request.url
        if not url.startswith(self.base) and not url.startswith("data:"):
            self.problems.append(f"request: {url}")

    def scan(self, where: str) -> None:
        self.problems += [f"{where}: {bad}" for bad in self.page.evaluate(SCAN, MARK.lower())]


def interact(watch: Watch, page: str) -> None:
    """Sort by every header and pick every unit in the filter: our script moves record
    text around, and must do it as text."""
    tab = watch.page
    filters = tab.locator("select.dcs-filter")
    if filters.count():
        values = filters.first.locator("option").evaluate_all("els => els.map(e => e.value)")
        for value in [*values[:4], values[0]]:
            filters.first.select_option(value)
        watch.scan(f"{page} (filtered)")
    headers = tab.locator("table[data-sortable] thead th")
    for i in range(min(headers.count(), 10)):
        headers.nth(i).click()
    if headers.count():
        watch.scan(f"{page} (sorted)")


@pytest.mark.browser
def test_no_page_runs_a_payload_in_chromium(
    browser: Browser, base_url: str, hostile: tuple[Outcome, Path, Path]
) -> None:
    _, out, _ = hostile
    watch = Watch(browser, base_url)
    pages = list(html_pages(out))
    for page in pages:
        url = base_url + page.removesuffix("index.html")
        watch.page.goto(url, wait_until="load")
        watch.scan(page)
        interact(watch, page)
    watch.page.wait_for_timeout(300)  # a late timer or image error would fire by now
    watch.context.close()
    assert len(pages) > 50
    assert watch.problems == [], "\n".join(watch.problems)


@pytest.mark.browser
def test_search_results_run_no_payload(browser: Browser, base_url: str) -> None:
    """Material shows search results from the index: the payloads must stay text there too."""
    watch = Watch(browser, base_url)
    watch.page.goto(base_url, wait_until="load")
    found = []
    box = watch.page.locator("input.md-search__input")
    results = watch.page.locator(".md-search-result__item")
    for query in ("script alert", "img src", "tiêu đề"):
        # The search worker indexes a large corpus: on a busy machine it may miss the
        # first keystrokes, so type the query again until results come (at most 2 min).
        for _ in range(12):
            if not box.is_visible():
                watch.page.locator("label.md-search__icon").first.click()
            box.fill("")
            box.press_sequentially(query, delay=20)
            try:
                results.first.wait_for(timeout=10_000)
                break
            except PlaywrightTimeout:
                continue
        watch.page.wait_for_timeout(300)
        watch.scan(f"search {query}")
        found.append(results.count())
    watch.context.close()
    assert watch.problems == [], "\n".join(watch.problems)
    assert all(found), found


@pytest.mark.browser
def test_the_watch_sees_a_live_payload(browser: Browser, base_url: str) -> None:
    """The checks above can fail: the same watch on a page where payloads are live."""
    watch = Watch(browser, base_url)
    watch.page.set_content(
        f"<p class={MARK}>x</p><img src=x onerror=\"alert('{MARK}')\">"
        f"<a href='javascript:void(0)'>y</a><img src='https://evil.example/{MARK}.png'>"
    )
    watch.page.wait_for_timeout(300)
    watch.scan("canary")
    watch.context.close()
    problems = "\n".join(watch.problems)
    for expected in (
        "dialog: XSSMARK",
        "request: https://evil.example",
        "[onerror]",
        "[class=xssmark]",
        "[href=javascript:void(0)]",
    ):
        assert expected in problems, (expected, problems)
