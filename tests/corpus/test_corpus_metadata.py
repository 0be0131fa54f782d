"""extract_metadata on every page of the corpus (--corpus DIR), held to the corpus's own facts.

The facts (<corpus>/pages/<page>/facts.json) were extracted from the same files by the
corpus's tools/extract_facts.py (BeautifulSoup over lxml); readiness reads them with lxml
alone. Pure: no browser, no server; each page is parsed once
for all its tests.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.model.serde import to_data
from checker.social.metadata import SocialMetadata, extract_metadata
from checker.social.preview import resolve_previews

CORPUS_SIZE = 60

# Not in the facts: counted in the pages' HTML (grep, then by eye where a tag spans lines).
OEMBED_LINKS = {
    "firefox-nightly-blog": 2,
    "nytimes-1": 1,
    "pixnet": 2,
    "spiceworks": 2,
    "tumblr": 1,  # its title attribute runs over several lines
    "wikia": 2,
    "wordpress": 2,
}
THEME_COLORS = {
    "aclu": ["#ffffff"],
    "ars-1": ["#000000"],
    "bbc-1": ["#bb1919"],
    "citylab-1": ["#000000", "#0ab961"],
    "guardian-1": ["#052962"],
    "royal-road": ["#FFFFFF"],
    "v8-blog": ["#4285F4"],
    "yahoo-1": ["#400090"],
}


def test_the_corpus_has_every_page(corpus: Path, corpus_names: list[str]):
    assert len(corpus_names) == CORPUS_SIZE, f"expected {CORPUS_SIZE} corpus pages in {corpus}"


@pytest.fixture
def read(corpus: Path) -> Callable[[str], tuple[SocialMetadata, dict[str, Any]]]:
    return functools.partial(_read, corpus)


@functools.cache
def _read(corpus: Path, page: str) -> tuple[SocialMetadata, dict[str, Any]]:
    facts = json.loads((corpus / page / "facts.json").read_text(encoding="utf-8"))
    # As the facts were made: the bytes read as UTF-8, bad sequences replaced.
    html = (corpus / page / "index.html").read_bytes().decode("utf-8", errors="replace")
    return extract_metadata(html, f"http://127.0.0.1:8000/{page}/"), facts


def _squashed(value: Any) -> Any:
    """Whitespace aside: runs collapsed and ends trimmed, in strings and lists of them."""
    if isinstance(value, list):
        return [_squashed(v) for v in value]
    if isinstance(value, dict):
        return {k: _squashed(v) for k, v in value.items()}
    return " ".join(value.split()) if isinstance(value, str) else value


def _first_non_empty(value: str | list[str | None] | None) -> str | None:
    values = value if isinstance(value, list) else [value]
    return next((v.strip() for v in values if v and v.strip()), None)


def test_social_tags_match_the_facts(page: str, read):
    meta, facts = read(page)
    assert _squashed(meta.og) == _squashed(facts["og"]), page
    assert _squashed(meta.twitter) == _squashed(facts["twitter"]), page
    assert _squashed(meta.fb) == _squashed(facts["fb"]), page
    tags = [{"attr": t.attr, "key": t.key, t.value_attr: t.value} for t in meta.tags]
    assert tags == facts["social_meta_tags"], page


def test_title_description_canonical_and_lang_match_the_facts(page: str, read):
    meta, facts = read(page)
    assert meta.title == (facts["title"] or None), page
    assert meta.description == _first_non_empty(facts["meta_description"]), page
    assert meta.canonical == _first_non_empty(facts["canonical"]), page
    assert meta.lang == _first_non_empty(facts["html_lang"]), page


def test_jsonld_matches_the_facts(page: str, read):
    meta, facts = read(page)
    expected = facts["jsonld"]
    assert len(meta.jsonld.blocks) == expected["blocks"], page
    assert meta.jsonld.types == expected["types"], page
    # The facts cut each message at 200 characters.
    assert [e[:200] for e in meta.jsonld.parse_errors] == expected["parse_errors"], page
    assert to_data(meta.jsonld.organizations) == expected["organizations"], page
    assert meta.jsonld.same_as == expected["same_as_all"], page


def test_icons_match_the_facts(page: str, read):
    meta, facts = read(page)
    icons = [
        {k: v for k, v in to_data(icon).items() if k != "url" and (v is not None or k == "href")}
        for icon in meta.icons.links
    ]
    assert icons == facts["icons"], page
    assert bool(meta.icons.apple_touch_icons) == facts["has_apple_touch_icon"], page
    assert (meta.icons.manifest is not None) == facts["has_manifest"], page


def test_oembed_links_and_theme_colours_are_found(page: str, read):
    meta, _ = read(page)
    assert len(meta.oembed) == OEMBED_LINKS.get(page, 0), page
    if page in THEME_COLORS:
        assert [c.content for c in meta.icons.theme_colors] == THEME_COLORS[page], page


def test_the_broken_jsonld_block_of_telegraph_is_kept_and_explained(read):
    meta, _ = read("telegraph")
    (broken,) = [b for b in meta.jsonld.blocks if b.error]
    assert broken.index == 2
    assert broken.excerpt is not None and "& #34;@context" in broken.excerpt


def test_every_page_resolves_a_json_ready_preview_for_every_platform(page: str, read):
    meta, facts = read(page)
    url = f"http://127.0.0.1:8000/{page}/"
    previews = resolve_previews(meta, url)
    json.dumps(to_data(previews))
    json.dumps(to_data(meta))
    og_title = _first_non_empty(facts["og"].get("og:title"))
    if og_title:
        assert previews["facebook"].title == " ".join(og_title.split()), page
    else:
        assert previews["facebook"].title == (facts["title"] or None), page
    for preview in previews.values():
        assert preview.url is not None and preview.url.startswith("http"), page
        assert preview.image is None or preview.image.startswith(("http://", "https://")), page
