"""What link crawlers get for the page: their views of the HTML, the share images and icons
they fetched, the manifest, and the canonical and robots.txt checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model.dom_facts import HeadFacts


@dataclass(frozen=True)
class CrawlerView:
    """The page as one platform's link crawler fetched it: its user agent, no JavaScript."""

    crawler: str  # facebook, x, linkedin, slack, whatsapp, discord
    user_agent: str
    url: str
    final_url: str
    status: int | None
    headers: dict[str, str]
    redirects: list[str] = field(default_factory=list)
    error: str | None = None
    head: HeadFacts | None = None
    html_bytes: int = 0
    # robots.txt allows this crawler to fetch the page (None: no robots.txt could be read).
    robots_allowed: bool | None = None


@dataclass(frozen=True)
class FetchedImage:
    """An image a platform would fetch (share image, icon), as measured with Pillow."""

    role: str  # og:image, twitter:image, icon, apple-touch-icon, manifest-icon
    url: str
    final_url: str
    status: int | None
    content_type: str | None
    bytes: int
    width: int | None = None
    height: int | None = None
    format: str | None = None  # Pillow's name: JPEG, PNG, GIF, WEBP, SVG (by content type)...
    animated: bool = False
    truncated: bool = False  # larger than the fetch cap: bytes is the cap
    error: str | None = None
    # A small JPEG of it (at most 600 px wide), for the preview cards of the report.
    thumbnail: bytes | None = None


@dataclass(frozen=True)
class ManifestFacts:
    url: str
    status: int | None
    error: str | None = None
    name: str | None = None
    short_name: str | None = None
    theme_color: str | None = None
    icons: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class UrlCheck:
    """One fetch without following redirects: where the address really leads."""

    url: str
    status: int | None
    location: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class TextFile:
    """A small text file of the site (llms.txt), as fetched."""

    url: str
    status: int | None
    text: str = ""  # decoded as UTF-8; its first characters only when truncated
    content_type: str | None = None
    truncated: bool = False
    error: str | None = None  # why no answer came (timeout, refused...)


@dataclass(frozen=True)
class SocialFacts:
    """What link crawlers get for the page, gathered once per page (not per device)."""

    crawlers: list[CrawlerView] = field(default_factory=list)
    images: list[FetchedImage] = field(default_factory=list)
    manifest: ManifestFacts | None = None
    canonical: UrlCheck | None = None
    robots_txt: UrlCheck | None = None
    # robots.txt's text when it answered 2xx (its first 500 KiB, as Google reads it), so the
    # audits can read it for any crawler (the AI crawlers); None otherwise.
    robots_text: str | None = None
    llms_txt: TextFile | None = None  # /llms.txt at the site's root
    # What the site's own config says it wants from AI search and assistants ([ai] want in
    # readiness.toml: "found", or "either" when it does not say), recorded with the facts so
    # a rescore judges the page as the run did.
    ai_want: str = "either"
