"""The HTML report: what it shows of a RunResult, and that page data can never run in it."""

from __future__ import annotations

import base64
import dataclasses
import re
import struct
import zlib
from pathlib import Path

import pytest

import checker
from checker.errors import ReadinessError
from checker.report import templates
from checker.report.html import png_size, render_html
from checker.report.links import safe_href, text_segments
from checker.results import (
    AuditResult,
    DeviceResult,
    ErrorInfo,
    Finding,
    PageResult,
    RunResult,
)
from checker.snapshot import Box

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


def audit(id: str, category: str, score: float | None, **kwargs: object) -> AuditResult:
    defaults: dict[str, object] = {
        "title": f"Title of {id}",
        "weight": 1.0,
        "display": f"Display of {id}",
        "fix": f"Fix {id} like this. {FIX_URL}",
    }
    defaults.update(kwargs)
    return AuditResult(id=id, category=category, score=score, **defaults)  # type: ignore[arg-type]


def mobile_audits() -> dict[str, AuditResult]:
    neighbour = Finding(
        message="Too close to this link.",
        selector="a.next",
        box=Box(10, 130, 40, 20),
        snippet='<a class="next">Next</a>',
    )
    tap = Finding(
        message="This link is 20 px from another.",
        selector="nav > a.prev",
        box=Box(10, 100, 40, 20),
        snippet=HOSTILE_SNIPPET,
        related=[neighbour],
        details={"distance": 20.5},
    )
    offscreen = Finding(message="Far below the first screen.", box=Box(0, 5000, 100, 100))
    return {
        "tap-targets": audit(
            "tap-targets",
            "layout",
            0.4,
            title="Tap targets are too close",
            display="2 of 9 tap targets are too close",
            fix=f"Space links at least 48 px apart. {FIX_URL}",
            findings=[tap, offscreen],
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
            error="KeyError: 'x'",
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
    table = html[html.index("<table>") : html.index("</table>")]
    for device, viewport, scores in (
        ("pixel-7", "412x915", ("47", "40", "95", "0")),
        ("ipad-mini", "768x1024", ("73", "100", "83", "n/a")),
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
    assert "The audit could not run: KeyError: &#39;x&#39;" in speed


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


def test_html_report_inlines_the_screenshot_with_finding_boxes(html: str) -> None:
    phone = section(html, "pixel-7")
    png = base64.b64encode(tiny_png(412, 915)).decode()
    assert f'src="data:image/png;base64,{png}"' in phone
    boxes = re.findall(r'<div class="shot-box( related)?" style="([^"]*)"', phone)
    # The finding and its related neighbour; the one at y=5000 is below the first screen,
    # so it has no box and no number.
    assert len(boxes) == 2
    assert phone.count('class="marker"') == 1
    left = 10 / 412 * 100
    top = 100 / 915 * 100
    assert boxes[0] == ("", f"left: {left:.3f}%; top: {top:.3f}%; width: 9.709%; height: 2.186%")
    assert boxes[1][0] == " related"
    assert "<img" not in section(html, "ipad-mini")


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
    assert html.count(">n/a</span>") == 4


def test_png_size_reads_the_header() -> None:
    assert png_size(tiny_png(3, 2)) == (3, 2)
    assert png_size(b"not a png") is None


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
