"""Text that no longer fits once people change it, as findings: shared by text-spacing and
zoom-text, which judge the same facts (checker.model.text_fit_facts) for two changes."""

from __future__ import annotations

from checker.model.results import Finding
from checker.model.text_fit_facts import ClippedText, TextFitFacts


def clipped_finding(clipped: ClippedText, when: str) -> Finding:
    """`when` ends the sentence: "when people widen its spacing"."""
    edge = "below or above" if clipped.axis == "vertical" else "at the side"
    if clipped.kind == "clipped":
        message = f"Text is cut off by {clipped.hidden_px} px {edge} {when}."
    else:
        over = _quoted(clipped.overlapped.label) if clipped.overlapped else "the text after it"
        message = f"Text spills {clipped.hidden_px} px out of its box and runs over {over} {when}."
    related = []
    if clipped.text is not None and clipped.text.selector != clipped.selector:
        related.append(Finding("The text that is cut off.", element=clipped.text))
    if clipped.overlapped is not None:
        related.append(Finding("The text it runs over.", element=clipped.overlapped))
    return Finding(
        message=message,
        element=clipped.element,
        related=related,
        details={
            "kind": clipped.kind,
            "axis": clipped.axis,
            "hidden_px": clipped.hidden_px,
            "hidden_before_px": clipped.hidden_before_px,
            "font_size_px": round(clipped.font_size, 1),
        },
    )


def fit_details(facts: TextFitFacts) -> dict[str, object]:
    return {
        "elements_checked": facts.elements,
        "boxes_grown": facts.boxes_grown,
        "clipped": facts.truncated.get("clipped", len(facts.clipped)),
        "truncated": dict(facts.truncated),
    }


def places(count: int) -> str:
    return "1 place" if count == 1 else f"{count} places"


def _quoted(label: str) -> str:
    text = label if len(label) <= 40 else label[:39].rstrip() + "…"
    return f"“{text}”" if text else "the text after it"
