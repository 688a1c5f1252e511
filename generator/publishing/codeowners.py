"""CODEOWNERS from the records: the organising department reviews the rules and the
shared lists; each unit reviews its plans and its current officials' records."""

from __future__ import annotations

from generator.domain.model import Records

ORGANISING_UNIT = "ban-tckt"


def codeowners(records: Records, org: str) -> str:
    def team(unit: str) -> str:
        return f"@{org}/{unit}"

    def owners(unit: str) -> str:
        """The unit's team, with the organising department as second reviewer."""
        return team(unit) if unit == ORGANISING_UNIT else f"{team(unit)} {team(ORGANISING_UNIT)}"

    lines = [
        "# Sinh tự động: python -m generator codeowners > .github/CODEOWNERS (đừng sửa tay).",
        "# Ban Tổ chức - Kiểm tra duyệt quy định, danh sách đơn vị, địa bàn và mã nguồn;",
        "# mỗi đơn vị duyệt kế hoạch của mình và hồ sơ, báo cáo của cán bộ đang công tác tại đơn vị.",
        f"* {team(ORGANISING_UNIT)}",
        f"/records/policies/ {team(ORGANISING_UNIT)}",
        f"/records/units.yaml {team(ORGANISING_UNIT)}",
        f"/records/localities/ {team(ORGANISING_UNIT)}",
        f"/records/settings.yaml {team(ORGANISING_UNIT)}",
        f"/schema/ {team(ORGANISING_UNIT)}",
    ]
    lines += [f"/records/plans/*/*/{unit}.yaml {owners(unit)}" for unit in sorted(records.units)]
    for official in sorted(records.officials.values(), key=lambda o: o.id):
        current = max(official.assignments, key=lambda a: a.start)
        lines.append(f"/records/officials/{official.id}.yaml {owners(current.unit)}")
        lines.append(f"/records/visits/*/{official.id}/ {owners(current.unit)}")
    return "\n".join(lines) + "\n"
