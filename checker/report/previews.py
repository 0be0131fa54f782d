"""The preview cards of the HTML report: how a page looks when shared on Facebook, X, LinkedIn,
Slack, WhatsApp, Discord, Bluesky, Mastodon, Threads and Telegram.

The texts are the ones each platform resolves (``page.metadata["preview"]``), cut where the
platform cuts them; the picture is the share image as the crawler fetched it
(``page.share_thumbnails``), cropped here with Pillow as the platform crops it, so the card
shows what people will see. A platform whose crawler got nothing (no answer, an error status,
or robots.txt; the crawler-visibility result records which, in ``details["no_preview"]``)
shows no card, only the bare link, as the platform would: nothing from the page is put in it.
Everything comes from the page and is hostile: texts stay text (the template escapes them), only
http(s) URLs become links, and only a colour that matches a strict pattern reaches a style
attribute.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, UnidentifiedImageError

from checker.model.results import PageResult
from checker.model.urls import host_of
from checker.report.links import safe_href
from checker.social.fediverse import creator_problem, read_creator
from checker.social.platforms import PLATFORMS as SOCIAL_PLATFORMS
from checker.social.platforms import Limits

ELLIPSIS = "…"

# Platforms in the order the report shows them, with their names.
PLATFORMS = {
    "facebook": "Facebook",
    "x": "X",
    "linkedin": "LinkedIn",
    "slack": "Slack",
    "whatsapp": "WhatsApp",
    "discord": "Discord",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "threads": "Threads",
    "telegram": "Telegram",
}

# Characters of title and description each platform shows before cutting with an ellipsis
# (None: no cut is known; the template still clamps to the platform's lines). One table, with
# its sources: checker/social/platforms.py.
LIMITS: dict[str, Limits] = {p.name: p.limits for p in SOCIAL_PLATFORMS}

# Picture sizes in the report (pixels of the JPEG).
WIDE_RATIO = 1.91  # Facebook, LinkedIn, X's large card: 1200x628, cropped around the centre
WIDE_WIDTH = 500
SQUARE_SIDE = 160  # X's summary card, Slack's and WhatsApp's thumbnails: a centred square
DISCORD_MAX = (400, 300)  # Discord shows the whole image, scaled to fit 400x300
DISCORD_THUMB = 80  # and a small one, whole, in an 80x80 box
JPEG_QUALITY = 82

LARGE_CARD = "summary_large_image"
# What each platform shows for a page without a share image.
NO_IMAGE = {
    "facebook": "No image: a text-only card, easy to scroll past.",
    "x": "No image: X shows a grey placeholder.",
    "linkedin": "No image: a text-only card.",
    "slack": "No image: text only.",
    "whatsapp": "No image: text only.",
    "discord": "No image: text only.",
    "bluesky": "No image: a text-only card.",
    "mastodon": "No image: Mastodon shows a page icon where the picture goes.",
    "threads": "No image: a text-only card.",
    "telegram": "No image: text only.",
}
# Platforms whose card shows a large picture only for an image wider than high, a small
# thumbnail otherwise (Mastodon's card.tsx; Telegram observed: checker/social/platforms.py).
LANDSCAPE_LARGE = frozenset({"mastodon", "telegram"})
# The shape of the large picture (1.91:1, cropped to fill) on the platforms that always show it.
ALWAYS_WIDE = frozenset({"facebook", "linkedin", "bluesky", "threads"})
# The details key under which a result records, per platform, why its crawler got nothing
# to build a card from (the crawler-visibility audit's, found by the key, not by the id).
NO_PREVIEW = "no_preview"
NO_CARD_LAYOUT = "none"  # a platform shows the bare link, no card
# Discord's embed bar when the page gives no usable theme-color (its dark theme's default).
DISCORD_DEFAULT_ACCENT = "#1e1f22"

_HEX = r"#(?:[0-9a-f]{3}|[0-9a-f]{6})"
_BYTE = r"\s*(?:25[0-5]|2[0-4]\d|1\d\d|\d?\d)\s*"
_RGB = rf"rgb\({_BYTE},{_BYTE},{_BYTE}\)"
_COLOUR = re.compile(rf"(?:{_HEX}|{_RGB})\Z", re.IGNORECASE)
# The CSS named colours (CSS Color Module Level 4), no keywords like inherit or currentcolor.
_NAMED = """aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
    blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk
    crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
    darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
    darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
    dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite
    gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki
    lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
    lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen
    magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen
    mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
    mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
    palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
    powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown
    seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
    steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow
    yellowgreen"""
NAMED_COLOURS = frozenset(_NAMED.split())


@dataclass(frozen=True)
class CardImage:
    src: str  # a data: URL of a JPEG
    width: int
    height: int


@dataclass(frozen=True)
class CardView:
    """One platform's card, ready to lay out: texts already cut, picture already cropped."""

    platform: str  # "facebook", "x"...: the CSS class of its mock-up
    name: str  # "Facebook"
    layout: str  # "large" (picture above the text), "small" (thumbnail beside it), "text"
    title: str
    description: str | None
    site_name: str | None
    domain: str  # "example.com", as the cards show where a link leads
    href: str | None  # the shared URL, when it may be a link
    image: CardImage | None
    accent: str | None = None  # Discord's bar: a colour that passed safe_colour
    creator: str | None = None  # Mastodon's "More from @user@instance", a well-formed handle
    notes: list[str] = field(default_factory=list)


def preview_cards(page: PageResult) -> list[CardView]:
    """The cards of an audited page, in platform order; none when it has no resolved previews."""
    previews = page.metadata.get("preview")
    if page.status != "ok" or not isinstance(previews, Mapping):
        return []
    page_url = page.final_url or page.url
    pictures = _Pictures(page.share_thumbnails)
    # The page asks for a large image (twitter:card = summary_large_image): X and Discord
    # say so in their previews; Slack reads the same tag.
    page_large = _large(_get(previews, "x"))
    unreached = crawlers_without_page(page)
    cards = []
    for platform in PLATFORMS:
        preview = _get(previews, platform)
        if platform in unreached:
            cards.append(no_card_view(platform, page_url, unreached[platform]))
        elif preview:
            large = page_large if platform == "slack" else _large(preview)
            cards.append(card_view(platform, preview, page_url, pictures, large))
    return cards


def crawlers_without_page(page: PageResult) -> dict[str, str]:
    """platform -> why its crawler got nothing to build a card from ("got no answer (timed
    out)"), as a result's details recorded it on any device (the crawlers' fetch is one per
    page)."""
    for device in page.devices:
        for result in device.audits.values():
            reasons = result.details.get(NO_PREVIEW) if isinstance(result.details, dict) else None
            if isinstance(reasons, Mapping):
                return {k: v for k, v in reasons.items() if k in PLATFORMS and isinstance(v, str)}
    return {}


def no_card_view(platform: str, page_url: str, reason: str) -> CardView:
    """What a platform shows when its crawler got nothing: the shared address alone."""
    name = PLATFORMS[platform]
    return CardView(
        platform=platform,
        name=name,
        layout=NO_CARD_LAYOUT,
        title=page_url,
        description=None,
        site_name=None,
        domain=display_domain(page_url),
        href=safe_href(page_url),
        image=None,
        notes=[f"{name}'s crawler {reason}: {name} shows no preview, only the link."],
    )


def _large(preview: Mapping[str, Any]) -> bool:
    large = preview.get("large_image")
    if isinstance(large, bool):
        return large
    return _text(preview.get("card")) == LARGE_CARD


def card_view(
    platform: str,
    preview: Mapping[str, Any],
    page_url: str,
    pictures: _Pictures,
    large_card: bool,
) -> CardView:
    """One platform's card. `large_card`: the page asks for a large image (twitter:card =
    summary_large_image), which X, Slack and Discord honour; Facebook and LinkedIn always show
    a wide picture, WhatsApp a square thumbnail."""
    limits = LIMITS[platform]
    notes: list[str] = []
    creator = _mastodon_creator(preview, notes) if platform == "mastodon" else None
    url = _text(preview.get("url")) or page_url
    domain = display_domain(url) or display_domain(page_url)
    title = _text(preview.get("title"))
    description = _text(preview.get("description"))
    if not title:
        notes.append("No title: the platform shows the address instead.")
        title = url
    shown_title = truncate(title, limits.title)
    if shown_title != _squash(title):
        notes.append(f"Title cut at {limits.title} characters.")
    shown_description = truncate(description, limits.description) if description else None
    if platform == "linkedin":
        shown_description = None  # the feed shows no description
    elif platform == "x" and large_card:
        shown_description = None  # the large card shows the image and its title only
    elif platform == "mastodon" and creator:
        shown_description = None  # the credit takes the description's place (card.tsx)
    elif description and shown_description != _squash(description):
        notes.append(f"Description cut at {limits.description} characters.")

    image_url = _text(preview.get("image"))
    if platform in LANDSCAPE_LARGE:
        large_card = pictures.landscape(image_url) if image_url else False
    shape = _shape(platform, large_card)
    image = pictures.get(image_url, shape) if image_url else None
    if image_url and image is None:
        notes.append("The image could not be fetched or read: the card shows none.")
    elif not image_url:
        notes.append(NO_IMAGE[platform])
    layout = _layout(platform, shape, image is not None)
    accent = None
    if platform == "discord":
        accent = safe_colour(_text(preview.get("theme_color"))) or DISCORD_DEFAULT_ACCENT
    return CardView(
        platform=platform,
        name=PLATFORMS[platform],
        layout=layout,
        title=shown_title,
        description=shown_description,
        site_name=_text(preview.get("site_name")),
        domain=domain,
        href=safe_href(url),
        image=image,
        accent=accent,
        creator=creator,
        notes=notes,
    )


def _mastodon_creator(preview: Mapping[str, Any], notes: list[str]) -> str | None:
    """The handle Mastodon's card credits ("More from @user@instance"), with a note of what it
    needs; None (and a note why) when fediverse:creator is absent or Mastodon cannot use it."""
    raw = _text(preview.get("creator"))
    if raw is None:
        return None
    problem = creator_problem(raw)
    creator = read_creator(raw)
    if problem or creator is None:
        notes.append(problem or "fediverse:creator credits nobody.")
        return None
    notes.append(
        f"Mastodon shows this credit only if {creator.handle}'s profile lists this site's"
        " domain under Author attribution (Settings, Public profile, Verification); otherwise"
        " it shows the description and no credit."
    )
    return creator.handle


def truncate(text: str | None, limit: int | None) -> str:
    """The text with its runs of white space made one space, cut to at most `limit` characters
    with an ellipsis (at a word's end when one is near), as the platforms cut it."""
    squashed = _squash(text)
    if limit is None or len(squashed) <= limit:
        return squashed
    cut = squashed[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.7:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def safe_colour(value: str | None) -> str | None:
    """The colour if it is a plain #rgb, #rrggbb, rgb(r, g, b) or named CSS colour, lower-cased;
    None for anything else (what a hostile page puts in theme-color must not reach a style)."""
    if not value:
        return None
    colour = value.strip().lower()
    if _COLOUR.match(colour) or colour in NAMED_COLOURS:
        return colour
    return None


def display_domain(url: str | None) -> str:
    """The host a card shows, without "www."."""
    if not url:
        return ""
    return host_of(url).removeprefix("www.")


def crop(data: bytes, shape: str) -> CardImage | None:
    """The picture as the platform shows it: "wide" cropped to 1.91:1 around the centre,
    "square" to 1:1, "fit" and "fit-thumb" whole, scaled into Discord's boxes. None when the
    data is not an image Pillow reads."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = opened.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    width, height = image.size
    if width < 1 or height < 1:
        return None
    if shape == "wide":
        image = _centre_crop(image, WIDE_RATIO)
        image = image.resize((WIDE_WIDTH, round(WIDE_WIDTH / WIDE_RATIO)), Image.LANCZOS)
    elif shape == "square":
        image = _centre_crop(image, 1.0)
        image = image.resize((SQUARE_SIDE, SQUARE_SIDE), Image.LANCZOS)
    else:
        box = DISCORD_MAX if shape == "fit" else (DISCORD_THUMB * 2, DISCORD_THUMB * 2)
        image.thumbnail(box, Image.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    src = "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")
    return CardImage(src=src, width=image.width, height=image.height)


class _Pictures:
    """The page's share images, cropped once per shape."""

    def __init__(self, thumbnails: Mapping[str, bytes]) -> None:
        self._thumbnails = thumbnails
        self._done: dict[tuple[str, str], CardImage | None] = {}

    def landscape(self, url: str) -> bool:
        """The image is wider than high (Mastodon's test for a large picture); False when it
        was not fetched or cannot be read."""
        data = self._thumbnails.get(url)
        if not data:
            return False
        try:
            with Image.open(io.BytesIO(data)) as opened:
                width, height = opened.size
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            return False
        return width > height

    def get(self, url: str, shape: str) -> CardImage | None:
        key = (url, shape)
        if key not in self._done:
            data = self._thumbnails.get(url)
            self._done[key] = crop(data, shape) if data else None
        return self._done[key]


def _shape(platform: str, large_card: bool) -> str:
    if platform in ALWAYS_WIDE:
        return "wide"
    if platform == "whatsapp":
        return "square"
    if platform == "discord":
        return "fit" if large_card else "fit-thumb"
    return "wide" if large_card else "square"  # X, Slack, Mastodon, Telegram


def _layout(platform: str, shape: str, has_image: bool) -> str:
    if platform in ("x", "mastodon") and not has_image:
        return "small"  # a summary card with a placeholder where the image goes
    if shape in ("wide", "fit"):
        return "large" if has_image else "text"
    return "small" if has_image else "text"


def _centre_crop(image: Image.Image, ratio: float) -> Image.Image:
    width, height = image.size
    if width / height > ratio:
        new_width = max(1, round(height * ratio))
        left = (width - new_width) // 2
        return image.crop((left, 0, left + new_width, height))
    new_height = max(1, round(width / ratio))
    top = (height - new_height) // 2
    return image.crop((0, top, width, top + new_height))


def _get(previews: Mapping[str, Any], platform: str) -> Mapping[str, Any]:
    value = previews.get(platform)
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())
