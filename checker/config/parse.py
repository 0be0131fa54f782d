"""Reading a config file (readiness.toml, or [tool.readiness] in pyproject.toml) into a
ConfigFile: the run settings every command takes, the [crawl] table, and the gate's tables.

The schema is documented in starter.toml, the file `readiness init` writes. Every mistake in a
file is a UsageError of one line naming the file, the line where it can be found and the key
path, e.g. `readiness.toml, line 7, assertions."tap-target": unknown audit id "tap-target" (did
you mean "tap-targets"?)`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from checker.config import gate_keys
from checker.config.find import PYPROJECT_NAME, display_name
from checker.config.locate import KeyPath
from checker.config.settings import (
    AI_WANTS,
    MAX_RUNS,
    MAX_TIMEOUT_S,
    SPEED_DEVICES,
    THROTTLE_METHODS,
    check_categories,
)
from checker.config.source import Source, describe, is_number, sentence, show, suggest
from checker.gather.devices import DEVICE_SPECS
from checker.judge.presets import DEFAULT_PRESET, PRESETS
from checker.model.errors import UsageError
from checker.model.gate import GateConfig
from checker.model.throttling import THROTTLES
from checker.model.url_patterns import check_patterns
from checker.model.urls import check_url
from checker.report.sarif_locations import SarifSettings, artifact_uri
from checker.report.write import parse_formats
from checker.store.history.location import check_location


@dataclass(frozen=True)
class ConfigFile:
    """A config file, read. `run` and `crawl` hold only what the file sets, by the name of the
    Config and CrawlOptions field it sets, so flags and defaults fill the rest
    (checker.config.merge)."""

    name: str  # as messages show it
    gate: GateConfig  # the urls, and the gate's settings (GateConfig keeps its own copies of
    # devices, throttle and runs, as the gate's API always had them)
    run: Mapping[str, Any] = field(default_factory=dict)
    crawl: Mapping[str, Any] = field(default_factory=dict)
    # [sarif]: where report.sarif's results point; this file, for pages no pattern maps.
    sarif: SarifSettings = field(default_factory=SarifSettings)

    @property
    def urls(self) -> list[str]:
        return list(self.gate.urls)


Reader = Callable[[Source, KeyPath, object], Any]


def _devices(source: Source, path: KeyPath, value: object) -> tuple[str, ...]:
    devices = source.strings(path, value)
    for index, device in enumerate(devices):
        if device not in DEVICE_SPECS:
            raise source.fail(
                (*path, index),
                f'unknown device "{device}"{suggest(device, DEVICE_SPECS)}; '
                f"known devices: {', '.join(DEVICE_SPECS)}",
            )
    return tuple(dict.fromkeys(devices))


def _seconds(source: Source, path: KeyPath, value: object) -> float:
    if not is_number(value) or not 0 < cast(float, value) <= MAX_TIMEOUT_S:
        raise source.fail(
            path,
            f"expected a number of seconds above 0, at most {MAX_TIMEOUT_S:g}, got {show(value)}",
        )
    return float(cast(float, value))


def _folder(source: Source, path: KeyPath, value: object) -> Path:
    """A folder, relative to the config file's own (where the file is found from below)."""
    folder = Path(source.string(path, value))
    return folder if folder.is_absolute() else source.directory / folder


def _history(source: Source, path: KeyPath, value: object) -> str:
    """A database URL, or an SQLite file relative to the config file's folder."""
    location = source.string(path, value)
    try:
        check_location(location)
    except UsageError as error:
        raise source.fail(path, sentence(error).removeprefix("--history: ")) from None
    if "://" in location or Path(location).is_absolute():
        return location
    return str(source.directory / location)


def _formats(source: Source, path: KeyPath, value: object) -> tuple[str, ...]:
    names = source.strings(path, value)
    for index, name in enumerate(names):
        try:
            parse_formats([name])
        except UsageError as error:
            raise source.fail((*path, index), sentence(error)) from None
    return parse_formats(names)


def _patterns(source: Source, path: KeyPath, value: object) -> tuple[str, ...]:
    patterns = source.strings(path, value)
    for index, pattern in enumerate(patterns):
        try:
            check_patterns([pattern], "the pattern")
        except UsageError as error:
            raise source.fail((*path, index), sentence(error)) from None
    return tuple(patterns)


def _categories(source: Source, path: KeyPath, value: object) -> tuple[str, ...]:
    names = source.strings(path, value)
    for index, name in enumerate(names):
        try:
            check_categories([name], "only-categories")
        except UsageError as error:
            message = sentence(error).removeprefix("only-categories: ")
            raise source.fail((*path, index), message) from None
    try:
        return check_categories(names, "only-categories")
    except UsageError as error:  # an empty list
        raise source.fail(path, sentence(error).removeprefix("only-categories: ")) from None


def _choices(choices: Iterable[str], what: str) -> Reader:
    names = tuple(choices)
    return lambda source, path, value: source.choice(path, value, names, what)


def _boolean(source: Source, path: KeyPath, value: object) -> bool:
    return source.boolean(path, value)


# The run settings: key in the file -> (the Config field it sets, its reader). They feed every
# command that audits pages; a flag overrides them (README "Usage").
RUN_KEYS: dict[str, tuple[str, Reader]] = {
    "devices": ("devices", _devices),
    "throttle": ("throttle", _choices(THROTTLES, "throttle")),
    "throttle-method": ("throttle_method", _choices(THROTTLE_METHODS, "throttle method")),
    "runs": ("runs", lambda source, path, value: source.whole(path, value, 1, MAX_RUNS)),
    "speed-devices": ("speed_devices", _choices(SPEED_DEVICES, "speed-devices")),
    "timeout": ("timeout", _seconds),
    "block-external": ("block_external", _boolean),
    "accept-consent": ("accept_consent", _boolean),
    "ignore-https-errors": ("ignore_https_errors", _boolean),
    "output": ("output_dir", _folder),
    "formats": ("formats", _formats),
    "only-categories": ("only_categories", _categories),
    "history": ("history", _history),
    "brand": ("brand", _folder),
    "single-file": ("single_file", _boolean),
    "pdf-screenshots": ("pdf_screenshots", _boolean),
}
# [crawl]: key -> (the CrawlOptions field it sets, its reader): for `audit --crawl` and `batch`.
CRAWL_KEYS: dict[str, tuple[str, Reader]] = {
    "max-pages": ("max_pages", lambda source, path, value: source.whole(path, value, 1)),
    "max-depth": ("max_depth", lambda source, path, value: source.whole(path, value, 0)),
    "include": ("include", _patterns),
    "exclude": ("exclude", _patterns),
    "ignore-robots": ("ignore_robots", _boolean),
}
# [sarif]: where report.sarif's results point (checker.report.sarif_locations).
SARIF_KEYS = ("locations",)
# [ai]: what the brand wants from AI search and assistants (audits/social/ai_crawlers.py).
AI_KEYS: dict[str, tuple[str, Reader]] = {"want": ("ai_want", _choices(AI_WANTS, "wish"))}
TOP_KEYS = ("urls", *RUN_KEYS, "crawl", "sarif", "ai", *gate_keys.GATE_KEYS)


def load_config(path: Path) -> GateConfig:
    """The gate's view of the file: its own settings (no preset applied: see merge)."""
    return load_file(path).gate


def read_toml(path: Path, what: str, name: str) -> tuple[str, dict[str, Any]]:
    """The text of a TOML file the user named and its document; a UsageError that calls it
    `what` ("config file", "brand file") and `name`, with the line of a TOML mistake."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{what.capitalize()} {name} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"Cannot read the {what} {name}: {error}.") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(_toml_error(name, error)) from None


def load_file(path: Path) -> ConfigFile:
    """The file's settings, or a UsageError that names the file, the line and the key of the
    first mistake."""
    name = display_name(path)
    text, document = read_toml(path, "config file", name)
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT_NAME:
        tool = document.get("tool")
        if not isinstance(tool, dict) or "readiness" not in tool:
            raise UsageError(f"{name} has no [tool.readiness] table.")
        prefix = ("tool", "readiness")
        document = tool["readiness"]
    source = Source(name, text, prefix, _directory(path))
    if not isinstance(document, dict):
        raise source.fail((), f"expected a table, got {describe(document)}")
    return _read_document(source, document, str(path))


def _directory(path: Path) -> Path:
    """The file's folder: as written when it is the working directory (reports then say
    `readiness-report/report.html`, not a long absolute path)."""
    folder = path.resolve().parent
    return Path() if folder == Path.cwd().resolve() else folder


def _toml_error(name: str, error: tomllib.TOMLDecodeError) -> str:
    # tomllib puts the position in the message: "Expected '=' ... (at line 3, column 5)".
    message = str(error)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        problem = message[: match.start()]
        return f"{name}, line {match[1]}, column {match[2]}: not valid TOML: {problem}."
    return f"{name}: not valid TOML: {message}."


def _read_document(source: Source, document: dict[str, Any], origin: str) -> ConfigFile:
    source.check_keys((), document, TOP_KEYS)
    run = _read_table(source, (), document, RUN_KEYS)
    ai_table = source.table(("ai",), document.get("ai", {}))
    source.check_keys(("ai",), ai_table, AI_KEYS)
    run = {**run, **_read_table(source, ("ai",), ai_table, AI_KEYS)}
    crawl_table = source.table(("crawl",), document.get("crawl", {}))
    source.check_keys(("crawl",), crawl_table, CRAWL_KEYS)
    crawl = _read_table(source, ("crawl",), crawl_table, CRAWL_KEYS)
    sarif = _read_sarif(source, document.get("sarif", {}), Path(origin))
    min_scores, min_score_levels = gate_keys.read_min_scores(source, document.get("min-scores", {}))
    ignore = source.table(("ignore",), document.get("ignore", {}))
    source.check_keys(("ignore",), ignore, gate_keys.IGNORE_KEYS)
    gate = GateConfig(
        urls=_read_urls(source, document.get("urls", [])),
        devices=list(run.get("devices", ())),
        throttle=run.get("throttle"),
        runs=run.get("runs", 1),
        min_scores=min_scores,
        min_score_levels=min_score_levels,
        assertions=gate_keys.read_assertions(source, document.get("assertions", {})),
        budgets=gate_keys.read_budgets(source, document.get("budgets", {})),
        ignore_audits=gate_keys.read_ignored_audits(source, ignore.get("audits", [])),
        ignore_urls=source.strings(("ignore", "urls"), ignore.get("urls", [])),
        preset=source.choice(
            ("preset",), document.get("preset", DEFAULT_PRESET), tuple(PRESETS), "preset"
        ),
        source=origin,
    )
    return ConfigFile(source.name, gate, run, crawl, sarif)


def _read_table(
    source: Source, path: KeyPath, table: dict[str, Any], keys: dict[str, tuple[str, Reader]]
) -> dict[str, Any]:
    """The settings `keys` knows that the table sets, by field name."""
    return {
        name: read(source, (*path, key), table[key])
        for key, (name, read) in keys.items()
        if key in table
    }


def _read_sarif(source: Source, value: object, origin: Path) -> SarifSettings:
    """The [sarif] table: `locations`, URL patterns to the files that render them, each file
    relative to this file's folder and there to be found. Results of other pages point at this
    file."""
    table = source.table(("sarif",), value)
    source.check_keys(("sarif",), table, SARIF_KEYS)
    path: KeyPath = ("sarif", "locations")
    locations = source.table(path, table.get("locations", {}))
    pairs = []
    for pattern, file in locations.items():
        try:
            check_patterns([pattern], "the pattern")
        except UsageError as error:
            raise source.fail((*path, pattern), sentence(error)) from None
        written = source.string((*path, pattern), file)
        if "://" in written:
            raise source.fail(
                (*path, pattern),
                f"expected a file of the repository, like templates/post.html, got {show(file)}",
            )
        target = Path(written) if Path(written).is_absolute() else source.directory / written
        if not target.is_file():
            raise source.fail(
                (*path, pattern),
                f"{show(written)} is not a file (paths are relative to {source.name}'s folder)",
            )
        pairs.append((pattern.strip(), artifact_uri(target)))
    return SarifSettings(tuple(pairs), artifact_uri(origin))


def _read_urls(source: Source, value: object) -> list[str]:
    urls = source.strings(("urls",), value)
    checked = []
    for index, url in enumerate(urls):
        try:
            checked.append(check_url(url))
        except UsageError as error:
            raise source.fail(("urls", index), sentence(error)) from None
    return checked
