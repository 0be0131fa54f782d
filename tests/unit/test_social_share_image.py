from __future__ import annotations

import pytest
from social_snapshots import COMPLETE_HEAD, html_page, image, snapshot, social

from audits import all_audits
from audits.common.crawler_fetches import blocked_host
from audits.common.platform_rules import ALL_RULES
from audits.social.share_image import share_image
from checker.judge.auditing import run_audits
from checker.model.results import CannotMeasure

ALL_PLATFORM_LABELS = (
    "Facebook", "X (summary_large_image)", "LinkedIn", "WhatsApp", "Slack", "Discord",
    "Bluesky", "Mastodon", "Threads", "Telegram",
)  # fmt: skip


def _run(saved_snapshot, *images, head: str = COMPLETE_HEAD):
    html = html_page(head)
    facts = social(html, images=list(images))
    return share_image(snapshot(saved_snapshot("mobile-ready"), html, facts=facts))


def _problem(outcome, kind: str):
    return next(f for f in outcome.findings if f.details.get("problem") == kind)


def test_share_image_passes_a_1200x630_jpeg_on_every_platform(saved_snapshot):
    outcome = _run(saved_snapshot, image())
    assert outcome.score == 1
    assert outcome.findings == []
    assert outcome.value == "1200x630"
    assert set(outcome.details["platforms"]) == set(ALL_PLATFORM_LABELS)


def test_share_image_cannot_judge_without_crawler_facts(saved_snapshot):
    page = snapshot(saved_snapshot("mobile-ready"), html_page(COMPLETE_HEAD), facts=None)
    with pytest.raises(CannotMeasure, match="not fetched as link crawlers fetch it"):
        share_image(page)


def test_share_image_scores_zero_without_an_image(saved_snapshot):
    outcome = _run(saved_snapshot, head="<title>Coffee</title>")
    assert outcome.score == 0
    assert outcome.findings[0].message.startswith("A share image (og:image) is missing.")


def test_share_image_scores_zero_when_the_image_is_not_an_image(saved_snapshot):
    broken = image(content_type="text/html", format=None, width=None, height=None)
    outcome = _run(saved_snapshot, broken)
    assert outcome.score == 0
    assert "served as text/html" in outcome.findings[0].message


def test_share_image_fails_svg_on_every_platform(saved_snapshot):
    svg = image(content_type="image/svg+xml", format="SVG", width=None, height=None)
    outcome = _run(saved_snapshot, svg)
    assert outcome.score == 0
    assert len(_problem(outcome, "format").details["platforms"]) == len(ALL_PLATFORM_LABELS)


def test_share_image_names_the_platforms_a_file_size_limit_affects(saved_snapshot):
    outcome = _run(saved_snapshot, image(bytes=6_000_000))
    platforms = _problem(outcome, "file-size").details["platforms"]
    assert set(platforms) == {"X (summary_large_image)", "LinkedIn", "WhatsApp", "Mastodon",
                              "Threads"}  # fmt: skip
    assert platforms["WhatsApp"] == "6.0 MB, limit 300 KB"
    assert platforms["Mastodon"] == "6.0 MB, limit 2.0 MB"
    # Bluesky's app shrinks it; only posts made through the API lose it: shown worse, not lost.
    assert set(_problem(outcome, "file-size-shrunk").details["platforms"]) == {"Bluesky"}
    # Five platforms show no image, Bluesky counts half, four show it: 4.5 / 10.
    assert outcome.score == 0.45


def test_share_image_flags_an_image_over_a_megabyte_on_bluesky_alone(saved_snapshot):
    # 1.2 MB: under every limit but WhatsApp's 300 KB and Bluesky's 1,000,000 bytes.
    outcome = _run(saved_snapshot, image(bytes=1_200_000))
    shrunk = _problem(outcome, "file-size-shrunk")
    assert shrunk.details["severity"] == "warn"
    assert shrunk.details["platforms"] == {
        "Bluesky": "1.2 MB, limit 1.0 MB: the Bluesky app shrinks it; tools that post through"
        " the API upload it as it is and their post shows no image"
    }
    assert set(_problem(outcome, "file-size").details["platforms"]) == {"WhatsApp"}
    assert outcome.details["platforms"]["Bluesky"] == 0.5
    under = _run(saved_snapshot, image(bytes=999_000))
    assert under.details["platforms"]["Bluesky"] == 1


def test_share_image_shows_mastodon_a_square_image_as_a_small_thumbnail(saved_snapshot):
    outcome = _run(saved_snapshot, image(width=1000, height=1000))
    small = _problem(outcome, "not-wide")
    assert (
        small.message == "The image is not wider than high: a small thumbnail is shown on Mastodon."
    )
    assert small.details["platforms"] == {
        "Mastodon": "1000x1000: a small thumbnail (large when wider)"
    }
    assert outcome.details["platforms"]["Mastodon"] == 0.5
    wide = _run(saved_snapshot, image(width=1200, height=630))
    assert wide.details["platforms"]["Mastodon"] == 1


def test_share_image_judges_x_by_the_card_it_asks_for(saved_snapshot):
    head = COMPLETE_HEAD.replace('content="summary_large_image"', 'content="summary"')
    outcome = _run(saved_snapshot, image(width=150, height=150), head=head)
    too_small = _problem(outcome, "too-small")
    assert set(too_small.details["platforms"]) == {"Facebook"}
    assert "X (summary)" in outcome.details["platforms"]


def test_share_image_counts_a_small_card_and_cropping_as_half(saved_snapshot):
    outcome = _run(saved_snapshot, image(width=500, height=500))
    assert set(_problem(outcome, "small-card").details["platforms"]) == {"Facebook"}
    assert set(_problem(outcome, "not-wide").details["platforms"]) == {"Mastodon"}
    assert "LinkedIn" in _problem(outcome, "aspect").details["platforms"]
    assert outcome.details["platforms"]["Facebook"] == 0.5
    assert outcome.score < 0.9


def test_share_image_flags_a_declared_size_that_is_not_the_real_one(saved_snapshot):
    outcome = _run(saved_snapshot, image(width=1200, height=628))
    finding = _problem(outcome, "declared-size")
    assert finding.details["declared"] == "1200x630"
    assert outcome.score == 0.9


def test_share_image_flags_mixed_content_on_an_https_page(saved_snapshot):
    http_image = image(url="http://example.com/share.jpg")
    outcome = _run(saved_snapshot, http_image)
    assert _problem(outcome, "mixed-content").details["url"] == "http://example.com/share.jpg"


def test_share_image_asks_for_alt_text(saved_snapshot):
    head = COMPLETE_HEAD.replace('<meta property="og:image:alt" content="Our logo">', "")
    outcome = _run(saved_snapshot, image(), head=head)
    assert _problem(outcome, "alt").message.startswith("No og:image:alt")
    assert outcome.score == 0.95


def test_share_image_notes_that_x_shows_only_a_gifs_first_frame(saved_snapshot):
    outcome = _run(saved_snapshot, image(format="GIF", animated=True, content_type="image/gif"))
    assert outcome.score == 1
    assert _problem(outcome, "animated").details["severity"] == "note"


def test_every_platform_rule_names_its_source():
    for rule in ALL_RULES:
        assert rule.source.startswith("https://") or rule.source.startswith("observed"), rule
        assert rule.documented == rule.source.startswith("https://")


# --- an image readiness's own --block-external kept it from fetching -----------------------

# The error checker/gather/fetch.py gives a fetch --block-external stopped, as it reads there.
BLOCKED = "blocked: another host than the audited pages'"
CDN_URL = "https://cdn.example.net/share.jpg"
NOT_FETCHED = {"status": None, "content_type": None, "bytes": 0, "width": None, "height": None,
               "format": None, "error": BLOCKED}  # fmt: skip


def _blocked(role: str = "og:image", url: str = CDN_URL, final_url: str | None = None):
    return image(role, url=url, final_url=final_url or url, **NOT_FETCHED)


def _run_in_runner(saved_snapshot, *images, head: str = COMPLETE_HEAD):
    html = html_page(head)
    page = snapshot(saved_snapshot("mobile-ready"), html, facts=social(html, images=list(images)))
    spec = next(s for s in all_audits() if s.id == "share-image")
    return run_audits(page, [spec])["share-image"]


def test_share_image_blocked_by_our_option_is_an_error_not_the_sites_failure(saved_snapshot):
    head = COMPLETE_HEAD.replace("https://example.com/share.jpg", CDN_URL)
    with pytest.raises(CannotMeasure) as raised:
        _run(saved_snapshot, _blocked(), head=head)
    assert str(raised.value) == (
        "The share image is on cdn.example.net, which --block-external kept readiness from "
        "fetching; run without --block-external to check it."
    )
    result = _run_in_runner(saved_snapshot, _blocked(), head=head)
    assert result.score is None
    assert result.passed is False
    assert result.error is not None and result.error.kind == "measurement"
    assert "cdn.example.net" in result.error.message
    assert "no platform will show it" not in result.display


def test_share_image_blocked_x_image_is_an_error_when_the_rest_passes(saved_snapshot):
    twitter = _blocked("twitter:image", url="https://cdn.example.net/x.jpg")
    with pytest.raises(CannotMeasure, match=r"^The X image \(twitter:image\) is on cdn\."):
        _run(saved_snapshot, image(), twitter)


def test_share_image_names_both_blocked_images_and_their_hosts_once(saved_snapshot):
    twitter = _blocked("twitter:image", url="https://cdn.example.net/x.jpg")
    other = _blocked("twitter:image", url="https://img.example.org/x.jpg")
    with pytest.raises(CannotMeasure) as same_host:
        _run(saved_snapshot, _blocked(), twitter)
    assert str(same_host.value) == (
        "The share image and the X image (twitter:image) are on cdn.example.net, which "
        "--block-external kept readiness from fetching; run without --block-external to "
        "check them."
    )
    with pytest.raises(CannotMeasure) as two_hosts:
        _run(saved_snapshot, _blocked(), other)
    assert str(two_hosts.value) == (
        "The share image is on cdn.example.net and the X image (twitter:image) is on "
        "img.example.org, hosts --block-external kept readiness from fetching; run without "
        "--block-external to check them."
    )


def test_share_image_still_fails_a_page_without_any_share_image(saved_snapshot):
    # Nothing was blocked: no og:image at all is the site's failure.
    head = COMPLETE_HEAD.replace(
        '<meta property="og:image" content="https://example.com/share.jpg">', ""
    )
    outcome = _run(saved_snapshot, head=head)
    assert outcome.score == 0
    assert outcome.findings[0].message.startswith("A share image (og:image) is missing.")


def test_share_image_still_fails_a_fetched_image_that_is_too_small(saved_snapshot):
    # The X image was blocked, but the og:image every other platform uses was fetched and is
    # too small for Facebook and cropped or small elsewhere: that fails whatever the X image
    # is, scored over the nine platforms that were checked: Facebook 0, LinkedIn, Bluesky,
    # Threads (cropped) and Mastodon (a small thumbnail) 0.5, four 1: 6 / 9, less 0.1 for
    # the declared 1200x630.
    twitter = _blocked("twitter:image", url="https://cdn.example.net/x.jpg")
    outcome = _run(saved_snapshot, image(width=150, height=150), twitter)
    assert outcome.score == 0.57
    assert set(_problem(outcome, "too-small").details["platforms"]) == {"Facebook"}
    assert outcome.display == (
        "150x150 JPEG image, 80 KB; not shown on Facebook; not checked on X "
        "(summary_large_image): the X image (twitter:image) is on cdn.example.net, which "
        "--block-external kept readiness from fetching"
    )
    assert "X (summary_large_image)" not in outcome.details["platforms"]
    assert outcome.details["not_checked"] == {
        "X (summary_large_image)": "the X image (twitter:image) is on cdn.example.net, which "
        "--block-external kept readiness from fetching"
    }


def test_share_image_blocked_still_fails_on_what_needs_no_fetch(saved_snapshot):
    # A relative og:image redirected to a blocked host: the relative URL is the site's fault
    # (0.25 off whatever the image is); the image itself is said to be unchecked.
    head = COMPLETE_HEAD.replace("https://example.com/share.jpg", "/share.jpg")
    redirected = _blocked(url="https://example.com/share.jpg", final_url=CDN_URL)
    outcome = _run(saved_snapshot, redirected, head=head)
    assert outcome.score == 0.75
    assert outcome.display == (
        'The share image URL "/share.jpg" is not a full http(s) URL; the Open Graph protocol '
        "asks for one and some crawlers do not resolve it. The image itself was not checked: "
        "the share image (redirected from https://example.com/share.jpg) is on "
        "cdn.example.net, which --block-external kept readiness from fetching."
    )
    assert set(outcome.details["not_checked"]) == set(ALL_PLATFORM_LABELS)
    assert outcome.details["platforms"] == {}


def test_share_image_a_fetch_that_failed_for_another_reason_is_still_a_failure(saved_snapshot):
    timed_out = image(**{**NOT_FETCHED, "error": "timed out after 10 s"})
    outcome = _run(saved_snapshot, timed_out)
    assert outcome.score == 0
    assert outcome.display == (
        "The share image could not be fetched (timed out after 10 s); no platform will show it."
    )


def test_blocked_host_reads_only_the_error_our_option_sets():
    assert blocked_host(_blocked()) == "cdn.example.net"
    assert blocked_host(_blocked(url="https://example.com/a.jpg", final_url=CDN_URL)) == (
        "cdn.example.net"
    )
    assert blocked_host(image()) is None
    assert blocked_host(image(**{**NOT_FETCHED, "error": "connection refused"})) is None
