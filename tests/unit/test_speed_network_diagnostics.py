"""The speed diagnostics read from the speed run's network log: total-byte-weight,
request-count, render-blocking-resources, cache-policy and third-party-weight."""

from __future__ import annotations

import dataclasses

import pytest

from audits.common.network_log import network_run
from audits.common.speed_metrics import NOT_MEASURED_ON_DEVICE, TIMED_OUT
from audits.common.speed_savings import bytes_to_ms
from audits.speed.cache_policy import cache_hit_probability, cache_policy
from audits.speed.render_blocking_resources import render_blocking_resources
from audits.speed.request_count import request_count
from audits.speed.third_party_weight import third_party_weight
from audits.speed.total_byte_weight import total_byte_weight
from checker.model.dom_facts import RenderBlocking
from checker.model.elements import Element
from checker.model.load_facts import NetworkRequest, SpeedRun
from checker.model.results import CannotMeasure
from checker.model.snapshot import PageSnapshot

PAGE = "https://www.example.com/article"
KB = 1024
YEAR = "max-age=31536000"


def _req(
    url: str,
    kind: str = "script",
    size: int = 10 * KB,
    *,
    start: float = 100,
    end: float | None = 600,
    status: int | None = 200,
    cache_control: str | None = YEAR,
    headers: dict[str, str] | None = None,
    **kw,
) -> NetworkRequest:
    all_headers = {"cache-control": cache_control} if cache_control is not None else {}
    all_headers.update(headers or {})
    return NetworkRequest(
        url=url,
        resource_type=kind,
        method="GET",
        status=status,
        mime_type=None,
        transfer_bytes=size,
        decoded_bytes=size,
        start_ms=start,
        end_ms=end,
        from_cache=kw.pop("from_cache", False),
        headers=all_headers,
        **kw,
    )


def _run(*network: NetworkRequest, fcp: float | None = 2000, timed_out: bool = False):
    return SpeedRun(
        throttle="slow-4g",
        ttfb_ms=300,
        fcp_ms=fcp,
        lcp_ms=fcp,
        timed_out=timed_out,
        network=list(network),
    )


def _page(
    saved_snapshot,
    *runs: SpeedRun,
    blocking: list[RenderBlocking] | None = None,
    final_url: str = PAGE,
) -> PageSnapshot:
    snapshot = saved_snapshot("mobile-ready")
    return dataclasses.replace(
        snapshot,
        url=final_url,
        final_url=final_url,
        speed_runs=list(runs),
        dom=dataclasses.replace(snapshot.dom, render_blocking=blocking or []),
    )


DOCUMENT = _req(PAGE, "document", 20 * KB, start=0, end=400, cache_control="no-cache")
DIAGNOSTICS = (
    total_byte_weight,
    request_count,
    render_blocking_resources,
    cache_policy,
    third_party_weight,
)


# --- every diagnostic ----------------------------------------------------------------------


@pytest.mark.parametrize("diagnostic", DIAGNOSTICS)
def test_network_diagnostics_are_not_measured_without_a_speed_run(saved_snapshot, diagnostic):
    outcome = diagnostic(_page(saved_snapshot))
    assert outcome.score is None
    assert outcome.display == NOT_MEASURED_ON_DEVICE


def test_network_diagnostics_weigh_nothing_in_the_speed_score():
    from audits import all_audits

    weights = {a.id: (a.category, a.weight) for a in all_audits()}
    for audit_id in (
        "total-byte-weight",
        "request-count",
        "render-blocking-resources",
        "cache-policy",
        "third-party-weight",
    ):
        assert weights[audit_id] == ("speed", 0)


def test_network_diagnostics_read_the_run_whose_fcp_is_the_median(saved_snapshot):
    runs = [_run(DOCUMENT, fcp=fcp) for fcp in (3000, 1000, 2000)]
    assert network_run(_page(saved_snapshot, *runs)) is runs[2]
    unpainted = [_run(DOCUMENT, fcp=None), _run(DOCUMENT, fcp=None)]
    assert network_run(_page(saved_snapshot, *unpainted)) is unpainted[0]


# --- total-byte-weight ---------------------------------------------------------------------


def test_total_byte_weight_passes_a_light_page_and_lists_the_largest_requests(saved_snapshot):
    run = _run(
        DOCUMENT,
        _req("https://www.example.com/app.js", "script", 200 * KB),
        _req("https://www.example.com/hero.jpg", "image", 300 * KB),
        _req("https://www.example.com/site.css", "stylesheet", 30 * KB),
    )
    outcome = total_byte_weight(_page(saved_snapshot, run))
    assert outcome.value == 550 * KB
    assert outcome.unit == "bytes"
    assert outcome.score == 1.0
    assert outcome.display == "Total size was 550 KB"
    assert [f.snippet for f in outcome.findings][:2] == [
        "https://www.example.com/hero.jpg",
        "https://www.example.com/app.js",
    ]
    assert outcome.findings[0].details["resource_type"] == "image"
    assert outcome.details["bytes_by_type"]["script"] == 200 * KB
    assert outcome.details["bytes_by_type"]["document"] == 20 * KB


def test_total_byte_weight_scores_lighthouses_curve(saved_snapshot):
    def score(total: int) -> float | None:
        return total_byte_weight(_page(saved_snapshot, _run(_req(PAGE, "document", total)))).score

    assert score(2667 * KB) == 0.9  # p10
    assert score(4000 * KB) == 0.5  # median
    assert score(8000 * KB) < 0.5


def test_total_byte_weight_leaves_out_blocked_failed_cached_and_data_requests(saved_snapshot):
    run = _run(
        DOCUMENT,
        _req("https://ads.example.net/tag.js", size=500 * KB, blocked=True),
        _req("https://www.example.com/broken.js", size=500 * KB, failure="net::ERR_FAILED"),
        _req("https://www.example.com/logo.png", "image", 500 * KB, from_cache=True),
        _req("data:image/png;base64,AAAA", "image", 500 * KB),
    )
    outcome = total_byte_weight(_page(saved_snapshot, run))
    assert outcome.value == 20 * KB
    assert len(outcome.findings) == 1


def test_total_byte_weight_lists_at_most_ten_requests(saved_snapshot):
    run = _run(*(_req(f"https://www.example.com/{i}.js", size=KB * (i + 1)) for i in range(15)))
    outcome = total_byte_weight(_page(saved_snapshot, run))
    assert len(outcome.findings) == 10
    assert outcome.findings[0].details["transfer_bytes"] == 15 * KB


# --- request-count -------------------------------------------------------------------------


def test_request_count_counts_requests_by_type_and_is_informative(saved_snapshot):
    run = _run(
        DOCUMENT,
        _req("https://www.example.com/a.js"),
        _req("https://www.example.com/b.js"),
        _req("https://www.example.com/font.woff2", "font"),
        _req("https://www.example.com/api", "fetch"),
        _req("https://www.example.com/c.js", blocked=True),
    )
    outcome = request_count(_page(saved_snapshot, run))
    assert outcome.score == 1.0
    assert outcome.value == 5
    assert outcome.unit == "count"
    by_type = outcome.details["requests_by_type"]
    assert by_type == {
        "document": 1,
        "script": 2,
        "stylesheet": 0,
        "image": 0,
        "font": 1,
        "media": 0,
        "other": 1,
    }
    assert outcome.details["not_counted"] == 1
    assert outcome.findings[0].message.startswith("Script: 2 requests")
    assert {f.details["resource_type"] for f in outcome.findings} == {
        "document",
        "script",
        "font",
        "other",
    }


# --- render-blocking-resources -------------------------------------------------------------

CSS = RenderBlocking("https://www.example.com/site.css", "link", Element('link[href="/site.css"]'))
JS = RenderBlocking("https://www.example.com/app.js", "script", Element('script[src="/app.js"]'))


def test_render_blocking_passes_a_page_with_nothing_in_the_way(saved_snapshot):
    outcome = render_blocking_resources(_page(saved_snapshot, _run(DOCUMENT)))
    assert outcome.score == 1.0
    assert outcome.value == 0
    assert outcome.findings == []


def test_render_blocking_flags_head_resources_that_loaded_before_first_paint(saved_snapshot):
    run = _run(
        DOCUMENT,
        _req(CSS.url, "stylesheet", 15 * KB, start=400, end=1400),
        _req(JS.url, "script", 60 * KB, start=450, end=1900),
        fcp=2000,
    )
    outcome = render_blocking_resources(_page(saved_snapshot, run, blocking=[CSS, JS]))
    # In flight 400..1900 (overlaps counted once), less the CSS inlined in the HTML at slow-4g.
    assert outcome.value == round(1500 - bytes_to_ms(15 * KB))
    assert outcome.details.savings_ms == outcome.value
    assert outcome.unit == "ms"
    assert outcome.score is not None and outcome.score < 0.9
    assert [f.selector for f in outcome.findings] == [JS.selector, CSS.selector]
    assert outcome.findings[0].details["wasted_ms"] == 1450
    assert outcome.findings[0].details["transfer_bytes"] == 60 * KB
    assert outcome.findings[1].snippet == CSS.url


def test_render_blocking_says_a_missing_file_answers_an_error_not_its_size(saved_snapshot):
    run = _run(
        DOCUMENT,
        _req(CSS.url, "stylesheet", 185, start=400, end=700, status=404),
        _req(JS.url, "script", 60 * KB, start=450, end=1900),
        fcp=2000,
    )
    outcome = render_blocking_resources(_page(saved_snapshot, run, blocking=[CSS, JS]))
    by_selector = {f.selector: f for f in outcome.findings}
    missing = by_selector[CSS.selector]
    assert missing.message.startswith("This stylesheet answers HTTP 404, and the first paint")
    assert "KB" not in missing.message
    assert missing.details["status"] == 404
    assert by_selector[JS.selector].message.startswith("This script (60")


def test_render_blocking_ignores_what_finished_after_paint_loaded_fast_or_was_blocked(
    saved_snapshot,
):
    late = RenderBlocking("https://www.example.com/late.js", "script", Element("script.late"))
    fast = RenderBlocking("https://www.example.com/fast.css", "link", Element("link.fast"))
    blocked = RenderBlocking("https://tags.example.net/tag.js", "script", Element("script.tag"))
    run = _run(
        DOCUMENT,
        _req(late.url, start=500, end=2500),
        _req(fast.url, "stylesheet", start=500, end=530),
        _req(blocked.url, start=500, end=1500, blocked=True),
        fcp=2000,
    )
    page = _page(saved_snapshot, run, blocking=[late, fast, blocked, CSS])  # CSS never loaded
    outcome = render_blocking_resources(page)
    assert outcome.findings == []
    assert outcome.score == 1.0


def test_render_blocking_matches_urls_without_their_fragment(saved_snapshot):
    run = _run(DOCUMENT, _req(CSS.url + "#v2", "stylesheet", start=400, end=1200), fcp=1500)
    outcome = render_blocking_resources(_page(saved_snapshot, run, blocking=[CSS]))
    assert len(outcome.findings) == 1


def test_render_blocking_cannot_be_measured_without_a_first_paint(saved_snapshot):
    with pytest.raises(CannotMeasure, match="painted no text"):
        render_blocking_resources(_page(saved_snapshot, _run(DOCUMENT, fcp=None)))
    timed_out = _run(DOCUMENT, fcp=None, timed_out=True)
    with pytest.raises(CannotMeasure) as raised:
        render_blocking_resources(_page(saved_snapshot, timed_out))
    assert str(raised.value) == TIMED_OUT


# --- cache-policy --------------------------------------------------------------------------


def test_cache_policy_passes_assets_cached_for_a_year(saved_snapshot):
    run = _run(
        DOCUMENT,
        _req("https://www.example.com/app.js", cache_control="public, max-age=31536000"),
        _req(
            "https://www.example.com/a.css",
            "stylesheet",
            cache_control="max-age=31536000, immutable",
        ),
    )
    outcome = cache_policy(_page(saved_snapshot, run))
    assert outcome.score == 1.0
    assert outcome.value == 0
    assert outcome.findings == []


def test_cache_policy_flags_static_assets_with_no_or_short_lifetimes(saved_snapshot):
    run = _run(
        DOCUMENT,  # documents are not static assets
        _req("https://www.example.com/app.js", size=400 * KB, cache_control=None),
        _req("https://www.example.com/hero.jpg", "image", 100 * KB, cache_control="max-age=3600"),
        # immutable means nothing without a freshness lifetime (RFC 8246).
        _req("https://www.example.com/font.woff2", "font", 20 * KB, cache_control="immutable"),
        _req("https://www.example.com/api", "fetch", 50 * KB, cache_control=None),
    )
    outcome = cache_policy(_page(saved_snapshot, run))
    hour = cache_hit_probability(3600)
    assert hour == pytest.approx(0.2)
    expected = round(400 * KB + 20 * KB + (1 - hour) * 100 * KB)
    assert outcome.value == expected
    assert outcome.unit == "bytes"
    assert outcome.details.savings_bytes == expected
    assert outcome.details.savings_ms == bytes_to_ms(expected)
    assert outcome.score is not None and outcome.score < 0.9
    assert outcome.display == "3 resources found"
    # Shortest lifetime first, then the largest.
    assert [f.snippet for f in outcome.findings] == [
        "https://www.example.com/app.js",
        "https://www.example.com/font.woff2",
        "https://www.example.com/hero.jpg",
    ]
    assert outcome.findings[2].details["cache_lifetime_s"] == 3600
    assert "Cached for 1 h" in outcome.findings[2].message
    # No lifetime reads as words, never "None" or "Cached for None".
    assert outcome.findings[0].message.startswith("Not cached: a repeat visit")
    assert all("None" not in f.message for f in outcome.findings)


def test_cache_policy_leaves_out_deliberately_uncached_and_unfetched_assets(saved_snapshot):
    run = _run(
        _req("https://www.example.com/a.js", cache_control="max-age=0"),
        _req("https://www.example.com/b.js", cache_control="no-store"),
        _req("https://www.example.com/c.js", cache_control="no-cache, max-age=600"),
        _req("https://www.example.com/d.js", cache_control="private, max-age=600"),
        _req("https://www.example.com/e.js", cache_control=None, status=404),
        _req("https://www.example.com/f.js", cache_control=None, from_cache=True),
        _req("https://www.example.com/g.js", cache_control=None, failure="net::ERR_ABORTED"),
        _req("https://www.example.com/h.js", cache_control=None, blocked=True),
    )
    outcome = cache_policy(_page(saved_snapshot, run))
    assert outcome.findings == []
    assert outcome.score == 1.0


def test_cache_policy_reads_expires_against_the_capture_time(saved_snapshot):
    page = _page(
        saved_snapshot,
        _run(
            # The fixture was captured at 2026-11-23T01:55:22Z.
            _req(
                "https://www.example.com/soon.js",
                cache_control=None,
                headers={"expires": "Mon, 23 Nov 2026 02:55:22 GMT"},
            ),
            _req(
                "https://www.example.com/past.js",
                cache_control=None,
                headers={"expires": "Thu, 01 Jan 1970 00:00:00 GMT"},
            ),
            _req(
                "https://www.example.com/far.js",
                cache_control=None,
                headers={"expires": "Fri, 23 Nov 2029 01:55:22 GMT"},
            ),
        ),
    )
    assert page.captured_at.startswith("2026-11-23T01:55:22")
    outcome = cache_policy(page)
    assert [f.snippet for f in outcome.findings] == ["https://www.example.com/soon.js"]
    assert outcome.findings[0].details["cache_lifetime_s"] == 3600


def test_cache_hit_probability_follows_lighthouses_deciles():
    assert cache_hit_probability(0) == 0
    assert cache_hit_probability(12 * 3600) == pytest.approx(0.5)
    assert cache_hit_probability(18 * 3600) == pytest.approx(0.55)
    assert cache_hit_probability(366 * 86400) == 1


# --- third-party-weight --------------------------------------------------------------------


def test_third_party_weight_groups_other_sites_and_keeps_subdomains_first_party(
    saved_snapshot,
):
    run = _run(
        DOCUMENT,
        _req("https://cdn.example.com/app.js", size=100 * KB),  # same site
        _req("https://www.googletagmanager.com/gtm.js", size=80 * KB),
        _req("https://www.google-analytics.com/g/collect", "ping", 1 * KB),
        _req("https://fonts.gstatic.com/s/roboto.woff2", "font", 40 * KB),
        _req("https://www.gstatic.com/img.png", "image", 10 * KB),
        _req("https://ads.tracker.net/x.js", size=300 * KB, blocked=True),
    )
    outcome = third_party_weight(_page(saved_snapshot, run))
    assert outcome.score == 1.0
    assert outcome.unit == "bytes"
    assert outcome.value == 131 * KB
    assert [f.details["site"] for f in outcome.findings] == [
        "googletagmanager.com",
        "gstatic.com",
        "google-analytics.com",
    ]
    gstatic = outcome.findings[1].details
    assert gstatic["requests"] == 2
    assert gstatic["bytes_by_type"] == {"font": 40 * KB, "image": 10 * KB}
    assert outcome.details["third_party_script_bytes"] == 80 * KB
    assert outcome.details["main_thread_ms"] is None
    assert outcome.details["page_site"] == "example.com"
    assert outcome.display == "131 KB from 3 other sites (52% of the bytes)"


def test_third_party_weight_treats_another_company_under_a_public_suffix_as_third_party(
    saved_snapshot,
):
    run = _run(
        _req("https://www.bbc.co.uk/news", "document", 50 * KB),
        _req("https://static.files.bbci.co.uk/core.js", size=30 * KB),
        _req("https://ichef.bbc.co.uk/img.jpg", "image", 30 * KB),
    )
    outcome = third_party_weight(_page(saved_snapshot, run, final_url="https://www.bbc.co.uk/"))
    assert [f.details["site"] for f in outcome.findings] == ["bbci.co.uk"]


def test_third_party_weight_passes_a_page_with_only_its_own_requests(saved_snapshot):
    outcome = third_party_weight(_page(saved_snapshot, _run(DOCUMENT)))
    assert outcome.score == 1.0
    assert outcome.value == 0
    assert outcome.display == "Nothing loaded from other sites"
