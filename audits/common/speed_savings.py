"""Estimated savings of the speed diagnostics, in bytes and in milliseconds.

Milliseconds are estimated at the slow-4g profile's bandwidth whatever throttle the run used,
so a verdict does not depend on the machine's network."""

from __future__ import annotations

import math

# Lighthouse's mobile profile as applied by DevTools: 1,474.56 Kbps down.
SLOW_4G_BYTES_PER_S = 1474.56 * 1024 / 8
# A diagnostic fails (score below 0.9) when its savings reach either of these.
FAIL_AT_MS = 150
FAIL_AT_BYTES = 100 * 1024


def bytes_to_ms(saved_bytes: float) -> float:
    """Time to download `saved_bytes` at slow-4g bandwidth."""
    return round(max(0.0, saved_bytes) / SLOW_4G_BYTES_PER_S * 1000, 1)


def savings_score(saved_bytes: float, saved_ms: float | None = None) -> float:
    """1 with nothing to save; 0.9 just below either failing line; below 0.9 from it, falling
    toward 0 as savings grow (halving with every doubling past the line, as a log scale)."""
    saved_ms = bytes_to_ms(saved_bytes) if saved_ms is None else saved_ms
    # How far past the nearer failing line, as a ratio (1 = on the line).
    ratio = max(saved_ms / FAIL_AT_MS, saved_bytes / FAIL_AT_BYTES)
    if ratio <= 0:
        return 1.0
    if ratio < 1:
        return round(1 - 0.1 * ratio, 3)  # 1 .. 0.9, still passing
    return round(0.89 / (1 + math.log2(ratio)), 3)  # 0.89 on the line, 0.445 at 2x, ...
