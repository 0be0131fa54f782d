"""`readiness devices` and `readiness browser`: what readiness would audit with."""

from __future__ import annotations

import typer

from checker.cli.errors import errors_as_exit_codes
from checker.cli.options import BrowserOption
from checker.cli.terminal import print_table
from checker.gather.devices import DEFAULT_DEVICES, DEVICE_SPECS


def devices() -> None:
    """List the device profiles."""
    from playwright.sync_api import sync_playwright

    from checker.gather.devices import resolve, short_user_agent

    with errors_as_exit_codes(), sync_playwright() as playwright:
        registry = playwright.devices
        rows = [("name", "viewport", "dpr", "mobile", "touch", "user agent")]
        for name in DEVICE_SPECS:
            info = resolve(name, registry)
            default = "*" if name in DEFAULT_DEVICES else ""
            rows.append(
                (
                    name + default,
                    f"{info.width}x{info.height}",
                    f"{info.device_scale_factor:g}",
                    "yes" if info.is_mobile else "no",
                    "yes" if info.has_touch else "no",
                    short_user_agent(info.user_agent),
                )
            )
    print_table(rows)
    typer.echo("* audited by default")


def browser(browser: BrowserOption = None) -> None:
    """Show which browser readiness will drive (exit 2 when there is none)."""
    from playwright.sync_api import sync_playwright

    from checker.gather.browser import find_browser, playwright_browser_path

    with errors_as_exit_codes(), sync_playwright() as playwright:
        typer.echo(find_browser(browser, playwright_browser_path(playwright)))
