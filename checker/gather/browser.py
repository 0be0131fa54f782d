"""Finding a Chromium to drive and launching it the way a root, offline machine needs."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Playwright

from checker.gather.chromium_features import disable_features_args
from checker.model.errors import BrowserNotFoundError, UsageError

BROWSER_ENV = "READINESS_BROWSER"
SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "No Chromium or Chrome found. Install one with `playwright install chromium` "
    "(or, on Debian/Ubuntu as root, `apt-get install -y chromium`), or name one with "
    f"--browser PATH or {BROWSER_ENV}."
)

# --no-sandbox: Chromium refuses to run as root with its sandbox. The rest stop Chromium's
# own background traffic (updates, sync, safe browsing), which stalls on a closed network and
# would otherwise be mixed into the page's network log.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
)


def find_browser(
    explicit: str | None,
    playwright_browser: str | None,
    *,
    environ: dict[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> str:
    """The executable to launch: --browser, then $READINESS_BROWSER, then Playwright's own
    browser when installed, then a system Chromium or Chrome."""
    env = os.environ if environ is None else environ
    for source, path in (("--browser", explicit), (BROWSER_ENV, env.get(BROWSER_ENV))):
        if path:
            resolved = which(path) or (path if Path(path).is_file() else None)
            if not resolved:
                raise UsageError(f"{source} names {path!r}, which is not an executable file.")
            return resolved
    if playwright_browser and Path(playwright_browser).is_file():
        return playwright_browser
    for name in SYSTEM_BROWSERS:
        found = which(name)
        if found:
            return found
    raise BrowserNotFoundError(INSTALL_HINT)


# RFC 6761, section 6.4: names under .invalid never resolve, and resolvers should say so at
# once; Chromium does not, so a rule answers for them and no lookup leaves the machine.
NEVER_RESOLVES_RULE = "MAP *.invalid ~NOTFOUND"


def host_resolver_rules(allowed_hosts: Iterable[str] | None) -> str:
    """Chromium's rule that makes every host but the allowed ones fail to resolve, so not
    even a preconnect or a DNS prefetch leaves the machine; with None (nothing blocked) only
    .invalid names fail. An EXCLUDE outranks every MAP, so .invalid hosts are never excluded.
    IP addresses are hosts like the others (checked: an <img> on 127.0.0.2 or [::1] is not
    requested when only 127.0.0.1 is allowed), so this blocks exactly what Access.is_blocked
    does and the browser needs no request interception for --block-external."""
    if allowed_hosts is None:
        return NEVER_RESOLVES_RULE
    hosts = sorted(set(allowed_hosts))
    excludes = "".join(f", EXCLUDE {h}" for h in hosts if not _never_resolves(h))
    return f"MAP * ~NOTFOUND{excludes}"


def _never_resolves(host: str) -> bool:
    return host.rstrip(".").rsplit(".", 1)[-1].lower() == "invalid"


def playwright_browser_path(playwright: Playwright) -> str | None:
    try:
        return playwright.chromium.executable_path
    except Exception:  # Playwright raises when its own browser was never downloaded
        return None


def site_isolation_args(allowed_hosts: Iterable[str] | None) -> list[str]:
    """No site isolation when every host but one is blocked. Chromium gives each cross-site
    frame a renderer of its own, and a blocked frame still gets one, for its error page: 10
    renderers, 120 MB more for one phone on a saved news page with 30 ad frames. With one
    host let through, every frame that can load is of the page's own site (ports do not
    count), which shares the page's renderer either way (but for an http page framing its
    https self). Android's Chrome shares them too: it isolates only the sites people log in
    to. With other hosts let through, frames of other sites keep their renderers, so what
    runs on the page's main thread (its long tasks) stays what Lighthouse sees."""
    if allowed_hosts is None or len(set(allowed_hosts)) != 1:
        return []
    return ["--disable-site-isolation-trials"]


async def launch(
    playwright: Playwright, explicit: str | None, *, blocked_except: Iterable[str] | None = None
) -> Browser:
    executable = find_browser(explicit, playwright_browser_path(playwright))
    options: dict[str, Any] = {
        "executable_path": executable,
        "args": [
            *LAUNCH_ARGS,
            f"--host-resolver-rules={host_resolver_rules(blocked_except)}",
            *site_isolation_args(blocked_except),
            *disable_features_args(),
        ],
        "timeout": 30_000,
    }
    return await playwright.chromium.launch(**options)
