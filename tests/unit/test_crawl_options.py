from __future__ import annotations

import re

import pytest

from checker.crawl import CrawlOptions
from checker.crawl.content import file_type_of, is_html
from checker.gather.fetch import Fetched
from checker.model.errors import UsageError
from checker.model.url_patterns import matches


def test_crawl_options_defaults_are_the_issues():
    options = CrawlOptions()
    assert (options.max_pages, options.max_depth) == (25, 3)
    assert (options.include, options.exclude, options.ignore_robots) == ((), (), False)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max_pages": 0}, "--max-pages must be 1 or more"),
        ({"max_pages": -3}, "--max-pages must be 1 or more"),
        ({"max_pages": 2.5}, "--max-pages must be a whole number"),
        ({"max_depth": -1}, "--max-depth must be 0 or more"),
        ({"max_depth": True}, "--max-depth must be a whole number"),
        ({"include": ("",)}, "--include needs a pattern"),
        ({"exclude": ("blog",)}, "--exclude 'blog': start it with / to match paths (/blog/*)"),
        ({"include": ("shop*",)}, "--include 'shop*': start it with / to match paths (/shop*)"),
    ],
)
def test_crawl_options_refuse_what_cannot_be_crawled(options, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        CrawlOptions(**options)


def test_crawl_options_take_patterns_from_any_sequence():
    options = CrawlOptions(include=[" /blog/* "], exclude=["*.php"])
    assert options.include == ("/blog/*",)
    assert options.exclude == ("*.php",)
    assert CrawlOptions(include="/blog/*").include == ("/blog/*",)


@pytest.mark.parametrize(
    ("pattern", "url", "expected"),
    [
        ("/blog/*", "https://a.test/blog/2024/post", True),
        ("/blog/*", "https://a.test/blog", False),
        ("/blog*", "https://a.test/blog", True),
        ("/blog/*", "https://a.test/news/blog/x", False),  # anchored at the start of the path
        ("/*?page=*", "https://a.test/shop?page=2", True),  # path and query
        ("/shop", "https://a.test/shop?page=2", False),
        ("/*.html", "https://a.test/a/b.html", True),
        ("/Blog/*", "https://a.test/blog/x", False),  # case-sensitive, as paths are
        ("https://a.test/shop/*", "https://a.test/shop/hat", True),
        ("https://a.test/shop/*", "https://b.test/shop/hat", False),
        ("*://*/amp/*", "http://a.test/amp/x", True),
    ],
)
def test_patterns_match_paths_or_whole_urls(pattern, url, expected):
    assert matches(url, pattern) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.test/Brochure.PDF", "application/pdf"),
        ("https://a.test/img/logo.png?v=3", "image/png"),
        (
            "https://a.test/a%20file.docx",
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ),
        ("https://a.test/page.html", None),
        ("https://a.test/download.php", None),
        ("https://a.test/pdf/", None),
        ("https://a.test/v1.2/", None),
    ],
)
def test_file_type_of_knows_files_that_are_never_pages(url, expected):
    assert file_type_of(url) == expected


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/html; charset=utf-8", b"", True),
        ("application/xhtml+xml", b"", True),
        ("TEXT/HTML", b"", True),
        ("application/json", b"<html>", False),
        ("", b"\n  <!DOCTYPE html><title>x</title>", True),
        ("", b"%PDF-1.4", False),
    ],
)
def test_is_html_reads_the_content_type_and_sniffs_when_there_is_none(content_type, body, expected):
    headers = {"content-type": content_type} if content_type else {}
    assert is_html(Fetched("u", "u", 200, headers, body)) is expected
