from __future__ import annotations

import dataclasses
import random
from urllib.parse import urljoin

import pytest

from audits.layout.tap_targets import (
    FINGER_SIZE_PX,
    Grid,
    Rect,
    bounding_rect,
    overlap_failures,
    tap_targets,
    tappable_rects,
    to_rect,
)
from checker.model.dom_facts import TapTarget
from checker.model.elements import Box, Element
from checker.model.snapshot import PageSnapshot


def _target(name: str, x: float, y: float, w: float, h: float, **kwargs) -> TapTarget:
    box = Box(x, y, w, h)
    # The gatherer records a link's href as the browser resolved it.
    href = urljoin("https://example.com/", kwargs.pop("href", f"/{name}"))
    rects = kwargs.pop("rects", [box])
    return TapTarget(
        tag=kwargs.pop("tag", "a"),
        role=None,
        element=Element(f"#{name}", box, f'<a id="{name}" href="{href}">{name}'),
        rects=rects,
        href=href,
        **kwargs,
    )


def _row(prefix: str, count: int, size: float, gap: float, y: float = 100) -> list[TapTarget]:
    return [_target(f"{prefix}{i}", 16 + i * (size + gap), y, size, size) for i in range(count)]


def _with_targets(snapshot: PageSnapshot, targets: list[TapTarget]) -> PageSnapshot:
    return dataclasses.replace(snapshot, dom=dataclasses.replace(snapshot.dom, tap_targets=targets))


@pytest.fixture
def phone(saved_snapshot) -> PageSnapshot:
    """A page with a width=device-width viewport, on an iPhone SE."""
    return saved_snapshot("mobile-ready")


def test_tap_targets_passes_big_well_spaced_targets(phone):
    outcome = tap_targets(phone)
    assert outcome.score == 1
    assert outcome.display == "100% of tap targets are big enough or far enough apart"
    assert outcome.findings == []
    assert outcome.details["targets"] == 2


def test_tap_targets_flags_links_too_close_together(phone):
    # 20x20 links 2 px apart: a finger on one covers (24 - 10 - 2) x 20 px of the next,
    # 0.6 of the 20 x 20 px it covers of its own link.
    crowded = _row("p", 4, 20, 2)
    big = [_target("all", 16, 300, 200, 48), _target("more", 16, 400, 200, 48)]
    outcome = tap_targets(_with_targets(phone, crowded + big))
    # Lighthouse: passing share x 0.89 as soon as one target fails.
    assert outcome.score == pytest.approx(2 / 6 * 0.89)
    assert outcome.display == "33% of tap targets are big enough or far enough apart"
    assert outcome.value == pytest.approx(33.3)
    assert outcome.details["failing_targets"] == 4
    # Symmetric failures merged: one finding per neighbouring pair, the first of the two.
    assert [(f.selector, f.related[0].selector) for f in outcome.findings] == [
        ("#p0", "#p1"),
        ("#p1", "#p2"),
        ("#p2", "#p3"),
    ]
    first = outcome.findings[0]
    assert first.box == Box(16, 100, 20, 20)
    assert first.related[0].box == Box(38, 100, 20, 20)
    assert first.details == {"size": "20x20", "width": 20, "height": 20, "overlap_ratio": 0.6}
    assert "20x20 px" in first.message
    assert "60%" in first.message


def test_tap_targets_fails_a_single_crowded_pair_among_many_good_targets(phone):
    good = [_target(f"g{i}", 16, 200 + 60 * i, 300, 48) for i in range(98)]
    outcome = tap_targets(_with_targets(phone, _row("p", 2, 20, 2) + good))
    assert outcome.details["failing_targets"] == 2
    assert outcome.score == pytest.approx(0.98 * 0.89)
    assert outcome.score < 0.9


def test_tap_targets_passes_small_targets_just_far_enough_apart(phone):
    # 24x24, 6.25 px apart: the finger reaches 5.75 px into the next target, 0.2396 < 0.25.
    outcome = tap_targets(_with_targets(phone, _row("b", 5, 24, 6.25)))
    assert outcome.score == 1


def test_tap_targets_fails_an_overlap_ratio_of_exactly_a_quarter(phone):
    # 6 px apart: 6 x 24 against 24 x 24, exactly 0.25, which Lighthouse counted as too close.
    outcome = tap_targets(_with_targets(phone, _row("b", 2, 24, 6)))
    assert outcome.score == 0
    assert outcome.findings[0].details["overlap_ratio"] == 0.25


def test_tap_targets_never_fails_a_target_of_finger_size_but_names_it_as_neighbour(phone):
    small = _target("small", 16, 100, 20, 20)
    big = _target("big", 38, 90, 48, 48)
    outcome = tap_targets(_with_targets(phone, [small, big]))
    assert outcome.details["failing_targets"] == 1
    assert outcome.display == "50% of tap targets are big enough or far enough apart"
    assert [(f.selector, f.related[0].selector) for f in outcome.findings] == [("#small", "#big")]


def test_tap_targets_counts_a_target_as_big_when_one_of_its_rects_is_finger_size(phone):
    # A link wrapped over two lines: one rect is 48x48, so it is not too small.
    wrapped = _target(
        "wrapped", 16, 100, 60, 70, rects=[Box(16, 100, 60, 48), Box(16, 150, 30, 20)]
    )
    outcome = tap_targets(_with_targets(phone, [wrapped, _target("next", 78, 100, 20, 20)]))
    assert [f.selector for f in outcome.findings] == ["#next"]


def test_tap_targets_skips_a_target_inside_another(phone):
    # A delete button inside a list item that is itself a link: meant, as Lighthouse judged.
    item = _target("item", 16, 100, 300, 40)
    delete = _target("delete", 280, 110, 20, 20, tag="button")
    outcome = tap_targets(_with_targets(phone, [item, delete]))
    assert outcome.score == 1


def test_tap_targets_skips_crowded_links_to_the_same_page(phone):
    image_link = _target("image", 16, 100, 20, 20, href="https://example.com/story")
    title_link = _target("title", 38, 100, 20, 20, href="/story")
    other = _target("other", 16, 200, 20, 20, href="#top")
    same_fragment = _target("other2", 38, 200, 20, 20, href="#top")
    outcome = tap_targets(_with_targets(phone, [image_link, title_link, other, same_fragment]))
    # /story resolves to the same http(s) URL; two "#top" links resolve to the same page too.
    assert outcome.score == 1


def test_tap_targets_still_compares_crowded_links_to_different_pages(phone):
    first = _target("first", 16, 100, 20, 20, href="/a")
    second = _target("second", 38, 100, 20, 20, href="/b")
    outcome = tap_targets(_with_targets(phone, [first, second]))
    assert outcome.details["failing_targets"] == 2


def test_tap_targets_does_not_treat_script_links_as_the_same_page(phone):
    first = _target("first", 16, 100, 20, 20, href="javascript:void(0)")
    second = _target("second", 38, 100, 20, 20, href="javascript:void(0)")
    outcome = tap_targets(_with_targets(phone, [first, second]))
    assert outcome.details["failing_targets"] == 2


def test_tap_targets_does_not_aim_a_finger_at_rects_of_a_pixel_or_less(phone):
    # A 1x1 tracking link next to a small button: too small, but no finger aims at it.
    pixel = _target("pixel", 16, 100, 1, 1)
    button = _target("button", 18, 100, 20, 20, tag="button")
    outcome = tap_targets(_with_targets(phone, [pixel, button]))
    # The button's finger covers the pixel link, but 1 px against 400 px is no risk.
    assert outcome.score == 1


def test_tap_targets_reports_each_pair_once_with_both_targets_counted(phone):
    outcome = tap_targets(_with_targets(phone, _row("p", 2, 20, 2)))
    assert outcome.details["failing_targets"] == 2
    assert outcome.details["too_close_pairs"] == 1
    assert len(outcome.findings) == 1


def test_tap_targets_keeps_the_worse_side_of_an_asymmetric_pair(phone):
    narrow = _target("narrow", 16, 100, 10, 20)
    wide = _target("wide", 28, 100, 40, 20)
    outcome = tap_targets(_with_targets(phone, [narrow, wide]))
    (finding,) = outcome.findings
    # The narrow link's finger covers 17 x 20 px of the wide one against 10 x 20 px of its
    # own (1.7); the wide one's finger barely reaches the narrow one (0.05).
    assert (finding.selector, finding.related[0].selector) == ("#narrow", "#wide")
    assert finding.details["overlap_ratio"] == pytest.approx(1.7)


def test_tap_targets_bounds_findings_on_a_hostile_page(phone):
    outcome = tap_targets(_with_targets(phone, _row("p", 120, 20, 2)))
    assert len(outcome.findings) == 50
    assert outcome.details["too_close_pairs"] == 119
    assert outcome.details["failing_targets"] == 120
    assert outcome.display == "0% of tap targets are big enough or far enough apart"


def test_tap_targets_counts_targets_under_wcag_minimum_without_spacing(phone):
    crowded = _row("c", 3, 20, 2, y=100)  # under 24x24, circles overlap: counted
    spaced = _row("s", 3, 20, 10, y=300)  # under 24x24, 30 px apart: spacing exception
    roomy = _row("r", 3, 24, 2, y=500)  # 24x24 meets the minimum
    outcome = tap_targets(_with_targets(phone, crowded + spaced + roomy))
    assert outcome.details["wcag_undersized_targets"] == 3


def test_tap_targets_counts_a_small_target_whose_circle_touches_a_big_one(phone):
    small = _target("small", 16, 100, 16, 16)  # its circle reaches 12 px from (24, 108)
    big = _target("big", 16 + 16 + 3, 80, 100, 60)  # 11 px from the small one's centre
    outcome = tap_targets(_with_targets(phone, [small, big]))
    assert outcome.details["wcag_undersized_targets"] == 1


def test_tap_targets_fails_real_navigation_rows_on_bbc(saved_snapshot):
    outcome = tap_targets(saved_snapshot("bbc-1"))
    assert outcome.score < 0.9
    assert outcome.details["targets"] == 262
    assert len(outcome.findings) == 50
    worst = outcome.findings[0]
    assert worst.selector.startswith("#orb-nav-links")
    assert worst.related[0].selector.startswith("#orb-nav-links")
    assert worst.box is not None and worst.related[0].box is not None


def test_tap_targets_judges_every_one_of_5000_crowded_targets(phone):
    # How long it takes is benchmarks/audit_speed.py's to say, not a timed test's.
    targets = [
        _target(f"t{i}", 16 + (i % 15) * 22, 100 + (i // 15) * 22, 20, 20) for i in range(5000)
    ]
    outcome = tap_targets(_with_targets(phone, targets))
    assert outcome.details["failing_targets"] == 5000


def test_tap_targets_fails_without_a_device_width_viewport(saved_snapshot):
    for page, reason in (("lemonde-1", "No viewport meta tag"), ("cnn", "fixed width of 1140")):
        outcome = tap_targets(saved_snapshot(page))
        assert outcome.score == 0
        assert "phones shrink the whole page to fit" in outcome.display
        assert reason in outcome.display


def test_tap_targets_scores_one_with_nothing_to_tap(saved_snapshot):
    outcome = tap_targets(saved_snapshot("script-title"))
    assert outcome.score == 1
    assert outcome.details["targets"] == 0


def test_tap_targets_does_not_apply_to_desktop(saved_snapshot):
    assert tap_targets(saved_snapshot("bbc-1", "desktop")).score is None


def test_tappable_rects_merge_rects_that_line_up_and_touch():
    # A link's text and its icon side by side, same top: one area to tap.
    assert tappable_rects([Rect(0, 0, 30, 20), Rect(30, 0, 50, 20)]) == [Rect(0, 0, 50, 20)]


def test_tappable_rects_drop_tiny_rects_and_rects_inside_others():
    rects = [Rect(0, 0, 40, 20), Rect(5, 5, 15, 15), Rect(100, 100, 101, 101)]
    assert tappable_rects(rects) == [Rect(0, 0, 40, 20)]


def test_tappable_rects_keep_apart_rects_whose_merged_centre_hits_neither():
    # Lined up on the left and touching, but an L shape: the merged centre (25, 17) is in
    # neither, so a tap there would miss.
    rects = [Rect(0, 0, 10, 30), Rect(0, 30, 50, 34)]
    assert tappable_rects(rects) == rects


class _EveryPair:
    """The neighbour index's contract, by comparing every pair."""

    def __init__(self, bounds: list[Rect]) -> None:
        self._bounds = bounds

    def near(self, i: int) -> list[int]:
        a = self._bounds[i]
        return [
            j
            for j, b in enumerate(self._bounds)
            if j != i
            and a.left <= b.right
            and b.left <= a.right
            and a.top <= b.bottom
            and b.top <= a.bottom
        ]


def test_tap_targets_neighbour_index_finds_what_comparing_every_pair_finds(saved_snapshot):
    rng = random.Random(7)
    targets = saved_snapshot("bbc-1").dom.tap_targets
    rects = [[to_rect(b) for b in t.rects] for t in targets]
    # Random small targets, some on negative coordinates, and one taller than the index's
    # bands, which it compares with everything.
    rects += [
        [Rect(x, y, x + rng.uniform(2, 60), y + rng.uniform(2, 60))]
        for x, y in ((rng.uniform(-50, 400), rng.uniform(-50, 3000)) for _ in range(300))
    ]
    rects.append([Rect(0, 0, 30, 40000)])
    bounds = [bounding_rect(r, FINGER_SIZE_PX / 2) for r in rects]
    grid, every_pair = Grid(bounds), _EveryPair(bounds)
    assert all(grid.near(i) == every_pair.near(i) for i in range(len(rects)))
    assert overlap_failures(rects, Grid(bounds)) == overlap_failures(rects, every_pair)


def _with_fixed_width(snapshot: PageSnapshot, width: int, screen: int) -> PageSnapshot:
    """The page with a width=<width> viewport, laid out that wide on a <screen> px screen."""
    tag = snapshot.dom.head.metas_named("viewport")[0]
    fixed = dataclasses.replace(tag, attrs={**tag.attrs, "content": f"width={width}"})
    metas = [fixed if m is tag else m for m in snapshot.dom.head.metas]
    head = dataclasses.replace(snapshot.dom.head, metas=metas)
    dom = dataclasses.replace(snapshot.dom, head=head, layout_width=width, outer_width=screen)
    device = dataclasses.replace(snapshot.device, width=screen)
    return dataclasses.replace(snapshot, dom=dom, device=device)


def test_tap_targets_still_fails_salon_laid_out_660_px_wide_on_a_375_px_phone(saved_snapshot):
    outcome = tap_targets(saved_snapshot("salon-1"))  # width=660px on an iPhone SE
    assert outcome.score == 0
    assert "phones shrink the whole page to fit" in outcome.display


def test_tap_targets_judges_the_targets_of_a_fixed_width_page_the_tablet_enlarges(phone):
    # width=660 on the 768 px ipad-mini: laid out at 660 and scaled up, not shrunk.
    outcome = tap_targets(_with_fixed_width(phone, 660, 768))
    assert outcome.score == 1
    assert outcome.display == "100% of tap targets are big enough or far enough apart"
    assert outcome.details["device_width_viewport"] is False
    assert outcome.details["shrunk"] is False
    assert (outcome.details["layout_width"], outcome.details["screen_width"]) == (660, 768)


def test_tap_targets_fails_crowded_targets_of_an_enlarged_page_by_their_measured_size(phone):
    # width=300 on the 375 px iPhone SE is enlarged too; 20 px links 4 px apart still crowd.
    snapshot = _with_targets(_with_fixed_width(phone, 300, 375), _row("a", 3, 20, 4))
    outcome = tap_targets(snapshot)
    assert outcome.score < 0.9
    assert "shrink" not in outcome.display
    assert outcome.details["failing_targets"] == 3
    assert outcome.findings[0].selector == "#a0"


@pytest.mark.parametrize(("layout_width", "shrunk"), [(376, False), (377, True), (1140, True)])
def test_tap_targets_short_circuits_only_when_the_layout_is_wider_than_the_screen(
    phone, layout_width, shrunk
):
    outcome = tap_targets(_with_fixed_width(phone, layout_width, 375))
    assert (outcome.score == 0) is shrunk
    assert ("phones shrink the whole page to fit" in outcome.display) is shrunk
