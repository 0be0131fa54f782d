from __future__ import annotations

import pytest
from social_snapshots import COMPLETE_HEAD, PAGE_URL, html_page, snapshot, social

from audits.social.canonical import canonical
from checker.model.results import CannotMeasure
from checker.model.social_facts import UrlCheck

SELF = f'<link rel="canonical" href="{PAGE_URL}">'
ANSWERS_200 = UrlCheck(PAGE_URL, 200)


def _run(saved_snapshot, head: str, check: UrlCheck | None = ANSWERS_200, **kw):
    html = html_page(head)
    facts = social(html, canonical=check)
    return canonical(snapshot(saved_snapshot("mobile-ready"), html, facts=facts, **kw))


def test_canonical_passes_one_absolute_canonical_answering_200(saved_snapshot):
    outcome = _run(saved_snapshot, COMPLETE_HEAD)
    assert outcome.score == 1
    assert outcome.value == PAGE_URL


def test_canonical_is_not_applicable_without_one_as_in_lighthouse(saved_snapshot):
    outcome = _run(saved_snapshot, "<title>t</title>", check=None)
    assert outcome.score is None
    assert "not applicable, as in Lighthouse" in outcome.display


def test_canonical_fails_a_relative_url(saved_snapshot):
    outcome = _run(saved_snapshot, '<link rel="canonical" href="/coffee/">')
    assert outcome.score == 0
    assert "is not a full http(s) URL" in outcome.findings[0].message


def test_canonical_fails_two_different_urls(saved_snapshot):
    head = SELF + '<link rel="canonical" href="https://example.com/tea/">'
    outcome = _run(saved_snapshot, head)
    assert outcome.score == 0
    assert outcome.findings[0].message.startswith("2 different canonical URLs")
    assert outcome.findings[0].related[0].snippet == f'<link rel="canonical" href="{PAGE_URL}">'


def test_canonical_passes_the_same_url_twice_with_a_note(saved_snapshot):
    outcome = _run(saved_snapshot, SELF + SELF.replace("coffee/", "coffee"))
    assert outcome.score == 1
    assert "name the same URL" in outcome.findings[0].message


def test_canonical_passes_another_site_with_a_note_to_check_it_is_the_original(saved_snapshot):
    # Google accepts cross-domain canonicals, Bing recommends them for syndicated copies and
    # Lighthouse has no domain check: a copy naming its original is right, not a failure.
    original = "https://www.example.net/news/coffee/"
    other = _run(
        saved_snapshot,
        f'<link rel="canonical" href="{original}">',
        check=UrlCheck(original, 200),
    )
    assert other.score == 1
    assert other.value == original
    assert other.findings == []
    assert other.details["note"] == (
        "The canonical is on another host (www.example.net): check it is the original of this "
        "page. Search engines then list that address instead of this one."
    )
    assert "Bing" not in other.display and "Yahoo" not in other.display


def test_canonical_notes_no_other_host_for_another_subdomain_of_the_same_site(saved_snapshot):
    www = _run(
        saved_snapshot,
        '<link rel="canonical" href="https://www.example.co.uk/coffee/">',
        url="https://shop.example.co.uk/coffee/",
    )
    assert www.score == 1
    assert "note" not in www.details
    assert "note" not in _run(saved_snapshot, COMPLETE_HEAD).details


def test_canonical_on_another_site_still_fails_when_its_target_answers_404(saved_snapshot):
    original = "https://www.example.net/news/coffee/"
    outcome = _run(
        saved_snapshot,
        f'<link rel="canonical" href="{original}">',
        check=UrlCheck(original, 404),
    )
    assert outcome.score == 0
    assert outcome.display == "The canonical URL answers HTTP 404."
    assert "another host (www.example.net)" in outcome.findings[0].details["note"]


def test_canonical_fails_the_home_page_from_a_deeper_page(saved_snapshot):
    outcome = _run(saved_snapshot, '<link rel="canonical" href="https://example.com/">')
    assert outcome.score == 0
    assert "home page" in outcome.findings[0].message


def test_canonical_fails_a_canonical_that_redirects(saved_snapshot):
    check = UrlCheck(PAGE_URL, 301, location="https://example.com/coffee-beans/")
    outcome = _run(saved_snapshot, SELF, check=check)
    assert outcome.score == 0
    assert "redirects (HTTP 301) to https://example.com/coffee-beans/" in outcome.display


def test_canonical_fails_a_canonical_that_answers_404(saved_snapshot):
    outcome = _run(saved_snapshot, SELF, check=UrlCheck(PAGE_URL, 404))
    assert outcome.display == "The canonical URL answers HTTP 404."


def test_canonical_without_crawler_facts_cannot_be_judged_never_passes(saved_snapshot):
    page = snapshot(saved_snapshot("mobile-ready"), html_page(SELF), facts=None)
    with pytest.raises(CannotMeasure, match="could not be checked"):
        canonical(page)


def test_canonical_whose_target_block_external_kept_from_fetching_is_an_error(saved_snapshot):
    blocked = UrlCheck(PAGE_URL, None, error="blocked: another host than the audited pages'")
    with pytest.raises(CannotMeasure) as raised:
        _run(saved_snapshot, SELF, check=blocked)
    message = str(raised.value)
    assert message == (
        "The canonical address is on example.com, which --block-external kept readiness from "
        "fetching; run without --block-external to check it."
    )
    assert "blocked: another host" not in message


def test_canonical_whose_target_timed_out_is_an_error_naming_why(saved_snapshot):
    with pytest.raises(CannotMeasure, match=r"could not be checked \(timeout\)"):
        _run(saved_snapshot, SELF, check=UrlCheck(PAGE_URL, None, error="timeout"))
