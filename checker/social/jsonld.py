"""JSON-LD blocks (`<script type="application/ld+json">`): every block kept, broken ones too.

Parsing is strict JSON, as Google's: its Search Console lists a trailing comma, a missing comma
or bracket as "Unparsable structured data" (https://support.google.com/webmasters/answer/9166415),
and browsers' JSON.parse agrees. A block that does not parse is reported with the parser's
message and an excerpt around the error, never dropped. Only the wrappers pages put around the
JSON for old browsers are stripped first (an HTML comment, a CDATA section, a byte-order mark),
which is also what the corpus's facts were extracted with (shared/corpus/tools/extract_facts.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MIME_TYPE = "application/ld+json"
EXCERPT_CHARS = 60

_WRAPPERS = (
    re.compile(r"^\s*<!--"),
    re.compile(r"-->\s*$"),
    re.compile(r"^\s*(//)?\s*<!\[CDATA\["),
    re.compile(r"(//)?\s*\]\]>\s*$"),
)


@dataclass(frozen=True)
class Organization:
    """A schema.org Organization node (or a subtype: NewsMediaOrganization, Corporation...).

    Values are as the JSON has them (usually strings); `type` is a list only when the node has
    several; `logo` is the logo's URL (an ImageObject's `url` or `@id`), a list when several."""

    type: str | list[str]
    name: Any = None
    url: Any = None
    logo: Any = None
    same_as: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class JsonLdBlock:
    index: int  # 1-based, in document order
    types: list[str] = field(default_factory=list)
    data: Any = None  # the parsed JSON; None when the block does not parse
    error: str | None = None  # "JSONDecodeError: Expecting ',' delimiter: line 3 column 5 ..."
    excerpt: str | None = None  # the text around the error


@dataclass(frozen=True)
class JsonLd:
    blocks: list[JsonLdBlock] = field(default_factory=list)
    types: list[str] = field(default_factory=list)  # every @type, nested and @graph nodes too
    organizations: list[Organization] = field(default_factory=list)
    same_as: list[Any] = field(default_factory=list)  # every sameAs value on any node
    parse_errors: list[str] = field(default_factory=list)  # "block 2: JSONDecodeError: ..."


def is_jsonld(script_type: str | None) -> bool:
    """`type` names JSON-LD, parameters and case aside ("application/ld+json; charset=utf-8")."""
    return (script_type or "").split(";")[0].strip().lower() == MIME_TYPE


def read_jsonld(texts: Iterable[str]) -> JsonLd:
    """The JSON-LD of a page from the text of each of its JSON-LD scripts, in document order."""
    blocks = [parse_block(index, text) for index, text in enumerate(texts, start=1)]
    walk = _Walk()
    for block in blocks:
        if block.error is None:
            walk.visit(block.data)
    return JsonLd(
        blocks=blocks,
        types=_unique(t for block in blocks for t in block.types),
        organizations=walk.organizations,
        same_as=walk.same_as,
        parse_errors=[f"block {b.index}: {b.error}" for b in blocks if b.error is not None],
    )


def parse_block(index: int, text: str) -> JsonLdBlock:
    body = unwrap(text)
    try:
        data = json.loads(body, parse_constant=_reject_constant)
    except ValueError as exc:
        return JsonLdBlock(
            index=index, error=f"{type(exc).__name__}: {exc}", excerpt=_excerpt(body, exc)
        )
    walk = _Walk()
    walk.visit(data)
    return JsonLdBlock(index=index, types=walk.types, data=data)


def unwrap(text: str) -> str:
    """The JSON inside the wrappers old pages put around script content."""
    body = text.strip().removeprefix("\ufeff")
    for wrapper in _WRAPPERS:
        body = wrapper.sub("", body)
    return body.strip()


class _Walk:
    """Collects @types, Organization nodes and sameAs values over nested nodes and @graph."""

    def __init__(self) -> None:
        self.types: list[str] = []
        self.organizations: list[Organization] = []
        self.same_as: list[Any] = []

    def visit(self, node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                self.visit(item)
            return
        if not isinstance(node, dict):
            return
        types = [t for t in _as_list(node.get("@type")) if isinstance(t, str)]
        _add_new(self.types, types)
        same_as = _as_list(node.get("sameAs"))
        _add_new(self.same_as, same_as)
        if any(t.endswith("Organization") or t == "Corporation" for t in types):
            self.organizations.append(_organization(node, types, same_as))
        for key, value in node.items():
            # @context holds vocabulary, not nodes of the page
            if key != "@context" and isinstance(value, dict | list):
                self.visit(value)


def _organization(node: dict[str, Any], types: list[str], same_as: list[Any]) -> Organization:
    logos = [
        (logo.get("url") or logo.get("@id")) if isinstance(logo, dict) else logo
        for logo in _as_list(node.get("logo"))
    ]
    return Organization(
        type=types if len(types) > 1 else types[0],
        name=node.get("name"),
        url=node.get("url"),
        logo=(logos[0] if len(logos) == 1 else logos) if logos else None,
        same_as=same_as,
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _add_new(seen: list[Any], values: list[Any]) -> None:
    # A list, not a set: sameAs values may be objects, which do not hash.
    for value in values:
        if value not in seen:
            seen.append(value)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity; JSON (and so every crawler's parser) does not.
    raise ValueError(f"{name} is not valid JSON")


def _excerpt(body: str, exc: ValueError) -> str | None:
    pos = getattr(exc, "pos", None)
    if pos is None:
        return None
    start = max(0, pos - EXCERPT_CHARS)
    return body[start : pos + EXCERPT_CHARS]
