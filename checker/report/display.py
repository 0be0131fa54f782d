"""How the HTML reports show scores and times: gauges in Lighthouse's colour bands, dates as
people write them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from checker.model.results import CATEGORIES, PASS_SCORE, SCORE_KEYS


def score_keys(categories: Sequence[str]) -> tuple[str, ...]:
    """The score keys a run's reports show: overall, then the categories it audited."""
    return ("overall", *(c for c in CATEGORIES if c in categories))


LABELS = {
    "overall": "Overall",
    "layout": "Layout",
    "speed": "Speed",
    "social": "Social",
    "accessibility": "Accessibility",
}


@dataclass(frozen=True)
class Badge:
    label: str
    text: str  # "87", "n/a", or "incomplete" when a check could not run
    percent: int  # how much of the gauge is filled
    band: str  # "pass" | "average" | "fail" | "na" | "incomplete"
    note: str = ""  # why the score is incomplete


def band(score: int | None) -> str:
    """Lighthouse's colour bands of a 0-100 score."""
    if score is None:
        return "na"
    if score >= PASS_SCORE:
        return "pass"
    return "average" if score >= 50 else "fail"


def badges(
    scores: dict[str, Any],
    incomplete: dict[str, str] | None = None,
    keys: Sequence[str] = SCORE_KEYS,
) -> list[Badge]:
    """One badge per score key, in report order: overall, then the categories (`keys`: those
    the run audited, so a category --only-categories left out gets no badge, not "n/a")."""
    notes = incomplete or {}
    return [badge(LABELS[key], scores.get(key), notes.get(key, "")) for key in keys]


def badge(label: str, score: Any, incomplete: str = "") -> Badge:
    value = _as_score(score)
    if value is None and incomplete:
        return Badge(label=label, text="incomplete", percent=0, band="incomplete", note=incomplete)
    text = "n/a" if value is None else str(value)
    return Badge(label=label, text=text, percent=value or 0, band=band(value), note=incomplete)


def _as_score(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return max(0, min(100, round(value)))


def readable_time(iso: str) -> str:
    """An ISO timestamp as people write it (1 May 2024, 10:00 UTC), or the text as it is."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    text = f"{moment.day} {moment:%B %Y, %H:%M}"
    offset = moment.utcoffset()
    if offset is None:
        return text
    return f"{text} UTC" if not offset else f"{text} UTC{moment:%z}"
