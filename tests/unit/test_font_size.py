from __future__ import annotations

import dataclasses

import pytest

from audits.layout.font_size import font_size
from checker.model.dom_facts import TextRun
from checker.model.elements import Box, Element
from checker.model.snapshot import PageSnapshot


def _run(selector: str, size: float, chars: int, y: float = 0) -> TextRun:
    return TextRun(Element(selector, Box(16, y, 300, size * 1.5), f"<p>{selector}"), size, chars)


def _with_runs(snapshot: PageSnapshot, runs: list[TextRun], **dom) -> PageSnapshot:
    return dataclasses.replace(
        snapshot, dom=dataclasses.replace(snapshot.dom, text_runs=runs, **dom)
    )


@pytest.fixture
def phone(saved_snapshot) -> PageSnapshot:
    """A page with a width=device-width viewport, on an iPhone SE."""
    return saved_snapshot("mobile-ready")


def test_font_size_passes_a_page_with_some_small_print(phone):
    # mobile-ready: 92 characters at 16 px or more, 26 of small print at 10 px.
    outcome = font_size(phone)
    assert outcome.score == 1
    assert outcome.value == pytest.approx(77.97)
    assert outcome.unit == "%"
    assert outcome.display == "77.9% of the text is 12 px or larger, legible on a phone."
    (finding,) = outcome.findings
    assert finding.selector == "body > p:nth-of-type(2) > small"
    assert finding.details["font_size_px"] == 10
    assert finding.box is not None


def test_font_size_fails_a_page_of_mostly_small_text(phone):
    runs = [_run("h1", 24, 20), _run("#story", 10, 300, 50), _run("#note", 9, 80, 200)]
    outcome = font_size(_with_runs(phone, runs))
    assert outcome.score == 0
    assert outcome.value == 5
    assert outcome.display.startswith("Only 5% of the text is 12 px or larger")
    assert [(f.selector, f.details["share_percent"]) for f in outcome.findings] == [
        ("#story", 75.0),
        ("#note", 20.0),
    ]
    assert outcome.findings[0].message == (
        "Text at 10 px, 75.0% of the page's text, is too small to read."
    )
    assert outcome.details["illegible_chars"] == 380


def test_font_size_passes_at_exactly_sixty_percent_legible(phone):
    outcome = font_size(_with_runs(phone, [_run("p", 16, 60), _run("small", 11, 40)]))
    assert outcome.score == 1
    assert outcome.value == 60


def test_font_size_fails_just_under_sixty_percent_and_never_shows_sixty(phone):
    outcome = font_size(_with_runs(phone, [_run("p", 16, 5998), _run("small", 11, 4002)]))
    assert outcome.score == 0
    # 59.98% is floored to a tenth in the sentence, so it cannot read as a passing 60%.
    assert "59.9%" in outcome.display


def test_font_size_counts_12_px_as_legible_and_11_5_px_as_not(phone):
    outcome = font_size(_with_runs(phone, [_run("p", 12, 50), _run("small", 11.5, 50)]))
    assert outcome.value == 50
    assert [f.details["font_size_px"] for f in outcome.findings] == [11.5]
    assert "11.5 px" in outcome.findings[0].message


def test_font_size_groups_small_text_by_selector_and_size(phone):
    runs = [
        _run("#legal", 9, 12, 100),
        _run("li.tag", 10, 5, 0),
        _run("li.tag", 10, 9, 20),
        _run("li.tag", 11, 4, 40),
        _run("main", 16, 100, 200),
    ]
    outcome = font_size(_with_runs(phone, runs))
    found = [(f.selector, f.details["font_size_px"], f.details["chars"]) for f in outcome.findings]
    assert found == [("li.tag", 10, 14), ("#legal", 9, 12), ("li.tag", 11, 4)]
    first = outcome.findings[0]
    assert first.details["elements"] == 2
    assert first.box == runs[1].box


def test_font_size_scores_one_when_the_page_has_no_text(phone):
    outcome = font_size(_with_runs(phone, []))
    assert outcome.score == 1
    assert outcome.value is None
    assert outcome.display == "The page has no visible text to check."


def test_font_size_bounds_findings_and_counts_them_all(phone):
    runs = [_run(f"#n{i}", 10, 1, i * 20) for i in range(80)]
    outcome = font_size(_with_runs(phone, runs, truncated={"text_runs": 7000}))
    assert len(outcome.findings) == 50
    assert outcome.details["small_text_groups"] == 80
    assert outcome.details["text_runs_on_page"] == 7000


def test_font_size_fails_without_a_viewport_meta(saved_snapshot):
    # lemonde-1's text is 12 px and up in CSS, but the phone shrinks the 980 px layout.
    outcome = font_size(saved_snapshot("lemonde-1"))
    assert outcome.score == 0
    assert "phones shrink the whole page to fit. No viewport meta tag" in outcome.display
    assert outcome.findings == []


def test_font_size_fails_a_fixed_width_viewport(saved_snapshot):
    outcome = font_size(saved_snapshot("cnn"))  # width=1140
    assert outcome.score == 0
    assert "fixed width of 1140 px" in outcome.display


def test_font_size_accepts_a_viewport_with_only_initial_scale(saved_snapshot):
    # Browsers lay such a page out at the device width, as Lighthouse accepted.
    snapshot = saved_snapshot("mobile-ready")
    tag = snapshot.dom.head.metas_named("viewport")[0]
    only_scale = dataclasses.replace(tag, attrs={**tag.attrs, "content": "initial-scale=1"})
    metas = [only_scale if m is tag else m for m in snapshot.dom.head.metas]
    head = dataclasses.replace(snapshot.dom.head, metas=metas)
    dom = dataclasses.replace(snapshot.dom, head=head)
    assert font_size(dataclasses.replace(snapshot, dom=dom)).score == 1


def test_font_size_passes_a_real_page_with_little_small_print(saved_snapshot):
    outcome = font_size(saved_snapshot("bbc-1"))
    assert outcome.score == 1
    assert outcome.value == pytest.approx(99.34)
    assert outcome.findings[0].details["font_size_px"] == 11


def test_font_size_does_not_apply_to_desktop(saved_snapshot):
    assert font_size(saved_snapshot("bbc-1", "desktop")).score is None


def _on_ipad_mini(snapshot: PageSnapshot) -> PageSnapshot:
    """The same page on the 768 px ipad-mini: a layout up to 768 px wide is not shrunk."""
    device = dataclasses.replace(snapshot.device, name="ipad-mini", width=768, height=1024)
    dom = dataclasses.replace(snapshot.dom, outer_width=768)
    return dataclasses.replace(snapshot, device=device, dom=dom)


def test_font_size_still_fails_salon_laid_out_660_px_wide_on_a_375_px_phone(saved_snapshot):
    outcome = font_size(saved_snapshot("salon-1"))  # width=660px on an iPhone SE
    assert outcome.score == 0
    assert "phones shrink the whole page to fit" in outcome.display


def test_font_size_judges_the_text_of_a_fixed_width_page_the_tablet_enlarges(saved_snapshot):
    # salon-1's width=660px on the 768 px ipad-mini is laid out at 660 and scaled up: nothing
    # is shrunk (content-width passes there), so its text is judged as measured.
    outcome = font_size(_on_ipad_mini(saved_snapshot("salon-1")))
    assert outcome.score == 1
    assert "shrink" not in outcome.display
    assert outcome.display == "100% of the text is 12 px or larger, legible on a phone."
    assert outcome.details["device_width_viewport"] is False
    assert outcome.details["shrunk"] is False
    assert (outcome.details["layout_width"], outcome.details["screen_width"]) == (660, 768)


def test_font_size_fails_small_text_on_an_enlarged_page_by_its_measured_size(saved_snapshot):
    snapshot = _on_ipad_mini(saved_snapshot("salon-1"))
    outcome = font_size(_with_runs(snapshot, [_run("h1", 24, 20), _run("#story", 10, 300, 50)]))
    assert outcome.score == 0
    assert outcome.display.startswith("Only 6.2% of the text is 12 px or larger")
    assert [f.selector for f in outcome.findings] == ["#story"]


@pytest.mark.parametrize(
    ("layout_width", "shrunk"), [(300, False), (375, False), (376, False), (377, True)]
)
def test_font_size_short_circuits_only_when_the_layout_is_wider_than_the_screen(
    phone, layout_width, shrunk
):
    # A fixed width=300 viewport on the 375 px iPhone SE: enlarged, not shrunk. The same
    # pixel of rounding as content-width is allowed before a layout counts as wider.
    tag = phone.dom.head.metas_named("viewport")[0]
    fixed = dataclasses.replace(tag, attrs={**tag.attrs, "content": f"width={layout_width}"})
    metas = [fixed if m is tag else m for m in phone.dom.head.metas]
    head = dataclasses.replace(phone.dom.head, metas=metas)
    dom = dataclasses.replace(phone.dom, head=head, layout_width=layout_width, outer_width=375)
    outcome = font_size(dataclasses.replace(phone, dom=dom))
    if shrunk:
        assert outcome.score == 0
        assert "phones shrink the whole page to fit" in outcome.display
        assert f"fixed width of {layout_width} px" in outcome.display
    else:
        assert outcome.score == 1
        assert outcome.value == pytest.approx(77.97)
        assert outcome.details["shrunk"] is False


def test_font_size_adds_no_layout_details_with_a_device_width_viewport(phone):
    details = font_size(phone).details
    assert "device_width_viewport" not in details and "shrunk" not in details
