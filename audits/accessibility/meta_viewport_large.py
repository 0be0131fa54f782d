"""meta-viewport-large: the viewport meta tag lets people zoom to at least 5x (axe-core's best-
practice `meta-viewport-large` rule; no WCAG criterion asks for more than 2x).

axe leaves a maximum-scale below 2 to meta-viewport (and so passes it here), and reads only
maximum-scale: user-scalable=no is meta-viewport's failure too.
"""

from __future__ import annotations

from audits import audit
from audits.common.axe_rule import axe_outcome
from checker.model.results import Outcome
from checker.model.snapshot import PageSnapshot


@audit(
    id="meta-viewport-large",
    title="The viewport lets people zoom in far",
    failure_title="The viewport limits zoom below 5x",
    description=(
        "Checks that maximum-scale, when set, is at least 5, so people with low vision can enlarge "
        "small text far enough. A best practice beyond WCAG's 200%."
    ),
    help_url="https://dequeuniversity.com/rules/axe/4.12/meta-viewport-large",
    category="accessibility",
    weight=1,
    impact="minor",
    fix="Remove maximum-scale from the viewport meta tag, or set it to 5 or more.",
    requires=("axe",),
    act_rules=(),
    wcag=(),
)
def meta_viewport_large(snapshot: PageSnapshot) -> Outcome:
    return axe_outcome(
        snapshot,
        "meta-viewport-large",
        passed="The viewport meta tag sets no maximum-scale below 5.",
        failed="The viewport meta tag limits zooming below 5x.",
        not_applicable="The page has no viewport meta tag that could limit zooming.",
    )
