"""The metadata a report carries is bounded, whatever a hostile page puts in it."""

from __future__ import annotations

from checker.judge.metadata import MAX_ITEMS, MAX_TEXT, bounded


def test_report_metadata_is_bounded_whatever_the_page_holds():
    huge = {"description": "x" * 1_000_000, "images": [{"url": "u"}] * 5000}
    kept = bounded(huge)
    assert len(kept["description"]) == MAX_TEXT and kept["description"].endswith("…")
    assert len(kept["images"]) == MAX_ITEMS
    assert bounded({"title": "Short"}) == {"title": "Short"}
