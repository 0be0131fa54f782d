from __future__ import annotations

from social_snapshots import COMPLETE_HEAD, html_page, snapshot

from audits.social.twitter_card import twitter_card


def _run(saved_snapshot, head: str):
    return twitter_card(snapshot(saved_snapshot("mobile-ready"), html_page(head)))


def test_twitter_card_passes_a_large_image_card_with_open_graph_fallbacks(saved_snapshot):
    outcome = _run(saved_snapshot, COMPLETE_HEAD)
    assert outcome.score == 1
    assert outcome.value == "summary_large_image"


def test_twitter_card_fails_an_unknown_card_type(saved_snapshot):
    head = COMPLETE_HEAD.replace('content="summary_large_image"', 'content="gallery"')
    outcome = _run(saved_snapshot, head)
    assert outcome.score == 0
    assert 'twitter:card "gallery" is not a card X renders' in outcome.findings[0].message


def test_twitter_card_large_image_needs_an_image(saved_snapshot):
    head = '<title>t</title><meta name="twitter:card" content="summary_large_image">'
    head += '<meta name="twitter:title" content="Coffee">'
    outcome = _run(saved_snapshot, head)
    assert outcome.score == 0.5
    assert [f.details["missing"] for f in outcome.findings] == [
        "an image (twitter:image or og:image)"
    ]


def test_twitter_card_player_needs_https_player_size_and_site(saved_snapshot):
    head = (
        '<meta name="twitter:card" content="player"><meta name="twitter:title" content="T">'
        '<meta name="twitter:image" content="https://example.com/i.jpg">'
        '<meta name="twitter:player" content="http://example.com/player">'
    )
    missing = [f.details["missing"] for f in _run(saved_snapshot, head).findings]
    assert missing == [
        "an https:// twitter:player", "twitter:player:width", "twitter:player:height",
        "twitter:site or twitter:site:id",
    ]  # fmt: skip


def test_twitter_card_app_needs_an_app_id(saved_snapshot):
    head = '<meta name="twitter:card" content="app"><meta name="twitter:site" content="@a">'
    outcome = _run(saved_snapshot, head)
    assert outcome.score == 0.5
    assert "an app id" in outcome.findings[0].message


def test_twitter_card_absent_scores_half_when_open_graph_gives_a_summary(saved_snapshot):
    head = COMPLETE_HEAD.replace('<meta name="twitter:card" content="summary_large_image">', "")
    head += '<meta property="og:description" content="Beans.">'
    outcome = _run(saved_snapshot, head)
    assert outcome.score == 0.5
    assert "X may render a small summary card" in outcome.findings[0].message


def test_twitter_card_absent_without_open_graph_fails(saved_snapshot):
    outcome = _run(saved_snapshot, "<title>Coffee</title>")
    assert outcome.score == 0
    assert outcome.findings[0].message == "twitter:card is missing."


def test_twitter_card_notes_a_title_over_70_characters_without_lowering_the_score(
    saved_snapshot,
):
    head = COMPLETE_HEAD + f'<meta name="twitter:title" content="{"x" * 80}">'
    outcome = _run(saved_snapshot, head)
    assert outcome.score == 1
    assert outcome.findings[0].details["chars"] == 80


def _with_site(site: str) -> str:
    return COMPLETE_HEAD + f'<meta name="twitter:site" content="{site}">'


def test_twitter_card_passes_a_twitter_site_handle(saved_snapshot):
    for handle in ("@harborpine", "@mnt", "@Harbor_Pine_24"):
        outcome = _run(saved_snapshot, _with_site(handle))
        assert outcome.score == 1, handle
        assert outcome.findings == []


def test_twitter_card_flags_a_twitter_site_without_the_at(saved_snapshot):
    # As folha's <meta name="twitter:site" content="folha">.
    outcome = _run(saved_snapshot, _with_site("folha"))
    assert outcome.score == 0.5
    (finding,) = outcome.findings
    assert finding.message == (
        'twitter:site "folha" is not an X handle: it does not start with @. X wants the site\'s '
        "@username there, an @ and at most 15 letters, digits or underscores (here perhaps "
        "@folha)."
    )
    assert finding.selector == 'meta[name="twitter:site"]'
    assert finding.details["value"] == "folha"
    assert outcome.display == (
        'twitter:card summary_large_image; twitter:site "folha" is not an X handle'
    )


def test_twitter_card_flags_a_twitter_site_that_is_a_name_with_spaces(saved_snapshot):
    # As simplyfound's <meta name="twitter:site" content="SIMPLYFOUND.COM | BY JOE WEE">.
    outcome = _run(saved_snapshot, _with_site("SIMPLYFOUND.COM | BY JOE WEE"))
    (finding,) = outcome.findings
    assert finding.details["problems"] == [
        "it does not start with @",
        "it has spaces",
        "it has characters X does not allow in a username: . |",
        "28 characters for the username, X allows 15",
    ]
    assert finding.details["suggested"] is None
    assert "(here perhaps" not in finding.message
    assert '"SIMPLYFOUND.COM | BY JOE WEE"' in finding.message


def test_twitter_card_flags_backticks_and_overlong_handles(saved_snapshot):
    backticks = _run(saved_snapshot, _with_site("`@harborpine`")).findings[0]
    assert backticks.details["problems"] == [
        "it does not start with @", "it has characters X does not allow in a username: ` @",
    ]  # fmt: skip
    assert backticks.details["suggested"] == "@harborpine"
    long = _run(saved_snapshot, _with_site("@harborpinecoffeeroasters")).findings[0]
    assert long.details["problems"] == ["24 characters for the username, X allows 15"]
    dashed = _run(saved_snapshot, _with_site("@harbor-pine")).findings[0]
    assert dashed.details["problems"] == ["it has characters X does not allow in a username: -"]
    assert _run(saved_snapshot, _with_site("@")).findings[0].details["problems"] == [
        "nothing follows the @"
    ]


def test_twitter_card_flags_a_bad_twitter_site_without_a_card_too(saved_snapshot):
    head = '<title>t</title><meta name="twitter:site" content="https://x.com/harborpine">'
    outcome = _run(saved_snapshot, head)
    assert outcome.score == 0
    missing, site = outcome.findings
    assert missing.message == "twitter:card is missing."
    assert site.message.startswith('twitter:site "https://x.com/harborpine" is not an X handle')
    assert site.details["problems"] == [
        "it does not start with @",
        "it has characters X does not allow in a username: : / .",
        "24 characters for the username, X allows 15",
    ]
