from __future__ import annotations

import pytest

from checker.errors import UsageError
from checker.gather.failures import classify_navigation_error
from checker.targets import check_url


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
