"""The parse cache and incremental validation: outside records/, never stale, robust."""

from __future__ import annotations

import marshal
import os
import re
import sys
import tempfile
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import incremental, pipeline
from generator.cli import main
from generator.domain.rules import RULES
from generator.reading import loader
from generator.reading.cache import (
    MAGIC,
    NO_DIGEST,
    NO_STAT,
    STAT_SIZE,
    UNKNOWN_STAT,
    VERSION,
    ParseCache,
    default_location,
)
from generator.reading.layout import classify
from tests.conftest import UNITS, Tree, district, examples, province

AS_OF = date(2026, 11, 27)


def full(tree: Tree) -> list[tuple[object, ...]]:
    return [
        (f.rule, f.file, f.line, f.column, f.official, f.year, f.message)
        for f in pipeline.run(tree.records, AS_OF).findings
    ]


def warm(tree: Tree) -> list[tuple[object, ...]]:
    found = incremental.validate(tree.records, AS_OF, ParseCache(default_location(tree.records)))
    return [(f.rule, f.file, f.line, f.column, f.official, f.year, f.message) for f in found]


def base(tree: Tree) -> Tree:
    tree.official("lan", province())
    tree.official("binh", district())
    tree.visit("lan", "2019-08-05", "2019-08-06", reported_on="2019-08-08")
    tree.visit("binh", "2019-08-05", places=["tan-bien/thanh-tay"], contents=["1.3"])
    tree.plan("ban-tckt", 2019, 3, "2019-07-10", "lan")
    return tree


def test_cache_lives_outside_records_and_gives_the_same_result(tree: Tree) -> None:
    base(tree)
    expected = full(tree)
    assert warm(tree) == expected  # cold: fills the cache
    folder = default_location(tree.records)
    assert (folder / "index.marshal").exists() and tree.records not in folder.parents
    assert warm(tree) == expected  # warm, nothing changed
    assert ParseCache(folder).known("visits/2019/lan/2019-08-05.yaml", bytes(32)) is None


def test_changed_file_is_reread_even_with_same_size_and_mtime(tree: Tree) -> None:
    base(tree)
    warm(tree)
    path = tree.records / "visits/2019/lan/2019-08-05.yaml"
    before = path.stat()
    path.write_text(
        path.read_text(encoding="utf-8").replace("2019-08-08", "2019-08-12"), encoding="utf-8"
    )
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    found = warm(tree)
    assert any(
        f[0] == "report-late" and f[1] == "records/visits/2019/lan/2019-08-05.yaml" for f in found
    )
    assert found == full(tree)


def test_added_renamed_and_deleted_files(tree: Tree) -> None:
    base(tree)
    warm(tree)
    tree.visit("lan", "2019-09-02", contents=["1.6", "1.2"])  # added: missing assigned_by
    assert any(f[0] == "missing-assigned-by" for f in warm(tree))
    source = tree.records / "visits/2019/lan/2019-09-02.yaml"
    source.rename(
        tree.records / "visits/2019/lan/2019-09-03.yaml"
    )  # renamed: now mismatches its name
    assert ("path-mismatch", "records/visits/2019/lan/2019-09-03.yaml", 2) in [
        f[:3] for f in warm(tree)
    ]
    (tree.records / "visits/2019/lan/2019-09-03.yaml").unlink()  # deleted
    assert warm(tree) == full(tree)
    assert not any("2019-09-0" in str(f[1]) for f in warm(tree))


def opened(path: Path) -> tuple[object, object]:
    """(key, content) of a sound cache file."""
    raw = path.read_bytes()
    assert raw.startswith(MAGIC)
    payload = raw[len(MAGIC) + 4 :]
    assert zlib.crc32(payload).to_bytes(4, "little") == raw[len(MAGIC) : len(MAGIC) + 4]
    key, content = marshal.loads(payload)  # noqa: S302 - written by this test's own runs
    return list(key), content


def test_corrupt_or_foreign_cache_is_ignored_and_rebuilt(tree: Tree) -> None:
    base(tree)
    expected = full(tree)
    warm(tree)
    folder = default_location(tree.records)
    for path in sorted(folder.glob("*.marshal")):
        good = path.read_bytes()
        flipped = good[:-5] + bytes([good[-5] ^ 1]) + good[-4:]
        _, content = opened(path)

        def sealed(key: Any, content: Any) -> bytes:
            """A cache file, checksum and all, as another writer would leave it."""
            payload = marshal.dumps((key, content))
            return MAGIC + zlib.crc32(payload).to_bytes(4, "little") + payload

        for damage in (
            b"",
            b"garbage",
            MAGIC + b"\x00" * 40,
            good[:-10],
            flipped,
            b"\x80\x04pickle",
            sealed((VERSION + 1, sys.version), content),  # another version of this tool
            sealed((VERSION, "2.7.18 (other interpreter)"), content),
            sealed((VERSION, sys.version), {"visits": ("a.yaml",)}),  # not what it should hold
            sealed((VERSION, sys.version), ({"visits": (("a.yaml",), b"", b"")}, None)),
        ):
            path.write_bytes(damage)
            assert warm(tree) == expected
            # A damaged shard is rebuilt as soon as one of its files is needed again.
            pipeline.run(tree.records, AS_OF, ParseCache(folder))
            assert path.read_bytes() != damage and opened(path)[0] == [VERSION, sys.version]


def test_validate_cli_uses_the_cache_and_no_cache_skips_it(tree: Tree) -> None:
    base(tree)
    folder = default_location(tree.records)
    assert main(["validate", "--records", str(tree.records), "--format", "json", "--no-cache"]) == 0
    assert not folder.exists()
    assert main(["validate", "--records", str(tree.records), "--format", "json"]) == 0
    assert (folder / "index.marshal").exists()


EDITS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "late",
                "assigned",
                "retarget",
                "break",
                "add",
                "delete",
                "rename",
                "plan",
                "official",
                "touch",
            ]
        ),
        st.sampled_from(["lan", "binh"]),
        st.integers(1, 27),
    ),
    min_size=1,
    max_size=6,
)


def every_rule(tree: Tree) -> Tree:
    """``base`` plus records on which every rule of the catalogue fires, most of them on
    the visits of lan and binh, whom the edits below change."""
    base(tree)
    tree.write("units.yaml", {"units": [*UNITS, UNITS[0]]})  # duplicate-id
    tree.write("officials/hong.yaml", "name: [\n")  # yaml-syntax
    tree.write(  # a commune that ended before the visits: not-in-force
        "localities/trang-bang.yaml",
        {
            "id": "trang-bang",
            "name": "Huyện Trảng Bàng",
            "communes": [{"id": "an-tinh", "name": "Xã An Tịnh", "to": "2018-12-31"}],
        },
    )
    tree.official(
        "chi",
        province(start="2019-06-01"),
        exemptions=[{"kind": "training", "from": "2019-09-01", "to": "2019-10-01"}],
    )  # exemption-too-short
    tree.visit("chi", "2019-05-02", reported_on="2019-05-03")  # inactive-official
    tree.write("visits/2019/binh/2019-09-01.yaml", {"official": "binh", "from": "2019-09-01"})
    tree.visit("lan", "2019-10-01", name="2019-10-02")  # path-mismatch
    tree.visit("lan", "2019-08-06", reported_on="2019-08-07")  # visit-overlap
    tree.visit("lan", "2019-09-03", places=["khong-co"])  # unknown-reference
    tree.visit("lan", "2019-09-05", places=["trang-bang/an-tinh"])  # not-in-force
    tree.visit("lan", "2019-09-07", "2019-09-08", reported_on="2019-09-07")  # date-order
    tree.visit("lan", "2019-09-10", contents=["1.2"])  # missing-assigned-by
    tree.visit("binh", "2019-09-12", places=["tan-bien/thanh-tay"])  # branch-meeting-place
    tree.visit("lan", "2018-01-10")  # no-policy
    tree.visit("lan", "2027-01-05")  # future-date
    tree.visit("binh", "2019-09-14", places=["go-dau/thanh-duc"], contents=["1.3"])  # out-of-area
    tree.visit("lan", "2019-09-16", reported_on="2019-09-30")  # report-late
    tree.plan("ban-tckt", 2019, 4, "2019-10-20", "lan")  # plan-late
    tree.visit("lan", "2019-09-18", invitation_only=True)  # invitation-not-counted
    # min-days, levels, branch-meeting, plan-missing, unplanned-visit: fire on base already.
    return tree


def test_every_rule_fires_on_the_tree_of_the_property_test(tmp_path: Path) -> None:
    fired = {finding[0] for finding in full(every_rule(Tree(tmp_path).base()))}
    assert fired == set(RULES)


@settings(
    max_examples=examples(light=25, full=200),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(EDITS)
def test_incremental_result_equals_a_full_run_after_any_edits(
    edits: list[tuple[str, str, int]],
) -> None:
    """On a tree where every rule fires, after any edits a warm run finds what a full run
    finds (rules that read visits are re-applied; the others' findings are kept)."""
    tree = every_rule(Tree(Path(tempfile.mkdtemp())).base())
    first = full(tree)
    assert {finding[0] for finding in first} == set(RULES)
    assert warm(tree) == first
    for action, who, day in edits:
        folder = tree.records / "visits/2019" / who
        files = sorted(folder.glob("*.yaml")) if folder.exists() else []
        chosen = files[day % len(files)] if files else None
        if action == "add":  # on a day another visit of August to October may hold
            tree.visit(
                who,
                f"2019-{8 + day % 3:02d}-{day:02d}",
                places=["tan-bien/thanh-tay/thanh-hoa"],
                reported_on=f"2019-11-{day:02d}",
            )
        elif action == "plan":
            tree.plan("ban-tckt", 2019, 4, f"2019-10-{day:02d}", "lan")
        elif action == "official":
            tree.official(who, province(start=f"2016-01-{day:02d}"))
        elif chosen is None:
            continue
        elif action == "late":
            text = chosen.read_text(encoding="utf-8")
            chosen.write_text(text.replace("reported_on: 2019", "reported_on: 2020"), "utf-8")
        elif action == "assigned":  # an assigned content, and none for the branch meeting
            text = chosen.read_text(encoding="utf-8")
            chosen.write_text(re.sub(r'- "1\.[36]"', '- "1.2"', text), encoding="utf-8")
        elif action == "retarget":
            other = "binh" if who == "lan" else "lan"
            text = chosen.read_text(encoding="utf-8")
            chosen.write_text(text.replace(f'"{who}"', f'"{other}"'), encoding="utf-8")
        elif action == "break":
            chosen.write_text("official: [\n", encoding="utf-8")
        elif action == "delete":
            chosen.unlink()
        elif action == "rename":
            chosen.rename(folder / f"2019-12-{day:02d}.yaml")
        elif action == "touch":
            os.utime(chosen)
        assert warm(tree) == full(tree), (action, who, day)


def test_one_cache_object_across_runs_sees_each_edit(tree: Tree) -> None:
    """``serve`` keeps one ParseCache for its whole session: each run must stat afresh."""
    base(tree)
    cache = ParseCache(default_location(tree.records))
    first = pipeline.run(tree.records, AS_OF, cache)
    assert [v.reported_on for v in first.records.visits if v.official == "lan"] == [
        date(2019, 8, 8)
    ]
    path = tree.records / "visits/2019/lan/2019-08-05.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2019-08-08", "2019-08-12"), encoding="utf-8"
    )
    second = pipeline.run(tree.records, AS_OF, cache)
    assert [v.reported_on for v in second.records.visits if v.official == "lan"] == [
        date(2019, 8, 12)
    ]


def test_index_pairs_a_real_stat_only_with_a_real_hash(tmp_path: Path) -> None:
    """A file the index knows no content of keeps its folder out of the one-comparison path."""
    cache = ParseCache(tmp_path)
    cache.remember("visits/2019/lan/a.yaml", b"\x01" * 32, b"\x02" * 16, {"official": "lan"})
    cache.save({"visits/2019/lan": ("a.yaml", "b.yaml")})  # b.yaml was never read
    again = ParseCache(tmp_path)
    assert again.lookup("visits/2019/lan/b.yaml") == (UNKNOWN_STAT, NO_DIGEST)
    assert again.digest("visits/2019/lan/b.yaml", UNKNOWN_STAT) is None
    assert again.digest("visits/2019/lan/a.yaml", b"\x01" * 32) == b"\x02" * 16
    for stat in (NO_STAT, b"\x03" * 32):  # b.yaml cannot be stat-ed now, or can
        packed = b"\x01" * 32 + stat
        assert again.unchanged_folder("visits/2019/lan", ("a.yaml", "b.yaml"), packed) is None


def test_validate_after_a_build_read_the_edit_first(tree: Tree) -> None:
    """report/build index an edited file before validate runs: validate must still re-check it."""
    base(tree)
    warm(tree)
    path = tree.records / "visits/2019/lan/2019-08-05.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2019-08-08", "2019-08-12"), encoding="utf-8"
    )
    pipeline.run(tree.records, AS_OF, ParseCache(default_location(tree.records)))
    found = warm(tree)
    assert ("report-late", "records/visits/2019/lan/2019-08-05.yaml") in [f[:2] for f in found]
    assert found == full(tree)


def test_recheck_keeps_findings_on_other_records(tree: Tree) -> None:
    """A warm re-check skips plans, officials and units; their findings stay as they were."""
    base(tree)
    tree.plan("ban-tckt", 2019, 4, "2019-10-05", "lan", "khong-co-ai")  # unknown official
    expected = full(tree)
    assert any(f[0] == "unknown-reference" and "plans/" in str(f[1]) for f in expected)
    assert warm(tree) == expected
    path = tree.records / "visits/2019/lan/2019-08-05.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2019-08-08", "2019-08-12"), encoding="utf-8"
    )
    assert warm(tree) == full(tree)


def test_recheck_sees_the_plan_entries_of_the_officials_it_rechecks(tree: Tree) -> None:
    """A re-check builds plans with the re-checked officials' entries only; planned
    visits stay planned and unplanned ones stay flagged, as in a full run."""
    base(tree)
    tree.official("chi", province())
    tree.visit("chi", "2019-08-12", reported_on="2019-08-13")  # chi is in no plan
    tree.plan("ban-tckt", 2019, 3, "2019-07-10", "chi", "lan")  # now both are
    expected = full(tree)
    assert warm(tree) == expected
    for official, day in (("lan", "2019-08-05"), ("chi", "2019-08-12")):
        path = tree.records / f"visits/2019/{official}/{day}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "# sửa\n", encoding="utf-8")
        assert warm(tree) == full(tree) == expected
    tree.plan("ban-tckt", 2019, 3, "2019-07-10", "lan")  # chi dropped from the plan again
    unplanned = warm(tree)
    assert ("unplanned-visit", "records/visits/2019/chi/2019-08-12.yaml") in [
        f[:2] for f in unplanned
    ]
    path = tree.records / "visits/2019/chi/2019-08-12.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# sửa lần nữa\n", encoding="utf-8")
    assert warm(tree) == full(tree) == unplanned


def test_a_file_where_no_record_belongs_does_not_force_full_runs(
    tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its one finding rests on its path, so its content need not be known; a re-check
    keeps reporting it, and a record that cannot be read still means a full run."""
    base(tree)
    (tree.records / "visits/2019/lan/ghi-chu.txt").write_text("nháp\n", encoding="utf-8")
    (tree.records / "Thumbs.db").write_bytes(b"\x00\x01")
    expected = full(tree)
    assert {f[1] for f in expected if f[0] == "path-mismatch"} == {
        "records/visits/2019/lan/ghi-chu.txt",
        "records/Thumbs.db",
    }
    assert warm(tree) == expected  # the first run is a full one

    def no_full_run(*args: object) -> list[object]:
        raise AssertionError("a full run")

    with monkeypatch.context() as patch:
        patch.setattr(incremental, "_full", no_full_run)
        path = tree.records / "visits/2019/lan/2019-08-05.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("2019-08-08", "2019-08-12"), encoding="utf-8"
        )
        found = warm(tree)
    assert found == full(tree)
    assert ("report-late", "records/visits/2019/lan/2019-08-05.yaml") in [f[:2] for f in found]
    assert {f[1] for f in found if f[0] == "path-mismatch"} == {
        "records/visits/2019/lan/ghi-chu.txt",
        "records/Thumbs.db",
    }


def test_walk_by_descriptor_or_by_path_finds_the_same(
    tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Systems without ``os.scandir(fd)`` (Windows) list folders by path: same files, same keys."""
    base(tree)
    (tree.records / "visits/2019/lan/.nháp.yaml").write_text("x: 1\n", encoding="utf-8")
    by_descriptor = loader.walk(tree.records, stat=True)
    monkeypatch.setattr(loader, "_BY_DESCRIPTOR", False)
    by_path = loader.walk(tree.records, stat=True)
    assert by_descriptor == by_path
    assert ".nháp.yaml" not in by_path.folders["visits/2019/lan"].names
    assert [s.rel for s in by_path.sources()] == [
        s.rel for s in loader.walk(tree.records).sources()
    ]
    assert all(s.stat is not None and len(s.stat) == STAT_SIZE for s in by_path.sources())


def test_a_file_the_walk_could_not_stat_is_read_but_never_indexed(tree: Tree) -> None:
    """Without a stat key the index could not tell later whether it changed."""
    base(tree)
    cache = ParseCache(default_location(tree.records))
    rel = "visits/2019/lan/2019-08-05.yaml"
    source = loader.SourceFile(str(tree.records / rel), rel, f"records/{rel}", NO_STAT)
    location = classify(rel)
    assert location is not None
    document = loader.read(source, location, cache)
    assert isinstance(document, loader.Document) and document.data["official"] == "lan"
    assert cache.lookup(rel) is None
