"""The History block of report.html in real Chromium on a phone: the charts are drawn and
fit the screen, the page does not scroll sideways, the new and fixed findings are there to
read, and no script runs."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.async_api import async_playwright

from checker.gather.browser import launch
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
from checker.report.write import write_reports

PHONE = {"width": 375, "height": 812}
HOSTILE = "<img src=x onerror=alert(1)>"
LONG_URL = "https://shop.example/" + "very-long-path-segment-" * 8
MEASURE_JS = """() => {
  const box = el => {
    const r = el.getBoundingClientRect();
    return [r.left, r.right, r.width, r.height];
  };
  return {
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    charts: [...document.querySelectorAll('.history svg.spark')].map(box),
    widest: Math.max(...[...document.querySelectorAll('.history, .history *')].map(
      el => el.getBoundingClientRect().right)),
    injected: document.querySelectorAll('img[src="x"]').length,
  };
}"""


def page(url: str, score: float) -> PageResult:
    failing = AuditResult(
        id="tap-targets",
        title="Tap targets are too small",
        category="layout",
        weight=1.0,
        score=score,
        display="",
        fix="",
        findings=[Finding("Too close.", Element("nav a"))],
    )
    scores = {"overall": 78, "layout": 81, "speed": 52, "social": 80, "accessibility": 95}
    phone = DeviceResult(
        device="iphone-se",
        viewport={"width": 375, "height": 667},
        is_mobile=True,
        scores=scores,
        audits={failing.id: failing},
    )
    return PageResult(url, url, "ok", None, scores, {"title": "Shop"}, [phone])


def change(url: str, n: int, **kwargs: Any) -> FindingChange:
    values = {
        "url": url,
        "device": "iphone-se",
        "audit": "tap-targets",
        "selector": f"body > div.header-wrapper-long-class > nav > ul > li:nth-child({n}) > a",
        "message": f"Tap target {n} is 24x24 px, under 48x48 px, and overlaps its neighbour.",
        "impact": "serious",
        "fingerprint": f"fp-{n}",
    }
    values.update(kwargs)
    return FindingChange(**values)


def run_history() -> RunHistory:
    def ref(n: int) -> RunRef:
        return RunRef(n, f"2026-12-{n:02d}T10:00:00+00:00", "abc1234", "main")

    layout = [62, 70, None, 75, 81, 81]
    trend = [
        TrendPoint(ref(n), {"overall": 65 + 2 * n, "layout": lay, "speed": 55 - n % 2,
                            "social": 80, "accessibility": 88 + n})
        for n, lay in enumerate(layout, start=1)
    ]  # fmt: skip
    new = [change(LONG_URL, n) for n in range(1, 4)]
    new.append(change(LONG_URL, 9, selector=HOSTILE, message=HOSTILE))
    fixed = [change("https://shop.example/", n, impact="moderate") for n in range(4, 6)]
    diff = RunDiff(ref(5), ref(6), new, fixed, pages_added=[LONG_URL])
    return RunHistory("/tmp/history.db", 6, [SiteHistory("shop.example", trend, diff)])


@dataclass(frozen=True)
class Opened:
    measures: dict[str, Any]
    visible: dict[str, bool]
    new_items: int
    fixed_items: int
    errors: list[str]
    dialogs: list[str]


async def _open(path: Path, screenshot: Path) -> Opened:
    errors: list[str] = []
    dialogs: list[str] = []
    async with async_playwright() as playwright:
        browser = await launch(playwright, None, blocked_except=set())
        context = await browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
        )
        tab = await context.new_page()
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.on("dialog", lambda d: (dialogs.append(d.message), asyncio.ensure_future(d.dismiss())))
        await tab.goto(path.as_uri(), wait_until="load")
        history = tab.locator(".history").first
        visible = {
            "chart": await history.locator("svg.spark").first.is_visible(),
            "new": await history.locator("ul.hist-new").is_visible(),
            "fixed": await history.locator("ul.hist-fixed").is_visible(),
        }
        new_items = await history.locator("ul.hist-new > li").count()
        fixed_items = await history.locator("ul.hist-fixed > li").count()
        measures = await tab.evaluate(MEASURE_JS)
        await history.screenshot(path=str(screenshot))
        await browser.close()
    return Opened(measures, visible, new_items, fixed_items, errors, dialogs)


def test_history_block_fits_a_phone_and_shows_charts_and_changes(tmp_path: Path) -> None:
    run = RunResult(
        started_at="2026-12-06T10:00:00+00:00",
        config={},
        pages=[page("https://shop.example/", 0.3), page(LONG_URL, 0.2)],
        summary={"pages": 2, "errors": 0, "scores": {}},
        tool={"name": "readiness", "version": "1.0"},
    )
    (html,) = write_reports(run, tmp_path, ("html",), GateResult([]), history=run_history())
    screenshot = tmp_path / "history_report.png"  # to look at: it should read well
    opened = asyncio.run(_open(html, screenshot))

    assert opened.visible == {"chart": True, "new": True, "fixed": True}
    # The links of one list (li:nth-child(n) > a, "Tap target n is ...") are one problem of
    # one template, as the fingerprints count them: one item each side, and the hostile one.
    assert (opened.new_items, opened.fixed_items) == (2, 1)
    m = opened.measures
    assert m["innerWidth"] == PHONE["width"]
    assert m["scrollWidth"] <= m["innerWidth"], m
    assert m["widest"] <= m["innerWidth"], m
    assert len(m["charts"]) == 5  # overall and the four categories
    for left, right, width, height in m["charts"]:
        assert width > 0 and height > 0
        assert left >= 0 and right <= m["innerWidth"]
    assert m["injected"] == 0 and opened.dialogs == [] and opened.errors == []
    assert screenshot.stat().st_size > 0
