"""target-size: links, buttons and controls are at least 24 by 24 CSS px, or spaced so a 24 px
circle around each touches no other (WCAG 2.2 2.5.8 Target Size (Minimum), AA).

axe-core's `target-size` rule, run on each device. Layout's tap-targets audit asks more (48 px,
Lighthouse's former audit, for comfortable tapping); this is the WCAG floor, below which people
with tremor or large fingers miss.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="target-size",
    title="Touch targets meet the 24 px minimum",
    failure_title="Touch targets are smaller than 24 px",
    description=(
        "Checks that every link, button and control is at least 24 by 24 CSS px, or spaced "
        "apart enough, as WCAG 2.2 requires. People with tremor or limited dexterity miss "
        "smaller targets and tap the wrong one."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/target-size",
    category="accessibility",
    weight=7,
    impact="serious",
    fix=(
        "Make each link and button at least 24 by 24 px (padding counts), or leave room around "
        "small ones so no two sit within 24 px of each other."
    ),
    requires=("axe",),
    act_rules=(),
    wcag=("2.5.8",),
)
def target_size(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "target-size",
        passed="Every touch target is at least 24 px or spaced apart enough.",
        failed_one="1 touch target is smaller than 24 px and too close to others.",
        failed="{count} touch targets are smaller than 24 px and too close to others.",
        not_applicable="The page has no links, buttons or controls to tap.",
    )
