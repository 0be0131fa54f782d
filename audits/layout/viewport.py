"""viewport: the page tells phones to lay it out at the device's width."""

from __future__ import annotations

from audits import audit
from audits.common.viewport_tag import NO_VIEWPORT, is_number, parse_viewport, width_problem
from checker.model.dom_facts import Tag
from checker.model.elements import Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

FIX = (
    'Add <meta name="viewport" content="width=device-width, initial-scale=1"> to the <head>, once.'
)


@audit(
    id="viewport",
    title="Has a viewport meta tag with width=device-width",
    failure_title="Does not tell phones to use the device width",
    description=(
        "Checks that a viewport meta tag tells phones to lay the page out at their own width "
        "(width=device-width). Without it a phone lays the page out 980 px wide and shrinks it, "
        "so text is tiny and people must zoom."
    ),
    help_url="https://developer.mozilla.org/docs/Web/HTML/Viewport_meta_tag",
    category="layout",
    requires=("dom",),
    weight=10,
    impact="critical",
    fix=FIX,
)
def viewport(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.device.is_mobile:
        return Outcome(score=None, display="Desktop browsers ignore the viewport meta tag.")
    # Read wherever the tag stands: Chrome applies a viewport tag that the parser moved into
    # <body> (bbc-1's), where Lighthouse, reading <head> only, reported none.
    tags = snapshot.dom.head.metas_named("viewport")
    if not tags:
        return Outcome(
            score=0,
            display=NO_VIEWPORT,
            findings=[
                Finding(
                    message='The <head> has no <meta name="viewport">.', element=Element("head")
                )
            ],
        )
    findings = _conflicts(tags)
    effective = tags[-1]
    content = effective.attr("content") or ""
    problem = width_problem(parse_viewport(content))
    if problem:
        findings.insert(0, _finding(effective, problem))
    if findings:
        return Outcome(score=0, display=findings[0].message, value=content, findings=findings)
    return Outcome(score=1, display=f'content="{content}"', value=content)


def _conflicts(tags: list[Tag]) -> list[Finding]:
    layouts = {
        (_canonical(p.get("width")), _canonical(p.get("initial-scale")))
        for p in (parse_viewport(t.attr("content") or "") for t in tags)
    }
    if len(layouts) < 2:
        return []
    message = (
        f"{len(tags)} viewport tags disagree on width or initial-scale; browsers use the last "
        "one, so the others are dead weight or a mistake."
    )
    first, *others = tags
    return [
        Finding(
            message=message,
            element=first.element,
            related=[Finding(message="Also a viewport tag.", element=t.element) for t in others],
        )
    ]


def _finding(tag: Tag, message: str) -> Finding:
    return Finding(message=message, element=tag.element)


def _canonical(value: str | None) -> str | float | None:
    """1 and 1.0 are the same scale; compare numbers as numbers."""
    return float(value) if value is not None and is_number(value) else value
