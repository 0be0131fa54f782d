"""Sitemaps (sitemaps.org): the pages a site lists, read from urlsets, sitemap indexes, gzipped
files and plain-text lists, safely and within caps. A sitemap that cannot be read becomes a
note, never an exception: the crawl goes on with the links in the pages."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from lxml import etree

from checker.gather.fetch import Fetched
from checker.model.urls import is_web_url, page_key

# The sitemaps.org protocol caps a sitemap at 50,000 URLs and 50 MB uncompressed; a crawl of a
# few dozen pages never needs more than one full file's worth.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
MAX_SITEMAP_URLS = 50_000
# The protocol forbids an index listing indexes; some sites do it anyway, once: an index at
# depth 0 or 1 is read, one at depth 2 is not.
MAX_INDEX_DEPTH = 2
MAX_SITEMAP_FILES = 100  # files fetched in one crawl, indexes included
GZIP_MAGIC = b"\x1f\x8b"

# Hostile XML must not expand: no entities resolved (billion laughs, external files), no DTD
# or network access, and libxml2's default limits on depth and text size kept (no huge_tree).
_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


class SitemapError(Exception):
    """Why a sitemap could not be read, in words for the person running the crawl."""


@dataclass(frozen=True)
class Sitemap:
    """One sitemap file: a urlset lists pages, an index lists other sitemaps."""

    kind: str  # "urlset" | "sitemapindex"
    locs: list[str]


@dataclass(frozen=True)
class SitemapPages:
    urls: list[str] = field(default_factory=list)  # in sitemap order, index children in place
    notes: list[str] = field(default_factory=list)


def parse_sitemap(body: bytes) -> Sitemap:
    """A sitemap's body (gzipped or not, told by its first bytes, not its name); raises
    SitemapError."""
    data = gunzip(body) if body.startswith(GZIP_MAGIC) else body
    if len(data) > MAX_SITEMAP_BYTES:
        raise SitemapError("it is larger than the 50 MB a sitemap may be")
    text_urls = _text_sitemap(data)
    if text_urls is not None:
        return Sitemap("urlset", text_urls[:MAX_SITEMAP_URLS])
    try:
        root = etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"it is not valid XML ({exc.msg})") from None
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"it is not a sitemap (its root element is <{kind}>)")
    entry = "url" if kind == "urlset" else "sitemap"
    locs: list[str] = []
    for element in root:
        if len(locs) >= MAX_SITEMAP_URLS:
            break
        if isinstance(element.tag, str) and etree.QName(element).localname == entry:
            loc = _loc(element)
            if loc is not None:
                locs.append(loc)
    return Sitemap(kind, locs)


def gunzip(data: bytes, max_bytes: int = MAX_SITEMAP_BYTES) -> bytes:
    """Decompress at most max_bytes, so a gzip bomb stops there; raises SitemapError."""
    out = bytearray()
    rest = data
    try:
        while rest.startswith(GZIP_MAGIC):  # a gzip file may hold several members
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += inflater.decompress(rest, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise SitemapError("it is larger than the 50 MB a sitemap may be, uncompressed")
            if not inflater.eof:
                raise SitemapError("its gzip data is cut short")
            rest = inflater.unused_data
    except zlib.error:
        raise SitemapError("it is not valid gzip data") from None
    return bytes(out)


def collect_sitemap_urls(
    sitemap_urls: list[str],
    get_many: Callable[[list[str]], list[Fetched]],
    *,
    quiet: Collection[str] = (),
) -> SitemapPages:
    """The page URLs of the sitemaps and of the sitemaps their indexes list, in order.
    `get_many` fetches a list of URLs (concurrently) and returns the results in the same order.
    A sitemap in `quiet` (one we only guessed, like /sitemap.xml) is not worth a note when it
    turns out to be missing or not a sitemap."""
    walk = _Walk(get_many, frozenset(quiet))
    walk.read(list(sitemap_urls), depth=0)
    return SitemapPages(walk.urls, walk.notes)


class _Walk:
    """One pass over a tree of sitemaps: depth first, each level fetched at once."""

    def __init__(self, get_many: Callable[[list[str]], list[Fetched]], quiet: frozenset[str]):
        self.get_many = get_many
        self.quiet = quiet
        self.urls: list[str] = []
        self.notes: list[str] = []
        self.seen: set[str] = set()
        self.files_left = MAX_SITEMAP_FILES
        self.full = False  # MAX_SITEMAP_URLS reached

    def read(self, sitemap_urls: list[str], depth: int) -> None:
        todo = self._claim(sitemap_urls)
        for url, fetched in zip(todo, self.get_many(todo) if todo else [], strict=True):
            if self.full:
                return
            final_key = page_key(fetched.final_url)
            if final_key in self.seen and final_key != page_key(url):
                continue  # redirects to a sitemap read already
            self.seen.add(final_key)
            try:
                sitemap = _read(fetched)
            except SitemapError as problem:
                if url not in self.quiet:
                    self.notes.append(f"Sitemap {url} could not be read: {problem}.")
                continue
            if sitemap.kind == "sitemapindex":
                self._read_index(url, sitemap, depth)
                continue
            room = MAX_SITEMAP_URLS - len(self.urls)
            self.urls.extend(sitemap.locs[:room])
            if len(sitemap.locs) > room:
                self.full = True
                self.notes.append(
                    f"The sitemaps list more than {MAX_SITEMAP_URLS:,} pages; "
                    "the ones after that were not read."
                )

    def _read_index(self, url: str, index: Sitemap, depth: int) -> None:
        if depth >= MAX_INDEX_DEPTH:
            self.notes.append(
                f"Sitemap index {url} is nested {depth + 1} indexes deep; "
                "the sitemaps it lists were not read."
            )
            return
        self.read(index.locs, depth + 1)

    def _claim(self, sitemap_urls: list[str]) -> list[str]:
        todo: list[str] = []
        for url in filter(is_web_url, sitemap_urls):
            key = page_key(url)
            if key in self.seen:
                continue
            if self.files_left == 0:
                self.files_left = -1  # noted once
                self.notes.append(
                    f"Only {MAX_SITEMAP_FILES} sitemap files were read; "
                    f"{url} and the ones after it were not."
                )
            if self.files_left <= 0:
                break
            self.seen.add(key)
            self.files_left -= 1
            todo.append(url)
        return todo


def _read(fetched: Fetched) -> Sitemap:
    if fetched.error is not None:
        raise SitemapError(fetched.error)
    if fetched.status is None or not 200 <= fetched.status < 300:
        raise SitemapError(f"HTTP {fetched.status}")
    if fetched.truncated:
        raise SitemapError("it is larger than the 50 MB a sitemap may be")
    return parse_sitemap(fetched.body)


def _loc(entry: etree._Element) -> str | None:
    for child in entry:
        if isinstance(child.tag, str) and etree.QName(child).localname == "loc":
            if len(child):  # an entity or markup inside <loc>: not a plain URL
                return None
            loc = (child.text or "").strip()
            return loc if is_web_url(loc) else None
    return None


def _text_sitemap(data: bytes) -> list[str] | None:
    """The protocol's plain-text form: one absolute URL a line, UTF-8."""
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff").strip()
    if not text or text.startswith("<"):
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not all(line.lower().startswith(("http://", "https://")) for line in lines):
        return None
    return [line for line in lines if is_web_url(line)]
