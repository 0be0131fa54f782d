"""extract_metadata on small HTML strings: one rule per test."""

from __future__ import annotations

import json

from checker.model.serde import from_data, to_data
from checker.social.metadata import SocialMetadata, extract_metadata

PAGE = "https://example.com/news/story.html"


def meta(head: str, body: str = "", html_attrs: str = "") -> SocialMetadata:
    return extract_metadata(
        f"<html{html_attrs}><head>{head}</head><body>{body}</body></html>", PAGE
    )


# Open Graph, Twitter and Facebook tags


def test_og_keys_are_read_from_property_and_name_keeping_the_pages_spelling():
    m = meta('<meta property="og:title" content="A"><meta name="OG:Description" content="B">')
    assert m.og == {"og:title": "A", "OG:Description": "B"}
    assert [(t.attr, t.key) for t in m.tags] == [
        ("property", "og:title"),
        ("name", "OG:Description"),
    ]


def test_a_repeated_key_gives_the_list_of_its_values_in_document_order():
    m = meta(
        '<meta property="og:image" content="/1.jpg"><meta property="og:title" content="T">'
        '<meta property="og:image" content="/2.jpg">'
    )
    assert m.og == {"og:image": ["/1.jpg", "/2.jpg"], "og:title": "T"}


def test_a_space_separated_attribute_gives_one_entry_per_token():
    m = meta('<meta property="og:title twitter:title" content="Both">')
    assert m.og == {"og:title": "Both"}
    assert m.twitter == {"twitter:title": "Both"}


def test_the_same_key_in_property_and_name_counts_twice():
    m = meta('<meta property="og:title" name="og:title" content="T">')
    assert m.og == {"og:title": ["T", "T"]}


def test_twitter_tags_in_property_are_read_too():
    m = meta('<meta property="twitter:card" content="summary_large_image">')
    assert m.twitter == {"twitter:card": "summary_large_image"}
    assert m.tags[0].attr == "property"


def test_the_old_value_attribute_is_read_when_content_is_missing():
    m = meta('<meta name="twitter:card" value="summary"><meta name="twitter:site" content="">')
    assert m.twitter == {"twitter:card": "summary", "twitter:site": ""}
    assert [t.value_attr for t in m.tags] == ["value", "content"]


def test_content_wins_over_value_even_when_empty():
    m = meta('<meta name="twitter:title" content="" value="Old">')
    assert m.twitter == {"twitter:title": ""}


def test_a_tag_without_content_or_value_is_kept_as_none():
    m = meta('<meta property="og:type">')
    assert m.og == {"og:type": None}


def test_values_are_kept_as_written_entities_decoded():
    m = meta('<meta property="og:title" content="  Caf&eacute; &amp; Bar &#8212; 1 ">')
    assert m.og == {"og:title": "  Café & Bar — 1 "}


def test_fb_keys_are_grouped_apart():
    m = meta('<meta property="fb:app_id" content="1"><meta property="fb:pages" content="2 3">')
    assert m.fb == {"fb:app_id": "1", "fb:pages": "2 3"}
    assert m.og == {} and m.twitter == {}


def test_other_prefixes_and_lookalikes_are_ignored():
    m = meta(
        '<meta property="article:author" content="A"><meta name="ogtitle" content="B">'
        '<meta name="description" content="C">'
    )
    assert (m.og, m.twitter, m.fb, m.tags) == ({}, {}, {}, [])


def test_commented_out_tags_are_not_read():
    m = meta(
        '<!-- <meta property="og:title" content="old"> --><meta property="og:url" content="/">'
    )
    assert m.og == {"og:url": "/"}


def test_tags_in_the_body_are_read_as_crawlers_read_them():
    m = meta("", body='<meta property="og:title" content="Late">')
    assert m.og == {"og:title": "Late"}


# Title, description, canonical, language


def test_title_is_the_first_outside_svg_with_whitespace_collapsed():
    m = meta(
        "", body="<svg><title>Logo</title></svg><title>\n  Two \t words </title><title>X</title>"
    )
    assert m.title == "Two words"


def test_an_empty_title_is_none():
    assert meta("<title>  </title>").title is None
    assert meta("").title is None


def test_description_is_the_first_non_empty_one_stripped():
    m = meta(
        '<meta name="description" content=" "><meta name="Description" content=" Real one ">'
        '<meta name="description" content="Later">'
    )
    assert m.description == "Real one"


def test_a_description_in_property_is_not_the_meta_description():
    assert meta('<meta property="description" content="Nope">').description is None


def test_canonical_is_the_first_non_empty_href_as_written():
    m = meta(
        '<link rel="canonical" href=""><link rel="Canonical" href=" /news/story.html ">'
        '<link rel="canonical" href="https://other.example/">'
    )
    assert m.canonical == "/news/story.html"


def test_lang_comes_from_the_html_element():
    assert meta("", html_attrs=' lang=" en-GB "').lang == "en-GB"
    assert meta("", html_attrs=' lang=""').lang is None


# Icons, theme colour, oEmbed


def test_icons_keep_rel_sizes_type_and_color_and_resolve_against_the_base():
    m = meta(
        '<base href="/assets/">'
        '<link rel="Shortcut Icon" href="favicon.ico" type="image/x-icon">'
        '<link rel="icon" href="/i-32.png" sizes="32x32">'
        '<link rel="apple-touch-icon-precomposed" href="//cdn.example.com/t.png" sizes="180x180">'
        '<link rel="apple-touch-icon" href="t2.png">'
        '<link rel="manifest" href="/site.webmanifest">'
        '<link rel="mask-icon" href="safari.svg" color="#5bbad5">'
        '<link rel="stylesheet" href="a.css">'
    )
    assert [(i.rel, i.href, i.url) for i in m.icons.links] == [
        ("shortcut icon", "favicon.ico", "https://example.com/assets/favicon.ico"),
        ("icon", "/i-32.png", "https://example.com/i-32.png"),
        (
            "apple-touch-icon-precomposed",
            "//cdn.example.com/t.png",
            "https://cdn.example.com/t.png",
        ),
        ("apple-touch-icon", "t2.png", "https://example.com/assets/t2.png"),
        ("manifest", "/site.webmanifest", "https://example.com/site.webmanifest"),
        ("mask-icon", "safari.svg", "https://example.com/assets/safari.svg"),
    ]
    assert m.icons.links[0].type == "image/x-icon"
    assert m.icons.links[1].sizes == "32x32"
    assert m.icons.links[5].color == "#5bbad5"
    assert [i.href for i in m.icons.favicons] == ["favicon.ico", "/i-32.png"]
    assert [i.href for i in m.icons.apple_touch_icons] == ["//cdn.example.com/t.png", "t2.png"]
    assert m.icons.manifest is not None and m.icons.manifest.href == "/site.webmanifest"
    assert [i.href for i in m.icons.mask_icons] == ["safari.svg"]
    assert m.base_href == "/assets/"


def test_theme_colors_keep_their_media_and_skip_empty_ones():
    m = meta(
        '<meta name="theme-color" content="">'
        '<meta name="Theme-Color" content=" #ffffff " media="(prefers-color-scheme: light)">'
        '<meta name="theme-color" content="#000">'
    )
    assert [(c.content, c.media) for c in m.icons.theme_colors] == [
        ("#ffffff", "(prefers-color-scheme: light)"),
        ("#000", None),
    ]


def test_oembed_discovery_links_in_json_and_xml():
    m = meta(
        '<link rel="alternate" type="application/json+oembed" href="/oembed?format=json"'
        ' title="Story">'
        '<link rel="alternate" type="text/xml+oembed" href="https://example.com/oembed?format=xml">'
        '<link rel="alternate" type="application/rss+xml" href="/feed">'
        '<link rel="alternate" type="application/json+oembed" href="">'
    )
    assert [(o.format, o.url, o.title) for o in m.oembed] == [
        ("json", "https://example.com/oembed?format=json", "Story"),
        ("xml", "https://example.com/oembed?format=xml", None),
    ]


# JSON-LD


def jsonld(*blocks: str, script_type: str = "application/ld+json") -> SocialMetadata:
    scripts = "".join(f'<script type="{script_type}">{b}</script>' for b in blocks)
    return meta(scripts)


def test_jsonld_types_include_nested_nodes_and_the_graph():
    m = jsonld(
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage", "breadcrumb": {"@type": "BreadcrumbList"}},'
        '{"@type": ["NewsArticle", "Article"], "author": [{"@type": "Person"}]}]}'
    )
    assert m.jsonld.types == ["WebPage", "BreadcrumbList", "NewsArticle", "Article", "Person"]
    assert m.jsonld.blocks[0].data["@graph"][0]["@type"] == "WebPage"


def test_jsonld_types_are_unique_across_blocks_in_document_order():
    m = jsonld('{"@type": "Article"}', '[{"@type": "Person"}, {"@type": "Article"}]')
    assert m.jsonld.types == ["Article", "Person"]
    assert [b.types for b in m.jsonld.blocks] == [["Article"], ["Person", "Article"]]


def test_an_invalid_block_is_kept_with_its_error_and_the_others_still_count():
    m = jsonld('{"@type": "Article"}', '{"@type": "Event", "name": "x",}')
    broken = m.jsonld.blocks[1]
    assert broken.index == 2 and broken.data is None and broken.types == []
    assert broken.error is not None and broken.error.startswith("JSONDecodeError: ")
    assert broken.excerpt is not None and '"x",}' in broken.excerpt
    assert m.jsonld.parse_errors == [f"block 2: {broken.error}"]
    assert m.jsonld.types == ["Article"]


def test_html_comment_and_cdata_wrappers_are_tolerated():
    m = jsonld(
        '<!-- {"@type": "Organization"} -->',
        '//<![CDATA[\n{"@type": "WebSite"}\n//]]>',
        '\ufeff{"@type": "Person"}',
    )
    assert m.jsonld.types == ["Organization", "WebSite", "Person"]
    assert m.jsonld.parse_errors == []


def test_trailing_junk_and_non_json_constants_are_parse_errors():
    m = jsonld('{"@type": "Article"};', '{"@type": "Thing", "rating": NaN}', "")
    assert [b.error is not None for b in m.jsonld.blocks] == [True, True, True]
    assert "Extra data" in (m.jsonld.blocks[0].error or "")
    assert "NaN" in (m.jsonld.blocks[1].error or "")


def test_the_script_type_is_matched_without_case_or_parameters():
    assert jsonld('{"@type": "A"}', script_type="Application/LD+JSON; charset=utf-8").jsonld.types
    assert jsonld('{"@type": "A"}', script_type="application/json").jsonld.blocks == []


def test_organizations_and_same_as_are_collected_from_every_node():
    m = jsonld(
        '{"@type": "NewsArticle", "publisher": {"@type": "NewsMediaOrganization",'
        ' "name": "Daily", "url": "https://daily.example", "logo": {"@type": "ImageObject",'
        ' "url": "https://daily.example/logo.png"}, "sameAs": ["https://x.com/daily",'
        ' "https://x.com/daily"]}}',
        '{"@type": ["Organization", "Corporation"], "name": "Co", "logo": ["a.png", "b.png"],'
        ' "sameAs": "https://x.com/daily"}',
    )
    orgs = to_data(m.jsonld.organizations)
    assert orgs == [
        {
            "type": "NewsMediaOrganization",
            "name": "Daily",
            "url": "https://daily.example",
            "logo": "https://daily.example/logo.png",
            "same_as": ["https://x.com/daily", "https://x.com/daily"],
        },
        {
            "type": ["Organization", "Corporation"],
            "name": "Co",
            "url": None,
            "logo": ["a.png", "b.png"],
            "same_as": ["https://x.com/daily"],
        },
    ]
    assert m.jsonld.same_as == ["https://x.com/daily"]


# Messy input


def test_junk_input_gives_empty_metadata_and_never_raises():
    for html in ("", "   ", "<!-- only a comment -->", "\x00\x01", "not html at all"):
        m = extract_metadata(html, PAGE)
        assert m.og == {} and m.jsonld.blocks == [], repr(html)


def test_an_xml_declaration_with_an_encoding_is_parsed():
    html = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<html><head><title>Été</title>'
        '<meta property="og:title" content="Été"></head></html>'
    )
    m = extract_metadata(html, PAGE)
    assert (m.title, m.og) == ("Été", {"og:title": "Été"})


def test_a_fragment_without_html_or_head_is_read():
    m = extract_metadata('<meta property="og:title" content="T"><title>Page</title>', PAGE)
    assert (m.title, m.og) == ("Page", {"og:title": "T"})


def test_metadata_round_trips_through_json():
    m = meta(
        '<title>T</title><meta property="og:image" content="a"><meta property="og:image"'
        ' content="b"><link rel="icon" href="f.ico"><script type="application/ld+json">'
        '{"@type": "Organization", "name": "O"}</script><script type="application/ld+json">'
        "{oops</script>"
    )
    data = json.loads(json.dumps(to_data(m)))
    assert from_data(SocialMetadata, data) == m
