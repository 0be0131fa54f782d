"""What link crawlers get: the page fetched with each platform's user agent, robots.txt, the
share images and icons measured with Pillow, the manifest, and where the canonical leads.
Gathered once per page; audits only judge these facts."""

from __future__ import annotations

import asyncio
import io
import json
import time
from collections.abc import Callable
from urllib.parse import urljoin

from PIL import Image, UnidentifiedImageError
from protego import Protego

from checker.gather.fetch import Fetched, absolute_url, fetch
from checker.gather.htmlhead import charset_of, decode_html, parse_head
from checker.gather.robots import MAX_ROBOTS_BYTES, read_robots
from checker.model.dom_facts import HeadFacts
from checker.model.social_facts import (
    CrawlerView,
    FetchedImage,
    ManifestFacts,
    SocialFacts,
    TextFile,
    UrlCheck,
)

# The user agents of the platforms' link crawlers (their documentation, where they publish
# one; WhatsApp's and Discord's as observed in server logs). Bluesky's CardyB as its staff gave
# it (https://github.com/bluesky-social/social-app/issues/6521, #6538; "W.X.Y.Z" is literal);
# Mastodon's from its code: "#{Mastodon::Version.user_agent} Bot" (FetchLinkCardService#html,
# lib/mastodon/version.rb; the version and the server are each instance's own, mastodon.social
# on 4.3 here); Threads is fetched by Meta's crawler, the same facebookexternalhit
# (observed: https://opengraphplus.com/consumers/threads/crawling); Telegram's observed in logs.
CRAWLERS = {
    "facebook": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "x": "Twitterbot/1.0",
    "linkedin": "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "slack": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "whatsapp": "WhatsApp/2",
    "discord": "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "bluesky": "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Bluesky"
    " Cardyb/1.1; +mailto:support@bsky.app) Chrome/W.X.Y.Z Safari/537.36",
    "mastodon": "http.rb/5.2.0 (Mastodon/4.3.0; +https://mastodon.social/) Bot",
    "threads": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "telegram": "TelegramBot (like TwitterBot)",
}
# The token each crawler looks for in robots.txt (Bluesky's and Telegram's observed:
# https://opengraphplus.com/consumers/bluesky/crawling, .../telegram/crawling). Mastodon reads
# no robots.txt for link cards (FetchLinkCardService fetches the page directly): its token is
# kept for the record and audits/social/crawler_visibility.py does not hold it against a page.
ROBOTS_TOKENS = {
    "facebook": "facebookexternalhit",
    "x": "Twitterbot",
    "linkedin": "LinkedInBot",
    "slack": "Slackbot",
    "whatsapp": "WhatsApp",
    "discord": "Discordbot",
    "bluesky": "BlueskyPreviewBot",
    "mastodon": "Mastodon",
    "threads": "facebookexternalhit",
    "telegram": "TelegramBot",
}
HTML_MAX_BYTES = 5_000_000
# Above every platform's limit (Facebook's 8 MB), so an oversized image is measured, not guessed.
IMAGE_MAX_BYTES = 16_000_000
SMALL_MAX_BYTES = 1_000_000  # robots.txt, manifests
# llms.txt is judged on its start (a title, a link, some substance): this much is kept.
LLMS_TXT_MAX_BYTES = 100_000
# Who asks for llms.txt: no platform's crawler, so readiness's own agent.
OWN_AGENT = "Mozilla/5.0 (compatible; readiness)"
FETCH_TIMEOUT_S = 10.0
# The crawlers' fetches, robots.txt and llms.txt go out together (12), then the images.
PARALLEL_FETCHES = 12
# All of it ends within this share of the page's timeout (the caller waits a little longer);
# a fetch started late still gets MIN_FETCH_S.
DEADLINE_SHARE = 0.9
MIN_FETCH_S = 0.5
THUMBNAIL_WIDTH = 600
# What iPhones ask of a home-screen icon (Apple's Human Interface Guidelines, app icons).
TOUCH_ICON_PX = 180
SHARE_IMAGE_ROLES = {
    "og:image": ("og:image", "og:image:url", "og:image:secure_url"),
    "twitter:image": ("twitter:image", "twitter:image:src"),
}
ICON_RELS = {
    "icon": ("icon", "shortcut icon"),
    "apple-touch-icon": ("apple-touch-icon", "apple-touch-icon-precomposed"),
}


async def gather_social(
    page_url: str,
    document_head: HeadFacts,
    *,
    timeout_s: float,
    is_blocked: Callable[[str], bool] | None,
    verify_tls: bool = True,
    ai_want: str = "either",
) -> SocialFacts:
    limit = asyncio.Semaphore(PARALLEL_FETCHES)
    # One deadline for every fetch, so a server that holds each request open costs the page's
    # timeout once, not once per wave of fetches: what arrived by then is kept, the rest are
    # timeouts the audits name (a crawler that got no answer).
    deadline = time.monotonic() + timeout_s * DEADLINE_SHARE

    def fetch_by_deadline(url: str, agent: str, max_bytes: int, follow: bool) -> Fetched:
        # Timed from when a worker thread takes it up, not from when it was queued.
        left = max(MIN_FETCH_S, deadline - time.monotonic())
        return fetch(
            url,
            agent,
            max_bytes=max_bytes,
            follow_redirects=follow,
            timeout_s=min(FETCH_TIMEOUT_S, left),
            is_blocked=is_blocked,
            verify_tls=verify_tls,
        )

    async def get(url: str, agent: str, max_bytes: int, follow: bool = True) -> Fetched:
        async with limit:
            return await asyncio.to_thread(fetch_by_deadline, url, agent, max_bytes, follow)

    robots_url = urljoin(page_url, "/robots.txt")
    robots, llms_txt, *pages = await asyncio.gather(
        get(robots_url, CRAWLERS["facebook"], SMALL_MAX_BYTES),
        get(urljoin(page_url, "/llms.txt"), OWN_AGENT, LLMS_TXT_MAX_BYTES),
        *(get(page_url, agent, HTML_MAX_BYTES) for agent in CRAWLERS.values()),
    )
    rules = _robots_rules(robots)
    crawlers = [
        _crawler_view(name, agent, fetched, rules, page_url)
        for (name, agent), fetched in zip(CRAWLERS.items(), pages, strict=True)
    ]
    facebook = crawlers[0]
    head = facebook.head if facebook.head is not None and facebook.status == 200 else None
    head = head or document_head
    base = facebook.final_url if head is facebook.head else page_url

    wanted = _image_urls(head, base)
    manifest_link = _first_link(head, ("manifest",))
    canonical_link = _first_link(head, ("canonical",))
    manifest_url = absolute_url(base, manifest_link)
    canonical_url = absolute_url(base, canonical_link)
    manifest_fetch, canonical_fetch, *image_fetches = await asyncio.gather(
        get(manifest_url, CRAWLERS["facebook"], SMALL_MAX_BYTES) if manifest_url else _nothing(),
        get(canonical_url, CRAWLERS["facebook"], SMALL_MAX_BYTES, follow=False)
        if canonical_url else _nothing(),
        *(get(url, CRAWLERS["facebook"], IMAGE_MAX_BYTES) for url in dict.fromkeys(
            url for _, url in wanted)),
    )  # fmt: skip
    measured = dict(zip(dict.fromkeys(url for _, url in wanted), image_fetches, strict=True))
    manifest = _manifest(manifest_fetch) if manifest_fetch else None
    images = [_measure(role, measured[url], thumbnail=role in SHARE_IMAGE_ROLES)
              for role, url in wanted]  # fmt: skip
    if manifest is not None:
        icon_urls = _manifest_icon_urls(manifest)
        fetched = await asyncio.gather(*(get(u, CRAWLERS["facebook"], IMAGE_MAX_BYTES)
                                         for u in icon_urls))  # fmt: skip
        images += [_measure("manifest-icon", f, thumbnail=False) for f in fetched]
    return SocialFacts(
        crawlers=crawlers,
        images=images,
        manifest=manifest,
        canonical=_url_check(canonical_fetch) if canonical_fetch else None,
        robots_txt=_url_check(robots),
        robots_text=_robots_text(robots),
        llms_txt=_text_file(llms_txt),
        ai_want=ai_want,
    )


async def _nothing() -> None:
    return None


def _crawler_view(
    name: str,
    agent: str,
    fetched: Fetched,
    rules: Protego | None,
    page_url: str,
) -> CrawlerView:
    head = None
    if fetched.status is not None and fetched.body:
        charset = charset_of(fetched.headers.get("content-type", ""))
        head = parse_head(decode_html(fetched.body, charset))
    return CrawlerView(
        crawler=name,
        user_agent=agent,
        url=fetched.url,
        final_url=fetched.final_url,
        status=fetched.status,
        headers=fetched.headers,
        redirects=fetched.redirects,
        error=fetched.error,
        head=head,
        html_bytes=len(fetched.body),
        robots_allowed=rules.can_fetch(page_url, ROBOTS_TOKENS[name]) if rules else None,
    )


def _robots_rules(fetched: Fetched) -> Protego | None:
    """robots.txt read as the crawl reads it (checker/gather/robots.py: Protego, Google's
    wildcards and longest match, its 500 KiB cap), so the two never disagree on one file.
    None when crawlers would back off (a server error, 429, no answer): we cannot say."""
    robots = read_robots(fetched)
    if robots.note is not None:
        return None
    return robots.rules if robots.rules is not None else Protego.parse("")


def _robots_text(fetched: Fetched) -> str | None:
    if fetched.status is None or not 200 <= fetched.status < 300:
        return None
    return fetched.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace").removeprefix("\ufeff")


def _text_file(fetched: Fetched) -> TextFile:
    text = fetched.body.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return TextFile(
        url=fetched.final_url or fetched.url,
        status=fetched.status,
        text=text if fetched.status is not None else "",
        content_type=fetched.headers.get("content-type"),
        truncated=fetched.truncated,
        error=fetched.error,
    )


def _image_urls(head: HeadFacts, base: str) -> list[tuple[str, str]]:
    """(role, absolute URL) of the share images and icons, first of each role."""
    found: list[tuple[str, str]] = []
    for role, keys in SHARE_IMAGE_ROLES.items():
        for meta in head.metas:
            key = (meta.attr("property") or meta.attr("name") or "").strip().lower()
            value = (meta.attr("content") or meta.attr("value") or "").strip()
            if key in keys and value:
                # A URL no client could follow (an unclosed IPv6 bracket) is left unfetched.
                url = absolute_url(base, value)
                if url:
                    found.append((role, url))
                break
    for role, rels in ICON_RELS.items():
        chosen = _touch_icon(head, rels) if role == "apple-touch-icon" else _first_link(head, rels)
        href = absolute_url(base, chosen)
        if href:
            found.append((role, href))
        elif role == "icon":
            # Browsers and crawlers fall back to /favicon.ico.
            found.append((role, urljoin(base, "/favicon.ico")))
    return found


def _first_link(head: HeadFacts, rels: tuple[str, ...]) -> str | None:
    return next((href for href, _ in _links(head, rels)), None)


def _links(head: HeadFacts, rels: tuple[str, ...]) -> list[tuple[str, str]]:
    """(href, sizes) of the links with one of `rels`, in document order."""
    found = []
    for link in head.links:
        rel = " ".join((link.attr("rel") or "").lower().split())
        href = (link.attr("href") or "").strip()
        if href and (rel in rels or any(r in rel.split() for r in rels if " " not in r)):
            found.append((href, (link.attr("sizes") or "").strip().lower()))
    return found


def _touch_icon(head: HeadFacts, rels: tuple[str, ...]) -> str | None:
    """The apple-touch-icon an iPhone uses, as Apple documents the choice: the one of the
    recommended size (180 px), else the smallest larger one, else the largest; a link without
    `sizes` only when no link declares one. Sites list 57 px icons first for old devices."""
    links = _links(head, rels)
    sized = [(side, href) for href, sizes in links if (side := _declared_side(sizes))]
    if not sized:
        return links[0][0] if links else None
    large_enough = [(side, href) for side, href in sized if side >= TOUCH_ICON_PX]
    best = min(large_enough, key=_side) if large_enough else max(sized, key=_side)
    return best[1]


def _side(sized: tuple[int, str]) -> int:
    return sized[0]


def _declared_side(sizes: str) -> int | None:
    """The smaller side of the first "WxH" in a `sizes` attribute, or None."""
    for size in sizes.split():
        width, _, height = size.partition("x")
        if width.isdigit() and height.isdigit():
            return min(int(width), int(height))
    return None


def _measure(role: str, fetched: Fetched, *, thumbnail: bool) -> FetchedImage:
    content_type = fetched.headers.get("content-type")
    base = {
        "role": role, "url": fetched.url, "final_url": fetched.final_url,
        "status": fetched.status, "content_type": content_type, "bytes": len(fetched.body),
        "truncated": fetched.truncated, "error": fetched.error,
    }  # fmt: skip
    if fetched.status != 200 or not fetched.body:
        return FetchedImage(**base)
    if "svg" in (content_type or "").lower() or fetched.body.lstrip()[:5] in (b"<svg ", b"<?xml"):
        return FetchedImage(**base, format="SVG")
    if fetched.truncated:
        return FetchedImage(**base)
    try:
        with Image.open(io.BytesIO(fetched.body)) as image:
            width, height = image.size
            measured = FetchedImage(
                **base,
                width=width,
                height=height,
                format=image.format,
                animated=bool(getattr(image, "is_animated", False)),
                thumbnail=_thumbnail(image) if thumbnail else None,
            )
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        return FetchedImage(**{**base, "error": f"not an image Pillow can read: {exc}"[:200]})
    return measured


def _thumbnail(image: Image.Image) -> bytes:
    copy = image.convert("RGB")
    copy.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 4))
    out = io.BytesIO()
    copy.save(out, format="JPEG", quality=75)
    return out.getvalue()


def _manifest(fetched: Fetched) -> ManifestFacts:
    if fetched.status != 200:
        return ManifestFacts(fetched.final_url, fetched.status, fetched.error or "not found")
    try:
        data = json.loads(fetched.body.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        return ManifestFacts(fetched.final_url, fetched.status, f"invalid JSON: {exc}")
    if not isinstance(data, dict):
        return ManifestFacts(fetched.final_url, fetched.status, "not a JSON object")
    icons = [
        {k: str(v) for k, v in icon.items() if k in ("src", "sizes", "type", "purpose")}
        for icon in data.get("icons") or []
        if isinstance(icon, dict) and icon.get("src")
    ]
    return ManifestFacts(
        url=fetched.final_url,
        status=fetched.status,
        name=_text(data.get("name")),
        short_name=_text(data.get("short_name")),
        theme_color=_text(data.get("theme_color")),
        icons=[
            {**icon, "src": src}
            for icon in icons
            if (src := absolute_url(fetched.final_url, icon["src"]))
        ],
    )


def _manifest_icon_urls(manifest: ManifestFacts) -> list[str]:
    """The largest declared icons (the 192 and 512 px ones people need), at most four."""

    def largest(icon: dict[str, str]) -> int:
        sizes = [s.split("x")[0] for s in icon.get("sizes", "").lower().split()]
        return max((int(s) for s in sizes if s.isdigit()), default=0)

    ranked = sorted(manifest.icons, key=largest, reverse=True)
    return list(dict.fromkeys(icon["src"] for icon in ranked))[:4]


def _url_check(fetched: Fetched) -> UrlCheck:
    return UrlCheck(
        url=fetched.url,
        status=fetched.status,
        location=fetched.headers.get("location"),
        error=fetched.error,
    )


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
