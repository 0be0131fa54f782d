"""The site overview of the HTML report: per site, its mean scores, worst pages, how many
pages each audit fails on, and the findings that repeat across pages (fix the template once)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.judge.sitewide import AuditFailures, RepeatedFinding, SiteSummary, site_summaries
from checker.judge.tallies import AuditTally
from checker.model.results import RunResult
from checker.report.display import LABELS, SCORE_KEYS, Badge, badge, badges, score_keys

# Repeated findings shown openly in a site's overview; the rest wait behind a "show more".
VISIBLE_REPEATED = 5
# The site overview is for runs of several pages: with one, the page says it all.
SITE_OVERVIEW_MIN_PAGES = 2


@dataclass(frozen=True)
class SiteView:
    """A site's overview: its mean scores, worst pages, failure counts, repeated findings."""

    anchor: str
    site: str
    pages: int
    audited: int
    errored: int
    badges: list[Badge]
    worst: list[tuple[Badge, int, str]]  # the page's overall chip, number, URL
    failing: list[AuditFailures]  # audits that fail on at least one page, most failing first
    passing: int  # audits that pass on every page they apply to
    repeated: list[RepeatedFinding]
    more_repeated: list[RepeatedFinding]
    left_out: int  # repeated findings not even in the data (beyond sitewide.MAX_REPEATED)
    tallies: list[AuditTally]  # what the pages say, counted: "GPTBot kept out" on 12 of 12


def site_views(run: RunResult) -> list[SiteView]:
    """The overview of each site of the run; none for a run of a single page."""
    if len(run.pages) < SITE_OVERVIEW_MIN_PAGES:
        return []
    keys = score_keys(run.categories_run)
    return [site_view(i, s, keys) for i, s in enumerate(site_summaries(run), start=1)]


def site_view(number: int, site: SiteSummary, keys: Sequence[str] = SCORE_KEYS) -> SiteView:
    shown = site.repeated[:VISIBLE_REPEATED]
    return SiteView(
        anchor=f"site-{number}",
        site=site.site,
        pages=site.pages,
        audited=site.audited,
        errored=site.errored,
        badges=badges(site.scores, keys=keys),
        worst=[
            (badge(LABELS["overall"], p.scores.get("overall")), p.number, p.url)
            for p in site.worst_pages
        ],
        failing=[a for a in site.audits if a.failed],
        passing=sum(not a.failed for a in site.audits),
        repeated=shown,
        more_repeated=site.repeated[len(shown) :],
        left_out=site.more_repeated,
        tallies=site.tallies,
    )
