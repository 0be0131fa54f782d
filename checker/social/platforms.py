"""What each platform reads for a link preview, in the order it falls back: ONE table.

A chain lists the steps a platform tries for one field, first to last; the first step that
gives a non-empty value wins (crawlers treat an empty tag as a missing one). A step is:

- a tag key (`og:title`, `twitter:image`...), matched case-insensitively, its first non-empty
  value in document order (`twitter:card`: the last one, as X documents);
- `og:image`: Open Graph's structured image: `og:image`, else `og:image:url` (its synonym), and
  its `og:image:secure_url` when the chosen address is plain http (https://ogp.me/#structured);
- a tuple of tag keys: whichever of them comes first in the document (Slack's rule);
- `TITLE` (<title>), `DESCRIPTION` (<meta name="description">), `CANONICAL` (rel=canonical),
  `PAGE_URL` (the address shared), `THEME_COLOR` (<meta name="theme-color">).

Each platform cites its sources: the platform's documentation where it exists, "observed" (by
third parties, as cited) where it does not. `limits` are the characters of title and
description a platform shows before it cuts with an ellipsis, on a phone-width card (the same
counts as checker/report/previews.py's cards); None means no cut is known.
"""

from __future__ import annotations

from dataclasses import dataclass

TITLE = "<title>"
DESCRIPTION = "meta description"
CANONICAL = "link canonical"
PAGE_URL = "page url"
THEME_COLOR = "meta theme-color"

Step = str | tuple[str, ...]
Chain = tuple[Step, ...]


@dataclass(frozen=True)
class Limits:
    title: int | None
    description: int | None
    source: str


@dataclass(frozen=True)
class Platform:
    name: str
    title: Chain
    description: Chain
    image: Chain
    site_name: Chain
    url: Chain
    limits: Limits
    sources: tuple[str, ...]
    card: Chain = ()
    card_default: str | None = None
    # Set for platforms that show a large image only for these card types.
    large_image_cards: frozenset[str] | None = None
    theme_color: Chain = ()


_LARGE = frozenset({"summary_large_image"})
_OGTESTER = "ogtester.com/blog/what-is-maximum-length-of-og-title-and-og-description (2023-04)"
_CARDS = "observed in the app on a phone-width card, as checker/report/previews.py cuts it"

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        name="facebook",
        title=("og:title", TITLE),
        description=("og:description", DESCRIPTION),
        image=("og:image",),
        site_name=("og:site_name",),
        url=("og:url", CANONICAL, PAGE_URL),
        limits=Limits(88, 110, f"undocumented; {_CARDS}"),
        sources=(
            "og tags: https://developers.facebook.com/docs/sharing/webmasters/",
            "og:url is the canonical URL: https://developers.facebook.com/docs/sharing/"
            "webmasters/getting-started/versioned-link/",
            "rel=canonical is followed: https://developers.facebook.com/docs/sharing/"
            "webmasters/optimizing/",
            "<title> and meta description without og tags: observed (Facebook documents only"
            " 'internal heuristics'; it may also pick an image from the page, not modelled)",
        ),
    ),
    Platform(
        name="x",
        title=("twitter:title", "og:title"),
        description=("twitter:description", "og:description"),
        image=("twitter:image", "twitter:image:src", "og:image"),
        site_name=("twitter:site",),
        url=(PAGE_URL,),
        card=("twitter:card",),
        card_default="summary",
        large_image_cards=_LARGE,
        limits=Limits(70, 200, "documented maxima: https://developer.x.com/cards/markup"),
        sources=(
            "Open Graph fallbacks, summary card without twitter:card, the @site attribution:"
            " https://developer.x.com/cards/markup",
            "the last twitter:card wins: https://developer.x.com/ja/docs/tweets/"
            "optimize-with-cards/guides",
            "twitter:image:src: observed (the old name of twitter:image, still on pages)",
            "the card links the address as shared: observed",
        ),
    ),
    Platform(
        name="linkedin",
        title=("og:title", TITLE),
        description=("og:description", DESCRIPTION),
        image=("og:image",),
        site_name=("og:site_name",),
        url=("og:url", PAGE_URL),
        limits=Limits(70, 100, f"undocumented; {_CARDS} (the desktop feed shows none)"),
        sources=(
            "Open Graph tags: https://www.linkedin.com/help/linkedin/answer/46687/"
            "making-your-website-shareable-on-linkedin (check with"
            " https://www.linkedin.com/post-inspector/)",
            "<title> and meta description without og tags: observed",
        ),
    ),
    Platform(
        name="slack",
        title=(("og:title", "twitter:title"), TITLE),
        description=(("og:description", "twitter:description"), DESCRIPTION),
        image=(("og:image", "twitter:image"),),
        site_name=("og:site_name",),
        url=("og:url", PAGE_URL),
        limits=Limits(150, 300, f"undocumented; {_CARDS}; {_OGTESTER} saw a title in full"),
        sources=(
            "oEmbed first (metadata.oembed lists the links; not fetched here), then Open Graph"
            " or Twitter tags, whichever comes first in the page, then <title> and meta"
            " description: https://medium.com/slack-developer-blog/everything-you-ever-wanted-"
            "to-know-about-unfurling-but-were-afraid-to-ask-or-how-to-make-your-e64b4bb9254",
        ),
    ),
    Platform(
        name="whatsapp",
        title=("og:title",),
        description=("og:description",),
        image=("og:image",),
        site_name=("og:site_name",),
        url=("og:url", PAGE_URL),
        limits=Limits(80, 90, f"undocumented; {_CARDS}; {_OGTESTER} saw 81 title characters"),
        sources=("Open Graph only: observed (WhatsApp documents no link-preview rules)",),
    ),
    Platform(
        name="discord",
        title=("og:title", "twitter:title", TITLE),
        description=("og:description", "twitter:description", DESCRIPTION),
        image=("og:image", "twitter:image"),
        site_name=("og:site_name",),
        url=("og:url", PAGE_URL),
        card=("twitter:card",),
        large_image_cards=_LARGE,
        theme_color=(THEME_COLOR,),
        limits=Limits(
            256,
            350,
            "observed: https://opengraphplus.com/consumers/discord/tags; 256 is also the"
            " embed title limit of https://discord.com/developers/docs/resources/message",
        ),
        sources=(
            "Open Graph, then Twitter tags; theme-color colours the embed; a large image only"
            " with twitter:card summary_large_image: observed (Discord documents no"
            " link-embed rules), https://opengraphplus.com/consumers/discord/tags",
        ),
    ),
)

PLATFORM_NAMES = tuple(p.name for p in PLATFORMS)


def platform(name: str) -> Platform:
    return next(p for p in PLATFORMS if p.name == name)
