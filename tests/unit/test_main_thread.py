"""The observed page's long tasks less the time other work kept them off the CPU: its
renderer found as the one busy through them, the run-queue time read between samples."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from checker.gather.main_thread import (
    RendererSampler,
    ThreadSample,
    page_renderer,
    readable,
    without_run_queue_time,
)
from checker.model.load_facts import LongTask

# The thread waited 40 ms for a CPU between 1.10 s and 1.14 s, nothing before or after.
WAITED = [
    ThreadSample(1.00, 0.0, 5.0),
    ThreadSample(1.10, 0.0, 5.0),
    ThreadSample(1.14, 0.0, 45.0),
    ThreadSample(1.30, 0.0, 45.0),
]


def test_a_long_task_loses_the_time_it_waited_for_a_cpu() -> None:
    origin_s = 1.0  # the network log's origin on the same clock
    tasks = [
        LongTask(start_ms=90.0, duration_ms=100.0),  # 1.09-1.19 s: waited 40 ms
        LongTask(start_ms=100.0, duration_ms=80.0),  # 1.10-1.18 s: waited 40 ms, 40 left
        LongTask(start_ms=120.0, duration_ms=80.0),  # 1.12-1.20 s: waited 20 ms (interpolated)
        LongTask(start_ms=200.0, duration_ms=70.0),  # 1.20-1.27 s: did not wait
        LongTask(start_ms=900.0, duration_ms=70.0),  # after the last sample: did not wait
    ]
    assert without_run_queue_time(tasks, origin_s, WAITED) == [
        LongTask(90.0, 60.0),
        LongTask(120.0, 60.0),
        LongTask(200.0, 70.0),
        LongTask(900.0, 70.0),
    ]
    # Without samples (the thread could not be read) the wall times stand.
    assert without_run_queue_time(tasks, origin_s, []) == tasks


def test_the_page_renderer_is_the_one_busy_through_its_long_tasks() -> None:
    tasks = [LongTask(start_ms=100.0, duration_ms=200.0)]  # 1.1-1.3 s
    # Ran 120 ms and waited 70 ms of the task's 200.
    page = [ThreadSample(1.0, 0.0, 0.0), ThreadSample(1.1, 10.0, 0.0), ThreadSample(1.3, 130.0, 70)]
    # Chrome's spare renderer starting up: busy, but less, and not through the task.
    spare = [ThreadSample(1.0, 0.0, 0.0), ThreadSample(1.1, 80.0, 0.0), ThreadSample(1.3, 110.0, 0)]
    assert page_renderer({1: spare, 2: page}, tasks, 1.0) == 2
    # No thread busy through most of it: none is named.
    assert page_renderer({1: spare}, tasks, 1.0) is None
    assert page_renderer({1: spare, 2: page}, [], 1.0) is None
    assert page_renderer({}, tasks, 1.0) is None


def test_the_sampler_follows_renderers_under_this_process() -> None:
    # A child whose command line says it is a renderer, as Chromium's do, spinning.
    spin = "import time\nend = time.time() + 3\nwhile time.time() < end: pass"
    child = subprocess.Popen([sys.executable, "-c", spin, "--type=renderer"])
    try:
        sampler = RendererSampler()
        sampler.start()
        # Ten samples or more, however busy the machine keeps the sampler's thread waiting.
        deadline = time.monotonic() + 10
        while len(sampler.samples.get(child.pid, [])) < 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        samples = sampler.stop()
    finally:
        child.kill()
        child.wait()
    assert list(samples) == [child.pid]
    assert len(samples[child.pid]) >= 10
    assert samples[child.pid][-1].ran_ms > samples[child.pid][0].ran_ms
    assert RendererSampler(os.getpid()).stop() == {}  # no renderer under it any more


def test_this_machine_lets_threads_be_read() -> None:
    # readiness runs its tests on Linux, where every thread's schedstat is readable.
    assert readable()
