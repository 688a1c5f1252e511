"""What lies under records/ is untrusted: links, devices, folders, sizes, dates, the cache.

Each case is a record error with its place (never a crash, a hang or exit 3), and
nothing outside records/ is ever read.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline
from generator.cli import main
from generator.reading import printable, schema
from generator.reading.cache import ParseCache, content_hash, default_location, stat_key
from generator.reading.layout import Kind
from tests.conftest import REPO, Tree, province

AS_OF = "2026-11-27"
OUTSIDE_TEXT = "noi-dung-ngoai-records-123"


def lan(tree: Tree) -> Tree:
    tree.base()
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", "2019-08-06", reported_on="2019-08-08")
    return tree


def errors(tree: Tree, *, cached: bool = False) -> list[tuple[str, str | None, int | None]]:
    cache = ParseCache(default_location(tree.records)) if cached else None
    found = pipeline.run(tree.records, date.fromisoformat(AS_OF), cache).findings
    return [(f.rule, f.file, f.line) for f in found if f.severity.value == "error"]


def cli_output(tree: Tree, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main([*args, "--records", str(tree.records), "--as-of", AS_OF])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "secret.yaml"
    target.write_text(f"id: lan\nname: {OUTSIDE_TEXT}\nassignments: []\n", encoding="utf-8")
    return target


def test_a_link_to_a_file_outside_records_is_an_error_and_never_read(
    tree: Tree, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lan(tree)
    link = tree.records / "visits/2019/lan/2019-08-07.yaml"
    link.symlink_to(secret_file)
    assert ("yaml-syntax", "records/visits/2019/lan/2019-08-07.yaml", 1) in errors(tree)
    for fmt in ("text", "json", "github"):
        code, out = cli_output(tree, capsys, "validate", "--format", fmt)
        assert code == 1
        assert OUTSIDE_TEXT not in out
        assert "liên kết tượng trưng" in out


def test_a_link_in_place_of_a_record_is_reported_even_where_no_record_belongs(
    tree: Tree, secret_file: Path
) -> None:
    lan(tree)
    (tree.records / "ghi-chu.txt").symlink_to(secret_file)
    assert ("yaml-syntax", "records/ghi-chu.txt", 1) in errors(tree)
    assert not any(rule == "path-mismatch" for rule, _, _ in errors(tree))


def test_a_link_to_a_folder_is_an_error_and_not_followed(tree: Tree, secret_file: Path) -> None:
    lan(tree)
    (tree.records / "visits/2020").symlink_to(secret_file.parent, target_is_directory=True)
    found = errors(tree)
    assert ("yaml-syntax", "records/visits/2020", 1) in found
    assert not any(file and "secret" in file for _, file, _ in found)


def test_a_fifo_is_an_error_and_never_opened(tree: Tree) -> None:
    """Opening a FIFO would block the run for ever."""
    lan(tree)
    os.mkfifo(tree.records / "visits/2019/lan/2019-08-09.yaml")
    assert ("yaml-syntax", "records/visits/2019/lan/2019-08-09.yaml", 1) in errors(tree)


def test_a_socket_is_an_error(tree: Tree, tmp_path: Path) -> None:
    lan(tree)
    path = tree.records / "officials/binh.yaml"
    if len(os.fsencode(path)) > 100:  # AF_UNIX paths are short: bind from a nearby folder
        os.chdir(path.parent)
        path = Path("binh.yaml")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        assert ("yaml-syntax", "records/officials/binh.yaml", 1) in errors(tree)


def test_a_folder_named_like_a_record_is_an_error_and_not_walked(tree: Tree) -> None:
    lan(tree)
    folder = tree.records / "visits/2019/lan/2019-08-10.yaml"
    folder.mkdir()
    (folder / "2019-08-11.yaml").write_text("official: lan\n", encoding="utf-8")
    found = errors(tree)
    assert ("yaml-syntax", "records/visits/2019/lan/2019-08-10.yaml", 1) in found
    assert not any(file and file.endswith("2019-08-11.yaml") for _, file, _ in found)


def test_odd_entries_are_reported_on_every_warm_run_too(tree: Tree, secret_file: Path) -> None:
    """The cache never remembers an entry it did not read as a file."""
    lan(tree)
    (tree.records / "visits/2019/lan/2019-08-07.yaml").symlink_to(secret_file)
    os.mkfifo(tree.records / "officials/binh.yaml")
    expected = errors(tree)
    assert len(expected) == 2
    assert errors(tree, cached=True) == expected  # cold: fills the cache
    assert errors(tree, cached=True) == expected  # warm


def test_warm_validate_reports_a_link_added_after_a_clean_run(
    tree: Tree, secret_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lan(tree)
    assert cli_output(tree, capsys, "validate")[0] == 0
    (tree.records / "visits/2019/lan/2019-08-07.yaml").symlink_to(secret_file)
    code, out = cli_output(tree, capsys, "validate")
    assert code == 1 and "2019-08-07.yaml" in out and OUTSIDE_TEXT not in out


def test_file_size_limit_at_its_edge(tree: Tree) -> None:
    lan(tree)
    path = tree.records / "visits/2019/lan/2019-08-05.yaml"
    text = path.read_bytes()
    padding = printable.MAX_FILE_BYTES - len(text) - 2
    path.write_bytes(text + b"#" + b" " * padding + b"\n")
    assert path.stat().st_size == printable.MAX_FILE_BYTES
    assert errors(tree) == []
    path.write_bytes(text + b"#" + b" " * (padding + 1) + b"\n")
    assert errors(tree) == [("yaml-syntax", "records/visits/2019/lan/2019-08-05.yaml", 1)]


def _string_nodes(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "string":
            yield where, node
        for key, value in node.items():
            yield from _string_nodes(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_nodes(value, f"{where}/{index}")


@pytest.mark.parametrize("kind", list(schema.SCHEMA_FILES), ids=lambda k: k.value)
def test_every_text_value_has_a_size_limit(kind: Kind) -> None:
    unbounded = [
        where
        for where, node in _string_nodes(schema.load_schema(kind))
        if "maxLength" not in node and "enum" not in node and "const" not in node
    ]
    assert unbounded == []


def test_text_limits_at_their_edges(tree: Tree) -> None:
    lan(tree)
    short = schema.load_schema(Kind.VISIT)["$defs"]["text"]["maxLength"]
    long = schema.load_schema(Kind.VISIT)["$defs"]["prose"]["maxLength"]
    tree.visit("lan", "2019-09-02", summary="x" * long, assigned_by="y" * short)
    assert errors(tree) == []
    tree.visit("lan", "2019-09-02", summary="x" * (long + 1), assigned_by="y" * (short + 1))
    assert [rule for rule, _, _ in errors(tree)] == ["schema", "schema"]


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        ("1899-12-31", False),
        ("1900-01-01", True),
        ("2199-12-31", True),
        ("2200-01-01", False),
        ("9999-12-31", False),
    ],
)
def test_supported_dates_at_their_edges(day: str, valid: bool) -> None:
    data = {
        "official": "lan",
        "from": day,
        "places": ["tan-bien"],
        "contents": ["1.1"],
        "summary": "x",
        "reported_on": day,
    }
    assert schema.fast_validator(Kind.VISIT).is_valid(data) is valid
    assert bool(list(schema.validator(Kind.VISIT).iter_errors(data))) is not valid


@pytest.mark.parametrize("command", ["validate", "report", "build"])
def test_out_of_range_dates_and_huge_numbers_are_errors_not_crashes(
    tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    lan(tree)
    tree.visit("lan", "2019-09-02", "9999-12-31", reported_on="9999-12-31")
    tree.write(
        "plans/2019/q3/ban-tckt.yaml",
        "unit: ban-tckt\nyear: " + "9" * 5000 + "\nquarter: 3\nregistered_on: 2019-07-01\n"
        "entries: []\n",
    )
    extra = ["--out", str(tmp_path / "public")] if command == "build" else []
    code, out = cli_output(tree, capsys, command, *extra)
    assert code == 1, out
    if command == "validate":
        assert "records/visits/2019/lan/2019-09-02.yaml:3:5" in out
        assert "records/plans/2019/q3/ban-tckt.yaml:2:7" in out


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "2026-02-30"])
def test_as_of_outside_the_supported_years_is_a_usage_error(
    tree: Tree, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    lan(tree)
    assert main(["validate", "--records", str(tree.records), "--as-of", day]) == 2
    assert "1900 đến 2199" in capsys.readouterr().err


def test_the_cache_lives_outside_the_checkout(tree: Tree, tmp_path: Path) -> None:
    cache_home = Path(os.environ["XDG_CACHE_HOME"])
    assert default_location(tree.records).is_relative_to(cache_home / "di-co-so")
    assert default_location(REPO / "records").is_relative_to(cache_home)
    assert default_location(tree.records) != default_location(tmp_path / "other" / "records")


def test_a_cache_committed_beside_the_records_is_never_read(
    tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull request could force-add a cache that maps the reviewed file's content
    to other values; the published figures must come from the YAML."""
    lan(tree)
    rel = "officials/lan.yaml"
    path = tree.records / rel
    forged = ParseCache(tree.root / ".cache" / "di-co-so")
    forged.remember(
        rel,
        stat_key(str(path)),
        content_hash(path.read_bytes()),
        {"id": "lan", "name": "Kẻ Giả Mạo", "assignments": [dict(province())]},
    )
    forged.save({"officials": ("lan.yaml",)})
    code, out = cli_output(tree, capsys, "report", "--format", "json")
    assert code == 0 and "Kẻ Giả Mạo" not in out
    # The same forgery where the cache is looked for would be believed: the test can fail.
    monkeypatch.setattr("generator.cli.cache.default_location", lambda _: forged.folder)
    main(["report", "--records", str(tree.records), "--as-of", AS_OF, "--format", "csv"])
    assert "Kẻ Giả Mạo" in capsys.readouterr().out


def test_nothing_is_written_under_records(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    lan(tree)
    before = sorted(p.relative_to(tree.records) for p in tree.records.rglob("*"))
    cli_output(tree, capsys, "validate")
    cli_output(tree, capsys, "validate")
    assert sorted(p.relative_to(tree.records) for p in tree.records.rglob("*")) == before
    assert not (tree.root / ".cache").exists()
