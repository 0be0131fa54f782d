"""The brands comparison of a batch: one self-contained HTML page ranking the brands, and the
same table as CSV.

Ranking, chosen once: brands that were audited come first, by score, highest first; equal
scores share a rank (1, 2, 2, 4) and are listed by name. An audited brand without that score
follows, unranked; failed brands come last, unranked, with their reason. The HTML table ranks by
overall score and re-ranks by any category when its header is clicked: every ranking is
computed here and written into the rows, so the page's small script only reorders them.

Brand names and URLs come from the user's CSV and the pages: everything is escaped by the
template environment, only http(s) URLs become links, and CSV cells that a spreadsheet would
read as a formula are defused.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from checker.report.display import LABELS, SCORE_KEYS, Badge, badge, readable_time
from checker.report.links import Segment, url_segments
from checker.report.templates import environment

Status = Literal["ok", "failed"]

CSV_COLUMNS = (
    "rank",
    "name",
    "url",
    "status",
    *SCORE_KEYS,
    "pages",
    "errors",
    "report",
    "message",
)
# What makes a spreadsheet read a cell as a formula; such cells get a leading ' (OWASP, CSV
# Injection: https://owasp.org/www-community/attacks/CSV_Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class BrandOutcome:
    name: str
    url: str
    status: Status
    scores: dict[str, int | None]
    pages: int
    errors: int
    report: str | None = None  # the brand's report.html, relative to the comparison page
    message: str | None = None  # why it failed; for an ok brand, a problem beside its results


@dataclass(frozen=True)
class RankedBrand:
    rank: int | None  # None: failed, or no score to rank by
    brand: BrandOutcome
    index: int  # its position in the list given, which tells apart two equal brands


@dataclass(frozen=True)
class BrandRow:
    """A brand's row of the comparison table, with its place in every ranking."""

    name: str
    url: list[Segment]
    failed: bool
    message: str | None
    badges: list[Badge]
    pages: int
    errors: int
    report: str | None  # a safe relative href
    # Per score key: the row's position when ranked by it (0 first) and its rank shown.
    order: dict[str, int]
    ranks: dict[str, str]


def ranking(brands: Sequence[BrandOutcome], key: str = "overall") -> list[RankedBrand]:
    """The brands in their order by `key` (a score key), with their rank."""
    listed = list(enumerate(brands))
    ok = [(i, b) for i, b in listed if b.status == "ok"]
    scored = sorted(
        ((i, b) for i, b in ok if _score(b, key) is not None),
        key=lambda item: (-(_score(item[1], key) or 0), *_by_name(item)),
    )
    ranked: list[RankedBrand] = []
    for position, (index, brand) in enumerate(scored, start=1):
        tied = bool(ranked) and _score(ranked[-1].brand, key) == _score(brand, key)
        ranked.append(RankedBrand(ranked[-1].rank if tied else position, brand, index))
    unranked = [(i, b) for i, b in ok if _score(b, key) is None]
    failed = [(i, b) for i, b in listed if b.status != "ok"]
    for group in (unranked, failed):
        ranked += [RankedBrand(None, b, i) for i, b in sorted(group, key=_by_name)]
    return ranked


def render_comparison(
    brands: Sequence[BrandOutcome], started_at: str, *, csv_href: str | None = None
) -> str:
    """The comparison page: self-contained HTML. `csv_href` (relative) links the CSV export."""
    overall = ranking(brands)
    orders = {key: ranking(brands, key) for key in SCORE_KEYS}
    positions = {
        key: {r.index: (position, r.rank) for position, r in enumerate(ranked)}
        for key, ranked in orders.items()
    }
    rows = [_row(r, positions) for r in overall]
    failed = sum(b.status != "ok" for b in brands)
    return (
        environment()
        .get_template("comparison.html.j2")
        .render(
            title="readiness: brands compared",
            started_at=started_at,
            started_display=readable_time(started_at),
            brand_count=len(brands),
            failed_count=failed,
            keys=[(key, LABELS[key]) for key in SCORE_KEYS],
            rows=rows,
            csv_href=_relative_href(csv_href),
        )
    )


def comparison_csv(brands: Sequence[BrandOutcome]) -> str:
    """The comparison table as CSV, ranked by overall score; safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for ranked in ranking(brands):
        brand = ranked.brand
        writer.writerow(
            [
                "" if ranked.rank is None else ranked.rank,
                csv_safe(brand.name),
                csv_safe(brand.url),
                csv_safe(brand.status),
                *("" if _score(brand, key) is None else _score(brand, key) for key in SCORE_KEYS),
                brand.pages,
                brand.errors,
                csv_safe(brand.report or ""),
                csv_safe(brand.message or ""),
            ]
        )
    return out.getvalue()


def csv_safe(text: str) -> str:
    """The text, with a leading ' when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _row(ranked: RankedBrand, positions: dict[str, dict[int, tuple[int, int | None]]]) -> BrandRow:
    brand = ranked.brand
    failed = brand.status != "ok"
    order: dict[str, int] = {}
    ranks: dict[str, str] = {}
    for key, placed in positions.items():
        position, rank = placed[ranked.index]
        order[key] = position
        ranks[key] = "—" if rank is None else str(rank)
    return BrandRow(
        name=brand.name,
        url=url_segments(brand.url),
        failed=failed,
        message=brand.message,
        badges=[
            badge(LABELS[key], None if failed else brand.scores.get(key)) for key in SCORE_KEYS
        ],
        pages=brand.pages,
        errors=brand.errors,
        report=_relative_href(brand.report),
        order=order,
        ranks=ranks,
    )


def _relative_href(path: str | None) -> str | None:
    """A relative path as an href: percent-encoded, so no scheme (`javascript:`) survives and
    names with spaces or # still work; an absolute path or URL is no link."""
    if not path or path.startswith(("/", "\\")):
        return None
    return quote(path.replace("\\", "/"), safe="/")


def _score(brand: BrandOutcome, key: str) -> int | None:
    value = brand.scores.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return round(value)


def _by_name(item: tuple[int, BrandOutcome]) -> tuple[str, str, int]:
    index, brand = item
    return (brand.name.casefold(), brand.url, index)
