"""URLs as readiness takes them from people: checked, with a clear message when wrong."""

from __future__ import annotations

from urllib.parse import urlsplit

from checker.model.errors import UsageError

SUPPORTED_SCHEMES = ("http", "https")


def check_url(raw: str) -> str:
    """The URL, or a UsageError that says what is wrong with it. A bare host name
    (example.com) is taken as https://example.com/."""
    text = raw.strip()
    if not text:
        raise UsageError("An empty URL was given.")
    if "://" not in text and not text.startswith("//"):
        scheme, colon, _ = text.partition(":")
        if colon and scheme.isalpha() and scheme.lower() not in ("localhost",):
            raise UsageError(f"Unsupported URL scheme {scheme!r} in {raw!r}: use http or https.")
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in SUPPORTED_SCHEMES:
        raise UsageError(f"Unsupported URL scheme {parts.scheme!r} in {raw!r}: use http or https.")
    try:
        port = parts.port
    except ValueError:
        raise UsageError(
            f"Malformed URL {raw!r}: the port is not a number from 1 to 65535."
        ) from None
    if not parts.hostname or any(c.isspace() for c in text) or port == 0:
        raise UsageError(f"Malformed URL {raw!r}: it needs a host name, like https://example.com/.")
    return text if parts.path else text + "/"


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""
