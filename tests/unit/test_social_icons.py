from __future__ import annotations

from social_snapshots import COMPLETE_HEAD, html_page, image, snapshot, social

from audits.social.icons import icons
from checker.snapshot import ManifestFacts

MANIFEST = ManifestFacts(
    url="https://example.com/manifest.json",
    status=200,
    name="Harbor & Pine",
    icons=[
        {"src": "https://example.com/192.png", "sizes": "192x192"},
        {"src": "https://example.com/512.png", "sizes": "512x512"},
    ],
)


def _icon(role: str, url: str, size: int, **changes):
    facts = {"url": url, "final_url": url, "width": size, "height": size, "format": "PNG",
             "content_type": "image/png"}  # fmt: skip
    return image(role, **{**facts, **changes})


GOOD_IMAGES = [
    _icon("icon", "https://example.com/favicon.png", 32),
    _icon("apple-touch-icon", "https://example.com/apple-touch-icon.png", 180),
    _icon("manifest-icon", "https://example.com/512.png", 512),
    _icon("manifest-icon", "https://example.com/192.png", 192),
]


def _run(saved_snapshot, images=GOOD_IMAGES, manifest=MANIFEST, head=COMPLETE_HEAD):
    html = html_page(head)
    facts = social(html, images=list(images), manifest=manifest)
    return icons(snapshot(saved_snapshot("mobile-ready"), html, facts=facts))


def test_icons_passes_favicon_touch_icon_manifest_icons_and_theme_color(saved_snapshot):
    outcome = _run(saved_snapshot)
    assert outcome.score == 1
    assert outcome.findings == []


def test_icons_is_not_applicable_without_crawler_facts(saved_snapshot):
    page = snapshot(saved_snapshot("mobile-ready"), html_page(COMPLETE_HEAD), facts=None)
    assert icons(page).score is None


def test_icons_flags_a_small_apple_touch_icon(saved_snapshot):
    images = [*GOOD_IMAGES[:1], _icon("apple-touch-icon", "https://e.com/a.png", 120),
              *GOOD_IMAGES[2:]]  # fmt: skip
    outcome = _run(saved_snapshot, images)
    (finding,) = outcome.findings
    assert finding.message == "The apple-touch-icon is 120x120; iPhones need 180x180."
    assert outcome.score == 0.83


def test_icons_flags_a_manifest_without_a_512_icon_and_a_missing_theme_color(saved_snapshot):
    manifest = ManifestFacts(**{**MANIFEST.__dict__, "icons": MANIFEST.icons[:1]})
    head = COMPLETE_HEAD.replace('<meta name="theme-color" content="#145aa0">', "")
    outcome = _run(saved_snapshot, manifest=manifest, head=head)
    assert [f.message for f in outcome.findings] == [
        "The manifest declares no 512x512 icon.",
        'No <meta name="theme-color">.',
    ]
    assert outcome.score == 0.67


def test_icons_flags_a_manifest_icon_whose_real_size_differs(saved_snapshot):
    images = [*GOOD_IMAGES[:3], _icon("manifest-icon", "https://example.com/192.png", 96)]
    outcome = _run(saved_snapshot, images)
    assert outcome.findings[0].message == ("The manifest icon declared 192x192 measures 96x96.")


def test_icons_flags_a_missing_favicon_and_manifest(saved_snapshot):
    favicon = _icon("icon", "https://example.com/favicon.ico", 0, status=404, format=None)
    outcome = _run(saved_snapshot, [favicon, GOOD_IMAGES[1]], manifest=None)
    messages = [f.message for f in outcome.findings]
    assert messages[0] == "The favicon (https://example.com/favicon.ico) answers HTTP 404."
    assert "No web app manifest." in messages
    assert outcome.score == 0.33
