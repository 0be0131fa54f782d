"""A group of axe rules stopped for time costs its own verdicts only: the next group runs on
axe's caches read afresh, not on what the stopped rule left half built."""

from __future__ import annotations

from pathlib import Path

from checker import Config, audit_urls
from checker.demo.server import serve_directory
from checker.gather import axe

# Long enough for color-contrast to be well into a page of thousands of lines (the page's
# boxes laid out for it), too short for it to finish.
CONTRAST_LIMIT_S = 1.0


def _crowded_page(folder: Path) -> Path:
    """Thousands of coloured lines (color-contrast takes seconds) and a row of links 10 px
    square side by side, which fail WCAG 2.5.8's 24 px target size."""
    lines = "".join(
        f'<p style="color:#{i % 97:02x}{i % 89:02x}{i % 83:02x};background:#fff">line {i}</p>'
        for i in range(6000)
    )
    links = "".join(
        f'<a href="#t{i}" style="display:inline-block;width:10px;height:10px">.</a>'
        for i in range(30)
    )
    page = f'<!doctype html><html lang="en"><title>Crowded</title><nav>{links}</nav>{lines}'
    (folder / "crowded.html").write_text(page)
    return folder


def test_target_size_is_judged_when_color_contrast_was_stopped(tmp_path, monkeypatch):
    groups = [(g, CONTRAST_LIMIT_S if g == ("color-contrast",) else s) for g, s in axe.RULE_GROUPS]
    monkeypatch.setattr(axe, "RULE_GROUPS", tuple(groups))
    config = Config(
        devices=("iphone-se",),
        block_external=True,
        only_categories=("accessibility",),
        output_dir=tmp_path / "report",
    )
    with serve_directory(_crowded_page(tmp_path)) as base_url:
        (page,) = audit_urls([f"{base_url}crowded.html"], config).pages
    audits = page.devices[0].audits
    assert audits["color-contrast"].error is not None  # stopped: no verdict, said so
    target_size = audits["target-size"]
    assert target_size.error is None
    assert target_size.score == 0, target_size.display
    assert len(target_size.findings) >= 20
