from __future__ import annotations

import dataclasses

from audits.common.viewport_tag import parse_viewport
from audits.layout.viewport import viewport
from checker.model.dom_facts import Tag
from checker.model.elements import Element
from checker.model.snapshot import PageSnapshot


def _with_viewports(snapshot: PageSnapshot, *contents: str) -> PageSnapshot:
    metas = [
        Tag(
            Element('meta[name="viewport"]', snippet=f'<meta content="{c}">'),
            {"name": "viewport", "content": c},
        )
        for c in contents
    ]
    head = dataclasses.replace(snapshot.dom.head, metas=metas)
    return dataclasses.replace(snapshot, dom=dataclasses.replace(snapshot.dom, head=head))


def test_viewport_passes_device_width(saved_snapshot):
    outcome = viewport(saved_snapshot("mobile-ready"))
    assert outcome.score == 1
    assert outcome.value == "width=device-width, initial-scale=1"
    assert outcome.findings == []


def test_viewport_passes_two_tags_that_agree(saved_snapshot):
    # bbc-1 has two tags: initial-scale=1.0 and initial-scale=1 are the same layout.
    outcome = viewport(saved_snapshot("bbc-1"))
    assert outcome.score == 1


def test_viewport_fails_without_a_viewport_meta(saved_snapshot):
    outcome = viewport(saved_snapshot("lemonde-1"))
    assert outcome.score == 0
    assert "No viewport meta tag" in outcome.display
    assert outcome.findings[0].selector == "head"


def test_viewport_fails_a_fixed_pixel_width(saved_snapshot):
    outcome = viewport(saved_snapshot("cnn"))
    assert outcome.score == 0
    assert "fixed width of 1140 px" in outcome.display
    assert outcome.findings[0].selector == 'meta[name="viewport"]'
    assert "width=1140" in outcome.findings[0].snippet


def test_viewport_fails_a_width_with_units(saved_snapshot):
    outcome = viewport(saved_snapshot("salon-1"))
    assert outcome.score == 0
    assert '"660px", not device-width' in outcome.display


def test_viewport_fails_initial_scale_below_one(saved_snapshot):
    outcome = viewport(
        _with_viewports(saved_snapshot("mobile-ready"), "width=device-width, initial-scale=0.5")
    )
    assert outcome.score == 0
    assert "initial-scale=0.5" in outcome.display


def test_viewport_fails_conflicting_tags_and_names_each(saved_snapshot):
    snapshot = _with_viewports(
        saved_snapshot("mobile-ready"), "width=1024", "width=device-width, initial-scale=1"
    )
    outcome = viewport(snapshot)
    assert outcome.score == 0
    assert "2 viewport tags disagree" in outcome.display
    assert len(outcome.findings[0].related) == 1


def test_viewport_does_not_apply_to_desktop(saved_snapshot):
    outcome = viewport(saved_snapshot("lemonde-1", "desktop"))
    assert outcome.score is None


def test_parse_viewport_reads_keys_case_insensitively_with_either_separator():
    assert parse_viewport("Width=Device-Width; Initial-Scale=1 ,user-scalable=no") == {
        "width": "device-width",
        "initial-scale": "1",
        "user-scalable": "no",
    }


def test_viewport_passes_initial_scale_alone_as_browsers_use_the_device_width(saved_snapshot):
    outcome = viewport(_with_viewports(saved_snapshot("mobile-ready"), "initial-scale=1.0"))
    assert outcome.score == 1


def test_viewport_fails_a_tag_with_neither_width_nor_scale(saved_snapshot):
    outcome = viewport(_with_viewports(saved_snapshot("mobile-ready"), "user-scalable=yes"))
    assert outcome.score == 0
    assert "sets no width" in outcome.display
