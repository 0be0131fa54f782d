"""The link preview each platform builds from a page's metadata, after its own fallbacks.

Texts are given in full, whitespace collapsed as a browser shows them (a report compares them
with `Platform.limits` to say where each platform cuts); addresses are resolved against the
page's URL, as a crawler fetching the image must. Which tag each value came from is kept in
`sources`, so a report can say "X shows og:title because twitter:title is missing".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin

from checker.social.metadata import SocialMetadata
from checker.social.platforms import (
    CANONICAL,
    DESCRIPTION,
    FEDIVERSE_CREATOR,
    JSONLD_DESCRIPTION,
    JSONLD_HEADLINE,
    JSONLD_PUBLISHER,
    PAGE_URL,
    PLATFORMS,
    THEME_COLOR,
    TITLE,
    Chain,
    Platform,
    Step,
)

# X: "If multiple twitter:card values are present, the last one wins" (see platforms.py).
LAST_WINS = frozenset({"twitter:card"})
_NOWHERE = 1 << 62  # the position of a value that is not a tag (sorts after every tag)
# The JSON-LD types Mastodon reads a card from (LinkDetailsExtractor::StructuredData).
MASTODON_JSONLD_TYPES = ("NewsArticle", "WebPage")


@dataclass(frozen=True)
class Preview:
    platform: str
    title: str | None
    description: str | None
    image: str | None  # absolute URL
    site_name: str | None
    url: str | None  # absolute URL
    card: str | None = None  # twitter:card as X and Discord read it
    large_image: bool | None = None  # None where the platform has no such switch
    theme_color: str | None = None  # Discord's embed colour
    # Mastodon's author credit: fediverse:creator as written (checker/social/fediverse.py
    # reads it as Mastodon does); None for the platforms that do not read it.
    creator: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field -> step that gave it


@dataclass(frozen=True)
class _Found:
    value: str
    source: str
    position: int = _NOWHERE


def resolve_previews(meta: SocialMetadata, page_url: str) -> dict[str, Preview]:
    """platform name -> its preview of the page, for every platform of PLATFORMS."""
    page = _Page(meta, page_url)
    return {p.name: _preview(p, page) for p in PLATFORMS}


def _preview(platform: Platform, page: _Page) -> Preview:
    found = {
        "title": page.follow(platform.title),
        "description": page.follow(platform.description),
        "image": page.follow(platform.image),
        "site_name": page.follow(platform.site_name),
        "url": page.follow(platform.url),
        "card": page.follow(platform.card),
        "theme_color": page.follow(platform.theme_color),
        "creator": page.follow(platform.creator),
    }
    card = found["card"].value if found["card"] else platform.card_default
    if found["card"] is None and card is not None:
        found["card"] = _Found(card, "default")
    large = None if platform.large_image_cards is None else card in platform.large_image_cards
    return Preview(
        platform=platform.name,
        title=_text(found["title"]),
        description=_text(found["description"]),
        image=page.absolute(found["image"]),
        site_name=_text(found["site_name"]),
        url=page.absolute(found["url"]),
        card=card,
        large_image=large,
        theme_color=found["theme_color"].value if found["theme_color"] else None,
        creator=found["creator"].value if found["creator"] else None,
        sources={name: f.source for name, f in found.items() if f is not None},
    )


class _Page:
    """The values a chain's steps can read, looked up once per page."""

    def __init__(self, meta: SocialMetadata, page_url: str) -> None:
        self.meta = meta
        self.page_url = page_url
        # tag key (lower case) -> its non-empty values with their position in the document
        self.tags: dict[str, list[_Found]] = {}
        for position, tag in enumerate(meta.tags):
            if tag.value is not None and tag.value.strip():
                found = _Found(tag.value.strip(), tag.key.lower(), position)
                self.tags.setdefault(tag.key.lower(), []).append(found)

    def follow(self, chain: Chain) -> _Found | None:
        return next((f for f in map(self.step, chain) if f is not None), None)

    def step(self, step: Step) -> _Found | None:
        if isinstance(step, tuple):  # whichever of these tags comes first in the page
            found = [f for f in map(self.step, step) if f is not None]
            return min(found, key=lambda f: f.position) if found else None
        if step == "og:image":
            return self.og_image()
        if ":" in step:
            values = self.tags.get(step.lower())
            if not values:
                return None
            return values[-1] if step.lower() in LAST_WINS else values[0]
        return self.page_value(step)

    def page_value(self, step: str) -> _Found | None:
        if step == THEME_COLOR:
            # The first one: a media-specific colour (dark mode) comes after the default.
            value = next((c.content for c in self.meta.icons.theme_colors), None)
        elif step in _JSONLD_FIELDS:
            value = _text_value(_jsonld_field(self.structured, _JSONLD_FIELDS[step]))
        elif step == FEDIVERSE_CREATOR:
            value = (self.meta.fediverse_creator or "").strip() or None
        else:
            value = {
                TITLE: self.meta.title,
                DESCRIPTION: self.meta.description,
                CANONICAL: self.meta.canonical,
                PAGE_URL: self.page_url,
            }[step]
        return _Found(value, step) if value else None

    @cached_property
    def structured(self) -> dict[str, Any]:
        """The JSON-LD node Mastodon reads: in the first block that has one, the first
        top-level node (or array item) typed exactly NewsArticle or WebPage; {} without."""
        for block in self.meta.jsonld.blocks:
            nodes = block.data if isinstance(block.data, list) else [block.data]
            for node in nodes:
                if isinstance(node, dict) and node.get("@type") in MASTODON_JSONLD_TYPES:
                    return node
        return {}

    def og_image(self) -> _Found | None:
        """og:image (or og:image:url), upgraded to its og:image:secure_url when plain http."""
        images = self.tags.get("og:image") or self.tags.get("og:image:url") or []
        secure = self.tags.get("og:image:secure_url", [])
        if not images:
            return secure[0] if secure else None
        chosen = images[0]
        if not chosen.value.lower().startswith("http:"):
            return chosen
        # A structured property belongs to the og:image before it, up to the next og:image.
        end = min((f.position for f in images if f.position > chosen.position), default=_NOWHERE)
        own = next((s for s in secure if chosen.position < s.position < end), None)
        return _Found(own.value, own.source, chosen.position) if own else chosen

    def absolute(self, found: _Found | None) -> str | None:
        if found is None:
            return None
        try:
            return urljoin(self.page_url, found.value)
        except ValueError:  # a malformed address stays as written
            return found.value


_JSONLD_FIELDS = {
    JSONLD_HEADLINE: ("headline",),
    JSONLD_DESCRIPTION: ("description",),
    JSONLD_PUBLISHER: ("publisher", "name"),
}


def _jsonld_field(node: dict[str, Any], path: tuple[str, ...]) -> Any:
    """node[path...], taking the first item of a list on the way (Mastodon's first_of_value)."""
    value: Any = node
    for key in path:
        if isinstance(value, list):
            value = value[0] if value else None
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _text_value(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _text(found: _Found | None) -> str | None:
    return " ".join(found.value.split()) if found is not None else None
