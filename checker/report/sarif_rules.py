"""The SARIF view of the audits: one `reportingDescriptor` (rule) per audit, the level a finding
is reported at, and text made safe and short for GitHub code scanning.

GitHub's rules for a rule ("SARIF support for code scanning", the `reportingDescriptor` object,
docs.github.com/code-security/reference/code-scanning/sarif-support-for-code-scanning):
`shortDescription.text`, `fullDescription.text` and `help.text` are required, the descriptions
are limited to 1,024 characters and `name` to 255; `properties.tags` filter the alerts (20 at
most per rule, of which only 10 are shown: "Tags per rule" in its limits table). A
`security-severity` would file every alert as a security vulnerability: these are usability
problems, so the rules give `problem.severity` instead, which GitHub reads for non-security
queries.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.model.results import AuditResult, Impact

if TYPE_CHECKING:
    from audits import AuditSpec


@dataclass(frozen=True)
class Limits:
    """GitHub code scanning's limits (checker.report.sarif's docstring says where each comes
    from), and our own on a message's length and the notifications; tests inject small ones."""

    results: int = 5_000
    rules: int = 25_000
    tags: int = 10
    gzip_bytes: int = 10 * 1024 * 1024
    message_chars: int = 1_000
    notifications: int = 100


GITHUB_LIMITS = Limits()

NAME_CHARS = 255
DESCRIPTION_CHARS = 1024

# The level of a finding, from its impact (axe-core's words, which every audit uses for its
# findings): what keeps people from using the page (critical: a page they cannot zoom, a
# button without a name; serious: text too small, targets too close) is an error, what gets in
# their way a warning, what is worth knowing a note. An audit that weighs nothing in its
# category's score (a speed diagnostic: bytes, requests, cache headers) is advice: one level
# lower. GitHub accepts only these three levels for `defaultConfiguration.level`.
IMPACT_LEVELS: dict[str, str] = {
    "critical": "error",
    "serious": "error",
    "moderate": "warning",
    "minor": "note",
}
LEVELS = ("error", "warning", "note")
_LOWER = {"error": "warning", "warning": "note", "note": "note"}
# `problem.severity`, GitHub's severity of a non-security rule, for each level.
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
IMPACT_RANK = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}

# The tags that filter alerts on GitHub, per category: layout is what makes a page work on a
# phone, hence `mobile`.
CATEGORY_TAGS: dict[str, tuple[str, ...]] = {
    "layout": ("mobile", "layout"),
    "speed": ("speed", "performance"),
    "social": ("social",),
    "accessibility": ("accessibility",),
}

# C0 and C1 controls (line breaks become spaces first), the bidi controls that make a line
# read otherwise than it is stored, and lone surrogates (which UTF-8 cannot encode).
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
# SARIF 2.1.0 §3.11.6: a plain-text message may embed links as [text](target); brackets that
# would read as one are escaped with a backslash, so a page's text never becomes a link.
_LINK = re.compile(r"\[([^\[\]]*)\]\(")


def level_of(impact: Impact | str | None, weight: float) -> str:
    level = IMPACT_LEVELS.get(impact or "moderate", "warning")
    return _LOWER[level] if weight == 0 else level


def plain(text: object, limit: int) -> str:
    """One line of at most `limit` characters, invisible characters dropped."""
    line = _SPACES.sub(" ", _INVISIBLE.sub("", _SPACES.sub(" ", str(text)))).strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def message_text(text: object, limit: int) -> str:
    """Page-derived text for a SARIF message: one short line that embeds no link."""
    return plain(_LINK.sub(r"\\[\1\\](", plain(text, len(str(text)) + 1)), limit)


def impact_of(audit: AuditResult, spec: AuditSpec | None) -> Impact | str:
    """The impact of an audit that fails as a whole: its metadata's (its findings carry their
    own)."""
    return spec.impact if spec is not None else "moderate"


def rule(audit: AuditResult, spec: AuditSpec | None, max_tags: int) -> tuple[dict[str, Any], int]:
    """The rule of an audit, from the registry's metadata when the audit is registered (else
    from what the result carries), and how many tags were left out for GitHub's limit."""
    category = spec.category if spec is not None else audit.category
    weight = spec.weight if spec is not None else audit.weight
    failure_title = spec.failure_title if spec is not None else audit.title
    description = (spec.description if spec is not None else "") or failure_title
    fix = (spec.fix if spec is not None else audit.fix) or failure_title
    help_url = (spec.help_url if spec is not None else audit.help_url) or ""
    wcag = list(spec.wcag if spec is not None else audit.wcag)
    act_rules = list(spec.act_rules if spec is not None else audit.act_rules)
    level = level_of(impact_of(audit, spec), weight)
    tags = [*CATEGORY_TAGS.get(category, (category,)), *(f"wcag{c}" for c in wcag)]
    tags = list(dict.fromkeys(tags))
    kept_tags = tags[:max_tags]
    properties: dict[str, Any] = {
        "tags": kept_tags,
        "problem.severity": PROBLEM_SEVERITY[level],
        "category": category,
        "weight": weight,
    }
    if act_rules:
        properties["act-rules"] = act_rules
    descriptor: dict[str, Any] = {
        "id": audit.id,
        "name": plain(f"{category}/{audit.id}", NAME_CHARS),
        "shortDescription": {"text": plain(failure_title, DESCRIPTION_CHARS)},
        "fullDescription": {"text": plain(description, DESCRIPTION_CHARS)},
        "help": {
            "text": _help_text(fix, help_url, wcag),
            "markdown": _help_markdown(fix, help_url, wcag),
        },
        "defaultConfiguration": {"level": level},
        "properties": properties,
    }
    if help_url.startswith(("https://", "http://")):
        descriptor["helpUri"] = help_url
    return descriptor, len(tags) - len(kept_tags)


def _help_text(fix: str, help_url: str, wcag: list[str]) -> str:
    parts = [f"How to fix: {plain(fix, DESCRIPTION_CHARS)}"]
    if wcag:
        parts.append("WCAG 2.2 success criteria: " + ", ".join(wcag) + ".")
    if help_url:
        parts.append(f"More: {help_url}")
    return " ".join(parts)


def _help_markdown(fix: str, help_url: str, wcag: list[str]) -> str:
    """The rule's help in Markdown: the registry's own text (never a page's), which GitHub
    shows beside each alert instead of help.text."""
    # A fix names HTML (`<label for="...">`): as entities, or GitHub would render the tag.
    lines = [f"**How to fix:** {html.escape(plain(fix, DESCRIPTION_CHARS), quote=False)}"]
    if wcag:
        lines.append("WCAG 2.2 success criteria: " + ", ".join(wcag) + ".")
    if help_url.startswith(("https://", "http://")):
        lines.append(f"[Read more]({help_url})")
    return "\n\n".join(lines)
