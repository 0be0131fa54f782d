"""The gate's tables of a config file: [min-scores], [assertions], [budgets] and [ignore].
They are `readiness ci`'s alone (and the verdict Markdown and JUnit reports show); the run
settings beside them feed every command (checker.config.parse)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, cast

from checker.config.locate import KeyPath
from checker.config.source import Source, is_int, is_number, show, suggest
from checker.model.gate import FUTURE_SPEED_AUDITS, LEVELS, AuditAssertion, Budget, Level
from checker.model.results import CATEGORIES

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

GATE_KEYS = ("preset", "min-scores", "assertions", "budgets", "ignore")
_ASSERTION_KEYS = ("level", "max", "min", "min-score")
_MIN_SCORE_KEYS = ("min", "level")
_BUDGET_KEYS = ("max", "level")
IGNORE_KEYS = ("audits", "urls")


@cache
def known_audit_ids() -> tuple[str, ...]:
    """Every audit id an assertion may name: the registry's, and the speed audits to come."""
    from audits import all_audits  # the registry imports every audit module: only on demand

    return (*sorted(spec.id for spec in all_audits()), *FUTURE_SPEED_AUDITS)


def unknown_audit_hint(audit: str) -> str:
    known = known_audit_ids()
    return suggest(audit, known) or f"; known audits: {', '.join(known)}"


def read_level(source: Source, path: KeyPath, value: object) -> Level:
    return cast(Level, source.choice(path, value, LEVELS, "level"))


def read_min_scores(source: Source, value: object) -> tuple[dict[str, int], dict[str, Level]]:
    table = source.table(("min-scores",), value)
    scores: dict[str, int] = {}
    levels: dict[str, Level] = {}
    for category, entry in table.items():
        path: KeyPath = ("min-scores", category)
        if category not in SCORE_CATEGORIES:
            raise source.fail(
                path,
                f'unknown category "{category}"{suggest(category, SCORE_CATEGORIES)}; '
                f"categories: {', '.join(SCORE_CATEGORIES)}",
            )
        level: Level = "error"
        minimum: object = entry
        if isinstance(entry, dict):
            source.check_keys(path, entry, _MIN_SCORE_KEYS)
            level = read_level(source, (*path, "level"), entry.get("level", "error"))
            minimum = entry.get("min", 0 if level == "off" else None)
            if minimum is None:
                raise source.fail(path, 'a table needs "min", e.g. { min = 80, level = "warn" }')
            path = (*path, "min")
        scores[category] = _score(source, path, minimum)
        levels[category] = level
    return scores, levels


def _score(source: Source, path: KeyPath, value: object) -> int:
    if not is_int(value) or not 0 <= cast(int, value) <= 100:
        raise source.fail(path, f"expected a whole number from 0 to 100, got {show(value)}")
    return cast(int, value)


def read_assertions(source: Source, value: object) -> dict[str, AuditAssertion]:
    table = source.table(("assertions",), value)
    assertions: dict[str, AuditAssertion] = {}
    for audit, entry in table.items():
        path: KeyPath = ("assertions", audit)
        _check_audit_id(source, path, audit)
        if isinstance(entry, str):
            assertions[audit] = AuditAssertion(audit, read_level(source, path, entry))
        elif isinstance(entry, dict):
            assertions[audit] = _read_assertion_table(source, path, audit, entry)
        else:
            raise source.fail(
                path,
                f'expected "error", "warn", "off" or a table like {{ max = 2500 }}, '
                f"got {show(entry)}",
            )
    return assertions


def _read_assertion_table(
    source: Source, path: KeyPath, audit: str, entry: dict[str, Any]
) -> AuditAssertion:
    source.check_keys(path, entry, _ASSERTION_KEYS)
    level = read_level(source, (*path, "level"), entry.get("level", "error"))
    maximum = source.optional_number((*path, "max"), entry.get("max"))
    minimum = source.optional_number((*path, "min"), entry.get("min"))
    min_score = source.optional_number((*path, "min-score"), entry.get("min-score"))
    if min_score is not None and not 0 <= min_score <= 1:
        # Audit scores are 0..1, as in Lighthouse CI's minScore; category scores are 0..100.
        raise source.fail(
            (*path, "min-score"), f"expected a score from 0 to 1, got {show(min_score)}"
        )
    if maximum is not None and minimum is not None and minimum > maximum:
        raise source.fail(path, f"min ({show(minimum)}) is above max ({show(maximum)})")
    return AuditAssertion(audit, level, max=maximum, min=minimum, min_score=min_score)


def read_budgets(source: Source, value: object) -> list[Budget]:
    table = source.table(("budgets",), value)
    budgets = []
    for key, entry in table.items():
        path: KeyPath = ("budgets", key)
        if key not in BUDGET_NAMES:
            raise source.fail(
                path,
                f'unknown budget "{key}"{suggest(key, BUDGET_NAMES)}; '
                f"budgets: {', '.join(BUDGET_NAMES)}",
            )
        level: Level = "error"
        limit: object = entry
        if isinstance(entry, dict):
            source.check_keys(path, entry, _BUDGET_KEYS)
            level = read_level(source, (*path, "level"), entry.get("level", "error"))
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


def _request_count(source: Source, path: KeyPath, value: object) -> float:
    if not is_int(value) or cast(int, value) < 0:
        raise source.fail(path, f"expected a number of requests (0 or more), got {show(value)}")
    return float(cast(int, value))


def _byte_size(source: Source, path: KeyPath, value: object) -> float:
    """Bytes, from a number or a string with a unit: 500000, "500 KB", "1.5 MB", "200 KiB"."""
    if is_number(value):
        size = float(cast(float, value))
    elif isinstance(value, str):
        match = _SIZE.match(value)
        unit = match[2].lower() if match else ""
        if not match or unit not in BYTE_UNITS:
            raise source.fail(
                path,
                f'expected a size like 500000, "500 KB" or "1.5 MB", got {show(value)} '
                "(units: B, KB, MB, GB = powers of 1000; KiB, MiB, GiB = powers of 1024)",
            )
        size = float(match[1]) * BYTE_UNITS[unit]
    else:
        raise source.fail(path, f'expected a size like 500000 or "500 KB", got {show(value)}')
    if size < 0:
        raise source.fail(path, f"a budget cannot be negative, got {show(value)}")
    return float(round(size))


def read_ignored_audits(source: Source, value: object) -> list[str]:
    audits = source.strings(("ignore", "audits"), value)
    for index, audit in enumerate(audits):
        _check_audit_id(source, ("ignore", "audits", index), audit)
    return audits


def _check_audit_id(source: Source, path: KeyPath, audit: str) -> None:
    if audit not in known_audit_ids():
        raise source.fail(path, f'unknown audit id "{audit}"{unknown_audit_hint(audit)}')
