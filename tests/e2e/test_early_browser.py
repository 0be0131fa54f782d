"""The browser launched while a command prepares its run (run/driver.py, run/browsers.py): the
run takes it when it was launched with the run's own rules, and closes it when not."""

from __future__ import annotations

import json

import psutil
from playwright.async_api import Browser, Playwright
from typer.testing import CliRunner

import checker.run.browsers as run_browsers
from checker.cli.app import app
from checker.gather.browser import launch
from checker.run.driver import (
    DRIVER_NODE_OPTION,
    launch_early,
    run_with_playwright,
    start_early,
    take_early_browser,
)


def _launch_recorded(launched: list[Browser]):
    async def launching(playwright: Playwright) -> Browser:
        browser = await launch(playwright, None)
        launched.append(browser)
        return browser

    return launching


def test_the_run_takes_the_browser_launched_early_for_the_same_rules():
    launched: list[Browser] = []
    start_early()
    launch_early(("chromium", None), _launch_recorded(launched))

    async def run(_playwright: Playwright) -> tuple[Browser | None, bool]:
        taken = await take_early_browser(("chromium", None))
        connected = taken is not None and taken.is_connected()
        if taken is not None:
            await taken.close()
        return taken, connected

    taken, connected = run_with_playwright(run)
    assert taken is not None and taken is launched[0] and connected


def test_a_browser_launched_early_for_other_rules_is_closed_not_used():
    launched: list[Browser] = []
    start_early()
    launch_early(("chromium", frozenset({"127.0.0.1"})), _launch_recorded(launched))

    async def run(_playwright: Playwright) -> tuple[Browser | None, bool]:
        taken = await take_early_browser(("chromium", None))
        return taken, launched[0].is_connected()

    taken, still_open = run_with_playwright(run)
    assert taken is None and len(launched) == 1 and not still_open


def test_an_audit_launches_one_browser_early_and_audits_with_it(site, tmp_path, monkeypatch):
    launches: list[str] = []
    taken: list[Browser | None] = []

    async def counted_launch(*args, **kwargs):
        launches.append("launch")
        return await launch(*args, **kwargs)

    async def recorded_take(key):
        browser = await take_early_browser(key)
        taken.append(browser)
        return browser

    monkeypatch.setattr(run_browsers, "launch", counted_launch)
    monkeypatch.setattr(run_browsers, "take_early_browser", recorded_take)
    out = tmp_path / "report"
    args = [site + "mobile-ready.html", "-o", str(out), "--block-external", "--no-history"]
    result = CliRunner().invoke(
        app, ["audit", *args, "-d", "iphone-se", "--speed-devices", "none", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert launches == ["launch"]  # the early one: the run launched none of its own
    assert len(taken) == 1 and taken[0] is not None
    (page,) = json.loads((out / "report.json").read_text())["pages"]
    assert page["status"] == "ok" and [d["device"] for d in page["devices"]] == ["iphone-se"]


def _driver_environment() -> dict[str, str]:
    """The environment of the Playwright driver (Node.js) this process runs now."""
    drivers = [
        child
        for child in psutil.Process().children(recursive=True)
        if child.name().startswith("node")
    ]
    assert len(drivers) == 1, drivers
    return drivers[0].environ()


def test_the_driver_collects_its_young_garbage_in_small_semi_spaces(monkeypatch):
    monkeypatch.setenv("NODE_OPTIONS", "")
    start_early()

    async def run(_playwright: Playwright) -> dict[str, str]:
        return _driver_environment()

    environment = run_with_playwright(run)
    assert environment["NODE_OPTIONS"] == DRIVER_NODE_OPTION == "--max-semi-space-size=4"


def test_node_options_of_the_users_are_kept_and_their_semi_space_size_wins(monkeypatch):
    monkeypatch.setenv("NODE_OPTIONS", "--max-semi-space-size=16 --trace-warnings")

    async def run(_playwright: Playwright) -> dict[str, str]:
        return _driver_environment()

    environment = run_with_playwright(run)  # a driver started now, not early
    assert environment["NODE_OPTIONS"] == "--max-semi-space-size=16 --trace-warnings"
    monkeypatch.setenv("NODE_OPTIONS", "--trace-warnings")
    environment = run_with_playwright(run)
    assert environment["NODE_OPTIONS"] == "--trace-warnings --max-semi-space-size=4"
