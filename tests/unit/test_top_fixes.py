"""The executive summary's top fixes: ranked by pages affected times weight, at most five,
each with its pages, devices and measured saving; first in the HTML report, and in
report.json as summary.top_fixes."""

from __future__ import annotations

import dataclasses
import json

from checker.judge.assemble import run_result
from checker.judge.top_fixes import top_fixes
from checker.model.details import SavingsDetails
from checker.report.html import render_html
from checker.report.json import render_json
from tests.support.runs import Check, fails, page

SITE = "https://shop.example/"


def pages_failing(audit: str, count: int, weight_check: Check | None = None) -> list:
    return [page(f"{SITE}p{n}", {audit: weight_check or fails(("a", "Too small"))})
            for n in range(count)]  # fmt: skip


def with_weight(result_page, audit: str, weight: float):
    devices = [
        dataclasses.replace(d, audits={**d.audits, audit: dataclasses.replace(
            d.audits[audit], weight=weight)})
        for d in result_page.devices
    ]  # fmt: skip
    return dataclasses.replace(result_page, devices=devices)


def test_a_fix_on_many_pages_comes_before_a_heavier_one_on_one_page() -> None:
    template = [with_weight(p, "tap-targets", 1) for p in pages_failing("tap-targets", 40)]
    heavy = with_weight(page(f"{SITE}x", {"viewport": fails(("head", "No viewport"))}),
                        "viewport", 10)  # fmt: skip
    (first, second) = top_fixes([*template, heavy])
    assert (first.audit, first.pages, len(first.page_urls)) == ("tap-targets", 40, 10)
    assert (second.audit, second.pages) == ("viewport", 1)
    assert first.devices == ["iphone-se", "pixel-7"]


def test_at_most_five_and_never_an_informational_audit_or_a_check_that_did_not_run() -> None:
    audits = {f"audit-{n}": fails(("a", "x")) for n in range(7)}
    audits["could-not-run"] = Check(error=True)
    many = page(SITE, audits)
    many = with_weight(many, "audit-6", 0)
    fixes = top_fixes([many])
    assert len(fixes) == 5
    assert {f.audit for f in fixes} <= {f"audit-{n}" for n in range(6)}


def test_a_measured_saving_is_the_median_over_the_failing_pages() -> None:
    slow = []
    for n, saved in enumerate((300.0, 1200.0, 900.0)):
        p = page(f"{SITE}p{n}", {"render-blocking-resources": fails(("link", "Blocks"))},
                 devices=("iphone-se",))  # fmt: skip
        device = p.devices[0]
        audit = dataclasses.replace(device.audits["render-blocking-resources"],
                                    details=SavingsDetails(savings_ms=saved))  # fmt: skip
        slow.append(dataclasses.replace(p, devices=[dataclasses.replace(
            device, audits={"render-blocking-resources": audit})]))  # fmt: skip
    (fix,) = top_fixes(slow)
    assert fix.saves_ms == 900


def test_top_fixes_are_in_report_json_and_first_in_the_html() -> None:
    run = run_result(pages_failing("tap-targets", 3), {}, "2026-12-01T10:00:00+00:00")
    data = json.loads(render_json(run))
    (fix,) = data["summary"]["top_fixes"]
    assert (fix["audit"], fix["pages"], fix["devices"]) == (
        "tap-targets",
        3,
        ["iphone-se", "pixel-7"],
    )
    html = render_html(run)
    assert html.index('id="top-fixes"') < html.index('id="site-overview"')
    assert "On 3 of 3 pages, on iphone-se and pixel-7." in html


def test_a_share_image_fix_names_the_platforms_that_would_gain_the_picture() -> None:
    judged = [
        {"Facebook": 1.0, "X": 0.0, "LinkedIn": 0.5, "Slack": 1.0},
        {"Facebook": 1.0, "X": 0.5, "LinkedIn": 0.5, "Slack": 0.0},
    ]
    pages = []
    for n, platforms in enumerate(judged):
        p = page(f"{SITE}p{n}", {"share-image": fails(("meta", "Too small"), score=0.6)},
                 devices=("iphone-se",))  # fmt: skip
        device = p.devices[0]
        audit = dataclasses.replace(device.audits["share-image"],
                                    details={"image": {}, "platforms": platforms})  # fmt: skip
        pages.append(dataclasses.replace(p, devices=[dataclasses.replace(
            device, audits={"share-image": audit})]))  # fmt: skip
    (fix,) = top_fixes(pages)
    assert fix.platforms_without_image == ["X", "Slack"]
    assert fix.platforms_showing_worse == ["LinkedIn"]  # X shows none on one page: counted there
    run = run_result(pages, {}, "2026-12-01T10:00:00+00:00")
    assert run.summary["top_fixes"][0]["platforms_without_image"] == ["X", "Slack"]
    assert (
        "Fixing it: X and Slack would show the picture in link previews, where they show none "
        "today; LinkedIn would show it whole, not small or cropped." in render_html(run)
    )
