"""Head facts from HTML text, as a crawler that runs no JavaScript reads them."""

from __future__ import annotations

import lxml.html
from lxml import etree

from checker.model.dom_facts import HeadFacts, Tag
from checker.model.elements import Element

SNIPPET_CHARS = 200


def charset_of(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def decode_html(body: bytes, header_charset: str | None) -> str:
    """Decode a response body: the HTTP charset first, then the page's own declaration,
    then detection; never fails."""
    # Imported here: Beautiful Soup brings its CSS selector library, whose patterns take
    # ~0.1 s to compile, into the start-up of every command that imports the crawler.
    from bs4.dammit import UnicodeDammit

    known = [header_charset] if header_charset else []
    dammit = UnicodeDammit(body, known_definite_encodings=known, is_html=True)
    if dammit.unicode_markup is not None:
        return dammit.unicode_markup
    return body.decode("utf-8", errors="replace")


def parse_head(html: str) -> HeadFacts:
    """Title, meta and link tags of the document (wherever they stand, as browsers accept
    them in the body too)."""
    if not html.strip():
        return HeadFacts()
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return HeadFacts()
    titles = [t for t in root.iter("title") if not _inside_svg(t)]
    return HeadFacts(
        title=_collapse(titles[0].text_content()) if titles else None,
        title_count=len(titles),
        lang=root.get("lang"),
        metas=[_tag(el) for el in root.iter("meta")],
        links=[_tag(el) for el in root.iter("link")],
    )


def describe_selector(tag: str, attrs: dict[str, str]) -> str:
    """A selector a person can paste into devtools: the tag and its identifying attribute."""
    for key in ("name", "property", "rel", "http-equiv", "itemprop", "charset"):
        if key in attrs:
            value = attrs[key].replace('"', '\\"')
            return f'{tag}[{key}="{value}"]'
    return tag


def _tag(element: etree._Element) -> Tag:
    attrs = {str(k).lower(): str(v) for k, v in element.attrib.items()}
    snippet = etree.tostring(element, encoding="unicode", with_tail=False, method="html")
    where = Element(describe_selector(element.tag, attrs), snippet=snippet.strip()[:SNIPPET_CHARS])
    return Tag(element=where, attrs=attrs)


def _inside_svg(element: etree._Element) -> bool:
    return any(a.tag == "svg" for a in element.iterancestors())


def _collapse(text: str) -> str:
    return " ".join(text.split())
