"""One exception hierarchy; every message is written for the person running the tool."""

from __future__ import annotations


class ReadinessError(Exception):
    """Base of every error readiness raises on purpose."""


class UsageError(ReadinessError):
    """The command line or the configuration asks for something that cannot be done."""


class BrowserNotFoundError(ReadinessError):
    """No Chromium or Chrome could be found to drive."""


class SnapshotError(ReadinessError):
    """Saved snapshots are missing, unreadable or of another schema version."""


class HistoryError(ReadinessError):
    """The run history's database cannot be opened, read or written."""


class PrintError(ReadinessError):
    """The PDF report could not be printed (the browser did not start, or failed printing)."""
