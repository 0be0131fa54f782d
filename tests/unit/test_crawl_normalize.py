from __future__ import annotations

import pytest

from checker.crawl.normalize import clean_url, is_web_url, page_key, site_of


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.com/shop#top", "https://example.com/shop"),
        ("HTTPS://Example.COM/shop", "https://example.com/shop"),
        ("https://example.com:443/", "https://example.com/"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/shop/", "https://example.com/shop"),
        ("https://example.com/?b=2&a=1", "https://example.com/?a=1&b=2"),
        ("https://example.com/?utm_source=x&utm_medium=email&id=3", "https://example.com/?id=3"),
        ("https://example.com/?UTM_Campaign=spring", "https://example.com/"),
        (
            "https://example.com/?gclid=1&fbclid=2&msclkid=3&dclid=4&mc_cid=5&mc_eid=6"
            "&_ga=7&_gl=8&yclid=9&igshid=10",
            "https://example.com/",
        ),
        ("https://example.com/?", "https://example.com/"),
        ("https://example.com/%7Euser/", "https://example.com/~user"),
        ("https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"),
        ("https://example.com/café", "https://example.com/caf%C3%A9"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com./", "https://example.com/"),
    ],
)
def test_page_key_is_the_same_for_addresses_of_the_same_page(one, other):
    assert page_key(one) == page_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.com/", "http://example.com/"),
        ("https://example.com/", "https://www.example.com/"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8001/"),
        ("https://example.com/Shop", "https://example.com/shop"),
        ("https://example.com/?page=2", "https://example.com/?page=3"),
        ("https://example.com/?q=a%2Fb", "https://example.com/?q=a/b"),  # %2F is not a /
        ("https://example.com/a%2Fb", "https://example.com/a/b"),
        ("https://example.com/?ref=home", "https://example.com/"),  # not a tracking parameter
    ],
)
def test_page_key_keeps_different_pages_apart(one, other):
    assert page_key(one) != page_key(other)


def test_page_key_is_a_plain_url():
    key = page_key("HTTP://User@Example.com:80/b/?z=1&utm_term=x&a=2#frag")
    assert key == "http://example.com/b?a=2&z=1"


def test_page_key_keeps_ipv6_hosts_in_brackets():
    assert page_key("http://[::1]:8080/x/") == "http://[::1]:8080/x"


def test_clean_url_drops_fragment_and_tracking_but_keeps_the_rest_as_written():
    url = "https://Example.com/Shop/?b=2&utm_source=news&a=1&fbclid=xyz#reviews"
    assert clean_url(url) == "https://Example.com/Shop/?b=2&a=1"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/?utm_source=x", "https://example.com/"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a#", "https://example.com/a"),
    ],
)
def test_clean_url_leaves_no_empty_query_or_path(url, expected):
    assert clean_url(url) == expected


def test_site_of_makes_default_ports_explicit():
    assert site_of("https://Example.com/a") == site_of("https://example.com:443/b")
    assert site_of("http://example.com/") != site_of("https://example.com/")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://a.test/x", True),
        ("HTTP://a.test", True),
        ("http://127.0.0.1:8080/", True),
        ("ftp://a.test/", False),
        ("/relative", False),
        ("https://", False),
        ("http://[::1/", False),
        ("http://a.test:99999/", False),
    ],
)
def test_is_web_url_accepts_only_fetchable_addresses(text, expected):
    assert is_web_url(text) is expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("http://127.0.0.1:8000/index.html", "http://127.0.0.1:8000/"),
        ("https://example.com/shop/index.htm", "https://example.com/shop/"),
        ("https://example.com/shop/INDEX.PHP", "https://example.com/shop"),
    ],
)
def test_a_folder_and_its_index_file_are_one_page(a, b):
    assert page_key(a) == page_key(b)


def test_an_index_file_name_inside_a_longer_name_is_kept():
    assert page_key("https://example.com/myindex.html") != page_key("https://example.com/")
