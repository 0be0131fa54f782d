"""The gate's configuration: readiness.toml (or [tool.readiness] in pyproject.toml), presets
and command-line flags, merged into one GateConfig.

The schema is documented in starter.toml, the file `readiness init` writes. Every mistake in a
file is a UsageError of one line naming the file, the line where it can be found and the key
path, e.g. `readiness.toml, line 7, assertions."tap-target": unknown audit id "tap-target" (did
you mean "tap-targets"?)`.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from checker.gather.devices import DEVICE_SPECS, check_device_names
from checker.judge.presets import DEFAULT_PRESET, PRESETS, apply_preset
from checker.model.errors import UsageError
from checker.model.gate import (
    FUTURE_SPEED_AUDITS,
    LEVELS,
    AuditAssertion,
    Budget,
    GateConfig,
    Level,
)
from checker.model.results import CATEGORIES
from checker.model.throttling import THROTTLES
from checker.model.urls import check_url

CONFIG_NAME = "readiness.toml"
PYPROJECT_NAME = "pyproject.toml"

SCORE_CATEGORIES = (*CATEGORIES, "overall")

# [budgets] key -> Budget.name. Byte budgets per resource type use Chrome's resource types
# (lower-cased), as DeviceResult.resources["bytes_by_type"] holds them.
BUDGET_NAMES = {
    "total-bytes": "total-bytes",
    "requests": "requests",
    **{
        f"{kind}-bytes": f"bytes:{kind}"
        for kind in ("script", "image", "stylesheet", "font", "document", "media", "other")
    },
}

# KB and MB are powers of 1000, as Chrome DevTools shows transfer sizes; KiB and MiB are powers
# of 1024 for those who think in them (Lighthouse's budget.json counts KiB).
BYTE_UNITS = {
    "": 1,
    "b": 1,
    "byte": 1,
    "bytes": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)\s*$")

_TOP_KEYS = (
    "urls",
    "devices",
    "throttle",
    "runs",
    "preset",
    "min-scores",
    "assertions",
    "budgets",
    "ignore",
)
_ASSERTION_KEYS = ("level", "max", "min", "min-score")
_MIN_SCORE_KEYS = ("min", "level")
_BUDGET_KEYS = ("max", "level")
_IGNORE_KEYS = ("audits", "urls")

Path_ = tuple[str | int, ...]  # a key path in the TOML document; ints index arrays


@cache
def known_audit_ids() -> tuple[str, ...]:
    """Every audit id an assertion may name: the registry's, and the speed audits to come."""
    from audits import all_audits  # the registry imports every audit module: only on demand

    return (*sorted(spec.id for spec in all_audits()), *FUTURE_SPEED_AUDITS)


# ---------------------------------------------------------------- finding the file


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


# ---------------------------------------------------------------- loading the file


@dataclass(frozen=True)
class _Source:
    """The file being read, to say where a mistake is."""

    name: str
    text: str
    prefix: tuple[str, ...]  # ("tool", "readiness") in pyproject.toml

    def fail(self, path: Path_, problem: str) -> UsageError:
        full = (*self.prefix, *path)
        line = _line_of(self.text, full)
        where = f"{self.name}, line {line}" if line else self.name
        return UsageError(f"{where}, {_format_path(full)}: {problem}")


def load_config(path: Path) -> GateConfig:
    """The file's own settings (no preset applied: see merge), or a UsageError that names the
    file, the line and the key of the first mistake."""
    name = _display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"Config file {name} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"Cannot read the config file {name}: {error}.") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(_toml_error(name, error)) from None
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT_NAME:
        tool = document.get("tool")
        if not isinstance(tool, dict) or "readiness" not in tool:
            raise UsageError(f"{name} has no [tool.readiness] table.")
        prefix = ("tool", "readiness")
        document = tool["readiness"]
    source = _Source(name, text, prefix)
    if not isinstance(document, dict):
        raise source.fail((), f"expected a table, got {_describe(document)}")
    return _read_document(source, document, str(path))


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _toml_error(name: str, error: tomllib.TOMLDecodeError) -> str:
    # tomllib puts the position in the message: "Expected '=' ... (at line 3, column 5)".
    message = str(error)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        problem = message[: match.start()]
        return f"{name}, line {match[1]}, column {match[2]}: not valid TOML: {problem}."
    return f"{name}: not valid TOML: {message}."


def _read_document(source: _Source, document: dict[str, Any], origin: str) -> GateConfig:
    _check_keys(source, (), document, _TOP_KEYS)
    min_scores, min_score_levels = _read_min_scores(source, document.get("min-scores", {}))
    ignore = _table(source, ("ignore",), document.get("ignore", {}))
    _check_keys(source, ("ignore",), ignore, _IGNORE_KEYS)
    return GateConfig(
        urls=_read_urls(source, document.get("urls", [])),
        devices=_read_devices(source, document.get("devices", [])),
        throttle=_read_throttle(source, document.get("throttle")),
        runs=_read_runs(source, document.get("runs", 1)),
        min_scores=min_scores,
        min_score_levels=min_score_levels,
        assertions=_read_assertions(source, document.get("assertions", {})),
        budgets=_read_budgets(source, document.get("budgets", {})),
        ignore_audits=_read_ignored_audits(source, ignore.get("audits", [])),
        ignore_urls=_strings(source, ("ignore", "urls"), ignore.get("urls", [])),
        preset=_read_preset(source, document.get("preset", DEFAULT_PRESET)),
        source=origin,
    )


def _read_urls(source: _Source, value: object) -> list[str]:
    urls = _strings(source, ("urls",), value)
    checked = []
    for index, url in enumerate(urls):
        try:
            checked.append(check_url(url))
        except UsageError as error:
            raise source.fail(("urls", index), _sentence(error)) from None
    return checked


def _read_devices(source: _Source, value: object) -> list[str]:
    devices = _strings(source, ("devices",), value)
    for index, device in enumerate(devices):
        if device not in DEVICE_SPECS:
            raise source.fail(
                ("devices", index),
                f'unknown device "{device}"{_suggest(device, DEVICE_SPECS)}; '
                f"known devices: {', '.join(DEVICE_SPECS)}",
            )
    return list(dict.fromkeys(devices))


def _read_throttle(source: _Source, value: object) -> str | None:
    if value is None:
        return None
    return _choice(source, ("throttle",), value, tuple(THROTTLES), "throttle")


def _read_runs(source: _Source, value: object) -> int:
    if not _is_int(value) or cast(int, value) < 1:
        raise source.fail(("runs",), f"expected a whole number of at least 1, got {_show(value)}")
    return cast(int, value)


def _read_preset(source: _Source, value: object) -> str:
    return _choice(source, ("preset",), value, tuple(PRESETS), "preset")


def _read_min_scores(source: _Source, value: object) -> tuple[dict[str, int], dict[str, Level]]:
    table = _table(source, ("min-scores",), value)
    scores: dict[str, int] = {}
    levels: dict[str, Level] = {}
    for category, entry in table.items():
        path: Path_ = ("min-scores", category)
        if category not in SCORE_CATEGORIES:
            raise source.fail(
                path,
                f'unknown category "{category}"{_suggest(category, SCORE_CATEGORIES)}; '
                f"categories: {', '.join(SCORE_CATEGORIES)}",
            )
        level: Level = "error"
        minimum: object = entry
        if isinstance(entry, dict):
            _check_keys(source, path, entry, _MIN_SCORE_KEYS)
            level = _read_level(source, (*path, "level"), entry.get("level", "error"))
            minimum = entry.get("min", 0 if level == "off" else None)
            if minimum is None:
                raise source.fail(path, 'a table needs "min", e.g. { min = 80, level = "warn" }')
            path = (*path, "min")
        scores[category] = _score(source, path, minimum)
        levels[category] = level
    return scores, levels


def _score(source: _Source, path: Path_, value: object) -> int:
    if not _is_int(value) or not 0 <= cast(int, value) <= 100:
        raise source.fail(path, f"expected a whole number from 0 to 100, got {_show(value)}")
    return cast(int, value)


def _read_assertions(source: _Source, value: object) -> dict[str, AuditAssertion]:
    table = _table(source, ("assertions",), value)
    assertions: dict[str, AuditAssertion] = {}
    for audit, entry in table.items():
        path: Path_ = ("assertions", audit)
        _check_audit_id(source, path, audit)
        if isinstance(entry, str):
            assertions[audit] = AuditAssertion(audit, _read_level(source, path, entry))
        elif isinstance(entry, dict):
            assertions[audit] = _read_assertion_table(source, path, audit, entry)
        else:
            raise source.fail(
                path,
                f'expected "error", "warn", "off" or a table like {{ max = 2500 }}, '
                f"got {_show(entry)}",
            )
    return assertions


def _read_assertion_table(
    source: _Source, path: Path_, audit: str, entry: dict[str, Any]
) -> AuditAssertion:
    _check_keys(source, path, entry, _ASSERTION_KEYS)
    level = _read_level(source, (*path, "level"), entry.get("level", "error"))
    maximum = _optional_number(source, (*path, "max"), entry.get("max"))
    minimum = _optional_number(source, (*path, "min"), entry.get("min"))
    min_score = _optional_number(source, (*path, "min-score"), entry.get("min-score"))
    if min_score is not None and not 0 <= min_score <= 1:
        # Audit scores are 0..1, as in Lighthouse CI's minScore; category scores are 0..100.
        raise source.fail(
            (*path, "min-score"), f"expected a score from 0 to 1, got {_show(min_score)}"
        )
    if maximum is not None and minimum is not None and minimum > maximum:
        raise source.fail(path, f"min ({_show(minimum)}) is above max ({_show(maximum)})")
    return AuditAssertion(audit, level, max=maximum, min=minimum, min_score=min_score)


def _read_budgets(source: _Source, value: object) -> list[Budget]:
    table = _table(source, ("budgets",), value)
    budgets = []
    for key, entry in table.items():
        path: Path_ = ("budgets", key)
        if key not in BUDGET_NAMES:
            raise source.fail(
                path,
                f'unknown budget "{key}"{_suggest(key, BUDGET_NAMES)}; '
                f"budgets: {', '.join(BUDGET_NAMES)}",
            )
        level: Level = "error"
        limit: object = entry
        if isinstance(entry, dict):
            _check_keys(source, path, entry, _BUDGET_KEYS)
            level = _read_level(source, (*path, "level"), entry.get("level", "error"))
            if "max" not in entry:
                raise source.fail(
                    path, 'a table needs "max", e.g. { max = "1 MB", level = "warn" }'
                )
            limit = entry["max"]
            path = (*path, "max")
        maximum = _request_count(source, path, limit) if key == "requests" else None
        if maximum is None:
            maximum = _byte_size(source, path, limit)
        budgets.append(Budget(BUDGET_NAMES[key], maximum, level))
    return budgets


def _request_count(source: _Source, path: Path_, value: object) -> float:
    if not _is_int(value) or cast(int, value) < 0:
        raise source.fail(path, f"expected a number of requests (0 or more), got {_show(value)}")
    return float(cast(int, value))


def _byte_size(source: _Source, path: Path_, value: object) -> float:
    """Bytes, from a number or a string with a unit: 500000, "500 KB", "1.5 MB", "200 KiB"."""
    if _is_number(value):
        size = float(cast(float, value))
    elif isinstance(value, str):
        match = _SIZE.match(value)
        unit = match[2].lower() if match else ""
        if not match or unit not in BYTE_UNITS:
            raise source.fail(
                path,
                f'expected a size like 500000, "500 KB" or "1.5 MB", got {_show(value)} '
                "(units: B, KB, MB, GB = powers of 1000; KiB, MiB, GiB = powers of 1024)",
            )
        size = float(match[1]) * BYTE_UNITS[unit]
    else:
        raise source.fail(path, f'expected a size like 500000 or "500 KB", got {_show(value)}')
    if size < 0:
        raise source.fail(path, f"a budget cannot be negative, got {_show(value)}")
    return float(round(size))


def _read_ignored_audits(source: _Source, value: object) -> list[str]:
    audits = _strings(source, ("ignore", "audits"), value)
    for index, audit in enumerate(audits):
        _check_audit_id(source, ("ignore", "audits", index), audit)
    return audits


# ---------------------------------------------------------------- shared checks


def _check_keys(
    source: _Source, path: Path_, table: dict[str, Any], allowed: Iterable[str]
) -> None:
    allowed = tuple(allowed)
    for key in table:
        if key not in allowed:
            raise source.fail(
                (*path, key),
                f'unknown key "{key}"{_suggest(key, allowed)}; expected one of: '
                f"{', '.join(allowed)}",
            )


def _check_audit_id(source: _Source, path: Path_, audit: str) -> None:
    known = known_audit_ids()
    if audit not in known:
        raise source.fail(
            path,
            f'unknown audit id "{audit}"{_unknown_audit_hint(audit)}',
        )


def _unknown_audit_hint(audit: str) -> str:
    known = known_audit_ids()
    return _suggest(audit, known) or f"; known audits: {', '.join(known)}"


def _read_level(source: _Source, path: Path_, value: object) -> Level:
    return cast(Level, _choice(source, path, value, LEVELS, "level"))


def _choice(
    source: _Source, path: Path_, value: object, choices: tuple[str, ...], what: str
) -> str:
    if isinstance(value, str) and value in choices:
        return value
    hint = _suggest(value, choices) if isinstance(value, str) else ""
    options = ", ".join(f'"{c}"' for c in choices)
    raise source.fail(path, f"unknown {what} {_show(value)}{hint}; expected one of: {options}")


def _table(source: _Source, path: Path_, value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise source.fail(path, f"expected a table, got {_describe(value)}")
    return value


def _strings(source: _Source, path: Path_, value: object) -> list[str]:
    if not isinstance(value, list):
        raise source.fail(path, f"expected a list of strings, got {_describe(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise source.fail((*path, index), f"expected a non-empty string, got {_show(item)}")
    return list(value)


def _optional_number(source: _Source, path: Path_, value: object) -> float | None:
    if value is None:
        return None
    if not _is_number(value):
        raise source.fail(path, f"expected a number, got {_show(value)}")
    return float(cast(float, value))


def _is_int(value: object) -> bool:
    # TOML booleans arrive as bool, which Python counts as int.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _describe(value: object) -> str:
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    kinds |= {list: "a list", dict: "a table"}
    return kinds.get(type(value), type(value).__name__) + f" ({_show(value)})"


def _show(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "{...}"
    return str(value)


def _suggest(word: object, choices: Iterable[str]) -> str:
    matches = difflib.get_close_matches(str(word), list(choices), n=1)
    return f' (did you mean "{matches[0]}"?)' if matches else ""


def _sentence(error: Exception) -> str:
    text = str(error).rstrip(".")
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------- where a key is


def _format_path(path: Path_) -> str:
    """`assertions."tap-target"`, `devices[1]`: audit ids quoted, as the file writes them."""
    text = ""
    for index, part in enumerate(path):
        if isinstance(part, int):
            text += f"[{part}]"
            continue
        parent = path[index - 1] if index else None
        quoted = parent == "assertions" or not re.fullmatch(r"[A-Za-z0-9_-]+", part)
        text += ("." if text else "") + (_quote(part) if quoted else part)
    return text


def _quote(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


_KEY_PART = r"""(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)"""
_DOTTED_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER_LINE = re.compile(rf"^\s*\[\[?\s*({_DOTTED_KEY})\s*\]\]?")
_KEY_LINE = re.compile(rf"^\s*({_DOTTED_KEY})\s*=")


def _line_of(text: str, path: Path_) -> int | None:
    """The 1-based line that defines the key path, or the nearest enclosing key or table.

    tomllib gives no positions for valid TOML, so this reads the lines the way a person would:
    table headers and `key = value` lines (inline tables count as their key's line). An array
    item is found by its value after the array's key. Multi-line strings may fool it; it is a
    pointer for a message, not a parser."""
    keys = tuple(part for part in path if isinstance(part, str))
    best_line, best_depth = None, -1
    table: tuple[str, ...] = ()
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        header = _HEADER_LINE.match(line)
        if header:
            table = _split_key(header[1])
            defined = table
        else:
            assignment = _KEY_LINE.match(line)
            if not assignment:
                continue
            defined = (*table, *_split_key(assignment[1]))
        if keys[: len(defined)] == defined and len(defined) > best_depth:
            best_line, best_depth = number, len(defined)
    if best_line is not None and best_depth == len(keys) and len(keys) < len(path):
        return _find_item(lines, best_line, path) or best_line
    return best_line


def _find_item(lines: list[str], start: int, path: Path_) -> int | None:
    """The line of an array item, by counting the strings from the array's key on."""
    index = path[len([p for p in path if isinstance(p, str)])]
    if not isinstance(index, int):
        return None
    seen = 0
    for number in range(start, min(len(lines), start + 200) + 1):
        line = lines[number - 1]
        content = line.split("=", 1)[1] if number == start and "=" in line else line
        for _ in re.finditer(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', content.split("#", 1)[0]):
            if seen == index:
                return number
            seen += 1
        if "]" in content.split("#", 1)[0]:
            break
    return None


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(_unquote(part) for part in re.findall(_KEY_PART, dotted))


def _unquote(part: str) -> str:
    if part[:1] in "\"'":
        try:
            return str(tomllib.loads(f"k = {part}")["k"])
        except tomllib.TOMLDecodeError:
            return part[1:-1]
    return part


# ---------------------------------------------------------------- merging


def merge(
    file_config: GateConfig | None,
    *,
    preset: str | None,
    urls: list[str],
    min_scores: list[str],
    asserts: list[str],
    devices: list[str],
) -> GateConfig:
    """The effective config: a preset as the base (the --preset flag's, else the file's, else
    mobile-friendly), then the file's own settings, then --min-score and --assert flags; URLs
    and devices from the command line replace the file's. "off" removes an assertion."""
    base = file_config or GateConfig()
    preset_name = preset or (file_config.preset if file_config else None) or DEFAULT_PRESET
    scores, assertions = apply_preset(preset_name)
    levels: dict[str, Level] = dict.fromkeys(scores, cast(Level, "error"))

    for category, minimum in base.min_scores.items():
        _set_min_score(scores, levels, category, minimum, base.min_score_levels.get(category))
    for audit, assertion in base.assertions.items():
        _set_assertion(assertions, assertion if assertion.level != "off" else None, audit)

    for flag in min_scores:
        category, minimum = _parse_min_score_flag(flag)
        _set_min_score(scores, levels, category, minimum or 0, "off" if minimum is None else None)
    for flag in asserts:
        audit, level = _parse_assert_flag(flag)
        # A level flag keeps the file's bounds: `--assert largest-contentful-paint=warn`.
        current = assertions.get(audit) or AuditAssertion(audit)
        _set_assertion(assertions, replace(current, level=level) if level != "off" else None, audit)

    return replace(
        base,
        urls=list(urls) if urls else list(base.urls),
        devices=_flag_devices(devices) if devices else list(base.devices),
        min_scores=scores,
        min_score_levels=levels,
        assertions=assertions,
        budgets=_last_budget_per_name(base.budgets),
        preset=preset_name,
    )


def _set_min_score(
    scores: dict[str, int],
    levels: dict[str, Level],
    category: str,
    minimum: int,
    level: Level | None,
) -> None:
    if level == "off":
        scores.pop(category, None)
        levels.pop(category, None)
    else:
        scores[category] = minimum
        levels[category] = level or "error"


def _set_assertion(
    assertions: dict[str, AuditAssertion], assertion: AuditAssertion | None, audit: str
) -> None:
    if assertion is None:
        assertions.pop(audit, None)
    else:
        assertions[audit] = assertion


def _last_budget_per_name(budgets: list[Budget]) -> list[Budget]:
    by_name = {budget.name: budget for budget in budgets}
    return [budget for budget in by_name.values() if budget.level != "off"]


def _parse_min_score_flag(flag: str) -> tuple[str, int | None]:
    """`layout=80` -> ("layout", 80); `layout=off` -> ("layout", None)."""
    category, equals, value = (part.strip() for part in flag.partition("="))
    if not equals or not category or not value:
        raise UsageError(f'--min-score "{flag}": expected CATEGORY=N, e.g. --min-score layout=80.')
    if category not in SCORE_CATEGORIES:
        raise UsageError(
            f'--min-score "{flag}": unknown category "{category}"'
            f"{_suggest(category, SCORE_CATEGORIES)}; categories: {', '.join(SCORE_CATEGORIES)}."
        )
    if value == "off":
        return category, None
    if not value.isdigit() or not 0 <= int(value) <= 100:
        raise UsageError(
            f'--min-score "{flag}": expected a whole number from 0 to 100 (or off), got "{value}".'
        )
    return category, int(value)


def _parse_assert_flag(flag: str) -> tuple[str, Level]:
    """`tap-targets=error` -> ("tap-targets", "error")."""
    audit, equals, level = (part.strip() for part in flag.partition("="))
    if not equals or not audit or not level:
        raise UsageError(
            f'--assert "{flag}": expected AUDIT=LEVEL, e.g. --assert tap-targets=error.'
        )
    known = known_audit_ids()
    if audit not in known:
        raise UsageError(
            f'--assert "{flag}": unknown audit id "{audit}"{_unknown_audit_hint(audit)}.'
        )
    if level not in LEVELS:
        raise UsageError(
            f'--assert "{flag}": unknown level "{level}"{_suggest(level, LEVELS)}; '
            f"expected one of: {', '.join(LEVELS)}."
        )
    return audit, cast(Level, level)


def _flag_devices(devices: list[str]) -> list[str]:
    try:
        return check_device_names(devices)
    except UsageError as error:
        raise UsageError(f"--device: {error}") from None


# ---------------------------------------------------------------- the starter file


def starter_text() -> str:
    """The commented readiness.toml that `readiness init` writes."""
    return resources.files("checker.config").joinpath("starter.toml").read_text(encoding="utf-8")


def write_starter(path: Path) -> None:
    """Write the starter file; never over an existing file."""
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(starter_text())
    except FileExistsError:
        raise UsageError(
            f"{_display_name(path)} already exists; edit it, or remove it to start again."
        ) from None
    except OSError as error:
        raise UsageError(f"Cannot write {_display_name(path)}: {error}.") from None
