"""First and largest contentful paint and load from simulated graphs, Lantern's way.

A paint waits for part of the graph, and which part is not known for sure, so Lantern
simulates two graphs and blends them (core/lib/lantern/metric.js, Metric.compute):
- FCP (metrics/first-contentful-paint.js): optimistic, the document and the resources that
  block rendering; pessimistic, every request that had ended by the observed FCP;
- LCP (metrics/largest-contentful-paint.js): optimistic, the FCP's optimistic graph plus the
  LCP element's image; pessimistic, every request that had ended by the observed LCP; the
  estimate is at least the FCP's.
Both add the long tasks that had ended by the paint (the main thread was busy). What the
observed run spent after the graph's last node and before the paint (parsing, style, layout,
paint) is added, stretched by the CPU slowdown x LAYOUT_TASK_MULTIPLIER. Where the graph knows
where the document's body starts (its HTML was given), a paint waits for the document only up
to there, as Chromium paints a long document before it has all of it; load waits for all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from checker.model.load_facts import SpeedRun
from checker.speed_model.graph import Graph
from checker.speed_model.simulator import Conditions, simulate

# Lantern metrics/first-contentful-paint.js and largest-contentful-paint.js, COEFFICIENTS:
# intercept 0, optimistic 0.5, pessimistic 0.5.
OPTIMISTIC_WEIGHT = 0.5
PESSIMISTIC_WEIGHT = 0.5
# Lantern simulator.js: DEFAULT_LAYOUT_TASK_MULTIPLIER = 0.5 ("layout tasks tend to be less
# CPU-bound"): the render work before a paint slows by half the CPU slowdown.
LAYOUT_TASK_MULTIPLIER = 0.5
# When a paint needs only the start of a long document, the observed render time before it
# shrinks: its parsing part in proportion to the part of the document needed, not the style,
# layout and paint of the first screen. This share is taken as that fixed part. Tuned on
# benchmarks/speed_model_accuracy.py (median absolute error FCP/LCP: 0.25 16.2%/15.2%,
# 0.5 15.9%/11.4%, 1 17.8%/14.7%).
FIXED_RENDER_SHARE = 0.5
# Lantern's pessimistic FCP graph takes the requests of render-blocking priority (High or
# VeryHigh): never images or media, which Chromium fetches at Low priority until laid out.
NOT_FOR_FCP = frozenset({"image", "media"})
# Elements whose largest paint is an image (the LCP API's image candidates).
IMAGE_TAGS = ("img", "image", "video", "svg")
_ATTRIBUTE = r'\b{name}="([^"]*)"'


@dataclass(frozen=True)
class Paints:
    fcp_ms: float | None
    lcp_ms: float | None
    load_ms: float | None


def estimate_paints(
    observed: SpeedRun, graph: Graph, conditions: Conditions, blocking_urls: Sequence[str]
) -> Paints:
    """FCP, LCP and load of `observed` under `conditions`."""
    fcp = lcp = load = None
    if observed.fcp_ms is not None:
        optimistic = _render_blocking(graph, observed.fcp_ms, blocking_urls)
        fcp = _blend(graph, conditions, observed.fcp_ms, optimistic, skip_types=NOT_FOR_FCP)
    if observed.lcp_ms is not None:
        resource = lcp_resource(observed, graph)
        optimistic = _render_blocking(graph, observed.lcp_ms, blocking_urls)
        if resource is not None:
            optimistic = graph.closure([*optimistic, resource])
        lcp = _blend(graph, conditions, observed.lcp_ms, optimistic)
        lcp = max(lcp, fcp or 0.0)
    if observed.load_ms is not None:
        members = graph.closure(graph.ended_by(observed.load_ms))
        load = _paint_time(graph, conditions, observed.load_ms, members, whole_document=True)
    return Paints(fcp, lcp, load)


def _render_blocking(
    graph: Graph, cutoff_ms: float, blocking_urls: Sequence[str]
) -> frozenset[int]:
    """The document, the render-blocking requests and the long tasks ended by `cutoff_ms`."""
    wanted = set(blocking_urls)
    chosen = [
        n.id for n in graph.nodes if n.end_ms <= cutoff_ms and (n.kind == "cpu" or n.url in wanted)
    ]
    return graph.closure(chosen)


def _blend(
    graph: Graph,
    conditions: Conditions,
    observed_ms: float,
    optimistic: frozenset[int],
    *,
    skip_types: frozenset[str] = frozenset(),
) -> float:
    pessimistic = graph.closure(
        i for i in graph.ended_by(observed_ms) if graph.nodes[i].resource_type not in skip_types
    )
    return OPTIMISTIC_WEIGHT * _paint_time(
        graph, conditions, observed_ms, optimistic
    ) + PESSIMISTIC_WEIGHT * _paint_time(graph, conditions, observed_ms, pessimistic)


def _paint_time(
    graph: Graph,
    conditions: Conditions,
    observed_ms: float,
    members: frozenset[int],
    *,
    whole_document: bool = False,
) -> float:
    """When the members' simulated load ends (of the document, only up to its body when known
    and not `whole_document`), plus the observed render time after them."""
    timings = simulate(graph, members, conditions)
    ends = [t.end_ms for i, t in timings.items() if i != 0]
    root = timings.get(0)
    if root is not None:
        partial = graph.body_offset is not None and not whole_document
        ends.append(root.arrived_ms(graph.body_offset or 0) if partial else root.end_ms)
    render_ms = max(0.0, observed_ms - graph.observed_end(members))
    if root is not None and graph.body_offset is not None and not whole_document:
        needed = min(1.0, graph.body_offset / max(1, graph.nodes[0].transfer_bytes))
        render_ms *= max(FIXED_RENDER_SHARE, needed)
    return max(ends, default=0.0) + render_ms * conditions.cpu_slowdown * LAYOUT_TASK_MULTIPLIER


def lcp_resource(observed: SpeedRun, graph: Graph) -> int | None:
    """The node of the LCP element's image: its src (or a srcset candidate) matched by URL;
    with no element known, the largest image that had ended by the LCP; None for text."""
    if observed.lcp_ms is None:
        return None
    images = [
        n
        for n in graph.nodes
        if n.kind == "network" and n.resource_type == "image" and n.end_ms <= observed.lcp_ms
    ]
    element = observed.lcp_element
    if element is None:
        largest = max(images, key=lambda n: (n.transfer_bytes, n.end_ms), default=None)
        return None if largest is None else largest.id
    snippet = element.snippet
    is_image = re.match(r"<(\w+)", snippet)
    if not (is_image and is_image.group(1).lower() in IMAGE_TAGS) and "url(" not in snippet:
        return None  # a text element: its paint waits for no image
    document = graph.nodes[0].url
    for candidate in _sources(snippet):
        wanted = urljoin(document, candidate)
        for node in images:
            # Attribute values are cut at 80 characters in the snippet: a prefix matches.
            if node.url == wanted or (len(candidate) >= 80 and node.url.startswith(wanted)):
                return node.id
    largest = max(images, key=lambda n: (n.transfer_bytes, n.end_ms), default=None)
    return None if largest is None else largest.id


def _sources(snippet: str) -> Iterable[str]:
    for name in ("src", "href", "poster", "data-src"):
        found = re.search(_ATTRIBUTE.format(name=name), snippet)
        if found and found.group(1):
            yield found.group(1)
    srcset = re.search(_ATTRIBUTE.format(name="srcset"), snippet)
    if srcset:
        for part in srcset.group(1).split(","):
            if part.strip():
                yield part.strip().split()[0]
    yield from re.findall(r"url\(['\"]?([^'\")]+)", snippet)
