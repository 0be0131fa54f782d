from __future__ import annotations

import pytest
from social_snapshots import COMPLETE_HEAD, html_page, image, snapshot, social

from audits import all_audits
from audits.social.icons import icons
from checker.judge.auditing import run_audits
from checker.model.results import CannotMeasure
from checker.model.social_facts import ManifestFacts

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


def test_icons_cannot_judge_without_crawler_facts(saved_snapshot):
    page = snapshot(saved_snapshot("mobile-ready"), html_page(COMPLETE_HEAD), facts=None)
    with pytest.raises(CannotMeasure, match="not fetched as link crawlers fetch it"):
        icons(page)


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


# --- an icon readiness's own --block-external kept it from fetching -------------------------

# The error checker/gather/fetch.py gives a fetch --block-external stopped, as it reads there.
BLOCKED = "blocked: another host than the audited pages'"
NOT_FETCHED = {"status": None, "content_type": None, "bytes": 0, "width": None, "height": None,
               "format": None, "error": BLOCKED}  # fmt: skip
BLOCKED_FAVICON = _icon("icon", "https://cdn.example.net/favicon.ico", 0, **NOT_FETCHED)


def _run_in_runner(saved_snapshot, images, manifest=MANIFEST, head=COMPLETE_HEAD):
    html = html_page(head)
    facts = social(html, images=list(images), manifest=manifest)
    page = snapshot(saved_snapshot("mobile-ready"), html, facts=facts)
    spec = next(s for s in all_audits() if s.id == "icons")
    return run_audits(page, [spec])["icons"]


def test_icons_blocked_favicon_is_an_error_when_everything_else_passes(saved_snapshot):
    images = [BLOCKED_FAVICON, *GOOD_IMAGES[1:]]
    with pytest.raises(CannotMeasure) as raised:
        _run(saved_snapshot, images)
    assert str(raised.value) == (
        "The favicon is on cdn.example.net, which --block-external kept readiness from "
        "fetching; run without --block-external to check it."
    )
    result = _run_in_runner(saved_snapshot, images)
    assert result.score is None
    assert result.passed is False
    assert result.error is not None and result.error.kind == "measurement"
    assert "HTTP" not in result.display and "answers" not in result.display


def test_icons_blocked_manifest_is_an_error_naming_it_once(saved_snapshot):
    manifest = ManifestFacts(url="https://cdn.example.net/manifest.json", status=None,
                             error=BLOCKED)  # fmt: skip
    with pytest.raises(CannotMeasure) as raised:
        _run(saved_snapshot, GOOD_IMAGES[:2], manifest=manifest)
    assert str(raised.value) == (
        "The manifest is on cdn.example.net, which --block-external kept readiness from "
        "fetching; run without --block-external to check it."
    )


def test_icons_blocked_favicon_still_fails_on_the_checks_that_ran(saved_snapshot):
    # The blocked favicon is not held against the site, but a missing theme-color and a
    # small apple-touch-icon are failures whatever the favicon is.
    head = COMPLETE_HEAD.replace('<meta name="theme-color" content="#145aa0">', "")
    small_touch = _icon("apple-touch-icon", "https://example.com/apple-touch-icon.png", 120)
    images = [BLOCKED_FAVICON, small_touch, *GOOD_IMAGES[2:]]
    outcome = _run(saved_snapshot, images, head=head)
    assert [f.message for f in outcome.findings] == [
        "The apple-touch-icon is 120x120; iPhones need 180x180.",
        'No <meta name="theme-color">.',
    ]
    assert outcome.score == 0.6  # 3 of the 5 checks that ran
    assert outcome.unit == "of 5 checks"
    assert "favicon" not in outcome.details["checks"]
    assert outcome.details["not_checked"] == {
        "favicon": "the favicon is on cdn.example.net, which --block-external kept readiness "
        "from fetching"
    }
    assert outcome.display == (
        "The apple-touch-icon is 120x120; iPhones need 180x180. Not checked: the favicon is on "
        "cdn.example.net, which --block-external kept readiness from fetching."
    )


def test_icons_a_redirect_to_a_blocked_host_names_where_it_leads(saved_snapshot):
    moved = _icon("apple-touch-icon", "https://example.com/apple-touch-icon.png", 0,
                  **{**NOT_FETCHED, "final_url": "https://cdn.example.net/touch.png"})  # fmt: skip
    with pytest.raises(CannotMeasure) as raised:
        _run(saved_snapshot, [GOOD_IMAGES[0], moved, *GOOD_IMAGES[2:]])
    assert str(raised.value) == (
        "The apple-touch-icon (redirected from https://example.com/apple-touch-icon.png) is on "
        "cdn.example.net, which --block-external kept readiness from fetching; run without "
        "--block-external to check it."
    )


def test_icons_blocked_icons_on_one_host_are_named_together(saved_snapshot):
    touch = _icon("apple-touch-icon", "https://cdn.example.net/touch.png", 0, **NOT_FETCHED)
    with pytest.raises(CannotMeasure) as raised:
        _run(saved_snapshot, [BLOCKED_FAVICON, touch, *GOOD_IMAGES[2:]])
    assert str(raised.value) == (
        "The favicon and the apple-touch-icon are on cdn.example.net, which --block-external "
        "kept readiness from fetching; run without --block-external to check them."
    )


def test_icons_an_icon_that_failed_for_another_reason_is_still_a_failure(saved_snapshot):
    refused = _icon("icon", "https://example.com/favicon.png", 0,
                    **{**NOT_FETCHED, "error": "connection refused"})  # fmt: skip
    outcome = _run(saved_snapshot, [refused, *GOOD_IMAGES[1:]])
    assert outcome.findings[0].message == (
        "The favicon (https://example.com/favicon.png) could not be fetched (connection refused)."
    )
    assert outcome.score == 0.83
    assert "not_checked" not in outcome.details
