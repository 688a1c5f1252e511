"""Shared fixtures: a small records tree built in a temporary folder, written as real YAML."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from generator import pipeline
from generator.domain.findings import Finding
from generator.domain.outcome import Outcome

REPO = Path(__file__).resolve().parent.parent

# Property tests run lightly by default and at full strength in CI: `.ci/run` sets
# HYPOTHESIS_PROFILE=ci (so does CI=true, as GitHub Actions sets it); set it yourself to
# run them at full strength anywhere. Tests without a count of their own take the
# profile's; slow ones name both counts with `examples(light=…, full=…)`.
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "light")
settings.register_profile("light", max_examples=100)
settings.register_profile("ci", max_examples=3000, deadline=None)
settings.load_profile(PROFILE)


def examples(*, light: int, full: int) -> int:
    """How many examples a slow property test draws under the profile in force."""
    return full if PROFILE == "ci" else light


POLICY: dict[str, Any] = {
    "id": "kh-45-2018",
    "title": "Kế hoạch 45-KH/TĐTN-TCKT",
    "effective_from": "2018-04-18",
    "effective_to": "2022-12-31",
    "min_days_per_year": 60,
    "report_within_days": 3,
    "report_deadline_levels": ["province"],
    "plan_deadline_day": 15,
    "plan_deadline_levels": ["province"],
    "self_chosen_contents": ["1.1", "1.3", "1.6"],
    "assigned_contents": ["1.2", "1.4", "1.5"],
    "invitation_counts_for": ["1.5"],
    "branch_meeting_content": "1.6",
    "exempt_duties": ["clerical", "accounting", "treasury", "emulation", "admin_deputy_chief"],
    "long_absence_months": 6,
}

UNITS = [
    {"id": "ban-tckt", "name": "Ban Tổ chức - Kiểm tra", "level": "province"},
    {"id": "hd-tan-bien", "name": "Huyện đoàn Tân Biên", "level": "district", "area": "tan-bien"},
    {"id": "hd-go-dau", "name": "Huyện đoàn Gò Dầu", "level": "district", "area": "go-dau"},
]

LOCALITIES: dict[str, dict[str, Any]] = {
    "tan-bien": {
        "id": "tan-bien",
        "name": "Huyện Tân Biên",
        "communes": [
            {
                "id": "thanh-tay",
                "name": "Xã Thạnh Tây",
                "hamlets": [{"id": "thanh-hoa", "name": "Ấp Thạnh Hòa"}],
            },
            {"id": "tan-lap", "name": "Xã Tân Lập"},
        ],
    },
    "go-dau": {
        "id": "go-dau",
        "name": "Huyện Gò Dầu",
        "communes": [
            {
                "id": "thanh-duc",
                "name": "Xã Thạnh Đức",
                "hamlets": [{"id": "bau-sen", "name": "Ấp Bàu Sen"}],
            }
        ],
    },
}


def dump(data: Any, indent: int = 0) -> str:
    """Block-style YAML as a person writes it; strings quoted with JSON (valid YAML)."""
    pad = " " * indent
    if isinstance(data, dict):
        lines = []
        for key, value in data.items():
            if isinstance(value, dict | list) and value:
                lines.append(f"{pad}{key}:\n{dump(value, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {scalar(value)}")
        return "\n".join(lines)
    if isinstance(data, list):
        lines = []
        for item in data:
            if isinstance(item, dict):
                inner = dump(item, indent + 2)
                lines.append(f"{pad}- {inner.lstrip()}")
            else:
                lines.append(f"{pad}- {scalar(item)}")
        return "\n".join(lines)
    return pad + scalar(data)


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value  # dates unquoted, as officials write them
    return json.dumps(value, ensure_ascii=False)


class Tree:
    """A records folder under construction; ``run`` validates it with the real pipeline."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.records = root / "records"
        self.records.mkdir(parents=True)

    def write(self, rel: str, data: Any) -> Path:
        path = self.records / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data if isinstance(data, str) else dump(data) + "\n", encoding="utf-8")
        return path

    def base(self, policy: dict[str, Any] | None = None) -> Tree:
        """The policy, units and localities every case needs."""
        chosen = policy or POLICY
        self.write(f"policies/{chosen['id']}.yaml", chosen)
        self.write("units.yaml", {"units": UNITS})
        for ident, data in LOCALITIES.items():
            self.write(f"localities/{ident}.yaml", data)
        return self

    def official(
        self,
        ident: str,
        *assignments: dict[str, Any],
        exemptions: list[dict[str, Any]] | None = None,
    ) -> None:
        data: dict[str, Any] = {
            "id": ident,
            "name": "Nguyễn Văn Thử",
            "assignments": list(assignments),
        }
        if exemptions:
            data["exemptions"] = exemptions
        self.write(f"officials/{ident}.yaml", data)

    def visit(
        self,
        official: str,
        start: str,
        end: str | None = None,
        *,
        name: str | None = None,
        folder: str | None = None,
        **extra: Any,
    ) -> str:
        """Write a visit report; ``name`` and ``folder`` place it where a mistake would."""
        data: dict[str, Any] = {"official": official, "from": start}
        if end:
            data["to"] = end
        data["places"] = extra.pop("places", ["tan-bien/thanh-tay/thanh-hoa"])
        data["contents"] = extra.pop("contents", ["1.6"])
        data["summary"] = extra.pop("summary", "Dự sinh hoạt chi đoàn.")
        data["reported_on"] = extra.pop("reported_on", end or start)
        data.update(extra)
        rel = f"{folder or f'visits/{start[:4]}/{official}'}/{name or start}.yaml"
        self.write(rel, data)
        return f"records/{rel}"

    def plan(
        self, unit: str, year: int, quarter: int, registered_on: str, *officials: str, **extra: Any
    ) -> str:
        data: dict[str, Any] = {
            "unit": unit,
            "year": year,
            "quarter": quarter,
            "registered_on": registered_on,
        }
        data.update(extra)
        data["entries"] = [
            {
                "official": o,
                "contents": ["1.1", "1.6"],
                "places": ["tan-bien/thanh-tay"],
                "days": 15,
            }
            for o in officials
        ]
        rel = f"plans/{year}/q{quarter}/{unit}.yaml"
        self.write(rel, data)
        return f"records/{rel}"

    def run(self, as_of: str = "2026-11-27") -> Outcome:
        return pipeline.run(self.records, date.fromisoformat(as_of))

    def findings(self, as_of: str = "2026-11-27", rule: str | None = None) -> list[Finding]:
        found = self.run(as_of).findings
        return [f for f in found if rule is None or f.rule == rule]


def province(
    unit: str = "ban-tckt", start: str = "2016-01-01", end: str | None = None, **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {"unit": unit, "role": "Chuyên viên", "from": start}
    if end:
        data["to"] = end
    data.update(extra)
    return data


def district(
    unit: str = "hd-tan-bien", start: str = "2016-01-01", end: str | None = None, **extra: Any
) -> dict[str, Any]:
    return province(unit, start, end, **extra)


@pytest.fixture(autouse=True)
def _own_cache_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test's parse caches (and those of the commands it starts) in a folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path).base()


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[..., Tree]:
    counter = iter(range(1000))

    def make(policy: dict[str, Any] | None = None) -> Tree:
        return Tree(tmp_path / f"t{next(counter)}").base(policy)

    return make


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current output"
    )


# The longest files first: under pytest-xdist (`make test`) each file goes to one worker
# in collection order, so a long file collected last would run alone at the end.
LONGEST_FILES = ("test_precommit.py", "test_hostile_corpus.py", "test_golden.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.path.name not in LONGEST_FILES)  # stable: files stay whole
