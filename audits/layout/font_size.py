"""font-size: most of the page's text is large enough to read on a phone without zooming.

A port of Lighthouse's former font-size audit (v11: core/audits/seo/font-size.js, with its
gatherer core/gather/gatherers/seo/font-size.js; removed in v12). Text is counted in
characters, as the gatherer counted it for Lighthouse.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from audits import audit
from audits.common.screen_fit import enlarged_layout, shrunk_to_fit
from audits.common.viewport_tag import layout_problem
from checker.model.dom_facts import TextRun
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse's font-size gatherer: text below 12 CSS px is illegible on a phone.
MINIMAL_LEGIBLE_FONT_SIZE_PX = 12
# Lighthouse's font-size audit: it passes when at least 60% of the text is legible.
MINIMAL_PERCENTAGE_OF_LEGIBLE_TEXT = 60
MAX_FINDINGS = 50

FIX = (
    "Set body text to at least 16 px and keep small print at 12 px or more, in CSS px with "
    "a width=device-width viewport."
)


@dataclass(frozen=True)
class SmallText:
    """The illegible text of one selector at one size."""

    font_size: float
    chars: int
    runs: list[TextRun]


@audit(
    id="font-size",
    title="Text is large enough to read on a phone",
    failure_title="Text is too small to read on a phone",
    description=(
        "Checks that most of the page's text (60%, as Lighthouse asked) is at least 12 CSS px "
        "on a phone. Smaller text cannot be read without pinching to zoom."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/seo/font-size/",
    category="layout",
    requires=("dom",),
    weight=10,
    impact="serious",
    fix=FIX,
)
def font_size(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.device.is_mobile:
        return Outcome(score=None, display="Text size is judged on phones and tablets only.")
    problem = layout_problem(snapshot)
    if problem and shrunk_to_fit(snapshot):
        # As Lighthouse: font sizes in CSS px mean nothing when the page is shrunk to fit.
        # A page laid out narrower than the screen (width=660 on a 768 px tablet) is enlarged
        # instead, so its sizes are judged as measured below: it only looks larger.
        return Outcome(
            score=0,
            display=f"Text is too small to read: phones shrink the whole page to fit. {problem}",
            details={"device_width_viewport": False},
        )
    runs = snapshot.dom.text_runs
    total = sum(r.chars for r in runs)
    if total == 0:
        # As Lighthouse: no text, nothing illegible.
        return Outcome(
            score=1, display="The page has no visible text to check.", details={"chars": 0}
        )
    groups = small_text_by_selector(runs)
    illegible = sum(g.chars for g in groups)
    legible_percent = (total - illegible) / total * 100
    passed = legible_percent >= MINIMAL_PERCENTAGE_OF_LEGIBLE_TEXT
    findings = [_finding(g, total) for g in groups[:MAX_FINDINGS]]
    return Outcome(
        score=1 if passed else 0,
        display=_display(legible_percent, passed),
        value=round(legible_percent, 2),
        unit="%",
        findings=findings,
        details={
            "chars": total,
            "illegible_chars": illegible,
            "legible_percent": round(legible_percent, 2),
            "small_text_groups": len(groups),
            **_truncation(snapshot),
            **enlarged_layout(snapshot, problem),
        },
    )


def small_text_by_selector(runs: list[TextRun]) -> list[SmallText]:
    """The text under 12 px grouped by selector and size, the largest share first (and in
    page order on a tie)."""
    groups: dict[tuple[str, float], SmallText] = {}
    for run in runs:
        if run.font_size >= MINIMAL_LEGIBLE_FONT_SIZE_PX or run.chars <= 0:
            continue
        key = (run.selector, run.font_size)
        group = groups.get(key)
        if group is None:
            groups[key] = SmallText(run.font_size, run.chars, [run])
        else:
            groups[key] = SmallText(run.font_size, group.chars + run.chars, [*group.runs, run])
    return sorted(groups.values(), key=lambda g: g.chars, reverse=True)


def _display(legible_percent: float, passed: bool) -> str:
    # Floored to a tenth, so a failing share never reads as 60%.
    shown = f"{math.floor(legible_percent * 10) / 10:g}"
    if passed:
        return f"{shown}% of the text is 12 px or larger, legible on a phone."
    return (
        f"Only {shown}% of the text is 12 px or larger; the rest is too small to read on a "
        "phone without zooming."
    )


def _finding(group: SmallText, total: int) -> Finding:
    first = group.runs[0]
    share = group.chars / total * 100
    size = f"{group.font_size:g}"
    return Finding(
        message=f"Text at {size} px, {share:.1f}% of the page's text, is too small to read.",
        element=first.element,
        details={
            "font_size_px": group.font_size,
            "chars": group.chars,
            "share_percent": round(share, 2),
            "elements": len(group.runs),
        },
    )


def _truncation(snapshot: PageSnapshot) -> dict[str, int]:
    seen = snapshot.dom.truncated.get("text_runs")
    return {"text_runs_on_page": seen} if seen else {}
