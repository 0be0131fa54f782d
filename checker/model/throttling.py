"""The network and CPU profiles of the speed pass (--throttle), as DevTools applies them.
Plain data: the gatherer applies them, the speed model simulates them. Their names are
declared here only: the settings, the config file and the reports take them from THROTTLES."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["THROTTLES", "THROTTLE_LABELS", "Throttle"]


@dataclass(frozen=True)
class Throttle:
    latency_ms: float
    down_kbps: float
    up_kbps: float
    cpu_slowdown: float


# Request-level values, as Lighthouse applies its mobile profile through the DevTools protocol
# (core/config/constants.js: mobileSlow4G = 150 ms RTT, 1.6 Mbps down, 750 Kbps up, 4x CPU;
# applied with DEVTOOLS_RTT_ADJUSTMENT_FACTOR 3.75 and DEVTOOLS_THROUGHPUT_ADJUSTMENT_FACTOR
# 0.9). fast-4g and 3g are Chrome DevTools' "Fast 4G" and "Slow 3G" presets, adjusted alike.
# Each name with its profile and what it stands for in the report's words.
_PROFILES: dict[str, tuple[Throttle | None, str]] = {
    "slow-4g": (
        Throttle(562.5, 1474.56, 675, 4),
        "Slow 4G and a 4x slower CPU (Lighthouse's mobile profile)",
    ),
    "fast-4g": (Throttle(165, 8100, 1350, 4), "Fast 4G and a 4x slower CPU"),
    "3g": (Throttle(2000, 400, 400, 4), "Slow 3G and a 4x slower CPU"),
    "none": (None, "No throttling: this machine's network and CPU"),
}
THROTTLES: dict[str, Throttle | None] = {name: p for name, (p, _) in _PROFILES.items()}
THROTTLE_LABELS: dict[str, str] = {name: label for name, (_, label) in _PROFILES.items()}
