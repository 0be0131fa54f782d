"""The five-page site of issue 22, written from its description: a home page, an article with
social tags, a page not made for phones, a heavy page (a 2 MB image and a script that blocks
rendering) and a minimal page. Nothing comes from another host, so every page loads whole on
127.0.0.1 and the sides compare the same work.

    site = build_five_pages(directory)
    with serve_directory(directory, fill_origin=True) as base: urls = site.urls(base)
"""

from __future__ import annotations

import random
import shutil
from io import BytesIO
from pathlib import Path

from PIL import Image
from sites import Site, SitePage

from checker.demo.server import ORIGIN_PLACEHOLDER

ORIGIN = ORIGIN_PLACEHOLDER.decode()
HEAVY_IMAGE_BYTES = 2_000_000
# The blocking script's work: about 15 ms here, so the page's first paint waits on the script's
# download and run rather than on a long task.
BLOCKING_LOOPS = 4_000_000

VIEWPORT_META = '<meta name="viewport" content="width=device-width, initial-scale=1">'
PAGES = (
    SitePage("", "home page"),
    SitePage("article.html", "article with social tags"),
    SitePage("desktop.html", "non-mobile page"),
    SitePage("heavy.html", "heavy page (2 MB image, blocking script)"),
    SitePage("minimal.html", "minimal page"),
)

_STYLE = """<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#222}
header,main,footer{padding:16px}
nav a{display:inline-block;padding:12px 10px}
img{max-width:100%;height:auto}
.cards{display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(240px,1fr))}
.card{border:1px solid #ddd;border-radius:8px;padding:12px}
button{font-size:16px;padding:12px 20px}
</style>"""

_NAV = """<nav aria-label="Main"><a href="/">Home</a><a href="/article.html">Journal</a>
<a href="/desktop.html">Wholesale</a><a href="/heavy.html">Gallery</a>
<a href="/minimal.html">Contact</a></nav>"""

_PARAGRAPH = (
    "Our roastery works with growers on three continents, buying green coffee at prices that "
    "pay for the work, and roasting it in small batches every morning so it reaches you within "
    "days. Each bag says where it grew, who grew it and how we roasted it."
)


def build_five_pages(directory: Path) -> Site:
    """Write the five pages and their files into `directory` (created, or emptied first)."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    (directory / "images").mkdir()
    (directory / "images" / "hero.jpg").write_bytes(_jpeg(800, 450, quality=70, seed=1))
    (directory / "images" / "share.jpg").write_bytes(_jpeg(1200, 630, quality=75, seed=2))
    (directory / "images" / "gallery.jpg").write_bytes(_heavy_jpeg(HEAVY_IMAGE_BYTES))
    (directory / "app.js").write_text(_blocking_script(), encoding="utf-8")
    (directory / "index.html").write_text(_home(), encoding="utf-8")
    (directory / "article.html").write_text(_article(), encoding="utf-8")
    (directory / "desktop.html").write_text(_desktop(), encoding="utf-8")
    (directory / "heavy.html").write_text(_heavy(), encoding="utf-8")
    (directory / "minimal.html").write_text(_minimal(), encoding="utf-8")
    robots = f"User-agent: *\nAllow: /\nSitemap: {ORIGIN}/sitemap.xml\n"
    (directory / "robots.txt").write_text(robots, encoding="utf-8")
    (directory / "sitemap.xml").write_text(_sitemap(), encoding="utf-8")
    return Site(directory, PAGES)


def _document(title: str, body: str, *, head: str = "", viewport: bool = True) -> str:
    meta = VIEWPORT_META if viewport else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">{meta}'
        f"<title>{title}</title>{head}</head><body>{body}</body></html>\n"
    )


def _home() -> str:
    cards = "".join(
        f'<div class="card"><h3>Roast no. {n}</h3><p>{_PARAGRAPH[: 90 + n * 7]}</p>'
        f'<a href="/article.html">Read about roast {n}</a></div>'
        for n in range(1, 9)
    )
    body = (
        f"<header><h1>Harbor &amp; Pine Coffee</h1>{_NAV}</header><main>"
        '<img src="/images/hero.jpg" width="800" height="450" alt="Beans cooling after roasting">'
        f'<p>{_PARAGRAPH}</p><section class="cards">{cards}</section>'
        '<form action="/minimal.html"><label for="email">Email for our letter</label> '
        '<input id="email" type="email" name="email" autocomplete="email"> '
        "<button>Subscribe</button></form></main><footer>© Harbor &amp; Pine</footer>"
    )
    description = '<meta name="description" content="Small-batch coffee, roasted every morning.">'
    return _document("Harbor & Pine Coffee", body, head=_STYLE + description)


def _article() -> str:
    url = f"{ORIGIN}/article.html"
    head = (
        _STYLE
        + '<meta name="description" content="How we choose the farms we buy from.">'
        + f'<link rel="canonical" href="{url}">'
        + '<meta property="og:type" content="article">'
        + '<meta property="og:title" content="How we choose our farms">'
        + '<meta property="og:description" content="Prices that pay for the work, every year.">'
        + f'<meta property="og:url" content="{url}">'
        + f'<meta property="og:image" content="{ORIGIN}/images/share.jpg">'
        + '<meta property="og:image:width" content="1200">'
        + '<meta property="og:image:height" content="630">'
        + '<meta property="og:image:alt" content="A coffee farm on a hillside">'
        + '<meta property="og:site_name" content="Harbor &amp; Pine">'
        + '<meta name="twitter:card" content="summary_large_image">'
        + '<meta name="twitter:site" content="@harborpine">'
        + '<meta name="robots" content="max-image-preview:large">'
        + '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article",'
        + '"headline":"How we choose our farms","datePublished":"2026-11-02",'
        + f'"image":["{ORIGIN}/images/share.jpg"],'
        + '"author":{"@type":"Person","name":"Ana Ruiz"}}</script>'
    )
    paragraphs = "".join(f"<p>{_PARAGRAPH}</p>" for _ in range(12))
    body = (
        f"<header>{_NAV}</header><main><article><h1>How we choose our farms</h1>"
        '<p><time datetime="2026-11-02">2 November 2026</time> by Ana Ruiz</p>'
        '<img src="/images/share.jpg" width="1200" height="630" alt="A coffee farm on a hillside">'
        f"{paragraphs}</article></main>"
    )
    return _document("How we choose our farms | Harbor & Pine", body, head=head)


def _desktop() -> str:
    """A page of the 2000s: no viewport, a fixed 980 px table, 11 px text, small links."""
    rows = "".join(
        f'<tr><td><a href="/minimal.html?item={n}">Item {n}</a></td><td>Colombia, washed</td>'
        f'<td>12 bags</td><td><a href="/minimal.html?order={n}">order</a></td></tr>'
        for n in range(1, 41)
    )
    body = (
        '<div style="width:980px;margin:0 auto;font:11px Verdana,sans-serif">'
        '<h1 style="font-size:18px">Wholesale price list</h1>'
        f'<table width="980" cellpadding="2" border="1">{rows}</table>'
        f'<p style="font-size:10px">{_PARAGRAPH}</p></div>'
    )
    return _document("Wholesale | Harbor & Pine", body, viewport=False)


def _heavy() -> str:
    head = _STYLE + '<script src="/app.js"></script>'
    body = (
        f"<header><h1>Gallery</h1>{_NAV}</header><main>"
        '<img src="/images/gallery.jpg" alt="The roastery floor at dawn">'
        f"<p>{_PARAGRAPH}</p></main>"
    )
    return _document("Gallery | Harbor & Pine", body, head=head)


def _minimal() -> str:
    return _document("Contact | Harbor & Pine", "<h1>Contact</h1><p>hello@example.com</p>")


def _blocking_script() -> str:
    """A synchronous script in the head: the page draws nothing until it has run."""
    return (
        f"(function(){{var x=0;for(var i=0;i<{BLOCKING_LOOPS};i++){{x=(x*31+i)%1000003;}}"
        "window.__appReady=x;})();\n"
    )


def _jpeg(width: int, height: int, *, quality: int, seed: int) -> bytes:
    """A photo-like picture: smooth colour fields with a little grain."""
    picture = _colour_fields(16, 9, seed).resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((width, height), 12).convert("RGB")
    buffer = BytesIO()
    Image.blend(picture, grain, 0.15).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _heavy_jpeg(target_bytes: int) -> bytes:
    """A JPEG of about `target_bytes`: a large grainy photo at high quality, as cameras give."""
    width, height = 3000, 2000
    picture = _colour_fields(24, 16, 3).resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((width, height), 40).convert("RGB")
    photo = Image.blend(picture, grain, 0.3)
    best = b""
    for quality in range(80, 96):
        buffer = BytesIO()
        photo.save(buffer, "JPEG", quality=quality)
        best = buffer.getvalue()
        if len(best) >= target_bytes:
            break
    return best


def _colour_fields(columns: int, rows: int, seed: int) -> Image.Image:
    rng = random.Random(seed)
    small = Image.new("RGB", (columns, rows))
    small.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(columns * rows)])
    return small


def _sitemap() -> str:
    entries = "".join(f"  <url><loc>{ORIGIN}/{page.path}</loc></url>\n" for page in PAGES)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )
