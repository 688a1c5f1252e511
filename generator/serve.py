"""``serve``: preview the site with live reload; editing a record shows within seconds.

MkDocs serves ``site/generated`` and, run with ``--dirty``, renders again only the
pages whose files changed. This loop watches ``records/`` (size and modification
time of every file) and regenerates the pages, writing only those that changed.
When only visit reports changed, it makes only what they can change (:func:`scope`):
those officials' pages and documents and the reports of those years; the other
pages are cheap and made again. Any other change regenerates everything. A test
checks that a scoped refresh leaves the same files as a full generation.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from generator import pipeline
from generator.domain.outcome import Outcome
from generator.publishing import pages
from generator.publishing.pages import Scope
from generator.publishing.render import Site, source_links
from generator.publishing.site import CONFIG, GENERATED, generate
from generator.reading.cache import ParseCache, default_location

Signature = dict[str, tuple[int, int]]


def signature(records: Path) -> Signature:
    """Every file under ``records`` (relative to its parent, as findings name files)."""
    entries = {}
    for dirpath, dirnames, filenames in os.walk(records):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath, name)
            stat = path.stat()
            entries[path.relative_to(records.parent).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return entries


def changed(before: Signature, after: Signature) -> set[str]:
    return {f for f in before.keys() | after.keys() if before.get(f) != after.get(f)}


def scope(files: set[str], before: Outcome, after: Outcome) -> Scope | None:
    """What an edit of ``files`` can change, when they are all visit reports (else None).

    The officials and years of the visits in those files, as they were and as they
    are: every rule and figure reads one official's visits at a time, and a report
    shows the figures of the year it ends in.
    """
    # Paths start with the records folder's name, as Source.file does: <records>/visits/…
    if not files or not all(f.split("/")[1:2] == ["visits"] for f in files):
        return None
    visits = [v for o in (before, after) for v in o.records.visits if v.source.file in files]
    officials = {v.official for v in visits}
    # A file that no longer reads names its official in its path: visits/<year>/<official>/.
    officials |= {f.split("/")[3] for f in files if f.count("/") >= 4}
    years = {year for v in visits for year in (v.start.year, v.end.year)}
    years |= {int(f.split("/")[2]) for f in files if f.split("/")[2].isdigit()}
    return Scope(frozenset(officials), frozenset(years))


def refresh(
    records: Path,
    as_of: date,
    before: Outcome,
    files: set[str],
    *,
    cache: ParseCache | None = None,
    docs_dir: Path = GENERATED,
) -> tuple[Outcome, float]:
    """Regenerate what ``files`` changed; the new outcome and the seconds it took."""
    started = time.perf_counter()
    after = pipeline.run(records, as_of, cache)
    made = pages.generate(after, as_of, source_links(), Site(), scope(files, before, after))
    # Written together at the end, so MkDocs sees one change and renders once.
    write_changed(made, docs_dir, remove_others=scope(files, before, after) is None)
    return after, time.perf_counter() - started


def write_changed(made: Site, docs_dir: Path, *, remove_others: bool) -> None:
    """Write into ``docs_dir`` the files of ``made`` that differ; remove the rest if asked."""
    target = Site(docs_dir)
    for rel, data in made.files.items():
        target.add(rel, data)
    if remove_others:
        target.finish()


def serve(
    records: Path, as_of: date, address: str, *, use_cache: bool = True, interval: float = 1.0
) -> int:
    parse_cache = ParseCache(default_location(records)) if use_cache else None
    outcome = pipeline.run(records, as_of, parse_cache)
    generate(outcome, as_of)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        # Only the pages whose files changed are rendered again (our navigation is
        # fixed, so MkDocs's warning about it does not apply); ``build`` stays strict.
        "--dirty",
        "--no-strict",
        "--config-file",
        str(CONFIG),
        "--dev-addr",
        address,
    ]
    server = subprocess.Popen(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})  # noqa: S603 - our own interpreter and config
    seen = signature(records)
    try:
        while server.poll() is None:
            time.sleep(interval)
            current = signature(records)
            files = changed(seen, current)
            if files:
                seen = current
                sys.stderr.write("Hồ sơ thay đổi: đang cập nhật trang…\n")
                outcome, seconds = refresh(records, as_of, outcome, files, cache=parse_cache)
                sys.stderr.write(f"Đã cập nhật trang sau {seconds:.1f} giây.\n")
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
