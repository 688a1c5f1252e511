"""A real pre-commit run in a temporary Git repository holding this project.

The hooks install their packages for real, with `pip install --require-hashes`
from the copied requirements.lock, into the temporary PRE_COMMIT_HOME.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
COPIED = {
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    "pyproject.toml",
    "requirements.lock",
    "scripts/locked_hook.py",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(
        repo,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-q",
        "-m",
        message,
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("precommit") / "repo"
    root.mkdir()
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout
    for rel in filter(None, tracked.decode().split("\0")):
        source = REPO / rel
        if rel.startswith(("records/", "schema/", "generator/")) or rel in COPIED:
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(root, "init", "-q", "-b", "main")
    commit(root, "records")
    return root


def run(repo: Path, *args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    store = home or repo.parent / "cache"
    env = {**os.environ, "PRE_COMMIT_HOME": str(store), "GITHUB_ACTIONS": "false"}
    return subprocess.run(
        [str(PRE_COMMIT), *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def lock_pins(lock: str) -> dict[str, str]:
    return {m[1]: m[2] for m in re.finditer(r"^([a-z0-9-]+)==(\S+)", lock, re.M)}


def test_demo_records_pass(repo: Path) -> None:
    result = run(repo, "run", "validate-records", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_hook_environment_holds_exactly_the_hash_checked_lock_pins(repo: Path) -> None:
    assert run(repo, "run", "validate-records", "--all-files").returncode == 0
    (env,) = [
        p
        for p in (repo.parent / "cache").glob("di-co-so-*")
        if "jsonschema-rs==" in (p / "requirements.txt").read_text()
    ]
    installed = (env / "requirements.txt").read_text()
    blocks = re.split(r"\n(?=\S)", installed.strip())
    pins = lock_pins((repo / "requirements.lock").read_text())
    for block in blocks:
        name, version = block.split(" \\", 1)[0].split("==")
        assert pins[name] == version, block
        assert "--hash=sha256:" in block, block
    # pip and setuptools come with the interpreter (ensurepip), not from an index.
    bundled = ["--exclude", "pip", "--exclude", "setuptools"]
    listed = subprocess.run(
        [str(env / "bin/python"), "-m", "pip", "list", "--format=freeze", *bundled],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    present = {
        re.sub(r"[-_.]+", "-", line.split("==")[0]).lower(): line.split("==")[1]
        for line in listed.split()
    }
    wanted = [block.split(" \\", 1)[0].split("==") for block in blocks]
    assert present == dict(wanted)
    assert {"pyyaml", "jsonschema", "jsonschema-rs", "referencing"} <= present.keys()


def test_broken_record_fails_with_rule_and_file(repo: Path) -> None:
    visit = repo / "records/visits/2019/nguyen-thi-lan/2019-12-30.yaml"
    visit.parent.mkdir(parents=True, exist_ok=True)
    visit.write_text("official: nguyen-thi-lan\nfrom: 30/12/2019\n", encoding="utf-8")
    git(repo, "add", "-A")
    result = run(repo, "run", "validate-records")
    assert result.returncode == 1
    assert "records/visits/2019/nguyen-thi-lan/2019-12-30.yaml:2:7" in result.stdout
    assert "(schema)" in result.stdout


@pytest.mark.parametrize("tamper", ["wrong-hash", "no-hash"])
def test_a_lock_entry_without_its_true_hash_is_refused(
    repo: Path, tmp_path: Path, tamper: str
) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy, symlinks=True)
    lock = copy / "requirements.lock"
    text = lock.read_text()
    block = re.search(r"^pyyaml==\S+ \\\n(?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+", text, re.M)
    assert block is not None
    if tamper == "wrong-hash":
        replacement = f"{block[0].splitlines()[0]}\n    --hash=sha256:{'0' * 64}\n"
    else:
        replacement = block[0].splitlines()[0].removesuffix(" \\") + "\n"
    lock.write_text(text.replace(block[0], replacement))
    commit(copy, "tamper")
    result = run(copy, "run", "validate-records", "--all-files", home=tmp_path / "home")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "locked_hook: cài đặt thất bại" in output
    expected = "DO NOT MATCH THE HASHES" if tamper == "wrong-hash" else "Hashes are required"
    assert expected in output
    assert not list((tmp_path / "home").glob("di-co-so-*")), "a failed install left an environment"


def test_hygiene_hook_runs_from_the_lock_and_fixes(repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy, symlinks=True)
    note = copy / "note.txt"
    note.write_text("dòng có khoảng trắng cuối   \n", encoding="utf-8")
    git(copy, "add", "note.txt")
    result = run(copy, "run", "trailing-whitespace", "--files", "note.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert note.read_text(encoding="utf-8") == "dòng có khoảng trắng cuối\n"


def test_published_hook_validates_another_repository(repo: Path, tmp_path: Path) -> None:
    consumer = tmp_path / "province"
    shutil.copytree(REPO / "records", consumer / "records")
    git(consumer, "init", "-q", "-b", "main")
    commit(consumer, "records")
    assert not (consumer / "generator").exists() and not (consumer / "requirements.lock").exists()
    ok = run(consumer, "try-repo", str(repo), "validate-records", "--all-files")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout
    visit = consumer / "records/visits/2019/nguyen-thi-lan/2019-12-30.yaml"
    visit.parent.mkdir(parents=True, exist_ok=True)
    visit.write_text("official: nguyen-thi-lan\nfrom: 30/12/2019\n", encoding="utf-8")
    git(consumer, "add", "-A")
    bad = run(consumer, "try-repo", str(repo), "validate-records", "--all-files")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "records/visits/2019/nguyen-thi-lan/2019-12-30.yaml:2:7" in bad.stdout


def test_commit_shows_every_error_but_only_the_changed_files_violations(
    repo: Path, tmp_path: Path
) -> None:
    """The demo holds some 270 violations; a clerk committing one late report sees theirs."""
    copy = tmp_path / "repo"
    git(tmp_path, "clone", "-q", "--no-hardlinks", str(repo), str(copy))  # the committed demo
    visit = copy / "records/visits/2026/bui-dang-khoa/2026-11-02.yaml"
    visit.parent.mkdir(parents=True, exist_ok=True)
    visit.write_text(
        "official: bui-dang-khoa\nfrom: 2026-11-02\nplaces: [tan-ninh]\n"
        'contents: ["1.2"]\nassigned_by: Thường trực Tỉnh đoàn\n'
        "summary: Kiểm tra công tác đoàn.\nreported_on: 2026-11-20\n",
        encoding="utf-8",
    )
    git(copy, "add", "-A")
    home = repo.parent / "cache"  # the environment the other tests installed
    result = run(copy, "run", "validate-records", home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    findings = [line for line in result.stdout.splitlines() if "] " in line and ": [" in line]
    assert (
        "records/visits/2026/bui-dang-khoa/2026-11-02.yaml:7:14: [violation] "
        "Báo cáo nộp ngày 20/11/2026, trễ 8 ngày so với hạn 12/11/2026 (report-late)"
    ) in findings
    # The rest is about the same official's years (their visits are the changed file's).
    others = [f for f in findings if "2026-11-02.yaml" not in f]
    assert all(f.startswith("[bui-dang-khoa ") for f in others), others
    assert "0 lỗi" in result.stdout
    # The same hook over every file prints every violation of the demo.
    everything = run(copy, "run", "validate-records", "--all-files", home=home)
    assert everything.stdout.count("[violation]") > 100 > len(findings)
