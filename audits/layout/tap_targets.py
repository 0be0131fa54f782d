"""tap-targets: links and buttons are big enough, or far enough apart, to tap with a finger.

A port of Lighthouse's former tap-targets audit (v11: core/audits/seo/tap-targets.js, with
core/lib/rect-helpers.js and core/lib/tappable-rects.js; removed in v12). The targets and their
visible client rects come from the gatherer, filtered as Lighthouse's gatherer filtered them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

from audits import audit
from audits.common.rects import (
    Grid,
    Rect,
    bounding_rect,
    centre,
    centred_square,
    contains,
    contains_point,
    distance_to_rect,
    overlap_area,
    to_rect,
    touch_or_overlap,
)
from audits.common.screen_fit import enlarged_layout, shrunk_to_fit
from audits.common.viewport_tag import layout_problem
from checker.model.dom_facts import TapTarget
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse tap-targets.js: the side of the square a fingertip covers, in CSS px.
FINGER_SIZE_PX = 48
# Lighthouse tap-targets.js: how much a finger aimed at a target may land on another target,
# relative to how much it lands on the intended one, before the two are too close.
MAX_ACCEPTABLE_OVERLAP_SCORE_RATIO = 0.25
# Lighthouse tap-targets.js: with any failing target, score = passing share x 0.89, so one
# failure is enough to fail the audit (below 0.9) however many targets pass.
FAILING_SCORE_SCALE = 0.89
# Lighthouse rect-helpers.js filterOutTinyRects: rects of 1 px or less are not tapped.
TINY_RECT_PX = 1
# Lighthouse tappable-rects.js almostEqual: edges this close line up as one tappable area.
ALIGNMENT_TOLERANCE_PX = 10
# WCAG 2.2 SC 2.5.8 Target Size (Minimum): 24x24 CSS px, or a 24 px circle clear of others.
WCAG_MIN_TARGET_PX = 24
MAX_FINDINGS = 50

FIX = (
    "Make links and buttons at least 48x48 CSS px (padding counts), or leave enough space "
    "between small ones that a fingertip on one does not also cover its neighbour."
)


@dataclass(frozen=True)
class OverlapFailure:
    """A too-small target (index) that a finger cannot hit without also hitting `other`."""

    target: int
    other: int
    ratio: float


@audit(
    id="tap-targets",
    title="Tap targets are big enough or far enough apart",
    failure_title="Tap targets are too small or too close together",
    description=(
        "Checks that links and buttons are big enough (48x48 CSS px) or far enough apart to tap "
        "with a finger. Small, crowded targets make people tap the wrong one."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/seo/tap-targets/",
    category="layout",
    requires=("dom",),
    weight=10,
    impact="serious",
    fix=FIX,
)
def tap_targets(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.device.is_mobile:
        return Outcome(score=None, display="Tap target size matters on touch screens only.")
    problem = layout_problem(snapshot)
    if problem and shrunk_to_fit(snapshot):
        # As Lighthouse: without it the page is shrunk to fit the phone, and every target
        # with it, so sizes in CSS px say nothing about what a finger meets. A page laid out
        # narrower than the screen (width=660 on a 768 px tablet) is enlarged instead, so
        # its targets are judged as measured below: a finger meets them larger, not smaller.
        return Outcome(
            score=0,
            display=f"Tap targets are too small: phones shrink the whole page to fit. {problem}",
            details={"device_width_viewport": False},
        )
    targets = snapshot.dom.tap_targets
    details: dict[str, object] = {"targets": len(targets), "failing_targets": 0}
    details |= enlarged_layout(snapshot, problem)
    if "tap_targets" in snapshot.dom.truncated:
        details["targets_on_page"] = snapshot.dom.truncated["tap_targets"]
    if not targets:
        return Outcome(score=1, display="The page has no links or buttons to tap.", details=details)

    rects = [[to_rect(b) for b in (t.rects or [t.box])] for t in targets]
    grid = Grid([bounding_rect(r, FINGER_SIZE_PX / 2) for r in rects])
    links = [_http_link(t) for t in targets]
    failures = overlap_failures(
        rects, grid, lambda i, j: links[i] is not None and links[i] == links[j]
    )
    failing = len({f.target for f in failures})
    passing_share = (len(targets) - failing) / len(targets)
    shown = merge_symmetric_failures(failures)
    shown.sort(key=lambda f: f.ratio, reverse=True)
    details |= {
        "failing_targets": failing,
        "too_close_pairs": len(shown),
        "wcag_undersized_targets": wcag_undersized_count(rects, grid),
    }
    findings = [_finding(targets, rects, f) for f in shown[:MAX_FINDINGS]]
    # Floored, so a failing page never reads as 100%.
    percent = math.floor(passing_share * 100)
    return Outcome(
        score=passing_share * FAILING_SCORE_SCALE if failing else 1,
        display=f"{percent}% of tap targets are big enough or far enough apart",
        value=round(passing_share * 100, 1),
        unit="%",
        findings=findings,
        details=details,
    )


def overlap_failures(
    rects: Sequence[Sequence[Rect]],
    grid: Grid,
    same_destination: Callable[[int, int], bool] = lambda i, j: False,
) -> list[OverlapFailure]:
    """Every (too-small target, neighbour) pair a finger cannot tell apart, in Lighthouse's
    order: by target, then by neighbour, in page order."""
    failures = []
    for i, own in enumerate(rects):
        if not all(_below_finger_size(r) for r in own):
            continue
        tappable = tappable_rects(own)
        fingers = [(centred_square(r, FINGER_SIZE_PX), r) for r in tappable]
        for j in grid.near(i):
            ratio = worst_overlap_ratio(fingers, rects[j])
            if ratio is None or same_destination(i, j):
                continue  # Far enough, or both lead to the same page: a slip costs nothing.
            # As Lighthouse: a target inside another (a delete button in a list item) is
            # usually meant; skipping it misses some problems but avoids false failures.
            if not _all_contained_within_each_other(tappable, rects[j]):
                failures.append(OverlapFailure(i, j, ratio))
    return failures


def worst_overlap_ratio(
    fingers: Sequence[tuple[Rect, Rect]], others: Sequence[Rect]
) -> float | None:
    """The largest ratio, over fingers centred on each tappable rect, of the finger's overlap
    with one of the other target's rects to its overlap with the rect it aims at; None when
    every ratio is acceptable. The other rects count whole, even where they lie over the
    target's own area, as in Lighthouse."""
    worst = None
    for finger, aimed_at in fingers:
        on_target = overlap_area(finger, aimed_at)
        for other in others:
            ratio = overlap_area(finger, other) / on_target
            if ratio >= MAX_ACCEPTABLE_OVERLAP_SCORE_RATIO and (worst is None or ratio > worst):
                worst = ratio
    return worst


def merge_symmetric_failures(failures: list[OverlapFailure]) -> list[OverlapFailure]:
    """One failure per pair of targets too close to each other: the one with the larger
    ratio, or on a tie the first, as Lighthouse reported them."""
    by_pair = {(f.target, f.other): (index, f) for index, f in enumerate(failures)}
    kept = []
    for index, failure in enumerate(failures):
        mirror = by_pair.get((failure.other, failure.target))
        if (
            mirror is None
            or failure.ratio > mirror[1].ratio
            or (failure.ratio == mirror[1].ratio and index < mirror[0])
        ):
            kept.append(failure)
    return kept


def tappable_rects(rects: Sequence[Rect]) -> list[Rect]:
    """The areas a finger would aim at (Lighthouse's tappable-rects.js): tiny rects dropped,
    rects inside another dropped, and rects that line up and touch merged into one."""
    visible = [r for r in rects if r.width > TINY_RECT_PX and r.height > TINY_RECT_PX]
    dropped: set[int] = set()
    for i, rect in enumerate(visible):
        for j, outer in enumerate(visible):
            if i != j and j not in dropped and contains(outer, rect):
                dropped.add(i)
                break
    return _merge_touching([r for i, r in enumerate(visible) if i not in dropped])


def wcag_undersized_count(rects: Sequence[Sequence[Rect]], grid: Grid) -> int:
    """Targets under WCAG 2.2's 24x24 CSS px minimum (SC 2.5.8) that its spacing exception
    does not save: a 24 px circle centred on the target's bounds meets another target, or
    another undersized target's circle. Its other exceptions (inline text, user agent
    controls) are already left out by the gatherer; "essential" cannot be measured."""
    radius = WCAG_MIN_TARGET_PX / 2
    undersized = [
        all(r.width < WCAG_MIN_TARGET_PX or r.height < WCAG_MIN_TARGET_PX for r in own)
        for own in rects
    ]
    centres = [centre(bounding_rect(own, 0)) for own in rects]
    count = 0
    for i in (i for i, small in enumerate(undersized) if small):
        x, y = centres[i]
        # A circle only meets what lies within its radius of the target's bounds, well
        # inside the finger padding the grid's neighbours are found with.
        crowded = any(
            any(distance_to_rect(x, y, r) < radius for r in rects[j])
            or (undersized[j] and math.dist(centres[i], centres[j]) < 2 * radius)
            for j in grid.near(i)
        )
        count += crowded
    return count


def _merge_touching(rects: list[Rect]) -> list[Rect]:
    """Merge touching rects that line up, when a tap at the merged centre still hits one of
    them; start over after each merge, as Lighthouse did."""
    merged = True
    while merged:
        merged = False
        for i, j in combinations(range(len(rects)), 2):
            a, b = rects[i], rects[j]
            lines_up = (
                _almost_equal(a.top, b.top)
                or _almost_equal(a.bottom, b.bottom)
                or _almost_equal(a.left, b.left)
                or _almost_equal(a.right, b.right)
            )
            if not (lines_up and touch_or_overlap(a, b)):
                continue
            union = bounding_rect([a, b], 0)
            middle = centre(union)
            if not (contains_point(a, middle) or contains_point(b, middle)):
                continue
            rects = [r for k, r in enumerate(rects) if k not in (i, j)] + [union]
            merged = True
            break
    return rects


def _finding(targets: list[TapTarget], rects: list[list[Rect]], failure: OverlapFailure) -> Finding:
    target, other = targets[failure.target], targets[failure.other]
    # As Lighthouse: the size shown is the largest of the target's rects, floored.
    largest = max(rects[failure.target], key=lambda r: r.width * r.height)
    width, height = math.floor(largest.width), math.floor(largest.height)
    return Finding(
        message=(
            f"This {_kind(target)} is {width}x{height} px and too close to another: a fingertip "
            f"on it covers {failure.ratio:.0%} as much of its neighbour as of itself."
        ),
        element=target.element,
        related=[
            Finding(
                message=f"The {_kind(other)} it is too close to.",
                element=other.element,
            )
        ],
        details={
            "size": f"{width}x{height}",
            "width": width,
            "height": height,
            "overlap_ratio": round(failure.ratio, 3),
        },
    )


def _kind(target: TapTarget) -> str:
    if target.tag == "a" or target.role == "link":
        return "link"
    if target.tag in ("input", "select", "textarea"):
        return "form field"
    return "button" if target.tag == "button" or target.role == "button" else "tap target"


def _http_link(target: TapTarget) -> str | None:
    """Where a link leads, when it is an http(s) address (Lighthouse compared resolved hrefs;
    javascript: and # links all look alike and prove nothing)."""
    href = target.href
    return href if href.startswith(("http://", "https://")) else None


def _below_finger_size(rect: Rect) -> bool:
    return rect.width < FINGER_SIZE_PX or rect.height < FINGER_SIZE_PX


def _all_contained_within_each_other(a: Sequence[Rect], b: Sequence[Rect]) -> bool:
    return all(contains(ra, rb) or contains(rb, ra) for ra in a for rb in b)


def _almost_equal(a: float, b: float) -> bool:
    return abs(a - b) <= ALIGNMENT_TOLERANCE_PX
