"""Checks of a report.sarif shared by the unit and end-to-end tests: the OASIS schema, and the
rules GitHub code scanning adds to it ("SARIF support for code scanning")."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA = Path(__file__).parents[1] / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"


@cache
def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def schema_errors(log: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(log)]


def github_problems(log: dict[str, Any]) -> list[str]:
    """What GitHub code scanning would refuse or mishandle in the log."""
    problems = []
    if log.get("version") != "2.1.0" or not log.get("$schema"):
        problems.append("version 2.1.0 and $schema are required")
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        if not driver.get("name"):
            problems.append("tool.driver.name is required")
        rules = driver["rules"]
        if len({r["id"] for r in rules}) != len(rules):
            problems.append("rule ids repeat")
        for rule in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                text = rule.get(key, {}).get("text", "")
                if not text or (key != "help" and len(text) > 1024):
                    problems.append(f"rule {rule['id']}: {key}.text empty or over 1,024")
            if len(rule.get("name", "")) > 255:
                problems.append(f"rule {rule['id']}: name over 255")
            if len(rule.get("properties", {}).get("tags", [])) > 10:
                problems.append(f"rule {rule['id']}: over 10 tags")
            if rule.get("defaultConfiguration", {}).get("level") not in (
                "error",
                "warning",
                "note",
            ):
                problems.append(f"rule {rule['id']}: no valid default level")
            if "security-severity" in rule.get("properties", {}):
                problems.append(f"rule {rule['id']}: a security severity")
        if len(run["results"]) > 5000:
            problems.append("over 5,000 results")
        for n, result in enumerate(run["results"]):
            where = f"result {n}"
            index = result.get("ruleIndex")
            if index is None or not 0 <= index < len(rules):
                problems.append(f"{where}: ruleIndex out of range")
            elif rules[index]["id"] != result.get("ruleId"):
                problems.append(f"{where}: ruleIndex names another rule than ruleId")
            if result.get("level") not in ("error", "warning", "note"):
                problems.append(f"{where}: level {result.get('level')!r}")
            if not result.get("message", {}).get("text"):
                problems.append(f"{where}: no message.text")
            locations = result.get("locations") or []
            if not 1 <= len(locations) <= 10:
                problems.append(f"{where}: {len(locations)} locations")
                continue
            physical = locations[0].get("physicalLocation", {})
            if not physical.get("artifactLocation", {}).get("uri"):
                problems.append(f"{where}: no artifactLocation.uri")
            if not isinstance(physical.get("region", {}).get("startLine"), int):
                problems.append(f"{where}: no region.startLine")
            prints = result.get("partialFingerprints", {})
            if not prints.get("primaryLocationLineHash") or not prints.get("readiness/v1"):
                problems.append(f"{where}: not fingerprinted")
    return problems
