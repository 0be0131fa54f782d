"""An agency's brand file: read and checked in one line per mistake, then carried by the HTML
report (name, logo inlined, accent, client, footer, the "made with" line it may drop)."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from checker.cli.app import app
from checker.config.brand import load_brand
from checker.model.errors import UsageError
from checker.report.html import render_html
from tests.support.runs import fails, page, run

SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def brand_file(folder: Path, text: str) -> Path:
    path = folder / "brand.toml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def png(path: Path) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


def error_of(folder: Path, text: str) -> str:
    with pytest.raises(UsageError) as caught:
        load_brand(brand_file(folder, text))
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_brand_file_is_read_with_its_logo_inlined(tmp_path: Path) -> None:
    png(tmp_path / "logo.png")
    brand = load_brand(brand_file(tmp_path, """
        name = "Northwind  Digital"
        logo = "logo.png"
        accent = "#0A7D6F"
        footer = "Confidential"
        contact = "audits@northwind.example"
        prepared-for = "Harbor & Pine"
        made-with = false
    """))  # fmt: skip
    assert (brand.name, brand.accent, brand.prepared_for, brand.made_with) == (
        "Northwind Digital", "#0a7d6f", "Harbor & Pine", False,
    )  # fmt: skip
    assert brand.logo is not None and brand.logo.startswith("data:image/png;base64,")


def test_an_svg_logo_is_recognised_by_its_content(tmp_path: Path) -> None:
    (tmp_path / "logo.txt").write_text(SVG, encoding="utf-8")
    brand = load_brand(brand_file(tmp_path, 'name = "N"\nlogo = "logo.txt"\n'))
    assert brand.logo is not None and brand.logo.startswith("data:image/svg+xml;base64,")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('name = "N"\nlogo = "missing.png"\n', r"line 2, logo: cannot read .*missing.png"),
        ('name = "N"\ncolour = "#fff"\n', r'line 2, colour: unknown key "colour"'),
        (
            'name = "N"\naccent = "teal-ish"\n',
            r'line 2, accent: expected a hex colour .*"teal-ish"',
        ),
        ('name = "N"\nlogo = "brand.toml"\n', r"line 2, logo: .*is not a PNG, JPEG or SVG file"),
        ('footer = "x"\n', r"the brand needs a name"),
        ('name = "N"\nmade-with = "no"\n', r"made-with: expected true or false"),
    ],
)
def test_a_mistake_in_the_brand_file_is_one_line(tmp_path: Path, text: str, problem: str) -> None:
    assert re.search(problem, error_of(tmp_path, text))


def test_the_report_carries_the_brand_and_escapes_it(tmp_path: Path) -> None:
    png(tmp_path / "logo.png")
    brand = load_brand(brand_file(tmp_path, """
        name = "<script>alert(1)</script> Agency"
        logo = "logo.png"
        accent = "#0a7d6f"
        footer = "Confidential"
        prepared-for = "Harbor & Pine"
    """))  # fmt: skip
    html = render_html(run(page("https://shop.example/", {"viewport": fails(("head", "No"))})),
                       None, None, brand)  # fmt: skip
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Agency" in html
    assert 'src="data:image/png;base64,' in html
    assert "Prepared for Harbor &amp; Pine" in html
    assert "--accent: #0a7d6f" in html
    assert "Confidential" in html and "Made with readiness" in html


def test_made_with_false_drops_the_line_and_no_brand_keeps_the_report_as_it_was(
    tmp_path: Path,
) -> None:
    brand = load_brand(brand_file(tmp_path, 'name = "N"\nmade-with = false\n'))
    one = run(page("https://shop.example/", {}))
    assert "Made with" not in render_html(one, None, None, brand)
    plain = render_html(one)
    assert 'class="brand' not in plain and "<title>readiness report" in plain


def test_a_bad_brand_stops_the_command_before_any_page(tmp_path: Path) -> None:
    bad = brand_file(tmp_path, 'name = "N"\naccent = "blue"\n')
    result = CliRunner().invoke(app, ["audit", "https://shop.example/", "--brand", str(bad),
                                      "-o", str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}, line 2, accent: expected a hex colour")
    assert not (tmp_path / "out").exists()


def test_a_brand_file_that_is_missing_or_not_toml_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^Brand file .*nowhere.toml does not exist\.$"):
        load_brand(tmp_path / "nowhere.toml")
    broken = brand_file(tmp_path, 'name = "N\n')
    with pytest.raises(UsageError, match=r"brand.toml, line 1"):
        load_brand(broken)
