from __future__ import annotations

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
