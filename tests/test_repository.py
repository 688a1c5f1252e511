"""The repository's own wiring: hooks, pins, editor schemas, README, CODEOWNERS."""

from __future__ import annotations

import fnmatch
import json
import re
from datetime import date

import pytest
import yaml

from generator import cli, pipeline
from generator.publishing.codeowners import codeowners
from generator.reading.layout import Kind
from generator.reading.schema import SCHEMA_FILES
from scripts import locked_hook
from tests.conftest import REPO

LOCK = {
    m["name"]: m["version"]
    for m in re.finditer(
        r"^(?P<name>[a-z0-9-]+)==(?P<version>\S+)", (REPO / "requirements.lock").read_text(), re.M
    )
}


def hooks(path: str) -> list[dict[str, object]]:
    data = yaml.safe_load((REPO / path).read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]


@pytest.mark.parametrize("path", [".pre-commit-config.yaml", ".pre-commit-hooks.yaml"])
def test_validate_hook_runs_once_over_all_records(path: str) -> None:
    # The changed files only focus the output (validate PATH ...); one serial run loads all.
    (hook,) = [h for h in hooks(path) if h["id"] == "validate-records"]
    assert hook["pass_filenames"] is True and hook["require_serial"] is True
    pattern = re.compile(str(hook["files"]))
    assert pattern.search("records/visits/2019/lan/2019-08-05.yaml")
    assert pattern.search("records/units.yaml")
    assert not pattern.search("generator/cli.py") and not pattern.search("docs/records/x.yaml")


def test_schema_changes_trigger_the_repository_hook() -> None:
    (hook,) = [h for h in hooks(".pre-commit-config.yaml") if h["id"] == "validate-records"]
    assert re.search(str(hook["files"]), "schema/visit.schema.json")


@pytest.mark.parametrize("path", [".pre-commit-config.yaml", ".pre-commit-hooks.yaml"])
def test_every_hook_installs_only_hash_checked_packages_from_the_lock(path: str) -> None:
    # language: python would run `pip install . <additional_dependencies>`, which pip
    # cannot hash-check; every hook goes through scripts/locked_hook.py instead.
    found = hooks(path)
    assert found
    for hook in found:
        assert hook["language"] == "unsupported_script", hook["id"]
        assert "additional_dependencies" not in hook, hook["id"]
        entry = str(hook["entry"]).split()
        assert entry[0] == "scripts/locked_hook.py", hook["id"]
        packages = entry[1 : entry.index("--")]
        assert packages, hook["id"]
        for package in packages:
            assert package in LOCK, (hook["id"], package)
        assert entry[entry.index("--") + 1] == "-m", hook["id"]


def test_locked_hook_installs_with_require_hashes() -> None:
    source = (REPO / "scripts/locked_hook.py").read_text(encoding="utf-8")
    assert '"--require-hashes"' in source
    assert (REPO / "scripts/locked_hook.py").stat().st_mode & 0o111  # pre-commit executes it


def test_every_locked_package_has_a_hash() -> None:
    blocks = locked_hook.parse_lock((REPO / "requirements.lock").read_text(encoding="utf-8"))
    assert blocks.keys() == LOCK.keys()
    for name, (block, _) in blocks.items():
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), name


def test_locked_hook_takes_the_dependency_closure_from_the_lock() -> None:
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    reqs = locked_hook.requirements(lock, ["jsonschema"])
    names = set(re.findall(r"^([a-z0-9-]+)==", reqs, re.M))
    # jsonschema's own dependencies, found through the lock's `# via` comments.
    assert {"jsonschema", "attrs", "referencing", "rpds-py", "jsonschema-specifications"} <= names
    assert "mkdocs" not in names and "ruff" not in names
    for name in names:
        assert f"{name}=={LOCK[name]} " in reqs
    for block in re.split(r"\n(?=\S)", reqs.strip()):
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), block
    with pytest.raises(SystemExit, match=r"không có trong requirements\.lock: no-such-package"):
        locked_hook.requirements(lock, ["no-such-package"])


def test_vscode_maps_every_record_kind_to_its_schema() -> None:
    mapping = json.loads((REPO / ".vscode/settings.json").read_text())["yaml.schemas"]
    samples = {
        Kind.SETTINGS: "records/settings.yaml",
        Kind.POLICY: "records/policies/kh-45-2018.yaml",
        Kind.UNITS: "records/units.yaml",
        Kind.LOCALITY: "records/localities/tan-bien.yaml",
        Kind.OFFICIAL: "records/officials/nguyen-thi-lan.yaml",
        Kind.PLAN: "records/plans/2019/q3/ban-tckt.yaml",
        Kind.VISIT: "records/visits/2019/nguyen-thi-lan/2019-08-05.yaml",
    }
    for kind, sample in samples.items():
        glob = mapping[f"./schema/{SCHEMA_FILES[kind]}"]
        assert fnmatch.fnmatch(sample, glob), (kind, glob)


def test_readme_documents_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in cli.COMMANDS:
        assert f"`{command}" in readme, command


def test_codeowners_is_current() -> None:
    outcome = pipeline.run(REPO / "records", date(2026, 11, 27))
    assert (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8") == codeowners(
        outcome.records, "doan-tay-ninh"
    )


def test_workflows_pin_actions_to_full_shas() -> None:
    for workflow in (REPO / ".github/workflows").glob("*.yml"):
        for uses in re.findall(r"uses:\s*(\S+)", workflow.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), (workflow.name, uses)
