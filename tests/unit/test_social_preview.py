"""resolve_previews: each platform's fallbacks, on small HTML strings."""

from __future__ import annotations

import json

from checker.model.serde import to_data
from checker.social.metadata import extract_metadata
from checker.social.platforms import (
    CANONICAL,
    DESCRIPTION,
    FEDIVERSE_CREATOR,
    JSONLD_DESCRIPTION,
    JSONLD_HEADLINE,
    JSONLD_PUBLISHER,
    PAGE_URL,
    PLATFORM_NAMES,
    PLATFORMS,
    THEME_COLOR,
    TITLE,
    platform,
)
from checker.social.preview import Preview, resolve_previews

PAGE = "https://example.com/news/story.html"

FULL = """
<title>HTML title</title>
<meta name="description" content="HTML description">
<link rel="canonical" href="/news/canonical.html">
<meta property="og:title" content="OG title">
<meta property="og:description" content="OG description">
<meta property="og:image" content="/og.jpg">
<meta property="og:site_name" content="Daily">
<meta property="og:url" content="https://example.com/news/og-url.html">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@daily">
<meta name="twitter:title" content="Twitter title">
<meta name="twitter:description" content="Twitter description">
<meta name="twitter:image" content="https://img.example.com/tw.jpg">
<meta name="theme-color" content="#123456">
"""


def previews(head: str, page_url: str = PAGE) -> dict[str, Preview]:
    html = f"<html><head>{head}</head><body></body></html>"
    return resolve_previews(extract_metadata(html, page_url), page_url)


def texts(preview: Preview) -> tuple[str | None, str | None, str | None]:
    return preview.title, preview.description, preview.image


def test_every_platform_gets_a_preview():
    assert tuple(previews(FULL)) == PLATFORM_NAMES
    assert PLATFORM_NAMES == (
        "facebook", "x", "linkedin", "slack", "whatsapp", "discord",
        "bluesky", "mastodon", "threads", "telegram",
    )  # fmt: skip


def test_open_graph_platforms_read_og_tags_first():
    p = previews(FULL)
    for name in ("facebook", "linkedin", "whatsapp", "discord"):
        assert texts(p[name]) == ("OG title", "OG description", "https://example.com/og.jpg")
        assert p[name].site_name == "Daily"
        assert p[name].url == "https://example.com/news/og-url.html"


def test_x_reads_twitter_tags_first():
    x = previews(FULL)["x"]
    assert texts(x) == ("Twitter title", "Twitter description", "https://img.example.com/tw.jpg")
    assert (x.site_name, x.url, x.card, x.large_image) == (
        "@daily",
        PAGE,
        "summary_large_image",
        True,
    )
    assert x.sources["title"] == "twitter:title"


def test_x_falls_back_to_open_graph_and_a_summary_card():
    x = previews(
        '<title>T</title><meta property="og:title" content="OG">'
        '<meta property="og:description" content="D"><meta property="og:image" content="/i.png">'
    )["x"]
    assert texts(x) == ("OG", "D", "https://example.com/i.png")
    assert (x.card, x.large_image, x.sources["card"]) == ("summary", False, "default")


def test_x_does_not_use_the_html_title_or_description():
    x = previews('<title>T</title><meta name="description" content="D">')["x"]
    assert (x.title, x.description) == (None, None)


def test_x_reads_the_old_twitter_image_src_and_the_last_card():
    x = previews(
        '<meta name="twitter:card" content="summary">'
        '<meta name="twitter:image:src" content="/a.png">'
        '<meta name="twitter:card" content="summary_large_image">'
        '<meta property="og:image" content="/b.png">'
    )["x"]
    assert (x.image, x.card, x.large_image) == (
        "https://example.com/a.png",
        "summary_large_image",
        True,
    )


def test_facebook_and_linkedin_fall_back_to_title_and_description():
    p = previews(
        '<title> HTML\n title </title><meta name="description" content="HTML description">'
    )
    for name in ("facebook", "linkedin"):
        assert (p[name].title, p[name].description) == ("HTML title", "HTML description")
        assert p[name].sources == {"title": TITLE, "description": DESCRIPTION, "url": PAGE_URL}


def test_facebook_url_falls_back_to_the_canonical_then_the_page():
    with_canonical = previews('<link rel="canonical" href="/news/canonical.html">')
    assert with_canonical["facebook"].url == "https://example.com/news/canonical.html"
    assert with_canonical["facebook"].sources["url"] == CANONICAL
    assert with_canonical["linkedin"].url == PAGE  # LinkedIn: og:url, else the shared address
    assert previews("")["facebook"].url == PAGE


def test_whatsapp_reads_open_graph_only():
    w = previews(
        '<title>T</title><meta name="description" content="D">'
        '<meta name="twitter:title" content="TT">'
    )["whatsapp"]
    assert (w.title, w.description, w.image) == (None, None, None)


def test_slack_takes_whichever_of_og_and_twitter_comes_first():
    twitter_first = previews(
        '<meta name="twitter:title" content="TW"><meta property="og:title" content="OG">'
        '<meta property="og:description" content="OGD">'
        '<meta name="twitter:description" content="TWD">'
    )["slack"]
    assert (twitter_first.title, twitter_first.description) == ("TW", "OGD")
    assert twitter_first.sources["title"] == "twitter:title"


def test_slack_falls_back_to_title_and_description():
    s = previews('<title>T</title><meta name="description" content="D">')["slack"]
    assert (s.title, s.description) == ("T", "D")


def test_discord_reads_og_then_twitter_and_colours_the_embed_with_the_theme():
    d = previews(
        '<meta name="twitter:title" content="TW"><meta name="twitter:image" content="/tw.png">'
        '<meta name="theme-color" content="#abcdef" media="(prefers-color-scheme: light)">'
        '<meta name="theme-color" content="#000">'
    )["discord"]
    assert (d.title, d.image) == ("TW", "https://example.com/tw.png")
    assert (d.theme_color, d.sources["theme_color"]) == ("#abcdef", THEME_COLOR)
    assert (d.card, d.large_image) == (None, False)


def test_discord_shows_a_large_image_only_with_summary_large_image():
    assert previews(FULL)["discord"].large_image is True
    small = previews(
        '<meta name="twitter:card" content="summary"><meta property="og:image" content="/i.png">'
    )
    assert small["discord"].large_image is False
    assert small["facebook"].large_image is None  # no such switch


def test_empty_tags_count_as_missing():
    p = previews(
        '<title>T</title><meta property="og:title" content="  ">'
        '<meta name="twitter:title" content="">'
    )
    assert p["facebook"].title == "T"
    assert p["x"].title is None


def test_tag_keys_match_whatever_their_case():
    p = previews('<meta property="OG:Title" content="Loud">')
    assert p["facebook"].title == "Loud"


def test_texts_are_whole_with_whitespace_collapsed():
    long_title = "word " * 100
    f = previews(f'<meta property="og:title" content="  {long_title}\n">')["facebook"]
    assert f.title == long_title.strip()
    assert len(f.title) > (platform("facebook").limits.title or 0)


def test_images_and_urls_resolve_against_the_page():
    p = previews(
        '<meta property="og:image" content="//cdn.example.net/a.jpg">'
        '<meta property="og:url" content="story.html?x=1">'
    )
    assert p["facebook"].image == "https://cdn.example.net/a.jpg"
    assert p["facebook"].url == "https://example.com/news/story.html?x=1"


def test_the_first_og_image_wins():
    p = previews(
        '<meta property="og:image" content=""><meta property="og:image" content="/1.jpg">'
        '<meta property="og:image" content="/2.jpg">'
    )
    assert p["facebook"].image == "https://example.com/1.jpg"


def test_og_image_url_stands_in_for_og_image():
    p = previews('<meta property="og:image:url" content="https://example.com/u.jpg">')
    assert p["linkedin"].image == "https://example.com/u.jpg"


def test_a_plain_http_image_is_replaced_by_its_secure_url():
    p = previews(
        '<meta property="og:image" content="http://example.com/a.jpg">'
        '<meta property="og:image:secure_url" content="https://example.com/a.jpg">'
    )
    assert p["facebook"].image == "https://example.com/a.jpg"
    assert p["facebook"].sources["image"] == "og:image:secure_url"


def test_a_secure_url_of_another_image_is_not_used():
    p = previews(
        '<meta property="og:image" content="http://example.com/a.jpg">'
        '<meta property="og:image" content="http://example.com/b.jpg">'
        '<meta property="og:image:secure_url" content="https://example.com/b.jpg">'
    )
    assert p["facebook"].image == "http://example.com/a.jpg"


def test_a_secure_url_alone_is_used():
    p = previews('<meta property="og:image:secure_url" content="https://example.com/s.jpg">')
    assert p["whatsapp"].image == "https://example.com/s.jpg"


def test_an_empty_page_gives_empty_previews_with_the_shared_address():
    for preview in previews("").values():
        assert texts(preview) == (None, None, None)
        assert preview.url == PAGE


def test_previews_serialise_to_json():
    data = json.loads(json.dumps(to_data(previews(FULL))))
    assert data["x"]["card"] == "summary_large_image"
    assert data["discord"]["theme_color"] == "#123456"


def test_the_platform_table_cites_sources_and_uses_known_steps():
    page_steps = {TITLE, DESCRIPTION, CANONICAL, PAGE_URL, THEME_COLOR, JSONLD_HEADLINE,
                  JSONLD_DESCRIPTION, JSONLD_PUBLISHER, FEDIVERSE_CREATOR}  # fmt: skip
    for p in PLATFORMS:
        assert p.sources and all(s.strip() for s in p.sources), p.name
        assert p.limits.source, p.name
        chains = (p.title, p.description, p.image, p.site_name, p.url, p.card, p.theme_color,
                  p.creator)  # fmt: skip
        for step in (s for chain in chains for s in chain):
            keys = step if isinstance(step, tuple) else (step,)
            for key in keys:
                assert key in page_steps or key.startswith(("og:", "twitter:")), (p.name, key)


# --- Bluesky, Mastodon, Threads, Telegram ------------------------------------------------------

NEWER = """
<title>HTML title</title>
<meta name="description" content="HTML description">
<meta property="og:title" content="OG title">
<meta property="og:description" content="OG description">
<meta property="og:image" content="https://example.com/wide-1600x900.jpg">
<meta property="og:image:width" content="1600">
<meta property="og:image:height" content="900">
<meta property="og:site_name" content="Daily">
<meta name="twitter:title" content="Twitter title">
<meta name="twitter:image" content="https://img.example.com/tw.jpg">
<meta name="fediverse:creator" content="@ann@example.social">
"""


def test_the_four_newer_platforms_read_og_tags_and_only_mastodon_credits_the_author():
    p = previews(NEWER)
    wide = "https://example.com/wide-1600x900.jpg"
    for name in ("bluesky", "mastodon", "threads", "telegram"):
        assert texts(p[name]) == ("OG title", "OG description", wide), name
        assert p[name].sources["title"] == "og:title"
    assert p["mastodon"].creator == "@ann@example.social"
    assert p["mastodon"].sources["creator"] == FEDIVERSE_CREATOR
    assert [n for n, preview in p.items() if preview.creator] == ["mastodon"]
    assert p["bluesky"].site_name is None  # Bluesky's card names the domain only
    assert p["telegram"].site_name == p["threads"].site_name == "Daily"


def test_bluesky_and_telegram_fall_back_to_twitter_tags_mastodon_and_threads_do_not():
    p = previews(
        '<title>HTML title</title><meta name="twitter:title" content="Twitter title">'
        '<meta name="twitter:description" content="TD">'
        '<meta name="twitter:image" content="/tw.png">'
    )
    for name in ("bluesky", "telegram"):
        assert texts(p[name]) == ("Twitter title", "TD", "https://example.com/tw.png"), name
    for name in ("mastodon", "threads"):
        assert texts(p[name]) == ("HTML title", None, None), name


def test_mastodon_prefers_a_news_article_s_json_ld_and_reads_creator_as_written():
    p = previews(
        NEWER.replace('"@ann@example.social"', '" ann@example.social "')
        + '<script type="application/ld+json">{"@type": "WebSite", "headline": "Not read"}'
        "</script>"
        '<script type="application/ld+json">[{"@type": "NewsArticle", "headline": "LD title",'
        ' "description": "LD description", "publisher": [{"name": "LD Daily"}]}]</script>'
    )["mastodon"]
    assert (p.title, p.description, p.site_name) == ("LD title", "LD description", "LD Daily")
    assert p.sources["title"] == JSONLD_HEADLINE
    assert p.creator == "ann@example.social"  # stripped; checker/social/fediverse.py reads it


def test_mastodon_reads_the_first_fediverse_creator_only():
    p = previews(
        '<meta property="fediverse:creator" content="@first@one.example">'
        '<meta name="fediverse:creator" content="@second@two.example">'
    )["mastodon"]
    assert p.creator == "@first@one.example"
