"""Who issues a document, where, under which sign, who signs it and who receives it.

From ``records/settings.yaml`` (SPEC §2, version 2), by document kind and unit:
the province's documents take the top-level keys; a unit's take its entry under
``units``, else the top-level place and sign under the unit's own name, with the
signatory's title and name left to fill. A kind without ``recipients`` gets the
plan's (Kế hoạch 45, IV.1 Bước 6 and IV.2 Bước 4–5): the quarterly summary goes
to the standing committee, the half-year one to the standing board, the annual
one to the standing board and the Central Committee; a unit reports to the
provincial standing board through Ban Tổ chức - Kiểm tra.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.domain.model import Records, Unit
from generator.domain.settings import Issuer, Settings
from generator.publishing.naming import unbroken
from generator.publishing.office import Run, paragraph, two_columns

BLANK = "………"
PARENT = "ĐOÀN TNCS HỒ CHÍ MINH"
# PeriodReport.kind -> the document kind of settings' `recipients`.
KIND = {"quarter": "quarterly", "half": "half_year", "year": "annual"}
PROVINCE_RECIPIENTS = {
    "quarterly": ("Thường trực Tỉnh đoàn", "Lưu VP"),
    "half_year": ("Ban Thường vụ Tỉnh đoàn", "Lưu VP"),
    "annual": ("Ban Tổ chức Trung ương Đoàn", "Ban Thường vụ Tỉnh đoàn", "Lưu VP"),
}
UNIT_RECIPIENTS = ("Ban Thường vụ Tỉnh đoàn (qua Ban Tổ chức - Kiểm tra)", "Lưu VP")


@dataclass(frozen=True, slots=True)
class Letterhead:
    parent: str
    organisation: str
    place: str
    symbol: str
    on_behalf: str
    title: str
    name: str
    recipients: tuple[str, ...]


def letterhead(records: Records, unit: Unit | None, kind: str) -> Letterhead:
    """The issuer of a document of ``kind`` (quarterly, half_year, annual) of ``unit``."""
    settings = records.settings or Settings()
    top = settings.province
    if unit is None:
        return Letterhead(
            parent=settings.parent or PARENT,
            organisation=top.organisation or "BCH ĐOÀN TỈNH " + BLANK,
            place=top.place or BLANK,
            symbol=top.symbol or "TĐTN",
            on_behalf=top.signatory.on_behalf or "TM. BAN THƯỜNG VỤ",
            title=top.signatory.title or "",
            name=top.signatory.name or "",
            recipients=top.recipients_for(kind) or PROVINCE_RECIPIENTS.get(kind, ()),
        )
    own = settings.unit(unit.id) or Issuer()
    return Letterhead(
        parent=settings.parent or PARENT,
        organisation=own.organisation or f"BCH {unit.name.upper()}",
        place=own.place or top.place or BLANK,
        symbol=own.symbol or top.symbol or "TĐTN",
        on_behalf=own.signatory.on_behalf or f"TM. BAN THƯỜNG VỤ {unit.name.upper()}",
        title=own.signatory.title or "",
        name=own.signatory.name or "",
        recipients=own.recipients_for(kind) or UNIT_RECIPIENTS,
    )


def header(head: Letterhead, year: int, *, numbered: bool = True) -> str:
    """The two-column header; ``numbered`` False leaves out "Số: …" (a personal report)."""
    left = [
        paragraph(Run(head.organisation, bold=True, size=12), align="center", after=0),
        paragraph("***", align="center", after=0),
    ]
    if numbered:
        left.append(paragraph(Run(f"Số:      -BC/{head.symbol}", size=13), align="center", after=0))
    right = [
        paragraph(Run(head.parent, bold=True, underline=True, size=13), align="center", after=0),
        paragraph("", after=0),
        paragraph(
            Run(f"{head.place}, ngày    tháng    năm {year}", italic=True, size=13),
            align="center",
            after=0,
        ),
    ]
    # A little wider than the text, as the Decree's samples: long names stay on one line.
    return two_columns(left, right, (82, 92), indent_mm=-6)


def title(subject: str) -> list[str]:
    return [
        paragraph(Run("BÁO CÁO", bold=True, size=15), align="center", before=18, after=0),
        paragraph(Run(subject, bold=True), align="center", after=0),
        paragraph("-----", align="center", after=12),
    ]


def _recipient_lines(recipients: tuple[str, ...]) -> list[str]:
    """Decree 30: one line each, "- " first, ";" after each but the last, which ends in "."."""
    lines = []
    for index, text in enumerate(recipients):
        end = "." if index == len(recipients) - 1 else ";"
        lines.append(f"- {text.rstrip(' ;.')}{end}")
    return lines


def signature(head: Letterhead) -> str:
    """ "Nơi nhận" and the signature block, side by side in one row that never splits."""
    left = [
        paragraph(
            Run("Nơi nhận:", bold=True, italic=True, size=12),
            align="left",
            after=0,
            keep_next=True,
        )
    ]
    left += [
        paragraph(Run(line, size=11), align="left", after=0, keep_next=True)
        for line in _recipient_lines(head.recipients)
    ]
    right = [
        paragraph(Run(head.on_behalf, bold=True, size=13), align="center", after=0, keep_next=True),
        paragraph(Run(head.title, bold=True, size=13), align="center", after=0, keep_next=True),
        *[paragraph("", after=0, keep_next=True) for _ in range(3)],
        paragraph(Run(unbroken(head.name), bold=True), align="center", after=0),
    ]
    return two_columns(left, right, (68, 97))
