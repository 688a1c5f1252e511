"""Untrusted record text → inert HTML inside Markdown pages.

HTML-escaping is not enough inside MkDocs: Python-Markdown turns ``[x](javascript:…)``
into a live link, attr_list turns ``{: onclick=… }`` into an attribute, a ``|`` cuts a
table cell, a blank line ends a raw HTML block. Every character that HTML or Markdown
gives a meaning becomes a numeric character reference, in one pass, so record text
reaches the page as text, whole.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

_SPECIAL = "&<>\"'`*_{}[]()#+!|~\\=:$%@^"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL} | {
    ord("\n"): "&#10;",
    ord("\r"): None,
    ord("\t"): " ",
}


def text(value: Any) -> Markup:
    """Escape any value for use as element text or a quoted attribute value."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(str(value).translate(_TABLE))  # noqa: S704 - translated: no markup character is left


def title(value: str) -> str:
    """A page title for front matter: the theme prints it unescaped, so escape it here."""
    return html.escape(value, quote=True)


def path_url(path: str) -> str:
    """A repository path as a URL path (every unusual character percent-encoded)."""
    return quote(path, safe="/")


_CODE = re.compile(r"&#96;&#96;(.+?)&#96;&#96;")


def doc(value: str) -> Markup:
    """A rule docstring paragraph: escaped, with ````code```` shown as code."""
    escaped = str(text(value.replace("\n", " ")))
    return Markup(_CODE.sub(r"<code>\1</code>", escaped))  # noqa: S704 - only our <code> tags around escaped text
