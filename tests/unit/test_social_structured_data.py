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


ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Obama admits US gun laws are his 'biggest frustration'",
    "author": {"@type": "Person", "name": "Jon Sopel"},
    "publisher": {
        "@type": "Organization",
        "name": "BBC News",
        "logo": "https://example.com/bbc_news_logo.png",
    },
}


def test_structured_data_does_not_ask_an_articles_publisher_for_same_as(saved_snapshot):
    # As bbc-1, cnn and most news pages: the publisher nested in the article has a name and a
    # logo; Google asks for sameAs on the home or about page's Organization, not here.
    outcome = _run(saved_snapshot, ARTICLE)
    assert outcome.score == 1
    assert outcome.findings == []
    assert outcome.display == "NewsArticle names its author and publisher: Jon Sopel, BBC News"
    assert outcome.details["brand"] is None


def test_structured_data_still_asks_a_top_level_organization_for_same_as(saved_snapshot):
    bare = {k: v for k, v in ORGANIZATION.items() if k != "sameAs"}
    outcome = _run(saved_snapshot, bare, ARTICLE)
    (finding,) = outcome.findings
    assert finding.message == "The Organization node has no sameAs."
    assert outcome.score == 0.88  # 0.5 + 0.5 * (name, logo, the article named: 3 of 4)


def test_structured_data_takes_a_graph_node_that_only_publishes_the_article_as_its_publisher(
    saved_snapshot,
):
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "BlogPosting", "headline": "Tuesday roasts",
         "publisher": {"@id": "https://example.com/#org"}},
        {"@type": "Organization", "@id": "https://example.com/#org", "name": "Harbor & Pine"},
    ]}  # fmt: skip
    outcome = _run(saved_snapshot, graph)
    assert outcome.score == 1
    assert outcome.details["brand"] is None
    # Without a logo the publisher is noted, not failed: Google recommends one.
    (note,) = outcome.findings
    assert note.details["note"] is True
    assert "Harbor & Pine, has no logo" in note.message
    assert outcome.display == "BlogPosting names its publisher: Harbor & Pine"


def test_structured_data_judges_a_graph_organization_the_website_names_as_the_brand(
    saved_snapshot,
):
    # Yoast's shape: the Organization publishes the WebSite too, so it declares the brand.
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "Tuesday roasts",
         "author": {"@id": "https://example.com/#ana"},
         "publisher": {"@id": "https://example.com/#org"}},
        {"@type": "WebSite", "name": "Harbor & Pine",
         "publisher": {"@id": "https://example.com/#org"}},
        {"@type": "Organization", "@id": "https://example.com/#org", "name": "Harbor & Pine",
         "logo": "https://example.com/logo.png"},
        {"@type": "Person", "@id": "https://example.com/#ana", "name": "Ana Roaster"},
    ]}  # fmt: skip
    outcome = _run(saved_snapshot, graph)
    (finding,) = outcome.findings
    assert finding.details["missing"] == ["sameAs"]
    assert outcome.details["works"] == [
        {"type": "Article", "block": 1, "author": ["Ana Roaster"], "publisher": ["Harbor & Pine"]}
    ]


def test_structured_data_finds_the_brand_as_the_websites_nested_publisher(saved_snapshot):
    website = {"@context": "https://schema.org", "@type": "WebSite", "name": "Harbor & Pine",
               "publisher": {k: v for k, v in ORGANIZATION.items() if k != "@context"}}  # fmt: skip
    outcome = _run(saved_snapshot, website)
    assert outcome.score == 1
    assert outcome.display == "Organization with name, logo and sameAs"


def test_structured_data_fails_an_article_whose_author_has_no_name(saved_snapshot):
    # As spiceworks: "author": {"@type": "Person", "name": ""}.
    article = {**ARTICLE, "author": {"@type": "Person", "name": "", "url": "https://e.com/a"}}
    outcome = _run(saved_snapshot, article)
    (finding,) = outcome.findings
    assert finding.message == "The NewsArticle's author has no name."
    assert finding.selector == 'script[type="application/ld+json"]:nth-of-type(1)'
    assert outcome.score == 0.5


def test_structured_data_fails_an_article_that_names_no_author_or_publisher(saved_snapshot):
    # As wikia and telegraph: only "creator", which Google's Article markup does not read.
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "creator": "CC7567"}
    outcome = _run(saved_snapshot, article)
    assert outcome.findings[0].message == "The NewsArticle names no author or publisher."
    assert outcome.score == 0.5


def test_structured_data_fails_a_page_naming_neither_brand_nor_article_credits(saved_snapshot):
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []}
    outcome = _run(saved_snapshot, crumbs)
    assert outcome.findings[0].message.startswith("No Organization or WebSite node names")
    assert outcome.score == 0.5
