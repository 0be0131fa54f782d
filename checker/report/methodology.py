"""The HTML report's "Methodology" section, as plain view data: how the pages were seen.

For a client reading the report: the devices (their sizes as the run recorded them), the
network and CPU the speed pass stood for and whether it was simulated or applied, the tools,
when the run started, what was blocked, which categories were run, and which checks could not
run, each grouped by audit so forty pages with the same error read as one line.

Read from the RunResult alone (its config, its tool, its results); nothing is gathered here and
no device profile is looked up: a fact the run did not record is left out, or says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from checker.model.details import MetricDetails
from checker.model.results import CATEGORIES, DeviceResult, RunResult
from checker.model.throttling import THROTTLE_LABELS, THROTTLES, Throttle
from checker.report.display import LABELS, readable_time
from checker.speed_model import conditions_for

NOT_RECORDED = "not recorded"

# What --speed-devices asked for, in words, when no result says which devices were measured.
_SPEED_DEVICES = {
    "first": "the run's first mobile device",
    "all": "every device",
}
_METHODS = {
    "simulated": (
        "Simulated: each page loaded at full speed, and its times on this network and CPU "
        "were estimated from that load (as Lighthouse does by default)."
    ),
    "applied": "Applied: each page loaded in the browser with this network and CPU throttling on.",
}
_CONFIG_METHODS = {"simulate": "simulated", "apply": "applied"}


@dataclass(frozen=True)
class DeviceLine:
    name: str
    size: str  # "375x667 CSS px", or "size not recorded"
    kind: str  # "mobile" | "desktop" | ""
    speed: bool  # the throttled speed pass ran on it


@dataclass(frozen=True)
class ErroredCheck:
    """One audit that could not run somewhere in the run, all its pages and devices at once."""

    audit: str  # its id
    category: str  # its label: "Social"
    where: str  # "on 12 of 40 pages, on every device"
    message: str  # the first error's message
    other_reasons: bool  # other pages gave another message


@dataclass(frozen=True)
class MethodologyView:
    started: str  # "1 May 2024, 10:00 UTC", or "not recorded"
    started_iso: str  # for <time datetime>, "" when not recorded
    tools: list[str]  # "readiness 0.1.0", "axe-core 4.10.3 (the accessibility checks)"
    devices: list[DeviceLine]
    speed: list[str]  # sentences: the profile with its numbers, the method, the runs
    access: list[str]  # sentences: what was blocked, what the browser was given
    categories: str  # "Layout, Speed, Social and Accessibility."
    pages: int = 0  # in the run
    errored: list[ErroredCheck] = field(default_factory=list)
    not_loaded: list[str] = field(default_factory=list)  # pages and devices not audited at all


def methodology_view(run: RunResult) -> MethodologyView:
    config = run.config or {}
    facts = _Facts.of(run)
    return MethodologyView(
        started=readable_time(run.started_at) if run.started_at else NOT_RECORDED,
        started_iso=run.started_at or "",
        tools=_tools(run, facts),
        devices=_devices(facts, config),
        speed=_speed(run, facts, config),
        access=_access(config),
        categories=_categories(run.categories_run),
        pages=facts.pages,
        errored=_errored(facts),
        not_loaded=_not_loaded(facts),
    )


@dataclass
class _Errors:
    category: str
    pages: set[str] = field(default_factory=set)
    devices: set[str] = field(default_factory=set)
    messages: list[str] = field(default_factory=list)


@dataclass
class _Facts:
    """What one pass over the run's pages tells: devices, speed passes, errors, versions."""

    pages: int = 0
    devices: dict[str, DeviceResult] = field(default_factory=dict)  # the first of each name
    speed_devices: list[str] = field(default_factory=list)
    speed: list[MetricDetails] = field(default_factory=list)  # one metric per measured device
    errors: dict[str, _Errors] = field(default_factory=dict)  # by audit id, first seen first
    failed_pages: list[str] = field(default_factory=list)  # their first error's message
    failed_devices: dict[str, list[str]] = field(default_factory=dict)  # device -> messages
    axe_version: str = ""

    @classmethod
    def of(cls, run: RunResult) -> _Facts:
        facts = cls()
        for page in run.pages:
            facts.pages += 1
            if page.status == "error":
                facts.failed_pages.append(page.error.message if page.error else "")
                continue
            for device in page.devices:
                facts.add(page.url, device)
        return facts

    def add(self, url: str, device: DeviceResult) -> None:
        self.devices.setdefault(device.device, device)
        if device.error is not None:
            self.failed_devices.setdefault(device.device, []).append(device.error.message)
            return
        metric = next(
            (a.details for a in device.audits.values() if isinstance(a.details, MetricDetails)),
            None,
        )
        if metric is not None:
            self.speed.append(metric)
            if device.device not in self.speed_devices:
                self.speed_devices.append(device.device)
        for audit in device.audits.values():
            if not self.axe_version and isinstance(audit.details, dict):
                version = audit.details.get("axe_version")
                self.axe_version = version if isinstance(version, str) else ""
            if audit.error is None:
                continue
            errors = self.errors.setdefault(audit.id, _Errors(LABELS.get(audit.category, "")))
            errors.pages.add(url)
            errors.devices.add(device.device)
            errors.messages.append(audit.error.message)


def _tools(run: RunResult, facts: _Facts) -> list[str]:
    tool = run.tool or {}
    name = str(tool.get("name") or "readiness")
    version = tool.get("version")
    tools = [f"{name} {version}" if version else f"{name} (version {NOT_RECORDED})"]
    # A fresh run records the browser it started; a rescore of snapshots has none to name.
    browser = (run.config or {}).get("browser")
    browser = browser if isinstance(browser, dict) else {}
    version, playwright = _text(browser.get("version")), _text(browser.get("playwright"))
    chromium = f"Chromium {version}" if version else f"Chromium (version {NOT_RECORDED})"
    tools.append(f"{chromium}, driven by Playwright {playwright}".rstrip())
    if facts.axe_version:
        tools.append(f"axe-core {facts.axe_version} (the accessibility checks)")
    return tools


def _devices(facts: _Facts, config: dict[str, Any]) -> list[DeviceLine]:
    names = [str(n) for n in config.get("devices") or [] if isinstance(n, str)]
    names += [n for n in facts.devices if n not in names]
    lines = []
    for name in names:
        device = facts.devices.get(name)
        if device is None:
            lines.append(DeviceLine(name, f"size {NOT_RECORDED}", "", False))
            continue
        width, height = device.viewport.get("width"), device.viewport.get("height")
        size = f"{width}x{height} CSS px" if width and height else f"size {NOT_RECORDED}"
        kind = "mobile" if device.is_mobile else "desktop"
        lines.append(DeviceLine(name, size, kind, name in facts.speed_devices))
    return lines


def _speed(run: RunResult, facts: _Facts, config: dict[str, Any]) -> list[str]:
    if "speed" not in run.categories_run:
        return ["Speed was not measured: this run left the Speed category out."]
    if config.get("speed_devices") == "none" and not facts.speed:
        return ["Speed was not measured: this run measured no device's speed."]
    # What the results say they were measured with, else what the run was set to.
    throttle = facts.speed[0].throttle if facts.speed else config.get("throttle")
    method = facts.speed[0].method if facts.speed else _CONFIG_METHODS.get(
        str(config.get("throttle_method")), ""
    )  # fmt: skip
    lines = []
    if isinstance(throttle, str) and throttle in THROTTLE_LABELS:
        profile = THROTTLES[throttle]
        numbers = ""
        if profile is not None:
            simulated = method == "simulated"
            numbers = f": {(simulated_numbers if simulated else throttle_numbers)(profile)}"
        lines.append(f"{THROTTLE_LABELS[throttle]}{numbers}.")
        if profile is not None and method in _METHODS:
            lines.append(_METHODS[method])
    else:
        lines.append(f"Network and CPU throttling: {NOT_RECORDED}.")
    if facts.speed_devices:
        lines.append(f"Speed was measured on {_names(facts.speed_devices)}.")
    elif config.get("speed_devices") in _SPEED_DEVICES:
        lines.append(
            f"Set to be measured on {_SPEED_DEVICES[config['speed_devices']]}; "
            "no page's speed was measured."
        )
    runs = config.get("runs")
    if isinstance(runs, int) and not isinstance(runs, bool) and runs > 1:
        lines.append(f"Each page was loaded {runs} times for speed; the median is reported.")
    return lines


def throttle_numbers(profile: Throttle) -> str:
    """ "562.5 ms latency, 1.47 Mbps down, 675 kbps up": the network as DevTools applies it
    per request (the profile's label says the CPU's slowdown)."""
    return (
        f"{profile.latency_ms:g} ms latency, {_speed_of(profile.down_kbps)} down, "
        f"{_speed_of(profile.up_kbps)} up"
    )


def simulated_numbers(profile: Throttle) -> str:
    """ "150 ms round trips, 1.64 Mbps": the network a simulated run's times are estimated
    on, as Lighthouse's Lantern turns the profile's DevTools figures into the network's own."""
    network = conditions_for(profile)
    kbps = network.bytes_per_ms * 8 * 1000 / 1024  # Lighthouse's Kbps are of 1024 bits
    return (
        f"{network.rtt_ms:g} ms round trips, {_speed_of(kbps)} down "
        f"(DevTools would apply it as {throttle_numbers(profile)})"
    )


def _speed_of(kbps: float) -> str:
    return f"{kbps / 1000:.3g} Mbps" if kbps >= 1000 else f"{kbps:g} kbps"


def _access(config: dict[str, Any]) -> list[str]:
    lines = []
    block = config.get("block_external")
    if block is True:
        lines.append(
            "Other hosts were blocked (--block-external): only the audited sites' own hosts "
            "were loaded, so third-party scripts, fonts and images, and share images or "
            "canonical pages on other hosts, were not fetched."
        )
    elif block is False:
        lines.append("Nothing was blocked: each page loaded everything it asked for.")
    else:
        lines.append(f"Blocked hosts: {NOT_RECORDED}.")
    timeout = config.get("timeout")
    if isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout > 0:
        lines.append(f"Each page had {timeout:g} s to load.")
    headers = _strings(config.get("headers"))
    cookies = _strings(config.get("cookies"))
    if headers:
        lines.append(f"Sent to the audited sites: the headers {_names(headers)}.")
    if cookies:
        lines.append(f"Sent to the audited sites: the cookies {_names(cookies)}.")
    if config.get("storage_state") is True:
        lines.append("A saved login (a storage-state file) was loaded first.")
    if config.get("accept_consent") is True:
        lines.append("Cookie banners were accepted before each page was read.")
    if config.get("ignore_https_errors") is True:
        lines.append("HTTPS certificate errors were ignored.")
    return lines


def _categories(categories_run: Iterable[str]) -> str:
    ran = [c for c in CATEGORIES if c in categories_run]
    left = [c for c in CATEGORIES if c not in ran]
    text = f"{_names([LABELS[c] for c in ran])}." if ran else "None."
    if left:
        text += f" Not run: {_names([LABELS[c] for c in left])}."
    return text


def _errored(facts: _Facts) -> list[ErroredCheck]:
    all_devices = set(facts.devices)
    checks = []
    for audit_id, errors in facts.errors.items():
        pages = len(errors.pages)
        where = f"on {pages} of {facts.pages} pages" if facts.pages > 1 else "on this page"
        if errors.devices == all_devices and len(all_devices) > 1:
            where += ", on every device"
        else:
            where += f", on {_names(sorted(errors.devices))}"
        first = errors.messages[0]
        checks.append(
            ErroredCheck(
                audit=audit_id,
                category=errors.category,
                where=where,
                message=first,
                other_reasons=any(m != first for m in errors.messages),
            )
        )
    checks.sort(key=lambda c: (-len(facts.errors[c.audit].pages), c.audit))
    return checks


def _not_loaded(facts: _Facts) -> list[str]:
    lines = []
    if facts.failed_pages:
        n = len(facts.failed_pages)
        first = next((m for m in facts.failed_pages if m), "")
        line = f"{n} page{'' if n == 1 else 's'} could not be loaded, so no check ran there"
        lines.append(f"{line}: {first}" if first else f"{line}.")
    for name, messages in facts.failed_devices.items():
        n = len(messages)
        line = f"{n} page{'' if n == 1 else 's'} could not be read on {name}"
        first = next((m for m in messages if m), "")
        lines.append(f"{line}: {first}" if first else f"{line}.")
    return lines


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str) and v] if isinstance(value, list) else []


def _names(names: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
