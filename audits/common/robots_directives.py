"""A page's robots directives for one crawler: its robots meta tags and X-Robots-Tag headers.

As Google documents them (https://developers.google.com/search/docs/crawling-indexing/
robots-meta-tag): `<meta name="robots">` speaks to every crawler, `<meta name="googlebot">` (any
crawler's token) to that one; an X-Robots-Tag header does the same, a directive list prefixed
with a crawler's token ("googlebot: noindex, nofollow") speaking to that crawler only.
Directives are comma-separated and case-insensitive; some take a value after a colon
(`max-image-preview:large`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from audits.common.crawler_view import meta_content, meta_key
from checker.model.dom_facts import HeadFacts, Tag

# Directives written `name: value`: any other `word:` in a header is a crawler's token.
VALUED = frozenset({"max-snippet", "max-image-preview", "max-video-preview", "unavailable_after"})
EVERY_CRAWLER = "robots"
HEADER = "x-robots-tag"


@dataclass(frozen=True)
class Directive:
    name: str  # lower case: noindex, max-image-preview...
    value: str | None  # lower case: large; None for a directive without one
    source: str  # where it was written, as a reader would recognise it
    to_every_crawler: bool  # written for every crawler, not for the one asked about
    tag: Tag | None = None  # the meta tag it came from; None for a header


def directives_for(head: HeadFacts, headers: Mapping[str, str], token: str) -> list[Directive]:
    """The directives that speak to the crawler `token` (and to every crawler), meta tags
    first, in document order, then the headers'."""
    wanted = {EVERY_CRAWLER, token.lower()}
    found: list[Directive] = []
    for tag in head.metas:
        addressee = (tag.attr("name") or "").strip().lower()
        if addressee in wanted:
            content = meta_content(tag)
            source = f'<meta name="{meta_key(tag)}" content="{content}">'
            everyone = addressee == EVERY_CRAWLER
            found += [
                Directive(name, value, source, everyone, tag) for name, value in _parse(content)
            ]
    for key, header in headers.items():
        if key.lower() != HEADER:
            continue
        for line in header.split("\n"):  # a header sent twice arrives as two lines
            for agent, name, value in _parse_header(line):
                if agent is None or agent == token.lower():
                    source = f"X-Robots-Tag: {line.strip()}"
                    found.append(Directive(name, value, source, agent is None))
    return found


def _parse(content: str) -> list[tuple[str, str | None]]:
    pairs = []
    for part in content.split(","):
        name, colon, value = part.strip().lower().partition(":")
        if name.strip():
            pairs.append((name.strip(), value.strip() if colon else None))
    return pairs


def _parse_header(line: str) -> list[tuple[str | None, str, str | None]]:
    """(the crawler addressed or None for all, directive, value) for one X-Robots-Tag line:
    a `token:` prefix addresses the directives after it, up to the next prefix."""
    agent: str | None = None
    found: list[tuple[str | None, str, str | None]] = []
    for part in line.split(","):
        text = part.strip().lower()
        head, colon, rest = text.partition(":")
        if colon and head.strip() not in VALUED and " " not in head.strip():
            agent, text = head.strip(), rest.strip()
            head, colon, rest = text.partition(":")
        if head.strip():
            found.append((agent, head.strip(), rest.strip() if colon else None))
    return found
