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


# Characters a terminal (or a log viewer) acts on instead of showing: C0 controls
# (tab and line feed too: one finding is one line), DEL, C1 controls (U+0085 among
# them), the Unicode line and paragraph separators, and the bidirectional overrides
# and isolates that reorder what is shown ("Trojan Source").
_INVISIBLE = [
    *range(0x20),
    0x7F,
    *range(0x80, 0xA0),
    0x2028,
    0x2029,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_TERMINAL = {
    code: _NAMED.get(code, f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    for code in _INVISIBLE
}


def terminal(value: object) -> str:
    """``value`` as one inert line of terminal text: every control shown as ``\\x1b``, ``\\u2028``.

    Nothing in the result moves the cursor, erases, colours, starts a new line or
    reorders text; backslashes are left as they are (messages quote patterns).
    """
    return str(value).translate(_TERMINAL)


_MARKDOWN = _TABLE | {ord("."): "&#46;"}


def markdown(value: object) -> str:
    """Untrusted text as inert GitHub-flavoured Markdown inline text (a job summary's cell).

    Controls are first shown as in :func:`terminal` (so no line break either), then
    every Markdown or HTML character becomes a numeric character reference, as in
    :func:`text`; ``.`` too, so ``www.example.org`` is not autolinked (``:`` already
    stops ``https://…``), and a leading ``-``, which would start a list in a list item.
    """
    escaped = terminal(value).translate(_MARKDOWN)
    return "&#45;" + escaped[1:] if escaped.startswith("-") else escaped
