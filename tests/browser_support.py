"""What the browser tests share: a built site served on localhost, and Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
# As this workplace's machines need them: no sandbox as root, and no background
# connections (the network is closed; Chromium would retry them all the time).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


def chromium() -> str:
    found = os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, CANDIDATES)), None)
    if not found:
        pytest.fail(
            "Chromium not found: install Debian's `chromium` (.ci/run does) or set CHROMIUM"
        )
    return found


# The site's path under its host (mkdocs.yml's site_url): the 404 page links its
# assets there, as GitHub Pages serves it for any missing address.
PREFIX = "/di-co-so/"


class Quiet(http.server.SimpleHTTPRequestHandler):
    """The built site under :data:`PREFIX`, with its own 404 page, as its host serves it."""

    def translate_path(self, path: str) -> str:
        inside = path[len(PREFIX) - 1 :] if path.startswith(PREFIX) else "/\0missing"
        return super().translate_path(inside)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 (a free port) under :data:`PREFIX` while the block
    runs; its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def launched() -> Iterator[Browser]:
    """Headless Debian Chromium, driven by Playwright, while the block runs."""
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium(), args=list(CHROMIUM_ARGS))
        try:
            yield instance
        finally:
            instance.close()
