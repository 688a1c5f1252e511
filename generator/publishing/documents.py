"""Reports ready to print, sign and send (DOCX), in the Đoàn's document layout.

Layout of the source plan: a two-column header (issuing body and "Số: …-BC/TĐTN"
on the left; "ĐOÀN TNCS HỒ CHÍ MINH" and "<place>, ngày … tháng … năm …" on the
right), the title "BÁO CÁO" and its subject line, numbered sections (situation,
results with tables, shortcomings, proposals), "Nơi nhận:" and the signature
block. Issuing body, place and signatory come from records/settings.yaml; the
document number and the day are left for the office to fill.
"""

from __future__ import annotations

from datetime import date

from generator.domain.compliance import Compliance, YearRow
from generator.domain.findings import Finding
from generator.domain.model import Official, Records, Settings, Unit
from generator.domain.periodic import PeriodReport, Section
from generator.publishing.office import Docx, Run, paragraph, table, two_columns
from generator.vietnamese import LEVEL, number, short_date

BLANK = "………"


def _settings(records: Records) -> Settings:
    return records.settings or Settings(None, None, None, None, None, None)


def issuer(records: Records, unit: Unit | None) -> tuple[str, str]:
    """(issuing body, number suffix): the province from settings, or a district union."""
    if unit is not None:
        return f"BCH {unit.name.upper()}", "-BC/ĐTN"
    return (_settings(records).organisation or "BCH ĐOÀN TỈNH ………").upper(), "-BC/TĐTN"


def header(records: Records, unit: Unit | None, year: int) -> str:
    settings = _settings(records)
    body, suffix = issuer(records, unit)
    left = [
        paragraph(Run(body, bold=True, size=13), align="center", after=0),
        paragraph("***", align="center", after=0),
        paragraph(Run(f"Số:      {suffix}", size=13), align="center", after=0),
    ]
    right = [
        paragraph(
            Run(settings.parent or "ĐOÀN TNCS HỒ CHÍ MINH", bold=True, underline=True, size=13),
            align="center",
            after=0,
        ),
        paragraph("", after=0),
        paragraph(
            Run(f"{settings.place or BLANK}, ngày      tháng      năm {year}", italic=True),
            align="center",
            after=0,
        ),
    ]
    return two_columns(left, right)


def title(subject: str) -> list[str]:
    return [
        paragraph(Run("BÁO CÁO", bold=True, size=15), align="center", before=18, after=0),
        paragraph(Run(subject, bold=True), align="center", after=0),
        paragraph("-----", align="center", after=12),
    ]


def heading(text: str) -> str:
    return paragraph(Run(text, bold=True), align="both", before=6, keep_next=True)


def signature(records: Records, unit: Unit | None, recipients: list[str]) -> str:
    settings = _settings(records)
    left = [paragraph(Run("Nơi nhận:", bold=True, italic=True, size=12), align="left", after=0)]
    left += [paragraph(Run(f"- {r}", size=11), align="left", after=0) for r in recipients]
    if unit is None:
        on_behalf, role, name = (
            settings.on_behalf or "TM. BAN THƯỜNG VỤ",
            settings.title or "",
            settings.signatory or "",
        )
    else:
        on_behalf, role, name = f"TM. BAN THƯỜNG VỤ {unit.name.upper()}", "BÍ THƯ", ""
    right = [
        paragraph(Run(on_behalf, bold=True, size=13), align="center", after=0),
        paragraph(Run(role, bold=True, size=13), align="center", after=0),
        *[paragraph("", after=0) for _ in range(3)],
        paragraph(Run(name, bold=True), align="center", after=0),
    ]
    return two_columns(left, right, (70, 95))


def _figures(section: Section) -> str:
    rows = [
        ["Chỉ tiêu", "Số lượng"],
        ["Số đợt đi cơ sở", number(section.visits)],
        ["Số đợt được tính", number(section.counted_visits)],
        ["Số ngày được tính", number(section.days)],
        ["Số địa bàn đã đến", number(len(section.places))],
        ["Số báo cáo nộp trễ hạn", number(len(section.late_reports))],
    ]
    return table(rows, [110, 45])


def _contents(section: Section, catalogue: tuple[tuple[str, str], ...]) -> str:
    rows = [["Nội dung", "Số đợt"]] + [
        [f"{code}. {label}", number(section.contents[code])] for code, label in catalogue
    ]
    return table(rows, [130, 25])


def _plan_vs_actual(records: Records, section: Section) -> str:
    rows = [["Cán bộ", "Kế hoạch (ngày)", "Thực hiện (ngày)"]]
    for official_id, (planned, done) in section.plan_vs_actual.items():
        official = records.officials.get(official_id)
        rows.append([official.name if official else official_id, number(planned), number(done)])
    return table(rows, [85, 35, 35])


def _units(records: Records, report: PeriodReport) -> str:
    rows = [["Đơn vị", "Số đợt", "Số ngày", "Nộp trễ"]]
    rows += [
        [records.units[s.key].name, number(s.visits), number(s.days), number(len(s.late_reports))]
        for s in report.units
        if s.visits or s.plan_vs_actual
    ]
    return table(rows, [85, 23, 23, 24])


def report_document(
    compliance: Compliance,
    findings: list[Finding],
    report: PeriodReport,
    unit: Unit | None,
    as_of: date,
) -> bytes:
    """A periodic report for the province (``unit`` None) or for one district union."""
    records = compliance.records
    section = report.province if unit is None else next(s for s in report.units if s.key == unit.id)
    period = report.title.removeprefix("Báo cáo ")
    document = Docx(f"Báo cáo kết quả đi công tác cơ sở {period}")
    document.add(header(records, unit, as_of.year))
    document.add(*title(f"Kết quả thực hiện chế độ đi công tác cơ sở {period}"))
    who = "cán bộ đoàn cấp tỉnh và cấp huyện" if unit is None else f"cán bộ {unit.name}"
    document.add(
        heading("I. TÌNH HÌNH CHUNG"),
        paragraph(
            f"Từ ngày {short_date(report.span.first)} đến ngày {short_date(report.span.last)}, {who} đã thực hiện "
            f"{number(section.visits)} đợt đi công tác cơ sở với {number(section.days)} ngày được tính, đến "
            f"{number(len(section.places))} địa bàn. Số liệu tổng hợp từ báo cáo kết quả từng đợt đi cơ sở, tính đến "
            f"ngày {short_date(as_of)}.",
            indent=True,
        ),
        heading("II. KẾT QUẢ THỰC HIỆN"),
        paragraph(Run("1. Số đợt, số ngày đi cơ sở", italic=True), keep_next=True),
        _figures(section),
        paragraph(Run("2. Nội dung đi cơ sở", italic=True), before=6, keep_next=True),
        _contents(section, report.catalogue),
    )
    if unit is None:
        document.add(
            paragraph(Run("3. Kết quả theo đơn vị", italic=True), before=6, keep_next=True),
            _units(records, report),
        )
    elif section.plan_vs_actual:
        document.add(
            paragraph(
                Run("3. Kế hoạch và thực hiện của từng cán bộ", italic=True),
                before=6,
                keep_next=True,
            ),
            _plan_vs_actual(records, section),
        )
    late = section.late_reports
    in_scope = [
        f
        for f in findings
        if f.severity.value == "violation"
        and f.year is not None
        and report.span.first.year <= f.year <= report.span.last.year
        and (unit is None or f.unit == unit.id)
        and (
            f.quarter is None
            or report.span.first <= date(f.year, 3 * f.quarter - 2, 1) <= report.span.last
        )
    ]
    document.add(heading("III. TỒN TẠI, HẠN CHẾ"))
    document.add(paragraph(f"- Số báo cáo kết quả nộp trễ hạn: {number(len(late))}.", indent=True))
    by_rule: dict[str, int] = {}
    for finding in in_scope:
        by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
    labels = {
        "min-days": "cán bộ chưa đủ số ngày đi cơ sở",
        "levels": "cán bộ cấp tỉnh chưa đi đủ các cấp địa bàn",
        "branch-meeting": "cán bộ chưa dự sinh hoạt chi đoàn",
        "plan-late": "kế hoạch quý đăng ký trễ hạn",
        "plan-missing": "kế hoạch quý chưa đăng ký",
        "unplanned-visit": "đợt đi có nội dung tự chọn ngoài kế hoạch",
        "out-of-area": "đợt đi ngoài địa bàn phụ trách",
    }
    for rule, label in labels.items():
        if by_rule.get(rule):
            document.add(paragraph(f"- Số {label}: {number(by_rule[rule])}.", indent=True))
    document.add(heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"))
    if section.proposals:
        seen: set[str] = set()
        for proposal in section.proposals:
            if proposal.text not in seen:
                seen.add(proposal.text)
                document.add(paragraph(f"- {proposal.text}", indent=True))
    else:
        document.add(paragraph("Không có đề xuất, kiến nghị.", indent=True))
    recipients = (
        ["Thường trực Tỉnh đoàn;", "Ban Tổ chức Trung ương Đoàn;", "Lưu VP."]
        if unit is None
        else ["Ban Thường vụ Tỉnh đoàn (qua Ban Tổ chức - Kiểm tra);", "Lưu VP."]
    )
    document.add(paragraph("", after=6), signature(records, unit, recipients))
    return document.save(as_of)


def official_document(
    compliance: Compliance, official: Official, row: YearRow, as_of: date
) -> bytes:
    """An official's yearly field-work result, for the annual self-review."""
    records = compliance.records
    unit = records.units.get(row.unit)
    document = Docx(f"Kết quả đi công tác cơ sở năm {row.year} — {official.name}")
    document.add(header(records, unit if unit and unit.level == "district" else None, as_of.year))
    document.add(*title(f"Kết quả đi công tác cơ sở năm {row.year}"))
    assignment = max(
        (a for a in official.assignments if a.unit == row.unit),
        key=lambda a: a.start,
        default=official.assignments[-1],
    )
    document.add(
        paragraph(f"Họ và tên: {official.name}", after=0),
        paragraph(f"Chức vụ: {assignment.role}", after=0),
        paragraph(
            f"Đơn vị: {unit.name if unit else row.unit} ({LEVEL.get(row.level or '', '')})", after=6
        ),
        heading("1. Kết quả thực hiện"),
        table(
            [
                ["Chỉ tiêu", "Kết quả"],
                ["Số ngày thuộc diện áp dụng", number(row.applicable_days)],
                ["Số ngày phải đi cơ sở", number(row.required_days)],
                ["Số ngày đã đi cơ sở (được tính)", number(row.counted_days)],
                ["Đi cơ sở cấp huyện", "Có" if row.district_visit else "Không"],
                ["Đi cơ sở cấp xã, ấp", "Có" if row.grassroots_visit else "Không"],
                [
                    "Dự sinh hoạt chi đoàn ấp, khu phố",
                    "Không áp dụng"
                    if row.branch_meeting is None
                    else "Có"
                    if row.branch_meeting
                    else "Không",
                ],
                ["Đánh giá", row.status.label],
            ],
            [110, 45],
        ),
        heading("2. Các đợt đi cơ sở"),
    )
    visits = compliance.counted_visits(official.id, row.year)
    rows = [["Từ ngày", "Đến ngày", "Địa bàn", "Nội dung"]]
    for visit in visits:
        places = "; ".join(
            records.places[p].name if p in records.places else p for p in visit.places
        )
        rows.append(
            [short_date(visit.start), short_date(visit.end), places, ", ".join(visit.contents)]
        )
    document.add(
        table(rows, [26, 26, 78, 25])
        if visits
        else paragraph("Không có đợt đi cơ sở được tính.", indent=True)
    )
    document.add(
        heading("3. Tự nhận xét"),
        paragraph("……………………………………………………………………………………………………………", after=0),
        paragraph("……………………………………………………………………………………………………………", after=12),
        two_columns(
            [paragraph(Run("XÁC NHẬN CỦA ĐƠN VỊ", bold=True), align="center")],
            [
                paragraph(Run("NGƯỜI BÁO CÁO", bold=True), align="center"),
                *[paragraph("", after=0) for _ in range(3)],
                paragraph(Run(official.name, bold=True), align="center"),
            ],
            (80, 85),
        ),
    )
    return document.save(as_of)
