"""One official's figures for one year (a row of ``report``) and its status (SPEC §3)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Status(enum.StrEnum):
    """A person-year's result (SPEC §3); the value is what exports and JSON carry."""

    MET = "met"
    NOT_MET = "not_met"
    IN_PROGRESS = "in_progress"
    EXEMPT = "exempt"

    @property
    def label(self) -> str:
        """The Vietnamese word shown to officials."""
        return _STATUS_LABEL[self]


_STATUS_LABEL = {
    Status.MET: "Đạt",
    Status.NOT_MET: "Chưa đạt",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.EXEMPT: "Miễn",
}


@dataclass(frozen=True, slots=True)
class YearRow:
    """One official's figures for one year (a row of ``report``)."""

    official: str
    year: int
    unit: str
    level: str | None
    applicable_days: int
    required_days: int
    counted_days: int
    district_visit: bool
    grassroots_visit: bool
    branch_meeting: bool | None
    status: Status
    province_applicable_days: int
    # (level, place kinds of a group) that no counted visit made at that level reached.
    missing_kinds: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "official": self.official,
            "year": self.year,
            "unit": self.unit,
            "level": self.level,
            "applicable_days": self.applicable_days,
            "required_days": self.required_days,
            "counted_days": self.counted_days,
            "district_visit": self.district_visit,
            "grassroots_visit": self.grassroots_visit,
            "branch_meeting": self.branch_meeting,
            "status": self.status.value,
        }
