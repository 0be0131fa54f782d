"""The links of an HTML page a crawl can follow, as the server sent it (no scripts run).

`rel="nofollow"` links are followed: nofollow asks search engines not to pass ranking through
a link, not to stay away from the page, and the person crawling is the site's owner auditing
their own pages."""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html
from lxml import etree

from checker.model.urls import is_web_url

# Links that lead to no page: scripts, mail, phone numbers, inline data.
SKIPPED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:")
LINK_TAGS = ("a", "area")


def page_links(html: str, page_url: str) -> list[str]:
    """Absolute http(s) URLs of the page's <a href> and <area href>, in document order,
    resolved against its <base href> when it has one."""
    if not html.strip():
        return []
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = _base_url(root, page_url)
    links: list[str] = []
    for element in root.iter(*LINK_TAGS):
        href = _clean_href(element.get("href"))
        if not href or href.lower().startswith(SKIPPED_SCHEMES):
            continue
        try:
            url = urljoin(base, href)
        except ValueError:  # an unbalanced [ in the host, say
            continue
        if is_web_url(url):
            links.append(url)
    return links


def _base_url(root: etree._Element, page_url: str) -> str:
    # The first <base href> counts, as in browsers (HTML, "the document base URL").
    for base in root.iter("base"):
        href = _clean_href(base.get("href"))
        if href:
            try:
                resolved = urljoin(page_url, href)
            except ValueError:
                return page_url
            return resolved if is_web_url(resolved) else page_url
    return page_url


def _clean_href(href: str | None) -> str:
    # Browsers strip leading and trailing whitespace and drop tabs and newlines inside a URL
    # (WHATWG URL standard, basic URL parser).
    if href is None:
        return ""
    return href.strip().replace("\t", "").replace("\n", "").replace("\r", "")
