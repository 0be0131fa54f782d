"""The bundled demo site: a fictional company's pages, some mobile-ready and some not."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def demo_site_dir() -> Path:
    return Path(str(files("checker.demo").joinpath("site")))


def demo_pages(base_url: str) -> list[str]:
    """The URLs of the demo's pages, the home page first, at its address people use."""
    names = sorted(p.name for p in demo_site_dir().glob("*.html") if p.name != "index.html")
    return [base_url, *(base_url + n for n in names)]
