"""Write the visit-report issue form (GitHub's issue-forms syntax) from the records.

Officials and contents are chosen from lists made from the records; places are
typed, by code or by name. ``python -m generator issue-form`` prints it; a test
fails when the committed ``.github/ISSUE_TEMPLATE/bao-cao-di-co-so.yml`` is stale.
Nothing here depends on the date: the same records give the same form.
"""

from __future__ import annotations

from typing import Any

import yaml

from generator.domain.model import SEED_CONTENTS, Records
from generator.intake import fields as f
from generator.vietnamese import name_key

HEADER = (
    "# Made by `python -m generator issue-form --out .github/ISSUE_TEMPLATE/bao-cao-di-co-so.yml`\n"
    "# from records/ (officials, content catalogues): run it again when they change.\n"
)


def official_option(name: str, ident: str) -> str:
    return f"{' '.join(name.split())} ({ident})"


def content_option(code: str, name: str) -> str:
    return f"{code} — {' '.join(name.split())}"


def catalogue(records: Records) -> list[tuple[str, str]]:
    """Every content code of every policy, named as the latest policy that has it names it."""
    names: dict[str, str] = {}
    if not records.policies:
        names.update(SEED_CONTENTS)
    for policy in sorted(records.policies, key=lambda p: p.effective_from):
        for content in policy.contents:
            names[content.code] = content.name
    return sorted(names.items(), key=lambda item: tuple(int(n) for n in item[0].split(".")))


def officials(records: Records) -> list[tuple[str, str]]:
    people = sorted(records.officials.values(), key=lambda o: (name_key(o.name), o.id))
    return [(o.id, official_option(o.name, o.id)) for o in people]


def _text(kind: str, field: f.Field, description: str, placeholder: str) -> dict[str, Any]:
    """A free-text field: ``kind`` is "input" (one line) or "textarea"."""
    return {
        "type": kind,
        "id": field.id,
        "attributes": {
            "label": field.label,
            "description": description,
            "placeholder": placeholder,
        },
        "validations": {"required": field.required},
    }


def _input(field: f.Field, description: str, placeholder: str) -> dict[str, Any]:
    return _text("input", field, description, placeholder)


def _textarea(field: f.Field, description: str, placeholder: str) -> dict[str, Any]:
    return _text("textarea", field, description, placeholder)


def _dropdown(
    field: f.Field, description: str, options: list[str], *, multiple: bool
) -> dict[str, Any]:
    return {
        "type": "dropdown",
        "id": field.id,
        "attributes": {
            "label": field.label,
            "description": description,
            "multiple": multiple,
            "options": options,
        },
        "validations": {"required": field.required},
    }


def form(records: Records) -> dict[str, Any]:
    contents = catalogue(records)
    return {
        "name": "Báo cáo kết quả đi cơ sở",
        "description": "Báo cáo một đợt đi cơ sở; hệ thống tự tạo hồ sơ và yêu cầu hợp nhất.",
        "title": "Báo cáo kết quả đi cơ sở",
        "labels": [f.LABEL],
        "body": [
            {
                "type": "markdown",
                "attributes": {
                    "value": (
                        "Điền các mục dưới đây rồi bấm **Submit new issue**. Hệ thống kiểm tra "
                        "báo cáo trong vài phút: nếu đúng, một yêu cầu hợp nhất (pull request) "
                        "chứa hồ sơ được tạo để người phụ trách duyệt; nếu có chỗ sai, một bình "
                        "luận ghi rõ mục nào cần sửa. Sửa bằng nút **Edit** của chính báo cáo "
                        "này, hệ thống sẽ kiểm tra lại.\n\n"
                        "Ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/08/2024."
                    )
                },
            },
            _dropdown(
                f.OFFICIAL,
                "Người đi cơ sở. Gõ vài chữ của tên để tìm.",
                [label for _, label in officials(records)],
                multiple=False,
            ),
            _input(f.FROM, "Ngày bắt đầu đợt đi (ngày/tháng/năm).", "05/08/2024"),
            _input(f.TO, "Chỉ điền khi đi nhiều ngày (ngày/tháng/năm).", "06/08/2024"),
            _textarea(
                f.PLACES,
                "Mỗi dòng một địa bàn: gõ tên (ví dụ “Ấp Thạnh Hòa, Xã Thạnh Tây”) hoặc mã "
                "(ví dụ “tan-bien/thanh-tay/thanh-hoa”). Nếu có nội dung dự sinh hoạt chi đoàn "
                "ấp, khu phố thì ghi cả ấp, khu phố.",
                "Ấp Thạnh Hòa, Xã Thạnh Tây\nXã Thạnh Tây",
            ),
            _dropdown(
                f.CONTENTS,
                "Chọn một hoặc nhiều nội dung.",
                [content_option(code, name) for code, name in contents],
                multiple=True,
            ),
            _input(
                f.ASSIGNED_BY,
                "Bắt buộc khi có nội dung được phân công (kiểm tra, giám sát; củng cố cơ sở; "
                "dự hội nghị theo thư mời…).",
                "Thường trực Tỉnh đoàn",
            ),
            {
                "type": "checkboxes",
                "id": f.INVITATION_ONLY.id,
                "attributes": {
                    "label": f.INVITATION_ONLY.label,
                    "description": "Đánh dấu nếu chỉ dự một hoạt động theo thư mời.",
                    "options": [{"label": f.INVITATION_OPTION, "required": False}],
                },
            },
            _textarea(
                f.SUMMARY,
                "Những việc đã làm và tình hình nắm được tại cơ sở.",
                "Dự sinh hoạt chi đoàn ấp Thạnh Hòa; kiểm tra sổ sách chi đoàn.",
            ),
            _textarea(
                f.PROPOSALS,
                "Mỗi dòng một đề xuất (nếu có).",
                "Huyện đoàn hướng dẫn chi đoàn ấp lập sổ theo dõi đoàn viên đi làm ăn xa.",
            ),
            _input(
                f.REPORTED_ON,
                "Ngày nộp báo cáo (ngày/tháng/năm). Để trống: ngày gửi báo cáo này.",
                "08/08/2024",
            ),
        ],
    }


def render(records: Records) -> str:
    text = yaml.safe_dump(form(records), allow_unicode=True, sort_keys=False, width=100)
    return HEADER + text
