"""`readiness history`: the runs listed, two runs compared, a trend, pruning, and every error
in one line; on runs re-scored from the saved snapshots, no browser."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli.app import app
from checker.config.settings import Config
from checker.model.results import PageResult, RunResult
from checker.model.urls import host_port_label
from checker.run.runner import rescore_snapshots
from checker.store.history.history import TREND_RUNS, History
from checker.store.history.origin import Origin

runner = CliRunner()

SNAPSHOTS = Path(__file__).parents[1] / "fixtures" / "snapshots"
FIRST = "2026-12-01T10:00:00+00:00"
SECOND = "2026-12-02T09:30:00+00:00"
FIXED_PAGE = "lemonde-1"  # its form-inputs finding on iphone-se is fixed in the second run
FIXED_AUDIT = "form-inputs"
FIXED_LAYOUT = 45
COMMITS = ("c1" * 10, "c2" * 10)


def _fixed(page: PageResult) -> PageResult:
    """The page with its form inputs fixed on the phone, and its layout score up."""
    devices = []
    for device in page.devices:
        if device.device == "iphone-se":
            audit = dataclasses.replace(device.audits[FIXED_AUDIT], score=1.0, findings=[])
            device = dataclasses.replace(
                device,
                audits={**device.audits, FIXED_AUDIT: audit},
                scores={**device.scores, "layout": FIXED_LAYOUT},
            )
        devices.append(device)
    return dataclasses.replace(
        page, devices=devices, scores={**page.scores, "layout": FIXED_LAYOUT}
    )


def _page(run: RunResult, name: str) -> PageResult:
    return next(p for p in run.pages if f"/{name}" in p.url)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunResult, RunResult]:
    pictures = tmp_path_factory.mktemp("pictures")
    run = rescore_snapshots(SNAPSHOTS, Config(output_dir=pictures))
    pages = [_fixed(p) if f"/{FIXED_PAGE}" in p.url else p for p in run.pages]
    return (
        dataclasses.replace(run, started_at=FIRST),
        dataclasses.replace(run, started_at=SECOND, pages=pages),
    )


@pytest.fixture(scope="module")
def history(runs: tuple[RunResult, RunResult], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("history") / "h.db"
    with History.open(path) as store:
        store.record(runs[0], "audit", Origin(COMMITS[0], "main"))
        store.record(runs[1], "ci", Origin(COMMITS[1], "main"))
    return path


@pytest.fixture(scope="module")
def site(runs: tuple[RunResult, RunResult]) -> str:
    return host_port_label(_page(runs[0], FIXED_PAGE).url)


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, ["history", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_history_lists_the_runs_newest_first_one_row_per_site(history, runs, site):
    lines = _ok(["--history", str(history)]).splitlines()
    assert lines[0].split() == [
        "run", "started", "pages", "site", "overall", "layout", "speed", "social",
        "accessibility", "commit", "branch",
    ]  # fmt: skip
    sites = {host_port_label(p.url) for p in runs[0].pages}
    assert len(lines) == 1 + 2 * len(sites)
    newest = lines[1].split()
    assert newest[:3] == ["2", "2026-12-02", "09:30"]
    assert newest[3] == "9"
    assert newest[-2:] == [COMMITS[1][:8], "main"]
    assert lines[-1].split()[:3] == ["1", "2026-12-01", "10:00"]
    ours = next(line.split() for line in lines[1:] if f" {site} " in line)
    assert ours[5] == "-"  # overall: the snapshots hold no speed or social, so no overall


def test_history_json_lists_each_run_with_its_sites_scores_and_origin(history, site):
    listed = json.loads(_ok(["--history", str(history), "--format", "json"]))
    assert [r["id"] for r in listed["runs"]] == [2, 1]
    newest = listed["runs"][0]
    assert set(newest) == {
        "id", "started_at", "pages", "scores", "commit", "branch", "command", "tool_version",
    }  # fmt: skip
    assert newest["started_at"] == SECOND
    assert (newest["pages"], newest["commit"], newest["branch"]) == (9, COMMITS[1], "main")
    assert newest["command"] == "ci"
    assert list(newest["scores"][site]) == ["overall", "layout", "speed", "social", "accessibility"]


def test_history_takes_site_and_limit(history, site):
    listed = json.loads(
        _ok(["--history", str(history), "--site", site, "--limit", "1", "-f", "json"])
    )
    assert [r["id"] for r in listed["runs"]] == [2]
    assert list(listed["runs"][0]["scores"]) == [site]
    table = _ok(["--history", str(history), "--limit", "1"])
    assert table.splitlines()[-1] == "The newest 1 runs: --limit N shows more."


def test_a_limit_beyond_any_history_lists_every_run(history):
    listed = _ok(["--history", str(history), "--limit", "99999999999999999999", "-f", "json"])
    assert len(json.loads(listed)["runs"]) == 2


def test_history_is_found_from_the_environment_as_the_runs_find_it(history):
    result = runner.invoke(app, ["history", "-f", "json"], env={"READINESS_HISTORY": str(history)})
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["runs"]) == 2


def test_history_is_found_from_the_config_file(history, tmp_path, monkeypatch):
    monkeypatch.delenv("READINESS_HISTORY")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readiness.toml").write_text(f'history = "{history}"\n', encoding="utf-8")
    assert len(json.loads(_ok(["-f", "json"]))["runs"]) == 2


def test_diff_names_exactly_the_fixed_finding_and_no_change_elsewhere(history, runs):
    changes = json.loads(_ok(["diff", "--history", str(history), "--format", "json"]))
    assert changes["from"] == {"id": 1, "started_at": FIRST, "commit": COMMITS[0], "branch": "main"}
    assert changes["to"]["id"] == 2
    before = _page(runs[0], FIXED_PAGE)
    (finding,) = (
        next(d for d in before.devices if d.device == "iphone-se").audits[FIXED_AUDIT].findings
    )
    assert changes["new"] == []
    assert [(f["url"], f["device"], f["audit"], f["message"]) for f in changes["fixed"]] == [
        (before.url, "iphone-se", FIXED_AUDIT, finding.message)
    ]
    assert set(changes["fixed"][0]) == {
        "url", "device", "audit", "selector", "message", "impact", "fingerprint",
    }  # fmt: skip
    layout = before.scores["layout"]
    assert changes["scores"] == [
        {"url": before.url, "category": "layout", "before": layout, "after": FIXED_LAYOUT,
         "delta": FIXED_LAYOUT - layout},
    ]  # fmt: skip
    assert changes["pages_added"] == changes["pages_gone"] == []
    assert json.loads(_ok(["diff", "1", "2", "--history", str(history), "-f", "json"])) == changes


def test_diff_table_says_what_is_new_fixed_and_which_scores_moved(history, runs):
    lines = _ok(["diff", "--history", str(history)]).splitlines()
    assert lines[0] == (
        f"Run 1 (2026-12-01 10:00, main {COMMITS[0][:8]}) -> "
        f"run 2 (2026-12-02 09:30, main {COMMITS[1][:8]})"
    )
    assert lines[1] == "New since run 1: 0"
    assert lines[2] == "Fixed since run 1: 1"
    assert lines[3].split() == ["url", "device", "audit", "selector", "message"]
    before = _page(runs[0], FIXED_PAGE)
    assert lines[4].split()[:3] == [before.url, "iphone-se", FIXED_AUDIT]
    assert len(lines[4]) < 250  # the message is cut, the table stays readable
    assert lines[5] == "Score changes:"
    change = FIXED_LAYOUT - before.scores["layout"]
    assert lines[7].split() == [
        before.url, "layout", str(before.scores["layout"]), str(FIXED_LAYOUT), f"{change:+d}",
    ]  # fmt: skip
    assert len(lines) == 8


def test_diff_of_two_alike_runs_says_no_score_changed(runs, tmp_path):
    path = tmp_path / "h.db"
    with History.open(path) as store:
        store.record(runs[0], "audit", Origin())
        store.record(runs[0], "audit", Origin())
    lines = _ok(["diff", "--history", str(path)]).splitlines()
    assert lines[0] == "Run 1 (2026-12-01 10:00) -> run 2 (2026-12-01 10:00)"
    assert lines[1:] == ["New since run 1: 0", "Fixed since run 1: 0", "No score changed."]


def test_trend_of_a_page_shows_its_scores_and_their_change(history, runs):
    url = _page(runs[0], FIXED_PAGE).url
    layout = _page(runs[0], FIXED_PAGE).scores["layout"]
    lines = _ok(["trend", "--url", url, "--history", str(history)]).splitlines()
    assert lines[0] == f"{url}, its last 2 runs:"
    assert lines[1].split()[:3] == ["run", "started", "overall"]
    assert [line.split()[0] for line in lines[2:4]] == ["1", "2"]  # oldest first
    assert lines[-1] == (
        f"From run 1 to run 2: layout {layout} -> {FIXED_LAYOUT} ({FIXED_LAYOUT - layout:+d})"
    )


def test_trend_json_holds_the_site_and_its_runs_oldest_first(history, site, runs):
    trend = json.loads(_ok(["trend", "--site", site, "--history", str(history), "-f", "json"]))
    assert list(trend) == ["site", "runs"]  # no "url": the site's own trend
    assert trend["site"] == site
    assert [r["id"] for r in trend["runs"]] == [1, 2]
    assert set(trend["runs"][0]) == {"id", "started_at", "commit", "branch", "scores"}
    url = _page(runs[0], FIXED_PAGE).url
    page = json.loads(_ok(["trend", "--url", url, "--history", str(history), "-f", "json"]))
    assert (page["site"], page["url"]) == (site, url)
    assert [r["scores"]["layout"] for r in page["runs"]][-1] == FIXED_LAYOUT


def test_trend_csv_makes_formula_cells_inert(runs, tmp_path, site):
    path = tmp_path / "h.db"
    with History.open(path) as store:
        store.record(runs[0], "audit", Origin("+c0ffee", '=HYPERLINK("http://evil")'))
        store.record(runs[1], "audit", Origin(None, "@feature"))
    text = _ok(["trend", "--site", site, "--history", str(path), "--format", "csv"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "run", "started_at", "commit", "branch", "overall", "layout", "speed", "social",
        "accessibility",
    ]  # fmt: skip
    assert rows[1][:4] == ["1", FIRST, "'+c0ffee", '\'=HYPERLINK("http://evil")']
    assert rows[2][:4] == ["2", SECOND, "", "'@feature"]
    assert rows[1][4] == ""  # no overall score: an empty cell


def test_trend_limit_defaults_to_the_stores(history, site):
    help_text = runner.invoke(app, ["history", "trend", "--help"]).stdout
    assert f"default {TREND_RUNS}" in help_text
    trend = json.loads(
        _ok(["trend", "--site", site, "--limit", "1", "--history", str(history), "-f", "json"])
    )
    assert [r["id"] for r in trend["runs"]] == [2]


def _aged(run: RunResult, days: float) -> RunResult:
    started = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
    return dataclasses.replace(run, started_at=started)


@pytest.mark.parametrize(
    ("option", "pruned", "left"),
    [(["--keep", "1"], "2 runs", [3]), (["--older-than", "30"], "1 run", [3, 2])],
)
def test_prune_drops_old_runs_and_says_how_many(runs, tmp_path, option, pruned, left):
    path = tmp_path / "h.db"
    with History.open(path) as store:
        for days in (40, 20, 1):
            store.record(_aged(runs[0], days), "ci", Origin())
    output = _ok(["prune", *option, "--history", str(path)])
    assert output == f"Pruned {pruned} from {path}.\n"
    listed = json.loads(_ok(["--history", str(path), "-f", "json"]))
    assert [r["id"] for r in listed["runs"]] == left


def test_an_empty_history_says_so(tmp_path):
    path = tmp_path / "h.db"
    History.open(path).close()
    assert _ok(["--history", str(path)]) == f"No run in the history at {path} yet.\n"
    assert json.loads(_ok(["--history", str(path), "-f", "json"])) == {"runs": []}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["prune"], "one of --keep N or --older-than DAYS"),
        (["prune", "--keep", "1", "--older-than", "3"], "one of --keep N or --older-than DAYS"),
        (["prune", "--keep", "0"], "--keep needs a number of runs, 1 or more"),
        (["prune", "--older-than", "0"], "--older-than needs a number of days above 0"),
        (["prune", "--older-than", "inf"], "--older-than needs a number of days above 0"),
        (["prune", "--older-than", "nan"], "--older-than needs a number of days above 0"),
        (["diff", "99999999999999999999"], "no run 99999999999999999999"),
        (["diff", "99"], "no run 99"),
        (["--site", "example.org"], "no run of example.org (sites: "),
        (["diff", "--site", "example.org"], "no run of example.org (sites: "),
        (["trend"], "several sites: give --site"),
        (["--limit", "0"], "--limit needs a number of runs"),
    ],
)
def test_errors_are_one_line_and_exit_2(history, args, says):
    result = runner.invoke(app, ["history", *args, "--history", str(history)])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ") and says in line, line
    assert "Traceback" not in result.output


def test_trend_of_a_page_the_history_never_audited_is_an_error(history, site):
    url = f"http://{site}/nowhere/"
    result = runner.invoke(app, ["history", "trend", "--url", url, "--history", str(history)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: The history holds no run of {url} on {site}.\n"


def test_a_missing_history_is_not_created(tmp_path):
    missing = tmp_path / "none.db"
    for args in (["--history", str(missing)], ["trend", "--history", str(missing)],
                 ["prune", "--keep", "1", "--history", str(missing)]):  # fmt: skip
        result = runner.invoke(app, ["history", *args])
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: No history yet at {missing}: runs of `readiness audit`, `ci` and `batch` "
            "are kept there.\n"
        )
    assert not missing.exists()


def test_the_default_history_missing_is_named_and_not_created(tmp_path, monkeypatch):
    monkeypatch.delenv("READINESS_HISTORY")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 2
    assert f"No history yet at {tmp_path / '.readiness' / 'history.db'}:" in result.stderr
    assert not (tmp_path / ".readiness").exists()


def test_no_text_for_people_shows_none_or_null(history, site, runs):
    url = _page(runs[0], FIXED_PAGE).url
    texts = [
        _ok(["--history", str(history)]),
        _ok(["diff", "--history", str(history)]),
        _ok(["diff", "2", "1", "--history", str(history)]),
        _ok(["trend", "--site", site, "--history", str(history)]),
        _ok(["trend", "--url", url, "--history", str(history)]),
        _ok(["trend", "--site", site, "--history", str(history), "-f", "csv"]),
    ]
    for text in texts:
        assert "None" not in text and "null" not in text
