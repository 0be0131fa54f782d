"""What the byte-savings diagnostics share (image-sizing, modern-image-formats,
text-compression): the resources measured again, a finding per resource that could be
smaller, and one outcome scored on the bytes saved in all.

Not an audit module: it registers nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from audits.common.speed_metrics import NOT_MEASURED_ON_DEVICE
from audits.common.speed_savings import bytes_to_ms, savings_score
from checker.model.details import SavingsDetails
from checker.model.dom_facts import ImageFacts
from checker.model.elements import Element
from checker.model.load_facts import ResourceFacts
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

MAX_FINDINGS = 20


@dataclass(frozen=True)
class Saving:
    """One resource that could be smaller, by `saved_bytes`."""

    resource: ResourceFacts
    saved_bytes: int
    message: str
    details: dict[str, Any] = field(default_factory=dict)


def kib(size: float) -> str:
    """Bytes as Lighthouse shows them: "57 KiB" (one decimal under 10 KiB)."""
    value = size / 1024
    return f"{value:.1f} KiB" if value < 10 else f"{round(value):,} KiB"


def savings_outcome(
    snapshot: PageSnapshot,
    savings: Iterable[Saving],
    *,
    checked: int,
    unmeasured: Iterable[ResourceFacts] = (),
    nothing_found: str,
) -> Outcome:
    """The diagnostic's Outcome: scored on the total saved; None only where no speed pass ran.
    `checked` is how many resources the rule could judge; `unmeasured` those it could not."""
    if not snapshot.speed_runs:
        return Outcome(score=None, display=NOT_MEASURED_ON_DEVICE)
    items = sorted(savings, key=lambda s: -s.saved_bytes)
    total = sum(s.saved_bytes for s in items)
    saved_ms = bytes_to_ms(total)
    details = SavingsDetails(
        savings_ms=saved_ms,
        savings_bytes=total,
        facts={
            "resources_checked": checked,
            "resources_flagged": len(items),
            "not_measured": [{"url": r.url, "error": r.error} for r in unmeasured][:MAX_FINDINGS],
        },
    )
    if not items:
        return Outcome(score=1.0, display=nothing_found, value=0, unit="bytes", details=details)
    display = f"Potential savings of {kib(total)} (~{saved_ms:,.0f} ms at slow 4G)"
    return Outcome(
        score=savings_score(total, saved_ms),
        display=display,
        value=total,
        unit="bytes",
        findings=[_finding(snapshot, s) for s in items[:MAX_FINDINGS]],
        details=details,
    )


def image_showing(snapshot: PageSnapshot, url: str) -> ImageFacts | None:
    """The largest visible <img> that shows `url`, if the DOM has one."""
    key = url.split("#", 1)[0]
    shown = [
        i for i in snapshot.dom.images if i.src and i.src.split("#", 1)[0] == key and i.visible
    ]
    return max(shown, key=lambda i: i.box.width * i.box.height, default=None)


def _finding(snapshot: PageSnapshot, saving: Saving) -> Finding:
    resource = saving.resource
    details = {
        "url": resource.url,
        "bytes": resource.body_bytes,
        "saved_bytes": saving.saved_bytes,
        "saved_ms": bytes_to_ms(saving.saved_bytes),
        **saving.details,
    }
    image = image_showing(snapshot, resource.url)
    if image is not None:
        return Finding(
            message=saving.message,
            element=Element(image.selector, image.box, resource.url),
            details=details,
        )
    tag = next((t for t in snapshot.dom.render_blocking if t.url == resource.url), None)
    return Finding(
        message=saving.message,
        element=Element(tag.selector if tag is not None else "", snippet=resource.url),
        details=details,
    )
