"""Which text may become a link in a report: page data is hostile, so only plain http(s)
URLs do, and nothing a browser would reinterpret (javascript:, data:, control characters)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`]+\Z", re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    """A piece of text, and the link it is when it is an http(s) URL."""

    text: str
    href: str | None = None


def safe_href(url: str | None) -> str | None:
    """The URL if it may be a link (http or https, nothing a browser would reinterpret)."""
    if url and _SAFE_URL.match(url):
        return url
    return None


def url_segments(url: str) -> list[Segment]:
    return [Segment(url, safe_href(url))]


def text_segments(text: str) -> list[Segment]:
    """Text with its http(s) URLs made links, shown as "Learn more on <host>" (a trailing full
    stop stays text)."""
    segments = []
    position = 0
    for match in _URL_IN_TEXT.finditer(text):
        url = match.group().rstrip(".,;:!?)")
        start, end = match.start(), match.start() + len(url)
        if start > position:
            segments.append(Segment(text[position:start]))
        href = safe_href(url)
        host = urlsplit(url).hostname if href else None
        segments.append(Segment(f"Learn more on {host}" if host else url, href))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments
