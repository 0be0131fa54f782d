"""`readiness audits`: every audit of the registry with what it checks, as a table or JSON.

A plain function, not bound to an app: checker/cli/app.py registers it as a command.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import Any

import typer

from audits import AuditSpec, all_audits
from checker.cli.options import ListFormat, ListFormatOption

COLUMNS = ("id", "category", "weight", "impact", "requires", "title")
# The description wraps under each row, indented, within the width the project's code keeps.
WIDTH = 100
INDENT = "    "


def audit_records(specs: Iterable[AuditSpec]) -> list[dict[str, Any]]:
    """The audits as plain data, in the registry's order (the order reports show them)."""
    return [
        {
            "id": spec.id,
            "category": spec.category,
            "weight": spec.weight,
            "impact": spec.impact,
            "title": spec.title,
            "description": spec.description,
            "help_url": spec.help_url,
            "requires": list(spec.requires),
            "act_rules": list(spec.act_rules),
            "wcag": list(spec.wcag),
        }
        for spec in specs
    ]


def audits_table(records: list[dict[str, Any]]) -> str:
    """One aligned row per audit (id, category, weight, impact, requires, title), with what it
    checks and where to read more on the lines under it."""
    cells = [
        (
            r["id"],
            r["category"],
            f"{r['weight']:g}",
            r["impact"],
            ", ".join(r["requires"]),
            r["title"],
        )
        for r in records
    ]
    widths = [max(len(row[i]) for row in [COLUMNS, *cells]) for i in range(len(COLUMNS))]
    lines = [_row(COLUMNS, widths)]
    for record, row in zip(records, cells, strict=True):
        lines.append(_row(row, widths))
        lines += textwrap.wrap(
            record["description"],
            WIDTH,
            initial_indent=INDENT,
            subsequent_indent=INDENT,
            break_long_words=False,
            break_on_hyphens=False,  # "third-party", "og:image:width" stay whole
        )
        lines.append(INDENT + record["help_url"])
    return "\n".join(lines)


def _row(cells: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def list_audits(
    output_format: ListFormatOption = ListFormat.TABLE,
) -> None:
    """List the audits: what each checks, its weight and where to read more."""
    records = audit_records(all_audits())
    if output_format is ListFormat.JSON:
        typer.echo(json.dumps({"audits": records}, indent=2, ensure_ascii=False))
    else:
        typer.echo(audits_table(records))
