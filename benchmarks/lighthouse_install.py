"""Lighthouse for the benchmarks: installed from npm into .cache/lighthouse<major>, once, and
the Chrome flags it runs Debian's Chromium with (every host but 127.0.0.1 unresolvable)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from checker.gather.browser import LAUNCH_ARGS, host_resolver_rules

ROOT = Path(__file__).resolve().parents[1]


def ensure_lighthouse(major: int) -> Path | None:
    """The lighthouse executable of that major version; None when npm is not installed."""
    directory = ROOT / ".cache" / f"lighthouse{major}"
    binary = directory / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    if not shutil.which("npm"):
        return None
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(directory),
         f"lighthouse@{major}"],
        check=True,
    )  # fmt: skip
    return binary


def chrome_flags() -> str:
    """The value of Lighthouse's --chrome-flags: readiness's launch flags, headless, every
    host but 127.0.0.1 (where the benchmarks serve their pages) unresolvable."""
    # Lighthouse splits --chrome-flags on spaces outside quotes.
    flags = [*LAUNCH_ARGS, "--headless=new", "--disable-gpu",
             f'--host-resolver-rules="{host_resolver_rules({"127.0.0.1"})}"']  # fmt: skip
    return " ".join(flags)
