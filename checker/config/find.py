"""Finding the config file: readiness.toml, or pyproject.toml with a [tool.readiness] table,
in the working directory or a directory above it; or the file `--config` names."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from checker.model.errors import UsageError

CONFIG_NAME = "readiness.toml"
PYPROJECT_NAME = "pyproject.toml"


def config_path(given: Path | None, start: Path) -> Path | None:
    """The file `--config` gave (which must be a file), else the one found from `start`."""
    if given is None:
        return find_config(start)
    if not given.is_file():
        raise UsageError(f"--config names {given}, which is not a file.")
    return given


def find_config(start: Path) -> Path | None:
    """The nearest readiness.toml, or pyproject.toml with a [tool.readiness] table, in `start`
    or a directory above it; a pyproject.toml without the table does not stop the walk."""
    here = start.resolve()
    for directory in (here, *here.parents):
        candidate = directory / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT_NAME
        if pyproject.is_file() and _has_readiness_table(pyproject):
            return pyproject
    return None


def display_name(path: Path) -> str:
    """The path as a person in the working directory would write it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _has_readiness_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        # A broken pyproject that seems to configure readiness is its config: load_config then
        # says what is wrong, where silently walking on would use some other file.
        return re.search(r"tool\s*\.\s*readiness\b", text) is not None
    tool = document.get("tool")
    return isinstance(tool, dict) and "readiness" in tool
