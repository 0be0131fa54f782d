"""What one device's pass over one page produced, handed from gathering to judging."""

from __future__ import annotations

from dataclasses import dataclass

from checker.model.results import ErrorInfo
from checker.model.snapshot import DeviceInfo, PageSnapshot


@dataclass(frozen=True)
class DeviceCapture:
    """What one device's pass over one page gave: a snapshot, or why there is none."""

    device: DeviceInfo
    snapshot: PageSnapshot | None
    error: ErrorInfo | None = None
