"""Replays a dependency graph on a slow network and CPU: when each node would start and end.

Lantern's model (core/lib/lantern/simulator/: simulator.js, connection-pool.js,
tcp-connection.js, dns-cache.js), written again small:
- an origin resolves its name once, in DNS_RTTS round trips;
- up to CONNECTIONS_PER_ORIGIN connections per origin, at most MAX_CONCURRENT_REQUESTS in
  flight; a new connection costs 1 RTT of TCP handshake, plus 1 RTT of TLS over https (TLS
  False Start); every request then 1 RTT (request up, first byte down) plus the server's time;
- the body comes in TCP slow start: the connection may send INITIAL_WINDOW_SEGMENTS segments
  in its first round trip, twice as many in each next one (a warm connection keeps its
  window), and while it sends, the link's throughput is shared evenly between the responses
  sending at that moment;
- long tasks run one at a time on the main thread, CPU slowdown times as long (Lantern caps a
  task at 10 s);
- the observed time between a node's parent and its start (`gap_ms`) is partly main-thread
  work, stretched by the slowdown, partly waiting (timers), kept: see `Conditions.delay`.
It is event driven: between two events (a node ready, a first byte, a window used up, a round
trip over, a download or task done) every rate is constant, so times are exact.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from checker.speed_model.graph import Graph, Node

# Lantern tcp-connection.js: INITIAL_CONGESTION_WINDOW = 10, TCP_SEGMENT_SIZE = 1460.
INITIAL_WINDOW_SEGMENTS = 10
SEGMENT_BYTES = 1460
# Lantern dns-cache.js: DNS_RESOLUTION_RTT_MULTIPLIER = 2.
DNS_RTTS = 2
# Chromium's HTTP/1.1 limit per origin (Lantern connection-pool.js: 6 per origin).
CONNECTIONS_PER_ORIGIN = 6
# Lantern simulator.js: DEFAULT_MAXIMUM_CONCURRENT_REQUESTS = 10
# (Chromium's kDefaultMaxNumDelayableRequestsPerClient).
MAX_CONCURRENT_REQUESTS = 10
# Lantern simulator.js: DEFAULT_MAXIMUM_CPU_TASK_DURATION = 10000.
MAX_TASK_MS = 10_000.0
# Lantern simulator.js: a data: URL costs 2 ms + 10 ms/MB.
LOCAL_FIXED_MS = 2.0
LOCAL_MS_PER_MB = 10.0
_EPS = 1e-6


@dataclass(frozen=True)
class Conditions:
    rtt_ms: float
    bytes_per_ms: float
    cpu_slowdown: float
    # Of the observed gap before a node, the first `busy_gap_ms` is taken as main-thread work
    # and stretched by the slowdown, the rest as waiting (a timer), kept: 50 ms of unbroken
    # work would have been reported as a long task, a node of its own. (On the benchmark:
    # 0 ms, FCP/LCP error 16.9%/14.3%; 50 ms 15.9%/11.4%; all of it 17.3%/15.9%.)
    busy_gap_ms: float = 50.0
    # The share of a request's observed wait for its response headers kept as server time
    # (Lantern keeps the observed server response time). On 127.0.0.1 that wait is mostly
    # Chromium's and Playwright's own overhead, which the applied pass pays too: keeping it
    # all fits best (FCP/LCP error 15.9%/11.4%; half 18.5%/14.7%; none 19.4%/21.1%).
    server_share: float = 1.0

    def delay(self, gap_ms: float) -> float:
        busy = min(gap_ms, self.busy_gap_ms)
        return busy * self.cpu_slowdown + (gap_ms - busy)

    def task_ms(self, duration_ms: float) -> float:
        return min(duration_ms * self.cpu_slowdown, MAX_TASK_MS)


@dataclass(frozen=True)
class Timing:
    start_ms: float
    end_ms: float
    first_byte_ms: float | None = None
    # The document only: (time, bytes arrived) at each change of pace, to read when any part
    # of it had arrived.
    progress: tuple[tuple[float, float], ...] = ()

    def arrived_ms(self, byte_count: float) -> float:
        """When the first `byte_count` bytes had arrived (the end when not recorded)."""
        for (t0, b0), (t1, b1) in zip(self.progress, self.progress[1:], strict=False):
            if b1 >= byte_count:
                return t0 if b1 == b0 else t0 + (t1 - t0) * (byte_count - b0) / (b1 - b0)
        return self.end_ms


@dataclass(eq=False)
class _Connection:
    cold: bool = True
    busy: bool = False
    window: int = INITIAL_WINDOW_SEGMENTS


@dataclass(eq=False)
class _Flow:
    node: Node
    connection: _Connection | None
    start_ms: float
    first_byte_ms: float
    remaining: float
    round_end: float = 0.0
    quota: float = 0.0  # bytes the window still allows in this round trip
    rounds: int = 0
    downloading: bool = False


@dataclass
class _State:
    conditions: Conditions
    server_ms: dict[int, float]
    pools: dict[str, list[_Connection]] = field(default_factory=dict)
    dns_ready: dict[str, float] = field(default_factory=dict)
    flows: list[_Flow] = field(default_factory=list)
    task: tuple[Node, float, float] | None = None  # node, start, end
    done: dict[int, Timing] = field(default_factory=dict)
    # Children the document's parser meets as it streams: (bytes needed, child), in order.
    milestones: list[tuple[float, int]] = field(default_factory=list)
    progress: list[tuple[float, float]] = field(default_factory=list)


def simulate(graph: Graph, members: frozenset[int], conditions: Conditions) -> dict[int, Timing]:
    """Start and end of each member node under `conditions`; a member's parent outside the
    set is replaced by its nearest ancestor inside it."""
    parents = {i: _parent_in(graph, i, members) for i in members}
    children: dict[int, list[int]] = {}
    for node_id, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(node_id)
    state = _State(conditions, {i: _server_ms(graph.nodes[i], conditions) for i in members})
    state.milestones = sorted(
        (float(graph.nodes[c].doc_offset or 0), c)
        for c in children.get(0, ())
        if graph.nodes[c].doc_offset is not None
    )
    met = {c for _, c in state.milestones}
    ready: dict[int, float] = {i: 0.0 for i, p in parents.items() if p is None}
    now = 0.0
    while len(state.done) < len(members):
        _start_ready(graph, state, ready, now)
        upcoming = _next_event(state, ready, now)
        if upcoming is None:
            break  # nothing can move: only when a member's parent is missing
        _advance(state, upcoming - now)
        now = upcoming
        ended = _complete(state, now)
        for child in _milestones_met(state, now):
            ready[child] = now + conditions.delay(graph.nodes[child].gap_ms)
        for node_id in ended:
            for child in children.get(node_id, ()):
                if node_id != 0 or child not in met:
                    ready[child] = now + conditions.delay(graph.nodes[child].gap_ms)
    if 0 in state.done:
        state.done[0] = dataclasses.replace(state.done[0], progress=tuple(state.progress))
    return state.done


def _root_flow(state: _State) -> _Flow | None:
    return next((f for f in state.flows if f.node.id == 0), None)


def _milestones_met(state: _State, now: float) -> list[int]:
    """The document's children whose place in it has arrived by `now`; records its pace."""
    flow = _root_flow(state)
    if flow is not None and flow.downloading:
        arrived = flow.node.transfer_bytes - flow.remaining
    elif 0 in state.done:
        arrived = float("inf")
    else:
        return []
    if flow is not None and flow.downloading:
        state.progress.append((now, arrived))
    met = []
    while state.milestones and state.milestones[0][0] <= arrived + _EPS:
        met.append(state.milestones.pop(0)[1])
    return met


def _parent_in(graph: Graph, node_id: int, members: frozenset[int]) -> int | None:
    return next((a for a in graph.ancestors(node_id) if a in members), None)


def _server_ms(node: Node, conditions: Conditions) -> float:
    return node.wait_ms * conditions.server_share if node.kind == "network" else 0.0


def _start_ready(graph: Graph, state: _State, ready: dict[int, float], now: float) -> None:
    """Start every node whose time has come and that gets what it needs (the main thread, a
    connection), the earliest observed first, as Chromium would have issued them."""
    due = sorted(
        (i for i, t in ready.items() if t <= now + _EPS), key=lambda i: graph.nodes[i].start_ms
    )
    for node_id in due:
        node = graph.nodes[node_id]
        if node.kind == "cpu":
            if state.task is None:
                state.task = (node, now, now + state.conditions.task_ms(node.duration_ms))
                del ready[node_id]
        elif node.connectionless:
            megabytes = node.transfer_bytes / 1024 / 1024
            end = now + LOCAL_FIXED_MS + LOCAL_MS_PER_MB * megabytes
            state.flows.append(_Flow(node, None, now, end, 0.0))
            del ready[node_id]
        elif _start_request(state, node, now):
            del ready[node_id]


def _start_request(state: _State, node: Node, now: float) -> bool:
    in_flight = sum(1 for f in state.flows if f.connection is not None)
    if in_flight >= MAX_CONCURRENT_REQUESTS:
        return False
    pool = state.pools.setdefault(node.origin, [])
    idle = [c for c in pool if not c.busy]
    connection = next((c for c in idle if not c.cold), idle[0] if idle else None)
    if connection is None:
        if len(pool) >= CONNECTIONS_PER_ORIGIN:
            return False
        connection = _Connection()
        pool.append(connection)
    connection.busy = True
    rtt = state.conditions.rtt_ms
    setup = 0.0
    if connection.cold:
        resolved = state.dns_ready.setdefault(node.origin, now + DNS_RTTS * rtt)
        setup = max(0.0, resolved - now) + rtt + (rtt if node.secure else 0.0)
    first_byte = now + setup + rtt + state.server_ms[node.id]
    state.flows.append(_Flow(node, connection, now, first_byte, float(node.transfer_bytes)))
    return True


def _sending(state: _State) -> list[_Flow]:
    return [f for f in state.flows if f.downloading and f.quota > _EPS and f.remaining > _EPS]


def _next_event(state: _State, ready: dict[int, float], now: float) -> float | None:
    times = [t for t in ready.values() if t > now + _EPS]
    if state.task is not None:
        times.append(state.task[2])
    sending = _sending(state)
    share = state.conditions.bytes_per_ms / len(sending) if sending else 0.0
    for flow in state.flows:
        if not flow.downloading:
            times.append(flow.first_byte_ms)
            continue
        times.append(flow.round_end)
        if flow in sending:
            times.append(now + min(flow.remaining, flow.quota) / share)
            if flow.node.id == 0 and state.milestones:
                needed = state.milestones[0][0] - (flow.node.transfer_bytes - flow.remaining)
                times.append(now + max(needed, 0.0) / share)
    return min(times) if times else None


def _advance(state: _State, elapsed: float) -> None:
    sending = _sending(state)
    if not sending or elapsed <= 0:
        return
    sent = elapsed * state.conditions.bytes_per_ms / len(sending)
    for flow in sending:
        flow.remaining -= sent
        flow.quota -= sent


def _complete(state: _State, now: float) -> list[int]:
    """Apply the events at `now`; the ids of the nodes that ended."""
    ended: list[int] = []
    if state.task is not None and state.task[2] <= now + _EPS:
        node, start, end = state.task
        state.done[node.id] = Timing(start, end)
        ended.append(node.id)
        state.task = None
    for flow in list(state.flows):
        if not flow.downloading and flow.first_byte_ms <= now + _EPS:
            if flow.connection is None:  # connectionless: done at once
                flow.remaining = 0.0
            flow.downloading = True
            flow.round_end = now
        if flow.downloading and flow.round_end <= now + _EPS and flow.connection is not None:
            _next_round(state, flow, now)
        if flow.downloading and flow.remaining <= _EPS:
            _finish(state, flow, now)
            ended.append(flow.node.id)
    return ended


def _next_round(state: _State, flow: _Flow, now: float) -> None:
    """A round trip begins: the window doubles (slow start) but in a response's first one,
    which sends what the connection's window already is (10 segments when new)."""
    connection = flow.connection
    assert connection is not None
    if flow.rounds:
        connection.window = min(connection.window * 2, _max_window(state.conditions))
    flow.rounds += 1
    flow.quota = connection.window * SEGMENT_BYTES
    flow.round_end = now + state.conditions.rtt_ms


def _max_window(conditions: Conditions) -> int:
    """Lantern's maximum congestion window: what the whole link carries in a round trip."""
    return max(1, int(conditions.bytes_per_ms * conditions.rtt_ms / SEGMENT_BYTES))


def _finish(state: _State, flow: _Flow, now: float) -> None:
    state.flows.remove(flow)
    if flow.connection is not None:
        flow.connection.busy = False
        flow.connection.cold = False
    state.done[flow.node.id] = Timing(flow.start_ms, now, flow.first_byte_ms)
