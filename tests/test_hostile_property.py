"""Issue 19: for any printable text in a field, the built page shows exactly that text.

Hypothesis writes generated text (no character the records forbid) as an official's
name and role and a visit's summary, assigned_by and proposal, the real site is built,
and Chromium reads the official's page back: each element shows its text character for
character, but the heading, whose white space runs may become one space (a title is one
line); all NFC-normalised. A few examples by default, more in CI
(``HYPOTHESIS_PROFILE=ci``, see ``tests/conftest.py``), or exactly as many as
``HOSTILE_PROPERTY_EXAMPLES=200`` says.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser

from generator import pipeline
from generator.publishing import site
from tests.browser_support import launched, served
from tests.conftest import Tree, examples, province
from tests.hostile_payloads import FORBIDDEN_PATTERN
from tests.hostile_tree import AS_OF

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLES = int(os.environ.get("HOSTILE_PROPERTY_EXAMPLES") or examples(light=3, full=20))
OFFICIALS = 3


def printable_text(max_size: int) -> st.SearchStrategy[str]:
    """Text a record may hold: no control, surrogate or forbidden character, not blank."""
    return st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
        min_size=1,
        max_size=max_size,
    ).filter(lambda t: re.search(r"\S", t) is not None and FORBIDDEN_PATTERN.search(t) is None)


@pytest.fixture(scope="module")
def web_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("property")
    with served(root) as url:
        yield root, url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched() as instance:
        yield instance


Texts = tuple[str, str, str, str, str]  # name, role, summary, assigned_by, proposal


def build(root: Path, texts: list[Texts]) -> Path:
    tree = Tree(root / "src").base()
    for i, (name, role, summary, assigned_by, proposal) in enumerate(texts):
        tree.write(
            f"officials/can-bo-{i}.yaml",
            {
                "id": f"can-bo-{i}",
                "name": name,
                "assignments": [province(start="2018-01-01", role=role)],
            },
        )
        tree.visit(
            f"can-bo-{i}",
            f"2019-08-0{i + 1}",
            summary=summary,
            contents=["1.2"],
            assigned_by=assigned_by,
            proposals=[proposal],
        )
    outcome = pipeline.run(tree.records, AS_OF)
    assert [f for f in outcome.findings if f.severity.value == "error"] == []
    out = root / "public"
    site.build(outcome, AS_OF, out, docs_dir=root / "generated")
    return out


def nfc(text: str | None) -> str | None:
    return None if text is None else unicodedata.normalize("NFC", text)


_runs = count()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(
            printable_text(80),
            printable_text(80),
            printable_text(300),
            printable_text(80),
            printable_text(300),
        ),
        min_size=OFFICIALS,
        max_size=OFFICIALS,
    )
)
@example(
    [
        (
            "Bùi Đăng Khoa [Xem hồ sơ](javascript:alert(1)) ![p](https://evil.example/p.png)",
            "{{ config }} {% raw %}",
            '<script>alert("x")</script> {: onclick="alert(2)" } --8<-- "README.md" a | b',
            "[Duyệt ngay](https://evil.example/p)",
            '=HYPERLINK("https://evil.example") @SUM(1)',
        ),
        (
            '=HYPERLINK("https://evil.example") &amp; &lt;b&gt; {{ config }}',
            "--- ... # : -",
            "--- \u202ecod.exe\u202c \u200bẩn  hai  dấu cách ",
            '"><img src=x onerror=alert(1)>',
            "&#106;avascript:alert(1) **đậm** _nghiêng_",
        ),
        (
            "  Lê  Văn  An  ",
            "Chuyên viên",
            "Nguye\u0302\u0303n \U0001f600 ＜script＞ \\ ` * _ # ~",
            "Thường trực",
            "| a | b |",
        ),
    ]
)
def test_the_page_shows_exactly_the_text(
    browser: Browser, web_root: tuple[Path, str], texts: list[Texts]
) -> None:
    root, base = web_root
    run = root / f"r{next(_runs)}"
    build(run, texts)
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    try:
        for i, (name, role, summary, assigned_by, proposal) in enumerate(texts):
            page.goto(f"{base}{run.name}/public/can-bo/can-bo-{i}/", wait_until="load")
            heading = nfc(page.locator("article h1").first.text_content()) or ""
            # A title is one line (README): runs of white space become one space.
            assert heading.split() == (nfc(name) or "").split()
            row = page.locator("article table.dcs-table tbody tr").first
            cell = row.locator("th, td").nth(1)  # the unit is the row's header cell
            assert nfc(cell.text_content()) == nfc(role)
            visit = page.locator("details.dcs-visit").first
            assert nfc(visit.locator("> p").first.text_content()) == nfc(summary)
            muted = visit.locator("p.dcs-muted").first.text_content() or ""
            assert nfc(muted) == nfc(f"Phân công: {assigned_by}")
            assert nfc(visit.locator("ul > li").first.text_content()) == nfc(proposal)
    finally:
        context.close()
