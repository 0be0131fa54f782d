"""meta-viewport: the viewport meta tag does not stop people from zooming text to 200% (WCAG 1.4.4
Resize Text).

axe-core's `meta-viewport` rule (ACT rule b4f0c3), as Lighthouse's accessibility category runs
it. Layout's zoom-allowed reads the same tag the way Chromium parses it; this is axe's verdict,
scored in the accessibility category.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="meta-viewport",
    title="The viewport lets people zoom text",
    failure_title="The viewport stops people from zooming text",
    description=(
        "Checks that the viewport meta tag has no user-scalable=no and no maximum-scale below 2. "
        "People with low vision zoom in to read; the tag takes that away on Android."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/meta-viewport",
    category="accessibility",
    weight=10,
    impact="critical",
    fix="Remove user-scalable=no and any maximum-scale below 5 from the viewport meta tag.",
    requires=("axe",),
    act_rules=("b4f0c3",),
    wcag=("1.4.4",),
)
def meta_viewport(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "meta-viewport",
        passed="The viewport meta tag lets people zoom.",
        failed="The viewport meta tag stops people from zooming.",
        not_applicable="The page has no viewport meta tag that could limit zooming.",
    )
