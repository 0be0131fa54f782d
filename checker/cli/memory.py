"""The process's C allocator, set up for a run before any thread starts."""

from __future__ import annotations

import contextlib
import ctypes
import sys

# glibc's mallopt parameter for the most arenas (malloc.h's M_ARENA_MAX).
M_ARENA_MAX = -8
# glibc gives each thread that allocates an arena of its own, up to 8 a core, and keeps what
# each arena once held: a crawl's threads (the driver's loop, the image encoders, the report's
# drawing) kept the Python process ~36 MB larger at its peaks than with two arenas
# (MALLOC_ARENA_MAX=2 on a 20-page crawl: 151 MB against 187 MB at the same moment).
ARENAS = 2


def fewer_malloc_arenas() -> None:
    """At most ARENAS arenas for the threads started from now on (glibc only; elsewhere
    nothing changes)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, ARENAS)
