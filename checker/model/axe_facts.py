"""What axe-core found in the loaded page on one device: per rule run, its outcome and the
elements it judged (axe's nodes), each described as every other fact describes an element."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from checker.model.elements import Element, OfElement

# axe's result groups: a rule with any violation is a violation; else with any node it could
# not decide, incomplete ("needs review"); else passes, or inapplicable when nothing matched.
AxeOutcome = Literal["violation", "incomplete", "pass", "inapplicable"]


@dataclass(frozen=True)
class AxeNode(OfElement):
    """One element axe judged under one rule."""

    element: Element
    impact: str | None = None  # axe's, for this node (critical, serious, moderate, minor)
    # axe's own words on what to fix ("Fix any of the following: ..."), one line each.
    summary: str = ""
    # What axe measured where it says (color-contrast: fgColor, bgColor, contrastRatio, ...).
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AxeRule:
    id: str
    outcome: AxeOutcome
    impact: str | None = None
    help: str = ""  # axe's one-line help text
    help_url: str = ""
    tags: list[str] = field(default_factory=list)
    # The elements that fail (violation) or that axe could not decide (incomplete).
    violations: list[AxeNode] = field(default_factory=list)
    incomplete: list[AxeNode] = field(default_factory=list)
    passed: bool = False  # whether any element passed (axe is asked for no more)
    truncated: int = 0  # failing or undecided elements left out past the cap


@dataclass(frozen=True)
class AxeFacts:
    version: str  # axe-core's
    rules: dict[str, AxeRule] = field(default_factory=dict)  # by rule id, the rules run
    # The document's style sheets when axe ran (its CSS rules read nothing without one).
    style_sheets: int = 0
    # Rules stopped past their time on this page, with that time in seconds: no verdict.
    timed_out: dict[str, float] = field(default_factory=dict)

    def rule(self, rule_id: str) -> AxeRule | None:
        return self.rules.get(rule_id)
