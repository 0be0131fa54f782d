from __future__ import annotations

import dataclasses

import pytest
from social_snapshots import COMPLETE_HEAD, crawler_views, html_page, snapshot, social

from audits.social.crawler_visibility import crawler_visibility
from checker.model.results import CannotMeasure

HTML = html_page(COMPLETE_HEAD)


def _run(saved_snapshot, html: str = HTML, *, rendered: str | None = None, **facts):
    page = snapshot(
        saved_snapshot("mobile-ready"), html, rendered_html=rendered, facts=social(html, **facts)
    )
    return crawler_visibility(page)


def test_crawler_visibility_passes_when_every_crawler_gets_the_page(saved_snapshot):
    outcome = _run(saved_snapshot)
    assert outcome.score == 1
    assert outcome.display == "6 of 6 crawlers get the page"


def test_crawler_visibility_cannot_judge_without_crawler_facts(saved_snapshot):
    with pytest.raises(CannotMeasure, match="not fetched as link crawlers fetch it"):
        crawler_visibility(snapshot(saved_snapshot("mobile-ready"), HTML, facts=None))


def test_crawler_visibility_fails_crawlers_answered_with_an_error(saved_snapshot):
    views = crawler_views(HTML, status=403, head=None, html_bytes=10)
    outcome = _run(saved_snapshot, crawlers=views)
    assert outcome.score == 0
    assert outcome.findings[0].message == (
        "The page answers Facebook's crawler with HTTP 403: no preview."
    )


def test_crawler_visibility_names_a_crawler_robots_txt_blocks(saved_snapshot):
    views = crawler_views(HTML)
    views[1] = views[1].__class__(**{**views[1].__dict__, "robots_allowed": False})
    outcome = _run(saved_snapshot, crawlers=views)
    (finding,) = outcome.findings
    assert finding.message == "robots.txt disallows X's crawler: no preview there."
    assert outcome.score == 0.83


def test_crawler_visibility_flags_other_content_for_crawlers(saved_snapshot):
    other = html_page("<title>Just a moment...</title>")
    views = crawler_views(other)
    outcome = _run(saved_snapshot, crawlers=views)
    differences = outcome.findings[0].details["differences"]
    assert differences[0].startswith('title "Just a moment..." instead of')
    assert any("og:title" in d for d in differences)
    assert any("bytes of HTML" in d for d in differences)
    assert outcome.score == 0.5


def test_crawler_visibility_flags_tags_only_scripts_write(saved_snapshot):
    served = html_page("<title>Coffee</title>")
    outcome = _run(saved_snapshot, served, rendered=HTML)
    tags = [f.details["tag"] for f in outcome.findings]
    assert tags[:3] == ["description", "og:title", "og:type"]
    assert "twitter:card" in tags
    assert outcome.score == 0.7


def test_crawler_visibility_flags_noindex_in_x_robots_tag_and_nosnippet_in_meta(saved_snapshot):
    html = html_page(COMPLETE_HEAD + '<meta name="robots" content="nosnippet">')
    views = crawler_views(html, headers={"x-robots-tag": "noindex, nofollow"})
    outcome = _run(saved_snapshot, html, crawlers=views)
    where = {f.details["directive"]: f.details["where"] for f in outcome.findings}
    assert where == {
        "noindex": 'X-Robots-Tag "noindex, nofollow" (to facebook)',
        "nosnippet": 'meta robots "nosnippet"',
    }
    assert outcome.score == 0.7


def _silent(views, indexes, error):
    for i in indexes:
        views[i] = dataclasses.replace(views[i], status=None, head=None, html_bytes=0, error=error)


def test_crawler_visibility_fails_crawlers_that_get_no_answer_and_says_why(saved_snapshot):
    # Asked and got nothing: a finding for each, not "not applicable".
    views = crawler_views(HTML)
    _silent(views, (0, 1, 2), "timeout")
    _silent(views, (3, 4), "ConnectionRefusedError: [Errno 111] Connection refused")
    _silent(views, (5,), "RemoteDisconnected: Remote end closed connection without response")
    outcome = _run(saved_snapshot, crawlers=views)
    assert outcome.score == 0
    assert outcome.display == (
        "0 of 6 crawlers get the page; no answer for Facebook, X and LinkedIn (timed out); "
        "Slack and WhatsApp (connection refused); Discord (the connection closed without an "
        "answer)"
    )
    assert [f.message for f in outcome.findings][:2] == [
        "Facebook's crawler got no answer (timed out): no preview.",
        "X's crawler got no answer (timed out): no preview.",
    ]
    assert outcome.findings[3].details["error"] == (
        "ConnectionRefusedError: [Errno 111] Connection refused"
    )
    assert outcome.details["no_answer"]["slack"] == "connection refused"
    assert outcome.details["no_preview"]["discord"] == (
        "got no answer (the connection closed without an answer)"
    )


def test_crawler_visibility_names_only_the_crawlers_that_got_nothing(saved_snapshot):
    views = crawler_views(HTML)
    _silent(views, (1,), None)  # no error recorded: said plainly, never "None"
    views[2] = dataclasses.replace(views[2], status=403)
    outcome = _run(saved_snapshot, crawlers=views)
    assert outcome.score == 0.67
    assert outcome.display == "4 of 6 crawlers get the page; no answer for X (no reason given)"
    assert outcome.details["no_answer"] == {"x": "no reason given"}
    assert outcome.details["no_preview"] == {
        "x": "got no answer (no reason given)", "linkedin": "got HTTP 403",
    }  # fmt: skip
    assert "None" not in " ".join(f.message for f in outcome.findings)


def test_crawler_visibility_records_no_platform_without_a_preview_when_all_get_the_page(
    saved_snapshot,
):
    outcome = _run(saved_snapshot)
    assert outcome.details["no_answer"] == {}
    assert outcome.details["no_preview"] == {}


def test_crawler_visibility_says_no_title_rather_than_empty_quotes(saved_snapshot):
    # A crawler served a page without <title> or og:title: said in words, never "" or None.
    views = crawler_views(html_page("<meta charset='utf-8'>"))
    outcome = _run(saved_snapshot, crawlers=views)
    differences = outcome.findings[0].details["differences"]
    assert differences[:2] == [
        'no title instead of "Harbor & Pine Coffee: small-batch roasts"',
        'no og:title instead of "Harbor & Pine Coffee"',
    ]
    served = html_page("<title>Coffee</title>")
    views = crawler_views(html_page('<title>Coffee</title><meta property="og:title" content="C">'))
    outcome = _run(saved_snapshot, served, crawlers=views)
    assert 'og:title "C" instead of none' in outcome.findings[0].details["differences"]


def _view(views, name: str, **changes):
    return dataclasses.replace(views[0], crawler=name, user_agent=f"{name}-bot", **changes)


def test_crawler_visibility_covers_the_four_newer_platforms_crawlers(saved_snapshot):
    views = crawler_views(HTML)
    views += [_view(views, name) for name in ("bluesky", "threads", "telegram")]
    views.append(_view(views, "mastodon", status=403, head=None, html_bytes=10))
    outcome = _run(saved_snapshot, crawlers=views)
    assert outcome.display.startswith("9 of 10 crawlers get the page")
    assert outcome.details["no_preview"] == {"mastodon": "got HTTP 403"}
    assert outcome.findings[0].message == (
        "The page answers Mastodon's crawler with HTTP 403: no preview."
    )


def test_crawler_visibility_does_not_hold_robots_txt_against_mastodon(saved_snapshot):
    # Mastodon fetches link cards without reading robots.txt (FetchLinkCardService); Telegram
    # and Bluesky's CardyB read it (observed), so a Disallow costs them the preview.
    views = crawler_views(HTML)
    views += [_view(views, "mastodon", robots_allowed=False)]
    views += [_view(views, "telegram", robots_allowed=False)]
    outcome = _run(saved_snapshot, crawlers=views)
    assert outcome.details["crawlers"]["mastodon"] == 1
    assert outcome.details["crawlers"]["telegram"] == 0
    assert outcome.details["no_preview"] == {"telegram": "is disallowed by robots.txt"}
    (finding,) = outcome.findings
    assert finding.message == "robots.txt disallows Telegram's crawler: no preview there."
