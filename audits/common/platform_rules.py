"""Every platform's rules for a share image, in one table, each with where it comes from.

Documented rules cite the platform's own page (or, for Bluesky and Mastodon, their open source
code). WhatsApp, Slack, Discord, Threads and Telegram publish no image rules for link previews:
what is known about them is observed, and the source says by whom.
A value of None means nobody publishes or has reliably observed a limit: it is not checked.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1_000_000
KB = 1_000

# Pillow's format names.
JPEG_PNG_GIF_WEBP = frozenset({"JPEG", "PNG", "GIF", "WEBP"})
JPEG_PNG_GIF = frozenset({"JPEG", "PNG", "GIF"})

FACEBOOK_IMAGES = "https://developers.facebook.com/docs/sharing/webmasters/images"
X_MARKUP = "https://developer.x.com/en/docs/x-for-websites/cards/overview/markup"
X_LARGE = (
    "https://developer.x.com/en/docs/x-for-websites/cards/overview/summary-card-with-large-image"
)
X_SUMMARY = "https://developer.x.com/en/docs/x-for-websites/cards/overview/summary"
LINKEDIN_HELP = "https://www.linkedin.com/help/linkedin/answer/a521928"
WHATSAPP_OBSERVED = (
    "observed: Branch, 'Why are some Quick Link thumbnails not shown in WhatsApp?' "
    "https://help.branch.io/faq/docs/why-are-some-quick-link-thumbnails-not-shown-in-whatsapp "
    "(thumbnails shown up to 300 KB; some guides say 600 KB, unsourced)"
)
SLACK_OBSERVED = (
    "observed: Slack documents which tags it reads (https://api.slack.com/robots) but no image "
    "rules; SVG images are not unfurled (getrediate.com/og-checker/slack)"
)
BLUESKY_SOURCE = (
    "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/external.json"
    " (the thumb of app.bsky.embed.external is a blob of image/*, at most 1,000,000 bytes);"
    " the official app fetches the image through CardyB and shrinks it to fit 2000x2000 and"
    " 1,000,000 bytes before it uploads (social-app src/lib/api/resolve.ts imageToThumb,"
    " POST_IMG_MAX in src/lib/constants.ts); tools that post through the API upload the"
    " og:image as it is, and the server refuses a thumb over the limit. The card shows the"
    " picture 1.91:1, cropped to fill (observed: https://github.com/shadcn-labs/ogimagecn/pull/21)"
)
MASTODON_SOURCE = (
    "https://github.com/mastodon/mastodon/blob/main/app/models/preview_card.rb (IMAGE_MIME_TYPES"
    " JPEG, PNG, GIF, WebP; LIMIT 2 MB: a larger image is dropped and the card saved without"
    " one, save_with_optional_image!); a large 1.91:1 picture only for an image wider than high,"
    " else a square thumbnail: app/javascript/mastodon/features/status/components/card.tsx"
)
THREADS_OBSERVED = (
    "observed: Threads uses Meta's crawler and Facebook's image handling; 1200x630, 1.91:1,"
    " 5 MB (https://opengraphplus.com/consumers/threads; Meta documents none for Threads)"
)
TELEGRAM_OBSERVED = (
    "observed: Telegram documents no image rules for link previews; observers agree on JPEG"
    " and PNG and disagree, unsourced, on WebP, GIF and a size limit"
    " (tryunfurl.com/telegram-link-preview.html), so only what no platform shows (SVG) fails"
)
DISCORD_OBSERVED = (
    "observed: Discord documents nothing; it reads Open Graph, twitter:card and theme-color, "
    "and shows no SVG (freeogimage.com/blog/discord-slack-link-previews)"
)


@dataclass(frozen=True)
class ImageRule:
    """What one platform does with a share image: below `min_*` it shows none, below
    `large_min_*` only a small thumbnail, above `max_bytes` or `max_*` none."""

    platform: str  # a CrawlerView.crawler name
    label: str
    source: str
    documented: bool
    formats: frozenset[str]
    min_width: int | None = None
    min_height: int | None = None
    large_min_width: int | None = None
    large_min_height: int | None = None
    recommended_width: int | None = None
    recommended_height: int | None = None
    max_width: int | None = None
    max_height: int | None = None
    max_bytes: int | None = None
    aspect_ratio: float | None = None  # width / height of the card it fills
    animation: str | None = None  # what it does with an animated GIF, when known
    # Set when a file over max_bytes still shows in the platform's own app (it shrinks it):
    # what happens then, and who loses the image. Unset: over max_bytes shows no image.
    oversize_shown: str | None = None
    # Large picture only for an image wider than high, else a small thumbnail (Mastodon).
    large_if_landscape: bool = False


# An image whose width/height differs from the card's by more than this share is cropped or
# letterboxed visibly (1200x630 = 1.905 against X's 2:1 is 5% off and looks right).
ASPECT_TOLERANCE = 0.15

FACEBOOK = ImageRule(
    platform="facebook",
    label="Facebook",
    source=FACEBOOK_IMAGES,
    documented=True,
    # Facebook's page names no formats; it renders JPEG, PNG, GIF and WebP and never SVG.
    formats=JPEG_PNG_GIF_WEBP,
    min_width=200,
    min_height=200,
    large_min_width=600,
    large_min_height=315,
    recommended_width=1200,
    recommended_height=630,
    max_bytes=8 * MB,
    aspect_ratio=1.91,
)
X_LARGE_IMAGE = ImageRule(
    platform="x",
    label="X (summary_large_image)",
    source=f"{X_LARGE} ; {X_MARKUP}",
    documented=True,
    formats=JPEG_PNG_GIF_WEBP,
    min_width=300,
    min_height=157,
    large_min_width=300,
    large_min_height=157,
    recommended_width=1200,
    recommended_height=600,
    max_width=4096,
    max_height=4096,
    max_bytes=5 * MB,
    aspect_ratio=2.0,
    animation="X uses only the first frame of an animated GIF.",
)
X_SUMMARY_IMAGE = ImageRule(
    platform="x",
    label="X (summary)",
    source=f"{X_SUMMARY} ; {X_MARKUP}",
    documented=True,
    formats=JPEG_PNG_GIF_WEBP,
    min_width=144,
    min_height=144,
    max_width=4096,
    max_height=4096,
    max_bytes=5 * MB,
    aspect_ratio=1.0,
    animation="X uses only the first frame of an animated GIF.",
)
LINKEDIN = ImageRule(
    platform="linkedin",
    label="LinkedIn",
    source=(
        f"{LINKEDIN_HELP} (1200x627, 1.91:1, 5 MB; check with "
        "https://www.linkedin.com/post-inspector/); large card from about 401 px wide: observed, "
        "https://peek.dt.tools/linkedin-preview"
    ),
    documented=True,
    formats=JPEG_PNG_GIF,
    large_min_width=401,
    recommended_width=1200,
    recommended_height=627,
    max_bytes=5 * MB,
    aspect_ratio=1.91,
)
WHATSAPP = ImageRule(
    platform="whatsapp",
    label="WhatsApp",
    source=WHATSAPP_OBSERVED,
    documented=False,
    formats=JPEG_PNG_GIF_WEBP,
    max_bytes=300 * KB,
)
SLACK = ImageRule(
    platform="slack",
    label="Slack",
    source=SLACK_OBSERVED,
    documented=False,
    formats=JPEG_PNG_GIF_WEBP,
)
DISCORD = ImageRule(
    platform="discord",
    label="Discord",
    source=DISCORD_OBSERVED,
    documented=False,
    formats=JPEG_PNG_GIF_WEBP,
)

BLUESKY = ImageRule(
    platform="bluesky",
    label="Bluesky",
    source=BLUESKY_SOURCE,
    documented=True,
    formats=JPEG_PNG_GIF_WEBP,
    max_bytes=1 * MB,
    oversize_shown=(
        "the Bluesky app shrinks it; tools that post through the API upload it as it is and"
        " their post shows no image"
    ),
    aspect_ratio=1.91,
)
MASTODON = ImageRule(
    platform="mastodon",
    label="Mastodon",
    source=MASTODON_SOURCE,
    documented=True,
    formats=JPEG_PNG_GIF_WEBP,
    max_bytes=2 * MB,
    large_if_landscape=True,
    aspect_ratio=1.91,
)
THREADS = ImageRule(
    platform="threads",
    label="Threads",
    source=THREADS_OBSERVED,
    documented=False,
    formats=JPEG_PNG_GIF_WEBP,
    recommended_width=1200,
    recommended_height=630,
    max_bytes=5 * MB,
    aspect_ratio=1.91,
)
TELEGRAM = ImageRule(
    platform="telegram",
    label="Telegram",
    source=TELEGRAM_OBSERVED,
    documented=False,
    formats=JPEG_PNG_GIF_WEBP,
)

ALL_RULES: tuple[ImageRule, ...] = (
    FACEBOOK,
    X_LARGE_IMAGE,
    X_SUMMARY_IMAGE,
    LINKEDIN,
    WHATSAPP,
    SLACK,
    DISCORD,
    BLUESKY,
    MASTODON,
    THREADS,
    TELEGRAM,
)


def rules_for(x_card: str | None) -> tuple[ImageRule, ...]:
    """One rule per platform: X's depends on the card the page asks for (X renders a summary
    card when twitter:card is absent: X_MARKUP)."""
    x_rule = (
        X_LARGE_IMAGE
        if (x_card or "").strip().lower() == "summary_large_image"
        else (X_SUMMARY_IMAGE)
    )
    return tuple(r for r in ALL_RULES if r.platform != "x" or r is x_rule)


# Twitter card types X renders today (X_MARKUP); photo, gallery and product were retired.
TWITTER_CARD_TYPES = ("summary", "summary_large_image", "app", "player")
