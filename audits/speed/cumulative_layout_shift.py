"""cumulative-layout-shift: how much the page jumps while it loads, as Lighthouse measures it.

CLS is the largest session window of layout shifts (Lighthouse core/computed/metrics/
cumulative-layout-shift.js): a shift more than 1 s after the previous one, or more than 5 s
after the window's first, opens a new window. Shifts right after user input do not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from audits import audit
from audits.common.speed_metrics import (
    Curve,
    Measured,
    Metric,
    Thresholds,
    band_lines,
    metric_outcome,
    metric_score,
)
from audits.common.speed_metrics import unitless as show_unitless
from checker.model.elements import Box, Element
from checker.model.load_facts import LayoutShift, SpeedRun
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse core/audits/metrics/cumulative-layout-shift.js defaultOptions (the same for
# mobile and desktop).
CLS_CURVE = Curve(p10=0.1, median=0.25)
# web.dev/articles/cls#what-is-a-good-cls-score: good at 0.1 or less, poor over 0.25.
CLS_THRESHOLDS = Thresholds(good=0.1, poor=0.25)
# Lighthouse core/computed/metrics/cumulative-layout-shift.js, calculate(): gapMicroseconds
# and limitMicroseconds.
SESSION_GAP_MS = 1000
SESSION_LIMIT_MS = 5000
# Lighthouse, same file: RECENT_INPUT_WINDOW. Chrome flags the first shifts after navigation
# as "had recent input" because of the viewport emulation (crbug.com/1302667); Lighthouse
# counts flagged shifts in the first 500 ms until a shift without the flag comes.
RECENT_INPUT_WINDOW_MS = 500
MAX_FINDINGS = 10


@dataclass(frozen=True)
class SessionWindow:
    shifts: list[LayoutShift]

    @property
    def score(self) -> float:
        return sum(s.value for s in self.shifts)


def counted_shifts(shifts: list[LayoutShift]) -> list[LayoutShift]:
    """The shifts that count, in time order: those without recent input, and flagged ones in
    the first 500 ms before any unflagged shift (Lighthouse's getLayoutShiftEvents)."""
    counted: list[LayoutShift] = []
    must_respect_recent_input = False
    for shift in sorted(shifts, key=lambda s: s.time_ms):
        if shift.had_recent_input:
            if shift.time_ms > RECENT_INPUT_WINDOW_MS or must_respect_recent_input:
                continue
        else:
            must_respect_recent_input = True
        counted.append(shift)
    return counted


def session_windows(shifts: list[LayoutShift]) -> list[SessionWindow]:
    """The counted shifts grouped into session windows, in time order."""
    windows: list[list[LayoutShift]] = []
    first_ms = prev_ms = float("-inf")
    for shift in counted_shifts(shifts):
        if shift.time_ms - first_ms > SESSION_LIMIT_MS or shift.time_ms - prev_ms > SESSION_GAP_MS:
            windows.append([])
            first_ms = shift.time_ms
        prev_ms = shift.time_ms
        windows[-1].append(shift)
    return [SessionWindow(w) for w in windows]


def largest_window(shifts: list[LayoutShift]) -> SessionWindow | None:
    """The session window with the highest score (the first of equals); None without shifts."""
    windows = session_windows(shifts)
    return max(windows, key=lambda w: w.score) if windows else None


def cumulative_layout_shift(run: SpeedRun) -> float | None:
    """The run's CLS; None when the run timed out (more shifts may have been to come)."""
    if run.timed_out:
        return None
    window = largest_window(run.layout_shifts)
    return window.score if window else 0.0


@dataclass
class _Mover:
    selector: str
    box: Box | None
    snippet: str
    shifts: int = 0
    score: float = 0.0


def _findings(measured: Measured) -> list[Finding]:
    window = largest_window(measured.run.layout_shifts)
    if window is None:
        return []
    movers: dict[str, _Mover] = {}
    for shift in window.shifts:
        for source in shift.sources:
            mover = movers.setdefault(
                source.selector, _Mover(source.selector, source.box, source.snippet)
            )
            mover.shifts += 1
            mover.score += shift.value
            mover.box = source.box or mover.box  # where it ended up after its last shift
    ranked = sorted(movers.values(), key=lambda m: m.score, reverse=True)
    return [
        Finding(
            message=(
                f"Moved in {m.shifts} layout shift{'s' if m.shifts != 1 else ''} scoring "
                f"{show_unitless(m.score)} in the worst burst of shifts."
            ),
            element=Element(m.selector, m.box, m.snippet),
            details={"shifts": m.shifts, "score": m.score},
        )
        for m in ranked[:MAX_FINDINGS]
    ]


CUMULATIVE_LAYOUT_SHIFT = Metric(
    name="layout shift",
    label="CLS",
    title="Cumulative Layout Shift",
    reads_as="unitless",
    bands=band_lines(CLS_THRESHOLDS.good, CLS_THRESHOLDS.poor, show_unitless),
    order=4,
    read=cumulative_layout_shift,
    score=lambda value: metric_score(CLS_CURVE, value),
    display=show_unitless,
    unit="unitless",
    thresholds=CLS_THRESHOLDS,
    findings=_findings,
)


@audit(
    id="cumulative-layout-shift",
    title="The page holds still while it loads",
    failure_title="Content jumps while the page loads",
    description=(
        "Measures how much visible content jumps while the page loads, as Core Web Vitals' "
        "Cumulative Layout Shift. On a small screen a jump moves the line people are reading or "
        "the button they are about to tap."
    ),
    help_url="https://web.dev/articles/cls",
    category="speed",
    requires=("speed",),
    weight=25,
    impact="serious",
    fix=(
        "Reserve the space of images, videos, ads and embeds (width and height attributes "
        "or aspect-ratio), and don't insert banners above content already shown."
    ),
)
def cumulative_layout_shift_audit(snapshot: PageSnapshot) -> Outcome:
    return metric_outcome(snapshot, CUMULATIVE_LAYOUT_SHIFT)
