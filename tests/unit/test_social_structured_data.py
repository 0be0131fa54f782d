from __future__ import annotations

import json

from social_snapshots import html_page, snapshot

from audits.social.structured_data import structured_data

ORGANIZATION = {
    "@context": "https://schema.org",
    "@type": "Organization",
    "name": "Harbor & Pine",
    "logo": {"@type": "ImageObject", "url": "https://example.com/logo.png"},
    "sameAs": ["https://www.instagram.com/harborpine"],
}


def _script(data) -> str:
    text = data if isinstance(data, str) else json.dumps(data)
    return f'<script type="application/ld+json">{text}</script>'


def _run(saved_snapshot, *blocks):
    html = html_page("<title>t</title>" + "".join(_script(b) for b in blocks))
    return structured_data(snapshot(saved_snapshot("mobile-ready"), html))


def test_structured_data_passes_an_organization_with_name_logo_and_same_as(saved_snapshot):
    outcome = _run(saved_snapshot, ORGANIZATION)
    assert outcome.score == 1
    assert outcome.display == "Organization with name, logo and sameAs"


def test_structured_data_finds_the_brand_in_a_graph_and_subtypes(saved_snapshot):
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Harbor & Pine"},
        {**ORGANIZATION, "@type": "LocalBusiness"},
    ]}  # fmt: skip
    assert _run(saved_snapshot, graph).details["brand"]["name"] == "Harbor & Pine"
    assert _run(saved_snapshot, graph).score == 1


def test_structured_data_is_not_applicable_without_the_servers_html(saved_snapshot):
    outcome = structured_data(saved_snapshot("mobile-ready"))
    assert outcome.score is None


def test_structured_data_fails_without_json_ld(saved_snapshot):
    outcome = _run(saved_snapshot)
    assert outcome.score == 0
    assert outcome.findings[0].message.startswith("No JSON-LD")


def test_structured_data_reports_a_block_that_does_not_parse(saved_snapshot):
    outcome = _run(saved_snapshot, ORGANIZATION, '{"@type": "WebSite",}')
    (finding,) = outcome.findings
    assert finding.message.startswith("JSON-LD block 2 does not parse")
    assert finding.details["block"] == 2
    assert outcome.score == 0.5


def test_structured_data_names_what_the_organization_lacks(saved_snapshot):
    bare = {"@context": "https://schema.org", "@type": "Organization", "name": "Harbor & Pine"}
    outcome = _run(saved_snapshot, bare)
    assert outcome.findings[0].details["missing"] == ["logo", "sameAs"]
    assert outcome.score == 0.67
