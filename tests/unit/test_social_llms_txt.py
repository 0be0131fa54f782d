"""llms-txt on saved snapshots, judged as Lighthouse 13's llms-txt audit judges the file."""

from __future__ import annotations

import pytest
from social_snapshots import COMPLETE_HEAD, html_page, snapshot, social

from audits.social.llms_txt import llms_txt
from checker.model.results import CannotMeasure
from checker.model.social_facts import TextFile

URL = "https://example.com/llms.txt"
VALID = """# Harbor & Pine Coffee

> Small-batch coffee roasted every Tuesday in Portland.

## Shop
- [Beans](https://example.com/beans): every roast we sell
"""


def _run(saved_snapshot, llms: TextFile | None):
    html = html_page(COMPLETE_HEAD)
    return llms_txt(
        snapshot(saved_snapshot("mobile-ready"), html, facts=social(html, llms_txt=llms))
    )


def test_a_valid_file_passes(saved_snapshot):
    outcome = _run(saved_snapshot, TextFile(URL, 200, VALID, "text/plain"))
    assert outcome.score == 1
    assert outcome.display == '"Harbor & Pine Coffee", 1 link'


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        (VALID.replace("# Harbor", "Harbor"), ["title"]),
        (VALID.replace("[Beans](https://example.com/beans)", "Beans"), ["link"]),
        ("# Hi\n[a](b)", ["substance"]),
        (
            "## Only a section\nplain words and nothing else, long enough to count",
            ["title", "link"],
        ),
    ],
)
def test_what_is_missing_fails_and_is_named(saved_snapshot, text, missing):
    outcome = _run(saved_snapshot, TextFile(URL, 200, text, "text/plain"))
    assert outcome.score == 0
    assert [f.details["missing"] for f in outcome.findings] == missing
    assert outcome.details["missing"] == missing


def test_no_file_is_not_applicable_and_a_server_error_fails(saved_snapshot):
    assert _run(saved_snapshot, TextFile(URL, 404, "not found")).score is None
    outcome = _run(saved_snapshot, TextFile(URL, 503, ""))
    assert outcome.score == 0
    assert "HTTP 503" in outcome.findings[0].message


def test_an_app_that_answers_every_path_with_its_page_has_no_file(saved_snapshot):
    page = TextFile(
        URL, 200, "<!DOCTYPE html><html><body># not markdown</body></html>", "text/html"
    )
    outcome = _run(saved_snapshot, page)
    assert outcome.score is None
    assert "HTML page" in outcome.display
    markdown_mislabelled = TextFile(URL, 200, VALID, "text/html; charset=utf-8")
    assert _run(saved_snapshot, markdown_mislabelled).score == 1


def test_no_answer_is_an_error_never_a_verdict(saved_snapshot):
    with pytest.raises(CannotMeasure, match="timed out"):
        _run(saved_snapshot, TextFile(URL, None, error="timed out"))
    with pytest.raises(CannotMeasure):
        _run(saved_snapshot, None)
