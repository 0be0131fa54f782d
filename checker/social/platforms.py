"""What each platform reads for a link preview, in the order it falls back: ONE table.

A chain lists the steps a platform tries for one field, first to last; the first step that
gives a non-empty value wins (crawlers treat an empty tag as a missing one). A step is:

- a tag key (`og:title`, `twitter:image`...), matched case-insensitively, its first non-empty
  value in document order (`twitter:card`: the last one, as X documents);
- `og:image`: Open Graph's structured image: `og:image`, else `og:image:url` (its synonym), and
  its `og:image:secure_url` when the chosen address is plain http (https://ogp.me/#structured);
- a tuple of tag keys: whichever of them comes first in the document (Slack's rule);
- `TITLE` (<title>), `DESCRIPTION` (<meta name="description">), `CANONICAL` (rel=canonical),
  `PAGE_URL` (the address shared), `THEME_COLOR` (<meta name="theme-color">);
- `JSONLD_HEADLINE`, `JSONLD_DESCRIPTION`, `JSONLD_PUBLISHER`: the headline, description and
  publisher name of the first JSON-LD node typed exactly NewsArticle or WebPage (Mastodon's
  reading, app/lib/link_details_extractor.rb);
- `FEDIVERSE_CREATOR` (<meta name="fediverse:creator">, Mastodon's author credit: the first
  such tag, as written; checker/social/fediverse.py reads it as Mastodon does).

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
JSONLD_HEADLINE = "JSON-LD headline"
JSONLD_DESCRIPTION = "JSON-LD description"
JSONLD_PUBLISHER = "JSON-LD publisher name"
FEDIVERSE_CREATOR = "meta fediverse-creator"  # no ":", which marks a tag key

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
    creator: Chain = ()  # Mastodon's author credit (fediverse:creator)


_LARGE = frozenset({"summary_large_image"})
_OGTESTER = "ogtester.com/blog/what-is-maximum-length-of-og-title-and-og-description (2023-04)"
_CARDS = "observed in the app on a phone-width card, as checker/report/previews.py cuts it"
_MASTODON = "https://github.com/mastodon/mastodon/blob/main/"
_OGPLUS = "https://opengraphplus.com/consumers/"

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
    Platform(
        name="bluesky",
        title=("og:title", "twitter:title", TITLE),
        description=("og:description", "twitter:description", DESCRIPTION),
        image=("og:image", "twitter:image"),
        site_name=(),
        url=(PAGE_URL,),
        limits=Limits(
            None,
            None,
            "no character cut: the app clamps the title to 3 lines and the description to 2"
            " (social-app's ExternalEmbed, as measured in https://github.com/shadcn-labs/"
            "ogimagecn/pull/21); the app.bsky.embed.external lexicon sets no maximum",
        ),
        sources=(
            "the app asks Bluesky's card service, CardyB (https://cardyb.bsky.app/v1/extract;"
            " bluesky-social/social-app src/lib/link-meta/link-meta.ts), which is not open"
            " source: its chains, og:title, twitter:title, <title> (and the same for the"
            " description and image), are observed: " + _OGPLUS + "bluesky/tags",
            "no twitter:card switch: every card shows the picture large, 1.91:1, cropped to"
            " fill: observed, https://github.com/shadcn-labs/ogimagecn/pull/21",
            "the card names the domain of the address posted, no site name: observed (same)",
        ),
    ),
    Platform(
        name="mastodon",
        title=(JSONLD_HEADLINE, "og:title", TITLE),
        description=(JSONLD_DESCRIPTION, "og:description", DESCRIPTION),
        image=("og:image",),
        site_name=(JSONLD_PUBLISHER, "og:site_name"),
        url=(CANONICAL, "og:url", PAGE_URL),
        creator=(FEDIVERSE_CREATOR,),
        limits=Limits(
            None,
            None,
            "no character cut: app/javascript/mastodon/features/status/components/card.tsx"
            " renders both texts whole; the web app's stylesheet clamps their lines",
        ),
        sources=(
            "oEmbed first (FetchLinkCardService#attempt_oembed; not fetched here), then JSON-LD"
            " (a NewsArticle or WebPage node), Open Graph (property= or name=), then <title>"
            " and meta description: " + _MASTODON + "app/lib/link_details_extractor.rb",
            "the card's address is rel=canonical, else og:url, on the same host only, else the"
            " address shared (link_details_extractor.rb#canonical_url; the same-host rule is"
            " not modelled here)",
            "the image is og:image alone (no twitter:image); a large 1.91:1 picture when it is"
            " wider than high, else a square thumbnail: " + _MASTODON + "app/javascript/"
            "mastodon/features/status/components/card.tsx",
            "fediverse:creator credits the author's account (Mastodon 4.3), shown only when that"
            " account lists the site's domain under author attribution: " + _MASTODON + ""
            "app/services/fetch_link_card_service.rb (can_be_attributed_from?), "
            "https://blog.joinmastodon.org/2024/07/highlighting-journalism-on-mastodon/",
        ),
    ),
    Platform(
        name="threads",
        title=("og:title", TITLE),
        description=("og:description", DESCRIPTION),
        image=("og:image",),
        site_name=("og:site_name",),
        url=("og:url", CANONICAL, PAGE_URL),
        limits=Limits(None, None, "undocumented; no cut observed"),
        sources=(
            "Meta's crawler (facebookexternalhit) and Facebook's Open Graph reading, with the"
            " same fallbacks: observed, "
            + _OGPLUS
            + "threads/tags and "
            + _OGPLUS
            + "threads/crawling (Meta documents none for Threads)",
        ),
    ),
    Platform(
        name="telegram",
        title=("og:title", "twitter:title", TITLE),
        description=("og:description", "twitter:description", DESCRIPTION),
        image=("og:image", "twitter:image"),
        site_name=("og:site_name",),
        url=(PAGE_URL,),
        limits=Limits(None, None, "undocumented; no cut observed"),
        sources=(
            "Open Graph first, Twitter tags as fallbacks, <title> last: observed,"
            " https://www.tryunfurl.com/telegram-link-preview.html and"
            " https://ogproof.veridux.ai/blog/telegram-open-graph-tags (Telegram documents no"
            " link-preview rules; its Bot API only says a preview's media may be shown small or"
            " large: https://core.telegram.org/bots/api#linkpreviewoptions)",
            "a large picture for a wide image, a small thumbnail beside the text otherwise:"
            " observed, approximated here with Mastodon's rule (wider than high)",
        ),
    ),
)

PLATFORM_NAMES = tuple(p.name for p in PLATFORMS)


def platform(name: str) -> Platform:
    return next(p for p in PLATFORMS if p.name == name)
