"""report.json: the run result as data, for machines and for later runs to compare with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.judge.sitewide import site_summaries
from checker.model.results import RunResult
from checker.model.serde import to_data


def report_data(run: RunResult) -> dict[str, Any]:
    """The run as data; pictures are named by their files (relative to the output folder)."""
    data = to_data(run)
    for page in data["pages"]:
        page.pop("share_thumbnails", None)
        for device in page["devices"]:
            # Screenshots belong to the HTML report; base64 would bloat the data.
            device.pop("screenshot", None)
            device.pop("full_screenshot", None)
            device.pop("first_screen_css_width", None)
    # Each site as a whole (checker.judge.sitewide): derived from the pages, so it is not part of
    # the RunResult; written here for readers who want the overview without recomputing it.
    data["sites"] = to_data(site_summaries(run))
    return data


def render_json(run: RunResult, files_dir: Path | None = None) -> str:
    """report.json; its pictures are named by file, so `files_dir` is not read."""
    return json.dumps(report_data(run), indent=2, ensure_ascii=False)
