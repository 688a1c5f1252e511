"""The upcoming and missed deadlines, as Markdown for the scheduled reminder's job summary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from generator import inert
from generator.domain import structure, timeliness
from generator.domain.compliance import Compliance
from generator.domain.periods import Quarter, quarters
from generator.vietnamese import short_date

ANNUAL_LABELS = {
    "district_annual": "Huyện, thành, thị đoàn gửi báo cáo năm về Tỉnh đoàn",
    "province_annual": "Ban Tổ chức - Kiểm tra tổng hợp báo cáo năm gửi Ban Thường vụ",
    "central_annual": "Tỉnh đoàn gửi báo cáo năm về Ban Tổ chức Trung ương Đoàn",
}


def _in_days(day: date, as_of: date) -> str:
    delta = (day - as_of).days
    if delta == 0:
        return "hôm nay"
    return f"còn {delta} ngày" if delta > 0 else f"đã qua {-delta} ngày"


def next_plan_deadline(compliance: Compliance) -> tuple[Quarter, date] | None:
    """The first plan registration deadline on or after ``as_of``."""
    as_of = compliance.as_of
    for quarter in quarters(as_of, date(as_of.year + 1, 12, 31)):
        deadline = compliance.deadline(quarter)
        if deadline is not None and deadline[0] >= as_of:
            return quarter, deadline[0]
    return None


def upcoming(compliance: Compliance, limit: int = 5) -> list[tuple[date, str]]:
    """The next plan registration deadline and annual report due dates, soonest first."""
    as_of = compliance.as_of
    found: list[tuple[date, str]] = []
    plan = next_plan_deadline(compliance)
    if plan:
        found.append((plan[1], f"Đăng ký kế hoạch đi cơ sở {plan[0].label_lower}"))
    for year in (as_of.year, as_of.year + 1):
        policy = compliance.policy_on(date(year, 6, 30)) or compliance.policy_on(as_of)
        for due, key in policy.annual_deadlines(year) if policy else ():
            if due >= as_of:
                found.append((due, f"{ANNUAL_LABELS.get(key, key)} ({year})"))
    return sorted(found)[:limit]


def markdown(compliance: Compliance, inline: Callable[[object], str] = inert.markdown) -> str:
    """The Monday reminder: deadlines coming, plans missing, reports late, officials silent.

    Units and officials are named as their records name them (with the id, which
    the file names use). The default makes record text inert Markdown (the job
    summary); :func:`generator.inert.terminal` keeps it readable on a terminal, with
    no control character left.
    """
    as_of, records = compliance.as_of, compliance.records

    def unit_name(unit_id: str) -> str:
        unit = records.units.get(unit_id)
        return f"{inline(unit.name)} ({inline(unit_id)})" if unit else inline(unit_id)

    def official_name(official_id: str) -> str:
        official = records.officials.get(official_id)
        return (
            f"{inline(official.name)} ({inline(official_id)})" if official else inline(official_id)
        )

    lines = [f"## Các hạn cần nhớ (tính đến {short_date(as_of)})", ""]
    plan_deadline = next_plan_deadline(compliance)
    lines.append("### Đăng ký kế hoạch quý")
    if plan_deadline:
        quarter, day = plan_deadline
        done = {
            p.unit for p in records.plans if (p.year, p.quarter) == (quarter.year, quarter.number)
        }
        found = compliance.deadline(quarter)
        levels = found[1].plan_levels if found else frozenset()
        waiting = sorted(
            u.id
            for u in structure.units_in(records, quarter.span)
            if u.level in levels and u.id not in done
        )
        lines.append(
            f"- Hạn đăng ký kế hoạch {quarter.label}: **{short_date(day)}** ({_in_days(day, as_of)})."
        )
        lines.append(
            f"- Chưa đăng ký ({len(waiting)} đơn vị): {', '.join(map(unit_name, waiting))}"
            if waiting
            else "- Tất cả đơn vị đã đăng ký."
        )
    else:
        lines.append("- Không có hạn đăng ký nào trong thời gian có quy định.")
    missing = timeliness.missing_plans(compliance)
    late_reports = [
        v
        for v in records.visits
        if v.start.year == as_of.year and timeliness.late_report(compliance, v) is not None
    ]
    lines += ["", "### Đã quá hạn", f"- Kế hoạch quý còn thiếu: {len(missing)}"]
    lines += [
        f"  - {unit_name(m.unit)}: kế hoạch {m.quarter.label} (hạn đăng ký {short_date(m.due)}), "
        f"tệp records/plans/{m.quarter.year}/q{m.quarter.number}/{inline(m.unit)}.yaml"
        for m in missing[-20:]
    ]
    lines.append(f"- Báo cáo đi cơ sở nộp trễ trong năm {as_of.year}: {len(late_reports)}")
    quarter = Quarter.of(as_of)
    planned: dict[str, int] = {}
    for plan in records.plans:
        if (plan.year, plan.quarter) == (quarter.year, quarter.number):
            for entry in plan.entries:
                planned[entry.official] = planned.get(entry.official, 0) + entry.days
    reported = {v.official for v in records.visits if Quarter.of(v.start) == quarter}
    silent = sorted(o for o, days in planned.items() if days > 0 and o not in reported)
    lines += ["", f"### Chưa có báo cáo đi cơ sở trong {quarter.label}"]
    lines.append(
        f"- {len(silent)} cán bộ có kế hoạch nhưng chưa nộp báo cáo đợt nào: "
        f"{', '.join(map(official_name, silent))}"
        if silent
        else "- Mọi cán bộ có kế hoạch đều đã có báo cáo."
    )
    policy = compliance.policy_on(as_of)
    if policy and policy.report_deadlines:
        lines += ["", f"### Báo cáo năm {as_of.year}"]
        for due, key in policy.annual_deadlines(as_of.year):
            lines.append(
                f"- {ANNUAL_LABELS.get(key) or inline(key)}: {short_date(due)} ({_in_days(due, as_of)})"
            )
    return "\n".join(lines) + "\n"
