"""The parse cache: keyed by content, outside records/, never stale, robust to damage."""

from __future__ import annotations

import os
from datetime import date

from generator import pipeline
from generator.cache import MAGIC, ParseCache, default_location
from generator.cli import main
from tests.conftest import Tree, province


def run(tree: Tree) -> pipeline.Outcome:
    return pipeline.run(
        tree.records,
        date(2026, 11, 27),
        ParseCache(default_location(tree.records)),
    )


def findings(tree: Tree) -> list[tuple[str, str | None, int | None]]:
    return [(f.rule, f.file, f.line) for f in run(tree).findings]


def lan(tree: Tree) -> Tree:
    tree.official("lan", province())
    tree.visit("lan", "2019-08-05", "2019-08-06", reported_on="2019-08-08")
    return tree


def test_cache_lives_outside_records_and_gives_the_same_result(tree: Tree) -> None:
    lan(tree)
    uncached = [(f.rule, f.file, f.line) for f in tree.run().findings]
    assert findings(tree) == uncached  # cold: fills the cache
    location = default_location(tree.records)
    assert location.exists() and tree.records not in location.parents
    assert findings(tree) == uncached  # warm: served from it, marks re-read on demand


def test_changed_file_is_reread_even_with_same_size_and_mtime(tree: Tree) -> None:
    lan(tree)
    run(tree)
    path = tree.records / "visits/2019/lan/2019-08-05.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8").replace("2019-08-08", "2019-08-12")  # same length
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert ("report-late", "records/visits/2019/lan/2019-08-05.yaml", 9) in findings(tree)


def test_added_renamed_and_deleted_files(tree: Tree) -> None:
    lan(tree)
    run(tree)
    tree.visit("lan", "2019-09-02", contents=["1.6", "1.2"])  # added: missing assigned_by
    assert any(f[0] == "missing-assigned-by" for f in findings(tree))
    source = tree.records / "visits/2019/lan/2019-09-02.yaml"
    source.rename(
        tree.records / "visits/2019/lan/2019-09-03.yaml"
    )  # renamed: now mismatches its name
    assert ("path-mismatch", "records/visits/2019/lan/2019-09-03.yaml", 2) in findings(tree)
    (tree.records / "visits/2019/lan/2019-09-03.yaml").unlink()  # deleted
    assert not any("2019-09-0" in (f[1] or "") for f in findings(tree))


def test_corrupt_or_foreign_cache_is_ignored_and_rebuilt(tree: Tree) -> None:
    lan(tree)
    expected = findings(tree)
    location = default_location(tree.records)
    for damage in (
        b"",
        b"garbage",
        MAGIC + b"\x00" * 40,
        location.read_bytes()[:-10],
        b"\x80\x04pickle",
    ):
        location.write_bytes(damage)
        assert findings(tree) == expected
        assert location.read_bytes().startswith(MAGIC)


def test_validate_cli_uses_the_cache_and_no_cache_skips_it(tree: Tree) -> None:
    lan(tree)
    location = default_location(tree.records)
    assert main(["validate", "--records", str(tree.records), "--format", "json", "--no-cache"]) == 0
    assert not location.exists()
    assert main(["validate", "--records", str(tree.records), "--format", "json"]) == 0
    assert location.exists()
