"""Discover the pages of a site to audit: its sitemaps first, then the links in its pages,
breadth first.

- The site is the start URL's host and port after its redirects (http://example.com that
  redirects to https://www.example.com makes www.example.com:443 the site). Links to any other
  host or port are not followed.
- The start URL is always audited, as the person named it, even when robots.txt, --include or
  --exclude would leave it out; its links are followed either way.
- Pages listed in the sitemaps count as depth 0, like the start page; a link from a page at
  depth d is at depth d + 1, and is followed while d + 1 <= max_depth.
- Every candidate is fetched (GET, capped) to learn its status and type and read its links, a
  level at a time on a few threads; results are consumed in order, so the list is the same
  however fast each fetch is: the start page, the sitemaps' pages in sitemap order, then the
  links in breadth-first, document order.
- A page redirecting to another page of the site is listed under the address it leads to.
- Links are read from the HTML the server sends (no scripts run). Links to files that are never
  pages (.pdf, images, video, archives, office documents: see checker.crawl.content) are skipped
  by their extension, without a download; other responses by their Content-Type.
- robots.txt is obeyed for the `readiness` user agent unless ignore_robots (its sitemaps are
  read either way); see checker.gather.robots for a robots.txt that fails.
- include/exclude patterns: see checker.model.url_patterns.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urljoin

from checker._version import __version__
from checker.crawl.content import file_type_of, is_html, media_type
from checker.crawl.links import page_links
from checker.crawl.sitemaps import MAX_SITEMAP_BYTES, collect_sitemap_urls
from checker.gather.access import Access
from checker.gather.fetch import Fetched, fetch
from checker.gather.htmlhead import charset_of, decode_html
from checker.gather.robots import MAX_ROBOTS_BYTES, Robots, read_robots, robots_url
from checker.model.errors import UsageError
from checker.model.url_patterns import check_patterns, matches_any
from checker.model.urls import check_url, clean_url, host_and_port, page_key

USER_AGENT = f"readiness/{__version__}"
PAGE_MAX_BYTES = 5_000_000  # HTML past this is cut; its first 5 MB hold the links that matter
# Concurrent fetches: a handful, as polite crawlers open (Screaming Frog's default is 5).
PARALLEL_FETCHES = 6


@dataclass(frozen=True)
class CrawlOptions:
    max_pages: int = 25
    max_depth: int = 3
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    ignore_robots: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.max_pages, bool) or not isinstance(self.max_pages, int):
            raise UsageError("--max-pages must be a whole number.")
        if isinstance(self.max_depth, bool) or not isinstance(self.max_depth, int):
            raise UsageError("--max-depth must be a whole number.")
        if self.max_pages < 1:
            raise UsageError(f"--max-pages must be 1 or more (got {self.max_pages}).")
        if self.max_depth < 0:
            raise UsageError(f"--max-depth must be 0 or more (got {self.max_depth}).")
        object.__setattr__(self, "include", check_patterns(self.include, "--include"))
        object.__setattr__(self, "exclude", check_patterns(self.exclude, "--exclude"))


@dataclass(frozen=True)
class Skipped:
    """A page found but not audited, and why, in words a marketer reads."""

    url: str
    reason: str


@dataclass(frozen=True)
class Discovery:
    pages: list[str]  # to audit, in a fixed order: shards slice this list
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what went wrong reading robots, sitemaps


def discover(
    start_url: str, options: CrawlOptions, *, access: Access, timeout_s: float
) -> Discovery:
    """The pages of start_url's site to audit (see the module's docstring). Never raises for
    network trouble: what could not be read is in `skipped` and `notes`."""
    start = clean_url(check_url(start_url))
    pool = ThreadPoolExecutor(PARALLEL_FETCHES, thread_name_prefix="crawl")
    try:
        return _Crawl(start, options, pool, access=access, timeout_s=timeout_s).run()
    finally:
        # Fetches still running were started ahead and are no longer needed: not waited for.
        pool.shutdown(wait=False, cancel_futures=True)


@dataclass(frozen=True)
class _Candidate:
    url: str
    depth: int


class _Crawl:
    """One discovery. Every decision is taken in list order on the calling thread; the pool
    only fetches."""

    def __init__(
        self,
        start: str,
        options: CrawlOptions,
        pool: ThreadPoolExecutor,
        *,
        access: Access,
        timeout_s: float,
    ) -> None:
        self.start = start
        self.options = options
        self.pool = pool
        self.access = access
        self.timeout_s = timeout_s
        self.pages: list[str] = []
        self.skipped: list[Skipped] = []
        self.notes: list[str] = []
        self.seen: set[str] = set()  # page keys found so far, audited or not
        self.site = host_and_port(start)
        self.robots = Robots(url="")  # allows everything until robots.txt is read

    def run(self) -> Discovery:
        first = self._get(self.start, PAGE_MAX_BYTES, self.access.is_blocked)
        site_url = first.final_url if first.status is not None else self.start
        self.site = host_and_port(site_url)
        self.seen.update({page_key(self.start), page_key(site_url)})
        robots = read_robots(self._get(robots_url(site_url), MAX_ROBOTS_BYTES))
        if robots.note:
            self.notes.append(robots.note)
        if not self.options.ignore_robots:
            self.robots = robots

        self.pages.append(self.start)
        # Sitemap pages are admitted before the start page's links, so a page in both keeps
        # its sitemap place.
        level = [_Candidate(url, 0) for url in self._sitemap_urls(robots, site_url)]
        level = [candidate for candidate in level if self._admit(candidate)]
        next_level = self._read_start(first)
        while self._consume(level, next_level) and next_level:
            level, next_level = next_level, []
        return Discovery(self.pages, self.skipped, self.notes)

    def _sitemap_urls(self, robots: Robots, site_url: str) -> list[str]:
        guessed = urljoin(site_url, "/sitemap.xml")
        found = collect_sitemap_urls(
            list(dict.fromkeys([*robots.sitemaps, guessed])),
            partial(self._get_many, max_bytes=MAX_SITEMAP_BYTES),
            quiet=() if guessed in robots.sitemaps else (guessed,),
        )
        self.notes.extend(found.notes)
        return found.urls

    def _get_many(self, urls: list[str], max_bytes: int) -> list[Fetched]:
        return list(self.pool.map(lambda url: self._get(url, max_bytes), urls))

    def _get(
        self, url: str, max_bytes: int, is_blocked: Callable[[str], bool] | None = None
    ) -> Fetched:
        try:
            return fetch(
                url,
                USER_AGENT,
                max_bytes=max_bytes,
                timeout_s=self.timeout_s,
                is_blocked=is_blocked or self.access.is_blocked,
                verify_tls=not self.access.ignore_https_errors,
            )
        # What fetch() lets through: a malformed response, a redirect to a malformed address.
        except (http.client.HTTPException, ValueError) as exc:
            return Fetched(url, url, None, {}, b"", error=f"{type(exc).__name__}: {exc}"[:200])

    def _get_page(self, url: str) -> Fetched:
        # A page's redirects are followed within the site only: no request leaves it.
        return self._get(url, PAGE_MAX_BYTES, self._leaves_site)

    def _leaves_site(self, url: str) -> bool:
        return host_and_port(url) != self.site or self.access.is_blocked(url)

    def _read_start(self, first: Fetched) -> list[_Candidate]:
        if not self.robots.allowed(first.final_url):
            self.notes.append(
                f"robots.txt asks readiness not to crawl {self.start}; it was audited because "
                "you named it."
            )
        problem = _not_a_page(first)
        if problem is not None:
            self.notes.append(f"No links of the start page were followed: {problem}.")
            return []
        return self._links(first, depth=0)

    def _consume(self, level: list[_Candidate], next_level: list[_Candidate]) -> bool:
        """Fetch a level a few pages ahead and read the results in order: pages found go to
        self.pages, their links to next_level. False once max_pages is reached."""
        pending: dict[int, Future[Fetched]] = {}
        for index, candidate in enumerate(level):
            room = self.options.max_pages - len(self.pages)
            if room <= 0:
                for future in pending.values():
                    future.cancel()
                self._skip_all(level[index:], "beyond --max-pages")
                self._skip_all(next_level, "beyond --max-pages")
                return False
            for ahead in range(index, min(len(level), index + min(room, PARALLEL_FETCHES))):
                if ahead not in pending:
                    pending[ahead] = self.pool.submit(self._get_page, level[ahead].url)
            fetched = pending.pop(index).result()
            page_url = self._page_of(candidate, fetched)
            if page_url is not None:
                self.pages.append(page_url)
                next_level.extend(self._links(fetched, depth=candidate.depth))
        return True

    def _admit(self, candidate: _Candidate) -> bool:
        """Whether to fetch a candidate; records why not, once per page."""
        key = page_key(candidate.url)
        if key in self.seen:
            return False
        self.seen.add(key)
        reason = self._reason_to_leave(candidate.url)
        if reason is None and candidate.depth > self.options.max_depth:
            reason = "beyond --max-depth"
        if reason is not None:
            self.skipped.append(Skipped(clean_url(candidate.url), reason))
            return False
        return True

    def _reason_to_leave(self, url: str) -> str | None:
        if host_and_port(url) != self.site:
            return "another site"
        if matches_any(url, self.options.exclude):
            return "excluded by --exclude"
        if self.options.include and not matches_any(url, self.options.include):
            return "not matched by --include"
        if not self.robots.allowed(url):
            return "blocked by robots.txt"
        file_type = file_type_of(url)
        if file_type is not None:
            return f"not HTML ({file_type})"
        return None

    def _page_of(self, candidate: _Candidate, fetched: Fetched) -> str | None:
        """The address to audit for a fetched candidate, or None (recorded in skipped)."""
        url = clean_url(candidate.url)
        if fetched.redirects and self._leaves_site(fetched.final_url):
            # fetch() stopped at that hop: final_url is where the redirect led.
            self.skipped.append(
                Skipped(url, f"redirects to {clean_url(fetched.final_url)}, another site")
            )
            return None
        problem = _not_a_page(fetched)
        if problem is not None:
            self.skipped.append(Skipped(url, problem))
            return None
        final_key = page_key(fetched.final_url)
        if final_key == page_key(candidate.url):
            return url
        final = clean_url(fetched.final_url)
        if final_key in self.seen:
            reason: str | None = "a page found already"
        else:
            self.seen.add(final_key)
            reason = self._reason_to_leave(final)
        if reason is not None:
            self.skipped.append(Skipped(url, f"redirects to {final}, {reason}"))
            return None
        return final

    def _links(self, fetched: Fetched, *, depth: int) -> list[_Candidate]:
        """The candidates a page links to, at depth + 1, admitted."""
        html = decode_html(fetched.body, charset_of(fetched.headers.get("content-type", "")))
        found = [_Candidate(link, depth + 1) for link in page_links(html, fetched.final_url)]
        return [candidate for candidate in found if self._admit(candidate)]

    def _skip_all(self, candidates: list[_Candidate], reason: str) -> None:
        self.skipped.extend(Skipped(clean_url(c.url), reason) for c in candidates)


def _not_a_page(fetched: Fetched) -> str | None:
    """Why a response is not a page to audit, or None."""
    if fetched.error is not None:
        return f"could not be fetched: {fetched.error}"
    status = fetched.status
    if status is None or not 200 <= status < 300:
        return f"HTTP {status}"
    if not is_html(fetched):
        return f"not HTML ({media_type(fetched) or 'no content type'})"
    return None
