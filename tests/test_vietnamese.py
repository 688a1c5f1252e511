"""Vietnamese conventions: alphabet order, names, numbers, dates, folding."""

from __future__ import annotations

from datetime import date

from generator.vietnamese import collation_key, fold, long_date, name_key, number, short_date


def test_alphabet_order_not_code_points() -> None:
    words = ["Đông", "Dung", "Ưng", "Uông", "Ân", "Anh", "Ăn", "Bình", "Ơn", "Ông", "On"]
    assert sorted(words, key=collation_key) == [
        "Anh",
        "Ăn",
        "Ân",
        "Bình",
        "Dung",
        "Đông",
        "On",
        "Ông",
        "Ơn",
        "Uông",
        "Ưng",
    ]


def test_tones_order_after_letters() -> None:
    # ngang, huyền, hỏi, ngã, sắc, nặng
    assert sorted(["má", "mạ", "ma", "mà", "mã", "mả"], key=collation_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]


def test_names_sort_by_given_name_then_family() -> None:
    names = ["Trần Văn Bình", "Nguyễn Thị Lan", "Lê Văn An", "Đặng Thị Lan", "Bùi Văn Lan"]
    assert sorted(names, key=name_key) == [
        "Lê Văn An",
        "Trần Văn Bình",
        "Bùi Văn Lan",
        "Đặng Thị Lan",
        "Nguyễn Thị Lan",
    ]


def test_numbers_and_dates() -> None:
    assert number(1234567.8, 1) == "1.234.567,8"
    assert number(60) == "60"
    assert short_date(date(2019, 8, 5)) == "05/08/2019"
    assert long_date(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert long_date(date(2026, 2, 15)) == "ngày 15 tháng 02 năm 2026"


def test_fold_for_search() -> None:
    assert fold("Huyện đoàn Tân Biên") == "huyen doan tan bien"
    assert fold("ĐOÀN") == "doan"
