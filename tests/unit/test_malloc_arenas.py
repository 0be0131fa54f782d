"""A run's threads share two of glibc's malloc arenas (checker/cli/memory.py), read back with
glibc's malloc_info in a process of their own."""

from __future__ import annotations

import subprocess
import sys

# Eight threads each allocating from C (bytes objects over pymalloc's 512-byte limit), then
# glibc's own account of its arenas: one <heap nr="..."> element each.
ARENAS_AFTER_THREADS = """
import ctypes, sys, tempfile, threading
if sys.argv[1] == "fewer":
    from checker.cli.memory import fewer_malloc_arenas
    fewer_malloc_arenas()
start = threading.Barrier(8)
def allocate():
    start.wait()
    kept = [bytes(4096) for _ in range(2000)]
threads = [threading.Thread(target=allocate) for _ in range(8)]
for thread in threads: thread.start()
for thread in threads: thread.join()
libc = ctypes.CDLL(None)
libc.fopen.restype = ctypes.c_void_p
with tempfile.NamedTemporaryFile() as out:
    stream = libc.fopen(out.name.encode(), b"w")
    libc.malloc_info(0, ctypes.c_void_p(stream))
    libc.fclose(ctypes.c_void_p(stream))
    print(open(out.name).read().count("<heap nr="))
"""


def _arenas(mode: str) -> int:
    found = subprocess.run(
        [sys.executable, "-c", ARENAS_AFTER_THREADS, mode],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(found.stdout)


def test_threads_share_two_arenas():
    assert _arenas("default") > 2  # without: the threads spread over arenas of their own
    assert _arenas("fewer") <= 2
