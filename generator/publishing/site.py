"""Build the static site: write pages into ``site/generated``, run MkDocs, swap into place.

The generator writes plain Markdown (holding escaped HTML) and data files; MkDocs
only renders them, with no plugin or hook of ours, so ``mkdocs.yml`` stays plain
and the site can move to another engine that reads it.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from generator.domain.outcome import Outcome
from generator.errors import BuildError
from generator.publishing.pages import Scope, write_pages
from generator.vietnamese import fold

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "mkdocs.yml"
GENERATED = ROOT / "site" / "generated"


def generate(
    outcome: Outcome, as_of: date, docs_dir: Path = GENERATED, scope: Scope | None = None
) -> None:
    """Write every page and data file into ``docs_dir``, touching only what changed."""
    write_pages(outcome, as_of, docs_dir, scope)


_TAG = re.compile(r"<[^>]*>")


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def fold_search_index(site_dir: Path) -> None:
    """Give every entry of the search index a ``folded`` field: its title and text
    without diacritics (mkdocs.yml indexes that field too), so "tan bien" finds what
    "Tân Biên" finds, while results still show the text as written.
    """
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        doc["folded"] = fold(_plain(f"{doc.get('title', '')} {doc.get('text', '')}"))
    index_file.write_text(
        json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _swap(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new``; on failure ``target`` is left as it was."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def render_site(out: Path, as_of: date, docs_dir: Path = GENERATED, config: Path = CONFIG) -> None:
    """Run the MkDocs build into a fresh folder and swap it into ``out``.

    MkDocs runs in a process of its own: the records and figures this process holds
    are not in its way, so a 100k-visit build peaks at the larger of the two rather
    than their sum (CPython does not hand freed memory back for MkDocs to reuse).
    ``SOURCE_DATE_EPOCH`` (midnight UTC of ``as_of``) fixes the sitemap's dates and
    the gzip header, so a commit and an ``as_of`` build byte-identical output.
    """
    epoch = int(datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    command = [sys.executable, "-m", __name__, str(config), str(docs_dir), str(staging)]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - our own interpreter and module
        sys.stderr.write(done.stderr)
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines()
            told = [line for line in lines if line.startswith(("ERROR", "WARNING"))]
            reason = "; ".join(told or lines[-1:])
            raise BuildError(f"dựng trang web thất bại, trang cũ được giữ nguyên: {reason}")
        _swap(staging, out)
    except OSError as exc:
        raise BuildError(f"dựng trang web thất bại, trang cũ được giữ nguyên: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _mkdocs(config: str, docs_dir: str, site_dir: str) -> int:
    """The MkDocs process: build in strict mode and fold the search index; a failure is
    one line on stderr, exit 1."""
    from mkdocs.commands.build import build  # noqa: PLC0415 - heavy import, only in this process
    from mkdocs.config import load_config  # noqa: PLC0415
    from mkdocs.exceptions import MkDocsException  # noqa: PLC0415

    logging.basicConfig(format="%(levelname)s - %(message)s")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        build(load_config(config, docs_dir=docs_dir, site_dir=site_dir, strict=True))
        fold_search_index(Path(site_dir))
    except (MkDocsException, OSError) as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    return 0


def build(outcome: Outcome, as_of: date, out: Path, docs_dir: Path = GENERATED) -> None:
    generate(outcome, as_of, docs_dir)
    render_site(out, as_of, docs_dir)


if __name__ == "__main__":
    sys.exit(_mkdocs(*sys.argv[1:4]))
