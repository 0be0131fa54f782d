"""discover-image, ai-crawlers and llms-txt end to end: two small sites written at test time and
served on 127.0.0.1, audited in one run on one phone with only the social category.

- "brand": robots.txt shuts out GPTBot only, /llms.txt is valid; its article has an og:image
  of 1600x900 and fediverse:creator, once without max-image-preview:large, once with it;
- "bare": no robots.txt, an /llms.txt without a title; its page asks for a large preview.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from PIL import Image

from checker import Config, audit_urls
from checker.demo.server import serve_directory
from checker.model.results import AuditResult, PageResult

ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cold brew, step by step</title>
<meta name="description" content="How we make cold brew at Harbor &amp; Pine.">
<meta property="og:title" content="Cold brew, step by step">
<meta property="og:description" content="How we make cold brew at Harbor &amp; Pine.">
<meta property="og:image" content="__ORIGIN__/share.png">
<meta name="fediverse:creator" content="@ana@mastodon.example">
{extra}
</head><body><main><h1>Cold brew</h1><p>Grind coarse, steep for a night.</p></main></body></html>
"""
LLMS_VALID = """# Harbor & Pine Coffee

> Small-batch coffee roasted every Tuesday.

- [Cold brew](/article.html): how we make it
"""
LLMS_UNTITLED = "Harbor & Pine\n\n- [Cold brew](/article.html): how we make it, step by step\n"
ALLOW_LARGE = '<meta name="robots" content="max-image-preview:large">'


def _site(folder: Path, *, robots: str | None, llms: str) -> Path:
    folder.mkdir()
    Image.new("RGB", (1600, 900), (20, 90, 160)).save(folder / "share.png")
    (folder / "article.html").write_text(ARTICLE.format(extra=""))
    (folder / "allowed.html").write_text(ARTICLE.format(extra=ALLOW_LARGE))
    if robots is not None:
        (folder / "robots.txt").write_text(robots)
    (folder / "llms.txt").write_text(llms)
    return folder


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, PageResult]:
    root = tmp_path_factory.mktemp("discover-ai")
    brand = _site(root / "brand", robots="User-agent: GPTBot\nDisallow: /\n", llms=LLMS_VALID)
    bare = _site(root / "bare", robots=None, llms=LLMS_UNTITLED)
    with contextlib.ExitStack() as stack:
        brand_url = stack.enter_context(serve_directory(brand, fill_origin=True))
        bare_url = stack.enter_context(serve_directory(bare, fill_origin=True))
        config = Config(
            devices=("pixel-7",),
            only_categories=("social",),
            block_external=True,
            timeout=20,
            formats=("json",),
            output_dir=root / "report",
        )
        names = ("article", "allowed", "bare")
        urls = [f"{brand_url}article.html", f"{brand_url}allowed.html", f"{bare_url}allowed.html"]
        run = audit_urls(urls, config)
    return dict(zip(names, run.pages, strict=True))


def _audit(pages: dict[str, PageResult], page: str, audit_id: str) -> AuditResult:
    result = pages[page]
    assert result.status == "ok", result.error
    return result.devices[0].audits[audit_id]


def test_discover_image_fails_without_the_permission_and_passes_with_it(pages):
    without = _audit(pages, "article", "discover-image")
    assert without.score == 0
    assert "og:image 1600x900" in without.findings[0].message
    assert "max-image-preview:large" in without.findings[0].message
    allowed = _audit(pages, "allowed", "discover-image")
    assert allowed.score == 1
    assert allowed.details["image"]["width"] == 1600


def test_ai_crawlers_reads_robots_txt_per_crawler(pages):
    audit = _audit(pages, "article", "ai-crawlers")
    rows = {row["name"]: row for row in audit.details["crawlers"]}
    assert rows["GPTBot"]["allowed"] is False
    assert rows["GPTBot"]["rule"] == "User-agent: GPTBot / Disallow: /"
    assert rows["ClaudeBot"]["allowed"] is True
    assert audit.score == 1
    bare = {row["name"]: row for row in _audit(pages, "bare", "ai-crawlers").details["crawlers"]}
    assert all(row["allowed"] for row in bare.values())
    assert bare["GPTBot"]["rule"].startswith("no robots.txt (HTTP 404)")


def test_llms_txt_passes_a_valid_file_and_fails_one_without_a_title(pages):
    assert _audit(pages, "article", "llms-txt").score == 1
    untitled = _audit(pages, "bare", "llms-txt")
    assert untitled.score == 0
    assert [f.details["missing"] for f in untitled.findings] == ["title"]


def test_the_site_overview_counts_what_the_pages_say(pages):
    from checker.judge.tallies import audit_tallies

    tallies = {t.id: t for t in audit_tallies([pages["article"], pages["allowed"]])}
    discover = {c.label: c.pages for c in tallies["discover-image"].counts}
    assert discover == {"a large image, not allowed": 1, "a large image in Discover": 1}
    assert tallies["discover-image"].pages == 2
    assert [(c.label, c.pages) for c in tallies["ai-crawlers"].counts] == [("GPTBot kept out", 2)]
    assert [(c.label, c.pages) for c in tallies["llms-txt"].counts] == [
        ("llms.txt follows the format", 2)
    ]
