"""A finding's fingerprint: the same problem of the same element of the same page on the same
device gets the same one in every run, so the history can tell what is new and what was fixed.

It is made of the audit, the page's URL key (checker.model.urls.page_key), the device, the
element's selector without its positional parts (`li:nth-child(3)` is `li` whichever place the
item holds today), and the message with its numbers taken out ("36 px" and "40 px" of one
too-small tap target are one problem, measured twice)."""

from __future__ import annotations

import hashlib
import re

from checker.judge.sitewide import template_selector

# Numbers as messages write them: 1,204 · 0.25 · 3.5 · -2 (a thousands separator, a decimal).
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACES = re.compile(r"\s+")
FINGERPRINT_CHARS = 20  # 80 bits of SHA-256: no two findings of a history meet by chance


def message_template(message: str) -> str:
    """The message with every number as `#` and its spaces collapsed."""
    return _SPACES.sub(" ", _NUMBER.sub("#", message)).strip()


def stable_selector(selector: str | None) -> str:
    return template_selector(selector) if selector and selector.strip() else ""


def fingerprint(audit: str, url_key: str, device: str, selector: str | None, message: str) -> str:
    parts = (audit, url_key, device, stable_selector(selector), message_template(message))
    # surrogatepass: a lone surrogate a page wrote (JSON allows "\\ud800") hashes too.
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:FINGERPRINT_CHARS]
