"""ai-crawlers on saved snapshots: each AI crawler's verdict from robots.txt (Protego) and the
robots meta tags, with the rule that decides; it fails only a page that keeps every AI search
and assistant crawler out while [ai] want = "found"."""

from __future__ import annotations

import dataclasses

import pytest
from social_snapshots import COMPLETE_HEAD, html_page, snapshot, social

from audits.common.ai_crawler_table import AI_CRAWLERS
from audits.social.ai_crawlers import ai_crawlers
from checker.model.results import CannotMeasure
from checker.model.social_facts import UrlCheck

ROBOTS_URL = "https://example.com/robots.txt"
REQUIRED = {"GPTBot", "OAI-SearchBot", "ChatGPT-User", "ClaudeBot", "Claude-SearchBot",
            "PerplexityBot", "Google-Extended", "Applebot-Extended", "CCBot", "Bytespider",
            "meta-externalagent"}  # fmt: skip
SHUT_OUT_FINDERS = "\n".join(
    f"User-agent: {c.token}\nDisallow: /\n" for c in AI_CRAWLERS if c.purpose in ("search", "user")
)


def _run(saved_snapshot, robots: str | None, *, head: str = COMPLETE_HEAD, status: int = 200,
         want: str = "either", headers=None):  # fmt: skip
    html = html_page(head)
    facts = social(html, robots_txt=UrlCheck(ROBOTS_URL, status), robots_text=robots, ai_want=want)
    page = snapshot(saved_snapshot("mobile-ready"), html, facts=facts)
    if headers:
        page = dataclasses.replace(
            page, document=dataclasses.replace(page.document, headers=headers)
        )
    outcome = ai_crawlers(page)
    return outcome, {row["name"]: row for row in outcome.details["crawlers"]}


def test_every_required_crawler_is_listed_with_its_purpose(saved_snapshot):
    outcome, rows = _run(saved_snapshot, "User-agent: *\nAllow: /\n")
    assert set(rows) >= REQUIRED
    assert rows["GPTBot"]["purpose"] == "training"
    assert rows["OAI-SearchBot"]["purpose"] == "search"
    assert rows["ChatGPT-User"]["purpose"] == "user"
    assert outcome.score == 1
    assert outcome.display == f"All {len(rows)} AI crawlers may read the page"


def test_gptbot_shut_out_alone(saved_snapshot):
    outcome, rows = _run(
        saved_snapshot, "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    )
    assert rows["GPTBot"] == {
        **rows["GPTBot"],
        "allowed": False,
        "rule": "User-agent: GPTBot / Disallow: /",
    }
    assert rows["ClaudeBot"]["allowed"] is True
    assert rows["ClaudeBot"]["rule"] == "User-agent: * / Allow: /"
    assert outcome.score == 1
    assert outcome.display == f"1 of {len(rows)} AI crawlers kept out: GPTBot"


def test_the_longest_match_decides_and_is_named(saved_snapshot):
    robots = "User-agent: ClaudeBot\nDisallow: /\nAllow: /coffee/\n"
    _, rows = _run(saved_snapshot, robots)
    assert rows["ClaudeBot"]["allowed"] is True
    assert rows["ClaudeBot"]["rule"] == "User-agent: ClaudeBot / Allow: /coffee/"
    _, rows = _run(saved_snapshot, "User-agent: ClaudeBot\nDisallow: /coffee\n")
    assert rows["ClaudeBot"]["allowed"] is False


def test_without_robots_txt_everything_is_allowed_and_unreachable_means_disallow(saved_snapshot):
    _, rows = _run(saved_snapshot, None, status=404)
    assert rows["GPTBot"]["allowed"] is True
    assert "no robots.txt (HTTP 404)" in rows["GPTBot"]["rule"]
    _, rows = _run(saved_snapshot, None, status=503)
    assert rows["GPTBot"]["allowed"] is False
    assert "unreachable (HTTP 503)" in rows["GPTBot"]["rule"]
    _, rows = _run(saved_snapshot, "User-agent: SomeOtherBot\nDisallow: /\n")
    assert rows["GPTBot"]["allowed"] is True
    assert rows["GPTBot"]["rule"] == "robots.txt has no group for it or *: allowed"


def test_meta_tags_named_for_a_crawler_and_noindex_for_search(saved_snapshot):
    head = COMPLETE_HEAD + '<meta name="GPTBot" content="noindex">'
    _, rows = _run(saved_snapshot, "", head=head)
    assert rows["GPTBot"]["allowed"] is False
    assert rows["GPTBot"]["rule"] == '<meta name="gptbot" content="noindex">'
    assert rows["ClaudeBot"]["allowed"] is True
    head = COMPLETE_HEAD + '<meta name="robots" content="noindex">'
    _, rows = _run(saved_snapshot, "", head=head)
    assert rows["OAI-SearchBot"]["allowed"] is False  # an AI search index honours noindex
    assert rows["GPTBot"]["allowed"] is True  # training is another question
    _, rows = _run(saved_snapshot, "", headers={"X-Robots-Tag": "ClaudeBot: none"})
    assert rows["ClaudeBot"]["allowed"] is False
    assert rows["Google-Extended"]["allowed"] is True


def test_it_fails_only_when_the_site_wants_to_be_found_and_every_finder_is_out(saved_snapshot):
    outcome, _ = _run(saved_snapshot, SHUT_OUT_FINDERS)
    assert outcome.score == 1
    outcome, rows = _run(saved_snapshot, SHUT_OUT_FINDERS, want="found")
    assert outcome.score == 0
    assert {f.details["crawler"] for f in outcome.findings} == {
        name for name, row in rows.items() if row["purpose"] in ("search", "user")
    }
    outcome, _ = _run(saved_snapshot, "User-agent: GPTBot\nDisallow: /\n", want="found")
    assert outcome.score == 1


def test_without_crawler_facts_it_cannot_judge(saved_snapshot):
    page = snapshot(saved_snapshot("mobile-ready"), html_page(COMPLETE_HEAD), facts=None)
    with pytest.raises(CannotMeasure):
        ai_crawlers(page)


def test_the_report_shows_every_crawler_in_a_table_in_words(saved_snapshot):
    from checker.report.html import _table

    _, rows = _run(saved_snapshot, "User-agent: GPTBot\nDisallow: /\n")
    outcome, _ = _run(saved_snapshot, "User-agent: GPTBot\nDisallow: /\n")
    table = _table(outcome.details)
    assert table is not None
    assert table.columns == [
        "Crawler",
        "Owner",
        "Reads pages for",
        "May read this page",
        "Decided by",
    ]
    gptbot = next(row for row in table.rows if row[0] == "GPTBot")
    assert gptbot == [
        "GPTBot",
        "OpenAI",
        "training AI models",
        "no",
        "User-agent: GPTBot / Disallow: /",
    ]
    assert len(table.rows) == len(rows)


def test_a_snapshot_without_robots_txt_text_cannot_be_judged(saved_snapshot):
    with pytest.raises(CannotMeasure, match="not in this snapshot"):
        _run(saved_snapshot, None, status=200)
