"""The preview cards of the HTML report: texts cut and pictures cropped as each platform does,
and page data that can never run or style its way out of a card."""

from __future__ import annotations

import base64
import dataclasses
import io
import re
from typing import Any

import pytest
from PIL import Image

from checker.model.results import AuditResult, DeviceResult, PageResult, RunResult
from checker.report.html import render_html
from checker.report.previews import (
    ELLIPSIS,
    LIMITS,
    PLATFORMS,
    CardView,
    preview_cards,
    safe_colour,
    truncate,
)

IMAGE = "https://shop.example/share.jpg"
PAGE_URL = "https://shop.example/en/"


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, format="JPEG")
    return out.getvalue()


def previews(card: str = "summary_large_image", **overrides: Any) -> dict[str, dict[str, Any]]:
    """Resolved previews as checker.social.preview gives them, one entry per platform."""
    base = {
        "title": "Harbor & Pine Coffee Roasters",
        "description": "Small-batch coffee, roasted by the harbor every week.",
        "image": IMAGE,
        "site_name": "Harbor & Pine",
        "url": PAGE_URL,
    }
    base.update(overrides)
    result = {platform: dict(base) for platform in PLATFORMS}
    for platform in ("x", "discord"):
        result[platform]["card"] = card
        result[platform]["large_image"] = card == "summary_large_image"
    result["discord"]["theme_color"] = "#0a7d5c"
    return result


def page(
    preview: Any, thumbnails: dict[str, bytes] | None = None, status: str = "ok"
) -> PageResult:
    return PageResult(
        url=PAGE_URL,
        final_url=None,
        status=status,  # type: ignore[arg-type]
        error=None,
        scores={"overall": 90, "layout": 90, "speed": 90, "social": 90},
        metadata={"title": "Harbor", "description": None, "preview": preview},
        devices=[],
        share_thumbnails={IMAGE: jpeg(600, 400)} if thumbnails is None else thumbnails,
    )


def cards(preview: Any, thumbnails: dict[str, bytes] | None = None) -> dict[str, CardView]:
    return {c.platform: c for c in preview_cards(page(preview, thumbnails))}


def decoded(card: CardView) -> Image.Image:
    assert card.image is not None
    prefix = "data:image/jpeg;base64,"
    assert card.image.src.startswith(prefix)
    image = Image.open(io.BytesIO(base64.b64decode(card.image.src[len(prefix) :])))
    assert image.size == (card.image.width, card.image.height)
    return image


def report(preview: Any, thumbnails: dict[str, bytes] | None = None) -> str:
    run = RunResult(
        started_at="2024-05-01T10:00:00+00:00",
        config={},
        pages=[page(preview, thumbnails)],
        summary={"pages": 1, "errors": 0, "scores": {}},
        tool={"name": "readiness", "version": "1"},
    )
    return render_html(run)


def previews_html(html: str) -> str:
    start = html.index('<section class="previews-section"')
    return html[start : html.index("</section>", start)]


def test_preview_cards_come_in_platform_order() -> None:
    shown = preview_cards(page(previews()))
    assert [c.platform for c in shown] == list(PLATFORMS)
    assert [c.name for c in shown] == [
        "Facebook", "X", "LinkedIn", "Slack", "WhatsApp", "Discord",
        "Bluesky", "Mastodon", "Threads", "Telegram",
    ]  # fmt: skip


def test_preview_cards_are_absent_without_resolved_previews() -> None:
    assert preview_cards(page(None)) == []
    assert preview_cards(page("not a mapping")) == []
    assert preview_cards(page(previews(), status="error")) == []
    html = report(None)
    assert "previews-section" not in html.split("</style>")[1]


CUT_TITLES = [p for p in PLATFORMS if LIMITS[p].title is not None]


@pytest.mark.parametrize("platform", CUT_TITLES)
def test_preview_cuts_long_titles_where_the_platform_cuts_them(platform: str) -> None:
    long_title = "Roasted " * 60
    card = cards(previews(title=long_title, description="word " * 200))[platform]
    limit = LIMITS[platform].title
    assert limit is not None
    assert len(card.title) <= limit
    assert card.title.endswith(ELLIPSIS)
    assert long_title.startswith(card.title[:-1].rstrip())
    assert f"Title cut at {limit} characters." in card.notes
    cut = LIMITS[platform].description
    if card.description is not None and cut is not None:
        assert len(card.description) <= cut
        assert card.description.endswith(ELLIPSIS)


def test_preview_cut_limits_are_the_platform_table() -> None:
    assert "x" in CUT_TITLES and LIMITS["x"].title == 70 and LIMITS["x"].description == 200
    assert LIMITS["discord"].description == 350


def test_preview_keeps_the_whole_text_where_the_platform_shows_it_all() -> None:
    uncut = [p for p in PLATFORMS if LIMITS[p].title is None]
    long_title = "Roasted " * 30
    shown = cards(previews(title=long_title))
    for platform in uncut:
        assert shown[platform].title == long_title.strip()


def test_preview_keeps_short_texts_whole_and_squashes_white_space() -> None:
    card = cards(previews(title="  Harbor \n\t& Pine  "))["facebook"]
    assert card.title == "Harbor & Pine"
    assert not any("cut" in note for note in card.notes)


def test_truncate_cuts_at_a_word_end_and_adds_an_ellipsis() -> None:
    assert truncate("Fresh coffee roasted every week", 24) == "Fresh coffee roasted…"
    assert truncate("Short", 20) == "Short"
    assert truncate("x" * 30, 10) == "x" * 9 + ELLIPSIS
    assert truncate(None, 10) == ""


def test_preview_x_and_linkedin_show_no_description_where_the_platform_shows_none() -> None:
    shown = cards(previews())
    assert shown["linkedin"].description is None
    assert shown["x"].description is None  # the large card: image and title only
    assert cards(previews(card="summary"))["x"].description is not None


def test_preview_crops_large_cards_to_191_to_1_around_the_centre() -> None:
    shown = cards(previews())
    for platform in ("facebook", "linkedin", "x"):
        assert shown[platform].layout == "large"
        width, height = decoded(shown[platform]).size
        assert abs(width / height - 1.91) < 0.01
    assert shown["slack"].layout == "large"
    assert abs((lambda s: s[0] / s[1])(decoded(shown["slack"]).size) - 1.91) < 0.01


def test_preview_crop_keeps_the_centre_of_the_image() -> None:
    image = Image.new("RGB", (600, 600), (255, 0, 0))
    image.paste((0, 0, 255), (0, 150, 600, 450))  # a blue band in the middle
    out = io.BytesIO()
    image.save(out, format="JPEG")
    wide = decoded(cards(previews(), {IMAGE: out.getvalue()})["facebook"])
    # A 1.91:1 crop of a square keeps its middle 314 rows: the blue band fills most of it.
    r, _g, b = wide.getpixel((wide.width // 2, wide.height // 2))
    assert b > 200 and r < 60
    r, _g, b = wide.getpixel((wide.width // 2, 2))
    assert r > 200 and b < 60


def test_preview_crops_small_thumbnails_to_a_square() -> None:
    shown = cards(previews(card="summary"))
    for platform in ("x", "slack", "whatsapp"):
        assert shown[platform].layout == "small"
        width, height = decoded(shown[platform]).size
        assert width == height
    # Facebook and LinkedIn show a wide picture whatever the card type.
    assert shown["facebook"].layout == "large"


def test_preview_discord_shows_the_whole_image_large_only_for_large_cards() -> None:
    large = cards(previews(), {IMAGE: jpeg(1200, 300)})["discord"]
    assert large.layout == "large"
    assert decoded(large).size == (400, 100)  # whole, scaled to fit 400x300
    small = cards(previews(card="summary"), {IMAGE: jpeg(1200, 300)})["discord"]
    assert small.layout == "small"
    assert decoded(small).size == (160, 40)  # whole, in the 80x80 box at twice the density


def test_preview_without_image_shows_as_each_platform_does() -> None:
    shown = cards(previews(image=None))
    assert all(c.image is None for c in shown.values())
    for platform in ("facebook", "linkedin", "slack", "whatsapp", "discord"):
        assert shown[platform].layout == "text"
    assert shown["x"].layout == "small"  # a summary card with a placeholder
    assert any(note.startswith("No image") for note in shown["facebook"].notes)
    html = previews_html(report(previews(image=None)))
    assert "<img" not in html
    assert 'class="pv-x-thumb pv-x-none"' in html


def test_preview_with_an_image_that_could_not_be_fetched_shows_none() -> None:
    shown = cards(previews(), thumbnails={})
    assert shown["facebook"].image is None and shown["facebook"].layout == "text"
    assert any("could not be fetched" in note for note in shown["facebook"].notes)
    broken = cards(previews(), thumbnails={IMAGE: b"not an image"})
    assert broken["linkedin"].image is None


def test_preview_without_title_shows_the_address() -> None:
    card = cards(previews(title=None))["facebook"]
    assert card.title == PAGE_URL
    assert any("No title" in note for note in card.notes)


def test_preview_cards_render_in_the_report_after_the_screenshots() -> None:
    html = report(previews(card="summary"))
    section = previews_html(html)
    assert "How it looks when shared" in section
    for platform in PLATFORMS:
        assert f'data-platform="{platform}"' in section
    assert "SHOP.EXAMPLE" in section  # Facebook's domain in capitals
    assert "From shop.example" not in section  # only the large X card says so
    assert "Harbor &amp; Pine Coffee Roasters" in section
    assert "border-left-color: #0a7d5c" in section
    images = re.findall(r'<img class="[^"]*" src="data:image/jpeg;base64,', section)
    assert len(images) == len(PLATFORMS)  # one picture per card


HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(1)>'


def test_preview_escapes_hostile_texts() -> None:
    hostile = previews(title=HOSTILE, description=HOSTILE, site_name=HOSTILE)
    html = report(hostile)
    section = previews_html(html)
    assert "<script" not in html
    assert "<img src=x" not in html
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x" in section


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        'https://ok.example/"onmouseover="alert(1)',
    ],
)
def test_preview_never_links_anything_but_http_urls(url: str) -> None:
    html = report(previews(url=url))
    section = previews_html(html)
    hrefs = re.findall(r'href="([^"]*)"', section)
    assert all(h.startswith(("https://", "http://")) for h in hrefs)
    assert "javascript:" not in " ".join(hrefs).lower()
    assert "onmouseover=" not in section.replace("&#34;", "").replace("onmouseover=&", "")


def test_preview_links_a_safe_shared_url() -> None:
    section = previews_html(report(previews()))
    assert f'href="{PAGE_URL}"' in section


@pytest.mark.parametrize(
    "colour",
    ["#fff", "#0A7D5C", "rgb(10, 125, 92)", "rebeccapurple", " Teal "],
)
def test_safe_colour_accepts_plain_css_colours(colour: str) -> None:
    assert safe_colour(colour) == colour.strip().lower()


@pytest.mark.parametrize(
    "colour",
    [
        "red; background: url(https://evil.example/x)",
        "#fff;position:fixed",
        'red" onmouseover="alert(1)',
        "expression(alert(1))",
        "url(javascript:alert(1))",
        "rgb(300, 0, 0)",
        "var(--x)",
        "inherit",
        "#ffff",
        "",
        None,
    ],
)
def test_safe_colour_rejects_anything_else(colour: str | None) -> None:
    assert safe_colour(colour) is None


def test_preview_discord_bar_falls_back_to_default_for_a_hostile_theme_colour() -> None:
    hostile = previews()
    hostile["discord"]["theme_color"] = 'red;background:url(https://evil.example/x)" x="'
    html = report(hostile)
    section = previews_html(html)
    assert "evil.example" not in section
    assert "border-left-color: #1e1f22" in section
    style_values = re.findall(r'style="([^"]*)"', section)
    assert style_values == ["border-left-color: #1e1f22"]


def test_preview_ignores_malformed_entries() -> None:
    broken = {"facebook": "nope", "x": {"title": 42, "image": ["x"]}, "slack": None}
    shown = cards(broken)
    assert list(shown) == ["x"]
    assert shown["x"].title == PAGE_URL and shown["x"].image is None


def test_preview_data_stays_out_of_the_metadata_list() -> None:
    html = report(previews())
    metadata = html[html.index('<dl class="metadata">') :]
    metadata = metadata[: metadata.index("</dl>")]
    assert "Preview" not in metadata


def page_with_silent_crawlers(no_preview: dict[str, str]) -> PageResult:
    """A page whose crawler-visibility result says which platforms' crawlers got nothing."""
    visibility = AuditResult(
        id="crawler-visibility", title="Link crawlers see the page and its tags",
        category="social", weight=10, score=0.33, display="2 of 6 crawlers get the page",
        fix="", details={"no_preview": no_preview},
    )  # fmt: skip
    device = DeviceResult(
        device="iphone-se", viewport={"width": 375, "height": 667}, is_mobile=True,
        scores={}, audits={"crawler-visibility": visibility},
    )  # fmt: skip
    return dataclasses.replace(page(previews()), devices=[device])


def test_preview_shows_no_card_where_the_crawler_got_nothing() -> None:
    silent = {
        "facebook": "got no answer (timed out)",
        "x": "got no answer (connection refused)",
        "linkedin": "got HTTP 403",
        "slack": "is disallowed by robots.txt",
    }
    shown = {c.platform: c for c in preview_cards(page_with_silent_crawlers(silent))}
    assert list(shown) == list(PLATFORMS)
    for platform, reason in silent.items():
        card = shown[platform]
        # Nothing from the browser's HTML: the platform never got it.
        assert card.layout == "none"
        assert card.title == PAGE_URL
        assert card.description is None and card.site_name is None and card.image is None
        name = PLATFORMS[platform]
        assert card.notes == [f"{name}'s crawler {reason}: {name} shows no preview, only the link."]
    # The crawlers that got the page show their cards.
    assert shown["whatsapp"].title == "Harbor & Pine Coffee Roasters"
    assert shown["discord"].image is not None


def test_preview_report_puts_nothing_of_the_page_in_a_silent_platforms_card() -> None:
    run = RunResult(
        started_at="2024-05-01T10:00:00+00:00",
        config={},
        pages=[page_with_silent_crawlers({"facebook": "got no answer (timed out)"})],
        summary={"pages": 1, "errors": 0, "scores": {}},
        tool={"name": "readiness", "version": "1"},
    )
    section = previews_html(render_html(run))
    start = section.index('data-platform="facebook"')
    facebook = section[start : section.index("</figure>", start)]
    assert "Harbor &amp; Pine Coffee Roasters" not in facebook
    assert "<img" not in facebook
    assert "Facebook shows no preview, only the link." in facebook
    assert "got no answer (timed out)" in facebook
    # The bare link the platform shows, not an empty card of its look.
    assert f'<p class="pv-bare-link"><a class="pv-bare-url" href="{PAGE_URL}"' in facebook
    assert "pv-fb-" not in facebook


# --- Bluesky, Mastodon, Threads, Telegram ------------------------------------------------------


def test_bluesky_and_threads_always_show_a_wide_picture_mastodon_and_telegram_when_wide() -> None:
    wide = cards(previews(), {IMAGE: jpeg(1600, 900)})
    for platform in ("bluesky", "mastodon", "threads", "telegram"):
        assert wide[platform].layout == "large", platform
        assert decoded(wide[platform]).size == (500, 262)  # 1.91:1, cropped around the centre
    square = cards(previews(), {IMAGE: jpeg(800, 800)})
    assert square["bluesky"].layout == square["threads"].layout == "large"
    for platform in ("mastodon", "telegram"):
        assert square[platform].layout == "small", platform
        assert decoded(square[platform]).size == (160, 160)


def test_mastodon_without_image_shows_its_page_icon() -> None:
    shown = cards(previews(image=None))
    assert shown["mastodon"].layout == "small"
    assert 'class="pv-md-thumb pv-md-none"' in previews_html(report(previews(image=None)))


def test_mastodon_credits_the_author_and_says_what_the_credit_needs() -> None:
    preview = previews()
    preview["mastodon"]["creator"] = "ann@example.social"
    card = cards(preview, {IMAGE: jpeg(1600, 900)})["mastodon"]
    assert card.creator == "@ann@example.social"
    assert card.description is None  # the credit takes the description's place
    assert any("Author attribution" in note for note in card.notes)
    section = previews_html(report(preview, {IMAGE: jpeg(1600, 900)}))
    assert "More from" in section and "<strong>@ann@example.social</strong>" in section
    others = cards(previews())
    assert all(c.creator is None for c in others.values())


def test_mastodon_credits_nobody_for_a_handle_without_a_server() -> None:
    preview = previews()
    preview["mastodon"]["creator"] = "@ann"
    card = cards(preview)["mastodon"]
    assert card.creator is None
    assert card.description == "Small-batch coffee, roasted by the harbor every week."
    assert any("names no server" in note for note in card.notes)
    assert "More from" not in previews_html(report(preview))


def test_the_newer_cards_escape_a_hostile_title_and_creator() -> None:
    hostile = previews(title=HOSTILE, description=HOSTILE, site_name=HOSTILE)
    hostile["mastodon"]["creator"] = HOSTILE
    html = report(hostile, {IMAGE: jpeg(1600, 900)})
    section = previews_html(html)
    assert "<script" not in html
    assert "<img src=x" not in html
    for platform in ("bluesky", "mastodon", "threads", "telegram"):
        start = section.index(f'data-platform="{platform}"')
        card = section[start : section.index("</figure>", start)]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card, platform
