"""``serve``: preview the site with live reload; editing a record shows within seconds.

MkDocs serves and reloads ``site/generated``; this loop regenerates the pages
whenever a file under ``records/`` changes (content, not only names, is checked
through size and modification time), writing only the pages that changed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from generator import pipeline
from generator.publishing.site import CONFIG, generate
from generator.reading.cache import ParseCache, default_location


def signature(records: Path) -> tuple[tuple[str, int, int], ...]:
    entries = []
    for dirpath, dirnames, filenames in os.walk(records):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath, name)
            stat = path.stat()
            entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def serve(
    records: Path, as_of: date, address: str, *, use_cache: bool = True, interval: float = 1.0
) -> int:
    parse_cache = ParseCache(default_location(records)) if use_cache else None
    generate(pipeline.run(records, as_of, parse_cache), as_of)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
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
            if current != seen:
                seen = current
                sys.stderr.write("Hồ sơ thay đổi: đang cập nhật trang…\n")
                generate(pipeline.run(records, as_of, parse_cache), as_of)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
