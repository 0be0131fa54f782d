"""The Chromium features our browser runs without, in one --disable-features switch.

Chromium opens a window for every browser context, and each window now loads its address
bar's suggestion popups as web pages (chrome://omnibox-popup.top-chrome/, twice) in a renderer
of their own. Measured on the five-page site (3 devices, 15 contexts): those renderers used
about 14 of a run's 60 CPU s, more than the audited pages' own renderers, for a bar nobody
sees in a headless browser.

Chromium keeps only the last --disable-features switch it is given, and Playwright gives its
own (features that would change what a page does: PaintHolding, HttpsUpgrades,
ThirdPartyStoragePartitioning...). Ours therefore names Playwright's features too, read from
the driver Playwright ships (they change with its version); when they cannot be read, no
switch is added: the popups then cost CPU, but pages behave as Playwright meant them to.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

UNSEEN_UI_FEATURES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")

# Where Playwright's driver keeps its Chromium switches: one bundle from 1.5x, a module of its
# own before.
_DRIVER_FILES = ("lib/coreBundle.js", "lib/server/chromium/chromiumSwitches.js")
_LIST = re.compile(r"disabledFeatures\s*=\s*\[(.*?)\]", re.DOTALL)
_COMMENT = re.compile(r"//[^\n]*")
_NAME = re.compile(r"""["']([A-Za-z][A-Za-z0-9_]*)["']""")


def disable_features_args() -> list[str]:
    """The one --disable-features switch to launch with (last among the arguments), or none."""
    theirs = playwright_disabled_features()
    if theirs is None:
        return []
    features = dict.fromkeys([*theirs, *UNSEEN_UI_FEATURES])
    return ["--disable-features=" + ",".join(features)]


@cache
def playwright_disabled_features() -> tuple[str, ...] | None:
    """The features the installed Playwright disables in Chromium; None when its driver does
    not say in a form we can read."""
    import playwright

    package = Path(playwright.__file__).parent / "driver" / "package"
    for name in _DRIVER_FILES:
        try:
            source = (package / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found = parse_disabled_features(source)
        if found is not None:
            return found
    return None


def parse_disabled_features(source: str) -> tuple[str, ...] | None:
    """The names in the driver's `disabledFeatures = [...]` list, comments left out."""
    match = _LIST.search(source)
    if match is None:
        return None
    names = tuple(_NAME.findall(_COMMENT.sub("", match.group(1))))
    return names or None
