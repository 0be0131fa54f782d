"""The config file being read, and the checks every value in it goes through. Each check fails
with a UsageError of one line naming the file, the line and the key path:
`readiness.toml, line 3, devices[1]: unknown device "pixle-7" (did you mean "pixel-7"?)`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from checker.config.locate import KeyPath, format_path, line_of
from checker.model.errors import UsageError


@dataclass(frozen=True)
class Source:
    """The file being read, to say where a mistake is."""

    name: str
    text: str
    prefix: tuple[str, ...] = ()  # ("tool", "readiness") in pyproject.toml
    directory: Path = field(default_factory=Path)  # what relative paths in it are relative to

    def fail(self, path: KeyPath, problem: str) -> UsageError:
        full = (*self.prefix, *path)
        line = line_of(self.text, full)
        where = f"{self.name}, line {line}" if line else self.name
        return UsageError(f"{where}, {format_path(full)}: {problem}")

    def check_keys(self, path: KeyPath, table: dict[str, Any], allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in table:
            if key not in allowed:
                raise self.fail(
                    (*path, key),
                    f'unknown key "{key}"{suggest(key, allowed)}; expected one of: '
                    f"{', '.join(allowed)}",
                )

    def choice(self, path: KeyPath, value: object, choices: Iterable[str], what: str) -> str:
        choices = tuple(choices)
        if isinstance(value, str) and value in choices:
            return value
        hint = suggest(value, choices) if isinstance(value, str) else ""
        options = ", ".join(f'"{c}"' for c in choices)
        raise self.fail(path, f"unknown {what} {show(value)}{hint}; expected one of: {options}")

    def table(self, path: KeyPath, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a table, got {describe(value)}")
        return value

    def strings(self, path: KeyPath, value: object) -> list[str]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list of strings, got {describe(value)}")
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail((*path, index), f"expected a non-empty string, got {show(item)}")
        return list(value)

    def string(self, path: KeyPath, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, f"expected a non-empty string, got {show(value)}")
        return value

    def boolean(self, path: KeyPath, value: object) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"expected true or false, got {show(value)}")
        return value

    def whole(self, path: KeyPath, value: object, low: int, high: int | None = None) -> int:
        """A whole number from `low` (to `high`)."""
        if not is_int(value) or cast(int, value) < low:
            raise self.fail(path, f"expected a whole number of at least {low}, got {show(value)}")
        if high is not None and cast(int, value) > high:
            raise self.fail(path, f"expected a whole number of at most {high}, got {show(value)}")
        return cast(int, value)

    def optional_number(self, path: KeyPath, value: object) -> float | None:
        if value is None:
            return None
        if not is_number(value):
            raise self.fail(path, f"expected a number, got {show(value)}")
        return float(cast(float, value))


def is_int(value: object) -> bool:
    # TOML booleans arrive as bool, which Python counts as int.
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def describe(value: object) -> str:
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    kinds |= {list: "a list", dict: "a table"}
    return kinds.get(type(value), type(value).__name__) + f" ({show(value)})"


def show(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "{...}"
    return str(value)


def suggest(word: object, choices: Iterable[str]) -> str:
    matches = difflib.get_close_matches(str(word), list(choices), n=1)
    return f' (did you mean "{matches[0]}"?)' if matches else ""


def sentence(error: Exception) -> str:
    """An error's message as the middle of a sentence: no capital, no full stop."""
    text = str(error).rstrip(".")
    return text[:1].lower() + text[1:]
