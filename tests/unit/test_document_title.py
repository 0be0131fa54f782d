from __future__ import annotations

import dataclasses

from audits.social.document_title import document_title


def test_document_title_passes_with_the_servers_title(saved_snapshot):
    outcome = document_title(saved_snapshot("cnn"))
    assert outcome.score == 1
    assert outcome.display == "The 'birth lottery' and economic mobility - Feb. 1, 2016"
    assert outcome.value == len(outcome.display)


def test_document_title_fails_an_empty_title(saved_snapshot):
    outcome = document_title(saved_snapshot("article-author-tag"))
    assert outcome.score == 0
    assert outcome.findings[0].message == "The <title> is missing."


def test_document_title_fails_a_title_only_scripts_write(saved_snapshot):
    snapshot = saved_snapshot("script-title")
    assert snapshot.dom.head.title == "Title written by a script"
    outcome = document_title(snapshot)
    assert outcome.score == 0
    finding = outcome.findings[0]
    assert "only appears after JavaScript runs" in finding.message
    assert finding.snippet == "Title written by a script"
    assert finding.details == {"rendered_only": True}


def test_document_title_applies_on_every_device(saved_snapshot):
    assert document_title(saved_snapshot("cnn", "desktop")).score == 1


def _with_title(snapshot, title: str):
    head = dataclasses.replace(snapshot.server_head, title=title, title_count=1)
    return dataclasses.replace(snapshot, server_head=head)


def test_document_title_scores_a_template_default_half(saved_snapshot):
    outcome = document_title(_with_title(saved_snapshot("cnn"), "Untitled Document"))
    assert outcome.score == 0.5
    assert outcome.findings[0].details == {"boilerplate": True}


def test_document_title_keeps_a_site_name_title_passing(saved_snapshot):
    assert document_title(_with_title(saved_snapshot("cnn"), "CNNMoney")).score == 1


def test_document_title_notes_a_long_title_without_lowering_the_score(saved_snapshot):
    title = "A complete but long title that goes on about the economy and mobility in 2016"
    outcome = document_title(_with_title(saved_snapshot("cnn"), title))
    assert outcome.score == 1
    (note,) = outcome.findings
    assert note.details == {"chars": len(title), "guidance": 60}
    assert "does not lower the score" in note.message
