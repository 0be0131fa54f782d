"""Which apple-touch-icon the crawler view fetches: the one an iPhone would use."""

from __future__ import annotations

import pytest

from checker.gather.htmlhead import parse_head
from checker.gather.social import _image_urls

BASE = "https://shop.example/"


def _touch_icon(links: str) -> str:
    head = parse_head(f"<html><head>{links}</head><body></body></html>")
    (url,) = [url for role, url in _image_urls(head, BASE) if role == "apple-touch-icon"]
    return url


def test_the_recommended_size_is_chosen_over_the_legacy_icons_listed_first():
    links = (
        '<link rel="apple-touch-icon" sizes="57x57" href="/57.png">'
        '<link rel="apple-touch-icon" sizes="114x114" href="/114.png">'
        '<link rel="apple-touch-icon" sizes="180x180" href="/180.png">'
        '<link rel="apple-touch-icon" sizes="512x512" href="/512.png">'
    )
    assert _touch_icon(links) == BASE + "180.png"


@pytest.mark.parametrize(
    ("links", "chosen"),
    [
        # No 180: the smallest larger one, else the largest.
        ('<link rel="apple-touch-icon" sizes="512x512" href="/512.png">'
         '<link rel="apple-touch-icon" sizes="192x192" href="/192.png">', "192.png"),
        ('<link rel="apple-touch-icon" sizes="57x57" href="/57.png">'
         '<link rel="apple-touch-icon-precomposed" sizes="152x152" href="/152.png">', "152.png"),
        # Without sizes anywhere: the first, as before.
        ('<link rel="apple-touch-icon" href="/a.png"><link rel="apple-touch-icon" href="/b.png">',
         "a.png"),
        # A declared size beats a link without one.
        ('<link rel="apple-touch-icon" href="/plain.png">'
         '<link rel="apple-touch-icon" sizes="180x180" href="/180.png">', "180.png"),
    ],
)  # fmt: skip
def test_without_the_recommended_size_the_choice_follows_apple(links: str, chosen: str):
    assert _touch_icon(links) == BASE + chosen
