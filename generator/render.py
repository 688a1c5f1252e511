"""Figures → pages: Jinja2 templates (autoescaped HTML inside Markdown) and data files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.pipeline import Outcome


def write_pages(outcome: Outcome, records_dir: Path, as_of: date, docs: Path) -> None:
    """Placeholder until the site issue: the home page only."""
    (docs / "index.md").write_text(
        f"# Đi công tác cơ sở\n\nSố liệu tính đến ngày {as_of:%d/%m/%Y}.\n", encoding="utf-8"
    )
