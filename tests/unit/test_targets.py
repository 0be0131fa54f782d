from __future__ import annotations

import pytest

from checker.gather.failures import classify_navigation_error
from checker.model.errors import UsageError
from checker.model.urls import check_url
from checker.run.targets import parse_shard, read_url_file


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.com", "https://example.com/"),
        ("http://127.0.0.1:8000/page?q=1", "http://127.0.0.1:8000/page?q=1"),
        ("example.com/shop", "https://example.com/shop"),
    ],
)
def test_check_url_accepts_and_normalises(raw, expected):
    assert check_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "ftp://x.com/",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://",
        "http://a b.com/",
        "http://x.com:notaport/",
    ],
)
def test_check_url_rejects_what_cannot_be_audited(raw):
    with pytest.raises(UsageError):
        check_url(raw)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/", "connection"),
        ("Page.goto: net::ERR_NAME_NOT_RESOLVED at http://x.invalid/", "dns"),
        ("Page.goto: net::ERR_CERT_AUTHORITY_INVALID at https://127.0.0.1/", "tls"),
        ("Page.goto: Timeout 30000ms exceeded.", "timeout"),
        ("Page.goto: net::ERR_TOO_MANY_REDIRECTS at http://127.0.0.1/loop", "redirect"),
        ("something nobody expected", "navigation"),
    ],
)
def test_navigation_errors_are_classified_for_the_report(text, kind):
    assert classify_navigation_error(text, 30).kind == kind


def test_url_file_skips_comments_and_blank_lines(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("\ufeff# the shop\nhttps://example.com/\n\n  example.com/about  \n# end\n")
    assert read_url_file(path) == ["https://example.com/", "https://example.com/about"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("https://example.com/\nftp://example.com/\n", "line 2: Unsupported URL scheme"),
        ("# nothing here\n\n", "lists no URL"),
        (b"\xff\xfe\x00bad", "is not UTF-8 text"),
    ],
)
def test_a_bad_url_file_is_a_usage_error_naming_the_line(tmp_path, content, message):
    path = tmp_path / "urls.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(UsageError, match=message):
        read_url_file(path)


def test_an_unreadable_url_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="Cannot read the URL file"):
        read_url_file(tmp_path / "missing.txt")


@pytest.mark.parametrize(("text", "shard"), [("1/1", (1, 1)), ("2/4", (2, 4))])
def test_shard_is_read_as_i_of_n(text, shard):
    assert parse_shard(text) == shard


@pytest.mark.parametrize("text", ["0/2", "3/2", "2", "a/b", "-1/2"])
def test_a_bad_shard_is_a_usage_error(text):
    with pytest.raises(UsageError, match="must be I/N"):
        parse_shard(text)
