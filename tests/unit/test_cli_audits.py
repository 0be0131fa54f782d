"""`readiness audits`: the registry listed as an aligned table or as JSON, no browser needed."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from audits import all_audits
from checker.cli.app import app
from checker.cli.audits import COLUMNS, list_audits

runner = CliRunner()


def _specs():
    return [s for s in all_audits() if s.run.__module__.startswith("audits.")]


def test_audits_lists_every_audit_as_json_with_what_it_checks_and_where_to_read_more():
    result = runner.invoke(app, ["audits", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)["audits"]
    specs = _specs()
    assert len(listed) == len(specs) > 30
    for entry, spec in zip(listed, specs, strict=True):
        assert entry == {
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


def test_audits_table_has_one_aligned_row_per_audit_and_its_description_and_link_under_it():
    result = runner.invoke(app, ["audits"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = lines[0]
    assert header.split() == list(COLUMNS)
    starts = [header.index(column) for column in COLUMNS]
    rows = {line.split()[0]: line for line in lines[1:] if not line.startswith(" ")}
    specs = _specs()
    assert list(rows) == [s.id for s in specs]
    for spec in specs:
        row = rows[spec.id]
        # Each cell starts under its column's name.
        assert row[starts[1] :].startswith(spec.category + " ")
        assert row[starts[2] :].startswith(f"{spec.weight:g} ")
        assert row[starts[3] :].startswith(spec.impact + " ")
        assert row[starts[4] :].startswith(", ".join(spec.requires) + " ")
        assert row[starts[5] :] == spec.title
        below = lines[lines.index(row) + 1 :]
        until_next = below[: next((i for i, x in enumerate(below) if not x.startswith(" ")), None)]
        assert " ".join(x.strip() for x in until_next[:-1]) == spec.description
        assert until_next[-1].strip() == spec.help_url


def test_audits_refuses_a_format_it_does_not_know():
    result = runner.invoke(app, ["audits", "--format", "xml"])
    assert result.exit_code == 2
    assert "xml" in result.output


def test_list_audits_composes_into_any_typer_app():
    other = typer.Typer()
    other.command("audits")(list_audits)
    other.command("other")(lambda: None)  # two commands, so "audits" is a subcommand
    result = runner.invoke(other, ["audits", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.output)["audits"]] == [s.id for s in _specs()]
