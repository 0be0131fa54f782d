from __future__ import annotations

import pytest

from checker.model.urls import (
    clean_url,
    host_and_port,
    host_of,
    host_port_label,
    is_web_url,
    page_key,
    registrable_domain,
    same_url_ignoring_trailing_slash,
    without_fragment,
)


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


def test_host_and_port_makes_default_ports_explicit():
    assert host_and_port("https://Example.com/a") == host_and_port("https://example.com:443/b")
    assert host_and_port("http://example.com/") != host_and_port("https://example.com/")


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


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://Shop.Example/a", "shop.example"),
        ("http://shop.example:80/", "shop.example"),
        ("https://shop.example:443/x", "shop.example"),
        ("http://127.0.0.1:8300/cnn/", "127.0.0.1:8300"),
        ("http://[::1]:8000/", "[::1]:8000"),
        ("http://user:secret@shop.example/", "shop.example"),
        ("http://user:secret@shop.example:99999/", "shop.example:99999"),
        ("not a url", "(no host)"),
    ],
)
def test_host_port_label_is_the_host_and_a_port_that_is_not_the_default(
    url: str, site: str
) -> None:
    assert host_port_label(url) == site


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://Shop.Example:8443/a", "shop.example"),
        ("http://[::1]:8000/", "::1"),
        ("/relative", ""),
        ("http://[::1/", ""),  # cannot be parsed
    ],
)
def test_host_of_is_the_host_name_alone(url, host):
    assert host_of(url) == host


def test_the_three_site_notions_differ_on_scheme_and_port():
    http, https = "http://example.com/", "https://example.com/"
    assert host_of(http) == host_of(https) == host_of("http://example.com:8080/")
    assert host_and_port(http) == ("example.com", 80) != host_and_port(https)
    assert host_port_label(http) == host_port_label(https) == "example.com"


# registrable_domain keeps both rules it was made from: the third-party-weight audit's list of
# second-level suffixes and the social audits' common second-level labels under any ccTLD.
@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("www.example.com", "example.com"),
        ("cdn.static.example.com", "example.com"),
        ("example.com", "example.com"),
        ("news.bbc.co.uk", "bbc.co.uk"),
        ("www.abc.net.au", "abc.net.au"),
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "localhost"),
        ("WWW.Example.COM.", "example.com"),
        # the third-party audit's suffixes outside the common labels
        ("shop.smith.me.uk", "smith.me.uk"),
        ("a.b.example.govt.nz", "example.govt.nz"),
        ("www.example.gr.jp", "example.gr.jp"),
        # the social audits' common labels, under any two-letter top-level domain
        ("www.example.co.il", "example.co.il"),
        ("shop.example.com.fr", "example.com.fr"),
        ("www.example.gob.es", "example.gob.es"),
        ("news.example.ne.jp", "example.ne.jp"),
        # not under a known suffix: the last two labels
        ("www.example.co", "example.co"),
        ("user.github.io", "github.io"),  # the Public Suffix List would say user.github.io
        # IP addresses are their own site
        ("::1", "::1"),
        ("[::1]", "[::1]"),
        ("", ""),
    ],
)
def test_registrable_domain_approximates_the_public_suffix_list(host, site):
    assert registrable_domain(host) == site


def test_registrable_domain_of_a_url_is_that_of_its_host():
    page, canonical = "https://shop.example.co.uk/coffee/", "https://www.example.co.uk/coffee/"
    assert registrable_domain(host_of(page)) == registrable_domain(host_of(canonical))
    assert registrable_domain(host_of("https://other.co.uk/")) != registrable_domain(host_of(page))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.test/app.css#x", "https://a.test/app.css"),
        ("https://a.test/app.css?v=1#", "https://a.test/app.css?v=1"),
        ("https://a.test/app.css?#x", "https://a.test/app.css?"),  # the rest as written
        ("https://a.test/app.css", "https://a.test/app.css"),
    ],
)
def test_without_fragment_keeps_the_rest_as_written(url, expected):
    assert without_fragment(url) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.com/shop/", "https://example.com/shop"),
        ("HTTPS://Example.COM/shop", "https://example.com/shop"),
        ("https://example.com:443/", "https://example.com"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com/shop#reviews", "https://example.com/shop"),
        (" https://example.com/shop ", "https://example.com/shop"),
        ("http://[::1]:8000/x/", "http://[::1]:8000/x"),
    ],
)
def test_same_url_ignoring_trailing_slash_takes_these_as_one(one, other):
    assert same_url_ignoring_trailing_slash(one, other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.com/", "http://example.com/"),
        ("https://example.com/", "https://www.example.com/"),
        ("https://example.com:8443/", "https://example.com/"),
        ("https://example.com/Shop", "https://example.com/shop"),
        ("https://example.com/?a=1&b=2", "https://example.com/?b=2&a=1"),  # page_key: one
        ("https://example.com/?utm_source=x", "https://example.com/"),  # page_key: one
        ("https://example.com/index.html", "https://example.com/"),  # page_key: one
    ],
)
def test_same_url_ignoring_trailing_slash_is_stricter_than_page_key(one, other):
    assert not same_url_ignoring_trailing_slash(one, other)
