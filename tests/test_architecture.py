"""The structure the code promises: no import cycles, no DS or ML knowledge in the engine, one table of
formats and one of limits, and generated documentation that matches what it is generated from."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from linter.docs import rules_table
from linter.formats import BY_EXTENSION, EXTENSIONS
from linter.limits import readme_table
from linter.problems import PROBLEMS
from linter.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "linter"


def _modules() -> dict[str, Path]:
    out = {}
    for path in ENGINE.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def _imports(name: str, path: Path, modules) -> set[str]:
    """Every module of linter/ that `name` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = parts[: len(parts) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in modules else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in modules and m != name}


def test_the_import_graph_of_linter_has_no_cycle():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(path[path.index(nxt) :] + [nxt]))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


# Strings that would mean the engine knows the domain: role names, rule-code prefixes, resume section names.
_DOMAIN = re.compile(r"^(?:ds|mle|RL\d*|experience|skills|projects|education)$")


def _docstrings(tree) -> set[int]:
    """ids of the docstring nodes of a module, its classes and functions."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def test_the_engine_names_no_role_section_or_rule_code():
    offenders = []
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                if _DOMAIN.match(node.value):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    assert not offenders, "\n".join(offenders)


def test_every_input_problem_has_exactly_one_input_rule():
    ruleset = load_ruleset()
    declared = [r.params["problem"] for r in ruleset.rules if r.kind == "input"]
    assert sorted(declared) == sorted(PROBLEMS)
    for problem in PROBLEMS:
        assert ruleset.input_rule(problem).kind == "input"


def test_every_builtin_rule_is_in_a_known_group():
    ruleset = load_ruleset()
    for rule in ruleset.rules:
        assert rule.groups and all(g in ruleset.groups for g in rule.groups), rule.code


def test_pre_commit_hook_files_are_the_format_tables_extensions():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hook["files"])
    for extension in EXTENSIONS:
        # the formats a directory walk lints; a saved web page is read only when named
        assert bool(pattern.search(f"resume{extension}")) == BY_EXTENSION[extension].walked, extension
    for other in (".py", ".csv", ".toml", ".yaml", ".json"):
        assert not pattern.search(f"file{other}"), other


def _between(text: str, name: str) -> str:
    match = re.search(rf"<!-- {name}:start[^>]*-->\n(.*?)<!-- {name}:end -->", text, re.S)
    assert match, f"README has no {name} markers"
    return match.group(1)


def test_readme_rule_table_is_generated_from_the_rules():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _between(readme, "rules-table") == rules_table(load_ruleset()), (
        "README's rule table is stale: python -m linter.docs --readme"
    )


def test_readme_limits_table_is_the_limits_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _between(readme, "limits-table") == readme_table() + "\n", (
        "README's limits table is stale: python -m linter.docs --readme"
    )
