"""Targets: the URLs a run audits, checked before any browser starts."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from checker.errors import UsageError
from checker.files import read_user_text

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


def read_url_file(path: Path) -> list[str]:
    """The URLs of a file, one per line; blank lines and lines starting with # are skipped.
    A bad line is a UsageError naming the file and line."""
    text = read_user_text(path, "URL file")
    urls = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        try:
            urls.append(check_url(entry))
        except UsageError as exc:
            raise UsageError(f"{path}, line {number}: {exc}") from None
    if not urls:
        raise UsageError(f"The URL file {path} lists no URL.")
    return urls


def parse_shard(text: str) -> tuple[int, int]:
    """ "2/5" as (2, 5)."""
    number, slash, count = text.partition("/")
    try:
        shard = (int(number), int(count))
    except ValueError:
        shard = (0, 0)
    if not slash or not 1 <= shard[0] <= shard[1]:
        raise UsageError(f"--shard {text!r} must be I/N with 1 <= I <= N, like 2/4.")
    return shard
