"""A real pre-commit run in a temporary Git repository holding this project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


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
        if rel.startswith(("records/", "schema/", "generator/")) or rel in {
            ".pre-commit-config.yaml",
            "pyproject.toml",
        }:
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(
        root,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-q",
        "-m",
        "records",
    )
    return root


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "cache"), "GITHUB_ACTIONS": "false"}
    return subprocess.run(
        [str(PRE_COMMIT), "run", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_demo_records_pass(repo: Path) -> None:
    result = run(repo, "validate-records", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_broken_record_fails_with_rule_and_file(repo: Path) -> None:
    visit = repo / "records/visits/2019/nguyen-thi-lan/2019-12-30.yaml"
    visit.parent.mkdir(parents=True, exist_ok=True)
    visit.write_text("official: nguyen-thi-lan\nfrom: 30/12/2019\n", encoding="utf-8")
    git(repo, "add", "-A")
    result = run(repo, "validate-records")
    assert result.returncode == 1
    assert "records/visits/2019/nguyen-thi-lan/2019-12-30.yaml:2:7" in result.stdout
    assert "(schema)" in result.stdout
