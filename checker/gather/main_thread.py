"""The observed page's long tasks timed without the time other work kept them off the CPU.

The Long Tasks API times a task by the wall clock: a task that waits for the CPU while other
work runs beside the page grows, and the speed model multiplies what it grew by the CPU
slowdown. Linux counts, for each thread, the time it ran and the time it spent ready to run
but waiting for a CPU (/proc/PID/task/TID/schedstat: run time, run-queue time). While a page
is observed, the main threads of our browser's renderers are sampled every SAMPLE_S; the
page's renderer is the one whose main thread was busy through its long tasks; each long task
then loses the run-queue time that fell within it. What stays is its work and its waits on
something else (a synchronous call to the browser, a lock), which a phone waits too. Without
other work, a task keeps its wall time.
"""

from __future__ import annotations

import bisect
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from checker.model.load_facts import LongTask

LONG_TASK_MS = 50.0
# The page's renderer is known when one thread was busy through this share of the long
# tasks' time (sampling every SAMPLE_S blurs a task's ends).
BUSY_SHARE = 0.8
SAMPLE_S = 0.01
# Renderers started meanwhile (a page that moved to another site's process) are looked for
# this often.
LIST_EVERY_S = 0.25
_PROC = Path("/proc")


@dataclass(frozen=True)
class ThreadSample:
    at_s: float  # time.monotonic(): the clock of the browser's network log on Linux
    ran_ms: float  # the thread's time on a CPU since it started
    waited_ms: float  # its time on a run queue since it started


def readable() -> bool:
    """Whether threads' run and run-queue times can be read here (Linux's schedstat)."""
    return _read(os.getpid()) is not None


class RendererSampler:
    """The main threads of the renderers under this process (our browser's), sampled on a
    thread of ours from `start()` to `stop()`."""

    def __init__(self, root: int | None = None) -> None:
        self._root = os.getpid() if root is None else root
        self.samples: dict[int, list[ThreadSample]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="renderer-sampler", daemon=True)
        self._listed_at = float("-inf")
        self._renderers: list[int] = []

    def start(self) -> None:
        self._sample()
        self._thread.start()

    def stop(self) -> dict[int, list[ThreadSample]]:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._sample()
        return self.samples

    def _loop(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            self._sample()

    def _sample(self) -> None:
        now = time.monotonic()
        if now - self._listed_at >= LIST_EVERY_S:
            self._renderers = _renderers_under(self._root)
            self._listed_at = now
        for pid in self._renderers:
            read = _read(pid)
            if read is not None:
                self.samples.setdefault(pid, []).append(ThreadSample(now, *read))


def page_renderer(
    samples: dict[int, list[ThreadSample]], tasks: list[LongTask], origin_s: float
) -> int | None:
    """The renderer that ran the long tasks: through a task its main thread is on a CPU or
    waiting for one, so of the threads sampled it is the one busy for most of the tasks'
    time, and for most of it (another renderer busy at the same moments, such as the one
    Chrome starts to have a spare, is not); None when no thread was."""
    total_ms = sum(task.duration_ms for task in tasks)
    if not tasks or not samples:
        return None

    def busy_ms(thread: list[ThreadSample]) -> float:
        busy = 0.0
        for task in tasks:
            start_s = origin_s + task.start_ms / 1000
            end_s = start_s + task.duration_ms / 1000
            busy += _between(thread, start_s, end_s, "ran_ms")
            busy += _between(thread, start_s, end_s, "waited_ms")
        return busy

    busy = {pid: busy_ms(thread) for pid, thread in samples.items() if thread}
    best = max(busy, key=lambda pid: busy[pid], default=None)
    return best if best is not None and busy[best] >= BUSY_SHARE * total_ms else None


def without_run_queue_time(
    tasks: list[LongTask], origin_s: float, samples: list[ThreadSample]
) -> list[LongTask]:
    """The long tasks (timed from `origin_s`, the network log's origin on the monotonic
    clock) less the run-queue time within each; those left under LONG_TASK_MS are no longer
    long."""
    if len(samples) < 2:
        return tasks
    result = []
    for task in tasks:
        start_s = origin_s + task.start_ms / 1000
        waited = _between(samples, start_s, start_s + task.duration_ms / 1000, "waited_ms")
        duration = round(task.duration_ms - min(waited, task.duration_ms), 1)
        if duration >= LONG_TASK_MS:
            result.append(LongTask(task.start_ms, duration))
    return result


def _between(samples: list[ThreadSample], start_s: float, end_s: float, field: str) -> float:
    """How much of the counter (`ran_ms` or `waited_ms`) accrued between two moments, read
    between the samples around each."""
    return max(0.0, _at(samples, end_s, field) - _at(samples, start_s, field))


def _at(samples: list[ThreadSample], at_s: float, field: str) -> float:
    index = bisect.bisect_left(samples, at_s, key=lambda sample: sample.at_s)
    if index == 0:
        return getattr(samples[0], field)
    if index == len(samples):
        return getattr(samples[-1], field)
    before, after = samples[index - 1], samples[index]
    low, high = getattr(before, field), getattr(after, field)
    share = (at_s - before.at_s) / (after.at_s - before.at_s) if after.at_s > before.at_s else 1
    return low + share * (high - low)


def _read(pid: int) -> tuple[float, float] | None:
    """The main thread's run and run-queue times (ms), or None where they cannot be read."""
    try:
        fields = (_PROC / str(pid) / "task" / str(pid) / "schedstat").read_text().split()
        return int(fields[0]) / 1e6, int(fields[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return None


def _renderers_under(root: int) -> list[int]:
    """Chromium renderer processes descending from `root`, walked down Linux's lists of each
    thread's children."""
    renderers, todo, seen = [], [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            if pid != root and b"--type=renderer" in (_PROC / str(pid) / "cmdline").read_bytes():
                renderers.append(pid)
                continue
            for task in (_PROC / str(pid) / "task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return renderers
