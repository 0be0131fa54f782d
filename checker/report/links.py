"""Which text may become a link in a report: page data is hostile, so only plain http(s)
URLs do, and nothing a browser would reinterpret (javascript:, data:, control characters)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from checker.model.urls import host_of

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
    stop stays text); two links to one host also name their page ("... on <host>: article")."""
    found = []
    for match in _URL_IN_TEXT.finditer(text):
        url = match.group().rstrip(".,;:!?)")
        found.append((match.start(), match.start() + len(url), url))
    hosts = [host_of(url) for _, _, url in found]
    segments = []
    position = 0
    for start, end, url in found:
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(_link(url, shared_host=hosts.count(host_of(url)) > 1))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def _link(url: str, *, shared_host: bool) -> Segment:
    href = safe_href(url)
    host = host_of(url) if href else ""
    if not host:
        return Segment(url, href)
    page = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
    label = f"Learn more on {host}: {page}" if shared_host and page else f"Learn more on {host}"
    return Segment(label, href)
