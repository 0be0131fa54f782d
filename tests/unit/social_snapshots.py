"""Builders for the social audits' unit tests: a saved snapshot given server HTML, a rendered
head and crawler facts (the saved snapshots have neither HTML nor social facts)."""

from __future__ import annotations

import dataclasses

from checker.gather.htmlhead import parse_head
from checker.model.snapshot import PageSnapshot
from checker.model.social_facts import CrawlerView, FetchedImage, SocialFacts, UrlCheck

PAGE_URL = "https://example.com/coffee/"
CRAWLER_NAMES = ("facebook", "x", "linkedin", "slack", "whatsapp", "discord")

COMPLETE_HEAD = f"""
<title>Harbor &amp; Pine Coffee: small-batch roasts</title>
<meta name="description" content="Single-origin beans roasted every Tuesday.">
<meta property="og:title" content="Harbor &amp; Pine Coffee">
<meta property="og:type" content="website">
<meta property="og:url" content="{PAGE_URL}">
<meta property="og:image" content="https://example.com/share.jpg">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="Our logo">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="{PAGE_URL}">
<link rel="icon" href="/favicon.png">
<link rel="apple-touch-icon" href="/apple-touch-icon.png">
<link rel="manifest" href="/manifest.json">
<meta name="theme-color" content="#145aa0">
"""


def html_page(head: str, body: str = "<h1>Coffee</h1>") -> str:
    return f"<!doctype html><html lang='en'><head>{head}</head><body>{body}</body></html>"


def image(role: str = "og:image", **changes: object) -> FetchedImage:
    """A fetched share image that meets every platform's rules, with `changes`."""
    facts = {
        "role": role, "url": "https://example.com/share.jpg",
        "final_url": "https://example.com/share.jpg", "status": 200,
        "content_type": "image/jpeg", "bytes": 80_000, "width": 1200, "height": 630,
        "format": "JPEG",
    }  # fmt: skip
    return FetchedImage(**{**facts, **changes})  # type: ignore[arg-type]


def crawler_views(html: str, **changes: object) -> list[CrawlerView]:
    head = parse_head(html)
    return [
        CrawlerView(
            **{
                "crawler": name, "user_agent": f"{name}-bot", "url": PAGE_URL,
                "final_url": PAGE_URL, "status": 200, "headers": {}, "head": head,
                "html_bytes": len(html.encode()), "robots_allowed": True, **changes,
            }  # type: ignore[arg-type]
        )
        for name in CRAWLER_NAMES
    ]  # fmt: skip


def social(html: str, **changes: object) -> SocialFacts:
    """Crawler facts for a page whose crawlers all get `html` and whose images are fine."""
    facts = {
        "crawlers": crawler_views(html),
        "images": [image()],
        "canonical": UrlCheck(PAGE_URL, 200),
    }
    return SocialFacts(**{**facts, **changes})  # type: ignore[arg-type]


def snapshot(
    saved: PageSnapshot,
    html: str,
    *,
    rendered_html: str | None = None,
    facts: SocialFacts | None = None,
    url: str = PAGE_URL,
) -> PageSnapshot:
    """`saved` re-dressed as the page at `url` whose server sent `html`."""
    document = dataclasses.replace(saved.document, url=url, html=html, headers={})
    dom = dataclasses.replace(saved.dom, head=parse_head(rendered_html or html))
    return dataclasses.replace(
        saved,
        url=url,
        final_url=url,
        document=document,
        server_head=parse_head(html),
        dom=dom,
        social=facts,
    )
