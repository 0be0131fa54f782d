"""The settings of one run."""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.config.source import suggest
from checker.gather.access import Access, build_access, parse_cookie, parse_header
from checker.gather.devices import DEFAULT_DEVICES, check_device_names
from checker.model.errors import UsageError
from checker.model.results import CATEGORIES, Category
from checker.model.throttling import THROTTLES
from checker.report.sarif_locations import SarifSettings
from checker.report.write import parse_formats
from checker.store.history.location import check_location

# What a run writes unless told otherwise (`readiness ci` adds the gate's Markdown and JUnit).
DEFAULT_FORMATS = ("html", "json")
# How the speed pass throttles: "simulate" loads at full speed and estimates the throttled
# times (checker.speed_model, Lighthouse's default); "apply" loads with the throttling on.
THROTTLE_METHODS = ("simulate", "apply")
# What a resumed run takes from the run it continues, so its pages are audited alike.
RECORDED_SETTINGS = (
    "devices", "formats", "timeout", "block_external", "throttle", "throttle_method", "runs",
    "speed_devices", "ignore_https_errors", "accept_consent", "only_categories", "ai_want",
)  # fmt: skip
# Which devices get the throttled speed pass: the first mobile device of the run, every
# device, or none (layout and social only).
SPEED_DEVICES = ("first", "all", "none")
# [ai] want: to be found by AI search and assistants, or no stated wish.
AI_WANTS = ("found", "either")
# Past these a number is a typo, not a wish: a page still loading after 10 minutes will not
# load; past 16 pages at once a machine only slows down; a median needs 5 runs (Lighthouse's
# variability guidance), 20 is plenty.
MAX_TIMEOUT_S = 600.0
MAX_CONCURRENCY = 16
MAX_RUNS = 20


def check_categories(names: Iterable[str], what: str = "--only-categories") -> tuple[Category, ...]:
    """The categories named, each once, in report order; a UsageError for an unknown one, so
    a typo never quietly leaves a category out."""
    chosen = set()
    for name in names:
        if name not in CATEGORIES:
            raise UsageError(
                f'{what}: unknown category "{name}"{suggest(name, CATEGORIES)}; '
                f"categories: {', '.join(CATEGORIES)}."
            )
        chosen.add(name)
    if not chosen:
        raise UsageError(f"{what}: name at least one category ({', '.join(CATEGORIES)}).")
    return tuple(category for category in CATEGORIES if category in chosen)


def split_categories(values: Iterable[str]) -> tuple[Category, ...]:
    """`--only-categories layout,speed --only-categories social`: commas and repeats alike."""
    names = [name.strip() for value in values for name in value.split(",")]
    return check_categories(name for name in names if name)


def default_concurrency() -> int:
    # Each page already runs its devices in parallel contexts, so one page per two cores fills
    # the machine: on 2 cores the demo took 5.8 s at 1 page at once and 7.2 s at 2.
    return max(1, min(4, (os.cpu_count() or 1) // 2))


@dataclass(frozen=True)
class Config:
    devices: tuple[str, ...] = DEFAULT_DEVICES
    output_dir: Path = Path("readiness-report")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    timeout: float = 30.0
    concurrency: int = field(default_factory=default_concurrency)
    block_external: bool = False
    browser: str | None = None
    # A running browser to drive instead of launching one: a DevTools (CDP) endpoint or a
    # Playwright browser server's ws:// address.
    browser_endpoint: str | None = None
    save_snapshots: Path | None = None
    weights: dict[str, float] = field(default_factory=dict)
    throttle: str = "slow-4g"
    throttle_method: str = "simulate"
    runs: int = 1
    speed_devices: str = "first"
    # A logged-in visitor: "NAME:VALUE" headers and "NAME=VALUE" cookies for the audited
    # sites, and a Playwright storage-state file (cookies and local storage).
    # Audit only every Nth target from the Ith: (I, N), 1 <= I <= N.
    shard: tuple[int, int] | None = None
    # Seconds the whole run may take; pages not finished by then are reported as such.
    max_time: float | None = None
    headers: tuple[str, ...] = ()
    cookies: tuple[str, ...] = ()
    storage_state: Path | None = None
    ignore_https_errors: bool = False
    # Click the cookie banner's accept button before the facts are read (not the overlays).
    accept_consent: bool = False
    # The categories audited (Lighthouse's --only-categories); what only the others need is
    # not gathered (checker.run.passes).
    only_categories: tuple[Category, ...] = CATEGORIES
    # Where the run is kept: a history database's URL or an SQLite file (checker.store.history);
    # None keeps no history. Never in report.json: a database URL may hold a password.
    history: str | None = None
    # The agency's brand file for the reports (checker.config.brand); None: readiness's own look.
    brand: Path | None = None
    # The HTML report as one self-contained file (True), as a front page with a file per page
    # (False), or one file for a handful of pages and a folder above (None; report.page_files).
    single_file: bool | None = None
    # Every page's screenshots in report.pdf, even for a run past PDF_FULL_PAGES pages.
    pdf_screenshots: bool = False
    # Where report.sarif's results point: the `[sarif] locations` templates, else the config
    # file (checker.report.sarif_locations).
    sarif: SarifSettings = field(default_factory=SarifSettings)
    # What the brand wants from AI search and assistants ([ai] want): "found" makes ai-crawlers
    # fail a page that shuts every one of them out; "either" leaves the choice unjudged.
    ai_want: str = "either"

    def __post_init__(self) -> None:
        # The API takes paths as str too.
        object.__setattr__(self, "output_dir", Path(self.output_dir))
        for name in ("save_snapshots", "storage_state", "brand"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, Path(getattr(self, name)))
        object.__setattr__(self, "headers", tuple(self.headers))
        object.__setattr__(self, "cookies", tuple(self.cookies))
        object.__setattr__(self, "devices", tuple(check_device_names(list(self.devices))))
        if not self.devices:
            raise UsageError("At least one device is needed.")
        object.__setattr__(self, "formats", parse_formats(self.formats))
        object.__setattr__(self, "only_categories", check_categories(self.only_categories))
        if not 0 < self.timeout <= MAX_TIMEOUT_S:  # NaN fails every comparison
            raise UsageError(
                f"--timeout must be a number of seconds above 0, at most {MAX_TIMEOUT_S:g}."
            )
        if not 1 <= self.concurrency <= MAX_CONCURRENCY:
            raise UsageError(f"--concurrency must be from 1 to {MAX_CONCURRENCY}.")
        if self.throttle not in THROTTLES:
            raise UsageError(
                f"Unknown throttle {self.throttle!r}: choose from {', '.join(THROTTLES)}."
            )
        if self.throttle_method not in THROTTLE_METHODS:
            raise UsageError(
                f"Unknown --throttle-method {self.throttle_method!r}: choose from "
                f"{', '.join(THROTTLE_METHODS)}."
            )
        if not 1 <= self.runs <= MAX_RUNS:
            raise UsageError(f"--runs must be from 1 to {MAX_RUNS}.")
        if self.browser_endpoint is not None and not self.browser_endpoint.startswith(
            ("http://", "https://", "ws://", "wss://")
        ):
            raise UsageError(
                f"--browser-endpoint {self.browser_endpoint!r} must be an http(s):// DevTools "
                "endpoint or a ws(s):// address."
            )
        if self.shard is not None:
            number, count = self.shard
            if not 1 <= number <= count:
                raise UsageError(f"--shard {number}/{count}: I must be from 1 to N.")
        if self.max_time is not None and not 0 < self.max_time < math.inf:
            raise UsageError("--max-time must be a positive number of seconds.")
        for header in self.headers:
            parse_header(header)
        for cookie in self.cookies:
            parse_cookie(cookie)
        if self.history is not None:
            check_location(self.history)  # a URL of another database fails before any work
        if self.ai_want not in AI_WANTS:
            raise UsageError(
                f"Unknown [ai] want {self.ai_want!r}: choose from {', '.join(AI_WANTS)}."
            )
        if self.speed_devices not in SPEED_DEVICES:
            raise UsageError(
                f"Unknown --speed-devices {self.speed_devices!r}: choose from "
                f"{', '.join(SPEED_DEVICES)}."
            )

    def with_recorded(self, recorded: dict[str, Any]) -> Config:
        """These settings with a recorded run's own (as to_report wrote them), so a resumed
        run audits its remaining pages as it audited the others."""
        changes = {k: recorded[k] for k in RECORDED_SETTINGS if k in recorded}
        for name in ("devices", "formats", "only_categories"):  # JSON lists, tuples here
            if name in changes:
                changes[name] = tuple(changes[name])
        return dataclasses.replace(self, **changes)

    def access(self, targets: list[str]) -> Access:
        """What every browser context of a run on these targets is given."""
        return build_access(
            targets,
            block_external=self.block_external,
            headers=self.headers,
            cookies=self.cookies,
            storage_state=self.storage_state,
            ignore_https_errors=self.ignore_https_errors,
        )

    def to_report(self) -> dict[str, Any]:
        """The settings as report.json records them."""
        return {
            "devices": list(self.devices),
            "formats": list(self.formats),
            "timeout": self.timeout,
            "concurrency": self.concurrency,
            "block_external": self.block_external,
            "throttle": self.throttle,
            "throttle_method": self.throttle_method,
            "runs": self.runs,
            "speed_devices": self.speed_devices,
            "shard": list(self.shard) if self.shard else None,
            "max_time": self.max_time,
            # Which header and cookie names were sent, never their values (they are secrets).
            "headers": sorted({h.partition(":")[0].strip() for h in self.headers}),
            "cookies": sorted({c.partition("=")[0].strip() for c in self.cookies}),
            "storage_state": self.storage_state is not None,
            "ignore_https_errors": self.ignore_https_errors,
            "accept_consent": self.accept_consent,
            "only_categories": list(self.only_categories),
            "ai_want": self.ai_want,
        }

    def runs_category(self, category: Category) -> bool:
        return category in self.only_categories
