"""Screenshots with the findings' boxes drawn in: where the boxes land, and what is skipped."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from checker.model.elements import Box
from checker.report import screenshot_marks as annotate_module
from checker.report.screenshot_marks import (
    DASH,
    GAP,
    MAX_MARKS,
    Labeller,
    Mark,
    annotate,
    css_size,
    decode,
    letters,
    shows,
)

GREY = (128, 128, 128)
WHITE = (255, 255, 255)


def picture(
    width: int, height: int, colour: tuple[int, int, int] = GREY, fmt: str = "PNG"
) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format=fmt)
    return out.getvalue()


def pixels(jpeg: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(jpeg))
    assert image.format == "JPEG"
    return image.convert("RGB")


def is_red(px: tuple[int, int, int]) -> bool:
    r, g, b = px
    return r > 170 and g < 100 and b < 100


def is_orange(px: tuple[int, int, int]) -> bool:
    r, g, b = px
    return r > 200 and 100 < g < 190 and b < 90


def red_rows(image: Image.Image, left: int, right: int, top: int, bottom: int) -> list[int]:
    """The rows of the region (inclusive) with a red pixel."""
    return [
        y
        for y in range(top, bottom + 1)
        if any(is_red(image.getpixel((x, y))) for x in range(left, right + 1))
    ]


def near(px: tuple[int, int, int], colour: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(px, colour, strict=True))


def test_annotate_outlines_a_finding_in_red_with_a_light_red_fill() -> None:
    box = Box(100, 200, 80, 40)
    drawn = annotate(picture(300, 400), [Mark("1", box)])
    assert drawn is not None
    assert (drawn.width, drawn.height, drawn.scale) == (300, 400, 1.0)
    assert drawn.drawn == ("1",)
    image = pixels(drawn.jpeg)
    middle_y = 220
    assert is_red(image.getpixel((101, middle_y)))  # left edge
    assert is_red(image.getpixel((178, middle_y)))  # right edge
    assert is_red(image.getpixel((140, 201)))  # top edge
    assert is_red(image.getpixel((140, 238)))  # bottom edge
    inside = image.getpixel((140, middle_y))
    assert not is_red(inside) and inside[0] > inside[1] + 20  # tinted, still see-through
    for outside in ((50, 220), (140, 300), (250, 100), (140, 150)):
        assert near(image.getpixel(outside), GREY), outside


def test_annotate_puts_the_number_above_the_top_left_corner() -> None:
    box = Box(100, 200, 80, 40)
    image = pixels(annotate(picture(300, 400, WHITE), [Mark("7", box)]).jpeg)
    rows = red_rows(image, 100, 125, 170, 198)
    assert len(rows) >= 15 and rows[-1] >= 196  # a red label, touching the box
    column = [image.getpixel((x, y)) for x in range(100, 125) for y in rows[4:-4]]
    assert any(near(px, WHITE, 40) for px in column)  # with the white number in it
    # Nothing above the right half of the box: the label is at the left corner.
    assert all(near(image.getpixel((160, y)), WHITE) for y in range(175, 196))


def test_annotate_puts_the_number_inside_a_box_at_the_top_of_the_image() -> None:
    image = pixels(annotate(picture(300, 400, WHITE), [Mark("1", Box(50, 0, 200, 100))]).jpeg)
    # Inside the box's red line, where the box is only tinted, the red of the label.
    assert len(red_rows(image, 54, 64, 3, 30)) >= 12


def test_annotate_draws_related_boxes_with_an_orange_dashed_line() -> None:
    box = Box(40, 100, 200, 30)
    drawn = annotate(picture(300, 300, WHITE), [Mark("2a", box, "related")])
    assert drawn is not None and drawn.drawn == ("2a",)
    image = pixels(drawn.jpeg)
    top = 100
    dash = [image.getpixel((40 + x, top)) for x in range(DASH + GAP)]
    assert sum(is_orange(px) for px in dash[: DASH - 1]) >= DASH - 2
    assert not is_red(image.getpixel((45, 115))) and not is_orange(image.getpixel((45, 115)))
    # The gap after the first dash lets the page show through.
    assert not is_orange(image.getpixel((40 + DASH + GAP // 2, top)))


def test_annotate_skips_boxes_off_the_image_and_clips_the_rest() -> None:
    marks = [
        Mark("1", Box(10, 5000, 100, 100)),  # below the image
        Mark("2", Box(-300, 10, 100, 100)),  # left of it
        Mark("3", Box(10, 10, 0, 50)),  # zero width: nothing to show
        Mark("4", Box(250, 350, 200, 200)),  # straddles the bottom-right corner
    ]
    drawn = annotate(picture(300, 400, WHITE), marks)
    assert drawn is not None
    assert drawn.drawn == ("4",)
    image = pixels(drawn.jpeg)
    assert is_red(image.getpixel((251, 380)))
    assert near(image.getpixel((100, 100)), WHITE)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not an image",
        picture(50, 50)[:60],  # a PNG cut short
        picture(50, 50, fmt="GIF"),  # not what the gatherer takes
    ],
    ids=["empty", "text", "truncated-png", "gif"],
)
def test_annotate_returns_none_for_broken_or_unexpected_images(data: bytes) -> None:
    assert annotate(data, [Mark("1", Box(0, 0, 10, 10))]) is None
    assert decode(data) is None


def test_annotate_reads_jpeg_screenshots() -> None:
    drawn = annotate(picture(200, 600, fmt="JPEG"), [Mark("1", Box(20, 500, 50, 50))])
    assert drawn is not None and drawn.drawn == ("1",)
    assert is_red(pixels(drawn.jpeg).getpixel((21, 520)))


def test_annotate_scales_wide_screenshots_down_with_their_boxes() -> None:
    box = Box(400, 500, 200, 100)
    drawn = annotate(picture(768, 1024, WHITE), [Mark("12", box)], max_width=420)
    assert drawn is not None
    scale = 420 / 768
    assert (drawn.width, drawn.height) == (420, 560)
    assert drawn.scale == pytest.approx(scale)
    image = pixels(drawn.jpeg)
    left, top = round(400 * scale), round(500 * scale)
    right, bottom = round(600 * scale) - 1, round(600 * scale) - 1
    assert is_red(image.getpixel((left + 1, top + 20)))
    assert is_red(image.getpixel((right - 1, top + 20)))
    assert is_red(image.getpixel((left + 40, bottom - 1)))
    assert near(image.getpixel((left - 6, top + 20)), WHITE)
    assert near(image.getpixel((right + 6, top + 20)), WHITE)


def test_annotate_keeps_the_number_size_when_it_scales_the_picture_down() -> None:
    def label_height(width: int, max_width: int) -> int:
        scale = min(1.0, max_width / width)
        box = Box(100 / scale, 200 / scale, 80 / scale, 40 / scale)
        image = pixels(annotate(picture(width, 600, WHITE), [Mark("3", box)], max_width).jpeg)
        return len(red_rows(image, 100, 125, 170, 198))

    assert label_height(400, 420) == pytest.approx(label_height(800, 400), abs=1)
    assert label_height(400, 420) >= 15


def test_annotate_maps_boxes_onto_a_zoomed_out_first_screen() -> None:
    # A phone 375 px wide showing a page laid out 1100 CSS px wide.
    drawn = annotate(picture(375, 667, WHITE), [Mark("1", Box(550, 100, 220, 300))], css_width=1100)
    assert drawn is not None
    assert drawn.scale == pytest.approx(375 / 1100)
    assert drawn.css_size == pytest.approx((1100, 667 * 1100 / 375))
    image = pixels(drawn.jpeg)
    left = round(550 * 375 / 1100)
    assert is_red(image.getpixel((left + 1, 80)))
    assert near(image.getpixel((left - 10, 80)), WHITE)


def test_annotate_labels_crowded_boxes_without_losing_any_box() -> None:
    marks = [Mark(str(n), Box(20 + 12 * n, 100, 10, 10)) for n in range(1, 9)]
    marks += [Mark(f"{n}a", Box(20 + 12 * n, 112, 10, 10), "related") for n in range(1, 9)]
    drawn = annotate(picture(200, 200, WHITE), marks)
    assert drawn is not None
    assert drawn.drawn == tuple(m.label for m in marks)


def test_shows_needs_some_of_the_box_inside_the_image() -> None:
    size = (375.0, 667.0)
    assert shows(Box(0, 0, 1, 1), size)
    assert shows(Box(-10, -10, 11, 11), size)
    assert shows(Box(370, 660, 100, 100), size)
    assert not shows(Box(375, 0, 10, 10), size)
    assert not shows(Box(0, 667, 10, 10), size)
    assert not shows(Box(-10, 0, 10, 10), size)
    assert not shows(Box(10, 10, 0, 10), size)


def test_css_size_scales_the_height_with_the_width_the_image_spans() -> None:
    assert css_size((375, 667)) == (375, 667)
    assert css_size((375, 667), 1100) == pytest.approx((1100, 1956.5), abs=0.1)
    assert decode(picture(12, 34)).size == (12, 34)


def test_labeller_numbers_boxes_that_show_and_letters_the_elements_involved() -> None:
    labeller = Labeller([(375.0, 667.0), (375.0, 4000.0)])
    assert labeller.take(Box(10, 10, 20, 20)) == "1"
    assert labeller.take(Box(10, 40, 20, 20), parent="1") == "1a"
    assert labeller.take(Box(10, 70, 20, 20), parent="1") == "1b"
    assert labeller.take(Box(10, 5000, 20, 20)) is None  # below both pictures
    assert labeller.take(None) is None
    assert labeller.take(Box(10, 3000, 20, 20)) == "2"  # on the whole page only
    assert labeller.take(Box(10, 3050, 20, 20), parent="2") == "2a"
    assert (labeller.numbered, labeller.unmarked) == (2, 1)
    assert [(m.label, m.kind) for m in labeller.marks] == [
        ("1", "finding"),
        ("1a", "related"),
        ("1b", "related"),
        ("2", "finding"),
        ("2a", "related"),
    ]


def test_labeller_stops_at_its_cap_and_without_pictures() -> None:
    labeller = Labeller([(375.0, 667.0)])
    labels = [labeller.take(Box(1, 1, 5, 5)) for _ in range(MAX_MARKS + 5)]
    assert labels[MAX_MARKS - 1] == str(MAX_MARKS) and labels[MAX_MARKS:] == [None] * 5
    assert labeller.unmarked == 5
    assert Labeller([]).take(Box(1, 1, 5, 5)) is None


def test_related_labels_run_through_the_alphabet() -> None:
    assert [letters(i) for i in (0, 1, 25, 26, 27, 51, 52)] == [
        "a",
        "b",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
    ]


def test_annotate_refuses_images_too_big_to_decode_safely(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(annotate_module, "MAX_PIXELS", 20 * 20 - 1)
    assert annotate(picture(20, 20), []) is None
    assert annotate(picture(19, 20), []) is not None


def test_annotate_reads_screenshots_with_transparency() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 255, 255)).save(out, format="PNG")
    drawn = annotate(out.getvalue(), [Mark("1", Box(10, 20, 30, 20))])
    assert drawn is not None and is_red(pixels(drawn.jpeg).getpixel((11, 30)))


@pytest.mark.parametrize(
    "box",
    [
        Box(100, 1023.9, 50, 40),  # starts in the last CSS pixel row: rounds past the image
        Box(767.9, 100, 50, 40),  # likewise in the last column
        Box(767.9, 1023.9, 0.05, 0.05),  # a sliver in the corner
    ],
)
def test_annotate_draws_boxes_that_start_at_the_last_pixel_of_a_scaled_picture(box) -> None:
    # Found by a 100-page crawl: the report failed with Pillow's "y1 must be greater than or
    # equal to y0" for a box in the last row of a whole-page screenshot.
    drawn = annotate(picture(768, 1024, WHITE), [Mark("1", box)], max_width=420)
    assert drawn is not None
    assert drawn.drawn == ("1",)
