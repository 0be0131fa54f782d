"""The HTML report: what it shows of a RunResult, and that page data can never run in it."""

from __future__ import annotations

import base64
import dataclasses
import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

import checker
from checker.model.elements import Box, Element
from checker.model.errors import ReadinessError
from checker.model.results import (
    AuditError,
    AuditResult,
    DeviceResult,
    ErrorInfo,
    Finding,
    PageResult,
    RunResult,
)
from checker.report import templates
from checker.report.html import render_html
from checker.report.links import safe_href, text_segments

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_SNIPPET = '"><img src=x onerror=alert(1)>'
FIX_URL = "https://developer.mozilla.org/docs/Web/HTML/Viewport_meta_tag"


def tiny_png(width: int, height: int) -> bytes:
    """A valid grey PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def tiny_jpeg(width: int, height: int) -> bytes:
    """A valid light JPEG of the given size, as the gatherer's whole-page screenshot."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (240, 240, 240)).save(out, format="JPEG")
    return out.getvalue()


def audit(id: str, category: str, score: float | None, **kwargs: object) -> AuditResult:
    defaults: dict[str, object] = {
        "title": f"Title of {id}",
        "weight": 1.0,
        "display": f"Display of {id}",
        "fix": f"Fix {id} like this.",
        "help_url": FIX_URL,
    }
    defaults.update(kwargs)
    return AuditResult(id=id, category=category, score=score, **defaults)  # type: ignore[arg-type]


def mobile_audits() -> dict[str, AuditResult]:
    neighbour = Finding(
        message="Too close to this link.",
        element=Element("a.next", Box(10, 130, 40, 20), '<a class="next">Next</a>'),
    )
    tap = Finding(
        message="This link is 20 px from another.",
        element=Element("nav > a.prev", Box(10, 100, 40, 20), HOSTILE_SNIPPET),
        impact="serious",
        related=[dataclasses.replace(neighbour, impact="serious")],
        details={"distance": 20.5},
    )
    below = Finding(message="Below the first screen.", element=Element(box=Box(200, 1500, 100, 50)))
    offscreen = Finding(
        message="Far below the first screen.", element=Element(box=Box(0, 5000, 100, 100))
    )
    return {
        "tap-targets": audit(
            "tap-targets",
            "layout",
            0.4,
            title="Tap targets are too close",
            display="2 of 9 tap targets are too close",
            fix="Space links at least 48 px apart.",
            findings=[tap, below, offscreen],
        ),
        "viewport": audit("viewport", "layout", 1.0, title="Has a viewport meta tag"),
        "font-size": audit(
            "font-size", "layout", None, title="Font sizes", display="No text on the page."
        ),
        "first-contentful-paint": audit("first-contentful-paint", "speed", 0.95),
        "image-sizes": audit(
            "image-sizes",
            "speed",
            None,
            title="Image sizes could not be checked",
            display="The audit could not run: KeyError: 'x'",
            error=AuditError("audit", "KeyError: 'x'"),
        ),
        "meta-description": audit(
            "meta-description",
            "social",
            0.0,
            title="Has no meta description that link previews can use",
            findings=[Finding(message="No <meta name=description> tag.")],
        ),
    }


def sample_run() -> RunResult:
    phone = DeviceResult(
        device="pixel-7",
        viewport={"width": 412, "height": 915},
        is_mobile=True,
        scores={"overall": 47, "layout": 40, "speed": 95, "social": 0},
        audits=mobile_audits(),
        screenshot=tiny_png(412, 915),
        full_screenshot=tiny_jpeg(412, 2000),
    )
    tablet = DeviceResult(
        device="ipad-mini",
        viewport={"width": 768, "height": 1024},
        is_mobile=True,
        scores={"overall": 73, "layout": 100, "speed": 83, "social": None},
        audits={"viewport": audit("viewport", "layout", 1.0)},
    )
    ok_page = PageResult(
        url="https://shop.example/",
        final_url="https://shop.example/en/",
        status="ok",
        error=None,
        scores={"overall": 47, "layout": 40, "speed": 83, "social": None},
        metadata={
            "title": HOSTILE_TITLE,
            "description": None,
            "canonical": "javascript:alert(document.cookie)",
            "lang": "en",
        },
        devices=[phone, tablet],
    )
    broken_page = PageResult(
        url="https://shop.example/missing",
        final_url=None,
        status="error",
        error=ErrorInfo("http-error", "The server answered 404 Not Found."),
        scores={"overall": None, "layout": None, "speed": None, "social": None},
        metadata={},
        devices=[],
    )
    return RunResult(
        started_at="2024-05-01T10:00:00+00:00",
        config={},
        pages=[broken_page, ok_page],
        summary={
            "pages": 2,
            "errors": 1,
            "scores": {"overall": 47, "layout": 40, "speed": 83, "social": None},
        },
        tool={"name": "readiness", "version": "9.8.7"},
    )


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(sample_run())


def section(html: str, device: str) -> str:
    """The HTML of one device's section."""
    start = html.index(f"<h3>{device}</h3>")
    end = html.find('<section class="device"', start)
    return html[start : end if end != -1 else len(html)]


def test_html_report_is_a_standalone_mobile_friendly_document(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "<style>" in html
    assert not re.search(r"<link\b|<script\b|src=\"https?:", html)
    assert "readiness report" in html
    assert '<time datetime="2024-05-01T10:00:00+00:00">1 May 2024, 10:00 UTC</time>' in html
    assert "9.8.7" in html
    assert "2 pages" in html and "1 error" in html


def test_html_report_colours_summary_scores_by_band(html: str) -> None:
    header = html[: html.index("</header>")]
    assert 'class="gauge band-fail" style="--p: 47"' in header
    assert 'class="gauge band-fail" style="--p: 40"' in header
    assert 'class="gauge band-average" style="--p: 83"' in header
    assert 'class="gauge band-na" style="--p: 0"' in header


def test_html_report_renders_null_scores_as_na(html: str) -> None:
    assert "None" not in html
    assert 'aria-label="Social score n/a"' in html
    assert ">n/a</span>" in section(html, "ipad-mini")


def test_html_report_shows_scores_per_device(html: str) -> None:
    start = html.index("<table>")  # the page's device table (the site overview's has a class)
    table = html[start : html.index("</table>", start)]
    for device, viewport, scores in (
        ("pixel-7", "412x915", ("47", "40", "95", "0", "n/a")),
        ("ipad-mini", "768x1024", ("73", "100", "83", "n/a", "n/a")),
    ):
        row = table[table.index(f">{device}<") :].split("</tr>")[0]
        assert f'<span class="viewport">{viewport}</span>' in row
        assert re.findall(r'class="chip band-\w+" title="\w+">([^<]*)<', row) == list(scores)


def test_html_report_shows_failing_audits_with_findings_and_fix(html: str) -> None:
    phone = section(html, "pixel-7")
    assert "Tap targets are too close" in phone
    assert "2 of 9 tap targets are too close" in phone
    assert "This link is 20 px from another." in phone
    assert "<code>nav &gt; a.prev</code>" in phone
    assert "10,100 40x20" in phone
    assert "Space links at least 48 px apart." in phone
    assert f'href="{FIX_URL}" rel="noopener noreferrer nofollow">Learn more on developer' in phone
    assert "distance" in phone and "20.5" in phone


def test_html_report_nests_related_findings(html: str) -> None:
    phone = section(html, "pixel-7")
    nested = phone[phone.index("This link is 20 px") : phone.index("Far below the first screen.")]
    assert '<ul class="findings">' in nested
    assert "Too close to this link." in nested
    assert "<code>a.next</code>" in nested


def test_html_report_says_a_findings_impact_but_not_again_on_its_related_elements(
    html: str,
) -> None:
    phone = section(html, "pixel-7")
    finding = phone[phone.index("This link is 20 px") : phone.index("Far below the first screen.")]
    assert finding.count("<dt>Impact</dt><dd>serious</dd>") == 1
    related = finding[finding.index("Too close to this link.") :]
    assert "Impact" not in related


def test_html_report_orders_failing_then_passed_then_not_applicable(html: str) -> None:
    phone = section(html, "pixel-7")
    layout = phone[phone.index("<h4>Layout</h4>") : phone.index("<h4>Speed</h4>")]
    failing = layout.index("Tap targets are too close")
    passed = layout.index("Passed audits (1)")
    not_applicable = layout.index("Not applicable (1)")
    assert failing < passed < layout.index("Has a viewport meta tag") < not_applicable
    assert not_applicable < layout.index("No text on the page.")
    assert layout.count("<details>") == 2


def test_html_report_shows_audit_errors(html: str) -> None:
    speed = section(html, "pixel-7").split("<h4>Speed</h4>")[1].split("<h4>Social</h4>")[0]
    assert "The check could not run. KeyError: &#39;x&#39;" in speed


def test_html_report_escapes_page_text(html: str) -> None:
    assert HOSTILE_TITLE not in html
    assert HOSTILE_SNIPPET not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "No &lt;meta name=description&gt; tag." in html


def test_html_report_never_links_javascript_urls(html: str) -> None:
    assert "javascript:alert(document.cookie)" in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs
    assert all(h.startswith(("https://", "http://", "#")) for h in hrefs)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://ok.example/\njavascript:alert(1)",
        'https://ok.example/"onmouseover="alert(1)',
        "//evil.example/",
    ],
)
def test_safe_href_refuses_anything_but_plain_http_urls(url: str) -> None:
    assert safe_href(url) is None


def test_safe_href_keeps_http_and_https_urls() -> None:
    assert safe_href("https://a.example/x?y=1#z") == "https://a.example/x?y=1#z"
    assert safe_href("HTTP://a.example/") == "HTTP://a.example/"


def test_fix_text_links_its_url_by_host_without_the_full_stop() -> None:
    parts = text_segments("Do this. https://a.example/guide.")
    assert [(p.text, p.href) for p in parts] == [
        ("Do this. ", None),
        ("Learn more on a.example", "https://a.example/guide"),
        (".", None),
    ]


def test_fix_text_names_the_page_of_two_links_to_one_host() -> None:
    parts = text_segments(
        "Mark it up. https://dev.example/docs/organization https://dev.example/docs/article/ "
        "https://other.example/guide"
    )
    assert [p.text for p in parts if p.href] == [
        "Learn more on dev.example: organization",
        "Learn more on dev.example: article",
        "Learn more on other.example",
    ]


def test_html_report_shows_error_page_kind_and_message(html: str) -> None:
    page = html[html.index('id="page-1"') : html.index('id="page-2"')]
    assert "http-error" in page
    assert "The server answered 404 Not Found." in page
    assert "<table>" not in page


def test_html_report_shows_page_urls_and_metadata(html: str) -> None:
    page = html[html.index('id="page-2"') :]
    assert 'href="https://shop.example/"' in page
    assert "Redirected to" in page and 'href="https://shop.example/en/"' in page
    metadata = page[page.index('<dl class="metadata">') : page.index("</dl>")]
    assert "&lt;script&gt;" in metadata
    assert "not set" in metadata
    assert ">en</dd>" in metadata


def shots(html: str, device: str) -> str:
    """The HTML of one device's screenshots in its page's row of screenshots."""
    start = html.index(f'id="{device}-shots"')
    return html[start : html.index("</section>", start)]


def pictures(html: str) -> list[Image.Image]:
    """The images inlined in this HTML, decoded."""
    found = re.findall(r'<img src="data:image/jpeg;base64,([A-Za-z0-9+/=]+)"', html)
    return [Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB") for data in found]


def is_red(px: tuple[int, int, int]) -> bool:
    return px[0] > 170 and px[1] < 100 and px[2] < 100


def is_orange(px: tuple[int, int, int]) -> bool:
    return px[0] > 200 and 100 < px[1] < 190 and px[2] < 90


def markers(html: str) -> list[str]:
    return re.findall(r'<span class="marker[^"]*" title="[^"]*">([^<]*)</span>', html)


def test_html_report_shows_every_device_of_a_page_in_a_row_of_screenshots(html: str) -> None:
    page = html[html.index('id="page-2"') :]
    row = page[page.index('<div class="shots"') : page.index('<section class="device"')]
    assert row.count('class="device-shots') == 1  # the iPad has no screenshot
    phone = shots(html, "page-2-device-1")
    assert 'id="page-2-device-1-shots"' in phone
    assert ">pixel-7</a>" in phone and "412x915 · mobile" in phone
    assert "First screen <span>412x915 CSS px · 1 marked</span>" in phone
    assert "Whole page <span>412x2000 CSS px · 2 marked, scroll inside</span>" in phone
    assert "2 findings marked; 1 not on the screenshots." in phone
    first, full = pictures(phone)
    assert first.size == (412, 915) and full.size == (412, 2000)
    assert all(
        src.startswith("data:image/jpeg;base64,") for src in re.findall(r'src="([^"]*)"', html)
    )
    assert '<a class="tap shots-link" href="#page-2-device-1-shots">' in section(html, "pixel-7")


def test_html_report_draws_the_findings_boxes_into_the_screenshots(html: str) -> None:
    first, full = pictures(shots(html, "page-2-device-1"))
    for image in (first, full):
        # Finding 1 (10,100 40x20) in red, its neighbour 1a (10,130 40x20) dashed orange.
        assert is_red(image.getpixel((11, 110)))
        assert is_red(image.getpixel((48, 110)))
        assert is_orange(image.getpixel((12, 130)))
        assert not is_red(image.getpixel((100, 300))) and not is_orange(image.getpixel((100, 300)))
    # Finding 2 (200,1500) is below the first screen: only the whole page shows it.
    assert is_red(full.getpixel((201, 1525)))
    assert not is_red(full.getpixel((150, 1525)))


def test_html_report_numbers_findings_as_drawn_on_the_screenshots(html: str) -> None:
    phone = section(html, "pixel-7")
    assert markers(phone) == ["1", "1a", "2"]
    assert phone.index(">1</span>This link is 20 px") < phone.index(">1a</span>Too close to this")
    assert '<span class="marker related" title="Marked 1a on the screenshots">1a</span>' in phone
    assert ">2</span>Below the first screen." in phone
    # Below the whole page: listed without a number, with where it is.
    far = phone[phone.index("Far below the first screen.") :]
    assert '0,5000 100x100 <span class="unmarked">(not marked on the screenshots)' in far
    assert "marker" not in phone[phone.index("Far below") - 120 : phone.index("Far below")]


def test_html_report_numbers_findings_per_device_in_the_order_listed() -> None:
    def finding(y: float) -> Finding:
        return Finding(message=f"At {y:.0f}.", element=Element(box=Box(10, y, 50, 20)))

    audits = {
        "a": audit("a", "layout", 0.1, findings=[finding(300), finding(10)]),
        "b": audit("b", "layout", 0.5, findings=[finding(600)]),
        "c": audit("c", "social", 0.0, findings=[finding(50)]),
    }
    device = DeviceResult(
        device="iphone-se",
        viewport={"width": 375, "height": 667},
        is_mobile=True,
        scores={"overall": 10, "layout": 10, "speed": None, "social": 0},
        audits=audits,
        screenshot=tiny_png(375, 667),
    )
    run = sample_run()
    page = dataclasses.replace(run.pages[1], devices=[device, device])
    html = render_html(dataclasses.replace(run, pages=[page]))
    for anchor in ("page-1-device-1", "page-1-device-2"):
        start = html.index(f'id="{anchor}"')
        listed = html[start : html.find('<section class="device"', start + 1)]
        assert markers(listed) == ["1", "2", "3", "4"]
        assert listed.index("At 300.") < listed.index("At 10.") < listed.index("At 600.")
        assert ">4</span>At 50." in listed


def test_html_report_does_not_number_related_boxes_of_an_unnumbered_finding() -> None:
    neighbour = Finding(message="Neighbour.", element=Element(box=Box(10, 10, 40, 20)))
    far = Finding(message="Far.", element=Element(box=Box(10, 9000, 40, 20)), related=[neighbour])
    run = sample_run()
    phone = run.pages[1].devices[0]
    audits = {"tap-targets": audit("tap-targets", "layout", 0.2, findings=[far])}
    page = dataclasses.replace(run.pages[1], devices=[dataclasses.replace(phone, audits=audits)])
    html = render_html(dataclasses.replace(run, pages=[page]))
    assert markers(section(html, "pixel-7")) == []
    assert "No finding to mark; 1 not on the screenshots." in html


def test_html_report_caps_the_boxes_drawn_for_a_hostile_page() -> None:
    many = [
        Finding(message=f"F{n}.", element=Element(box=Box(10, 10 + n, 5, 5))) for n in range(200)
    ]
    run = sample_run()
    phone = run.pages[1].devices[0]
    audits = {"tap-targets": audit("tap-targets", "layout", 0.2, findings=many)}
    page = dataclasses.replace(run.pages[1], devices=[dataclasses.replace(phone, audits=audits)])
    html = render_html(dataclasses.replace(run, pages=[page]))
    numbers = markers(section(html, "pixel-7"))
    assert numbers == [str(n) for n in range(1, 61)]
    assert "60 findings marked; 140 not on the screenshots." in html


def test_html_report_marks_a_zoomed_out_first_screen_at_its_scale() -> None:
    run = sample_run()
    phone = run.pages[1].devices[0]
    audits = {
        "content-width": audit(
            "content-width",
            "layout",
            0.0,
            findings=[Finding("Wide.", element=Element(box=Box(300, 300, 400, 200)))],
        )
    }
    # A 412 px screenshot showing 1236 CSS px.
    zoomed = dataclasses.replace(phone, audits=audits, first_screen_css_width=1236)
    page = dataclasses.replace(run.pages[1], devices=[zoomed])
    html = render_html(dataclasses.replace(run, pages=[page]))
    strip = shots(html, "page-1-device-1")
    assert "First screen <span>1236x2745 CSS px, zoomed out to 33% · 1 marked</span>" in strip
    first, full = pictures(strip)
    assert is_red(first.getpixel((101, 110)))  # 300 / 3 + 1, 300 / 3 + 10
    assert not is_red(first.getpixel((90, 110)))
    assert is_red(full.getpixel((301, 310)))  # one pixel per CSS px
    assert not is_red(full.getpixel((101, 110)))


def test_html_report_leaves_out_screenshots_that_do_not_decode() -> None:
    run = sample_run()
    phone = dataclasses.replace(
        run.pages[1].devices[0], screenshot=b"\x89PNG broken", full_screenshot=b"garbage"
    )
    page = dataclasses.replace(run.pages[1], devices=[phone])
    html = render_html(dataclasses.replace(run, pages=[page]))
    assert "<img" not in html
    assert 'class="shots"' not in html
    assert markers(section(html, "pixel-7")) == []
    assert "not marked on the screenshots" not in html
    assert "10,100 40x20" in html


def test_html_report_draws_on_the_whole_page_when_the_first_screen_is_missing() -> None:
    run = sample_run()
    phone = dataclasses.replace(run.pages[1].devices[0], screenshot=None)
    page = dataclasses.replace(run.pages[1], devices=[phone])
    html = render_html(dataclasses.replace(run, pages=[page]))
    strip = shots(html, "page-1-device-1")
    assert "First screen" not in strip
    (full,) = pictures(strip)
    assert is_red(full.getpixel((11, 110)))
    assert markers(section(html, "pixel-7")) == ["1", "1a", "2"]


def test_html_report_scales_a_tablet_screenshot_down_to_a_phone_width() -> None:
    run = sample_run()
    tablet = dataclasses.replace(
        run.pages[1].devices[0],
        device="ipad-mini",
        viewport={"width": 768, "height": 1024},
        screenshot=tiny_png(768, 1024),
        full_screenshot=tiny_jpeg(768, 3000),
    )
    page = dataclasses.replace(run.pages[1], devices=[tablet])
    html = render_html(dataclasses.replace(run, pages=[page]))
    first, full = pictures(shots(html, "page-1-device-1"))
    assert first.size == (420, 560) and full.size == (420, 1641)
    assert is_red(first.getpixel((round(10 * 420 / 768) + 1, round(110 * 420 / 768))))
    assert markers(section(html, "ipad-mini")) == ["1", "1a", "2"]


def test_html_report_shows_a_device_that_could_not_load() -> None:
    run = sample_run()
    broken = DeviceResult(
        device="iphone-se",
        viewport={"width": 375, "height": 667},
        is_mobile=True,
        scores={"overall": None, "layout": None, "speed": None, "social": None},
        audits={},
        error=ErrorInfo("timeout", "The page did not finish loading in 30 s."),
    )
    page = dataclasses.replace(run.pages[1], devices=[broken])
    html = render_html(dataclasses.replace(run, pages=[page]))
    device = section(html, "iphone-se")
    assert "timeout" in device
    assert "The page did not finish loading in 30 s." in device
    assert "None" not in html


def test_html_report_of_a_run_without_pages_says_so() -> None:
    run = dataclasses.replace(sample_run(), pages=[], summary={"pages": 0, "errors": 0})
    html = render_html(run)
    assert "No pages were audited." in html
    assert html.count(">n/a</span>") == 5  # overall and each category


def test_templates_dir_finds_the_checkout_templates() -> None:
    assert Path(checker.__file__).resolve().parent == templates.PACKAGE_DIR
    found = templates.templates_dir()
    assert (found / "report.html.j2").is_file()


def test_templates_dir_explains_when_templates_are_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = tmp_path / "site-packages" / "checker"
    package.mkdir(parents=True)
    monkeypatch.setattr(templates, "PACKAGE_DIR", package)
    with pytest.raises(ReadinessError, match="templates are missing"):
        templates.templates_dir()


def test_templates_dir_prefers_templates_shipped_in_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "checker" / "templates").mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    monkeypatch.setattr(templates, "PACKAGE_DIR", tmp_path / "checker")
    assert templates.templates_dir() == tmp_path / "checker" / "templates"


def test_html_report_names_the_standards_an_audit_checks_and_what_to_check_by_eye() -> None:
    run = sample_run()
    contrast = audit(
        "color-contrast",
        "accessibility",
        1.0,
        title="Text has enough contrast with its background",
        display="All text checked has enough contrast.",
        act_rules=["afw4f7", "09o5cg"],
        wcag=["1.4.3"],
        details={
            "needs_review": [
                {"selector": "#hero > p", "why": "Text over <b>a picture</b>.", "snippet": "<p>"}
            ]
        },
    )
    phone = dataclasses.replace(
        run.pages[1].devices[0],
        audits={**run.pages[1].devices[0].audits, "color-contrast": contrast},
        scores={**run.pages[1].devices[0].scores, "accessibility": 100},
    )
    page = dataclasses.replace(run.pages[1], devices=[phone])
    device = section(render_html(dataclasses.replace(run, pages=[page])), "pixel-7")
    assert "Checks WCAG 1.4.3 · ACT rules afw4f7, 09o5cg" in device
    assert "1 element to check by eye" in device
    assert "<code>#hero &gt; p</code>" in device
    assert "Text over &lt;b&gt;a picture&lt;/b&gt;." in device
