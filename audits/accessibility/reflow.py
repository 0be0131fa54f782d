"""reflow: at 320 CSS px wide (a 1280 px window zoomed to 400%), the page's content fits the
width, so people who zoom in scroll in one direction only (WCAG 1.4.10 Reflow).

The gatherer lays the page out 320 px wide (or 256 px tall, for text in vertical lines) and
measures every text node, form control and picture against the screen's edge. What reaches
past it is named by the outermost element that carries it there, in one of three kinds:
overflow (people must scroll sideways to read it), cut-off (past an edge nobody can scroll
to: html or body hide it, it is fixed on the screen, or it lies left of the page's start) and
exempt (a data table, code, a picture, a video, a map, a grid, a toolbar: what WCAG lets need
two dimensions). Exempt parts are counted in the details, never failed.

Judged by content, not boxes: a box wider than the screen that holds nothing past the edge
makes the page scroll onto empty space, which WCAG's Understanding document lets pass, while
a long word or a line that will not wrap overflows a box that fits and fails.

No W3C ACT rule covers reflow (none is approved or proposed for 1.4.10), so `act_rules` is
empty.
"""

from __future__ import annotations

from audits import audit
from checker.model.reflow_facts import ReflowElement, ReflowFacts
from checker.model.results import CannotMeasure, Finding, Outcome
from checker.model.snapshot import PageSnapshot

FIX = (
    "Let the content shrink to the screen: max-width: 100% instead of fixed widths, "
    "overflow-wrap: anywhere for long words and addresses, and flex-wrap or a single column "
    "at narrow widths; let wide tables and code scroll inside a wrapper with overflow-x: auto."
)
# Exempt parts listed in the details (all are counted).
MAX_EXEMPT_LISTED = 10


@audit(
    id="reflow",
    title="Content reflows for people who zoom in",
    failure_title="Content does not reflow for people who zoom in",
    description=(
        "Checks the page at 320 CSS px wide, what a computer screen shows zoomed to 400%: "
        "text and controls must fit that width, so people who zoom in to read scroll down "
        "only, never sideways along every line. Data tables, code, pictures, maps and videos "
        "may scroll both ways."
    ),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/reflow.html",
    category="accessibility",
    weight=7,
    impact="serious",
    fix=FIX,
    requires=("reflow",),
    act_rules=(),
    wcag=("1.4.10",),
)
def reflow(snapshot: PageSnapshot) -> Outcome:
    facts = snapshot.reflow
    if facts is None:
        raise CannotMeasure(
            "The page was not laid out 320 px wide on this device (a run from before the "
            "reflow check, or one without the accessibility pass), so its reflow is unknown."
        )
    overflow = facts.of_kind("overflow")
    cut_off = facts.of_kind("cut-off")
    exempt = facts.of_kind("exempt")
    counts = {kind: _count(facts, kind) for kind in ("overflow", "cut-off", "exempt")}
    details = {
        "axis": facts.axis,
        "viewport_width": facts.width,
        "viewport_height": facts.height,
        "screen_edge": facts.edge,
        "page_size": facts.scroll_size,
        "clipped_by": facts.clipped_by,
        "overflowing": counts["overflow"],
        "cut_off": counts["cut-off"],
        "exempt": counts["exempt"],
        "exempt_parts": [
            {"selector": e.selector, "exempt_as": e.exempt_as, "reach": e.reach}
            for e in exempt[:MAX_EXEMPT_LISTED]
        ],
        "off_canvas_text": facts.off_canvas,
        "text_nodes": facts.text_nodes,
    }
    size = _size_words(facts)
    if not overflow and not cut_off:
        return Outcome(
            score=1,
            display=_pass_display(facts, size, counts["exempt"], exempt),
            value=facts.scroll_size,
            unit="px",
            details=details,
        )
    findings = [_finding(e, facts, size) for e in [*overflow, *cut_off]]
    furthest = max((e.reach for e in [*overflow, *cut_off]), key=abs)
    parts = counts["overflow"] + counts["cut-off"]
    display = (
        f"At {size}, {_parts(parts)} of the page reach{'es' if parts == 1 else ''} "
        f"past the screen's edge (to {round(furthest)} px)"
    )
    if counts["overflow"]:
        display += f": people who zoom in must scroll {_sideways(facts)} to read"
        display += f" {'it' if parts == 1 else 'them'}"
    if counts["cut-off"]:
        cut = "it is" if parts == 1 else f"{counts['cut-off']} of them {_are(counts['cut-off'])}"
        display += f"{';' if counts['overflow'] else ':'} {cut} cut off and cannot be seen"
    return Outcome(
        score=0,
        display=display + ".",
        value=facts.scroll_size,
        unit="px",
        findings=findings,
        details=details,
    )


def _count(facts: ReflowFacts, kind: str) -> int:
    return len(facts.of_kind(kind)) + facts.truncated.get(kind, 0)  # type: ignore[arg-type]


def _size_words(facts: ReflowFacts) -> str:
    return f"{facts.edge} px wide" if facts.axis == "x" else f"{facts.edge} px tall"


def _sideways(facts: ReflowFacts) -> str:
    return "sideways" if facts.axis == "x" else "up and down"


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def _parts(n: int) -> str:
    return "1 part" if n == 1 else f"{n} parts"


def _pass_display(facts: ReflowFacts, size: str, exempt: int, listed: list[ReflowElement]) -> str:
    display = f"At {size} the page's text and controls fit the screen"
    if exempt:
        kinds = sorted({e.exempt_as for e in listed})
        verb = "reaches" if exempt == 1 else "reach"
        display += f"; {_parts(exempt)} that may scroll both ways ({', '.join(kinds)}) {verb}"
        display += " further"
    elif facts.scroll_size > facts.edge + 1:
        display += f"; the page scrolls to {facts.scroll_size} px, but only onto empty space"
    return display + "."


def _finding(part: ReflowElement, facts: ReflowFacts, size: str) -> Finding:
    reach = round(part.reach)
    at = f"{reach} px" if reach > 0 else f"{-reach} px before the page's start"
    if part.kind == "overflow":
        what = "A line that does not wrap reaches" if part.unbroken else "Reaches"
        to = "read each line" if part.chars else "see and use it"
        message = (
            f"{what} {at} at {size}: people who zoom in must scroll {_sideways(facts)} to {to}."
        )

    else:
        if reach < 0:
            why = "where nobody can scroll"
        elif facts.clipped_by:
            why = f"where the page ({facts.clipped_by}) hides what is past the edge"
        else:
            why = "on a part fixed to the screen, which does not scroll"
        what = "text" if part.chars else "part"
        message = (
            f"Reaches {at} at {size}, {why}: the {what} past the edge is cut off for people "
            "who zoom in."
        )
    return Finding(
        message=message,
        element=part.element,
        details={
            "reach": reach,
            "edge": facts.edge,
            "overflow_px": reach - facts.edge if reach > 0 else -reach,
            "width": round(part.box.width) if part.element.box else None,
            "text_chars": part.chars,
            "kind": part.kind,
            "unbroken": part.unbroken,
        },
    )
