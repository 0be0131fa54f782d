"""Every option of the `readiness` commands, declared once and shared by the commands.

Options a config file may also set default to None ("not given"), so the file's setting
holds unless the flag is given (checker.config.merge); the defaults their help names are
Config's and CrawlOptions' own."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from checker.config.settings import Config, default_concurrency
from checker.crawl import CrawlOptions
from checker.report.write import FORMATS, PDF_FULL_PAGES

_RUN = Config()  # the defaults, as the help names them
_CRAWL = CrawlOptions()


# ---------------------------------------------------------------- the config file

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Config file (else readiness.toml, or pyproject.toml with a tool.readiness "
        "table, found from here upwards); flags override it.",
    ),
]

# ---------------------------------------------------------------- what to audit

UrlsFileOption = Annotated[
    Path | None,
    typer.Option("--urls", help="A file of URLs to audit, one per line (# comments)."),
]
CrawlOption = Annotated[
    bool,
    typer.Option(
        "--crawl", help="Audit the sites of the URLs: pages from their sitemaps, then their links."
    ),
]
MaxPagesOption = Annotated[
    int | None,
    typer.Option(
        "--max-pages",
        help=f"Pages per site at most (default {_CRAWL.max_pages}; batch: unless the "
        "brand's max_pages says otherwise).",
    ),
]
MaxDepthOption = Annotated[
    int | None,
    typer.Option(
        "--max-depth",
        help=f"Links followed this deep from the start page (default {_CRAWL.max_depth}).",
    ),
]
IncludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--include",
        help="With --crawl: only URLs matching this glob (/blog/* matches the path), repeatable.",
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option("--exclude", help="With --crawl: leave out URLs matching this glob, repeatable."),
]
IgnoreRobotsOption = Annotated[
    bool | None,
    typer.Option(
        "--ignore-robots/--obey-robots",
        help="With --crawl: crawl what robots.txt forbids (default: obey it).",
        show_default=False,
    ),
]
ShardOption = Annotated[
    str | None,
    typer.Option(
        help="I/N: audit only the Ith of N slices of the targets, weighed by their expected "
        "seconds (merge later); auto: the slice the scheduler's environment names (Kubernetes "
        "Indexed Job, GitLab parallel, READINESS_SHARD_INDEX/TOTAL)."
    ),
]
ShardCountOption = Annotated[
    int | None,
    typer.Option(
        "--shard-count",
        help="With --shard auto: the number of slices, where the environment does not say "
        "(a Kubernetes Indexed Job's completions, unless the manifest sets JOB_COMPLETIONS).",
    ),
]
ResumeOption = Annotated[
    Path | None,
    typer.Option(
        "--resume",
        help="Go on with the run recorded in this output folder, keeping its finished pages.",
    ),
]

# ---------------------------------------------------------------- how to audit

DevicesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--device",
        "-d",
        help=f"Device profile, repeatable (default: {', '.join(_RUN.devices)}). "
        "See `readiness devices`.",
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(help=f"Seconds a page may take to load (default {_RUN.timeout:g})."),
]
MaxTimeOption = Annotated[
    float | None,
    typer.Option(
        "--max-time",
        help="Seconds the whole run may take; unfinished pages are reported (resume them).",
    ),
]
ConcurrencyOption = Annotated[
    int | None,
    typer.Option(
        help="Pages audited at once, their devices in parallel "
        f"(default: {default_concurrency()} on this machine)."
    ),
]
BlockExternalOption = Annotated[
    bool | None,
    typer.Option(
        "--block-external/--no-block-external",
        help="Block every request to other hosts than the audited pages' own (default: no).",
        show_default=False,
    ),
]
ThrottleOption = Annotated[
    str | None,
    typer.Option(
        help="Speed pass network and CPU: slow-4g (Lighthouse's mobile profile, the default), "
        "fast-4g, 3g or none."
    ),
]
ThrottleMethodOption = Annotated[
    str | None,
    typer.Option(
        "--throttle-method",
        help="simulate (the default: load at full speed, estimate the throttled times, as "
        "Lighthouse does) or apply (load throttled: slower, closer to a real phone).",
    ),
]
RunsOption = Annotated[
    int | None,
    typer.Option(help=f"Speed passes per page, the median kept (default {_RUN.runs})."),
]
SpeedDevicesOption = Annotated[
    str | None,
    typer.Option(
        "--speed-devices",
        help="first (the first mobile device, the default), all, or none.",
    ),
]
OnlyCategoriesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--only-categories",
        help="Audit only these categories, comma-separated or repeated (layout, speed, social, "
        "accessibility; default all); the others' gathering is skipped.",
    ),
]
HeaderOption = Annotated[
    list[str] | None,
    typer.Option("--header", help="NAME:VALUE sent to the audited site, repeatable."),
]
CookieOption = Annotated[
    list[str] | None,
    typer.Option("--cookie", help="NAME=VALUE cookie for the audited site, repeatable."),
]
StorageStateOption = Annotated[
    Path | None,
    typer.Option(
        "--storage-state",
        help="Cookies and local storage saved by Playwright (a logged-in session).",
    ),
]
IgnoreHttpsErrorsOption = Annotated[
    bool | None,
    typer.Option(
        "--ignore-https-errors/--no-ignore-https-errors",
        help="Audit HTTPS pages whose certificate is not trusted (self-signed staging).",
        show_default=False,
    ),
]
AcceptConsentOption = Annotated[
    bool | None,
    typer.Option(
        "--accept-consent/--no-accept-consent",
        help="Click the cookie banner's accept button before measuring "
        "(intrusive-overlays still judges the banner).",
        show_default=False,
    ),
]
SaveSnapshotsOption = Annotated[
    Path | None,
    typer.Option(
        "--save-snapshots",
        help="Also save each page's snapshots here, for `readiness rescore`.",
    ),
]
BrowserOption = Annotated[
    str | None,
    typer.Option(
        "--browser",
        help="Chromium/Chrome executable (else $READINESS_BROWSER, "
        "Playwright's browser, then a system Chromium).",
    ),
]
BrowserEndpointOption = Annotated[
    str | None,
    typer.Option(
        "--browser-endpoint",
        help="Drive a running browser: its DevTools URL (http://host:9222) or a "
        "Playwright server (ws://...).",
    ),
]

# ---------------------------------------------------------------- what to write

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=f"Folder for the reports (default {_RUN.output_dir}; batch: readiness-brands).",
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=f"Comma-separated, of {','.join(FORMATS)} (default {','.join(_RUN.formats)}; "
        "ci: all but pdf). md and junit show the gate's verdict.",
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]

BrandOption = Annotated[
    Path | None,
    typer.Option(
        "--brand",
        metavar="FILE",
        help="An agency's brand file (TOML: name, logo, accent, footer, contact, "
        "prepared-for, made-with) for the reports.",
    ),
]

SingleFileOption = Annotated[
    bool | None,
    typer.Option(
        "--single-file/--page-files",
        help="report.html as one self-contained file, or as a front page linking a file per "
        "page (default: one file up to 5 pages).",
    ),
]
PdfScreenshotsOption = Annotated[
    bool | None,
    typer.Option(
        "--pdf-screenshots/--no-pdf-screenshots",
        help=f"Every page's screenshots and findings in report.pdf, even past {PDF_FULL_PAGES} "
        "pages (default: no; a larger run's PDF gives each page's scores and top findings).",
        show_default=False,
    ),
]

# ---------------------------------------------------------------- the history

HistoryOption = Annotated[
    str | None,
    typer.Option(
        "--history",
        metavar="URL",
        help="The history database: sqlite:///PATH, a file, or postgresql://USER@HOST:PORT/DB "
        "(else $READINESS_HISTORY, the config's history, .readiness/history.db).",
    ),
]
NoHistoryOption = Annotated[
    bool, typer.Option("--no-history", help="Keep this run out of the history.")
]


class ListFormat(StrEnum):
    """How a listing (readiness audits) prints: for people, or for tools."""

    TABLE = "table"
    JSON = "json"


ListFormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help="table, or json for tools.")
]


class TrendFormat(StrEnum):
    """How scores over time print (readiness history trend): also as CSV, for a spreadsheet."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


TrendFormatOption = Annotated[
    TrendFormat, typer.Option("--format", "-f", help="table, json for tools, or csv.")
]

# ---------------------------------------------------------------- the gate

PresetOption = Annotated[
    str | None,
    typer.Option(help="mobile-friendly (default), social, strict or none."),
]
MinScoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--min-score",
        help="CATEGORY=N, repeatable (layout, speed, social, accessibility, overall).",
    ),
]
AssertOption = Annotated[
    list[str] | None,
    typer.Option("--assert", help="AUDIT=error|warn|off, repeatable."),
]
BaselineOption = Annotated[
    str | None,
    typer.Option(
        metavar="FILE|history",
        help="A previous run's report.json to compare with, or `history`: this site's last "
        "run on this branch (else the default branch), noisy metrics judged by their spread.",
    ),
]
MaxDropOption = Annotated[
    int, typer.Option(help="With --baseline: the most a category may drop, in points.")
]
