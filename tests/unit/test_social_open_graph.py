from __future__ import annotations

from social_snapshots import COMPLETE_HEAD, PAGE_URL, html_page, snapshot, social

from audits.social.open_graph import open_graph


def _run(saved_snapshot, head: str, rendered: str | None = None):
    html = html_page(head)
    page = snapshot(saved_snapshot("mobile-ready"), html, rendered_html=rendered)
    return open_graph(page)


def test_open_graph_passes_complete_tags(saved_snapshot):
    outcome = _run(saved_snapshot, COMPLETE_HEAD)
    assert outcome.score == 1
    assert outcome.findings == []
    assert outcome.details["tags"]["og:url"] == PAGE_URL


def test_open_graph_names_each_missing_tag_on_the_head(saved_snapshot):
    outcome = _run(saved_snapshot, "<title>Coffee</title>")
    assert outcome.score == 0
    assert [f.message for f in outcome.findings] == [
        "og:title is missing.", "og:type is missing.", "og:image is missing.",
        "og:url is missing.",
    ]  # fmt: skip
    assert {f.selector for f in outcome.findings} == {"head"}


def test_open_graph_flags_an_empty_tag_on_its_selector(saved_snapshot):
    head = COMPLETE_HEAD.replace('content="website"', 'content=" "')
    outcome = _run(saved_snapshot, head)
    (finding,) = outcome.findings
    assert finding.message == "og:type is empty."
    assert finding.selector == 'meta[property="og:type"]'
    assert outcome.score < 0.9


def test_open_graph_says_when_a_tag_only_appears_after_scripts(saved_snapshot):
    served = COMPLETE_HEAD.replace(
        '<meta property="og:title" content="Harbor &amp; Pine Coffee">', ""
    )
    outcome = _run(saved_snapshot, served, rendered=html_page(COMPLETE_HEAD))
    (finding,) = outcome.findings
    assert "only appears after JavaScript runs" in finding.message
    assert finding.selector == 'meta[property="og:title"]'


def test_open_graph_flags_og_url_that_is_not_the_canonical(saved_snapshot):
    head = COMPLETE_HEAD.replace(
        f'<meta property="og:url" content="{PAGE_URL}">',
        '<meta property="og:url" content="https://example.com/coffee?utm_source=x">',
    )
    outcome = _run(saved_snapshot, head)
    (finding,) = outcome.findings
    assert "not the canonical address" in finding.message
    assert finding.details["canonical"] == PAGE_URL


def test_open_graph_ignores_a_trailing_slash_between_og_url_and_canonical(saved_snapshot):
    head = COMPLETE_HEAD.replace(
        f'<meta property="og:url" content="{PAGE_URL}">',
        '<meta property="og:url" content="https://EXAMPLE.com/coffee">',
    )
    assert _run(saved_snapshot, head).score == 1


def test_open_graph_flags_a_relative_og_image(saved_snapshot):
    head = COMPLETE_HEAD.replace("https://example.com/share.jpg", "/share.jpg")
    outcome = _run(saved_snapshot, head)
    (finding,) = outcome.findings
    assert finding.message == 'og:image "/share.jpg" is not a full http(s) URL.'
    assert finding.details["resolved"] == "https://example.com/share.jpg"


def test_social_snapshot_support_builds_a_snapshot_with_the_servers_html(saved_snapshot):
    html = html_page(COMPLETE_HEAD)
    built = snapshot(saved_snapshot("mobile-ready"), html, facts=social(html))
    assert built.server_head.title == "Harbor & Pine Coffee: small-batch roasts"
    assert built.document.html == html
    assert built.social is not None and len(built.social.crawlers) == 6


def _with_og_url(og_url: str, canonical: str = PAGE_URL) -> str:
    return COMPLETE_HEAD.replace(
        f'<meta property="og:url" content="{PAGE_URL}">',
        f'<meta property="og:url" content="{og_url}">',
    ).replace(
        f'<link rel="canonical" href="{PAGE_URL}">', f'<link rel="canonical" href="{canonical}">'
    )


def test_open_graph_passes_an_og_url_kept_on_the_old_http_address(saved_snapshot):
    # Facebook's documented way to keep like and share counts after a move to https.
    outcome = _run(saved_snapshot, _with_og_url("http://example.com/coffee/"))
    assert outcome.score == 1
    assert outcome.findings == []
    assert outcome.details["notes"]["og:url"] == (
        "og:url keeps the old http address of the canonical (https://example.com/coffee/): "
        "Facebook's documented way to keep a page's like and share counts after a move to "
        "https (https://developers.facebook.com/docs/plugins/faqs#moving-urls)."
    )


def test_open_graph_passes_an_https_og_url_for_an_http_canonical(saved_snapshot):
    head = _with_og_url(PAGE_URL, canonical="http://example.com/coffee")
    outcome = _run(saved_snapshot, head)
    assert outcome.score == 1
    assert outcome.details["notes"]["og:url"].startswith(
        "og:url is the https address of the canonical (http://example.com/coffee): the same page"
    )


def test_open_graph_notes_nothing_when_og_url_is_the_canonical(saved_snapshot):
    assert "notes" not in _run(saved_snapshot, COMPLETE_HEAD).details


def test_open_graph_still_flags_another_path_or_host_besides_the_scheme(saved_snapshot):
    for og_url in ("http://example.com/tea/", "http://shop.example.com/coffee/"):
        outcome = _run(saved_snapshot, _with_og_url(og_url))
        (finding,) = outcome.findings
        assert f"og:url ({og_url}) is not the canonical address" in finding.message
        assert outcome.score < 0.9
        assert "notes" not in outcome.details


def test_open_graph_fails_a_fediverse_creator_mastodon_cannot_credit(saved_snapshot):
    html = html_page(COMPLETE_HEAD + '<meta name="fediverse:creator" content="@ann">')
    outcome = open_graph(snapshot(saved_snapshot("mobile-ready"), html))
    (finding,) = outcome.findings
    assert "names no server" in finding.message
    assert finding.details == {"fediverse_creator": "@ann"}
    assert outcome.score < 1


def test_open_graph_passes_a_well_formed_fediverse_creator(saved_snapshot):
    html = html_page(COMPLETE_HEAD + '<meta name="fediverse:creator" content="ann@example.social">')
    outcome = open_graph(snapshot(saved_snapshot("mobile-ready"), html))
    assert outcome.findings == []
    assert outcome.score == 1
