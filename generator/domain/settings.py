"""Who issues the documents (``records/settings.yaml``, SPEC §2, version 2).

The top-level keys describe the province's issuer; ``units`` gives a unit that
issues its own reports its own organisation, place, sign, signatory and
recipients. A unit without an entry falls back to the top-level keys, under
its own name; what neither gives is left for the office to fill by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("quarterly", "half_year", "annual")  # document kinds of `recipients`


@dataclass(frozen=True, slots=True)
class Signatory:
    on_behalf: str | None = None  # "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN"
    title: str | None = None  # "PHÓ BÍ THƯ"
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Issuer:
    """The keys one issuer may give (every one optional)."""

    organisation: str | None = None
    place: str | None = None
    symbol: str | None = None
    signatory: Signatory = field(default_factory=Signatory)
    # document kind -> "Nơi nhận" lines
    recipients: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def recipients_for(self, kind: str) -> tuple[str, ...] | None:
        return dict(self.recipients).get(kind)


@dataclass(frozen=True, slots=True)
class Settings:
    parent: str | None = None
    province: Issuer = field(default_factory=Issuer)
    units: tuple[tuple[str, Issuer], ...] = ()

    def unit(self, unit_id: str) -> Issuer | None:
        return dict(self.units).get(unit_id)


def _issuer(data: dict[str, Any]) -> Issuer:
    signatory = data.get("signatory") or {}
    recipients = data.get("recipients") or {}
    return Issuer(
        organisation=data.get("organisation"),
        place=data.get("place"),
        symbol=data.get("symbol"),
        signatory=Signatory(
            signatory.get("on_behalf"), signatory.get("title"), signatory.get("name")
        ),
        recipients=tuple((kind, tuple(recipients[kind])) for kind in KINDS if kind in recipients),
    )


def settings_from(data: dict[str, Any]) -> Settings:
    """Settings from a schema-valid mapping."""
    units = data.get("units") or {}
    return Settings(
        parent=data.get("parent"),
        province=_issuer(data),
        units=tuple((unit_id, _issuer(units[unit_id])) for unit_id in sorted(units)),
    )
