"""A page's social metadata as link crawlers read it: from the HTML the server sent, no scripts.

Values are kept as written (not resolved, not trimmed) so a report can show a marketer exactly
what the page says; `preview.py` applies each platform's fallbacks to them. The rules for
Open Graph, Twitter and Facebook tags, icons and JSON-LD are those of the corpus's
`shared/corpus/tools/extract_facts.py`, so `tests/corpus/test_corpus_metadata.py` can hold this
module to the facts of 60 real pages:

- a tag's key is looked for in both `property=` and `name=` (pages use both, crawlers read
  both), and a space-separated attribute (`property="og:title twitter:title"`) gives one entry
  per token; keys keep the page's spelling, the prefix is matched case-insensitively;
- a key seen once maps to its value, a key seen several times to the list of its values in
  document order; the value is `content`, else the old `value=` attribute of early Twitter cards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from checker.social.jsonld import JsonLd, is_jsonld, read_jsonld

# A tag's value: one string, or the list of them when the key is repeated; None when the tag
# has neither content= nor value=.
TagValue = str | list[str | None] | None

SOCIAL_PREFIXES = ("og:", "twitter:", "fb:")
# fluid-icon is GitHub's large icon for the Fluid app; the corpus's facts count it.
ICON_RELS = frozenset(
    {
        "icon",
        "apple-touch-icon",
        "apple-touch-icon-precomposed",
        "manifest",
        "mask-icon",
        "fluid-icon",
    }
)
_UTF8 = lxml.html.HTMLParser(encoding="utf-8")


@dataclass(frozen=True)
class SocialTag:
    """One og/twitter/fb key of a meta tag, in document order (`attr` tells `property=` from
    `name=`; `value_attr` tells `content=` from the old `value=`)."""

    attr: str
    key: str
    value: str | None
    value_attr: str = "content"


@dataclass(frozen=True)
class IconLink:
    """A `<link>` whose rel names an icon or the web manifest; `href` as written, `url`
    resolved against the document's base (what a browser or crawler would fetch)."""

    rel: str  # the rel tokens, lower case, one space apart: "shortcut icon"
    href: str | None
    url: str | None
    sizes: str | None = None
    type: str | None = None
    color: str | None = None


@dataclass(frozen=True)
class ThemeColor:
    content: str
    media: str | None = None


@dataclass(frozen=True)
class Icons:
    links: list[IconLink] = field(default_factory=list)
    theme_colors: list[ThemeColor] = field(default_factory=list)

    @property
    def favicons(self) -> list[IconLink]:
        return [i for i in self.links if "icon" in i.rel.split()]

    @property
    def apple_touch_icons(self) -> list[IconLink]:
        # Both apple-touch-icon and the -precomposed form iOS used before iOS 7.
        return [i for i in self.links if "apple-touch-icon" in i.rel]

    @property
    def manifest(self) -> IconLink | None:
        return next((i for i in self.links if "manifest" in i.rel.split()), None)

    @property
    def mask_icons(self) -> list[IconLink]:
        return [i for i in self.links if "mask-icon" in i.rel.split()]


@dataclass(frozen=True)
class OEmbedLink:
    """An oEmbed discovery link (https://oembed.com/#section4)."""

    format: str  # "json" or "xml"
    type: str
    href: str
    url: str  # resolved against the document's base
    title: str | None = None


@dataclass(frozen=True)
class SocialMetadata:
    title: str | None = None  # first <title> outside SVG, whitespace collapsed; "" -> None
    description: str | None = None  # first non-empty <meta name="description">
    canonical: str | None = None  # first non-empty rel=canonical href, as written
    lang: str | None = None  # <html lang>
    og: dict[str, TagValue] = field(default_factory=dict)
    twitter: dict[str, TagValue] = field(default_factory=dict)
    fb: dict[str, TagValue] = field(default_factory=dict)
    tags: list[SocialTag] = field(default_factory=list)
    jsonld: JsonLd = field(default_factory=JsonLd)
    icons: Icons = field(default_factory=Icons)
    oembed: list[OEmbedLink] = field(default_factory=list)
    base_href: str | None = None  # <base href>, which moves where relative links point
    # The first <meta name|property="fediverse:creator">'s content, as written (Mastodon's
    # author credit: checker/social/fediverse.py); None without one.
    fediverse_creator: str | None = None


def extract_metadata(html: str, page_url: str) -> SocialMetadata:
    """The social metadata of `html` (already decoded: see checker.gather.htmlhead.decode_html),
    served at `page_url`. Never fails: markup a parser cannot read gives empty metadata."""
    root = parse_document(html)
    if root is None:
        return SocialMetadata()
    elements = list(root.iter("title", "meta", "link", "script", "base"))
    metas = [e for e in elements if e.tag == "meta"]
    links = [(e, _rel_tokens(e)) for e in elements if e.tag == "link"]
    base_href = next((e.get("href") for e in elements if e.tag == "base" and e.get("href")), None)
    link_base = _absolute(base_href, page_url) or page_url
    tags = [tag for meta in metas for tag in social_tags(meta)]
    return SocialMetadata(
        title=_title(e for e in elements if e.tag == "title"),
        description=_first_text(m.get("content") for m in metas if _named(m, "description")),
        canonical=_first_text(e.get("href") for e, rels in links if "canonical" in rels),
        lang=_first_text([root.get("lang")]),
        og=group_tags(tags, "og:"),
        twitter=group_tags(tags, "twitter:"),
        fb=group_tags(tags, "fb:"),
        tags=tags,
        jsonld=read_jsonld(
            e.text or "" for e in elements if e.tag == "script" and is_jsonld(e.get("type"))
        ),
        icons=Icons(
            links=[_icon(e, rels, link_base) for e, rels in links if ICON_RELS & set(rels)],
            theme_colors=[
                ThemeColor((m.get("content") or "").strip(), m.get("media"))
                for m in metas
                if _named(m, "theme-color") and (m.get("content") or "").strip()
            ],
        ),
        oembed=[o for o in (_oembed(e, link_base) for e, _ in links) if o is not None],
        base_href=base_href,
        fediverse_creator=next(
            (m.get("content") for m in metas if _keyed(m, "fediverse:creator")), None
        ),
    )


def parse_document(html: str) -> etree._Element | None:
    """The document's root element, as lxml's HTML parser (libxml2) builds it; None when
    there is nothing to parse."""
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except etree.ParserError:
        return None
    except ValueError:
        # lxml refuses a str that starts with an XML declaration naming an encoding; the
        # text is decoded already, so hand it over as UTF-8 bytes.
        try:
            return lxml.html.document_fromstring(html.encode("utf-8"), parser=_UTF8)
        except (etree.ParserError, ValueError):
            return None


def social_tags(meta: etree._Element) -> list[SocialTag]:
    """The og/twitter/fb entries of one meta tag: one per key token in property= and name=."""
    value, value_attr = meta.get("content"), "content"
    if value is None and meta.get("value") is not None:
        value, value_attr = meta.get("value"), "value"
    found = []
    for attr in ("property", "name"):
        for key in (meta.get(attr) or "").split():
            if key.lower().startswith(SOCIAL_PREFIXES):
                found.append(SocialTag(attr=attr, key=key, value=value, value_attr=value_attr))
    return found


def group_tags(tags: list[SocialTag], prefix: str) -> dict[str, TagValue]:
    """key -> value for the keys starting with `prefix`; a list when the key is repeated."""
    grouped: dict[str, list[str | None]] = {}
    for tag in tags:
        if tag.key.lower().startswith(prefix):
            grouped.setdefault(tag.key, []).append(tag.value)
    return {key: values[0] if len(values) == 1 else values for key, values in grouped.items()}


def _title(titles: Iterable[etree._Element]) -> str | None:
    # An SVG's <title> names the drawing, not the page.
    first = next((t for t in titles if not _inside_svg(t)), None)
    if first is None:
        return None
    return " ".join(first.text_content().split()) or None


def _keyed(meta: etree._Element, key: str) -> bool:
    """The meta tag's property= or name= is `key` (as Mastodon's XPath matches it)."""
    return meta.get("property") == key or meta.get("name") == key


def _inside_svg(element: etree._Element) -> bool:
    return any(a.tag == "svg" for a in element.iterancestors())


def _named(meta: etree._Element, name: str) -> bool:
    # Browsers compare meta names case-insensitively.
    return (meta.get("name") or "").strip().lower() == name


def _rel_tokens(link: etree._Element) -> list[str]:
    return (link.get("rel") or "").lower().split()


def _first_text(values: Iterable[str | None]) -> str | None:
    return next((v.strip() for v in values if v and v.strip()), None)


def _icon(link: etree._Element, rels: list[str], base: str) -> IconLink:
    href = link.get("href")
    return IconLink(
        rel=" ".join(rels),
        href=href,
        url=_absolute(href, base),
        sizes=link.get("sizes"),
        type=link.get("type"),
        color=link.get("color"),
    )


def _oembed(link: etree._Element, base: str) -> OEmbedLink | None:
    # The spec's types are application/json+oembed and text/xml+oembed; pages also write
    # text/json+oembed or application/xml+oembed, which consumers matching "+oembed" accept.
    # rel="alternate" is not required: discovery code commonly matches on the type alone.
    kind = (link.get("type") or "").strip().lower()
    href = (link.get("href") or "").strip()
    if not kind.endswith("+oembed") or not href:
        return None
    return OEmbedLink(
        format="json" if "json" in kind else "xml",
        type=kind,
        href=href,
        url=_absolute(href, base) or href,
        title=link.get("title"),
    )


def _absolute(url: str | None, base: str) -> str | None:
    url = (url or "").strip()
    if not url:
        return None
    try:
        return urljoin(base, url)
    except ValueError:  # a malformed address ("http://[::1") stays as written
        return url
