from __future__ import annotations

import dataclasses

from audits.social.meta_description import meta_description
from checker.model.dom_facts import Tag
from checker.model.elements import Element


def test_meta_description_passes_with_a_description(saved_snapshot):
    outcome = meta_description(saved_snapshot("lemonde-1"))
    assert outcome.score == 1
    assert outcome.display.startswith("Largement approuvé par les députés")


def test_meta_description_fails_without_one(saved_snapshot):
    outcome = meta_description(saved_snapshot("ietf-1"))
    assert outcome.score == 0
    assert outcome.findings[0].message == "The meta description is missing."


def test_meta_description_fails_an_empty_one(saved_snapshot):
    snapshot = saved_snapshot("ietf-1")
    empty = Tag(
        Element('meta[name="description"]', snippet='<meta name="description" content="  ">'),
        {"name": "description", "content": "  "},
    )
    head = dataclasses.replace(snapshot.server_head, metas=[empty])
    outcome = meta_description(dataclasses.replace(snapshot, server_head=head))
    assert outcome.score == 0
    assert outcome.findings[0].message == "The meta description is empty."
    assert outcome.findings[0].snippet == '<meta name="description" content="  ">'


def test_meta_description_fails_one_only_scripts_write(saved_snapshot):
    outcome = meta_description(saved_snapshot("script-title"))
    assert outcome.score == 0
    assert "only appears after JavaScript runs" in outcome.findings[0].message


def _with_description(snapshot, content: str):
    tag = Tag(
        Element(
            'meta[name="description"]', snippet=f'<meta name="description" content="{content}">'
        ),
        {"name": "description", "content": content},
    )
    head = dataclasses.replace(snapshot.server_head, metas=[tag])
    return dataclasses.replace(snapshot, server_head=head)


def test_meta_description_scores_a_placeholder_half(saved_snapshot):
    outcome = meta_description(
        _with_description(saved_snapshot("ietf-1"), "Just another WordPress site")
    )
    assert outcome.score == 0.5
    assert "placeholder" in outcome.findings[0].message


def test_meta_description_notes_a_long_description_without_lowering_the_score(saved_snapshot):
    content = "Beans roasted every Tuesday. " * 7
    outcome = meta_description(_with_description(saved_snapshot("ietf-1"), content))
    assert outcome.score == 1
    (note,) = outcome.findings
    assert note.details == {"chars": len(content.strip()), "guidance": 160}
