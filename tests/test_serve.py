"""``serve``'s refresh: after an edit of visit reports it makes only what they can
change, and leaves exactly the files a full generation would."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator import pipeline
from generator.publishing import site
from generator.serve import changed, refresh, scope, signature
from tests.conftest import Tree
from tests.site_fixture import AS_OF, small_tree


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def edit(tree: Tree, kind: str) -> None:
    visit = tree.records / "visits/2019/tran-van-binh/2019-09-10.yaml"
    if kind == "change":  # a day more, another place: his figures and the Q3 report change
        text = visit.read_text(encoding="utf-8").replace("from: 2019-09-10", "from: 2019-09-09")
        visit.write_text(text.replace("tan-bien/tan-lap", "tan-bien"), encoding="utf-8")
    elif kind == "move":  # to another quarter
        tree.visit("tran-van-binh", "2019-05-06", places=["tan-bien/tan-lap"], contents=["1.3"])
        visit.unlink()
    elif kind == "add":
        tree.visit("le-van-an", "2020-02-03", places=["tan-bien"], contents=["1.3"])
    else:  # a report that no longer reads
        visit.write_text("official: [tran-van-binh\n", encoding="utf-8")


@pytest.mark.parametrize("edits", [("change", "move"), ("add", "break")])
def test_scoped_refreshes_equal_a_full_generation(tmp_path: Path, edits: tuple[str, ...]) -> None:
    tree = small_tree(tmp_path / "src")
    docs = tmp_path / "generated"
    outcome = pipeline.run(tree.records, AS_OF)
    site.generate(outcome, AS_OF, docs)
    for kind in edits:
        seen = signature(tree.records)
        edit(tree, kind)
        files = changed(seen, signature(tree.records))
        assert files and all(f.startswith("records/visits/") for f in files)
        before = outcome
        outcome, seconds = refresh(tree.records, AS_OF, before, files, docs_dir=docs)
        assert scope(files, before, outcome) is not None and seconds >= 0
    full = tmp_path / "full"
    site.generate(outcome, AS_OF, full)
    assert hashes(docs) == hashes(full)


def test_other_edits_regenerate_everything(tmp_path: Path) -> None:
    tree = small_tree(tmp_path / "src")
    before = pipeline.run(tree.records, AS_OF)
    seen = signature(tree.records)
    official = tree.records / "officials/le-van-an.yaml"
    official.write_text(
        official.read_text(encoding="utf-8").replace("Lê Văn An", "Lê Văn Ân"), encoding="utf-8"
    )
    files = changed(seen, signature(tree.records))
    assert files == {"records/officials/le-van-an.yaml"}
    assert scope(files, before, pipeline.run(tree.records, AS_OF)) is None
