"""Figures → pages: Jinja2 templates (autoescaped HTML inside Markdown) and data files.

Every page is a Markdown file holding front matter and one raw HTML block, so
MkDocs only wraps it in the theme; nothing of ours runs inside MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from generator import vietnamese
from generator.domain.outcome import Outcome
from generator.errors import BuildError
from generator.publishing import escape

SITE = Path(__file__).resolve().parents[2] / "site"
STATIC = SITE / "assets"


@dataclass
class Site:
    """The generated files, by path relative to the docs folder.

    Kept in :attr:`files`; or, given ``docs``, written straight into that folder as
    they come (only those that changed, so ``mkdocs serve`` reloads only them), so
    the site of 100k visits is never held in memory whole. :meth:`finish` then
    removes what is no longer generated.
    """

    docs: Path | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    written: set[str] = field(default_factory=set)

    def add(self, rel: str, data: str | bytes) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if self.docs is None:
            self.files[rel] = raw
            return
        self.written.add(rel)
        target = self.docs / rel
        if target.is_file() and target.read_bytes() == raw:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)

    def finish(self) -> None:
        """Remove from ``docs`` every file not generated this time, and emptied folders."""
        if self.docs is None:
            return
        for path in sorted(self.docs.rglob("*"), reverse=True):  # files before their folder
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            elif path.relative_to(self.docs).as_posix() not in self.written:
                path.unlink()


def page_url(page: str) -> str:
    """The site URL of a Markdown page under directory URLs: a/b.md → a/b/, a/index.md → a/."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative(from_page: str, to: str) -> str:
    """A link from ``from_page`` to a page (``*.md``) or a file, as MkDocs serves them.

    Up to the site's root, then down to the target: one string operation per link.
    """
    target = page_url(to) if to.endswith(".md") else to
    return "../" * page_url(from_page).count("/") + target or "./"


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.publishing", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=escape.text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["num"] = vietnamese.number
    env.filters["vndate"] = vietnamese.short_date
    env.filters["longdate"] = vietnamese.long_date
    env.filters["status"] = lambda s: s.label
    env.filters["level"] = lambda s: vietnamese.LEVEL.get(s or "", "")
    env.filters["fold"] = vietnamese.fold
    env.filters["urlpath"] = escape.path_url
    env.filters["doc"] = escape.doc
    env.filters["pct"] = lambda a, b: vietnamese.number(100 * a / b, 0) + "%" if b else "—"
    return env


_BLANK = re.compile(r"\n[ \t]*(?=\n)")
# A line MkDocs would take for the end of the front matter.
_FRONT_END = re.compile(r"^(-{3}|\.{3})[ \t]*$", re.MULTILINE)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def front_matter(meta: dict[str, Any]) -> str:
    """``meta`` as YAML by an emitter (which quotes and escapes whatever it must), checked
    to read back as exactly ``meta`` with nothing that would end the block early.

    A record's text reaches the title: written by hand, one odd character there once
    broke the block, and MkDocs then rendered the rest as Markdown in the page.
    """
    text = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1 << 30)
    if yaml.load(text, Loader=_LOADER) != meta or _FRONT_END.search(text):  # noqa: S506 - a safe loader
        raise BuildError(f"không tạo được phần đầu trang an toàn cho {meta.get('title')!r}")
    return f"---\n{text}---\n"


def markdown_page(
    title: str, body: str, *, search: bool = True, hide_toc: bool = True, heading: bool = False
) -> str:
    """Front matter plus one raw HTML block with no blank line inside it.

    With ``heading``, the title also opens the page as a Markdown heading, so the
    theme knows the page's headings: its skip link ("Bỏ qua") and table of contents
    start there. Record text in it is inert (:func:`escape.text`).
    """
    meta: dict[str, Any] = {"title": escape.title(" ".join(title.split()))}
    if not search:
        meta["search"] = {"exclude": True}
    if hide_toc:
        meta["hide"] = ["toc"]
    html_block = _BLANK.sub("", body.strip())
    top = f"# {escape.text(' '.join(title.split())) or '&#8203;'}\n\n" if heading else ""
    return front_matter(meta) + "\n" + top + html_block + "\n"


class Renderer:
    """Renders templates into :class:`Site` pages with the right relative links."""

    def __init__(
        self, outcome: Outcome, as_of: date, sources: SourceLinks | None, site: Site | None = None
    ) -> None:
        self.env = environment()
        self.outcome = outcome
        self.as_of = as_of
        self.sources = sources
        self.site = Site() if site is None else site

    def page(
        self, path: str, template: str, title: str, *, search: bool = True, **context: Any
    ) -> None:
        link: Callable[[str], str] = lambda to: relative(path, to)  # noqa: E731 - bound per page
        body = self.env.get_template(template).render(
            title=title, link=link, as_of=self.as_of, page=path, **context
        )
        self.site.add(path, markdown_page(title, body, search=search, heading=True))


@dataclass(frozen=True)
class SourceLinks:
    """Links to a record's source on the repository host, from ``repo_url`` and ``edit_uri``."""

    repo_url: str
    edit_uri: str = "edit/main/"

    def edit(self, file: str) -> str:
        return f"{self.repo_url}/{self.edit_uri}{escape.path_url(file)}"

    def view(self, file: str, line: int | None) -> str:
        view_uri = self.edit_uri.replace("edit/", "blob/", 1)
        anchor = f"#L{line}" if line else ""
        return f"{self.repo_url}/{view_uri}{escape.path_url(file)}{anchor}"


def source_links() -> SourceLinks | None:
    """``repo_url`` and ``edit_uri`` of mkdocs.yml (None without a repository)."""
    config = (SITE.parent / "mkdocs.yml").read_text(encoding="utf-8")
    repo = re.search(r"^repo_url:\s*(\S+)\s*$", config, re.M)
    if repo is None:
        return None
    edit_uri = re.search(r"^edit_uri:\s*(\S+)\s*$", config, re.M)
    uri = edit_uri.group(1).strip("/") + "/" if edit_uri else "edit/main/"
    return SourceLinks(repo.group(1).rstrip("/"), uri)
