"""The fields of the visit-report issue form: ids are the visit record's keys (SPEC §2).

One list serves both sides: :mod:`generator.intake.form` writes the form from it,
:mod:`generator.intake.body` reads an issue body by its ``### <label>`` headings.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Field:
    id: str
    label: str
    required: bool


OFFICIAL = Field("official", "Cán bộ", required=True)
FROM = Field("from", "Ngày bắt đầu", required=True)
TO = Field("to", "Ngày kết thúc", required=False)
PLACES = Field("places", "Địa bàn đã đến", required=True)
CONTENTS = Field("contents", "Nội dung đã thực hiện", required=True)
ASSIGNED_BY = Field("assigned_by", "Người, cơ quan phân công", required=False)
INVITATION_ONLY = Field("invitation_only", "Dự theo thư mời", required=False)
SUMMARY = Field("summary", "Tóm tắt kết quả", required=True)
PROPOSALS = Field("proposals", "Đề xuất, kiến nghị", required=False)
REPORTED_ON = Field("reported_on", "Ngày báo cáo", required=False)

FIELDS = (
    OFFICIAL,
    FROM,
    TO,
    PLACES,
    CONTENTS,
    ASSIGNED_BY,
    INVITATION_ONLY,
    SUMMARY,
    PROPOSALS,
    REPORTED_ON,
)
BY_LABEL = {f.label: f for f in FIELDS}
BY_ID = {f.id: f for f in FIELDS}

# The one option of the invitation_only checkbox list.
INVITATION_OPTION = "Tôi chỉ dự theo thư mời (không được phân công, không tự đăng ký)"
# The label the intake workflow reacts to; the form gives it to every issue it opens.
LABEL = "báo cáo đi cơ sở"
FORM_FILE = ".github/ISSUE_TEMPLATE/bao-cao-di-co-so.yml"
