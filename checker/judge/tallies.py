"""What a site's pages say, counted: the labels an audit's details give a page under "tally"
("GPTBot kept out", "large image in Discover"), each with the number of pages that have it.

An audit that reports a state rather than a pass or a fail (which AI crawlers may read the
page, whether Discover shows a large image) gives each page its labels; the site overview
shows how many pages share each. A page counts a label once, whichever of its devices gave it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.model.results import PageResult

TALLY_KEY = "tally"


@dataclass(frozen=True)
class LabelCount:
    label: str
    pages: int


@dataclass(frozen=True)
class AuditTally:
    """Over the `pages` on which the audit gave labels: how many have each label, in the
    order the labels first appear."""

    id: str
    title: str
    pages: int
    counts: list[LabelCount] = field(default_factory=list)


def audit_tallies(pages: Iterable[PageResult]) -> list[AuditTally]:
    labelled: dict[str, int] = {}
    counts: dict[str, dict[str, int]] = {}
    titles: dict[str, str] = {}
    for page in pages:
        labels_by_audit: dict[str, dict[str, None]] = {}
        for device in page.devices:
            if device.error is not None:
                continue
            for audit in device.audits.values():
                labels = audit.details.get(TALLY_KEY) if isinstance(audit.details, dict) else None
                if audit.error is not None or not isinstance(labels, list):
                    continue
                titles.setdefault(audit.id, audit.title)
                given = labels_by_audit.setdefault(audit.id, {})
                given.update(dict.fromkeys(str(label) for label in labels))
        for audit_id, labels in labels_by_audit.items():
            labelled[audit_id] = labelled.get(audit_id, 0) + 1
            per_label = counts.setdefault(audit_id, {})
            for label in labels:
                per_label[label] = per_label.get(label, 0) + 1
    return [
        AuditTally(audit_id, titles[audit_id], labelled[audit_id],
                   [LabelCount(label, n) for label, n in counts[audit_id].items()])
        for audit_id in labelled
    ]  # fmt: skip
