"""Office packages (DOCX, XLSX) that are byte-identical for one ``as_of``.

DOCX files are written straight as WordprocessingML: a document is a few
kilobytes and a few milliseconds, so every report and every official's yearly
result can be built on each site build. A4, Times New Roman 14 pt, margins of
Decree 30/2020/NĐ-CP (top and bottom 20 mm, left 30 mm, right 15 mm); page
numbers from the second page, centred at the top (a PAGE field in the header,
the first page's header left empty).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MM = 56.6929  # twips per millimetre
A4 = (11906, 16838)
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # millimetres
FONT = "Times New Roman"
SIZE = 14  # points


def deterministic(data: bytes, stamp: date) -> bytes:
    """Rewrite an Office package with fixed entry times and document dates."""
    source = zipfile.ZipFile(io.BytesIO(data))
    when = f"{stamp.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(
                info.filename, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0)
            )
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


# Not allowed anywhere in an XML 1.0 document: C0 controls other than tab, LF and CR,
# the non-characters U+FFFE and U+FFFF, and lone surrogates (which UTF-8 cannot encode).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """``value`` with every character XML 1.0 forbids replaced by U+FFFD.

    One such character from a record (``\\x01`` in a proposal) would otherwise
    make the whole DOCX or XLSX package unopenable.
    """
    return _XML_ILLEGAL.sub("\ufffd", value)


def _text(value: object) -> str:
    """Element text: the one place DOCX text is written, so no caller can forget."""
    return escape(xml_safe(str(value)))


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    highlight: bool = False  # a passage the office must complete before signing

    def xml(self) -> str:
        props = "".join(
            (
                "<w:b/>" if self.bold else "",
                "<w:i/>" if self.italic else "",
                f'<w:sz w:val="{round(self.size * 2)}"/><w:szCs w:val="{round(self.size * 2)}"/>'
                if self.size
                else "",
                '<w:highlight w:val="yellow"/>' if self.highlight else "",
                '<w:u w:val="single"/>' if self.underline else "",
            )
        )
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{_text(self.text)}</w:t></w:r>'


def paragraph(
    *runs: Run | str,
    align: str = "both",
    indent: bool = False,
    before: int = 0,
    after: int = 6,
    keep_next: bool = False,
) -> str:
    """One paragraph; ``align`` is left, center, right or both; spacing in points.

    ``keep_next`` keeps it on the page of the next paragraph (and its own lines together).
    """
    items = [r if isinstance(r, Run) else Run(r) for r in runs]
    keep = "<w:keepNext/><w:keepLines/>" if keep_next else ""
    first_line = '<w:ind w:firstLine="567"/>' if indent else ""  # 1 cm
    ppr = (
        f'<w:pPr>{keep}<w:spacing w:before="{before * 20}" w:after="{after * 20}"/>'
        f'{first_line}<w:jc w:val="{align}"/></w:pPr>'
    )
    return f"<w:p>{ppr}{''.join(r.xml() for r in items)}</w:p>"


def table(
    rows: list[list[str]],
    widths_mm: list[float],
    *,
    header: bool = True,
    borders: bool = True,
    size: float = 12,
    total: bool = False,
) -> str:
    """A table of plain cells (numbers right-aligned); the first row repeats on each page.

    With ``total`` the last row ("Tổng cộng") is bold.
    """
    grid = "".join(f'<w:gridCol w:w="{round(w * MM)}"/>' for w in widths_mm)
    border = (
        "<w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
        if borders
        else '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{round(sum(widths_mm) * MM)}" w:type="dxa"/><w:jc w:val="center"/>{border}<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    ]
    for index, row in enumerate(rows):
        is_header = header and index == 0
        bold = is_header or (total and index == len(rows) - 1)
        trpr = (
            "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
            if is_header
            else "<w:trPr><w:cantSplit/></w:trPr>"
        )
        cells = []
        for cell, width in zip(row, widths_mm, strict=True):
            numeric = bool(re.fullmatch(r"[\d.,%/ -]+", cell)) and not is_header
            align = "center" if is_header else ("right" if numeric else "left")
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{round(width * MM)}" w:type="dxa"/></w:tcPr>'
                + paragraph(Run(cell, bold=bold, size=size), align=align, after=0)
                + "</w:tc>"
            )
        out.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def cell_block(paragraphs: list[str], width_mm: float) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{round(width_mm * MM)}" w:type="dxa"/></w:tcPr>{"".join(paragraphs) or paragraph("")}</w:tc>'


def two_columns(
    left: list[str],
    right: list[str],
    widths_mm: tuple[float, float] = (80, 85),
    indent_mm: float = 0,
) -> str:
    """Side-by-side blocks without borders: the header and the signature of a document.

    Its one row never splits across pages ("Nơi nhận" stays beside the signature).
    """
    grid = "".join(f'<w:gridCol w:w="{round(w * MM)}"/>' for w in widths_mm)
    nil = '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{round(sum(widths_mm) * MM)}" w:type="dxa"/>'
        f'<w:tblInd w:w="{round(indent_mm * MM)}" w:type="dxa"/>{nil}<w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>{cell_block(left, widths_mm[0])}{cell_block(right, widths_mm[1])}</w:tr></w:tbl>"
    )


@dataclass
class Docx:
    title: str
    body: list[str] = field(default_factory=list)

    def add(self, *parts: str) -> None:
        self.body.extend(parts)

    def _document(self) -> str:
        width, height = A4
        margins = " ".join(f'w:{side}="{round(mm * MM)}"' for side, mm in MARGINS.items())
        section = (
            '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/>'
            '<w:headerReference w:type="first" r:id="rId4"/>'
            f'<w:pgSz w:w="{width}" w:h="{height}"/>'
            f'<w:pgMar {margins} w:header="567" w:footer="709" w:gutter="0"/><w:titlePg/></w:sectPr>'
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
            + "".join(self.body)
            + section
            + "</w:body></w:document>"
        )

    def save(self, stamp: date) -> bytes:
        when = f"{stamp.isoformat()}T00:00:00Z"
        parts = {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _RELS,
            "word/_rels/document.xml.rels": _DOCUMENT_RELS,
            "word/styles.xml": _STYLES,
            "word/settings.xml": _SETTINGS,
            "word/document.xml": self._document(),
            "word/header1.xml": _PAGE_HEADER,
            "word/header2.xml": _FIRST_HEADER,
            "docProps/app.xml": _APP,
            "docProps/core.xml": _CORE.format(title=_text(self.title), when=when),
        }
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for name, content in parts.items():
                info = zipfile.ZipInfo(
                    name, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0)
                )
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                package.writestr(info, content.encode("utf-8"))
        return out.getvalue()


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"""
_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"""
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/><w:sz w:val="{SIZE * 2}"/><w:szCs w:val="{SIZE * 2}"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style></w:styles>"""
# Decree 30: the page number, Arabic numerals, centred at the top, from the second page.
_PAGE_HEADER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"""
_FIRST_HEADER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p></w:hdr>"""
_SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="720"/><w:compat/></w:settings>"""
_APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>di-co-so</Application></Properties>"""
_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>di-co-so</dc:creator><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>"""
