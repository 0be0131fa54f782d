"""GitHub annotations: one workflow command per failed assertion, escaped to stay one command."""

from __future__ import annotations

from checker.model.gate import AssertionOutcome, GateResult
from checker.report.github_annotations import (
    MESSAGE_CHARS,
    escape_data,
    escape_property,
    github_annotations,
)

SHOP = "https://shop.example/"


def outcome(assertion: str, device: str | None = "pixel-7", **kwargs: object) -> AssertionOutcome:
    values: dict[str, object] = {
        "page": SHOP,
        "device": device,
        "assertion": assertion,
        "level": "error",
        "passed": False,
        "expected": "pass",
        "actual": "fail (40)",
    }
    values.update(kwargs)
    return AssertionOutcome(**values)  # type: ignore[arg-type]


def test_annotation_for_an_error_level_failure() -> None:
    gate = GateResult([outcome("tap-targets", message="This link is 20 px from another.")])
    assert github_annotations(gate) == [
        "::error title=readiness%3A tap-targets::https://shop.example/ [pixel-7]: "
        "expected pass, got fail (40) — This link is 20 px from another."
    ]


def test_annotation_for_a_warn_level_failure_is_a_warning() -> None:
    gate = GateResult([outcome("share-image", level="warn", message="No image.")])
    [line] = github_annotations(gate)
    assert line.startswith("::warning title=readiness%3A share-image::")
    assert line.endswith("expected pass, got fail (40) — No image.")


def test_annotations_only_for_failures_errors_first() -> None:
    gate = GateResult(
        outcomes=[
            outcome("share-image", level="warn"),
            outcome("viewport", passed=True),
            outcome("font-size", level="off"),
            outcome("category:layout", device=None, expected=">= 80", actual="40"),
        ],
        regressions=[outcome("regression:social", device=None, expected=">= 85", actual="80")],
    )
    lines = github_annotations(gate)
    assert [line.split("::")[1].split()[0] for line in lines] == ["error", "error", "warning"]
    assert "category%3Alayout" in lines[0] and "regression%3Asocial" in lines[1]


def test_annotation_of_a_page_level_assertion_names_no_device() -> None:
    gate = GateResult([outcome("page-loads", device=None, expected="loads", actual="http-error")])
    [line] = github_annotations(gate)
    assert line == (
        "::error title=readiness%3A page-loads::"
        "https://shop.example/: expected loads, got http-error"
    )


def test_annotation_escapes_hostile_text_into_one_command_line() -> None:
    hostile = "100% <b>bad</b>\r\n::error title=x::fake\x1b[31m, end"
    gate = GateResult([outcome("title,a:b", message=hostile, page="https://x.example/%41")])
    [line] = github_annotations(gate)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert line.startswith("::error title=readiness%3A title%2Ca%3Ab::https://x.example/%2541 ")
    assert line.endswith("— 100%25 <b>bad</b>%0D%0A::error title=x::fake[31m, end")


def test_escape_data_and_property_follow_the_actions_toolkit() -> None:
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_annotation_message_is_cut_when_long() -> None:
    gate = GateResult([outcome("tap-targets", message="y" * 5000)])
    [line] = github_annotations(gate)
    data = line.split("::", 2)[2]
    assert len(data) == MESSAGE_CHARS
    assert data.endswith("…")


def test_no_annotations_when_everything_passed() -> None:
    assert github_annotations(GateResult([outcome("viewport", passed=True)])) == []
