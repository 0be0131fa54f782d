"""The settings of one run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.devices import DEFAULT_DEVICES, check_device_names
from checker.errors import UsageError

FORMATS = ("html", "json")
THROTTLES = ("slow-4g", "fast-4g", "3g", "none")
# Which devices get the throttled speed pass: the first mobile device of the run, every
# device, or none (layout and social only).
SPEED_DEVICES = ("first", "all", "none")


def default_concurrency() -> int:
    # Each page already runs its devices in parallel contexts, so one page per two cores fills
    # the machine: on 2 cores the demo took 5.8 s at 1 page at once and 7.2 s at 2.
    return max(1, min(4, (os.cpu_count() or 1) // 2))


@dataclass(frozen=True)
class Config:
    devices: tuple[str, ...] = DEFAULT_DEVICES
    output_dir: Path = Path("readiness-report")
    formats: tuple[str, ...] = FORMATS
    timeout: float = 30.0
    concurrency: int = field(default_factory=default_concurrency)
    block_external: bool = False
    browser: str | None = None
    save_snapshots: Path | None = None
    weights: dict[str, float] = field(default_factory=dict)
    throttle: str = "slow-4g"
    runs: int = 1
    speed_devices: str = "first"

    def __post_init__(self) -> None:
        # The API takes paths as str too.
        object.__setattr__(self, "output_dir", Path(self.output_dir))
        if self.save_snapshots is not None:
            object.__setattr__(self, "save_snapshots", Path(self.save_snapshots))
        object.__setattr__(self, "devices", tuple(check_device_names(list(self.devices))))
        if not self.devices:
            raise UsageError("At least one device is needed.")
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown or not self.formats:
            raise UsageError(
                f"Unknown format {unknown[0] if unknown else ''!r}: choose from "
                f"{', '.join(FORMATS)}."
            )
        if self.timeout <= 0:
            raise UsageError("--timeout must be a positive number of seconds.")
        if self.concurrency < 1:
            raise UsageError("--concurrency must be at least 1.")
        if self.throttle not in THROTTLES:
            raise UsageError(
                f"Unknown throttle {self.throttle!r}: choose from {', '.join(THROTTLES)}."
            )
        if self.runs < 1:
            raise UsageError("--runs must be at least 1.")
        if self.speed_devices not in SPEED_DEVICES:
            raise UsageError(
                f"Unknown --speed-devices {self.speed_devices!r}: choose from "
                f"{', '.join(SPEED_DEVICES)}."
            )

    def to_report(self) -> dict[str, Any]:
        """The settings as report.json records them."""
        return {
            "devices": list(self.devices),
            "formats": list(self.formats),
            "timeout": self.timeout,
            "concurrency": self.concurrency,
            "block_external": self.block_external,
            "throttle": self.throttle,
            "runs": self.runs,
            "speed_devices": self.speed_devices,
        }
