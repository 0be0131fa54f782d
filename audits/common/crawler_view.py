"""What link crawlers see: the server's HTML, never what scripts add afterwards.

Shared by the social audits, so each says the same thing about tags only scripts create, reads
tags the same way, and parses the server's HTML once (cached accessors below).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from checker.model.dom_facts import HeadFacts, Tag
from checker.model.elements import Element
from checker.model.results import CannotMeasure, Finding
from checker.model.snapshot import PageSnapshot
from checker.model.social_facts import SocialFacts
from checker.social.metadata import SocialMetadata, extract_metadata

SCRIPT_ONLY_NOTE = (
    "It only appears after JavaScript runs; Facebook, X, LinkedIn, Slack and WhatsApp read the "
    "HTML the server sends and never see it."
)
NO_SOCIAL_FACTS = (
    "The page was not fetched as link crawlers fetch it (no crawler facts in this snapshot)."
)
# Anchors read from the server's HTML for the profile links; a cap against hostile pages.
MAX_LINKS = 5000


def missing_finding(what: str, *, rendered_value: str | None, selector: str) -> Finding:
    """A finding for a tag absent from the server's HTML, naming script-only tags as such."""
    if rendered_value:
        return Finding(
            message=f"{what} is missing from the server's HTML. {SCRIPT_ONLY_NOTE}",
            element=Element(selector, snippet=rendered_value[:200]),
            details={"rendered_only": True},
        )
    return Finding(message=f"{what} is missing.", element=Element("head"))


def social_facts(snapshot: PageSnapshot) -> SocialFacts:
    """What the crawlers got; without it the audit cannot judge (never "not applicable")."""
    if snapshot.social is None:
        raise CannotMeasure(NO_SOCIAL_FACTS)
    return snapshot.social


# --- tags ---------------------------------------------------------------------------------


def meta_key(tag: Tag) -> str:
    """The key of a meta tag: Open Graph uses property=, Twitter name=; crawlers take both."""
    return (tag.attr("property") or tag.attr("name") or "").strip().lower()


def metas(head: HeadFacts, *keys: str) -> list[Tag]:
    """Meta tags whose property or name is one of `keys` (case-insensitive), in order."""
    wanted = {k.lower() for k in keys}
    return [m for m in head.metas if meta_key(m) in wanted]


def meta_content(tag: Tag) -> str:
    return (tag.attr("content") or tag.attr("value") or "").strip()


def first_value(head: HeadFacts, *keys: str) -> tuple[Tag | None, str | None]:
    """The first tag of `keys` and its non-empty content; (first tag, None) when all are
    empty; (None, None) when there is none."""
    tags = metas(head, *keys)
    for tag in tags:
        if meta_content(tag):
            return tag, meta_content(tag)
    return (tags[0] if tags else None), None


def links_with_rel(head: HeadFacts, rel: str) -> list[Tag]:
    """<link> tags whose rel tokens include `rel`."""
    return [
        link
        for link in head.links
        if rel in (link.attr("rel") or "").lower().split()
        or " ".join((link.attr("rel") or "").lower().split()) == rel
    ]


# --- URLs ---------------------------------------------------------------------------------

_ABSOLUTE = re.compile(r"^https?://", re.IGNORECASE)


def is_absolute_http(url: str) -> bool:
    return bool(_ABSOLUTE.match(url.strip()))


def resolve(base: str, url: str) -> str:
    """`url` made absolute against `base`; as written when it cannot be parsed."""
    try:
        return urljoin(base, url.strip())
    except ValueError:
        return url.strip()


# --- the server's HTML, parsed once ---------------------------------------------------------


def page_metadata(snapshot: PageSnapshot) -> SocialMetadata:
    """Everything the server's HTML says about sharing (Open Graph, Twitter, JSON-LD...),
    parsed once per document however many audits ask."""
    return _extract_metadata(snapshot.document.html, snapshot.document.url)


@functools.lru_cache(maxsize=16)
def _extract_metadata(html: str, url: str) -> SocialMetadata:
    return extract_metadata(html, url)


def page_links(snapshot: PageSnapshot) -> tuple[str, ...]:
    """The absolute addresses of the <a href> links in the server's HTML, in order."""
    return _anchor_hrefs(snapshot.document.html, snapshot.document.url)


@functools.lru_cache(maxsize=16)
def server_document(html: str) -> lxml.html.HtmlElement | None:
    """The server's HTML parsed once for every audit that walks it (read it, never change
    it), or None when there is nothing to parse."""
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


@functools.lru_cache(maxsize=16)
def _anchor_hrefs(html: str, url: str) -> tuple[str, ...]:
    root = server_document(html)
    if root is None:
        return ()
    hrefs: list[str] = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
            hrefs.append(resolve(url, href))
            if len(hrefs) >= MAX_LINKS:
                break
    return tuple(hrefs)
