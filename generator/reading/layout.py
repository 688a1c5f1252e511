"""Where each kind of record lives under ``records/`` (SPEC §2)."""

from __future__ import annotations

import enum
import functools
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
# One pattern for every place a record may live, visits (by far the most files) first.
_PATH = re.compile(
    r"visits/(?P<vyear>\d{4})/(?P<official>[^/]+)/(?P<name>[^/]+\.yaml)"
    r"|plans/(?P<pyear>\d{4})/q(?P<quarter>[1-4])/(?P<pstem>[^/]+)\.yaml"
    r"|(?P<folder>policies|localities|officials)/(?P<stem>[^/]+)\.yaml"
    r"|(?P<single>settings|units)\.yaml"
)


_VISIT_FOLDER = re.compile(r"visits/\d{4}/[^/]+")


def is_visit_folder(folder: str) -> bool:
    """Whether files in ``folder`` (relative to records/) can be visits."""
    return _VISIT_FOLDER.fullmatch(folder) is not None


def is_visit_name(name: str) -> bool:
    """Whether a file of that name in a visit folder is a visit."""
    return len(name) > len(".yaml") and name.endswith(".yaml")


@functools.lru_cache(maxsize=4096)
def _is_slug(text: str) -> bool:
    return bool(_SLUG_RE.match(text))


def classify(text: str) -> Location | None:
    """Return the record kind a path (relative to ``records/``, "/"-separated) belongs to, or ``None``."""
    match = _PATH.fullmatch(text)
    if match is None:
        return None
    if match["official"] is not None:
        name = _VISIT_NAME.match(match["name"])
        official = match["official"]
        return Location(
            Kind.VISIT,
            year=int(match["vyear"]),
            official=official,
            date=name.group("date") if name else None,
            name_ok=bool(name) and _is_slug(official),
        )
    if match["quarter"] is not None:
        stem = match["pstem"]
        return Location(
            Kind.PLAN,
            stem=stem,
            year=int(match["pyear"]),
            quarter=int(match["quarter"]),
            name_ok=_is_slug(stem),
        )
    if match["folder"] is not None:
        stem = match["stem"]
        return Location(_FOLDERS[match["folder"]], stem=stem, name_ok=_is_slug(stem))
    return Location(Kind.SETTINGS if match["single"] == "settings" else Kind.UNITS)
