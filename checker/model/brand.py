"""An agency's brand on the reports it hands to its clients: plain data, read from its brand
file by checker.config.brand."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Brand:
    name: str
    logo: str | None = None  # the logo inlined as a data: URI (a remote one would vanish)
    accent: str | None = None  # "#0a58ca": the report's accent; severity colours stay fixed
    footer: str | None = None
    contact: str | None = None
    prepared_for: str | None = None
    made_with: bool = True  # the small "made with readiness" line
