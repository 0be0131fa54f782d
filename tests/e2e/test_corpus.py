"""Every page of the shared corpus of real saved pages, audited in real Chromium.

Their images, styles and scripts point at hosts that are blocked here (as everything but
127.0.0.1 is in tests), so this is also a test that broken subresources break nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import Config, audit_urls
from checker.localserver import serve_directory

CORPUS = Path(__file__).parents[3] / "shared" / "corpus" / "pages"


@pytest.fixture(scope="module")
def corpus_run():
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing: {CORPUS}")
    names = sorted(p.name for p in CORPUS.iterdir() if (p / "index.html").is_file())
    with serve_directory(CORPUS) as base_url:
        config = Config(devices=("iphone-se",), block_external=True, timeout=30)
        run = audit_urls([f"{base_url}{name}/" for name in names], config)
    facts = {n: json.loads((CORPUS / n / "facts.json").read_text()) for n in names}
    return dict(zip(names, run.pages, strict=True)), facts


def test_every_corpus_page_is_audited_without_audit_errors(corpus_run):
    pages, _ = corpus_run
    assert len(pages) >= 60
    for name, page in pages.items():
        assert page.status == "ok", (name, page.error)
        (device,) = page.devices
        broken = {id: a.error for id, a in device.audits.items() if a.error}
        assert broken == {}, name


def test_corpus_pages_without_a_viewport_meta_never_pass_viewport(corpus_run):
    pages, facts = corpus_run
    without = [n for n in pages if not facts[n]["has_viewport_meta"]]
    assert len(without) >= 10
    for name in without:
        # Scripts could add a viewport tag at run time; none of these pages does.
        assert pages[name].devices[0].audits["viewport"].score == 0, name


def test_corpus_titles_match_the_static_facts(corpus_run):
    pages, facts = corpus_run
    for name, page in pages.items():
        expected = facts[name]["title"] or None
        assert page.metadata["title"] == expected, name
