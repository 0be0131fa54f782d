from __future__ import annotations

from social_snapshots import COMPLETE_HEAD, html_page, image, snapshot, social

from audits.social.platform_rules import ALL_RULES
from audits.social.share_image import share_image


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
    assert set(outcome.details["platforms"]) == {
        "Facebook", "X (summary_large_image)", "LinkedIn", "WhatsApp", "Slack", "Discord",
    }  # fmt: skip


def test_share_image_is_not_applicable_without_crawler_facts(saved_snapshot):
    page = snapshot(saved_snapshot("mobile-ready"), html_page(COMPLETE_HEAD), facts=None)
    outcome = share_image(page)
    assert outcome.score is None
    assert "not fetched as link crawlers fetch it" in outcome.display


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
    assert len(_problem(outcome, "format").details["platforms"]) == 6


def test_share_image_names_the_platforms_a_file_size_limit_affects(saved_snapshot):
    outcome = _run(saved_snapshot, image(bytes=6_000_000))
    platforms = _problem(outcome, "file-size").details["platforms"]
    assert set(platforms) == {"X (summary_large_image)", "LinkedIn", "WhatsApp"}
    assert platforms["WhatsApp"] == "6.0 MB, limit 300 KB"
    assert outcome.score == 0.5


def test_share_image_judges_x_by_the_card_it_asks_for(saved_snapshot):
    head = COMPLETE_HEAD.replace('content="summary_large_image"', 'content="summary"')
    outcome = _run(saved_snapshot, image(width=150, height=150), head=head)
    too_small = _problem(outcome, "too-small")
    assert set(too_small.details["platforms"]) == {"Facebook"}
    assert "X (summary)" in outcome.details["platforms"]


def test_share_image_counts_a_small_card_and_cropping_as_half(saved_snapshot):
    outcome = _run(saved_snapshot, image(width=500, height=500))
    assert set(_problem(outcome, "small-card").details["platforms"]) == {"Facebook"}
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
