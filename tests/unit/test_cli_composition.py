"""The command line's shape: app.py builds the app and registers plain command functions;
no command module imports app.py back; the shared options are declared once, in options.py."""

from __future__ import annotations

import ast
from pathlib import Path

import checker.cli
from checker.cli.app import app

CLI = Path(checker.cli.__file__).parent
SHARED_OPTIONS = ("--output", "--format", "--quiet", "--browser", "--device", "--config")


def _modules() -> list[Path]:
    return sorted(p for p in CLI.glob("*.py") if p.name != "__init__.py")


def _imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_no_command_module_imports_the_app() -> None:
    for path in _modules():
        if path.name in ("app.py", "entry.py"):  # entry.py is the script's, and runs the app
            continue
        assert "checker.cli.app" not in _imported(ast.parse(path.read_text())), path.name


def test_the_app_registers_each_command_once_as_a_function_of_its_own_module() -> None:
    names = [command.name for command in app.registered_commands]
    assert len(names) == len(set(names))
    assert {"audit", "ci", "init", "batch", "demo", "rescore", "merge", "devices"} <= set(names)
    for command in app.registered_commands:
        module = command.callback.__module__  # type: ignore[union-attr]
        assert module.startswith("checker.cli.") and module != "checker.cli.app", command.name


def test_the_shared_options_are_declared_only_in_options_py() -> None:
    for path in _modules():
        if path.name == "options.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Option":
                flags = [a.value for a in node.args if isinstance(a, ast.Constant)]
                declared = {str(f).split("/")[0] for f in flags}
                assert not declared & set(SHARED_OPTIONS), (path.name, declared)
