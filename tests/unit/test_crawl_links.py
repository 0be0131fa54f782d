from __future__ import annotations

from checker.crawl.links import page_links

PAGE = "https://a.test/shop/item.html"


def test_page_links_resolves_relative_links_in_document_order():
    html = '<a href="other.html">1</a><p><a href="/about">2</a></p><a href="../">3</a>'
    assert page_links(html, PAGE) == [
        "https://a.test/shop/other.html",
        "https://a.test/about",
        "https://a.test/",
    ]


def test_page_links_reads_area_elements_of_image_maps():
    html = '<map name="m"><area href="/region" shape="rect" coords="0,0,1,1"></map>'
    assert page_links(html, PAGE) == ["https://a.test/region"]


def test_page_links_resolves_against_the_first_base_href():
    html = (
        '<head><base href="https://cdn.a.test/v2/"><base href="https://wrong.test/"></head>'
        '<a href="page">x</a>'
    )
    assert page_links(html, PAGE) == ["https://cdn.a.test/v2/page"]


def test_page_links_resolves_a_relative_base_href_against_the_page():
    html = '<base href="/docs/"><a href="intro">x</a>'
    assert page_links(html, PAGE) == ["https://a.test/docs/intro"]


def test_page_links_skips_links_to_no_page():
    html = (
        '<a href="javascript:void(0)">a</a><a href="JavaScript:go()">b</a>'
        '<a href="mailto:x@a.test">c</a><a href="tel:+123">d</a>'
        '<a href="data:text/html,hi">e</a><a href="ftp://a.test/f">f</a>'
        '<a href="">g</a><a>h</a><a href="  ">i</a><a href="/kept">j</a>'
    )
    assert page_links(html, PAGE) == ["https://a.test/kept"]


def test_page_links_follows_nofollow_links():
    # The site's owner audits their own pages; nofollow is about ranking, not access.
    html = '<a rel="nofollow" href="/members">x</a>'
    assert page_links(html, PAGE) == ["https://a.test/members"]


def test_page_links_keeps_fragments_and_queries_for_the_crawl_to_normalise():
    html = '<a href="#top">x</a><a href="?page=2">y</a>'
    assert page_links(html, PAGE) == [
        "https://a.test/shop/item.html#top",
        "https://a.test/shop/item.html?page=2",
    ]


def test_page_links_strips_whitespace_and_line_breaks_as_browsers_do():
    html = '<a href="  /a\n/b\t ">x</a>'
    assert page_links(html, PAGE) == ["https://a.test/a/b"]


def test_page_links_of_an_empty_or_broken_page_is_empty():
    assert page_links("", PAGE) == []
    assert page_links("   ", PAGE) == []
    assert (
        page_links("<a href='http://[broken/'>x</a><a href='http://a.test:99999/'>y</a>", PAGE)
        == []
    )


def test_page_links_reads_links_in_a_page_without_html_or_body_tags():
    assert page_links('<a href="/x">x</a>', PAGE) == ["https://a.test/x"]
