"""The site view: what a run says about each site as a whole, as data, in report.json and in
summary.md."""

from __future__ import annotations

import dataclasses
import json

import pytest

from checker.judge.sitewide import (
    MAX_PAGES_LISTED,
    MAX_REPEATED,
    MAX_TEXT,
    MAX_WORST_PAGES,
    PageRef,
    site_summaries,
    template_selector,
)
from checker.model.elements import Element
from checker.model.gate import GateResult
from checker.model.results import (
    AuditError,
    AuditResult,
    DeviceResult,
    ErrorInfo,
    Finding,
    PageResult,
    RunResult,
)
from checker.report.json import render_json
from checker.report.markdown import MAX_SITE_LINES, render_markdown

NO_SCORES = {"overall": None, "layout": None, "speed": None, "social": None, "accessibility": None}


def audit(
    id: str, score: float | None, *findings: Finding, error: str | None = None
) -> AuditResult:
    return AuditResult(
        id=id,
        title=f"{id} fails" if score is not None and score < 0.9 else f"{id} passes",
        category="layout",
        weight=1.0,
        score=score,
        display="",
        fix="",
        findings=list(findings),
        error=error,
    )


def device(*audits: AuditResult, name: str = "pixel-7", error: bool = False) -> DeviceResult:
    return DeviceResult(
        device=name,
        viewport={"width": 412, "height": 915},
        is_mobile=True,
        scores=NO_SCORES,
        audits={a.id: a for a in audits},
        error=ErrorInfo("timeout", "Too slow.") if error else None,
    )


def page(url: str, *devices: DeviceResult, overall: int | None = 50, **scores: int) -> PageResult:
    return PageResult(
        url=url,
        final_url=url,
        status="ok",
        error=None,
        scores={
            "overall": overall,
            "layout": None,
            "speed": None,
            "social": None,
            "accessibility": None,
            **scores,
        },
        metadata={},
        devices=list(devices),
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
        started_at="2024-05-01T10:00:00+00:00", config={}, pages=list(pages), summary={}, tool={}
    )


def tap(selector: str | None, message: str = "Too close.") -> Finding:
    return Finding(message=message, element=Element(selector) if selector else None)


@pytest.mark.parametrize(
    ("selector", "template"),
    [
        ("main > div.card:nth-of-type(3) > a.btn", "main > div.card > a.btn"),
        ("ul > li:nth-child(2n+1) > a", "ul > li > a"),
        ("ul > li:NTH-LAST-CHILD(1) a", "ul > li a"),
        ("li:first-child:last-of-type", "li"),
        ("td:only-child, th:only-of-type", "td, th"),
        ("ul > :first-child", "ul > *"),
        (":nth-child(2)", "*"),
        ("  nav   >  a:last-child ", "nav > a"),
        ("div:nth-last-of-type(2).promo", "div.promo"),
        ("#main > a.next", "#main > a.next"),
    ],
)
def test_template_selector_removes_positional_parts(selector: str, template: str) -> None:
    assert template_selector(selector) == template


def test_template_selector_keeps_escaped_class_names_and_attribute_values() -> None:
    assert template_selector(r"div.md\:first-child > a") == r"div.md\:first-child > a"
    assert template_selector('a[title=":nth-child(2)"]:first-child') == 'a[title=":nth-child(2)"]'


def test_site_summaries_splits_a_run_by_host_and_port_in_run_order() -> None:
    run = run_of(
        page("http://127.0.0.1:8000/a"),
        page("http://localhost:8000/"),
        page("http://127.0.0.1:8000/b"),
        page("http://127.0.0.1:9000/"),
    )
    sites = site_summaries(run)
    assert [(s.site, s.pages) for s in sites] == [
        ("127.0.0.1:8000", 2),
        ("localhost:8000", 1),
        ("127.0.0.1:9000", 1),
    ]


def test_site_summary_counts_audited_and_errored_pages() -> None:
    (site,) = site_summaries(run_of(page("https://a.example/"), broken("https://a.example/x")))
    assert (site.pages, site.audited, site.errored) == (2, 1, 1)


def test_site_summary_means_leave_out_pages_without_a_score() -> None:
    run = run_of(
        page("https://a.example/1", overall=40, layout=20, speed=90),
        page("https://a.example/2", overall=61, layout=30),
        page("https://a.example/3", overall=None),
        broken("https://a.example/4"),
    )
    (site,) = site_summaries(run)
    assert site.scores == {
        "overall": 50,
        "layout": 25,
        "speed": 90,
        "social": None,
        "accessibility": None,
    }


def test_site_summary_lists_the_worst_pages_lowest_first_with_their_page_numbers() -> None:
    pages = [page(f"https://a.example/{n}", overall=90 - n) for n in range(8)]
    run = run_of(
        broken("https://a.example/down"), page("https://a.example/na", overall=None), *pages
    )
    (site,) = site_summaries(run)
    assert len(site.worst_pages) == MAX_WORST_PAGES
    assert [(w.number, w.url, w.scores["overall"]) for w in site.worst_pages[:2]] == [
        (10, "https://a.example/7", 83),
        (9, "https://a.example/6", 84),
    ]


def test_site_summary_counts_the_pages_an_audit_fails_on_out_of_those_it_applies_to() -> None:
    run = run_of(
        # Fails on one device of two: the page counts as failing, once.
        page(
            "https://a.example/1",
            device(audit("tap-targets", 0.3), audit("viewport", 1.0)),
            device(audit("tap-targets", 0.2), audit("viewport", 1.0), name="ipad-mini"),
        ),
        page("https://a.example/2", device(audit("tap-targets", 0.95), audit("viewport", 0.0))),
        # Not applicable, errored, or on a device that did not load: not counted at all.
        page("https://a.example/3", device(audit("tap-targets", None), audit("viewport", 1.0))),
        page(
            "https://a.example/4",
            device(audit("tap-targets", 0.0, error=AuditError("audit", "Boom"))),
        ),
        page("https://a.example/5", device(audit("tap-targets", 0.0), error=True)),
        page("https://a.example/6", device(audit("tap-targets", 0.5))),
    )
    (site,) = site_summaries(run)
    counts = {a.id: (a.failed, a.applied) for a in site.audits}
    assert counts == {"tap-targets": (2, 3), "viewport": (1, 3)}
    assert site.audits[0].id == "tap-targets"
    assert site.audits[0].title == "tap-targets fails"


def test_site_summary_sorts_audits_most_failing_first_then_by_failing_share() -> None:
    run = run_of(
        page("https://a.example/1", device(audit("a", 1.0), audit("b", 0.0), audit("c", 0.0))),
        page("https://a.example/2", device(audit("b", 0.0), audit("c", 0.0))),
        page("https://a.example/3", device(audit("b", 1.0), audit("c", 0.0), audit("d", 0.0))),
        page("https://a.example/4", device(audit("b", 1.0))),
    )
    (site,) = site_summaries(run)
    assert [(a.id, a.failed, a.applied) for a in site.audits] == [
        ("c", 3, 3),
        ("b", 2, 4),
        ("d", 1, 1),
        ("a", 0, 1),
    ]
    assert site.audits[-1].title == "a passes"


def test_repeated_findings_group_by_audit_and_template_selector_across_pages() -> None:
    def on(url: str, audit_id: str, finding: Finding) -> PageResult:
        return page(url, device(audit(audit_id, 0.1, finding)))

    run = run_of(
        on("https://a.example/1", "tap-targets", tap("ul > li:nth-of-type(2) > a", "First.")),
        on("https://a.example/2", "tap-targets", tap("ul > li:nth-of-type(7) > a", "Second.")),
        on("https://a.example/3", "tap-targets", tap("footer > a")),
        # The same selector under another audit is another finding.
        on("https://a.example/4", "font-size", tap("ul > li > a")),
    )
    (site,) = site_summaries(run)
    (group,) = site.repeated
    assert (group.audit, group.selector, group.page_count) == ("tap-targets", "ul > li > a", 2)
    assert group.pages == [PageRef(1, "https://a.example/1"), PageRef(2, "https://a.example/2")]
    assert group.message == "First."
    assert group.title == "tap-targets fails"
    assert group.more_pages == 0


def test_repeated_findings_count_a_page_once_whatever_its_devices_and_elements() -> None:
    twice = audit("tap-targets", 0.1, tap("li:nth-child(1) > a"), tap("li:nth-child(2) > a"))
    run = run_of(
        page("https://a.example/1", device(twice), device(twice, name="iphone-se")),
        page("https://a.example/2", device(twice)),
    )
    (site,) = site_summaries(run)
    assert [(g.selector, g.page_count) for g in site.repeated] == [("li > a", 2)]


def test_repeated_findings_come_from_failing_audits_only_and_not_their_related_elements() -> None:
    related = Finding("Neighbour.", element=Element("a.next"), related=[])
    finding = Finding("Too close.", element=Element("a.prev"), related=[related])
    audits = (audit("tap-targets", 0.1, finding), audit("lcp", 1.0, tap("img.hero")))
    run = run_of(
        page("https://a.example/1", device(*audits)),
        page("https://a.example/2", device(*audits)),
    )
    (site,) = site_summaries(run)
    assert [g.selector for g in site.repeated] == ["a.prev"]


def test_repeated_findings_without_a_selector_group_by_message() -> None:
    missing = audit("meta-description", 0.0, tap(None, "No description."))
    other = audit("meta-description", 0.0, tap("", "Description is 3 characters."))
    run = run_of(
        page("https://a.example/1", device(missing)),
        page("https://a.example/2", device(missing)),
        page("https://a.example/3", device(other)),
    )
    (site,) = site_summaries(run)
    assert [(g.selector, g.message, g.page_count) for g in site.repeated] == [
        (None, "No description.", 2)
    ]


def test_repeated_findings_are_sorted_by_page_count() -> None:
    def on(url: str, *selectors: str) -> PageResult:
        return page(url, device(audit("tap-targets", 0.1, *(tap(s) for s in selectors))))

    run = run_of(
        on("https://a.example/1", "a.x", "a.y"),
        on("https://a.example/2", "a.x", "a.y", "a.z"),
        on("https://a.example/3", "a.y", "a.z"),
    )
    (site,) = site_summaries(run)
    assert [(g.selector, g.page_count) for g in site.repeated] == [
        ("a.y", 3),
        ("a.x", 2),
        ("a.z", 2),
    ]


def test_repeated_findings_are_capped_and_say_how_many_more() -> None:
    selectors = [f"a.link-{n}" for n in range(MAX_REPEATED + 7)]
    failing = audit("tap-targets", 0.1, *(tap(s) for s in selectors))
    pages = [page(f"https://a.example/{n}", device(failing)) for n in range(MAX_PAGES_LISTED + 3)]
    (site,) = site_summaries(run_of(*pages))
    assert len(site.repeated) == MAX_REPEATED
    assert site.more_repeated == 7
    group = site.repeated[0]
    assert group.page_count == MAX_PAGES_LISTED + 3
    assert len(group.pages) == MAX_PAGES_LISTED
    assert group.more_pages == 3


def test_repeated_findings_cut_long_selectors_and_messages() -> None:
    long = audit("tap-targets", 0.1, tap("a." + "x" * 5000, "y" * 5000))
    run = run_of(
        page("https://a.example/1", device(long)), page("https://a.example/2", device(long))
    )
    (group,) = site_summaries(run)[0].repeated
    assert group.selector is not None and len(group.selector) == MAX_TEXT
    assert len(group.message) == MAX_TEXT and group.message.endswith("…")


def test_site_summaries_of_an_empty_run_is_empty() -> None:
    assert site_summaries(run_of()) == []


def test_site_summary_of_a_site_whose_pages_all_failed_has_no_scores() -> None:
    (site,) = site_summaries(run_of(broken("https://a.example/"), broken("https://a.example/b")))
    assert site.scores == NO_SCORES
    assert (site.worst_pages, site.audits, site.repeated) == ([], [], [])


def test_markdown_summary_has_one_line_per_site_with_its_most_failing_audits() -> None:
    failing = audit("tap-targets", 0.1, tap("li:nth-child(2) > a"))
    run = run_of(
        page("https://a.example/1", device(failing), overall=40, layout=20),
        page("https://a.example/2", device(failing, audit("viewport", 0.0)), overall=61),
        broken("https://a.example/3"),
        page("http://[::1]:8000/*bold*", device(audit("viewport", 1.0)), overall=90),
    )
    text = render_markdown(run, GateResult([]))
    sites = text[text.index("### Sites") : text.index("### Scores")]
    assert sites.splitlines()[2:4] == [
        "- **a.example**: 3 pages (1 not audited), overall 50 (layout 20, speed n/a, "
        "social n/a, accessibility n/a); failing most: tap-targets on 2 of 2 pages, "
        "viewport on 1 of 1 page; 1 finding repeats across pages.",
        "- **\\[::1\\]:8000**: 1 page, overall 90 (layout n/a, speed n/a, social n/a, "
        "accessibility n/a).",
    ]
    assert "### Sites" not in render_markdown(run_of(run.pages[0]), GateResult([]))


def test_report_json_has_the_site_summaries_as_data() -> None:
    failing = audit("tap-targets", 0.1, tap("li:nth-child(2) > a"))
    run = run_of(page("https://a.example/1", device(failing)), page("https://a.example/2"))
    (site,) = json.loads(render_json(run))["sites"]
    assert site["site"] == "a.example"
    assert (site["pages"], site["audited"], site["errored"]) == (2, 2, 0)
    assert site["audits"] == [
        {
            "id": "tap-targets",
            "title": "tap-targets fails",
            "category": "layout",
            "failed": 1,
            "applied": 1,
        }
    ]
    assert [w["number"] for w in site["worst_pages"]] == [1, 2]
    assert site["repeated"] == [] and site["more_repeated"] == 0


def test_markdown_summary_lists_a_bounded_number_of_sites() -> None:
    run = run_of(*(page(f"https://site-{n}.example/") for n in range(MAX_SITE_LINES + 4)))
    sites = render_markdown(run, GateResult([])).split("### Sites")[1].split("### Scores")[0]
    assert sites.count("\n- **site-") == MAX_SITE_LINES
    assert "- and 4 more sites." in sites


def described(
    url: str, description: str | None, title: str | None = None, title_from: str = "og:title"
) -> PageResult:
    """A page whose Facebook preview shows `description` and `title`, as resolved."""
    preview = {
        "title": title or f"Title of {url}",
        "description": description,
        "sources": {"title": title_from, "description": "og:description"},
    }
    return dataclasses.replace(page(url), metadata={"preview": {"facebook": preview}})


TAGLINE = "Harbor & Pine: small-batch roasts from the coast."


def test_a_description_most_pages_share_is_a_site_finding_naming_text_and_pages() -> None:
    run = run_of(
        described("https://a.example/", TAGLINE),
        described(
            "https://a.example/story", "  harbor & pine: SMALL-BATCH roasts\nfrom the coast. "
        ),
        described("https://a.example/shop", "Our beans, by origin."),
        described("https://a.example/about", TAGLINE),
        broken("https://a.example/down"),
    )
    (shared,) = site_summaries(run)[0].repeated
    assert shared.audit == "meta-description"
    assert shared.category == "social"
    assert shared.selector == 'meta[property="og:description"]'
    assert shared.message == (
        f'"{TAGLINE}" is the description of 3 of the site\'s 4 pages, so links to each of them '
        "preview the same. Give every page a description of its own."
    )
    assert shared.page_count == 3
    assert shared.pages == [
        PageRef(1, "https://a.example/"),
        PageRef(2, "https://a.example/story"),
        PageRef(4, "https://a.example/about"),
    ]


def test_a_shared_title_is_a_site_finding_too_with_the_tag_it_comes_from() -> None:
    pages = [
        described(f"https://a.example/{i}", f"Post {i}", "Harbor & Pine", "<title>")
        for i in range(3)
    ]
    (shared,) = site_summaries(run_of(*pages))[0].repeated
    assert shared.audit == "document-title"
    assert shared.selector == "title"
    assert shared.message.startswith('"Harbor & Pine" is the title of 3 of the site\'s 3 pages')


def test_a_shared_text_needs_half_the_pages_and_three_pages() -> None:
    # Two of five: under half.
    five = [
        described(f"https://a.example/{i}", TAGLINE if i < 2 else f"Post {i}") for i in range(5)
    ]
    assert site_summaries(run_of(*five))[0].repeated == []
    # Two pages alike, but only two pages: not yet a site.
    two = [described(f"https://a.example/{i}", TAGLINE) for i in range(2)]
    assert site_summaries(run_of(*two))[0].repeated == []
    # Empty descriptions are no shared text; other sites' pages do not count.
    empty = [described(f"https://a.example/{i}", " ") for i in range(3)]
    elsewhere = [described(f"https://b.example/{i}", TAGLINE) for i in range(2)]
    sites = site_summaries(run_of(*empty, described("https://a.example/x", TAGLINE), *elsewhere))
    assert [s.repeated for s in sites] == [[], []]


def test_a_shared_text_falls_back_to_the_pages_own_tags_without_previews() -> None:
    pages = [
        dataclasses.replace(page(f"https://a.example/{i}"), metadata={"description": TAGLINE})
        for i in range(3)
    ]
    (shared,) = site_summaries(run_of(*pages))[0].repeated
    assert shared.selector == 'meta[name="description"]'
    assert shared.page_count == 3
