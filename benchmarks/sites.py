"""Local sites for the benchmarks: the bundled demo plus real pages from the shared corpus,
copied into a directory to serve on 127.0.0.1, linked to each other, with a sitemap.xml.

    site = build_site(directory, 10)   # the demo's 4 pages, then 6 corpus pages
    with serve_directory(directory, fill_origin=True) as base: urls = site.urls(base)

Small sites take the demo, then a hand-picked varied set of corpus pages (fixed-width, wide,
no viewport, big, tiny), then the rest of the corpus; beyond that, variants of corpus pages
under v2/, v3/...: even rounds flip the viewport (a page made for phones loses its viewport
meta, one that was not gains `width=device-width`), odd rounds are copies with another title.

Corpus pages link to their own site with relative URLs, which on 127.0.0.1 would send a
crawler to hundreds of 404s. Their relative `<a href>`s are made absolute against the page's
original address (og:url or canonical in facts.json), so a crawl visits exactly the site's
pages; their images, styles and scripts are left alone (they 404 here or go to other hosts,
which the benchmarks block).
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from checker.demo.pages import demo_site_dir
from checker.demo.server import ORIGIN_PLACEHOLDER

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "pages"
# Chosen for variety: a fixed 1140 px viewport (cnn), a 1500 px wide page (bbc-1), no viewport
# meta (wikipedia), a plain blog (medium-1), a 1.2 MB page (guardian-1), a 20 KB page
# (daringfireball-1), then more of the same kinds.
VARIED_FIRST = (
    "cnn",
    "bbc-1",
    "wikipedia",
    "medium-1",
    "guardian-1",
    "daringfireball-1",
    "lemonde-1",
    "nytimes-1",
    "theverge",
    "ietf-1",
)
# Where a corpus page's relative links point when facts.json knows no address for it.
UNKNOWN_ORIGIN = "https://example.com/"
# How many next pages each page links to (the home page links to all of them).
NEXT_LINKS = 2

_VIEWPORT_META = re.compile(rb"<meta\b[^>]*\bname\s*=\s*[\"']?viewport[^>]*>", re.IGNORECASE)
_HEAD_OPEN = re.compile(rb"<head\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(rb"(<title\b[^>]*>)", re.IGNORECASE)
_ANCHOR_HREF = re.compile(rb"(<a\b[^>]*?\bhref\s*=\s*)([\"'])(.*?)\2", re.IGNORECASE | re.DOTALL)
# hrefs that already leave the site or stay on the page.
_KEEP_HREF = re.compile(rb"^\s*(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
DEVICE_WIDTH_META = b'<meta name="viewport" content="width=device-width, initial-scale=1">'


@dataclass(frozen=True)
class SitePage:
    path: str  # from the site's root: "" for the home page, "corpus/cnn/"...
    source: str  # what it was made from, for the tables: "demo/shop.html", "cnn (v2)"...
    demo_file: str | None = None  # the demo's file it is, or
    corpus_name: str | None = None  # the corpus page it is made from,
    variant: int = 1  # 1 as saved; even: viewport flipped; odd above 1: another title


@dataclass(frozen=True)
class Site:
    directory: Path
    pages: tuple[SitePage, ...]

    def urls(self, base_url: str) -> list[str]:
        return [base_url + page.path for page in self.pages]


def build_site(directory: Path, count: int, *, shuffle_seed: int | None = None) -> Site:
    """Write a site of `count` pages into `directory` (created, or emptied first). With a
    seed, the pages after the home page are listed (sitemap, links, `pages`) in a random
    order, so heavy and light pages mix over a crawl and a memory trend is not page order."""
    if count < 1:
        raise ValueError("a site needs at least one page")
    if directory.exists():
        shutil.rmtree(directory)
    shutil.copytree(demo_site_dir(), directory)
    plan = _plan(count)
    if shuffle_seed is not None:
        rest = plan[1:]
        random.Random(shuffle_seed).shuffle(rest)
        plan = [plan[0], *rest]
    bodies: dict[SitePage, bytes] = {}
    for page in plan:
        bodies[page] = _page_body(directory, page)
    pages = tuple(bodies)
    for index, page in enumerate(pages):
        links = pages[1:] if index == 0 else _next_pages(pages, index)
        target = _file_of(directory, page)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_with_nav(bodies[page], links))
    (directory / "sitemap.xml").write_text(_sitemap(pages), encoding="utf-8")
    return Site(directory, pages)


def _file_of(directory: Path, page: SitePage) -> Path:
    if not page.path or page.path.endswith("/"):
        return directory / page.path / "index.html"
    return directory / page.path


def _plan(count: int) -> list[SitePage]:
    demo = sorted(p.name for p in demo_site_dir().glob("*.html") if p.name != "index.html")
    plan = [SitePage(n, f"demo/{n}", demo_file=n) for n in ["index.html", *demo]]
    plan[0] = SitePage("", "demo/index.html", demo_file="index.html")  # at its usual address
    corpus = [*VARIED_FIRST, *sorted(p.name for p in CORPUS.iterdir() if p.is_dir())]
    names = list(dict.fromkeys(n for n in corpus if (CORPUS / n / "index.html").is_file()))
    round_number = 1
    while len(plan) < count:
        for name in names:
            if len(plan) >= count:
                break
            if round_number == 1:
                plan.append(SitePage(f"corpus/{name}/", name, corpus_name=name))
            else:
                path, source = f"v{round_number}/{name}/", f"{name} (v{round_number})"
                plan.append(SitePage(path, source, corpus_name=name, variant=round_number))
        round_number += 1
    return plan[:count]


def _page_body(directory: Path, page: SitePage) -> bytes:
    if page.demo_file is not None:
        return (directory / page.demo_file).read_bytes()
    name = page.corpus_name or ""
    body = _absolute_links((CORPUS / name / "index.html").read_bytes(), _original_url(name))
    if page.variant == 1:
        return body
    if page.variant % 2 == 0:
        return _flip_viewport(body)
    copy = f"(copy {page.variant}) ".encode()
    return _TITLE.sub(lambda m: m.group(1) + copy, body, count=1)


def _original_url(name: str) -> str:
    facts_file = CORPUS / name / "facts.json"
    if not facts_file.is_file():
        return UNKNOWN_ORIGIN
    facts = json.loads(facts_file.read_text(encoding="utf-8"))
    candidates = [(facts.get("og") or {}).get("og:url"), facts.get("canonical")]
    for url in candidates:
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            return url
    return UNKNOWN_ORIGIN


def _absolute_links(body: bytes, original_url: str) -> bytes:
    def absolute(match: re.Match[bytes]) -> bytes:
        href = match.group(3)
        if _KEEP_HREF.match(href):
            return match.group(0)
        text = html.unescape(href.decode("utf-8", "replace")).strip()
        url = html.escape(urljoin(original_url, text), quote=True).encode()
        return match.group(1) + match.group(2) + url + match.group(2)

    return _ANCHOR_HREF.sub(absolute, body)


def _flip_viewport(body: bytes) -> bytes:
    """Without a viewport meta when it had a device-width one, with one otherwise."""
    metas = _VIEWPORT_META.findall(body)
    if any(b"device-width" in m.lower() for m in metas):
        return _VIEWPORT_META.sub(b"", body)
    body = _VIEWPORT_META.sub(b"", body)
    head = _HEAD_OPEN.search(body)
    at = head.end() if head else 0
    return body[:at] + DEVICE_WIDTH_META + body[at:]


def _next_pages(pages: tuple[SitePage, ...], index: int) -> list[SitePage]:
    following = [pages[(index + step) % len(pages)] for step in range(1, NEXT_LINKS + 1)]
    return list(dict.fromkeys([pages[0], *following]))


def _with_nav(body: bytes, links: list[SitePage] | tuple[SitePage, ...]) -> bytes:
    """The page with a footer of links to other pages of the site, big enough to tap."""
    if not links:
        return body
    items = "".join(
        f'<li><a href="/{page.path}" style="display:block;padding:14px 8px">'
        f"{html.escape(page.source)}</a></li>"
        for page in links
    )
    nav = (
        f'<nav aria-label="Benchmark site"><ul style="list-style:none;padding:0">{items}</ul></nav>'
    )
    at = body.lower().rfind(b"</body")
    at = len(body) if at < 0 else at
    return body[:at] + nav.encode() + body[at:]


def _sitemap(pages: tuple[SitePage, ...]) -> str:
    origin = ORIGIN_PLACEHOLDER.decode()
    entries = "".join(f"  <url><loc>{origin}/{html.escape(p.path)}</loc></url>\n" for p in pages)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )
