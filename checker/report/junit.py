"""junit.xml: the gate's outcomes as JUnit XML, for the test reporters of GitLab, Jenkins, GitHub.

One <testsuite> per page, one <testcase> per page x device x assertion. The shape follows the
Jenkins JUnit schema (junit-4.xsd, the one Jenkins' dtkit and JUnit 5's tests validate against):
<properties> first in a suite, then testcases; in a testcase <skipped>, then <failure>, then
<system-out>; `name` and `tests` required on a suite, `name` on a testcase, `name` and `value`
on a property.

Only error-level failures are <failure>s. A warn-level failure is a passed testcase with a
<system-out> saying "warning: ...": every reporter turns a <failure> red and many fail the
build on it, and a warning must never do either. Page data (titles, URLs, finding messages) is
hostile: ElementTree escapes markup, and characters XML 1.0 cannot carry at all (NUL, most C0
controls, lone surrogates) are dropped, else no parser would read the file.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from checker.model.gate import AssertionOutcome, GateResult
from checker.model.results import PageResult, RunResult

# What XML 1.0 forbids: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
# are the only characters allowed (https://www.w3.org/TR/xml/#charsets).
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Checks judge data already gathered: they take no measurable time of their own.
_NO_TIME = "0"


def render_junit(run: RunResult, gate: GateResult) -> str:
    outcomes = [*gate.outcomes, *gate.regressions]
    suites = [_testsuite(run, url, page, cases) for url, page, cases in _by_page(run, outcomes)]
    root = ET.Element("testsuites", _attrs(name="readiness"))
    _set_counts(root, suites)
    root.set("time", _NO_TIME)
    root.extend(suites)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def xml_text(text: object) -> str:
    """Text XML 1.0 can carry: the forbidden characters dropped (ElementTree escapes the rest)."""
    return _NOT_XML_CHAR.sub("", str(text))


def _by_page(
    run: RunResult, outcomes: list[AssertionOutcome]
) -> list[tuple[str, PageResult | None, list[AssertionOutcome]]]:
    """Outcomes grouped by page: the run's pages in their order, then pages only the gate
    knows (a baseline page this run no longer has)."""
    pages = {page.url: page for page in run.pages}
    order = dict.fromkeys([*pages, *(o.page for o in outcomes)])
    return [(url, pages.get(url), [o for o in outcomes if o.page == url]) for url in order]


def _testsuite(
    run: RunResult, url: str, page: PageResult | None, outcomes: list[AssertionOutcome]
) -> ET.Element:
    cases = [_testcase(o) for o in outcomes]
    suite = ET.Element("testsuite", _attrs(name=url))
    _set_counts(suite, cases)
    suite.set("time", _NO_TIME)
    timestamp = _timestamp(run.started_at)
    if timestamp:
        suite.set("timestamp", timestamp)
    suite.append(_properties(run, page))
    suite.extend(cases)
    return suite


def _set_counts(element: ET.Element, children: list[ET.Element]) -> None:
    """tests/failures/errors/skipped from the children: testcases, or suites already counted."""
    if element.tag == "testsuite":
        counts = {
            "tests": len(children),
            "failures": sum(c.find("failure") is not None for c in children),
            "errors": 0,  # an error is a broken test; a page that failed to load is a failure
            "skipped": sum(c.find("skipped") is not None for c in children),
        }
    else:
        # The schema gives <testsuites> no skipped count: only its suites carry one.
        counts = {
            key: sum(int(c.get(key, "0")) for c in children)
            for key in ("tests", "failures", "errors")
        }
    for key, value in counts.items():
        element.set(key, str(value))


def _properties(run: RunResult, page: PageResult | None) -> ET.Element:
    values = {
        "tool": run.tool.get("name", "readiness"),
        "tool.version": run.tool.get("version", ""),
        "started_at": run.started_at,
    }
    if page is not None:
        values["page.status"] = page.status
        if page.final_url and page.final_url != page.url:
            values["page.final_url"] = page.final_url
        if page.metadata.get("title"):
            values["page.title"] = page.metadata["title"]
        if page.error is not None:
            values["page.error"] = f"{page.error.kind}: {page.error.message}"
    properties = ET.Element("properties")
    for name, value in values.items():
        ET.SubElement(properties, "property", _attrs(name=name, value=value))
    return properties


def _testcase(outcome: AssertionOutcome) -> ET.Element:
    classname = outcome.page if outcome.device is None else f"{outcome.page} [{outcome.device}]"
    case = ET.Element(
        "testcase", _attrs(classname=classname, name=outcome.assertion, time=_NO_TIME)
    )
    verdict = f"expected {outcome.expected}, got {outcome.actual}"
    if outcome.level == "off":
        # Kept visible as skipped, so the report shows the assertion exists but was turned off.
        ET.SubElement(case, "skipped").text = xml_text("assertion is off")
    elif not outcome.passed and outcome.level == "error":
        failure = ET.SubElement(case, "failure", _attrs(message=verdict, type="assertion"))
        failure.text = xml_text(_summary(outcome) or verdict)
    elif not outcome.passed:
        out = ET.SubElement(case, "system-out")
        summary = _summary(outcome)
        out.text = xml_text(f"warning: {verdict}" + (f"\n{summary}" if summary else ""))
    return case


def _summary(outcome: AssertionOutcome) -> str:
    """The finding summary: the outcome's message, then its details one per line (a detail
    without a value is left out: a person reads this, not a parser)."""
    lines = [outcome.message] if outcome.message else []
    for key, value in outcome.details.items():
        if value is None:
            continue
        shown = value if isinstance(value, str) else json.dumps(value, default=str)
        lines.append(f"{key}: {shown}")
    return "\n".join(lines)


def _timestamp(started_at: str) -> str | None:
    """UTC without an offset, the form the Ant/Jenkins schemas give (YYYY-MM-DDTHH:MM:SS)."""
    try:
        moment = datetime.fromisoformat(started_at)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds")


def _attrs(**values: object) -> dict[str, str]:
    return {key: xml_text(value) for key, value in values.items()}
