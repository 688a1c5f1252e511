"""Vietnamese conventions: alphabet order, numbers, dates and the labels shown to readers."""

from __future__ import annotations

import unicodedata
from datetime import date

# a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (then letters Vietnamese lacks).
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_ORDER = {letter: i for i, letter in enumerate(_ALPHABET)}
_FOREIGN = {letter: 100 + i for i, letter in enumerate("fjwz")}
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
# Dictionary order of tones: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

LEVEL = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}
CONTENTS = {
    "1.1": "Phối hợp tổ chức, triển khai hoạt động tại cơ sở",
    "1.2": "Kiểm tra, giám sát",
    "1.3": "Theo chuyên đề: điều tra, khảo sát, nắm tình hình",
    "1.4": "Tham gia các đợt củng cố cơ sở",
    "1.5": "Dự sinh hoạt chuyên đề, hội nghị BCH, BTV đoàn cấp dưới (theo thư mời)",
    "1.6": "Dự sinh hoạt chi đoàn ấp, khu phố",
}
DUTY = {
    "general": "Công tác chung",
    "clerical": "Văn thư",
    "accounting": "Kế toán",
    "treasury": "Thủ quỹ",
    "emulation": "Thi đua khen thưởng",
    "admin_deputy_chief": "Phó Chánh văn phòng phụ trách hành chính quản trị",
}


def _letter(char: str) -> tuple[int, int]:
    """(letter rank, tone rank) of one character."""
    if char in "đĐ":
        return _ORDER["đ"], 0
    parts = unicodedata.normalize("NFD", char.lower())
    base, marks = parts[0], parts[1:]
    tone = next((_TONES[m] for m in marks if m in _TONES), 0)
    if base == "a" and _BREVE in marks:
        base = "ă"
    elif base in "aeo" and _CIRCUMFLEX in marks:
        base = {"a": "â", "e": "ê", "o": "ô"}[base]
    elif base in "ou" and _HORN in marks:
        base = {"o": "ơ", "u": "ư"}[base]
    if base in _ORDER:
        return _ORDER[base], tone
    if base in _FOREIGN:
        return _FOREIGN[base], tone
    return 200 + ord(base), tone


def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Sort key in the Vietnamese alphabet: letters first, then tones, then the text."""
    ranks = [_letter(c) for c in text if not c.isspace()]
    return tuple(r for r, _ in ranks), tuple(t for _, t in ranks), text


def name_key(full_name: str) -> tuple[object, ...]:
    """Vietnamese names sort by given name (last word), then family name, then middle names."""
    words = full_name.split()
    if not words:
        return ((), (), "")
    given, family, middle = words[-1], words[0], " ".join(words[1:-1])
    return (collation_key(given), collation_key(family), collation_key(middle), full_name)


def number(value: float, decimals: int = 0) -> str:
    """1.234.567,8: dots group thousands, a comma marks decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def short_date(day: date) -> str:
    """dd/mm/yyyy, as Vietnamese tables write dates."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def long_date(day: date) -> str:
    """Decree 30/2020 style: 'ngày 05 tháng 3 năm 2026' (leading zero before 10, months 1–2)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def fold(text: str) -> str:
    """Lower-case without diacritics (đ→d), for search as people type on phones."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
