"""findings.csv: the findings sheet an agency hands on or works from, one row per finding of
every failing audit, on every page and device: url, device, category, audit, impact,
selector, message, fix, help_url.

UTF-8 with a byte-order mark (Excel reads a CSV without one as ANSI and garbles accents), and
every cell from a page made inert where a spreadsheet would run it as a formula
(comparison.csv_safe). An audit that fails as a whole (text too small on a page without a
viewport) names no element: its row has no selector and says what failed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from checker.model.results import AuditResult, RunResult
from checker.report.comparison import csv_safe

COLUMNS = ("url", "device", "category", "audit", "impact", "selector", "message", "fix", "help_url")
BYTE_ORDER_MARK = "\ufeff"


def render_findings_csv(run: RunResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180's line ends, as Excel writes
    writer.writerow(COLUMNS)
    for row in finding_rows(run):
        writer.writerow([csv_safe(cell) for cell in row])
    return BYTE_ORDER_MARK + out.getvalue()


def finding_rows(run: RunResult) -> Iterator[tuple[str, ...]]:
    """The sheet's rows, in report order: page by page, device by device, audit by audit."""
    for page in run.pages:
        for device in page.devices:
            if device.error is not None:
                continue
            for audit in device.audits.values():
                if not audit.failed:
                    continue
                for selector, message, impact in _findings(audit):
                    yield (page.url, device.device, audit.category, audit.id, impact,
                           selector, message, audit.fix, audit.help_url)  # fmt: skip


def _findings(audit: AuditResult) -> Iterator[tuple[str, str, str]]:
    if not audit.findings:
        yield "", _one_line(audit.display or audit.title), ""
        return
    for finding in audit.findings:
        yield finding.selector or "", _one_line(finding.message), finding.impact or ""


def _one_line(text: str) -> str:
    return " ".join(text.split())
