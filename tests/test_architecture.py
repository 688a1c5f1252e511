"""The package's shape: imports flow one way, every rule is registered with a scope,
no module or function grows past what one reader can hold.

Imports are read from the source with :mod:`ast` (nothing is imported to find them),
including those inside functions and under ``TYPE_CHECKING``: a lazy import is still a
dependency.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

from generator.domain import rules
from generator.domain.rules import REGISTRY, RULES, Scope

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
ORCHESTRATORS = {"generator.pipeline", "generator.cli", "generator.incremental"}
# Shared by every stage: they import nothing of the package.
SHARED = {
    "generator.vietnamese",
    "generator.errors",
    "generator.inert",
    "generator.placeholders",
}
# What reading may take from the domain: the value it reports problems as.
READING_MAY_USE = {"generator.domain.findings"}

# Modules that are not rules in the rules package (anything else there must be one).
RULE_HELPERS = {"base", "switches"}

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80
# Functions allowed past MAX_FUNCTION_LINES, each with the reason it stays whole.
LONG_FUNCTIONS: dict[str, str] = {
    "generator.publishing.deadlines.markdown": (
        "the Monday reminder's sections (deadlines coming, plans missing, reports late, "
        "officials silent) in the order it shows them"
    ),
    "generator.publishing.policy_text.parameters": (
        "one (label, text) row per policy key, in the order the policy page shows them: "
        "a flat table"
    ),
}
# Modules allowed past MAX_MODULE_LINES, each with the reason.
LONG_MODULES: dict[str, str] = {}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The generator modules ``name`` imports: ``from package import module`` names the
    module, ``from module import name`` the module."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("generator"):
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if not source.startswith("generator"):
                continue
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                yield sub if sub in known else source


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    graph = {name: set(_imports(name, path, known)) - {name} for name, path in found.items()}
    for name, targets in graph.items():
        unknown = targets - known
        assert not unknown, f"{name} imports modules that do not exist: {unknown}"
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def in_stage(name: str, stage: str) -> bool:
    return name == stage or name.startswith(stage + ".")


def test_no_import_cycle_between_generator_modules() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    """The check itself can fail: a made-up graph with a cycle of three is found."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def forbidden_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(importer, imported) pairs that break the one-way flow
    reading → domain → publishing, with the orchestrators above them all."""
    stages = {"reading": 0, "domain": 1, "publishing": 2}

    def rank(module: str) -> int | None:
        parts = module.split(".")
        return stages.get(parts[1]) if len(parts) > 2 else None

    bad = []
    for name, targets in graph.items():
        for target in targets:
            mine, theirs = rank(name), rank(target)
            if (
                name in SHARED
                or (
                    mine is not None
                    and (target in ORCHESTRATORS or (theirs is not None and theirs > mine))
                )
            ) and target not in (READING_MAY_USE if mine == 0 else set()):
                bad.append((name, target))
    return sorted(bad)


def test_imports_flow_one_way() -> None:
    assert forbidden_imports(import_graph()) == []


def test_the_flow_check_finds_a_view_importing_the_orchestrator() -> None:
    graph = {
        "generator.publishing.pages": {"generator.pipeline"},
        "generator.domain.model": {"generator.publishing.render"},
        "generator.reading.loader": {"generator.domain.model"},
        "generator.reading.schema": {"generator.domain.findings"},
        "generator.domain.rules.levels": {"generator.incremental"},
        "generator.vietnamese": {"generator.domain.periods"},
        "generator.cli": {"generator.publishing.site"},
        "generator.publishing.render": {"generator.domain.model", "generator.reading.layout"},
    }
    assert forbidden_imports(graph) == [
        ("generator.domain.model", "generator.publishing.render"),
        ("generator.domain.rules.levels", "generator.incremental"),
        ("generator.publishing.pages", "generator.pipeline"),
        ("generator.reading.loader", "generator.domain.model"),
        ("generator.vietnamese", "generator.domain.periods"),
    ]


def test_relative_and_package_imports_are_resolved(tmp_path: Path) -> None:
    known = {"generator.domain.rules", "generator.domain.rules.switches", "generator.domain.model"}
    path = tmp_path / "levels.py"
    path.write_text(
        "from generator.domain.rules import switches\n"
        "from . import base\n"
        "from ..model import Policy\n"
        "import generator.domain.model\n",
        encoding="utf-8",
    )
    found = set(_imports("generator.domain.rules.levels", path, known))
    assert found == {
        "generator.domain.rules.switches",
        "generator.domain.rules",  # `from . import base`: base is not in `known` here
        "generator.domain.model",
    }


def rule_modules() -> list[str]:
    return [
        info.name for info in pkgutil.iter_modules(rules.__path__) if info.name not in RULE_HELPERS
    ]


def test_every_rule_module_is_registered_and_declares_a_scope() -> None:
    for name in rule_modules():
        module = importlib.import_module(f"generator.domain.rules.{name}")
        assert any(module is registered for registered in REGISTRY), f"{name} is not in REGISTRY"
        rule = getattr(module, "RULE", None)
        assert rule is not None, f"{name} has no RULE"
        assert isinstance(rule.scope, Scope), f"{name} declares no scope"
        assert (module.__doc__ or "").strip(), f"{name} has no docstring (its user documentation)"
    assert len(REGISTRY) == len(rule_modules()) == len(RULES)


def long_functions() -> dict[str, int]:
    """Functions (and methods) longer than MAX_FUNCTION_LINES, by qualified name."""
    found = {}
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found[f"{name}.{node.name}"] = length
    return found


def test_no_function_is_too_long_without_a_reason() -> None:
    found = long_functions()
    assert set(found) - set(LONG_FUNCTIONS) == set(), found
    assert set(LONG_FUNCTIONS) - set(found) == set(), "allow-listed but short now: remove"


def test_no_module_is_too_long_without_a_reason() -> None:
    lengths = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()
    }
    long = {name for name, lines in lengths.items() if lines > MAX_MODULE_LINES}
    assert long - set(LONG_MODULES) == set(), {name: lengths[name] for name in long}
    assert set(LONG_MODULES) - long == set(), "allow-listed but short now: remove"


def layout_sections() -> dict[str, set[str]]:
    """The ``*.py`` names the README's Layout shows under each stage's heading ("" for
    the package's own modules, listed at the heading's indentation)."""
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    layout = readme.split("\n## Layout", 1)[1].split("\n## ", 1)[0]
    block = layout.split("\ngenerator/", 1)[1].split("\nsite/", 1)[0]
    sections: dict[str, set[str]] = {}
    current = ""
    for line in block.splitlines()[1:]:
        heading = re.match(r"  (\w+)/ ", line)
        if heading:
            current = heading.group(1)
        elif re.match(r"  \S", line):
            current = ""
        names = set(re.findall(r"\b\w+\.py\b", line)) - {"__init__.py"}
        sections.setdefault(current, set()).update(names)
    return sections


def test_readme_layout_names_every_module_where_it_lies() -> None:
    """The README's module map and the folders say the same, both ways (rule modules are
    listed by rules/__init__.py, not in the README)."""
    actual: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.parent.relative_to(PACKAGE).parts
        if path.name == "__init__.py" or (
            parts == ("domain", "rules") and (path.stem not in RULE_HELPERS)
        ):
            continue
        actual.setdefault(parts[0] if parts else "", set()).add(path.name)
    assert layout_sections() == actual
