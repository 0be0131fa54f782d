"""discover-image on saved snapshots: Google Discover's large card needs an image 1200 px wide
and max-image-preview:large (or AMP); a logo never counts."""

from __future__ import annotations

import dataclasses

import pytest
from social_snapshots import html_page, image, snapshot, social

from audits.social.discover_image import discover_image
from checker.model.dom_facts import ImageFacts
from checker.model.elements import Box, Element
from checker.model.results import CannotMeasure

ALLOW = '<meta name="robots" content="max-image-preview:large">'
OG_1600 = '<meta property="og:image" content="https://example.com/share.jpg">'


def _page(saved_snapshot, head: str, *, images=None, shown=(), headers=None, html=None):
    html = html or html_page(f"<title>Coffee</title>{head}")
    facts = social(html, images=[image(width=1600, height=900)] if images is None else images)
    page = snapshot(saved_snapshot("mobile-ready"), html, facts=facts)
    document = dataclasses.replace(page.document, headers=headers or {})
    dom = dataclasses.replace(page.dom, images=list(shown))
    return dataclasses.replace(page, document=document, dom=dom)


def _shown(src: str, width: int, *, shown_width: float = 360, alt: str = "") -> ImageFacts:
    element = Element("main > img", box=Box(0, 0, shown_width, 200))
    return ImageFacts(element, src, width, width // 2, None, alt,
                      content_width=shown_width, content_height=200)  # fmt: skip


def test_a_large_og_image_without_permission_fails(saved_snapshot):
    outcome = discover_image(_page(saved_snapshot, OG_1600))
    assert outcome.score == 0
    (finding,) = outcome.findings
    assert finding.details["problem"] == "not-allowed"
    assert "og:image 1600x900" in finding.message
    assert "max-image-preview:large" in finding.message


def test_a_large_og_image_with_permission_passes(saved_snapshot):
    outcome = discover_image(_page(saved_snapshot, OG_1600 + ALLOW))
    assert outcome.score == 1
    assert outcome.details["permission"] == "large"
    assert outcome.details["image"]["width"] == 1600


def test_permission_without_a_large_image_fails_and_names_the_widest(saved_snapshot):
    page = _page(saved_snapshot, OG_1600 + ALLOW, images=[image(width=800, height=420)])
    outcome = discover_image(page)
    assert outcome.score == 0
    (finding,) = outcome.findings
    assert finding.details["problem"] == "no-large-image"
    assert "og:image 800x420" in finding.message


def test_neither_a_large_image_nor_permission_is_not_applicable(saved_snapshot):
    outcome = discover_image(_page(saved_snapshot, OG_1600, images=[image(width=800, height=420)]))
    assert outcome.score is None
    assert "No image 1200 px wide" in outcome.display


def test_the_most_restrictive_directive_wins_and_the_header_counts(saved_snapshot):
    page = _page(
        saved_snapshot,
        OG_1600 + ALLOW,
        headers={"X-Robots-Tag": "googlebot: max-image-preview:standard"},
    )
    outcome = discover_image(page)
    assert outcome.score == 0
    assert "limits previews to standard (X-Robots-Tag: googlebot: max-image-preview:standard)" in (
        outcome.findings[0].message
    )
    other_bot = _page(
        saved_snapshot, OG_1600 + ALLOW, headers={"X-Robots-Tag": "otherbot: noindex"}
    )
    assert discover_image(other_bot).score == 1


def test_an_amp_page_has_permission(saved_snapshot):
    head = f"<head><title>A</title>{OG_1600}</head>"
    html = f"<!doctype html><html amp lang='en'>{head}<body></body></html>"
    outcome = discover_image(_page(saved_snapshot, "", html=html))
    assert outcome.score == 1
    assert outcome.details["permission_source"] == "an AMP page"


def test_a_logo_never_counts_as_the_large_image(saved_snapshot):
    logo = '<meta property="og:image" content="https://example.com/brand-logo.png">'
    page = _page(
        saved_snapshot,
        logo + ALLOW,
        images=[image(url="https://example.com/brand-logo.png", width=1600)],
    )
    outcome = discover_image(page)
    assert outcome.score == 0
    assert "offers no image at all" in outcome.findings[0].message
    shown_logo = _shown("https://example.com/a.png", 1600, alt="Harbor logo")
    assert discover_image(_page(saved_snapshot, ALLOW, images=[], shown=[shown_logo])).score == 0


def test_the_article_picture_and_jsonld_image_count(saved_snapshot):
    shown = _shown("https://example.com/hero.jpg", 1440)
    outcome = discover_image(_page(saved_snapshot, ALLOW, images=[], shown=[shown]))
    assert outcome.score == 1
    assert outcome.details["image"]["where"] == "picture on the page"
    thumbnail = _shown("https://example.com/hero.jpg", 1440, shown_width=80)
    assert discover_image(_page(saved_snapshot, ALLOW, images=[], shown=[thumbnail])).score == 0
    jsonld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "image": '
        '{"@type": "ImageObject", "url": "/big.jpg", "width": "1920px"}}</script>'
    )
    outcome = discover_image(_page(saved_snapshot, ALLOW + jsonld, images=[]))
    assert outcome.score == 1
    assert outcome.details["image"] == {
        "where": "JSON-LD image",
        "url": "https://example.com/big.jpg",
        "width": 1920,
        "height": None,
        "measured": "declared",
    }


def test_noindex_is_not_applicable(saved_snapshot):
    outcome = discover_image(
        _page(saved_snapshot, OG_1600 + '<meta name="robots" content="noindex">')
    )
    assert outcome.score is None
    assert outcome.display.startswith("Kept out of Google")


def test_an_image_our_block_kept_unfetched_uses_its_declared_width_else_cannot_judge(
    saved_snapshot,
):
    blocked = image(status=None, width=None, height=None, bytes=0,
                    error="blocked: another host than the audited pages'")  # fmt: skip
    declared = OG_1600 + '<meta property="og:image:width" content="1200">'
    assert discover_image(_page(saved_snapshot, declared, images=[blocked])).score == 0
    with pytest.raises(CannotMeasure, match="kept readiness from and declares no width"):
        discover_image(_page(saved_snapshot, OG_1600, images=[blocked]))
    broken = image(status=404, width=None, height=None, format=None)
    assert discover_image(_page(saved_snapshot, OG_1600 + ALLOW, images=[broken])).score == 0


def test_a_picture_our_block_kept_from_loading_leaves_the_verdict_open(saved_snapshot):
    from checker.model.load_facts import NetworkRequest

    src = "https://cdn.example.net/hero.png"
    unloaded = _shown(src, 0)
    request = NetworkRequest(src, "image", "GET", None, None, 0, 0, 0.0, None, False, {},
                             blocked=True)  # fmt: skip
    page = dataclasses.replace(_page(saved_snapshot, ALLOW, images=[], shown=[unloaded]),
                               network=[request])  # fmt: skip
    with pytest.raises(CannotMeasure, match="did not load: --block-external"):
        discover_image(page)
    lazy = dataclasses.replace(page, network=[])
    assert discover_image(lazy).score == 0  # not loaded for its own reasons: not weighed


def test_an_og_image_no_client_could_fetch_is_no_image_not_an_open_verdict(saved_snapshot):
    garbage = '<meta property="og:image" content="http://[::1:bad/">'
    outcome = discover_image(_page(saved_snapshot, garbage + ALLOW, images=[]))
    assert outcome.score == 0
    assert "offers no image at all" in outcome.findings[0].message
