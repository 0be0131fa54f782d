"""Which file of the repository a SARIF result points at.

GitHub code scanning rejects a whole upload when one result has no
`locations[0].physicalLocation.artifactLocation.uri` ("SARIF support for code scanning",
docs.github.com/code-security/reference/code-scanning/sarif-support-for-code-scanning: the
`result` and `physicalLocation` objects), and it reads a relative URI as a path from the root of
the repository analysed. A web page is not a file, so:

- `[sarif] locations` in readiness.toml maps URL patterns to the template that renders them,
  `"/blog/*" = "templates/post.html"`: the patterns of `[crawl] include`
  (checker.model.url_patterns: a leading `/` matches the path and query, else the whole URL),
  tried in the file's order, the first match wins;
- any other page points at the config file the run read, else at `README.md`; the message then
  carries the URL, the device and the selector.

Paths are written in the config relative to its own folder, like every path in it; here they are
made relative to the working directory readiness runs in (the checkout's root, in a workflow),
or, outside it, an absolute `file://` URI, which the upload action makes relative to its
`checkout_path`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from checker.model.url_patterns import matches

# Where a result points when no pattern matches and no config file was read.
DEFAULT_ARTIFACT = "README.md"


@dataclass(frozen=True)
class SarifSettings:
    """The `[sarif]` table, resolved: (URL pattern, artifact URI) pairs in the file's order,
    and the URI of every other page's results (the config file, else README.md)."""

    locations: tuple[tuple[str, str], ...] = ()
    fallback: str = DEFAULT_ARTIFACT

    def artifact_for(self, url: str) -> str:
        for pattern, uri in self.locations:
            if matches(url, pattern):
                return uri
        return self.fallback


def artifact_uri(path: Path, cwd: Path | None = None) -> str:
    """`path` as a SARIF artifact URI: relative to `cwd` (the working directory) with forward
    slashes and percent-encoding, or an absolute file:// URI when it lies outside `cwd`."""
    here = (cwd or Path.cwd()).resolve()
    full = Path(os.path.normpath(path if path.is_absolute() else here / path))
    try:
        relative = full.relative_to(here)
    except ValueError:
        return full.as_uri()
    return quote(PurePosixPath(*relative.parts).as_posix(), safe="/")
