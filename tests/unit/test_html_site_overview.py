"""The HTML report's site overview: above the pages of a run of several pages, escaped, and
linking only to the report's own page sections."""

from __future__ import annotations

import dataclasses
import re

import pytest

from checker.model.elements import Element
from checker.model.results import (
    AuditResult,
    DeviceResult,
    ErrorInfo,
    Finding,
    PageResult,
    RunResult,
)
from checker.report.html import render_html
from checker.report.site_view import VISIBLE_REPEATED

HOSTILE_SELECTOR = 'div.x"><script>alert(1)</script> > a:nth-child(2)'
HOSTILE_URL = 'https://shop.example/"><img src=x onerror=alert(1)>'
NO_SCORES = {"overall": None, "layout": None, "speed": None, "social": None}


def audit(id: str, score: float | None, *findings: Finding) -> AuditResult:
    return AuditResult(
        id=id,
        title=f"Title of {id}",
        category="layout",
        weight=1.0,
        score=score,
        display="",
        fix="",
        findings=list(findings),
    )


def page(url: str, *audits: AuditResult, overall: int | None = 50) -> PageResult:
    phone = DeviceResult(
        device="pixel-7",
        viewport={"width": 412, "height": 915},
        is_mobile=True,
        scores={"overall": overall, "layout": overall, "speed": None, "social": None},
        audits={a.id: a for a in audits},
    )
    return PageResult(
        url=url,
        final_url=url,
        status="ok",
        error=None,
        scores={"overall": overall, "layout": overall, "speed": None, "social": None},
        metadata={},
        devices=[phone],
    )


def broken(url: str) -> PageResult:
    return PageResult(
        url=url,
        final_url=None,
        status="error",
        error=ErrorInfo("connection", "Refused."),
        scores=NO_SCORES,
        metadata={},
        devices=[],
    )


def run_of(*pages: PageResult) -> RunResult:
    return RunResult(
        started_at="2024-05-01T10:00:00+00:00",
        config={},
        pages=list(pages),
        summary={"pages": len(pages), "errors": 0, "scores": NO_SCORES},
        tool={"name": "readiness", "version": "1.0"},
    )


def tap(selector: str, message: str = "Too close.") -> Finding:
    return Finding(message=message, element=Element(selector))


def overview(html: str) -> str:
    """The HTML of the site overview."""
    start = html.index('<section class="site-overview')
    return html[start : html.index('<nav class="toc', start)]


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(
        run_of(
            page("https://shop.example/", audit("tap-targets", 1.0), overall=90),
            page("https://shop.example/a", audit("tap-targets", 0.2, tap("li:nth-child(1) > a"))),
            page(
                HOSTILE_URL,
                audit("tap-targets", 0.2, tap("li:nth-child(4) > a")),
                audit("font-size", 0.1, tap(HOSTILE_SELECTOR, "<b>tiny</b>")),
                overall=20,
            ),
            page("https://shop.example/c", audit("font-size", 0.1, tap(HOSTILE_SELECTOR))),
            broken("https://shop.example/down"),
            page("http://localhost:8000/", audit("viewport", 0.0), overall=10),
        )
    )


def test_site_overview_is_shown_above_the_pages_of_a_run_of_several_pages(html: str) -> None:
    assert html.count('<h2 id="site-overview">Site overview</h2>') == 1
    assert html.index('id="site-overview"') < html.index('<nav class="toc')
    assert html.index('id="site-overview"') < html.index('id="page-1"')


def test_site_overview_is_left_out_for_a_single_page() -> None:
    html = render_html(run_of(page("https://shop.example/", audit("viewport", 0.0))))
    assert 'id="site-overview"' not in html
    assert "site-overview" not in html.split("</style>")[1]


def test_site_overview_has_one_card_per_site_with_its_page_counts(html: str) -> None:
    part = overview(html)
    assert re.findall(r"<h3>([^<]*)</h3>", part) == ["shop.example", "localhost:8000"]
    shop = part[: part.index('id="site-2"')]
    assert "4 pages audited" in shop and "1 could not be audited" in shop


def test_site_overview_shows_mean_scores_as_badges(html: str) -> None:
    shop = overview(html)[: overview(html).index('id="site-2"')]
    # (90 + 50 + 20 + 50) / 4 = 52.5, rounded to even as the run summary does.
    assert 'aria-label="Overall score 52"' in shop
    assert 'aria-label="Speed score n/a"' in shop


def test_site_overview_links_the_worst_pages_to_their_sections_lowest_first(html: str) -> None:
    part = overview(html)
    worst = part[part.index('class="site-worst"') : part.index("</ol>")]
    assert re.findall(r'href="#(page-\d)"', worst) == ["page-3", "page-2", "page-4", "page-1"]
    for anchor in set(re.findall(r'href="#([^"]+)"', part)):
        assert f'id="{anchor}"' in html


def test_site_overview_says_how_many_pages_each_audit_fails_on(html: str) -> None:
    part = overview(html)
    rows = re.findall(
        r'<tr data-audit="([^"]+)">.*?fails on (\d+) of (\d+) pages?</td>', part, re.DOTALL
    )
    assert rows[:2] == [("font-size", "2", "2"), ("tap-targets", "2", "3")]
    assert ("viewport", "1", "1") in rows


def test_site_overview_shows_repeated_findings_once_with_their_pages(html: str) -> None:
    part = overview(html)
    items = part.split('<li class="finding site-repeated"')[1:]
    assert len(items) == 2
    taps = next(i for i in items if 'data-audit="tap-targets"' in i)
    assert "<code>li &gt; a</code>" in taps
    assert "On 2 pages" in taps
    assert re.findall(r'href="#(page-\d)"', taps) == ["page-2", "page-3"]


def test_site_overview_escapes_hostile_selectors_urls_and_messages(html: str) -> None:
    part = overview(html)
    assert "<script>" not in html and "<img src=x" not in html and "<b>tiny" not in html
    assert "<code>div.x&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &gt; a</code>" in part
    assert "https://shop.example/&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in part
    assert "&lt;b&gt;tiny&lt;/b&gt;" in part
    hrefs = re.findall(r'href="([^"]*)"', part)
    assert hrefs and all(re.fullmatch(r"#page-\d+", h) for h in hrefs)


def test_site_overview_collapses_repeated_findings_beyond_a_few() -> None:
    selectors = [f"a.link-{n}" for n in range(VISIBLE_REPEATED + 3)]
    failing = audit("tap-targets", 0.1, *(tap(s) for s in selectors))
    html = render_html(
        run_of(page("https://a.example/1", failing), page("https://a.example/2", failing))
    )
    part = overview(html)
    shown, hidden = re.split(r"<details>\s*<summary>3 more repeated findings</summary>", part)
    assert shown.count('class="finding site-repeated"') == VISIBLE_REPEATED
    assert hidden.count('class="finding site-repeated"') == 3


def test_site_overview_opens_short_page_lists_and_folds_long_ones() -> None:
    def on(n: int, *selectors: str) -> PageResult:
        return page(
            f"https://a.example/{n}", audit("tap-targets", 0.1, *(tap(s) for s in selectors))
        )

    html = render_html(
        run_of(*(on(n, "a.everywhere", *(["a.few"] if n < 2 else [])) for n in range(5)))
    )
    part = overview(html)
    lists = re.findall(
        r'<details class="site-on"( open)?>\s*<summary>On (\d+) pages</summary>', part
    )
    assert lists == [("", "5"), (" open", "2")]


def test_site_overview_shows_a_description_most_pages_share_with_the_text_and_pages() -> None:
    tagline = 'Harbor & Pine: "small-batch" roasts <b>from the coast</b>.'

    def described(url: str, description: str) -> PageResult:
        preview = {"description": description, "sources": {"description": "og:description"}}
        return dataclasses.replace(page(url), metadata={"preview": {"facebook": preview}})

    html = render_html(
        run_of(
            described("https://shop.example/", tagline),
            described("https://shop.example/story", tagline),
            described("https://shop.example/beans", "Our beans, by origin."),
        )
    )
    part = overview(html)
    (item,) = part.split('<li class="finding site-repeated"')[1:]
    assert 'data-audit="meta-description"' in item
    assert "Most pages share one description" in item
    assert "<code>meta[property=&#34;og:description&#34;]</code>" in item
    assert (
        "&#34;Harbor &amp; Pine: &#34;small-batch&#34; roasts &lt;b&gt;from the coast&lt;/b&gt;."
        "&#34; is the description of 2 of the site&#39;s 3 pages" in item
    )
    assert "On 2 pages" in item
    assert re.findall(r'href="#(page-\d)"', item) == ["page-1", "page-2"]
