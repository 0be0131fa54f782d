"""The observed load as a dependency graph: what each request and long task waited for.

An unthrottled run has no initiator chains (no trace), so the graph is read from the timeline,
as the brief of issue 9 sets it: a request or task depends on the latest request or task that
ended before it started, and on the document when nothing had ended yet. Lantern
(core/lib/lantern/page-dependency-graph.js) links a request to its initiator instead; timing is
the best stand-in we have. Three refinements keep the chains from being too long:
- only what can start more loading is a parent: the document, stylesheets, scripts, fetches
  and long tasks; an image or a font ends, but never starts another request (Lantern's graph
  has no edge out of them either);
- the time between a parent's end and the child's start (parsing, scripts, timers) is kept as
  the edge's `gap_ms`, for the simulator to stretch by the CPU slowdown;
- given the document's HTML, a child of the document that the HTML names waits only for the
  bytes before that name (`doc_offset`): Chromium's parser and preload scanner ask for it as
  the document streams in, where Lantern waits for the whole document. On a long page (the
  shared corpus has 100-900 KB of HTML) that is the difference between 1 and 5 s of FCP.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from checker.model.load_facts import NetworkRequest, SpeedRun

# CDP resource types whose response can start more requests (Network.ResourceType, lower case).
INITIATOR_TYPES = frozenset({"document", "stylesheet", "script", "xhr", "fetch", "eventsource"})
# Schemes that never touch the network: no connection, no latency.
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "chrome-extension"})


@dataclass(frozen=True)
class Node:
    """A request or a long task of the observed run; times in ms on the run's clock."""

    id: int
    kind: Literal["network", "cpu"]
    start_ms: float
    end_ms: float
    parent: int | None  # the node it waited for; None for the root (the document)
    gap_ms: float = 0.0  # observed time from the parent's end to this start
    url: str = ""
    resource_type: str = ""
    origin: str = ""
    secure: bool = False
    connectionless: bool = False
    transfer_bytes: int = 0
    wait_ms: float = 0.0  # observed time from the request to its response headers
    # A child of the document named in its HTML: the document's bytes the parser needs before
    # it meets the URL and can ask for it (as it streams; Lantern waits for the whole document).
    doc_offset: int | None = None

    @property
    def duration_ms(self) -> float:
        return self.end_ms - self.start_ms


@dataclass(frozen=True)
class Graph:
    nodes: list[Node]  # by id; the root is nodes[0]
    # The document's bytes before its body starts: what a first paint needs of it at least.
    body_offset: int | None = None

    def ancestors(self, node_id: int) -> list[int]:
        chain = []
        parent = self.nodes[node_id].parent
        while parent is not None:
            chain.append(parent)
            parent = self.nodes[parent].parent
        return chain

    def closure(self, ids: Iterable[int]) -> frozenset[int]:
        """The nodes with everything they waited for, the root always among them."""
        members = {0}
        for node_id in ids:
            members.add(node_id)
            members.update(self.ancestors(node_id))
        return frozenset(members)

    def ended_by(self, time_ms: float) -> list[int]:
        """The nodes that had ended at `time_ms` in the observed run."""
        return [n.id for n in self.nodes if n.end_ms <= time_ms]

    def observed_end(self, members: Iterable[int]) -> float:
        return max(self.nodes[i].end_ms for i in members)


def build_graph(observed: SpeedRun, html: str | None = None) -> Graph | None:
    """The graph of the run's finished, unblocked requests and its long tasks; None when the
    run has no request to start from. With the document's `html`, the document's children
    and the first paint need only the part of it before them."""
    requests = sorted(
        (r for r in observed.network if not r.blocked and r.end_ms is not None),
        key=lambda r: r.start_ms,
    )
    if not requests:
        return None
    root = next((r for r in requests if r.resource_type == "document"), requests[0])
    events: list[tuple[float, float, NetworkRequest | None]] = [
        (r.start_ms, max(r.end_ms or r.start_ms, r.start_ms), r) for r in requests if r is not root
    ]
    events += [(t.start_ms, t.start_ms + t.duration_ms, None) for t in observed.long_tasks]
    events.sort(key=lambda e: (e[0], e[1]))
    nodes = [_network_node(0, root, None, 0.0)]
    for start, end, request in events:
        parent = _latest_parent(nodes, start)
        gap = max(0.0, start - nodes[parent].end_ms)
        node_id = len(nodes)
        if request is None:
            nodes.append(Node(node_id, "cpu", start, end, parent, gap))
        else:
            nodes.append(_network_node(node_id, request, parent, gap))
    if html is None:
        return Graph(nodes)
    offsets = _DocumentOffsets(html, root)
    nodes = [
        dataclasses.replace(n, doc_offset=offsets.of_url(n.url))
        if n.parent == 0 and n.kind == "network"
        else n
        for n in nodes
    ]
    return Graph(nodes, offsets.of_text("<body"))


class _DocumentOffsets:
    """Where in the document's bytes on the wire a piece of its HTML is (compressed bytes
    assumed spread evenly)."""

    def __init__(self, html: str, document: NetworkRequest) -> None:
        self._html = html
        self._lower = html.lower()
        self._base = document.url
        decoded = document.decoded_bytes or len(html.encode())
        self._wire_per_byte = (document.transfer_bytes or decoded) / max(decoded, 1)

    def of_text(self, text: str) -> int | None:
        return self._bytes_before(self._lower.find(text.lower()))

    def of_url(self, url: str) -> int | None:
        """Where the document first names `url`: absolute, from the root, relative to the
        document's folder, or without its query; with & written &amp; as HTML may."""
        parts = urlsplit(url)
        base = urlsplit(self._base)
        paths = [parts.path + (f"?{parts.query}" if parts.query else ""), parts.path]
        if parts.netloc == base.netloc:
            folder = base.path.rsplit("/", 1)[0] + "/"
            paths += [p.removeprefix(folder) for p in paths if p.startswith(folder)]
        for candidate in [url, *paths]:
            if len(candidate) < 2:
                continue  # "/" or "" is everywhere
            for written in dict.fromkeys((candidate, candidate.replace("&", "&amp;"))):
                found = self._bytes_before(self._html.find(written))
                if found is not None:
                    return found
        return None

    def _bytes_before(self, index: int) -> int | None:
        if index < 0:
            return None
        return round(len(self._html[:index].encode()) * self._wire_per_byte)


def _latest_parent(nodes: list[Node], start_ms: float) -> int:
    """The initiator-like node that ended last before `start_ms`; the root when none had."""
    best, best_end = 0, float("-inf")
    for node in nodes:
        can_start_loads = node.kind == "cpu" or node.resource_type in INITIATOR_TYPES
        if can_start_loads and node.end_ms <= start_ms and node.end_ms >= best_end:
            best, best_end = node.id, node.end_ms
    return best


def _network_node(node_id: int, request: NetworkRequest, parent: int | None, gap: float) -> Node:
    parts = urlsplit(request.url)
    response = request.response_ms if request.response_ms is not None else request.start_ms
    return Node(
        id=node_id,
        kind="network",
        start_ms=request.start_ms,
        end_ms=max(request.end_ms or request.start_ms, request.start_ms),
        parent=parent,
        gap_ms=gap,
        url=request.url,
        resource_type=request.resource_type,
        origin=f"{parts.scheme}://{parts.netloc}",
        secure=parts.scheme in ("https", "wss"),
        connectionless=parts.scheme in LOCAL_SCHEMES,
        transfer_bytes=max(request.transfer_bytes, 0),
        wait_ms=max(0.0, response - request.start_ms),
    )
