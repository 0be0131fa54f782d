"""The brand file (`--brand FILE`, or `brand` in readiness.toml): an agency's name, logo,
accent colour, footer, contact and client, for the reports it hands on.

    name = "Northwind Digital"
    logo = "northwind.svg"        # PNG, JPEG or SVG, beside this file; inlined in the report
    accent = "#0a7d6f"            # a hex colour: the header and headings; severity stays fixed
    footer = "Confidential: prepared for Harbor & Pine, December 2026"
    contact = "audits@northwind.example"
    prepared-for = "Harbor & Pine Coffee"
    made-with = false             # drop the small "made with readiness" line

Every mistake is one line naming the file, the line and the key, and exit 2: a missing or
unreadable logo, a logo that is no PNG, JPEG or SVG, an unknown key, a colour that is not a
colour."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from checker.config.parse import read_toml
from checker.config.source import Source, describe, show
from checker.model.brand import Brand
from checker.model.errors import UsageError

KEYS = ("name", "logo", "accent", "footer", "contact", "prepared-for", "made-with")
MAX_LOGO_BYTES = 1_000_000  # a logo, not a photograph: the report inlines it on every page
MAX_TEXT = 300
_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_SVG_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<svg\b",
                        re.DOTALL | re.IGNORECASE)  # fmt: skip


def load_brand(path: Path) -> Brand:
    name = str(path)
    text, document = read_toml(Path(path), "brand file", name)
    source = Source(name, text, (), Path(path).resolve().parent)
    source.check_keys((), document, KEYS)
    if "name" not in document:
        raise UsageError(f'{name}: the brand needs a name (name = "Your agency").')
    return Brand(
        name=_text(source, "name", document["name"]),
        logo=_logo(source, document["logo"]) if "logo" in document else None,
        accent=_accent(source, document["accent"]) if "accent" in document else None,
        footer=_optional(source, document, "footer"),
        contact=_optional(source, document, "contact"),
        prepared_for=_optional(source, document, "prepared-for"),
        made_with=source.boolean(("made-with",), document.get("made-with", True)),
    )


def _text(source: Source, key: str, value: object) -> str:
    text = " ".join(source.string((key,), value).split())
    if len(text) > MAX_TEXT:
        raise source.fail((key,), f"at most {MAX_TEXT} characters, got {len(text)}")
    return text


def _optional(source: Source, document: dict[str, object], key: str) -> str | None:
    return _text(source, key, document[key]) if key in document else None


def _accent(source: Source, value: object) -> str:
    if not isinstance(value, str) or not _HEX_COLOUR.fullmatch(value.strip()):
        raise source.fail(
            ("accent",), f'expected a hex colour such as "#0a7d6f", got {show(value)}'
        )
    return value.strip().lower()


def _logo(source: Source, value: object) -> str:
    """The logo file, relative to the brand file's folder, as a data: URI."""
    if not isinstance(value, str) or not value.strip():
        raise source.fail(("logo",), f"expected the path of a PNG, JPEG or SVG file, got "
                                     f"{describe(value)}")  # fmt: skip
    path = Path(value).expanduser()
    path = path if path.is_absolute() else source.directory / path
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise source.fail(("logo",), f"cannot read {path}: {exc.strerror}") from None
    if len(data) > MAX_LOGO_BYTES:
        raise source.fail(("logo",), f"{path} is {len(data):,} bytes; a logo may be at most "
                                     f"{MAX_LOGO_BYTES:,}")  # fmt: skip
    kind = _image_type(data)
    if kind is None:
        raise source.fail(("logo",), f"{path} is not a PNG, JPEG or SVG file")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _image_type(data: bytes) -> str | None:
    """The logo's type, from its bytes (not its name): an <img> never runs an SVG's scripts,
    so an SVG is as safe to inline as a PNG."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if _SVG_START.match(data[:4096]):
        return "image/svg+xml"
    return None
