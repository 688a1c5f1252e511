"""The GitHub workflows' security properties, read from the files themselves."""

from __future__ import annotations

import base64
import os
import re
import subprocess
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
    assert set(NAMES) >= {"publish.yml", "pull-request.yml", "reminder.yml", "intake.yml"}


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


# The jobs that may write, and exactly what: none of them checks out or runs the project's code.
WRITERS = {
    ("publish.yml", "deploy"): None,  # pages: write, id-token: write (tested in publish tests)
    ("intake.yml", "propose"): {"contents": "write", "pull-requests": "write"},
    ("intake.yml", "answer"): {"issues": "write"},
    ("pull-request.yml", "comment"): {"pull-requests": "write"},
}


@pytest.mark.parametrize("path", WORKFLOWS, ids=NAMES)
def test_permissions_are_empty_by_default_and_stated_per_job(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict) and job["permissions"], name
        if (path.name, name) in WRITERS:
            wanted = WRITERS[path.name, name]
            assert wanted is None or job["permissions"] == wanted, name
            if path.name != "publish.yml":
                for step in job["steps"]:
                    assert "uses" not in step, (name, step)  # no checkout, no action
                    assert ".venv" not in step["run"] and "make " not in step["run"], name
        else:
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
    commands = [line for line in run_lines(workflow) if "-m generator" in line]
    for line in commands:
        assert re.search(r"-m generator (validate|build|deadlines|intake|compare)\b", line), line
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


# --- intake.yml and the pull-request comparison (issue #18) ---

INTAKE = REPO / ".github/workflows/intake.yml"
PULL = REPO / ".github/workflows/pull-request.yml"


@pytest.mark.parametrize("path", WORKFLOWS, ids=NAMES)
def test_no_expression_inside_a_shell_script(path: Path) -> None:
    """Event data (an issue's body, a title, a branch name) reaches a script only through env."""
    for step in steps(load(path)):
        assert "${{" not in str(step.get("run", "")), (path.name, step.get("name"))


def test_intake_runs_on_the_forms_issues_by_trusted_authors_only() -> None:
    from generator.intake import fields  # noqa: PLC0415

    workflow = load(INTAKE)
    assert triggers(workflow) == {"issues": {"types": ["opened", "edited"]}}
    gate = re.sub(r"\s+", " ", workflow["jobs"]["check"]["if"])
    assert f"contains(github.event.issue.labels.*.name, '{fields.LABEL}')" in gate
    assert (
        'contains(fromJSON(\'["OWNER", "MEMBER", "COLLABORATOR"]\'), '
        "github.event.issue.author_association)"
    ) in gate
    assert " && " in gate and "||" not in gate
    for name in ("propose", "answer"):
        assert workflow["jobs"][name]["needs"] == "check"
    form = yaml.safe_load((REPO / fields.FORM_FILE).read_text(encoding="utf-8"))
    assert form["labels"] == [fields.LABEL]


def test_intake_reads_the_body_from_the_environment_into_a_file() -> None:
    workflow = load(INTAKE)
    bodies = [
        step
        for step in steps(workflow)
        if "github.event.issue.body" in yaml.safe_dump(step.get("env", {}))
    ]
    assert len(bodies) == 1
    assert bodies[0]["env"] == {"ISSUE_BODY": "${{ github.event.issue.body }}"}
    assert "github.event.issue.body" not in INTAKE.read_text().replace(
        "ISSUE_BODY: ${{ github.event.issue.body }}", ""
    )
    assert 'printf \'%s\\n\' "$ISSUE_BODY" > "$RUNNER_TEMP/issue.md"' in bodies[0]["run"]


def test_pull_request_validates_the_changed_files_and_compares_base_and_head() -> None:
    workflow = load(PULL)
    assert "pull_request_target" not in triggers(workflow)
    check = workflow["jobs"]["check"]["steps"]
    (validate,) = [s for s in check if "generator validate" in str(s.get("run", ""))]
    assert 'git diff -z --name-only "$BASE_SHA" HEAD' in validate["run"]
    assert "xargs -0" in validate["run"]
    assert validate["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    figures = workflow["jobs"]["figures"]
    (compare,) = [s for s in figures["steps"] if "generator compare" in str(s.get("run", ""))]
    assert '--base "$RUNNER_TEMP/base/records"' in compare["run"]
    comment = workflow["jobs"]["comment"]
    assert comment["needs"] == "figures"
    script = comment["steps"][0]["run"]
    from generator.publishing.compare import MARKER  # noqa: PLC0415

    assert f"marker='{MARKER}'" in script
    assert "-X PATCH" in script and "issues/comments/$id" in script  # one comment, edited


def _step_script(workflow: dict[Any, Any], job: str, name_part: str) -> dict[str, Any]:
    (step,) = [s for s in workflow["jobs"][job]["steps"] if name_part in s.get("name", "")]
    assert isinstance(step, dict)
    return step


def _run_step(
    step: dict[str, Any], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **env, **{k: v for k, v in step.get("env", {}).items() if "${{" not in v}}
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A runner's workspace: the project (code linked, small records), RUNNER_TEMP, outputs."""
    from tests.conftest import Tree, district  # noqa: PLC0415

    work = tmp_path / "work"
    tree = Tree(work).base()
    tree.official("binh", district())
    for name in (".venv", "generator", "schema"):
        (work / name).symlink_to(REPO / name)
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    output = tmp_path / "output"
    output.touch()
    return work, {"RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(output)}


def _outputs(env: dict[str, str]) -> dict[str, str]:
    text = Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8")
    found: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line:
            key, delimiter = line.split("<<", 1)
            found[key] = "\n".join(iter(lambda: next(lines), delimiter))
        elif "=" in line:
            key, value = line.split("=", 1)
            found[key] = value
    return found


def _body(summary: str, official: str = "Nguyễn Văn Thử (binh)") -> str:
    from tests.test_intake import GOOD, render  # noqa: PLC0415

    return render(GOOD | {"official": official, "summary": summary})


def test_intake_steps_turn_a_body_into_a_record_offline(
    workspace: tuple[Path, dict[str, str]],
) -> None:
    work, env = workspace
    workflow = load(INTAKE)
    save = _step_script(workflow, "check", "Lưu nội dung")
    # Shell syntax in the body stays text: nothing runs, nothing is expanded.
    summary = "Kiểm tra $(touch pwned) `touch pwned2` ${HOME} ' \" ; rm -rf / #"
    assert _run_step(save, work, {**env, "ISSUE_BODY": _body(summary)}).returncode == 0
    intake = _step_script(workflow, "check", "Tạo hồ sơ")
    result = _run_step(intake, work, {**env, "CREATED_AT": "2019-08-10T03:04:05Z"})
    assert result.returncode == 0, result.stderr
    assert not (work / "pwned").exists() and not (work / "pwned2").exists()
    out = _outputs(env)
    assert out["ok"] == "true"
    assert out["path"] == "records/visits/2019/binh/2019-08-05.yaml"
    record = base64.b64decode(out["record"]).decode("utf-8")
    assert record == (work / out["path"]).read_text(encoding="utf-8")
    assert yaml.safe_load(record)["summary"] == " ".join(summary.split())
    assert (Path(env["RUNNER_TEMP"]) / "base-records/officials/binh.yaml").is_file()


def test_intake_steps_answer_a_hostile_body_with_inert_messages(
    workspace: tuple[Path, dict[str, str]],
) -> None:
    work, env = workspace
    workflow = load(INTAKE)
    body = _body("<script>alert(1)</script>", official="../../.github/workflows/x")
    assert (
        _run_step(
            _step_script(workflow, "check", "Lưu nội dung"), work, {**env, "ISSUE_BODY": body}
        ).returncode
        == 0
    )
    before = sorted(p.relative_to(work) for p in (work / "records").rglob("*"))
    intake = _step_script(workflow, "check", "Tạo hồ sơ")
    assert _run_step(intake, work, {**env, "CREATED_AT": "2019-08-10T03:04:05Z"}).returncode == 0
    out = _outputs(env)
    assert out["ok"] == "false" and "path" not in out
    messages = out["messages"]
    assert "- **Cán bộ**: " in messages and "- **Tóm tắt kết quả**: " in messages
    assert "<script>" not in messages
    assert sorted(p.relative_to(work) for p in (work / "records").rglob("*")) == before
