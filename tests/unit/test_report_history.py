"""The run history in the reports: per site, a small chart per score over the last runs and
the findings new and fixed since its last run in report.html; two lines per site in
summary.md. Page text stays text; without a history the reports are as they were."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest

from checker.model.elements import Element
from checker.model.gate import GateResult
from checker.model.history import (
    FindingChange,
    RunDiff,
    RunHistory,
    RunRef,
    SiteHistory,
    TrendPoint,
)
from checker.model.results import AuditResult, DeviceResult, Finding, PageResult, RunResult
from checker.report.history_view import (
    MAX_CHANGES,
    TREND_RUNS,
    history_views,
    since_last_report,
    sparkline_svg,
    trend_description,
)
from checker.report.html import render_html
from checker.report.markdown import render_markdown
from checker.report.write import write_reports

SHOP = "shop.example"
HOSTILE = "<img src=x onerror=alert(1)>"
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
XMLNS = "http://www.w3.org/2000/svg"


def audit(id: str, score: float, title: str | None = None) -> AuditResult:
    findings = [] if score >= 0.9 else [Finding("Too close.", Element("a.x"))]
    return AuditResult(
        id=id,
        title=title or f"Title of {id}",
        category="layout",
        weight=1.0,
        score=score,
        display="",
        fix="",
        findings=findings,
    )


def page(url: str, *audits: AuditResult, overall: int = 70) -> PageResult:
    scores = {"overall": overall, "layout": overall, "speed": 50, "social": 80}
    phone = DeviceResult(
        device="pixel-7",
        viewport={"width": 412, "height": 915},
        is_mobile=True,
        scores=scores,
        audits={a.id: a for a in audits},
    )
    return PageResult(
        url=url,
        final_url=url,
        status="ok",
        error=None,
        scores=scores,
        metadata={},
        devices=[phone],
    )


def run_of(*pages: PageResult, categories=("layout", "speed", "social")) -> RunResult:
    return RunResult(
        started_at="2026-12-06T10:00:00+00:00",
        config={},
        pages=list(pages),
        summary={"pages": len(pages), "errors": 0, "scores": {}},
        tool={"name": "readiness", "version": "1.0"},
        categories_run=categories,
    )


def shop_run(**kwargs: object) -> RunResult:
    return run_of(
        page(
            "https://shop.example/",
            audit("tap-targets", 0.3, "Tap targets are too small"),
            audit("viewport", 1.0, "Has a viewport meta tag"),
        ),
        page("https://shop.example/cart", audit("font-size", 0.95, "Text is legible")),
        **kwargs,  # type: ignore[arg-type]
    )


def ref(n: int) -> RunRef:
    return RunRef(n, f"2026-12-{n:02d}T10:00:00+00:00", "abc1234", "main")


def point(n: int, overall: int | None, layout: int | None, speed: int | None = 55) -> TrendPoint:
    scores = {"overall": overall, "layout": layout, "speed": speed, "social": 80}
    return TrendPoint(ref(n), scores)


def change(url: str, audit: str, n: int = 0, **kwargs: str | None) -> FindingChange:
    values: dict[str, str | None] = {
        "url": url,
        "device": "pixel-7",
        "audit": audit,
        "selector": f"a.link-{n}",
        "message": f"Too close ({n}).",
        "impact": "serious",
        "fingerprint": f"fp-{audit}-{n}",
    }
    values.update(kwargs)
    return FindingChange(**values)  # type: ignore[arg-type]


def site_history(
    site: str = SHOP,
    new: list[FindingChange] | None = None,
    fixed: list[FindingChange] | None = None,
    **diff: list[str],
) -> SiteHistory:
    trend = [
        point(1, 71, 62),
        point(2, 73, 70),
        point(3, 74, None),
        point(4, 76, 75),
        point(5, 78, 81, 52),
    ]
    return SiteHistory(
        site,
        trend,
        RunDiff(old=ref(4), new=ref(5), new_findings=new or [], fixed_findings=fixed or [], **diff),
    )


def first_run(site: str = SHOP) -> SiteHistory:
    return SiteHistory(site, [point(5, 78, 81)], None)


def history(*sites: SiteHistory) -> RunHistory:
    return RunHistory(".readiness/history.db", 5, list(sites))


def block(html: str) -> str:
    """The History block of the first site that has one."""
    start = html.index('<div class="history"')
    return html[start : html.index("</div>", start)]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


GATE = GateResult(outcomes=[])


# The chart


def test_sparkline_has_a_dot_per_scored_run_and_a_gap_where_a_score_is_missing() -> None:
    values = [62, 70, None, 81, 75]
    svg = sparkline_svg(values, trend_description("Layout", values))
    tree = ET.fromstring(str(svg).replace("<svg ", f'<svg xmlns="{XMLNS}" ', 1))
    lines = tree.findall(f"{{{XMLNS}}}polyline")
    assert [len(line.get("points", "").split()) for line in lines] == [2, 2]
    assert len(tree.findall(f"{{{XMLNS}}}circle")) == 4
    assert tree.get("aria-label") == "Layout over the last 5 runs: 62, 70, no score, 81, 75"
    assert tree.findtext(f"{{{XMLNS}}}title") == tree.get("aria-label")
    assert tree.get("role") == "img"


def test_sparkline_draws_0_to_100_bottom_to_top_with_the_pass_line_faint() -> None:
    svg = str(sparkline_svg([0, 100], "x"))
    assert 'viewBox="0 0 120 32"' in svg
    dots = re.findall(r'<circle[^>]* cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert dots == [("3", "29"), ("117", "3")]
    pass_line = re.search(r'<line class="spark-pass"[^>]*>', svg)
    assert pass_line and 'y1="5.6"' in pass_line.group() and "stroke-opacity" in pass_line.group()


def test_sparkline_holds_numbers_only_and_escapes_its_words() -> None:
    svg = str(sparkline_svg([50, 60], f"Layout {HOSTILE}"))
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;img src=x onerror=alert(1)&gt;" in svg
    words = re.sub(r'aria-label="[^"]*"|<title>[^<]*</title>', "", svg)
    values = re.findall(r'="([^"]*)"', words)
    allowed = re.compile(r"[\d., ]+|[a-z -]+|currentColor")
    assert all(allowed.fullmatch(v) for v in values), values


def test_trend_shows_at_most_the_last_ten_runs() -> None:
    trend = [point(n, 50 + n, 40 + n) for n in range(1, 15)]
    views = history_views(history(SiteHistory(SHOP, trend, None)), shop_run())
    overall = views[SHOP].trends[0]
    assert views[SHOP].runs == TREND_RUNS
    assert str(overall.svg).count("<circle") == TREND_RUNS
    assert overall.description.startswith("Overall over the last 10 runs: 55, 56,")


# The HTML report


def test_html_history_has_a_chart_per_category_the_run_audited() -> None:
    html = render_html(shop_run(categories=("layout", "speed")), history=history(site_history()))
    part = block(html)
    assert re.findall(r'<li class="trend band-\w+" data-key="(\w+)"', part) == [
        "overall",
        "layout",
        "speed",
    ]
    assert part.count("<svg") == 3
    assert 'aria-label="Layout over the last 5 runs: 62, 70, no score, 75, 81"' in part
    assert "<script" not in html
    # This run's value beside each chart, and its change since the run before.
    layout = part[part.index('data-key="layout"') :]
    assert re.search(r'class="chip band-average"[^>]*>81</span>', layout)
    assert ">+6</span>" in layout


def test_html_history_sits_in_its_sites_overview() -> None:
    html = render_html(shop_run(), history=history(site_history()))
    overview = html[html.index('id="site-overview"') : html.index('<nav class="toc')]
    assert '<div class="history" data-site="shop.example">' in overview
    assert overview.index("<h3>shop.example</h3>") < overview.index('class="history"')


def test_html_history_of_a_single_page_run_has_a_section_of_its_own() -> None:
    run = run_of(page("https://shop.example/", audit("tap-targets", 0.3)))
    html = render_html(run, history=history(site_history()))
    assert 'id="site-overview"' not in html
    section = html[html.index('<h2 id="history">History</h2>') : html.index("<main class")]
    assert "<h3>shop.example</h3>" in section and section.count("<svg") == 4


def test_html_lists_new_and_fixed_findings_with_title_page_device_selector_message() -> None:
    new = [change("https://shop.example/", "tap-targets", 1)]
    fixed = [change("https://shop.example/cart", "font-size", 2, impact="moderate")]
    html = render_html(shop_run(), history=history(site_history(new=new, fixed=fixed)))
    words = text(block(html))
    assert "New since the last run (run 4 of 4 December 2026, 10:00 UTC): 1" in words
    assert "Fixed since the last run: 1" in words
    new_part, fixed_part = block(html).split("Fixed since the last run")
    assert "Tap targets are too small" in new_part and "tap-targets" in new_part
    assert '<a href="#page-1">https://shop.example/</a>' in new_part
    assert "pixel-7" in new_part and "<code>a.link-1</code>" in new_part
    assert "Too close (1)." in new_part and "serious" in new_part
    assert "Text is legible" in fixed_part and '<a href="#page-2">' in fixed_part
    assert "moderate" in fixed_part


def test_html_change_titled_by_its_id_when_the_run_has_no_such_audit() -> None:
    new = [change("https://elsewhere.example/", "gone-audit", 1, selector=None, impact=None)]
    html = render_html(shop_run(), history=history(site_history(new=new)))
    item = block(html)[block(html).index('data-audit="gone-audit"') :]
    assert '<span class="site-audit-title">gone-audit</span>' in item
    assert "href" not in item.split("</li>")[0]  # not a page of this run: no link
    assert "Element" not in item.split("</li>")[0] and "Impact" not in item.split("</li>")[0]
    assert "Fixed since the last run: none" in text(block(html))


def test_html_caps_each_list_at_twenty_with_and_k_more() -> None:
    new = [change("https://shop.example/", "tap-targets", n) for n in range(MAX_CHANGES + 5)]
    fixed = [change("https://shop.example/", "font-size", n) for n in range(MAX_CHANGES + 1)]
    html = render_html(shop_run(), history=history(site_history(new=new, fixed=fixed)))
    part = block(html)
    assert part.count('<li class="finding hist-item"') == 2 * MAX_CHANGES
    assert "New since the last run (run 4 of 4 December 2026, 10:00 UTC): 25" in text(part)
    assert "and 5 more" in part and "and 1 more" in part


def test_html_lists_the_most_severe_changes_first() -> None:
    new = [
        change("https://shop.example/", "tap-targets", 1, impact="minor"),
        change("https://shop.example/", "tap-targets", 2, impact=None),
        change("https://shop.example/", "tap-targets", 3, impact="critical"),
    ]
    html = render_html(shop_run(), history=history(site_history(new=new)))
    assert re.findall(r"a\.link-(\d)", block(html)) == ["3", "1", "2"]


def test_html_first_run_says_so_without_chart_or_changes() -> None:
    html = render_html(shop_run(), history=history(first_run()))
    part = block(html)
    assert "First run of this site in the history." in part
    assert "<svg" not in part and "since the last run" not in part.lower()


def test_html_nothing_new_nothing_fixed_says_so_once() -> None:
    html = render_html(shop_run(), history=history(site_history()))
    words = text(block(html))
    assert "Nothing new, nothing fixed since run 4 of 4 December 2026, 10:00 UTC." in words
    assert "New since" not in words and "Fixed since" not in words


def test_html_counts_pages_added_and_gone() -> None:
    diff_pages = {"pages_added": ["https://shop.example/new"], "pages_gone": ["a", "b"]}
    html = render_html(shop_run(), history=history(site_history(**diff_pages)))
    words = text(block(html))
    assert (
        "1 page was audited for the first time: its findings do not count as new. "
        "2 pages were audited in the last run but not in this one." in words
    )


def test_html_escapes_hostile_urls_selectors_messages_and_site_names() -> None:
    new = [change(f"https://shop.example/{HOSTILE}", "tap-targets", selector=HOSTILE,
                  message=HOSTILE, device=HOSTILE, impact=HOSTILE)]  # fmt: skip
    fixed = [change("https://shop.example/", HOSTILE, selector=HOSTILE, message=HOSTILE)]
    run = run_of(page("https://shop.example/", audit("tap-targets", 0.3)))
    hostile_site = SiteHistory(HOSTILE, site_history().trend, site_history().diff)
    sites = (site_history(new=new, fixed=fixed), hostile_site, first_run(HOSTILE + "2"))
    html = render_html(run, history=history(*sites))
    assert "<img" not in html and "onerror=alert(1)>" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 10
    hrefs = re.findall(r'href="([^"]*)"', html[html.index('id="history"') :])
    assert all(h.startswith("#page-") or h.startswith("https://") for h in hrefs)


def test_html_history_never_prints_none_or_null() -> None:
    trend = [point(1, None, None, None), point(2, 70, None, None)]
    new = [change("https://shop.example/", "tap-targets", selector=None, impact=None)]
    site = SiteHistory(SHOP, trend, RunDiff(ref(1), ref(2), new_findings=new))
    html = render_html(shop_run(), history=history(site))
    words = text(block(html))
    assert "None" not in words and "null" not in words
    assert "Speed over the last 2 runs: no score, no score" in block(html)
    assert "n/a" in words


def test_html_without_history_is_as_before() -> None:
    run = shop_run()
    assert render_html(run, history=None) == render_html(run)
    assert render_html(run, history=history()) == render_html(run)
    assert 'class="history"' not in render_html(run)


def test_write_reports_passes_the_history_to_html_and_markdown(tmp_path) -> None:
    paths = write_reports(
        shop_run(), tmp_path, ("html", "md"), GATE, history=history(site_history())
    )
    html, md = (p.read_text() for p in paths)
    assert 'class="history"' in html
    assert "Since the last run (run 4, 2026-12-04)" in md


# summary.md


def test_markdown_gives_two_lines_after_the_verdict() -> None:
    new = [change("https://shop.example/", "tap-targets", n) for n in range(3)]
    fixed = [change("https://shop.example/", "font-size", n) for n in range(5)]
    md = render_markdown(shop_run(), GATE, history=history(site_history(new=new, fixed=fixed)))
    lines = md.splitlines()
    at = lines.index("- Since the last run (run 4, 2026-12-04): 3 new findings, 5 fixed.")
    assert lines[at + 1] == (
        "- Trend over 5 runs: overall 71 -> 78 (+7), layout 62 -> 81 (+19), "
        "speed 55 -> 52 (-3), social 80 -> 80 (±0)."
    )
    assert lines[at + 2] == ""
    assert lines[0].startswith("## ✅") and lines[at - 2].endswith("warnings.")
    assert at < md.index("### Sites")
    assert sum("run" in line.lower() for line in lines) == 2


def test_markdown_trend_names_only_the_categories_run() -> None:
    md = render_markdown(shop_run(categories=("layout",)), GATE, history=history(site_history()))
    assert "- Trend over 5 runs: overall 71 -> 78 (+7), layout 62 -> 81 (+19)." in md


def test_markdown_first_run_is_one_line() -> None:
    md = render_markdown(shop_run(), GATE, history=history(first_run()))
    assert "- First run of shop.example in the history.\n\n" in md
    assert "Trend" not in md and "Since the last run" not in md


def test_markdown_names_each_site_when_the_run_has_several() -> None:
    md = render_markdown(
        shop_run(),
        GATE,
        history=history(site_history(pages_added=["x"]), first_run("blog.example:8080")),
    )
    assert (
        "- **shop.example**: Since the last run (run 4, 2026-12-04): 0 new findings, 0 fixed; "
        "1 page added." in md
    )
    assert "- **shop.example**: Trend over 5 runs: overall 71 -> 78 (+7)," in md
    assert "- First run of blog.example:8080 in the history." in md


def test_markdown_escapes_a_hostile_site_name_and_never_prints_none() -> None:
    trend = [point(1, None, None, None), point(2, 70, None, 60)]
    site = SiteHistory(f"{HOSTILE}|x", trend, RunDiff(ref(1), ref(2)))
    md = render_markdown(shop_run(), GATE, history=history(site, first_run(HOSTILE)))
    assert "<img" not in md
    assert (
        "**&lt;img src=x onerror=alert(1)&gt;\\|x**: Since the last run (run 1, 2026-12-01)" in md
    )
    assert "overall 70, layout n/a, speed 60, social 80 -> 80 (±0)" in md
    assert "None" not in md and "null" not in md


def test_markdown_without_history_is_as_before() -> None:
    run = shop_run()
    assert render_markdown(run, GATE, history=None) == render_markdown(run, GATE)
    assert render_markdown(run, GATE, history=history()) == render_markdown(run, GATE)


@pytest.mark.parametrize("values", [[None, None], [40], []])
def test_sparkline_of_few_or_no_scores_is_still_well_formed(values: list[int | None]) -> None:
    svg = str(sparkline_svg(values, trend_description("Speed", values)))
    ET.fromstring(svg.replace("<svg ", f'<svg xmlns="{XMLNS}" ', 1))
    assert svg.count("<circle") == sum(v is not None for v in values)
    assert "<polyline" not in svg


def test_one_problem_found_on_several_devices_is_one_item_naming_them() -> None:
    button = change(f"{SHOP}cart", "tap-targets", 1, message="This button is 24x24 px (42%).")
    on_ipad = change(f"{SHOP}cart", "tap-targets", 1, device="ipad-mini",
                     message="This button is 24x24 px (83%).")  # fmt: skip
    sites = history(site_history(fixed=[button, on_ipad]))
    html = render_html(shop_run(), None, sites)
    assert "Fixed since the last run: 1" in text(block(html))
    assert "on pixel-7, ipad-mini" in text(block(html))
    markdown = render_markdown(shop_run(), GATE, history=sites)
    assert "0 new findings, 1 fixed" in markdown


def test_the_top_fixes_open_with_what_changed_since_the_last_report() -> None:
    new = [change("https://shop.example/", "tap-targets", 1)]
    fixed = [change("https://shop.example/cart", "font-size", n) for n in (2, 3)]
    result = shop_run()
    fix = {"audit": "tap-targets", "title": "Tap targets are too small", "category": "layout",
           "pages": 1, "page_urls": ["https://shop.example/"], "devices": ["pixel-7"]}  # fmt: skip
    result = dataclasses.replace(result, summary={**result.summary, "top_fixes": [fix]})
    html = render_html(result, history=history(site_history(new=new, fixed=fixed)))
    section = html[html.index('id="top-fixes"') : html.index('class="fix-list"')]
    assert "Since the last report" in section
    # Overall 76 -> 78 and layout 75 -> 81 moved; speed 55 -> 52 too.
    assert (
        "shop.example, since run 4 of 4 December 2026, 10:00 UTC: 2 findings fixed; 1 new; "
        "scores overall 78 (+2), layout 81 (+6), speed 52 (-3)." in text(section)
    )


def test_a_first_run_has_nothing_to_say_since_the_last_report() -> None:
    (view,) = history_views(history(first_run()), shop_run()).values()
    assert since_last_report(view) is None
    html = render_html(shop_run(), history=history(first_run()))
    assert "Since the last report" not in html


def test_the_pdfs_top_fixes_open_with_what_changed_since_the_last_report_too() -> None:
    from checker.report.print_view import print_document

    fixed = [change("https://shop.example/cart", "font-size", n) for n in (2, 3)]
    result = shop_run()
    fix = {"audit": "tap-targets", "title": "Tap targets are too small", "category": "layout",
           "pages": 1, "page_urls": ["https://shop.example/"], "devices": ["pixel-7"]}  # fmt: skip
    result = dataclasses.replace(result, summary={**result.summary, "top_fixes": [fix]})
    html = print_document(result, history=history(site_history(fixed=fixed))).html
    section = html[html.index('id="top-fixes"') : html.index('class="fix-list"')]
    assert "Since the last report" in section and "2 findings fixed" in text(section)
    assert "Since the last report" not in print_document(result).html
