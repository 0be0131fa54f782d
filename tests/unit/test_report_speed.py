"""The Speed section of the HTML report: metric tiles with their bands, the throttle and the
runs, the diagnostics by savings, and a plain note on devices without a speed pass."""

from __future__ import annotations

import re

import pytest

from checker.model.details import MetricDetails, ReadsAs, SavingsDetails
from checker.model.results import AuditResult, DeviceResult, PageResult, RunResult
from checker.report.html import render_html
from checker.report.speed_view import diagnostics, has_speed_pass, speed_view

HOSTILE = "<script>alert(1)</script>"
NOT_MEASURED = "Not measured on this device (speed is measured on the first mobile device)."


def result(id: str, score: float | None, **kwargs: object) -> AuditResult:
    defaults: dict[str, object] = {
        "title": f"Title of {id}",
        "category": "speed",
        "weight": 1.0,
        "display": f"Display of {id}",
        "fix": "Fix it. https://web.dev/",
    }
    defaults.update(kwargs)
    return AuditResult(id=id, score=score, **defaults)  # type: ignore[arg-type]


# What each metric audit says of itself in its details: label, name, how it reads, its bands,
# whether Core Web Vitals rate it, and its tile's place.
METRIC_INFO: dict[str, tuple[str, str, ReadsAs, str, bool, int]] = {
    "first-contentful-paint": (
        "FCP", "First Contentful Paint", "seconds", "good ≤ 1.8 s · poor > 3.0 s", True, 1
    ),
    "largest-contentful-paint": (
        "LCP", "Largest Contentful Paint", "seconds", "good ≤ 2.5 s · poor > 4.0 s", True, 2
    ),
    "total-blocking-time": (
        "TBT", "Total Blocking Time", "ms", "good ≤ 200 ms · poor > 600 ms", False, 3
    ),
    "cumulative-layout-shift": (
        "CLS", "Cumulative Layout Shift", "unitless", "good ≤ 0.1 · poor > 0.25", True, 4
    ),
    "time-to-first-byte": (
        "TTFB", "Time to First Byte", "ms", "good ≤ 0.8 s · poor > 1.8 s", True, 5
    ),
}  # fmt: skip


def metric_details(
    id: str, runs: list[float | None], rating: str | None = None, timed_out: bool = False
) -> MetricDetails:
    label, name, reads_as, bands, cwv, order = METRIC_INFO[id]
    return MetricDetails(
        label, name, reads_as, bands, cwv, order, runs, "slow-4g", "applied", timed_out, rating
    )


def metric(
    id: str, score: float, value: float, runs: list[float | None], rating: str | None = None
) -> AuditResult:
    unit = "unitless" if id == "cumulative-layout-shift" else "ms"
    return result(id, score, value=value, unit=unit, details=metric_details(id, runs, rating))


def measured_audits() -> dict[str, AuditResult]:
    audits = [
        metric("first-contentful-paint", 0.95, 1200, [1100, 1200, 1300], "good"),
        metric("largest-contentful-paint", 0.6, 3100, [3000, 3100, 3400], "needs-improvement"),
        metric("total-blocking-time", 0.3, 820, [800, 820, 900]),  # no CWV rating
        metric("cumulative-layout-shift", 0.2, 0.31, [0.31, 0.31, 0.3], "poor"),
        metric("time-to-first-byte", 1.0, 640, [630, 640, 650], "good"),
        result("server-response-time", 1.0, value=2.1, unit="ms",
               display="Root document took 2 ms", title="Initial server response time was short",
               details={"url": "http://127.0.0.1:8000/", "source": "navigation-timing"}),
        result("uses-optimized-images", 0.4, value=300 * 1024, unit="bytes",
               details=SavingsDetails(1600.4), title=f"Compress images {HOSTILE}"),
        result("render-blocking-resources", 0.5, value=20 * 1024, unit="bytes",
               details=SavingsDetails(2100)),
        result("unused-css-rules", 0.95, value=6 * 1024, unit="bytes",
               details=SavingsDetails(30)),
        result("uses-text-compression", 1.0, value=0, unit="bytes", details=SavingsDetails(0)),
    ]  # fmt: skip
    return {a.id: a for a in audits}


def unmeasured_audits() -> dict[str, AuditResult]:
    ids = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "time-to-first-byte", "server-response-time")  # fmt: skip
    audits = [result(i, None, display=NOT_MEASURED) for i in (*ids, "text-compression")]
    audits.append(result("viewport", 1.0, category="layout"))
    return {a.id: a for a in audits}


def device(name: str, audits: dict[str, AuditResult], mobile: bool = True) -> DeviceResult:
    return DeviceResult(
        device=name,
        viewport={"width": 412, "height": 823} if mobile else {"width": 1350, "height": 940},
        is_mobile=mobile,
        scores={"overall": 50, "layout": 100, "speed": 40, "social": None},
        audits=audits,
    )


def run_of(*devices: DeviceResult, runs: int = 3) -> RunResult:
    page = PageResult(
        url="http://127.0.0.1:8000/",
        final_url=None,
        status="ok",
        error=None,
        scores={"overall": 50, "layout": 100, "speed": 40, "social": None},
        metadata={"title": "Home"},
        devices=list(devices),
    )
    return RunResult(
        started_at="2024-05-01T10:00:00+00:00",
        config={"throttle": "slow-4g", "runs": runs},
        pages=[page],
        summary={"pages": 1, "errors": 0, "scores": page.scores},
        tool={"name": "readiness", "version": "0.1.0"},
    )


@pytest.fixture(scope="module")
def html() -> str:
    phone = device("moto-g-power", measured_audits())
    desktop = device("desktop", unmeasured_audits(), mobile=False)
    return render_html(run_of(phone, desktop))


def speed_html(html: str) -> str:
    match = re.search(r'<section class="speed-section".*?</section>', html, re.S)
    assert match, "no Speed section"
    return match.group(0)


def tile(html: str, metric_id: str) -> str:
    match = re.search(
        rf'<li class="speed-tile[^"]*" data-metric="{metric_id}">.*?</li>', html, re.S
    )
    assert match, metric_id
    return match.group(0)


def test_speed_section_shows_the_five_metrics_in_order_with_values(html: str) -> None:
    section = speed_html(html)
    shorts = re.findall(r'<abbr title="[^"]+">(\w+)</abbr>', section)
    assert shorts == ["FCP", "LCP", "TBT", "CLS", "TTFB"]
    assert "1.2 s" in tile(section, "first-contentful-paint")
    assert "3.1 s" in tile(section, "largest-contentful-paint")
    assert "820 ms" in tile(section, "total-blocking-time")
    assert "0.31" in tile(section, "cumulative-layout-shift")
    # TTFB: the throttled run's first byte; the server's own time is no tile.
    assert "640 ms" in tile(section, "time-to-first-byte")
    assert 'data-metric="server-response-time"' not in section


def test_speed_tiles_take_the_core_web_vitals_rating_as_their_band(html: str) -> None:
    section = speed_html(html)
    fcp = tile(section, "first-contentful-paint")
    assert "band-pass" in fcp and "Good" in fcp and "good ≤ 1.8 s" in fcp
    lcp = tile(section, "largest-contentful-paint")
    assert "band-average" in lcp and "Needs improvement" in lcp
    cls = tile(section, "cumulative-layout-shift")
    assert "band-fail" in cls and "Poor" in cls


def test_tbt_without_a_core_web_vitals_threshold_takes_lighthouses_band_and_says_so(
    html: str,
) -> None:
    section = speed_html(html)
    tbt = tile(section, "total-blocking-time")
    assert "band-fail" in tbt and "Poor" in tbt  # score 0.3: under 0.5
    assert "speed-star" in tbt
    caption = re.sub(r"<[^>]+>", "", section)
    assert "Core Web Vitals thresholds (web.dev) for FCP, LCP, CLS, TTFB" in caption
    assert "TBT, which has no Core Web Vitals threshold, by Lighthouse's score bands" in caption


def test_speed_section_names_the_throttle_and_the_median_of_runs(html: str) -> None:
    section = speed_html(html)
    assert "<b>slow-4g</b>" in section
    assert "Lighthouse&#39;s mobile profile" in section
    assert "Median of 3 runs" in section
    assert "Runs: 1.1 s · 1.2 s · 1.3 s" in tile(section, "first-contentful-paint")


def test_speed_section_says_when_fewer_runs_finished_than_asked() -> None:
    html = render_html(run_of(device("moto-g-power", measured_audits()), runs=5))
    assert "Median of 3 runs (5 asked)" in speed_html(html)


def test_diagnostic_saving_only_time_shows_only_time() -> None:
    audits = {
        "render-blocking-resources": result(
            "render-blocking-resources", 0.5, value=900, unit="ms", details=SavingsDetails(900)
        )
    }
    (view,) = diagnostics(device("moto-g-power", audits))
    assert (view.savings_ms, view.savings_kb) == ("900 ms", None)


def test_diagnostics_list_savings_in_kb_and_ms_largest_first(html: str) -> None:
    section = speed_html(html)
    ids = re.findall(r'<li data-audit="([^"]+)">', section)
    # By time saved; the audit with nothing to save is left out.
    assert ids == ["render-blocking-resources", "uses-optimized-images", "unused-css-rules"]
    assert "Save 300 KB and about 1,600 ms" in section
    assert "Save 20 KB and about 2,100 ms" in section
    assert "Save 6.0 KB and about 30 ms" in section


def test_diagnostics_leave_out_metrics_and_audits_without_savings() -> None:
    audits = measured_audits()
    audits["request-count"] = result("request-count", 1.0, value=3, unit="count")
    # A total in bytes is not a saving.
    audits["total-byte-weight"] = result("total-byte-weight", 0.5, value=900_000, unit="bytes")
    views = diagnostics(device("moto-g-power", audits))
    assert "request-count" not in [v.id for v in views]
    # The server's response time is a pass/fail audit, not a saving.
    assert "server-response-time" not in [v.id for v in views]
    assert "total-byte-weight" not in [v.id for v in views]
    assert not any(v.id.endswith("-paint") for v in views)


def test_speed_section_escapes_audit_text(html: str) -> None:
    section = speed_html(html)
    assert HOSTILE not in html
    assert "Compress images &lt;script&gt;alert(1)&lt;/script&gt;" in section


def test_device_without_a_speed_pass_points_to_the_measured_device(html: str) -> None:
    text = html[html.index('<section class="device" id="page-1-device-2">') : html.index("</main>")]
    assert 'Speed is measured on <a href="#page-1-device-1-speed">moto-g-power</a>.' in text
    assert NOT_MEASURED not in text  # no n/a noise
    assert "Not applicable" not in text
    assert html.count('class="speed-section"') == 1


def test_metric_not_measured_reads_as_such_on_its_tile() -> None:
    audits = measured_audits()
    audits["largest-contentful-paint"] = result(
        "largest-contentful-paint", None, unit="ms",
        display="Not measured: the page was still busy at the timeout.",
        details=metric_details("largest-contentful-paint", [None], timed_out=True),
    )  # fmt: skip
    view = speed_view("a", device("moto-g-power", audits), [])
    lcp = next(t for t in view.tiles if t.short == "LCP")
    assert (lcp.value, lcp.band, lcp.rating) == ("—", "na", "Not measured")
    assert lcp.note == "Not measured: the page was still busy at the timeout."


def test_short_paints_read_in_milliseconds() -> None:
    audits = measured_audits()
    audits["first-contentful-paint"] = metric("first-contentful-paint", 1.0, 176, [176], "good")
    view = speed_view("a", device("moto-g-power", audits), [])
    assert view.tiles[0].value == "176 ms"
    assert view.tiles[0].runs == []  # one run: nothing more to show


def test_a_page_without_any_speed_pass_says_so() -> None:
    phone = device("moto-g-power", unmeasured_audits())
    assert not has_speed_pass(phone)
    html = render_html(run_of(phone))
    assert 'class="speed-section"' not in html
    assert "Speed was not measured on this page's devices." in html


def test_server_response_time_is_listed_with_the_speed_audits_under_its_own_name(
    html: str,
) -> None:
    match = re.search(r'<article class="audit" data-audit="server-response-time">.*?</article>',
                      html, re.S)  # fmt: skip
    assert match, "server-response-time is not listed"
    assert "Initial server response time was short" in match.group(0)
    assert "Root document took 2 ms" in match.group(0)
