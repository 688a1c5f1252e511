"""The GitHub workflows' security properties, read from the files themselves."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
NAMES = [w.name for w in WORKFLOWS]


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # PyYAML reads the key `on` as the boolean true (YAML 1.1).
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict)
    return on


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_lines(workflow: dict[Any, Any]) -> list[str]:
    return [line for step in steps(workflow) for line in str(step.get("run", "")).splitlines()]


def test_every_workflow_is_checked() -> None:
    assert set(NAMES) >= {"publish.yml", "pull-request.yml", "reminder.yml"}


def test_publish_runs_on_every_push_to_main() -> None:
    on = triggers(load(REPO / ".github/workflows/publish.yml"))
    assert on["push"] == {"branches": ["main"]}
    assert "pull_request" not in on and "pull_request_target" not in on


def test_publish_deploys_only_from_main() -> None:
    workflow = load(REPO / ".github/workflows/publish.yml")
    jobs = workflow["jobs"]
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    for name, job in jobs.items():
        # workflow_dispatch can start the workflow on any branch: every job checks the ref.
        condition = re.sub(r"\s+", " ", str(job.get("if", "")))
        assert condition == "github.ref == 'refs/heads/main'", name


@pytest.mark.parametrize("path", WORKFLOWS, ids=NAMES)
def test_permissions_are_empty_by_default_and_stated_per_job(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict) and job["permissions"], name
        if path.name != "publish.yml" or name != "deploy":
            assert job["permissions"] == {"contents": "read"}, name
    triggers_ = triggers(workflow)
    assert "pull_request_target" not in triggers_ and "workflow_run" not in triggers_


@pytest.mark.parametrize("path", WORKFLOWS, ids=NAMES)
def test_every_permission_is_documented(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    checked = 0
    for number, line in enumerate(lines):
        block = re.fullmatch(r"(\s*)permissions:\s*(.*)", line)
        if not block or block[2].startswith("{}"):
            continue
        indent = len(block[1])
        for entry in lines[number + 1 :]:
            if len(entry) - len(entry.lstrip()) <= indent:
                break
            assert re.search(r":\s*(read|write)\s+#\s*\S", entry), (path.name, entry)
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("path", WORKFLOWS, ids=NAMES)
def test_every_workflow_limits_concurrency(path: Path) -> None:
    workflow = load(path)
    concurrency = workflow.get("concurrency")
    if concurrency is None:
        assert all("concurrency" in job for job in workflow["jobs"].values()), path.name
    else:
        assert concurrency["group"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=NAMES)
def test_validator_and_build_never_read_a_parse_cache(path: Path) -> None:
    workflow = load(path)
    commands = [line for line in run_lines(workflow) if "generator" in line]
    for line in commands:
        assert re.search(r"-m generator (validate|build|deadlines)\b", line), line
        assert "--no-cache" in line.split(), line
    # `make build` calls the generator without --no-cache.
    assert not any(re.search(r"\bmake\s+(build|serve)\b", line) for line in run_lines(workflow))
    for step in steps(workflow):
        uses = str(step.get("uses", ""))
        assert not uses.startswith(("actions/cache", "actions/cache/")), (path.name, uses)
        assert "cache" not in step.get("with", {}), (path.name, step.get("name"))


@pytest.mark.parametrize("name", ["publish.yml", "pull-request.yml"])
def test_build_and_check_refuse_a_committed_cache(name: str) -> None:
    workflow = load(REPO / ".github/workflows" / name)
    lines = run_lines(workflow)
    guard = lines.index('test -z "$(git ls-files -- .cache)"')
    first = min(i for i, line in enumerate(lines) if "-m generator" in line)
    assert guard < first
    verbs = {m[1] for line in lines for m in [re.search(r"-m generator (\w+)", line)] if m}
    assert "build" in verbs
    if name == "pull-request.yml":
        assert "validate" in verbs


def test_pull_request_pre_commit_skips_the_validator_it_already_ran_without_cache() -> None:
    workflow = load(REPO / ".github/workflows/pull-request.yml")
    (step,) = [s for s in steps(workflow) if "pre-commit run" in str(s.get("run", ""))]
    assert step["env"]["SKIP"] == "validate-records"


def test_make_test_runs_zizmor_pedantic_and_the_workflow_schema() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^workflows:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert target is not None
    recipe = target[1]
    assert re.search(r"zizmor --offline .*--persona pedantic .github/workflows/", recipe)
    assert "check-jsonschema --builtin-schema vendor.github-workflows" in recipe
    assert re.search(r"^test:.*\bworkflows\b", makefile, re.M)
