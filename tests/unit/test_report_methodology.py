"""The report's Methodology section: how the pages were seen, from the run's own record."""

from __future__ import annotations

import dataclasses
import re

from checker.model.details import MetricDetails
from checker.model.results import AuditError, AuditResult, DeviceResult, RunResult
from checker.report.html import render_html
from checker.report.methodology import methodology_view
from tests.support.runs import Check, audit_result, failed_page, page, run

HOSTILE = "<script>alert(1)</script>"
BLOCKED = "The share image is on cdn.example, which --block-external kept readiness from fetching."
CONFIG = {
    "devices": ["iphone-se", "pixel-7"],
    "timeout": 30.0,
    "block_external": True,
    "throttle": "slow-4g",
    "throttle_method": "simulate",
    "runs": 3,
    "speed_devices": "first",
    "headers": [],
    "cookies": [],
    "storage_state": False,
    "ignore_https_errors": False,
    "accept_consent": False,
}


def metric_audit(method: str = "simulated") -> AuditResult:
    details = MetricDetails(
        label="LCP", name="Largest Contentful Paint", reads_as="ms", bands="", order=1,
        core_web_vital=True, runs=[1200.0], throttle="slow-4g", method=method, timed_out=False,
    )  # fmt: skip
    return dataclasses.replace(
        audit_result("largest-contentful-paint", Check(0.9, category="speed")),
        details=details,
        value=1200.0,
    )


def with_speed(result: RunResult, device: str = "iphone-se") -> RunResult:
    """The run with a measured metric on `device` of every page."""
    pages = []
    for p in result.pages:
        devices = [
            dataclasses.replace(d, audits={**d.audits, "lcp": metric_audit()})
            if d.device == device
            else d
            for d in p.devices
        ]
        pages.append(dataclasses.replace(p, devices=devices))
    return dataclasses.replace(result, pages=pages)


def errored(result: RunResult, audit_id: str, message: str, urls: set[str]) -> RunResult:
    """The run with `audit_id` an error of `message` on every device of the pages in `urls`."""
    pages = []
    for p in result.pages:
        if p.url in urls:
            bad = dataclasses.replace(
                audit_result(audit_id, Check(error=True, category="social")),
                error=AuditError("gather", message, "social"),
            )
            devices = [
                dataclasses.replace(d, audits={**d.audits, audit_id: bad}) for d in p.devices
            ]
            p = dataclasses.replace(p, devices=devices)
        pages.append(p)
    return dataclasses.replace(result, pages=pages)


def forty_pages() -> RunResult:
    urls = [f"https://shop.example/p{i}" for i in range(40)]
    result = run(*(page(u, {"viewport": Check(1.0)}) for u in urls))
    result = dataclasses.replace(result, config=dict(CONFIG))
    return errored(result, "share-image", BLOCKED, set(urls[:12]))


def section(html: str) -> str:
    found = re.search(r'<section class="methodology.*?</section>', html, re.S)
    assert found is not None
    return found.group(0)


def test_methodology_groups_one_error_over_many_pages_into_one_line() -> None:
    view = methodology_view(forty_pages())

    assert len(view.errored) == 1
    check = view.errored[0]
    assert check.audit == "share-image"
    assert check.category == "Social"
    assert check.where == "on 12 of 40 pages, on every device"
    assert check.message == BLOCKED
    assert not check.other_reasons


def test_methodology_keeps_the_first_message_and_says_other_pages_gave_others() -> None:
    result = forty_pages()
    result = errored(result, "share-image", "Another reason.", {"https://shop.example/p30"})

    check = methodology_view(result).errored[0]

    assert check.where == "on 13 of 40 pages, on every device"
    assert check.message == BLOCKED
    assert check.other_reasons


def test_methodology_names_the_devices_an_error_was_on_when_not_all() -> None:
    result = run(page("https://a.example/", {"viewport": Check(1.0)}))
    bad = dataclasses.replace(
        audit_result("share-image", Check(error=True, category="social")),
        error=AuditError("gather", BLOCKED),
    )
    devices = list(result.pages[0].devices)
    devices[1] = dataclasses.replace(devices[1], audits={"share-image": bad})
    result = dataclasses.replace(
        result, pages=[dataclasses.replace(result.pages[0], devices=devices)]
    )

    assert methodology_view(result).errored[0].where == "on this page, on pixel-7"


def test_methodology_lists_the_devices_with_their_recorded_sizes() -> None:
    result = with_speed(dataclasses.replace(forty_pages(), config=dict(CONFIG)))
    desktop = DeviceResult("desktop", {"width": 1350, "height": 940}, False, {}, {})
    first = result.pages[0]
    result = dataclasses.replace(
        result,
        pages=[dataclasses.replace(first, devices=[*first.devices, desktop]), *result.pages[1:]],
    )

    devices = methodology_view(result).devices

    assert [(d.name, d.size, d.kind, d.speed) for d in devices] == [
        ("iphone-se", "375x667 CSS px", "mobile", True),
        ("pixel-7", "375x667 CSS px", "mobile", False),
        ("desktop", "1350x940 CSS px", "desktop", False),
    ]


def test_methodology_says_the_throttling_with_its_numbers_and_that_it_was_simulated() -> None:
    speed = methodology_view(with_speed(forty_pages())).speed

    # Simulated: the network the times were estimated on, not the one DevTools would apply.
    assert speed[0] == (
        "Slow 4G and a 4x slower CPU (Lighthouse's mobile profile): 150 ms round trips, "
        "1.64 Mbps down (DevTools would apply it as 562.5 ms latency, 1.47 Mbps down, "
        "675 kbps up)."
    )
    assert speed[1].startswith("Simulated: ")
    assert "Speed was measured on iphone-se." in speed
    assert "Each page was loaded 3 times for speed; the median is reported." in speed


def test_methodology_says_speed_was_not_measured_when_the_category_was_left_out() -> None:
    result = dataclasses.replace(forty_pages(), categories_run=("layout", "social"))
    view = methodology_view(result)

    assert view.speed == ["Speed was not measured: this run left the Speed category out."]
    assert view.categories == "Layout and Social. Not run: Speed and Accessibility."


def test_methodology_says_what_was_blocked_and_what_the_browser_was_given() -> None:
    config = {**CONFIG, "headers": ["Authorization"], "accept_consent": True}
    access = methodology_view(dataclasses.replace(forty_pages(), config=config)).access

    assert access[0].startswith("Other hosts were blocked (--block-external)")
    assert "Each page had 30 s to load." in access
    assert "Sent to the audited sites: the headers Authorization." in access
    assert "Cookie banners were accepted before each page was read." in access
    config = {**CONFIG, "block_external": False}
    access = methodology_view(dataclasses.replace(forty_pages(), config=config)).access
    assert access[0] == "Nothing was blocked: each page loaded everything it asked for."


def test_methodology_says_what_a_run_did_not_record_instead_of_none() -> None:
    bare = RunResult(started_at="", config={}, pages=[], summary={}, tool={})

    view = methodology_view(bare)
    html = section(render_html(bare))

    assert view.started == "not recorded"
    assert view.tools[:2] == [
        "readiness (version not recorded)",
        "Chromium (version not recorded), driven by Playwright",
    ]
    assert view.speed == ["Network and CPU throttling: not recorded."]
    assert view.access == ["Blocked hosts: not recorded."]
    assert "No pages were audited." in html
    for text in ("None", "null", "[]", "{}", "()"):
        assert text not in html


def test_methodology_names_the_tools_and_when_the_run_started() -> None:
    result = forty_pages()
    axe = dataclasses.replace(
        audit_result("color-contrast", Check(1.0, category="accessibility")),
        details={"axe_rule": "color-contrast", "axe_version": "4.10.3"},
    )
    first = result.pages[0]
    devices = [dataclasses.replace(first.devices[0], audits={"color-contrast": axe})]
    result = dataclasses.replace(
        result, pages=[dataclasses.replace(first, devices=devices), *result.pages[1:]]
    )

    view = methodology_view(result)

    assert view.started == "1 December 2026, 10:00 UTC"
    assert view.tools[0] == "readiness 1.2.3"
    assert "axe-core 4.10.3 (the accessibility checks)" in view.tools


def test_methodology_counts_pages_that_could_not_be_loaded() -> None:
    result = run(page("https://a.example/", {}), failed_page("https://b.example/"))

    assert methodology_view(result).not_loaded == [
        "1 page could not be loaded, so no check ran there: refused"
    ]


def test_methodology_is_the_last_section_of_the_report_and_escapes_page_text() -> None:
    result = forty_pages()
    result = errored(result, "share-image", HOSTILE, {"https://shop.example/p0"})
    html = render_html(with_speed(result))

    shown = section(html)
    assert html.rindex('class="page"') < html.index('class="methodology')
    assert "share-image" in shown and "could not run on 12 of 40 pages" in shown
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "iphone-se" in shown and "375x667 CSS px" in shown


def test_methodology_says_every_check_ran_when_none_errored() -> None:
    html = render_html(run(page("https://a.example/", {"viewport": Check(1.0)})))

    assert "Every check ran on every page and device." in section(html)


def test_methodology_of_applied_throttling_quotes_what_devtools_applied() -> None:
    config = {**CONFIG, "throttle_method": "apply"}
    speed = methodology_view(dataclasses.replace(forty_pages(), config=config)).speed

    assert speed[0] == (
        "Slow 4G and a 4x slower CPU (Lighthouse's mobile profile): 562.5 ms latency, "
        "1.47 Mbps down, 675 kbps up."
    )
    assert speed[1].startswith("Applied: ")


def test_methodology_names_the_browser_the_run_recorded() -> None:
    config = {**CONFIG, "browser": {"version": "131.0.6778.85", "playwright": "1.49.0"}}
    view = methodology_view(dataclasses.replace(forty_pages(), config=config))

    assert "Chromium 131.0.6778.85, driven by Playwright 1.49.0" in view.tools
