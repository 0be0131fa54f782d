"""report.sarif: valid SARIF 2.1.0 (the OASIS schema, kept in tests/fixtures/sarif) that GitHub
code scanning takes: every result located, fingerprinted and tied to its rule, levels from the
findings' impact, GitHub's limits kept with what was cut counted, and page text kept inert."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from checker.model.elements import Element
from checker.model.results import AuditResult, DeviceResult, Finding, PageResult, RunResult
from checker.report.sarif import Limits, render_sarif
from checker.report.sarif_locations import SarifSettings
from checker.report.sarif_rules import level_of, message_text
from checker.report.write import write_reports
from tests.support.runs import failed_page, fails, page, run
from tests.support.sarif import github_problems, schema_errors

SHOP = "https://shop.example/"
BLOG = "https://shop.example/blog/first-post?utm_source=x"


def audit(
    audit_id: str,
    *findings: tuple[str | None, str, str | None],
    score: float = 0.0,
    category: str = "layout",
    weight: float = 10,
) -> AuditResult:
    """A failing audit; findings as (selector, message, impact)."""
    return AuditResult(
        id=audit_id,
        title=f"{audit_id} failed",
        category=category,  # type: ignore[arg-type]
        weight=weight,
        score=score,
        display="It failed",
        fix="Fix it.",
        findings=[
            Finding(message, Element(selector=selector) if selector else None, impact)  # type: ignore[arg-type]
            for selector, message, impact in findings
        ],
        help_url="https://example.org/help",
    )


def one_page(
    url: str, *audits: AuditResult, devices: tuple[str, ...] = ("iphone-se",)
) -> PageResult:
    return PageResult(
        url=url,
        final_url=url,
        status="ok",
        error=None,
        scores={"overall": 50, "layout": 50},
        metadata={},
        devices=[
            DeviceResult(
                device=name,
                viewport={"width": 375, "height": 667},
                is_mobile=True,
                scores={"overall": 50, "layout": 50},
                audits={a.id: a for a in audits},
            )
            for name in devices
        ],
    )


def sarif(result: RunResult, **kwargs: Any) -> dict[str, Any]:
    return json.loads(render_sarif(result, **kwargs))


def results(log: dict[str, Any]) -> list[dict[str, Any]]:
    return log["runs"][0]["results"]


def a_busy_run() -> RunResult:
    tap = audit(
        "tap-targets",
        ("nav > a:nth-child(2)", "This link is 20x20 px", "serious"),
        ("footer a", "This link is 30x30 px", "serious"),
    )
    return run(
        one_page(SHOP, tap, audit("viewport", ("head", "No viewport", "critical")),
                 devices=("iphone-se", "pixel-7")),
        one_page(BLOG, audit("font-size", score=0.2), audit("cache-policy",
                 (None, "Not cached: 32 KB", "moderate"), category="speed", weight=0)),
        failed_page("https://down.example/"),
    )  # fmt: skip


def test_a_run_is_valid_sarif_2_1_0_that_github_code_scanning_takes() -> None:
    log = sarif(a_busy_run())
    assert schema_errors(log) == []
    assert github_problems(log) == []
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == (
        "readiness", "1.2.3", "1.2.3",
    )  # fmt: skip
    assert [r["id"] for r in driver["rules"]] == [
        "viewport", "font-size", "tap-targets", "cache-policy",
    ]  # fmt: skip
    # Two findings on two phones, the viewport on two, the font size and the cache once each.
    assert len(results(log)) == 4 + 2 + 1 + 1


def test_each_failing_finding_is_a_result_and_an_audit_failing_as_a_whole_is_one() -> None:
    log = sarif(a_busy_run())
    font = [r for r in results(log) if r["ruleId"] == "font-size"]
    assert len(font) == 1
    assert font[0]["message"]["text"].startswith("Text is too small to read on a phone: It failed")
    assert "selector" not in font[0]["properties"]
    tap = [r for r in results(log) if r["ruleId"] == "tap-targets"]
    assert {(r["properties"]["device"], r["properties"]["selector"]) for r in tap} == {
        ("iphone-se", "nav > a:nth-child(2)"), ("iphone-se", "footer a"),
        ("pixel-7", "nav > a:nth-child(2)"), ("pixel-7", "footer a"),
    }  # fmt: skip
    assert tap[0]["message"]["text"] == (
        "This link is 20x20 px — on https://shop.example/ (iphone-se), element nav > a:nth-child(2)"
    )


def test_passing_audits_errors_and_pages_not_audited_are_not_results_but_notifications() -> None:
    result = run(
        page(SHOP, {"viewport": fails(score=1.0), "share-image": replace(fails(), error=True)}),
        failed_page("https://down.example/"),
    )
    log = sarif(result)
    assert results(log) == []
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n["descriptor"]["id"]) for n in notes] == [
        ("warning", "audit-not-run"), ("error", "page-not-audited"),
    ]  # fmt: skip
    assert notes[0]["message"]["text"] == (
        "share-image could not run on https://shop.example/ (iphone-se, pixel-7)."
    )
    assert schema_errors(log) == []


@pytest.mark.parametrize(
    ("impact", "weight", "level"),
    [
        ("critical", 10, "error"),
        ("serious", 5, "error"),
        ("moderate", 5, "warning"),
        ("minor", 2, "note"),
        ("serious", 0, "warning"),  # a diagnostic, in no score: one level lower
        ("moderate", 0, "note"),
        ("minor", 0, "note"),
        (None, 5, "warning"),
    ],
)
def test_the_level_comes_from_the_impact_lowered_for_an_audit_in_no_score(
    impact: str | None, weight: float, level: str
) -> None:
    assert level_of(impact, weight) == level


def test_results_and_rules_carry_the_levels_github_reads() -> None:
    log = sarif(a_busy_run())
    by_rule = {r["ruleId"]: r["level"] for r in results(log)}
    assert by_rule == {
        "viewport": "error", "tap-targets": "error", "font-size": "error", "cache-policy": "note",
    }  # fmt: skip
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["viewport"]["defaultConfiguration"]["level"] == "error"
    assert rules["viewport"]["properties"]["problem.severity"] == "error"
    assert rules["cache-policy"]["properties"]["problem.severity"] == "recommendation"
    assert "security-severity" not in rules["viewport"]["properties"]


def test_rules_describe_the_audit_with_its_tags_and_wcag_criteria() -> None:
    log = sarif(run(one_page(SHOP, audit("target-size", ("a", "Too small", "serious"),
                                         category="accessibility"),
                             audit("tap-targets", ("a", "Too close", "serious")),
                             audit("share-image", ("meta", "No image", "serious"),
                                   category="social"))))  # fmt: skip
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    target = rules["target-size"]
    assert target["name"] == "accessibility/target-size"
    assert target["properties"]["tags"] == ["accessibility", "wcag2.5.8"]
    assert target["helpUri"].startswith("https://")
    assert target["shortDescription"]["text"] and target["fullDescription"]["text"]
    assert target["help"]["text"].startswith("How to fix: ")
    assert rules["tap-targets"]["properties"]["tags"] == ["mobile", "layout"]
    assert rules["share-image"]["properties"]["tags"] == ["social"]


def test_an_audit_the_registry_does_not_know_still_gets_a_complete_rule() -> None:
    log = sarif(run(one_page(SHOP, audit("retired-audit", ("p", "Old finding", "minor")))))
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["shortDescription"]["text"] == "retired-audit failed"
    assert rule["help"]["text"] == "How to fix: Fix it. More: https://example.org/help"
    assert results(log)[0]["level"] == "note"
    assert github_problems(log) == []


def test_every_result_points_at_the_config_file_or_the_template_its_url_maps_to() -> None:
    settings = SarifSettings(
        locations=(("/blog/*", "templates/post.html"), ("/blog/first-*", "never.html")),
        fallback="readiness.toml",
    )
    log = sarif(a_busy_run(), settings=settings)
    uris = {r["properties"]["url"]: r["locations"][0]["physicalLocation"] for r in results(log)}
    assert uris[BLOG]["artifactLocation"] == {
        "uri": "templates/post.html",
        "uriBaseId": "%SRCROOT%",
    }
    assert uris[SHOP]["artifactLocation"]["uri"] == "readiness.toml"
    assert uris[SHOP]["region"] == {"startLine": 1}
    plain = sarif(a_busy_run())  # no config file: the README
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in results(plain)} == {"README.md"}  # fmt: skip


def test_an_absolute_file_uri_has_no_base() -> None:
    settings = SarifSettings(fallback="file:///elsewhere/readiness.toml")
    log = sarif(run(one_page(SHOP, audit("viewport", ("head", "No viewport", "critical")))),
                settings=settings)  # fmt: skip
    location = results(log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///elsewhere/readiness.toml"}
    assert schema_errors(log) == []


def test_fingerprints_follow_one_problem_from_run_to_run_and_tell_others_apart() -> None:
    def run_of(size: int, position: int, started: str) -> RunResult:
        tap = audit("tap-targets", (f"li:nth-child({position}) > a", f"This link is {size} px",
                                    "serious"))  # fmt: skip
        return run(one_page(SHOP + "?utm_campaign=x", tap, devices=("iphone-se", "pixel-7")),
                   started_at=started)  # fmt: skip

    before = results(sarif(run_of(20, 3, "2026-12-01T10:00:00+00:00")))
    after = results(sarif(run_of(24, 5, "2026-12-08T10:00:00+00:00")))
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    phone, other_phone = before
    assert phone["partialFingerprints"] != other_phone["partialFingerprints"]
    mark = phone["partialFingerprints"]["readiness/v1"]
    assert phone["partialFingerprints"]["primaryLocationLineHash"] == f"{mark}:1"
    elsewhere = results(sarif(run(one_page(SHOP + "other", audit("tap-targets", (
        "li > a", "This link is 20 px", "serious"))))))  # fmt: skip
    assert elsewhere[0]["partialFingerprints"]["readiness/v1"] != mark


def test_one_problem_found_twice_on_a_page_is_one_result_that_counts_them() -> None:
    log = sarif(run(one_page(SHOP, audit("cache-policy", (None, "Not cached: 32 KB", "moderate"),
                                         (None, "Not cached: 8 KB", "moderate"),
                                         category="speed", weight=0))))  # fmt: skip
    (result,) = results(log)
    assert result["properties"]["occurrences"] == 2


def test_results_over_the_limit_keep_the_most_severe_and_say_how_many_were_cut() -> None:
    minor = [(f"p.n{i}", f"Minor {i}", "minor") for i in range(5)]
    moderate = [(f"p.m{i}", f"Moderate {i}", "moderate") for i in range(3)]
    result = run(one_page(SHOP, audit("image-aspect-ratio", *minor, weight=5),
                          audit("form-inputs", *moderate, weight=5),
                          audit("viewport", ("head", "No viewport", "critical"))))  # fmt: skip
    log = sarif(result, limits=Limits(results=3))
    kept = results(log)
    assert sorted(r["level"] for r in kept) == ["error", "warning", "warning"]
    assert [r["ruleId"] for r in kept] == ["form-inputs", "form-inputs", "viewport"]  # run order
    assert log["runs"][0]["properties"]["resultsLeftOut"] == 6
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["descriptor"]["id"] == "results-left-out"
    assert note["message"]["text"].startswith("6 of 9 results left out")
    assert schema_errors(log) == [] and github_problems(log) == []


def test_a_file_over_the_size_limit_once_compressed_drops_the_least_severe_results() -> None:
    findings = [(f"div.item-{i:04d} > span.{i * 7919 % 10007}", f"Finding {i * 104729 % 99991}",
                 "minor" if i % 2 else "serious") for i in range(400)]  # fmt: skip
    result = run(one_page(SHOP, audit("tap-targets", *findings)))
    limit = 6_000
    text = render_sarif(result, limits=Limits(gzip_bytes=limit))
    assert len(gzip.compress(text.encode())) <= limit
    log = json.loads(text)
    kept = results(log)
    assert 0 < len(kept) < 400
    assert all(r["level"] == "error" for r in kept)  # the serious ones go last
    assert log["runs"][0]["properties"]["resultsLeftOut"] == 400 - len(kept)
    assert schema_errors(log) == []


def test_tags_and_rules_over_githubs_limits_are_cut_and_counted() -> None:
    result = run(one_page(SHOP, audit("input-image-alt", ("input", "No alt", "critical"),
                                      category="accessibility"),
                          audit("viewport", score=1.0)))  # fmt: skip
    log = sarif(result, limits=Limits(tags=2, rules=1))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["input-image-alt"]  # the rule with a result stays
    assert rules[0]["properties"]["tags"] == ["accessibility", "wcag1.1.1"]
    properties = log["runs"][0]["properties"]
    assert (properties["rulesLeftOut"], properties["tagsLeftOut"]) == (1, 1)
    assert results(log)[0]["ruleIndex"] == 0


def test_page_text_stays_one_short_inert_line_of_json() -> None:
    hostile = (
        'Evil\n\r\x1b[31m "quoted" </script><script>alert(1)</script> \u202egnp.exe '
        "[click](https://evil.example) \ud800 " + "x" * 5000
    )
    log_text = render_sarif(run(one_page(SHOP + '"><img src=x>', audit(
        "link-name", ('a[href="javascript:alert(1)"]\n', hostile, "serious"),
        category="accessibility"))))  # fmt: skip
    log = json.loads(log_text)
    text = results(log)[0]["message"]["text"]
    assert len(text) <= Limits().message_chars
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text)
    assert "\u202e" not in text and "\ud800" not in log_text
    assert r"\[click\](https://evil.example)" in text
    assert "</script><script>alert(1)</script>" in text  # text, in a JSON string: inert
    assert results(log)[0]["properties"]["selector"] == 'a[href="javascript:alert(1)"]'
    assert schema_errors(log) == []


def test_message_text_escapes_only_what_reads_as_an_embedded_link() -> None:
    assert message_text('input[type="tel"] [x](1)', 100) == r'input[type="tel"] \[x\](1)'


def test_format_sarif_writes_report_sarif(tmp_path: Path) -> None:
    settings = SarifSettings(fallback="site/readiness.toml")
    (path,) = write_reports(run(page(SHOP, {"viewport": fails(("head", "No viewport"))})),
                            tmp_path, ["sarif"], sarif=settings)  # fmt: skip
    assert path == tmp_path / "report.sarif"
    log = json.loads(path.read_text(encoding="utf-8"))
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in results(log)} == {"site/readiness.toml"}  # fmt: skip
    assert github_problems(log) == []


def test_the_help_links_only_metadata_never_page_text() -> None:
    finding = audit("viewport", ("head", "[x](https://evil.example) **bold**", "critical"))
    log = sarif(run(one_page(SHOP, finding)))
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert "evil" not in json.dumps(rule)


def test_the_help_in_markdown_shows_html_the_fix_names_as_text() -> None:
    log = sarif(run(one_page(SHOP, audit("label", ("input", "No label", "critical"),
                                         category="accessibility"))))  # fmt: skip
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert "&lt;label for=" in rule["help"]["markdown"]
    assert "<label for=" in rule["help"]["text"]
