"""junit.xml: structure and counts a CI reporter reads, and hostile page text kept inert.

The structure is checked against the rules of the Jenkins JUnit schema, junit-4.xsd from
Jenkins' dtkit (the copy in junit-team/junit5, platform-tests/src/test/resources/
jenkins-junit.xsd), transcribed by hand below: no schema file is downloaded or shipped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from checker.model.gate import AssertionOutcome, GateResult
from checker.model.results import ErrorInfo, PageResult, RunResult
from checker.report.junit import render_junit, xml_text

SHOP = "https://shop.example/"
MISSING = "https://shop.example/missing"
HOSTILE = "<script>alert(1)</script> | `x` ]]> &amp; \x00\x1b\x0b\ud800\ufffe end\nnext line"


def outcome(assertion: str, device: str | None = "pixel-7", **kwargs: object) -> AssertionOutcome:
    values: dict[str, object] = {
        "page": SHOP,
        "device": device,
        "assertion": assertion,
        "level": "error",
        "passed": True,
        "expected": "pass",
        "actual": "pass",
    }
    values.update(kwargs)
    return AssertionOutcome(**values)  # type: ignore[arg-type]


def sample_run(title: str = HOSTILE) -> RunResult:
    ok = PageResult(
        url=SHOP,
        final_url=SHOP + "en/",
        status="ok",
        error=None,
        scores={"overall": 47, "layout": 40, "speed": None, "social": 80},
        metadata={"title": title},
        devices=[],
    )
    broken = PageResult(
        url=MISSING,
        final_url=None,
        status="error",
        error=ErrorInfo("http-error", "The server answered 404 Not Found."),
        scores={"overall": None, "layout": None, "speed": None, "social": None},
        metadata={},
        devices=[],
    )
    return RunResult(
        started_at="2024-05-01T12:00:00+02:00",
        config={},
        pages=[ok, broken],
        summary={"pages": 2, "errors": 1, "scores": {}},
        tool={"name": "readiness", "version": "9.8.7"},
    )


def sample_gate() -> GateResult:
    return GateResult(
        outcomes=[
            outcome("viewport"),
            outcome(
                "tap-targets",
                passed=False,
                actual="fail (40)",
                message=HOSTILE,
                details={"selector": "nav > a", "distance": 20.5},
            ),
            outcome("tap-targets", device="ipad-mini"),
            outcome("category:layout", device=None, passed=False, expected=">= 80", actual="40"),
            outcome(
                "share-image", level="warn", passed=False, actual="fail (0)", message="No image."
            ),
            outcome("font-size", level="off", passed=False, actual="fail (0)"),
            outcome(
                "page-loads",
                device=None,
                page=MISSING,
                passed=False,
                expected="loads",
                actual="http-error",
                message="The server answered 404 Not Found.",
            ),
        ],
        regressions=[
            outcome("regression:social", device=None, passed=False, expected=">= 85", actual="80")
        ],
    )


@pytest.fixture(scope="module")
def xml() -> str:
    return render_junit(sample_run(), sample_gate())


@pytest.fixture(scope="module")
def root(xml: str) -> ET.Element:
    return ET.fromstring(xml.encode("utf-8"))


def suite(root: ET.Element, url: str) -> ET.Element:
    [found] = [s for s in root.iter("testsuite") if s.get("name") == url]
    return found


def case(root: ET.Element, classname: str, name: str) -> ET.Element:
    [found] = [
        c
        for c in root.iter("testcase")
        if c.get("classname") == classname and c.get("name") == name
    ]
    return found


# junit-4.xsd, by hand: per element, its children in the order of the xs:sequence with their
# occurrence bounds, its allowed attributes, the required ones, and whether it holds text.
UNBOUNDED = 10**9
JENKINS_SCHEMA: dict[str, tuple[list[tuple[str, int, int]], set[str], set[str], bool]] = {
    "testsuites": (
        [("testsuite", 0, UNBOUNDED)],
        {"name", "time", "tests", "failures", "disabled", "errors"},
        set(),
        False,
    ),
    "testsuite": (
        [
            ("properties", 0, 1),
            ("testcase", 0, UNBOUNDED),
            ("system-out", 0, 1),
            ("system-err", 0, 1),
        ],
        {
            "name",
            "tests",
            "failures",
            "errors",
            "time",
            "disabled",
            "skipped",
            "timestamp",
            "hostname",
            "id",
            "package",
        },
        {"name", "tests"},
        False,
    ),
    "properties": ([("property", 1, UNBOUNDED)], set(), set(), False),
    "property": ([], {"name", "value"}, {"name", "value"}, False),
    "testcase": (
        [
            ("skipped", 0, 1),
            ("error", 0, UNBOUNDED),
            ("failure", 0, UNBOUNDED),
            ("system-out", 0, UNBOUNDED),
            ("system-err", 0, UNBOUNDED),
        ],
        {"name", "assertions", "time", "classname", "status"},
        {"name"},
        False,
    ),
    "failure": ([], {"type", "message"}, set(), True),
    "error": ([], {"type", "message"}, set(), True),
    "skipped": ([], set(), set(), True),
    "system-out": ([], set(), set(), True),
    "system-err": ([], set(), set(), True),
}


def schema_violations(element: ET.Element) -> list[str]:
    if element.tag not in JENKINS_SCHEMA:
        return [f"unknown element <{element.tag}>"]
    sequence, allowed, required, has_text = JENKINS_SCHEMA[element.tag]
    problems = [f"<{element.tag}> lacks @{a}" for a in required - set(element.attrib)]
    problems += [f"<{element.tag}> has @{a}" for a in set(element.attrib) - allowed]
    if not has_text and (element.text or "").strip():
        problems.append(f"<{element.tag}> holds text")
    order = [tag for tag, _, _ in sequence]
    positions = [order.index(c.tag) if c.tag in order else -1 for c in element]
    if -1 in positions or positions != sorted(positions):
        problems.append(f"<{element.tag}> children out of order: {[c.tag for c in element]}")
    for tag, low, high in sequence:
        count = sum(c.tag == tag for c in element)
        if not low <= count <= high:
            problems.append(f"<{element.tag}> has {count} <{tag}>")
    for child in element:
        problems += schema_violations(child)
    return problems


def test_junit_is_well_formed_xml_with_a_declaration(xml: str) -> None:
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    ET.fromstring(xml.encode("utf-8"))


def test_junit_follows_the_jenkins_junit_schema(root: ET.Element) -> None:
    assert root.tag == "testsuites"
    assert schema_violations(root) == []


def test_junit_has_one_suite_per_page_in_run_order(root: ET.Element) -> None:
    assert [s.get("name") for s in root] == [SHOP, MISSING]


def test_junit_counts_tests_failures_and_skips_per_suite_and_in_total(root: ET.Element) -> None:
    assert root.get("name") == "readiness"
    counts = ("tests", "failures", "errors", "skipped")
    assert [root.get(k) for k in counts] == ["8", "4", "0", None]  # no @skipped in the schema
    assert [suite(root, SHOP).get(k) for k in counts] == ["7", "3", "0", "1"]
    assert [suite(root, MISSING).get(k) for k in counts] == ["1", "1", "0", "0"]
    for element in root.iter("testsuite"):
        assert int(element.get("tests", "")) == len(element.findall("testcase"))
    assert root.get("time") == "0"


def test_junit_names_testcases_by_page_device_and_assertion(root: ET.Element) -> None:
    names = [(c.get("classname"), c.get("name")) for c in suite(root, SHOP).iter("testcase")]
    assert names[:4] == [
        (f"{SHOP} [pixel-7]", "viewport"),
        (f"{SHOP} [pixel-7]", "tap-targets"),
        (f"{SHOP} [ipad-mini]", "tap-targets"),
        (SHOP, "category:layout"),
    ]
    assert (SHOP, "regression:social") in names


def test_junit_passed_assertion_is_an_empty_testcase(root: ET.Element) -> None:
    assert list(case(root, f"{SHOP} [pixel-7]", "viewport")) == []


def test_junit_failure_carries_expected_actual_and_the_finding_summary(root: ET.Element) -> None:
    failure = case(root, f"{SHOP} [pixel-7]", "tap-targets").find("failure")
    assert failure is not None
    assert failure.get("message") == "expected pass, got fail (40)"
    assert failure.get("type") == "assertion"
    text = failure.text or ""
    assert text.startswith("<script>alert(1)</script> | `x` ]]> &amp; ")
    assert "selector: nav > a" in text
    assert "distance: 20.5" in text


def test_junit_page_level_failure_without_findings_says_expected_and_actual(
    root: ET.Element,
) -> None:
    failure = case(root, SHOP, "category:layout").find("failure")
    assert failure is not None
    assert failure.get("message") == "expected >= 80, got 40"
    assert failure.text == "expected >= 80, got 40"


def test_junit_page_that_could_not_be_audited_fails_page_loads(root: ET.Element) -> None:
    failure = case(root, MISSING, "page-loads").find("failure")
    assert failure is not None
    assert failure.get("message") == "expected loads, got http-error"
    assert failure.text == "The server answered 404 Not Found."
    props = {p.get("name"): p.get("value") for p in suite(root, MISSING).iter("property")}
    assert props["page.status"] == "error"
    assert props["page.error"] == "http-error: The server answered 404 Not Found."


def test_junit_warning_is_a_passed_testcase_with_system_out(root: ET.Element) -> None:
    warned = case(root, f"{SHOP} [pixel-7]", "share-image")
    assert warned.find("failure") is None
    assert warned.find("error") is None
    out = warned.find("system-out")
    assert out is not None
    assert out.text == "warning: expected pass, got fail (0)\nNo image."


def test_junit_assertion_turned_off_is_skipped(root: ET.Element) -> None:
    skipped = case(root, f"{SHOP} [pixel-7]", "font-size")
    assert skipped.find("skipped") is not None
    assert skipped.find("failure") is None


def test_junit_properties_give_tool_version_and_page_identity(root: ET.Element) -> None:
    shop = suite(root, SHOP)
    assert shop[0].tag == "properties"
    props = {p.get("name"): p.get("value") for p in shop.iter("property")}
    assert props["tool"] == "readiness"
    assert props["tool.version"] == "9.8.7"
    assert props["page.final_url"] == SHOP + "en/"
    assert props["page.title"].startswith("<script>alert(1)</script>")


def test_junit_timestamp_is_utc_without_offset(root: ET.Element) -> None:
    assert suite(root, SHOP).get("timestamp") == "2024-05-01T10:00:00"


def test_junit_escapes_markup_and_cdata_ends_in_page_text(xml: str) -> None:
    assert "<script>" not in xml
    assert "]]>" not in xml
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml
    assert "&amp;amp;" in xml  # a literal "&amp;" in a title stays literal


def test_junit_drops_characters_xml_cannot_carry(xml: str, root: ET.Element) -> None:
    for forbidden in ("\x00", "\x1b", "\x0b", "\ud800", "\ufffe"):
        assert forbidden not in xml
    props = {p.get("name"): p.get("value") for p in suite(root, SHOP).iter("property")}
    assert props["page.title"].endswith(" end\nnext line")


def test_xml_text_keeps_tabs_newlines_and_astral_characters() -> None:
    assert xml_text("a\tb\nc\rd 😀\x01\x7f") == "a\tb\nc\rd 😀\x7f"


def test_junit_adds_a_suite_for_a_page_only_the_gate_knows() -> None:
    gone = outcome("regression:layout", device=None, page="https://old.example/", passed=False)
    root = ET.fromstring(render_junit(sample_run(), GateResult([], [gone])).encode())
    assert [s.get("name") for s in root] == [SHOP, MISSING, "https://old.example/"]
    assert [root.get("tests"), root.get("failures")] == ["1", "1"]
    assert schema_violations(root) == []


def test_junit_of_a_run_with_nothing_asserted_is_valid_and_empty() -> None:
    root = ET.fromstring(render_junit(sample_run(), GateResult([])).encode())
    assert [root.get("tests"), root.get("failures"), root.get("errors")] == ["0", "0", "0"]
    assert schema_violations(root) == []


def test_junit_leaves_out_details_without_a_value() -> None:
    failing = outcome(
        "font-size",
        passed=False,
        message="Text is too small to read.",
        details={"score": 0.0, "value": None, "unit": None},
    )
    xml = render_junit(sample_run(), GateResult([failing]))
    failure = ET.fromstring(xml).find(".//failure")
    assert failure is not None and failure.text is not None
    assert "score: 0.0" in failure.text
    assert "null" not in failure.text and "None" not in failure.text
