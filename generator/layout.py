"""Where each kind of record lives under ``records/`` (SPEC §2)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SLUG_RE = re.compile(rf"{SLUG}\Z")
_VISIT_NAME = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})(?:-(?P<n>[1-9][0-9]*))?\.yaml\Z")


class Kind(enum.Enum):
    SETTINGS = "settings"
    POLICY = "policy"
    UNITS = "units"
    LOCALITY = "locality"
    OFFICIAL = "official"
    PLAN = "plan"
    VISIT = "visit"


KIND_LABELS = {
    Kind.SETTINGS: "thông tin cơ quan",
    Kind.POLICY: "quy định",
    Kind.UNITS: "danh sách đơn vị",
    Kind.LOCALITY: "địa bàn",
    Kind.OFFICIAL: "cán bộ",
    Kind.PLAN: "kế hoạch quý",
    Kind.VISIT: "báo cáo đi cơ sở",
}


@dataclass(frozen=True, slots=True)
class Location:
    """What a file's path says about its record."""

    kind: Kind
    stem: str | None = None  # id of policies, localities, officials; unit of plans
    year: int | None = None  # plans and visits
    quarter: int | None = None  # plans
    official: str | None = None  # visits
    date: str | None = None  # visits: the YYYY-MM-DD of the file name
    name_ok: bool = True  # False when the file name breaks its kind's pattern


_FOLDERS = {"policies": Kind.POLICY, "localities": Kind.LOCALITY, "officials": Kind.OFFICIAL}
_PATTERNS = (
    re.compile(r"(?P<single>settings|units)\.yaml"),
    re.compile(r"(?P<folder>policies|localities|officials)/(?P<stem>[^/]+)\.yaml"),
    re.compile(r"plans/(?P<year>\d{4})/q(?P<quarter>[1-4])/(?P<stem>[^/]+)\.yaml"),
    re.compile(r"visits/(?P<year>\d{4})/(?P<official>[^/]+)/(?P<name>[^/]+)"),
)


def classify(text: str) -> Location | None:
    """Return the record kind a path (relative to ``records/``, "/"-separated) belongs to, or ``None``."""
    match = next((m for p in _PATTERNS if (m := p.fullmatch(text))), None)
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("single"):
        return Location(Kind.SETTINGS if groups["single"] == "settings" else Kind.UNITS)
    if groups.get("folder"):
        stem = groups["stem"]
        return Location(_FOLDERS[groups["folder"]], stem=stem, name_ok=bool(_SLUG_RE.match(stem)))
    if groups.get("quarter"):
        stem = groups["stem"]
        return Location(
            Kind.PLAN,
            stem=stem,
            year=int(groups["year"]),
            quarter=int(groups["quarter"]),
            name_ok=bool(_SLUG_RE.match(stem)),
        )
    if not groups["name"].endswith(".yaml"):
        return None
    name = _VISIT_NAME.match(groups["name"])
    return Location(
        Kind.VISIT,
        year=int(groups["year"]),
        official=groups["official"],
        date=name.group("date") if name else None,
        name_ok=bool(name) and bool(_SLUG_RE.match(groups["official"])),
    )
