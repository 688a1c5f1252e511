"""``new visit``: a correctly named skeleton of a visit report.

Its summary and place are placeholders that the schema step reports until they are
replaced (:mod:`generator.placeholders`), so an untouched skeleton never passes.

The only code that writes under ``records/``; it never overwrites a file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator import placeholders
from generator.domain import structure
from generator.domain.compliance import Compliance
from generator.domain.model import SEED_CONTENTS, Records
from generator.errors import UsageError
from generator.vietnamese import LEVEL


def visit_path(records_dir: Path, official: str, start: date) -> Path:
    """``visits/<year>/<official>/<from>.yaml``, or ``-2``, ``-3``… when that name is taken."""
    folder = records_dir / "visits" / str(start.year) / official
    path = folder / f"{start.isoformat()}.yaml"
    n = 2
    while path.exists():
        path = folder / f"{start.isoformat()}-{n}.yaml"
        n += 1
    return path


def _place_lines(records: Records, area: str | None, day: date) -> list[str]:
    """The places in force on ``day`` an official may choose: inside their unit's area, or all."""
    inside = f"{area}/"
    places = [
        p for p in structure.places_on(records, day) if (area is None or p.id.startswith(inside))
    ]
    width = max((len(p.id) for p in places), default=0)
    return [
        f"#   {p.id.ljust(width)}  {_one_line(p.name)}" for p in sorted(places, key=lambda p: p.id)
    ]


def _one_line(text: str) -> str:
    """Record text for a comment line: a line break in a name must not start a new key."""
    return " ".join(text.split())


def visit_skeleton(records: Records, compliance: Compliance, official_id: str, start: date) -> str:
    official = records.officials.get(official_id)
    if official is None:
        raise UsageError(f"không có cán bộ “{official_id}” trong records/officials/")
    unit = compliance.unit_on(official_id, start)
    if unit is None:
        raise UsageError(f"ngày {start:%d/%m/%Y} cán bộ {official_id} không công tác ở đơn vị nào")
    choices = _place_lines(records, unit.area, start)
    policy = compliance.policy_on(start)
    assigned = sorted(policy.assigned_contents) if policy else []
    catalogue = [(c.code, c.name) for c in policy.contents] if policy else list(SEED_CONTENTS)
    first_code = catalogue[0][0] if catalogue else "1.1"
    reported = max(start, compliance.as_of)
    lines = [
        "# Báo cáo kết quả đi cơ sở. Điền các chỗ còn trống; dòng bắt đầu bằng # là chú thích.",
        f"# Cán bộ: {_one_line(official.name)} — {_one_line(unit.name)} ({LEVEL[unit.level].lower()})",
        f"official: {official_id}",
        f"from: {start.isoformat()}",
        f"# to: {start.isoformat()}      # ngày kết thúc, nếu đi nhiều ngày",
        "places:",
        f"  - {placeholders.PLACE}      # thay bằng mã địa bàn (xã, ấp) trong danh sách ở cuối tệp",
        f'contents: ["{first_code}"]      # mã nội dung, trong ngoặc kép: xem danh sách ở cuối tệp',
        f"# assigned_by: Thường trực Tỉnh đoàn      # bắt buộc khi có nội dung {', '.join(assigned)}",
        "# invitation_only: true      # nếu chỉ dự theo thư mời",
        f"summary: {placeholders.SUMMARY}      # thay câu này bằng tóm tắt thật",
        "# proposals:      # đề xuất, kiến nghị (nếu có)",
        "#   - …",
        f"reported_on: {reported.isoformat()}",
        "#",
        "# Nội dung:",
        *(f'#   "{code}"  {label}' for code, label in catalogue),
        "#",
        "# Địa bàn có thể chọn:",
        *choices,
    ]
    return "\n".join(lines) + "\n"


def write_new(path: Path, text: str) -> None:
    """Create ``path`` (and its folders); refuse if it exists, whatever happened meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
