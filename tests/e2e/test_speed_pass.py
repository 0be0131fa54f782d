"""The speed pass in real Chromium: observed metrics against pages with known answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import Config, audit_urls
from checker.demo.pages import demo_site_dir
from checker.demo.server import serve_directory
from checker.store.snapshots import load_pages

SPEED_PAGES = Path(__file__).parents[1] / "fixtures" / "pages" / "speed"
EXPECTED_CLS = (375 * 300) / (375 * 667) * (100 / 667)  # see layout-shift.html


def _speed_runs(
    base_url: str, names: list[str], tmp: Path, throttle: str, method: str = "apply"
) -> dict:
    """By page file name: (its speed runs as gathered, its device's audit results)."""
    config = Config(
        devices=("iphone-se",),
        block_external=True,
        throttle=throttle,
        throttle_method=method,
        save_snapshots=tmp / "snapshots",
        output_dir=tmp / "report",
    )
    run = audit_urls([base_url + name for name in names], config)
    audits = {page.url.rsplit("/", 1)[-1]: page.devices[0].audits for page in run.pages}
    runs = {
        url.rsplit("/", 1)[-1]: caps[0].snapshot.speed_runs
        for url, caps in load_pages(tmp / "snapshots")
    }
    return {name: (runs[name], audits[name]) for name in names}


@pytest.fixture(scope="module")
def unthrottled(tmp_path_factory):
    with serve_directory(SPEED_PAGES) as base_url:
        names = ["layout-shift.html", "busy-loop.html", "lcp-image.html", "late-request.html"]
        return _speed_runs(base_url, names, tmp_path_factory.mktemp("none"), "none")


@pytest.fixture(scope="module")
def throttled(tmp_path_factory):
    with serve_directory(SPEED_PAGES) as base_url:
        return _speed_runs(base_url, ["lcp-image.html"], tmp_path_factory.mktemp("4g"), "slow-4g")


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    with serve_directory(SPEED_PAGES) as base_url:
        folder = tmp_path_factory.mktemp("simulated")
        return _speed_runs(base_url, ["lcp-image.html"], folder, "slow-4g", "simulate")


@pytest.fixture(scope="module")
def demo_simulated(tmp_path_factory):
    with serve_directory(demo_site_dir(), fill_origin=True) as base_url:
        folder = tmp_path_factory.mktemp("demo")
        return _speed_runs(base_url, ["wholesale.html"], folder, "slow-4g", "simulate")


def test_simulated_throttling_estimates_from_an_unthrottled_load(simulated, throttled):
    (estimated,), audits = simulated["lcp-image.html"]
    (applied,), _ = throttled["lcp-image.html"]
    assert estimated.method == "simulated" and applied.method == "applied"
    assert estimated.throttle == "slow-4g"
    # Loaded at full speed: the document came in milliseconds, not after 562 ms of latency.
    document = next(r for r in estimated.network if r.resource_type == "document")
    assert document.response_ms - document.start_ms < 300
    # Estimated as under slow-4g: a page that needs an image after its HTML takes at least
    # two round trips of 150 ms, and lands near the applied pass (the model's accuracy is
    # measured by benchmarks/speed_model_accuracy.py).
    assert estimated.lcp_ms >= 2 * 150
    assert estimated.lcp_ms == pytest.approx(applied.lcp_ms, rel=0.5)
    assert audits["largest-contentful-paint"].details.method == "simulated"


def test_speed_pass_measures_a_known_layout_shift(unthrottled):
    (run,), audits = unthrottled["layout-shift.html"]
    assert sum(s.value for s in run.layout_shifts) == pytest.approx(EXPECTED_CLS, abs=0.01)
    cls = audits["cumulative-layout-shift"]
    assert cls.value == pytest.approx(EXPECTED_CLS, abs=0.01)
    assert cls.findings[0].selector == "#block"


def test_speed_pass_scores_a_300ms_busy_loop_as_250ms_of_blocking(unthrottled):
    (run,), audits = unthrottled["busy-loop.html"]
    tbt = audits["total-blocking-time"]
    longest = max(run.long_tasks, key=lambda t: t.duration_ms)
    # The loop spins on the clock for 300 ms. A task is timed by the CPU it used (the other
    # devices load beside it, and the time they keep it off the CPU is taken out), so the
    # loop counts 300 ms when it ran alone and less when it shared the CPU: on a phone it
    # would have run alone. What counts is the rule: the part of the task over 50 ms blocks.
    assert tbt.value == pytest.approx(longest.duration_ms - 50, abs=1)
    assert 50 < longest.duration_ms <= 300 * 1.05  # timer rounding: a few ms either way
    assert tbt.unit == "ms"


def test_speed_pass_sees_a_300ms_busy_loop_after_paint(unthrottled):
    (run,), _ = unthrottled["busy-loop.html"]
    assert run.fcp_ms is not None
    longest = max(run.long_tasks, key=lambda t: t.duration_ms)
    # A 300 ms spin on the clock: less the time other work kept it off the CPU, never more.
    assert 50 < longest.duration_ms <= 300 * 1.05
    assert longest.start_ms > run.fcp_ms
    # Observation went on after the load event until the page was quiet.
    assert run.quiet_at_ms > longest.start_ms + longest.duration_ms


def test_speed_pass_waits_for_quiet_after_a_request_made_after_load(unthrottled):
    (run,), _ = unthrottled["late-request.html"]
    late = [r for r in run.network if r.url.endswith("hero.png?late")]
    assert len(late) == 1 and late[0].end_ms is not None
    assert late[0].start_ms > run.load_ms + 600
    # Quiet is 1 s with no request in flight: not before the late request's end + 1 s (a few
    # ms of slack: the network log and the page's clock start a moment apart).
    assert run.quiet_at_ms >= late[0].end_ms + 1000 - 20


def test_speed_pass_names_the_largest_contentful_paint_element(unthrottled):
    (run,), audits = unthrottled["lcp-image.html"]
    assert run.lcp_element.selector == "#hero"
    assert audits["largest-contentful-paint"].findings[0].selector == "#hero"
    assert run.lcp_element.box.width == 375
    assert run.lcp_ms >= run.fcp_ms


def test_throttled_runs_are_measurably_slower(unthrottled, throttled):
    (fast,), _ = unthrottled["lcp-image.html"]
    (slow,), _ = throttled["lcp-image.html"]
    # slow-4g adds 562.5 ms of latency to the document's round trip: a floor that holds
    # however busy the machine is (an unthrottled load on a loaded machine can take 300 ms).
    assert slow.ttfb_ms >= 562
    assert slow.fcp_ms >= 562 and slow.fcp_ms > fast.fcp_ms
    # The hero image needs a second round trip at 1.6 Mbit/s.
    assert slow.lcp_ms >= 2 * 562 and slow.lcp_ms > fast.lcp_ms
    assert slow.throttle == "slow-4g" and fast.throttle == "none"


def test_pages_served_from_loopback_pass_server_response_time(simulated, throttled, demo_simulated):
    # Issue 15: slow-4g's connection set-up and latency made every page, a local one included,
    # fail "Root document took 610 ms". The server's own time is judged, as Lighthouse does.
    pages = [simulated["lcp-image.html"], throttled["lcp-image.html"],
             demo_simulated["wholesale.html"]]  # fmt: skip
    for (run,), audits in pages:
        server = audits["server-response-time"]
        assert server.score == 1, server.display
        assert server.value < 600
        assert server.display.startswith("Root document took ")
        assert server.details["source"] == "navigation-timing"
        # The throttled first byte is its own metric, round trips at slow-4g included.
        ttfb = audits["time-to-first-byte"]
        assert ttfb.value == run.ttfb_ms >= 562
        assert ttfb.display.endswith(f" on slow-4g ({run.method})")
        assert server.value < ttfb.value
