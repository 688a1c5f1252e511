"""Pages: front matter made by a YAML emitter, and nothing private on the public site."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator import pipeline
from generator.domain.findings import Finding, Severity
from generator.errors import BuildError
from generator.publishing.pages import is_open, write_pages
from generator.publishing.render import front_matter, markdown_page
from tests.conftest import Tree, province

# MkDocs's own test for front matter (mkdocs.utils.meta.YAML_RE).
MKDOCS_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


def meta_of(page: str) -> dict[str, object]:
    found = MKDOCS_FRONT.match(page)
    assert found, page
    data = yaml.safe_load(found.group(1))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    "title",
    [
        "Bùi Đăng Khoa\x80 [Xem hồ sơ](javascript:alert(1)) ![p](https://evil.example/p.png)",
        "a\u2028b\x85c\ufffe\x1b[2K",
        "x\n---\ntitle: giả\n...\n",
        'Tân Biên: "x" #y &amp; <b>',
        "---",
        "",
    ],
)
def test_front_matter_holds_any_title(title: str) -> None:
    page = markdown_page(title, "<p>x</p>", search=False)
    meta = meta_of(page)
    assert meta["search"] == {"exclude": True} and meta["hide"] == ["toc"]
    assert isinstance(meta["title"], str) and "<b>" not in meta["title"]
    assert page.endswith("\n\n<p>x</p>\n")


@given(st.text())
def test_front_matter_reads_back_as_given(title: str) -> None:
    page = markdown_page(title, "<p>x</p>")
    shown = meta_of(page)["title"]
    assert isinstance(shown, str)
    assert "\n" not in shown and "<" not in shown and ">" not in shown


def test_front_matter_refuses_what_would_not_read_back() -> None:
    with pytest.raises(BuildError):
        front_matter({"title": float("nan")})  # nan != nan: it cannot be shown to read back


def test_nothing_about_an_exemption_reaches_the_public_pages(tree: Tree, tmp_path: Path) -> None:
    """A warning about an exemption, and an error inside one, are for the editors only."""
    tree.base()
    tree.official(
        "lan",
        province(),
        exemptions=[{"kind": "secondment", "from": "2019-03-01", "to": "2019-05-31"}],
    )
    tree.official(
        "binh",
        province(),
        exemptions=[{"kind": "training", "from": "2019-13-01", "to": "2019-06-30"}],
    )
    tree.visit("lan", "2019-08-05", "2019-08-06", reported_on="2019-08-07")
    outcome = pipeline.run(tree.records, date(2020, 3, 20))
    private = [f for f in outcome.findings if f.private]
    assert {f.rule for f in private} == {"exemption-too-short", "schema"}
    assert all(f.official in {"lan", None} and f.file for f in private)
    write_pages(outcome, date(2020, 3, 20), tmp_path / "docs")
    pages = {
        p.relative_to(tmp_path / "docs").as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in (tmp_path / "docs").rglob("*")
        if p.suffix in {".md", ".json", ".csv"}
    }
    site_text = "\n".join(pages.values())
    for shown in ("2019-13-01", "01/03/2019", "31/05/2019", "biệt phái", "officials/binh.yaml"):
        assert shown not in site_text
    # The rule itself is described on the rules page; no finding of it is listed anywhere.
    assert not any(
        "exemption-too-short" in text for page, text in pages.items() if page != "quy-dinh.md"
    )


@pytest.mark.parametrize(
    ("year", "quarter", "expected"),
    [
        (2026, 4, True),  # the current quarter
        (2026, 3, True),  # the previous one
        (2026, 2, False),
        (2018, 2, False),
        (2026, None, True),  # a finding about the current year
        (2025, None, False),  # last year's, once the first quarter is over
        (None, None, True),  # a record that does not read: fixable at any time
    ],
)
def test_open_findings_are_those_still_fixable(
    year: int | None, quarter: int | None, expected: bool
) -> None:
    finding = Finding("r", Severity.VIOLATION, "m", year=year, quarter=quarter)
    assert is_open(finding, date(2026, 12, 2)) is expected


def test_in_the_first_quarter_last_years_findings_are_still_open() -> None:
    assert is_open(Finding("r", Severity.VIOLATION, "m", year=2025), date(2026, 2, 1))
    assert is_open(Finding("r", Severity.VIOLATION, "m", year=2025, quarter=4), date(2026, 2, 1))
    assert not is_open(
        Finding("r", Severity.VIOLATION, "m", year=2025, quarter=3), date(2026, 2, 1)
    )
