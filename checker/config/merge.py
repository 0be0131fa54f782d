"""Flags over the file over the defaults: the effective settings of a command.

`run_config` makes the run's Config, `crawl_options` the crawl's, and `merge` the gate's
GateConfig (a preset as its base). A flag given on the command line wins; a setting the file
has comes next; the command's own default, then Config's, fill the rest."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any, cast

from checker.config.gate_keys import SCORE_CATEGORIES, known_audit_ids, unknown_audit_hint
from checker.config.parse import ConfigFile
from checker.config.settings import Config
from checker.config.source import suggest
from checker.crawl import CrawlOptions
from checker.gather.devices import check_device_names
from checker.judge.presets import DEFAULT_PRESET, apply_preset
from checker.model.errors import UsageError
from checker.model.gate import LEVELS, AuditAssertion, Budget, GateConfig, Level


def run_config(
    file: ConfigFile | None,
    flags: Mapping[str, Any],
    *,
    keys: Collection[str] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> Config:
    """The run's Config: `flags` (Config fields; None where not given), over the file's run
    settings (only those among `keys`, all when None), over the command's `defaults`."""
    from_file = {
        name: value
        for name, value in (file.run if file else {}).items()
        if keys is None or name in keys
    }
    if file is not None and (keys is None or "sarif" in keys):
        from_file["sarif"] = file.sarif  # the [sarif] table, or this file as every location
    given = {name: value for name, value in flags.items() if value is not None}
    return Config(**{**(defaults or {}), **from_file, **given})


def crawl_options(file: ConfigFile | None, flags: Mapping[str, Any]) -> CrawlOptions:
    """The crawl's options: flags (None where not given) over the file's [crawl]."""
    given = {name: value for name, value in flags.items() if value is not None}
    return CrawlOptions(**{**(file.crawl if file else {}), **given})


def merge(
    file_config: GateConfig | None,
    *,
    preset: str | None = None,
    urls: Sequence[str] = (),
    min_scores: Sequence[str] = (),
    asserts: Sequence[str] = (),
    devices: Sequence[str] = (),
) -> GateConfig:
    """The gate's effective config: a preset as the base (the --preset flag's, else the
    file's, else mobile-friendly), then the file's own settings, then --min-score and --assert
    flags; URLs and devices from the command line replace the file's. "off" removes an
    assertion. Without a file or flags: the default preset."""
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
        devices=_flag_devices(list(devices)) if devices else list(base.devices),
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
            f"{suggest(category, SCORE_CATEGORIES)}; categories: {', '.join(SCORE_CATEGORIES)}."
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
    if audit not in known_audit_ids():
        raise UsageError(
            f'--assert "{flag}": unknown audit id "{audit}"{unknown_audit_hint(audit)}.'
        )
    if level not in LEVELS:
        raise UsageError(
            f'--assert "{flag}": unknown level "{level}"{suggest(level, LEVELS)}; '
            f"expected one of: {', '.join(LEVELS)}."
        )
    return audit, cast(Level, level)


def _flag_devices(devices: list[str]) -> list[str]:
    try:
        return check_device_names(devices)
    except UsageError as error:
        raise UsageError(f"--device: {error}") from None
