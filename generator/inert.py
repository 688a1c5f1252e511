"""Untrusted text made inert for plain-text media: terminals, logs, GitHub's Markdown.

Standard library only: the validator (and so the pre-commit hook, which installs
only its few dependencies) writes through it.
"""

from __future__ import annotations

import re

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


_CONTROL = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u2028-\\u202e\\u2066-\\u2069]")  # _INVISIBLE


def _shown(match: re.Match[str]) -> str:
    return _TERMINAL[ord(match.group())]


def terminal(value: object) -> str:
    """``value`` as one inert line of terminal text: every control shown as ``\\x1b``, ``\\u2028``.

    Nothing in the result moves the cursor, erases, colours, starts a new line or
    reorders text; backslashes are left as they are (messages quote patterns).
    Printable text (nearly every line) is returned as it is, at C speed.
    """
    text = str(value)
    return text if text.isprintable() else _CONTROL.sub(_shown, text)


# As escape.text's table for the site (kept apart: validation must not import
# markupsafe, which the pre-commit hook does not install), plus "." (www. autolinks).
_MARKDOWN = {ord(c): f"&#{ord(c)};" for c in "&<>\"'`*_{}[]()#+!|~\\=:$%@^."}


def markdown(value: object) -> str:
    """Untrusted text as inert GitHub-flavoured Markdown inline text (a job summary's cell).

    Controls are first shown as in :func:`terminal` (so no line break either), then
    every Markdown or HTML character becomes a numeric character reference, as in
    :func:`generator.publishing.escape.text`; ``.`` too, so ``www.example.org`` is not
    autolinked (``:`` already stops ``https://…``), and a leading ``-``, which
    would start a list inside a list item.
    """
    escaped = terminal(value).translate(_MARKDOWN)
    return "&#45;" + escaped[1:] if escaped.startswith("-") else escaped
