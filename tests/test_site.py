"""The built site: escaping of record text, privacy, reproducibility, safe failure."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator import pipeline
from generator.errors import BuildError
from generator.publishing import escape, pages, render, site
from generator.publishing.exports import report_csv, report_json
from tests.conftest import REPO
from tests.site_fixture import AS_OF, HOSTILE, build_small, small_tree

pytestmark = pytest.mark.slow


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def html_pages(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")
    }


def test_escape_leaves_no_markup_character() -> None:
    value = str(escape.text('<a href="x">[y](javascript:z)</a> {: a } | `c` *d* _e_\n\nf'))
    for character in '<>"[](){}|`*_\n':
        assert character not in value
    assert escape.text("Nguyễn Thị Lan") == "Nguyễn Thị Lan"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, out = build_small(tmp_path_factory.mktemp("hostile"), hostile=True)
    return out


class Elements(HTMLParser):
    """Every element, attribute and script body of a page, as the browser parses them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def test_record_text_cannot_inject_markup(hostile: Path) -> None:
    pages = html_pages(hostile)
    official = pages["can-bo/nguyen-thi-lan/index.html"]
    assert "Dự sinh hoạt chi đoàn ấp Thạnh Hòa." in official
    for page, text in pages.items():
        parsed = Elements()
        parsed.feed(text)
        for tag, attrs in parsed.tags:
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            assert not (attrs.get("href") or "").strip().lower().startswith("javascript"), (
                page,
                attrs,
            )
            assert tag != "img" or attrs.get("src") != "x", page
            assert (
                tag != "strong"
                or page != "can-bo/nguyen-thi-lan/index.html"
                or "đậm" not in str(attrs)
            )
        assert not any("alert" in script for script in parsed.scripts), page
    # Shown as text, whole: the hostile string reaches the reader unchanged.
    text = html.unescape(re.sub(r"<[^>]+>", "", official))
    assert HOSTILE in text
    # The snippet marker did not pull a repository file in.
    assert "Đi công tác cơ sở — hồ sơ" not in official


def test_exemption_kind_and_note_are_never_published(hostile: Path) -> None:
    for path in hostile.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".csv", ".xml"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "GHI-CHU-RIENG-TU" not in text, path
            assert "maternity" not in text, path
    official = (hostile / "can-bo/nguyen-thi-lan/index.html").read_text(encoding="utf-8")
    # Neither the kind nor the period: the period's length would tell the kind (a short one
    # that exempts can only be of a kind without a minimum), and it is health data anyway.
    assert "thai sản" not in official and "01/10/2019" not in official
    assert "30/11/2019" not in official


def test_same_input_builds_byte_identical_output(tmp_path: Path) -> None:
    _, first = build_small(tmp_path / "a")
    _, second = build_small(tmp_path / "b")
    assert tree_hashes(first) == tree_hashes(second)
    assert "<lastmod>2020-03-20</lastmod>" in (first / "sitemap.xml").read_text()


def test_data_files_match_the_report(tmp_path: Path) -> None:
    outcome, out = build_small(tmp_path)
    assert (out / "data/compliance.json").read_text(encoding="utf-8") == report_json(
        outcome.compliance.rows, AS_OF
    )
    assert (out / "data/compliance.csv").read_bytes() == report_csv(
        outcome.compliance.rows, outcome.records
    ).encode()
    rows = json.loads((out / "data/compliance.json").read_text())["rows"]
    sheet = load_workbook(out / "data/compliance.xlsx").active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == len(rows) + 1
    assert values[1][6] == rows[0]["applicable_days"] and isinstance(values[1][6], int)
    assert sheet.freeze_panes == "A2"


def test_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    _, out = build_small(tmp_path)
    before = tree_hashes(out)
    generated = tmp_path / "generated"
    (generated / "hong.md").write_text("[Trang không có](khong-co.md)\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"khong-co\.md"):  # strict: a warning fails the build
        site.render_site(out, AS_OF, docs_dir=generated)
    assert tree_hashes(out) == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".public-")]


def test_no_page_loads_anything_from_another_host(hostile: Path) -> None:
    for page, text in html_pages(hostile).items():
        for marker in (
            'src="http',
            "src='http",
            'href="https://fonts',
            "@import url(http",
            "api.github.com",
        ):
            assert marker not in text, (page, marker)


def test_pages_are_written_as_generated_and_stale_ones_removed(tmp_path: Path) -> None:
    tree = small_tree(tmp_path / "src")
    outcome = pipeline.run(tree.records, AS_OF)
    docs = tmp_path / "generated"
    site.generate(outcome, AS_OF, docs)
    in_memory = pages.generate(outcome, AS_OF, render.source_links()).files
    assert {
        p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()
    } == in_memory
    (docs / "cu" / "trang-cu.md").parent.mkdir()
    (docs / "cu" / "trang-cu.md").write_text("trang không còn", encoding="utf-8")
    kept = docs / "index.md"
    os.utime(kept, ns=(0, 0))
    site.generate(outcome, AS_OF, docs)
    assert not (docs / "cu").exists()  # the stale page and its emptied folder
    assert kept.stat().st_mtime_ns == 0  # unchanged: not written again


class FlagRows(HTMLParser):
    """From a results page: (official id, the three yes/no cells' text) per row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[str, list[str]]] = []
        self.cells: list[str] | None = None
        self.official = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr" and ("data-filter-item", None) in attrs:
            self.cells, self.official = [], ""
        elif self.cells is not None and tag in {"td", "th"}:
            self.cells.append("")
        elif self.cells is not None and tag == "a" and not self.official:
            href = dict(attrs).get("href") or ""
            self.official = href.rstrip("/").rsplit("/", 1)[-1]

    def handle_data(self, data: str) -> None:
        if self.cells:
            self.cells[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self.cells is not None:
            texts = [" ".join(c.replace("✓", "").split()) for c in self.cells]
            self.rows.append((self.official, texts[7:10]))
            self.cells = None


def test_web_csv_and_xlsx_agree_on_every_person_years_flags() -> None:
    """One fact, one value: the results pages show the CSV's and the workbook's yes/no."""
    as_of = date(2026, 11, 27)
    outcome = pipeline.run(REPO / "records", as_of)
    files = pages.generate(outcome, as_of, None).files
    csv_rows = list(csv.reader(io.StringIO(files["data/compliance.csv"].decode("utf-8-sig"))))
    header, body = csv_rows[0], csv_rows[1:]
    columns = [header.index(h) for h in ("Đi cấp huyện", "Đi cấp xã, ấp", "Dự sinh hoạt chi đoàn")]
    in_csv = {(r[0], int(r[2])): [r[i] for i in columns] for r in body}
    sheet = load_workbook(io.BytesIO(files["data/compliance.xlsx"]), read_only=True).worksheets[0]
    xlsx_rows = [
        [("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    in_xlsx = {(r[0], int(r[2])): [r[i] for i in columns] for r in xlsx_rows[1:]}
    on_web: dict[tuple[str, int], list[str]] = {}
    for year in {year for _, year in in_csv}:
        parser = FlagRows()
        parser.feed(files[f"ket-qua/{year}.md"].decode())
        on_web |= {(official, year): flags for official, flags in parser.rows}
    assert len(in_csv) > 100 and {v for flags in in_csv.values() for v in flags} == {"Có", "Không"}
    assert on_web == in_csv
    assert in_xlsx == in_csv
