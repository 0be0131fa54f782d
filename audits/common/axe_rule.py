"""One axe-core rule's result on a snapshot, judged the same way for every audit that maps
an axe rule (audits/accessibility/): axe's verdict, its elements as findings.

- A violation fails (score 0), each failing element a finding with axe's impact for it.
- Elements axe could not decide ("needs review": text over an image, say) are no verdict: beside
  elements that passed they are listed in `details.needs_review` and the display says to check
  them by eye; when axe could decide nothing at all the check could not be made (an error,
  which leaves the category incomplete), never a pass.
- A rule nothing on the page falls under (no images for image-alt) does not apply.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.model.axe_facts import AxeNode, AxeRule
from checker.model.results import IMPACTS, CannotMeasure, Finding, Impact, Outcome
from checker.model.snapshot import PageSnapshot

# Undecided elements listed in details: enough to check by eye; the rest are counted.
MAX_NEEDS_REVIEW = 20

Describe = Callable[[AxeNode], str]


def axe_rule(snapshot: PageSnapshot, rule_id: str) -> AxeRule:
    """The rule's result; CannotMeasure when axe did not run here or did not run the rule."""
    if snapshot.axe is None:
        raise CannotMeasure(
            "axe-core's checks were not run on this page (a snapshot saved before readiness "
            "ran them): audit the page again."
        )
    rule = snapshot.axe.rule(rule_id)
    if rule_id in snapshot.axe.timed_out:
        raise CannotMeasure(
            f"axe-core's {rule_id} rule ran over its {snapshot.axe.timed_out[rule_id]:g} s on "
            "this page (a page of thousands of elements) and was stopped: no verdict."
        )
    if rule is None:
        raise CannotMeasure(f"axe-core {snapshot.axe.version} did not run its {rule_id} rule.")
    return rule


def axe_outcome(
    snapshot: PageSnapshot,
    rule_id: str,
    *,
    passed: str,
    failed: str,
    not_applicable: str,
    failed_one: str = "",
    describe: Describe | None = None,
) -> Outcome:
    """The audit's outcome from axe's rule `rule_id`: `passed`, `failed` and `not_applicable`
    are its display lines (`failed` may use {count}, the failing elements; `failed_one` says
    it of one); `describe` words each failing element's finding (else axe's first reason)."""
    rule = axe_rule(snapshot, rule_id)
    word = describe or first_reason
    review = [_review_item(node) for node in rule.incomplete[:MAX_NEEDS_REVIEW]]
    details: dict = {"axe_rule": rule.id, "axe_version": snapshot.axe.version}  # type: ignore[union-attr]
    if review:
        details["needs_review"] = review
        details["needs_review_count"] = len(rule.incomplete) + (
            rule.truncated if rule.outcome == "incomplete" else 0
        )
    if rule.outcome == "violation":
        count = len(rule.violations) + rule.truncated
        details["failing"] = count
        findings = [_finding(node, word) for node in rule.violations]
        return Outcome(
            score=0,
            display=(failed_one if count == 1 and failed_one else failed).format(count=count)
            + _review_note(rule),
            value=count,
            unit="elements",
            findings=findings,
            details=details,
        )
    if rule.outcome == "inapplicable":
        return Outcome(score=None, display=not_applicable, details=details)
    if rule.outcome == "incomplete" and not rule.passed:
        raise CannotMeasure(
            f"axe-core could not decide this check for any of the {len(rule.incomplete)} "
            f"elements it applies to ({first_reason(rule.incomplete[0])}): check them "
            "by eye.",
            details,
        )
    return Outcome(score=1, display=passed + _review_note(rule), value=0, unit="elements",
                   details=details)  # fmt: skip


def first_reason(node: AxeNode) -> str:
    """axe's first reason for the element ("Element has no title attribute"), a sentence."""
    for line in node.summary.splitlines():
        line = line.strip()
        if line and not line.startswith("Fix "):
            return line if line.endswith(".") else line + "."
    return "axe-core flags this element."


def _finding(node: AxeNode, describe: Describe) -> Finding:
    return Finding(
        message=describe(node),
        element=node.element,
        impact=_impact(node.impact),
        details=dict(node.data),
    )


def _review_item(node: AxeNode) -> dict:
    return {"selector": node.selector, "snippet": node.snippet, "why": first_reason(node)}


def _review_note(rule: AxeRule) -> str:
    undecided = len(rule.incomplete)
    if not undecided:
        return ""
    elements = "1 element" if undecided == 1 else f"{undecided} elements"
    return f" axe-core could not decide for {elements}: check them by eye (details)."


def _impact(impact: str | None) -> Impact | None:
    return impact if impact in IMPACTS else None  # type: ignore[return-value]
