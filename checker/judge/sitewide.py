"""What a run says about each site as a whole: mean scores, the worst pages, how many pages
each audit fails on, and the findings that repeat across pages (one template to fix, not forty
pages).

Pure: a function of the RunResult, no I/O. Rules, chosen once:
- A site is the host[:port] of a page's URL as asked (not where it redirected), default ports
  left out (checker.model.urls.host_port_label); sites are listed in the order the run first
  met them.
- Mean scores are the mean of the audited pages' scores, per key, leaving out pages without
  that score (as the run's summary does).
- An audit applies to a page when it scored on at least one of the page's devices, and fails on
  it when it scored under the pass threshold on at least one device: a template that breaks on
  one phone is worth fixing. An audit that errored or did not apply (score None) on every
  device does not count for that page.
- Findings are read from failing audits only (what the report lists under them), top-level
  only (not the elements involved in them). Two findings are the same when they come from the
  same audit and have the same selector once its positional parts are removed
  (`template_selector`); findings without a selector are the same when their message is. A
  group counts a page once, whatever the number of devices and elements it was found on.
- A title or description shared by most pages is a repeated finding too, though no page's audit
  fails on it: a site-wide tagline as every page's description means every post previews the
  same. The text compared is the one link previews show (Facebook's fallbacks, from the page's
  resolved `preview`: og:description, else the meta description; og:title, else <title>),
  white space collapsed, case ignored. With at least SHARED_MIN_PAGES audited pages on the site,
  one non-empty text on at least SHARED_MIN_SHARE of them is a finding naming the text and the
  pages.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.judge.scoring import summary_scores
from checker.judge.tallies import AuditTally, audit_tallies
from checker.model.results import AuditResult, Finding, PageResult, RunResult, Scores
from checker.model.urls import host_port_label
from checker.social.platforms import DESCRIPTION, TITLE

# The lowest-scoring pages shown per site.
MAX_WORST_PAGES = 5
# Repeated findings kept per site, and pages listed per repeated finding; the rest is counted.
# A hostile or huge run (thousands of pages, a finding on each element) stays a readable report.
MAX_REPEATED = 50
MAX_PAGES_LISTED = 20
# A repeated finding needs this many pages to be a template problem.
MIN_REPEAT_PAGES = 2
# Selectors and messages longer than this are cut (after grouping, so a cut never merges two).
MAX_TEXT = 300
# One title or description on at least half the site's audited pages, from three pages on, is
# a site-wide text: with two pages, one shared text may just be a pair of similar pages.
SHARED_MIN_PAGES = 3
SHARED_MIN_SHARE = 0.5
# The shared text quoted in a finding's message, cut at this length.
SHARED_QUOTE_CHARS = 160
# The preview whose resolved texts are compared: Facebook's fallbacks (og:, then the page's own
# title and meta description) are what most platforms show.
SHARED_PREVIEW = "facebook"
# field -> (the audit it belongs with, its title, what the text is called, the tag's selector
# by the step the preview took it from).
SHARED_FIELDS = {
    "description": (
        "meta-description",
        "Most pages share one description: their link previews all say the same",
        "description",
        {"og:description": 'meta[property="og:description"]',
         DESCRIPTION: 'meta[name="description"]'},
    ),
    "title": (
        "document-title",
        "Most pages share one title: their link previews all say the same",
        "title",
        {"og:title": 'meta[property="og:title"]', TITLE: "title"},
    ),
}  # fmt: skip

_OWN_TAG = {"description": DESCRIPTION, "title": TITLE}  # metadata key -> the preview's step

# A CSS escape (kept as it is: `.md\:first-child` is a class name), a quoted string (kept: an
# attribute value), or a positional pseudo-class, with its argument (removed).
_POSITIONAL = re.compile(
    r"""(?P<keep>\\.|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')"""
    r"|:(?:nth-(?:last-)?(?:child|of-type)\([^)]*\)|(?:first|last|only)-(?:child|of-type))",
    re.IGNORECASE | re.DOTALL,
)
_SPACES = re.compile(r"\s+")
# What may stand right before a compound selector: where a removed pseudo-class was a whole
# compound by itself (`ul > :first-child`), it leaves the universal selector.
_COMPOUND_START = " \t\n>+~(,"


@dataclass(frozen=True)
class PageRef:
    number: int  # 1-based position in the run, as the HTML report numbers its pages
    url: str


@dataclass(frozen=True)
class WorstPage:
    number: int
    url: str
    scores: Scores


@dataclass(frozen=True)
class AuditFailures:
    """`failed` of the `applied` pages fail this audit ("tap-targets fails on 31 of 40")."""

    id: str
    title: str  # the title of a failure when it failed anywhere
    category: str
    failed: int
    applied: int


@dataclass(frozen=True)
class RepeatedFinding:
    audit: str
    title: str
    category: str
    selector: str | None  # the template selector; None for findings without an element
    message: str  # the first page's, as an example
    page_count: int
    pages: list[PageRef]  # the first MAX_PAGES_LISTED, in run order
    more_pages: int  # pages not listed


@dataclass(frozen=True)
class SiteSummary:
    site: str  # host[:port]
    pages: int
    audited: int
    errored: int
    scores: Scores  # mean per key over the audited pages; None when no page has that score
    worst_pages: list[WorstPage]  # lowest overall first
    audits: list[AuditFailures]  # most failing first
    repeated: list[RepeatedFinding]  # on most pages first
    more_repeated: int  # repeated findings left out beyond MAX_REPEATED
    # What the audits that report a state count across the pages (checker.judge.tallies).
    tallies: list[AuditTally] = dataclasses.field(default_factory=list)


def site_summaries(run: RunResult) -> list[SiteSummary]:
    """One summary per site of the run, in the order the run first met each site."""
    sites: dict[str, list[tuple[int, PageResult]]] = {}
    for number, page in enumerate(run.pages, start=1):
        sites.setdefault(host_port_label(page.url), []).append((number, page))
    return [_summary(site, pages) for site, pages in sites.items()]


def template_selector(selector: str) -> str:
    """The selector with its positional parts (`:nth-child(3)`, `:nth-of-type(2)`,
    `:first-child`, `:last-of-type`, ...) removed, and its spaces collapsed: the same element
    of the same template on every page, whichever position it holds there. Escaped characters
    and quoted attribute values are left alone."""

    def replace(match: re.Match[str]) -> str:
        if match.group("keep"):
            return match.group("keep")
        before = selector[match.start() - 1] if match.start() else " "
        return "*" if before in _COMPOUND_START else ""

    return _SPACES.sub(" ", _POSITIONAL.sub(replace, selector)).strip() or "*"


def _summary(site: str, pages: list[tuple[int, PageResult]]) -> SiteSummary:
    audited = [(n, p) for n, p in pages if p.status == "ok"]
    repeated = _shared_texts(audited) + _repeated(audited)
    repeated.sort(key=lambda r: -r.page_count)  # stable: the order within a count is kept
    return SiteSummary(
        site=site,
        pages=len(pages),
        audited=len(audited),
        errored=len(pages) - len(audited),
        scores=summary_scores([p.scores for _, p in audited]),
        worst_pages=_worst_pages(audited),
        audits=_audit_failures(audited),
        repeated=repeated[:MAX_REPEATED],
        more_repeated=max(0, len(repeated) - MAX_REPEATED),
        tallies=audit_tallies(p for _, p in audited),
    )


def _worst_pages(pages: list[tuple[int, PageResult]]) -> list[WorstPage]:
    scored = [(n, p) for n, p in pages if p.scores.get("overall") is not None]
    scored.sort(key=lambda item: (item[1].scores["overall"], item[0]))
    return [WorstPage(n, p.url, dict(p.scores)) for n, p in scored[:MAX_WORST_PAGES]]


def _audit_failures(pages: list[tuple[int, PageResult]]) -> list[AuditFailures]:
    applied: dict[str, int] = {}
    failed: dict[str, int] = {}
    first: dict[str, AuditResult] = {}
    first_failure: dict[str, AuditResult] = {}  # its title says what is wrong
    for _, page in pages:
        page_applied: set[str] = set()
        page_failed: set[str] = set()
        for audit in _audits(page):
            if audit.error is not None or audit.score is None:
                continue
            page_applied.add(audit.id)
            first.setdefault(audit.id, audit)
            if not audit.passed:
                page_failed.add(audit.id)
                first_failure.setdefault(audit.id, audit)
        for audit_id in page_applied:
            applied[audit_id] = applied.get(audit_id, 0) + 1
        for audit_id in page_failed:
            failed[audit_id] = failed.get(audit_id, 0) + 1
    rows = []
    for audit_id, count in applied.items():
        shown = first_failure.get(audit_id) or first[audit_id]
        rows.append(
            AuditFailures(
                id=audit_id,
                title=shown.title,
                category=shown.category,
                failed=failed.get(audit_id, 0),
                applied=count,
            )
        )
    rows.sort(key=lambda r: (-r.failed, -r.failed / r.applied, r.id))
    return rows


def _repeated(pages: list[tuple[int, PageResult]]) -> list[RepeatedFinding]:
    groups: dict[tuple[str, str | None, str | None], list[PageRef]] = {}
    examples: dict[tuple[str, str | None, str | None], tuple[AuditResult, Finding]] = {}
    templates: dict[str, str] = {}  # selectors repeat across devices and pages: normalise once
    for number, page in pages:
        seen: set[tuple[str, str | None, str | None]] = set()
        for audit in _audits(page):
            if not audit.failed:
                continue
            for finding in audit.findings:
                key = _finding_key(audit.id, finding, templates)
                if key in seen:
                    continue
                seen.add(key)
                groups.setdefault(key, []).append(PageRef(number, page.url))
                examples.setdefault(key, (audit, finding))
    repeated = [
        _repeated_finding(key, refs, *examples[key])
        for key, refs in groups.items()
        if len(refs) >= MIN_REPEAT_PAGES
    ]
    repeated.sort(key=lambda r: (-r.page_count, r.audit, r.selector or "", r.message))
    return repeated


def _shared_texts(pages: list[tuple[int, PageResult]]) -> list[RepeatedFinding]:
    """A title or description most of the site's pages share (see the module's rules)."""
    if len(pages) < SHARED_MIN_PAGES:
        return []
    found = []
    for field, (audit_id, title, called, selectors) in SHARED_FIELDS.items():
        groups: dict[str, list[tuple[PageRef, str, str | None]]] = {}
        for number, page in pages:
            text, source = _preview_text(page, field)
            if text:
                key = text.casefold()
                groups.setdefault(key, []).append((PageRef(number, page.url), text, source))
        for members in groups.values():
            if len(members) < max(2, SHARED_MIN_SHARE * len(pages)):
                continue
            refs = [ref for ref, _, _ in members]
            _, text, source = members[0]
            quoted = _cut(text, SHARED_QUOTE_CHARS)
            found.append(
                RepeatedFinding(
                    audit=audit_id,
                    title=title,
                    category="social",
                    selector=selectors.get(source or "", None),
                    message=_cut(
                        f'"{quoted}" is the {called} of {len(members)} of the site\'s '
                        f"{len(pages)} pages, so links to each of them preview the same. Give "
                        f"every page a {called} of its own."
                    ),
                    page_count=len(refs),
                    pages=refs[:MAX_PAGES_LISTED],
                    more_pages=max(0, len(refs) - MAX_PAGES_LISTED),
                )
            )
    return found


def _preview_text(page: PageResult, field: str) -> tuple[str | None, str | None]:
    """The page's `field` as link previews show it, white space collapsed, with the tag it
    came from (og:description, description...); (None, None) when it has none."""
    previews = page.metadata.get("preview")
    preview = previews.get(SHARED_PREVIEW) if isinstance(previews, dict) else None
    if isinstance(preview, dict):
        value = preview.get(field)
        sources = preview.get("sources")
        source = sources.get(field) if isinstance(sources, dict) else None
    else:  # results without resolved previews: the page's own tag
        value, source = page.metadata.get(field), _OWN_TAG[field]
    if not isinstance(value, str) or not value.strip():
        return None, None
    return " ".join(value.split()), source if isinstance(source, str) else None


def _repeated_finding(
    key: tuple[str, str | None, str | None],
    refs: list[PageRef],
    audit: AuditResult,
    finding: Finding,
) -> RepeatedFinding:
    selector = key[1]
    return RepeatedFinding(
        audit=audit.id,
        title=audit.title,
        category=audit.category,
        selector=_cut(selector) if selector is not None else None,
        message=_cut(finding.message),
        page_count=len(refs),
        pages=refs[:MAX_PAGES_LISTED],
        more_pages=max(0, len(refs) - MAX_PAGES_LISTED),
    )


def _finding_key(
    audit_id: str, finding: Finding, templates: dict[str, str]
) -> tuple[str, str | None, str | None]:
    selector = finding.selector
    if not selector or not selector.strip():
        return (audit_id, None, finding.message)
    if selector not in templates:
        templates[selector] = template_selector(selector)
    return (audit_id, templates[selector], None)


def _audits(page: PageResult) -> Iterator[AuditResult]:
    for device in page.devices:
        if device.error is None:
            yield from device.audits.values()


def _cut(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
