"""The slow-4g estimate from an unthrottled run (checker.speed_model), on hand-built runs.

Every expected figure is worked out by hand in the comments, from slow-4g as Lantern sees it:
RTT 150 ms (562.5 / 3.75), throughput 1638.4 Kbps (1474.56 / 0.9) = 209.7152 bytes/ms, CPU x4.
A request on a new connection: DNS 2 RTT (once per origin) + TCP 1 RTT (+ TLS 1 RTT over
https) + request and first byte 1 RTT + the server's time (0 here: response_ms = start_ms).
The body then comes 10 segments (14,600 B) in the first round trip, the window doubling in
each next one (at most 21 segments: 209.7152 x 150 / 1460), at the link's speed shared
between the responses sending. Render time after the last needed node: observed x 4 x 0.5.
"""

from __future__ import annotations

import pytest

from audits.speed.total_blocking_time import total_blocking_time
from checker.model.dom_facts import RenderBlocking
from checker.model.elements import Element
from checker.model.load_facts import LayoutShift, LongTask, NetworkRequest, SpeedRun
from checker.model.throttling import THROTTLES, Throttle
from checker.speed_model import conditions_for, estimate_run
from checker.speed_model.graph import build_graph

SLOW_4G = THROTTLES["slow-4g"]
assert SLOW_4G is not None
SITE = "http://127.0.0.1:8000/"
# 10,486 bytes take 50.0 ms at 209.7152 bytes/ms and fit in the first window.
SMALL = 10_486


def request(
    path: str, kind: str, start: float, end: float, size: int = SMALL, site: str = SITE
) -> NetworkRequest:
    return NetworkRequest(
        url=site + path,
        resource_type=kind,
        method="GET",
        status=200,
        mime_type=None,
        transfer_bytes=size,
        decoded_bytes=size,
        start_ms=start,
        end_ms=end,
        from_cache=False,
        headers={},
        response_ms=start,
    )


def run(network: list[NetworkRequest], **fields) -> SpeedRun:
    values = {"throttle": "none", "ttfb_ms": 1.0, "fcp_ms": None, "lcp_ms": None, **fields}
    return SpeedRun(network=network, **values)


def test_slow_4g_is_read_as_lanterns_150_ms_rtt_and_1_6_mbps():
    conditions = conditions_for(SLOW_4G)
    assert conditions.rtt_ms == pytest.approx(150)
    assert conditions.bytes_per_ms == pytest.approx(1638.4 * 1024 / 8 / 1000)
    assert conditions.cpu_slowdown == 4


def test_a_bare_document_pays_dns_connection_and_request_then_its_bytes():
    # First byte: DNS 300 + TCP 150 + request 150 = 600. Body: 10,486 B in 50 ms -> 650.
    # FCP: 650 + (20 observed - 5 observed document end) x 4 x 0.5 = 650 + 30 = 680.
    observed = run([request("", "document", 0, 5)], fcp_ms=20.0, lcp_ms=20.0, load_ms=20.0)
    estimate = estimate_run(observed, SLOW_4G)
    assert (estimate.throttle, estimate.method) == ("slow-4g", "simulated")
    assert estimate.ttfb_ms == pytest.approx(600, abs=0.1)
    assert estimate.fcp_ms == pytest.approx(680, abs=0.1)
    assert estimate.lcp_ms == pytest.approx(680, abs=0.1)
    assert estimate.load_ms == pytest.approx(680, abs=0.1)


def test_a_render_blocking_stylesheet_holds_the_first_paint():
    # Document: first byte 600, done 650. The stylesheet started 1 ms after it (1 x 4 = 4 ms
    # of parsing): ready 654, on the document's warm connection: first byte 654 + 150 = 804,
    # 10,486 B within the window in 50 ms -> 854. FCP: 854 + (20 - 9) x 2 = 876.
    network = [request("", "document", 0, 5), request("style.css", "stylesheet", 6, 9)]
    observed = run(network, fcp_ms=20.0)
    blocking = [RenderBlocking(SITE + "style.css", "link", Element("head > link"))]
    assert estimate_run(observed, SLOW_4G, render_blocking=blocking).fcp_ms == pytest.approx(
        876, abs=0.1
    )
    # Not known to block: optimistic = the document alone, 650 + (20 - 5) x 2 = 680;
    # pessimistic = all that ended by the FCP, 876; blended half and half: 778.
    assert estimate_run(observed, SLOW_4G).fcp_ms == pytest.approx(778, abs=0.1)


def test_a_big_lcp_image_arrives_in_slow_start_round_trips():
    # The image (209,715 B) starts 1 ms after the document: ready 654, warm connection, first
    # byte 804. Round trips of 150 ms from 804 carry 14,600 B, 29,200 B, then 30,660 B (21
    # segments) each: 43,800 B after two, 153,300 B more after five more (rounds 3-7), the
    # last 12,615 B in round 8 (from 804 + 7 x 150 = 1854) in 12,615 / 209.7152 = 60.15 ms
    # -> 1914.15. LCP: 1914.15 + (25 - 20) x 2 = 1924.15. FCP (the text before): 650 + 5 x 2.
    network = [request("", "document", 0, 5), request("hero.jpg", "image", 6, 20, 209_715)]
    hero = Element("#hero", None, '<img id="hero" src="hero.jpg" alt="">')
    observed = run(network, fcp_ms=10.0, lcp_ms=25.0, lcp_element=hero)
    estimate = estimate_run(observed, SLOW_4G)
    assert estimate.fcp_ms == pytest.approx(660, abs=0.1)
    assert estimate.lcp_ms == pytest.approx(1924.15, abs=0.1)


def test_long_tasks_stretch_four_times_and_make_blocking_time():
    # Task A (30 ms at 100) waited for the document (ended 5): gap 95 = 50 busy x 4 + 45 of
    # waiting = 245 -> ready 650 + 245 = 895, runs 120 ms -> 1015. Task B (80 ms at 200)
    # waited for A (ended 130): gap 70 = 50 x 4 + 20 = 220 -> 1235, runs 320 ms -> 1555.
    # FCP 650 + (10 - 5) x 2 = 660; quiet: 1555 + (2500 - 280 observed last end) = 3775.
    # TBT between them: (120 - 50) + (320 - 50) = 340 (unthrottled: 0 + 30).
    tasks = [LongTask(100, 30), LongTask(200, 80)]
    observed = run(
        [request("", "document", 0, 5)], fcp_ms=10.0, long_tasks=tasks, quiet_at_ms=2500.0
    )
    estimate = estimate_run(observed, SLOW_4G)
    assert estimate.long_tasks == [LongTask(895, 120), LongTask(1235, 320)]
    assert estimate.fcp_ms == pytest.approx(660, abs=0.1)
    assert estimate.quiet_at_ms == pytest.approx(3775, abs=0.1)
    assert total_blocking_time(observed) == pytest.approx(30)
    assert total_blocking_time(estimate) == pytest.approx(340, abs=0.1)


def test_https_costs_one_more_round_trip_for_tls():
    # http: DNS 300 + TCP 150 + request 150 = 600; https adds TLS 150 = 750.
    plain = run([request("", "document", 0, 5, site="http://shop.example/")])
    secure = run([request("", "document", 0, 5, site="https://shop.example/")])
    assert estimate_run(plain, SLOW_4G).ttfb_ms == pytest.approx(600, abs=0.1)
    assert estimate_run(secure, SLOW_4G).ttfb_ms == pytest.approx(750, abs=0.1)


def test_a_new_connection_to_a_known_origin_skips_dns_but_not_tcp():
    # Two stylesheets start together after the document: the first takes the warm
    # connection (654 + 150 = 804 first byte, done 854), the second a new one: TCP 150 +
    # request 150 -> 954, done 1004. The pessimistic FCP waits for both: 1004 + (20 - 9) x 2.
    network = [
        request("", "document", 0, 5),
        request("a.css", "stylesheet", 6, 9),
        request("b.css", "stylesheet", 6, 9),
    ]
    blocking = [RenderBlocking(SITE + u, "link", Element(u)) for u in ("a.css", "b.css")]
    estimate = estimate_run(run(network, fcp_ms=20.0), SLOW_4G, render_blocking=blocking)
    assert estimate.fcp_ms == pytest.approx(1026, abs=0.1)


def test_two_big_images_share_the_bandwidth():
    # RTT 1 ms (3.75 / 3.75), so round trips and windows do not limit: only the link does.
    # Document: first byte 2 + 1 + 1 = 4, 2,097 B in 10 ms -> 14. Each image (209,715 B,
    # 1000 ms of the link alone) is ready at 14 + 1 x 4 = 18: the first on the warm connection
    # (first byte 19), the second on a new one (TCP 1 + request 1 -> 20). 19-20: the first
    # alone, 209.7 B; then both at 104.86 B/ms: the first ends at 20 + 209,505.3 / 104.8576 =
    # 2018.0, the second 1 ms later alone -> 2019.0. Load: 2019 + (30 - 21) x 2 = 2037.
    # Alone, one image would end at 19 + 1000 = 1019, load 1019 + (30 - 20) x 2 = 1039.
    fast_rtt = Throttle(3.75, 1474.56, 675, 4)
    document = request("", "document", 0, 4, 2_097)
    both = [
        document,
        request("a.jpg", "image", 5, 20, 209_715),
        request("b.jpg", "image", 5, 21, 209_715),
    ]
    shared = estimate_run(run(both, load_ms=30.0), fast_rtt)
    alone = estimate_run(run(both[:2], load_ms=30.0), fast_rtt)
    assert shared.throttle == "custom"
    assert shared.load_ms == pytest.approx(2037, abs=0.2)
    assert alone.load_ms == pytest.approx(1039, abs=0.2)


# A 209,715 B document whose body starts at byte 10,486, naming style.css at byte 1,012.
LINK = '<link href="style.css">'
LONG_HTML = "x" * 1000 + LINK + "x" * (10_486 - 1000 - len(LINK)) + "<body><p>Text</p></body>"


def test_a_long_document_paints_once_its_body_has_arrived():
    # First byte 600; the body's first 10,486 B arrive in 50 ms -> 650. Render: (20 - 5)
    # x max(0.5, 10,486 / 209,715) x 4 x 0.5 = 15 -> FCP 665. The whole document comes in
    # slow start on a new connection (as the image of the LCP test, from 600): 1710.15, so
    # load is 1710.15 + (30 - 5) x 2 = 1760.15, and FCP without the HTML 1710.15 + 15 x 2.
    observed = run([request("", "document", 0, 5, 209_715)], fcp_ms=20.0, load_ms=30.0)
    with_html = estimate_run(observed, SLOW_4G, html=LONG_HTML)
    assert with_html.fcp_ms == pytest.approx(665, abs=0.1)
    assert with_html.load_ms == pytest.approx(1760.15, abs=0.1)
    assert estimate_run(observed, SLOW_4G).fcp_ms == pytest.approx(1740.15, abs=0.1)


def test_a_stylesheet_named_early_in_a_long_document_is_requested_as_it_streams():
    # style.css is named at byte 1,012: arrived at 600 + 1,012 / 209.7152 = 604.83, ready 4 ms
    # later (1 ms of parsing x 4) = 608.83. The document's connection is busy: a new one, TCP
    # 150 + request 150 -> 908.83, and it is empty. FCP: 908.83 + (20 - 9) x 0.5 x 2 = 919.83.
    network = [request("", "document", 0, 5, 209_715), request("style.css", "stylesheet", 6, 9, 0)]
    blocking = [RenderBlocking(SITE + "style.css", "link", Element("head > link"))]
    observed = run(network, fcp_ms=20.0)
    estimate = estimate_run(observed, SLOW_4G, render_blocking=blocking, html=LONG_HTML)
    assert estimate.fcp_ms == pytest.approx(919.83, abs=0.1)


def test_images_and_fonts_never_start_other_requests_in_the_graph():
    # The font starts after the image ended, but only the stylesheet can have asked for it.
    network = [
        request("", "document", 0, 5),
        request("style.css", "stylesheet", 6, 8),
        request("photo.jpg", "image", 6, 12),
        request("font.woff2", "font", 13, 15),
    ]
    graph = build_graph(run(network))
    assert graph is not None
    parents = {n.url.removeprefix(SITE): n.parent for n in graph.nodes}
    assert parents == {"": None, "style.css": 0, "photo.jpg": 0, "font.woff2": 1}


def test_the_estimate_keeps_shifts_element_and_network_as_observed():
    shift = LayoutShift(time_ms=15, value=0.2, had_recent_input=False)
    element = Element("h1", None, "<h1>")
    network = [request("", "document", 0, 5), request("ad.js", "script", 6, 6)]
    blocked = NetworkRequest(**{**vars(network[1]), "url": "https://ads.example/x.js"})
    blocked = NetworkRequest(**{**vars(blocked), "blocked": True, "end_ms": None})
    observed = run(
        [*network, blocked], fcp_ms=9.0, lcp_ms=9.0, lcp_element=element, layout_shifts=[shift]
    )
    estimate = estimate_run(observed, SLOW_4G)
    assert estimate.layout_shifts == [shift]
    assert estimate.lcp_element == element
    assert estimate.network == observed.network
    assert estimate.timed_out is False


def test_a_run_without_requests_keeps_its_values_under_the_profiles_name():
    observed = run([], fcp_ms=None)
    assert estimate_run(observed, SLOW_4G) == run([], throttle="slow-4g", method="simulated")


def test_only_an_unthrottled_run_can_be_estimated():
    throttled = run([request("", "document", 0, 5)], throttle="slow-4g")
    with pytest.raises(ValueError, match="unthrottled"):
        estimate_run(throttled, SLOW_4G)
