"""The history database, on SQLite and on a real PostgreSQL server: what a run keeps, what
changed between two runs, trends, retention, the gate's baseline, and writers at once."""

from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, select, text

from checker.model.errors import HistoryError, UsageError
from checker.store.history import schema
from checker.store.history.database import _alembic_config, history_url
from checker.store.history.history import History
from checker.store.history.origin import Origin
from tests.support.runs import Check, failed_page, fails, page, record_runs, run

HOME = "https://shop.example/"
SHOES = "https://shop.example/shoes"
MAIN = Origin("c1", "main")
_names = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty history: an SQLite file, or a database of its own on the session's server."""
    if request.param == "sqlite":
        return str(tmp_path / "history.db")
    server = request.getfixturevalue("postgres_server")
    return server.new_database(f"history_{next(_names)}")


@pytest.fixture
def history(location: str) -> Iterator[History]:
    with History.open(location) as opened:
        yield opened


def two_runs_with_a_fix() -> tuple[Any, Any]:
    """Home keeps its small link; on the shoes page the tap-target problem is fixed."""
    before = run(
        page(HOME, {"tap-targets": fails(("li:nth-child(2) > a", "Too small: 30 px"))}),
        page(SHOES, {"tap-targets": fails(("button.buy", "Too small: 20 px"))},
             scores={"overall": 60, "layout": 40}),
    )  # fmt: skip
    after = run(
        # The same link, now third in its list and measured 31 px: the same problem.
        page(HOME, {"tap-targets": fails(("li:nth-child(3) > a", "Too small: 31 px"))}),
        page(SHOES, {"tap-targets": Check(1.0)}, scores={"overall": 90, "layout": 100}),
        started_at="2026-12-02T10:00:00+00:00",
    )
    return before, after


def test_a_run_is_kept_with_its_sites_scores_commit_and_branch(history: History) -> None:
    run_id = history.record(run(page(HOME, {"viewport": Check(1.0)})), "audit", MAIN)
    (row,) = history.runs()
    assert row.run.id == run_id
    assert (row.run.commit, row.run.branch, row.command, row.tool_version) == (
        "c1", "main", "audit", "1.2.3",
    )  # fmt: skip
    assert row.pages == 1
    assert row.scores == {"shop.example": {"overall": 80, "layout": 80, "speed": None,
                                           "social": None, "accessibility": None}}  # fmt: skip
    assert row.run.started_at == "2026-12-01T10:00:00+00:00"


def test_runs_are_listed_newest_first_and_by_site(history: History) -> None:
    history.record(run(page(HOME, {})), "audit", MAIN)
    history.record(
        run(page("https://other.example/", {}), started_at="2026-12-03T00:00:00+00:00"),
        "audit",
        MAIN,
    )
    assert [list(r.scores) for r in history.runs()] == [["other.example"], ["shop.example"]]
    assert [list(r.scores) for r in history.runs(site="SHOP.example")] == [["shop.example"]]
    with pytest.raises(UsageError, match=r"no run of nowhere\.example .*other\.example"):
        history.runs(site="nowhere.example")


def test_diff_names_the_fix_and_nothing_on_the_untouched_page(history: History) -> None:
    before, after = two_runs_with_a_fix()
    old = history.record(before, "audit", MAIN)
    new = history.record(after, "audit", MAIN)
    diff = history.diff()
    assert (diff.old.id, diff.new.id) == (old, new)
    assert diff.new_findings == []
    assert [(f.url, f.device, f.audit, f.selector) for f in diff.fixed_findings] == [
        (SHOES, "iphone-se", "tap-targets", "button.buy"),
        (SHOES, "pixel-7", "tap-targets", "button.buy"),
    ]
    assert {(c.url, c.category, c.before, c.after) for c in diff.score_changes} == {
        (SHOES, "overall", 60, 90),
        (SHOES, "layout", 40, 100),
    }
    assert history.diff(old, new) == diff
    assert history.diff(new=new) == diff


def test_a_check_that_could_not_run_is_never_a_fix(history: History) -> None:
    before, _ = two_runs_with_a_fix()
    history.record(before, "audit", MAIN)
    history.record(
        run(
            page(HOME, {"tap-targets": Check(error=True)}),
            failed_page(SHOES),
            started_at="2026-12-02T10:00:00+00:00",
        ),
        "audit",
        MAIN,
    )
    diff = history.diff()
    assert diff.fixed_findings == []
    assert diff.pages_gone == [SHOES]


def test_a_new_problem_is_new_only_where_the_last_run_checked(history: History) -> None:
    history.record(run(page(HOME, {"tap-targets": Check(1.0), "font-size": Check(error=True)})),
                   "audit", MAIN)  # fmt: skip
    history.record(
        run(
            page(HOME, {"tap-targets": fails(("a.menu", "Too small: 20 px")),
                        "font-size": fails(("p", "Text is 9 px"))}),
            started_at="2026-12-02T10:00:00+00:00",
        ),
        "audit",
        MAIN,
    )  # fmt: skip
    assert {(f.audit, f.selector) for f in history.diff().new_findings} == {
        ("tap-targets", "a.menu")
    }


def test_findings_repeated_on_one_template_are_kept_once_with_their_count(location: str) -> None:
    with History.open(location) as history:
        history.record(
            run(page(HOME, {"tap-targets": fails(
                ("li:nth-child(1) a", "Too small: 20 px"), ("li:nth-child(2) a", "Too small: 22 px")
            )}, devices=("iphone-se",))),
            "audit",
            MAIN,
        )  # fmt: skip
    engine = create_engine(history_url(location))
    with engine.connect() as connection:
        rows = connection.execute(select(schema.findings.c.occurrences)).all()
    engine.dispose()
    assert [r.occurrences for r in rows] == [2]


def test_trend_of_a_site_and_of_one_page(history: History) -> None:
    for day, (home, shoes) in enumerate([(70, 40), (75, 60), (80, 100)], start=1):
        history.record(
            run(
                page(HOME, {}, scores={"overall": home, "layout": home}),
                page(SHOES, {}, scores={"overall": shoes, "layout": shoes}),
                started_at=f"2026-12-0{day}T10:00:00+00:00",
            ),
            "audit",
            MAIN,
        )
    site, points = history.trend()
    assert site == "shop.example"
    assert [p.scores["layout"] for p in points] == [55, 68, 90]  # the pages' mean, oldest first
    _, page_points = history.trend(url=SHOES, limit=2)
    assert [p.scores["layout"] for p in page_points] == [60, 100]


def test_prune_keeps_each_sites_newest_runs(history: History) -> None:
    for day in range(1, 5):
        for site in ("https://a.example/", "https://b.example/"):
            history.record(run(page(site, {}), started_at=f"2026-12-0{day}T10:00:00+00:00"),
                           "batch", MAIN)  # fmt: skip
    assert history.prune(keep=2) == 4
    assert [r.run.started_at[:10] for r in history.runs(site="a.example")] == [
        "2026-12-04", "2026-12-03",
    ]  # fmt: skip
    assert len(history.runs(site="b.example")) == 2


def test_prune_drops_runs_older_than_so_many_days_and_all_they_hold(location: str) -> None:
    now = datetime.now(UTC)
    with History.open(location) as history:
        for age in (40, 10):
            started = (now - timedelta(days=age)).isoformat(timespec="seconds")
            history.record(run(page(HOME, {"viewport": fails(("meta", "No viewport"))}),
                               started_at=started), "audit", MAIN)  # fmt: skip
        assert history.prune(older_than_days=30) == 1
        assert len(history.runs()) == 1
    engine = create_engine(history_url(location))
    with engine.connect() as connection:
        counts = {t.name: connection.execute(select(func.count()).select_from(t)).scalar()
                  for t in schema.RUN_TABLES}  # fmt: skip
    engine.dispose()
    assert counts == {"findings": 2, "audit_results": 2, "page_scores": 6, "pages": 1,
                      "site_scores": 5, "runs": 1}  # fmt: skip


def test_the_reports_view_shows_the_trend_up_to_this_run_and_the_fix(history: History) -> None:
    before, after = two_runs_with_a_fix()
    first = history.record(before, "audit", MAIN)
    second = history.record(after, "audit", MAIN)
    view = history.run_history(second)
    (site,) = view.sites
    assert site.site == "shop.example"
    assert [p.run.id for p in site.trend] == [first, second]
    assert site.diff is not None and len(site.diff.fixed_findings) == 2
    (first_site,) = history.run_history(first).sites
    assert first_site.diff is None
    assert [p.run.id for p in first_site.trend] == [first]


def test_the_gate_baseline_is_this_branchs_last_run_else_the_default_branch(
    history: History,
) -> None:
    history.record(run(page(HOME, {"tap-targets": Check(1.0)})), "ci", Origin("a", "main"))
    history.record(
        run(page(HOME, {"tap-targets": Check(0.5)}), started_at="2026-12-02T10:00:00+00:00"),
        "ci",
        Origin("b", "feature"),
    )
    on_feature = history.baseline(["shop.example"], Origin("c", "feature"))
    assert on_feature.runs["shop.example"].commit == "b"
    new_branch = history.baseline(["shop.example"], Origin("d", "fresh"))
    assert new_branch.runs["shop.example"].commit == "a"  # main: the default branch
    (baseline_page,) = new_branch.report["pages"]  # type: ignore[index]
    assert baseline_page["url"] == HOME
    assert baseline_page["devices"][0]["audits"]["tap-targets"] == {"score": 1.0}
    nowhere = history.baseline(["other.example"], Origin("d", "fresh"))
    assert nowhere.report is None and nowhere.missing == ["other.example"]


def test_the_baseline_carries_the_spread_of_noisy_metrics(history: History) -> None:
    for day, lcp in enumerate([2400.0, 2600.0, 2500.0], start=1):
        lcp_check = Check(0.9, value=lcp, category="speed")
        history.record(
            run(page(HOME, {"largest-contentful-paint": lcp_check, "viewport": Check(1.0)}),
                started_at=f"2026-12-0{day}T10:00:00+00:00"),
            "ci",
            MAIN,
        )  # fmt: skip
    found = history.baseline(["shop.example"], MAIN)
    assert found.variation.metrics[(HOME, "iphone-se", "largest-contentful-paint")] == [
        2500.0, 2600.0, 2400.0,
    ]  # fmt: skip
    assert (HOME, "iphone-se", "viewport") not in found.variation.metrics


def test_concurrent_writers_lose_nothing(location: str) -> None:
    # Four processes write five runs each into one fresh history at once: the first of them
    # also race to create the schema.
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        ids = pool.starmap(record_runs, [(location, w, 5) for w in range(4)])
    every = [i for writer in ids for i in writer]
    assert len(set(every)) == 20
    engine = create_engine(history_url(location))
    with engine.connect() as connection:
        runs = connection.execute(select(func.count()).select_from(schema.runs)).scalar()
        pages = connection.execute(select(func.count()).select_from(schema.pages)).scalar()
        findings = connection.execute(select(func.count()).select_from(schema.findings)).scalar()
    engine.dispose()
    assert (runs, pages, findings) == (20, 60, 120)


def test_the_migrations_build_exactly_the_schema_the_code_uses(location: str) -> None:
    History.open(location).close()
    engine = create_engine(history_url(location))
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"version_table": schema.VERSION_TABLE}
        )
        assert compare_metadata(context, schema.metadata) == []
        version = connection.execute(text(f"SELECT version_num FROM {schema.VERSION_TABLE}"))
        assert version.scalar() == schema.HEAD_REVISION
    engine.dispose()
    assert ScriptDirectory.from_config(_alembic_config()).get_current_head() == schema.HEAD_REVISION


def test_a_history_of_a_newer_readiness_is_refused_in_one_line(location: str) -> None:
    History.open(location).close()
    engine = create_engine(history_url(location))
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE {schema.VERSION_TABLE} SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(HistoryError, match=r"by a newer readiness \(schema 9999\); upgrade"):
        History.open(location)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("mysql://db/history", "SQLite or PostgreSQL"),
        ("sqlite://", "needs a file"),
        ("postgresql:///history", "names no PostgreSQL host"),
        ("", "needs a database"),
    ],
)
def test_a_location_that_is_not_a_history_is_a_usage_error(given: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        History.open(given)


def test_an_unreachable_server_is_one_line_without_the_password(refused_url: str) -> None:
    port = refused_url.rsplit(":", 1)[1].strip("/")
    with pytest.raises(HistoryError) as caught:
        History.open(f"postgresql://team:s3cret@127.0.0.1:{port}/history")
    message = str(caught.value)
    assert "s3cret" not in message and "\n" not in message
    assert message.startswith(f"Cannot open the history postgresql://team:***@127.0.0.1:{port}")


def test_a_diff_from_the_latest_run_is_refused_not_turned_around(history: History) -> None:
    before, after = two_runs_with_a_fix()
    old = history.record(before, "audit", MAIN)
    new = history.record(after, "audit", MAIN)
    assert (history.diff(old).old.id, history.diff(old).new.id) == (old, new)
    with pytest.raises(UsageError, match=f"Run {new} is the latest run"):
        history.diff(new)
    with pytest.raises(UsageError, match="no run 99999999999999999999"):
        history.diff(99999999999999999999)


def test_what_load_times_move_is_counted_not_listed_as_new_or_fixed(history: History) -> None:
    slow = Check(0.5, [("img.hero", "It painted at 4.1 s.")], value=4100.0, category="speed")
    history.record(run(page(HOME, {"largest-contentful-paint": slow},
                            scores={"overall": 80, "speed": 70})), "audit", MAIN)  # fmt: skip
    history.record(
        run(page(HOME, {"largest-contentful-paint": Check(1.0, value=1900.0, category="speed")},
                 scores={"overall": 80, "speed": 73}),
            started_at="2026-12-02T10:00:00+00:00"),
        "audit",
        MAIN,
    )  # fmt: skip
    diff = history.diff()
    assert (diff.fixed_findings, diff.new_findings, diff.score_changes) == ([], [], [])
    assert (diff.timing_findings, diff.timing_scores) == (2, 1)  # one per device; speed +3


def test_the_findings_of_a_passing_audit_are_notes_not_problems(history: History) -> None:
    history.record(run(page(HOME, {"image-sizing": Check(0.95, [("img", "Saves 2 KB")])})),
                   "audit", MAIN)  # fmt: skip
    history.record(run(page(HOME, {"image-sizing": Check(1.0)}),
                       started_at="2026-12-02T10:00:00+00:00"), "audit", MAIN)  # fmt: skip
    assert history.diff().fixed_findings == []


def test_an_audit_that_fails_without_naming_an_element_is_followed_as_the_pages(
    history: History,
) -> None:
    history.record(run(page(HOME, {"font-size": Check(1.0)})), "audit", MAIN)
    history.record(run(page(HOME, {"font-size": Check(0.0)}),
                       started_at="2026-12-02T10:00:00+00:00"), "audit", MAIN)  # fmt: skip
    assert [(f.audit, f.selector) for f in history.diff().new_findings] == [
        ("font-size", None), ("font-size", None),
    ]  # fmt: skip


def test_an_overall_score_that_moved_only_with_speed_is_load_time_noise(history: History) -> None:
    history.record(run(page(HOME, {}, scores={"overall": 86, "layout": 95, "speed": 100})),
                   "audit", MAIN)  # fmt: skip
    history.record(run(page(HOME, {}, scores={"overall": 85, "layout": 95, "speed": 98}),
                       started_at="2026-12-02T10:00:00+00:00"), "audit", MAIN)  # fmt: skip
    diff = history.diff()
    assert (diff.score_changes, diff.timing_scores) == ([], 2)


def test_the_last_timed_run_gives_each_pages_audit_seconds_and_its_settings(
    history: History,
) -> None:
    timed = dataclasses.replace(page(HOME, {}), audit_seconds=4.25)
    history.record(run(timed, page(SHOES, {})), "audit", MAIN)
    history.record(  # later, but recorded before pages were timed: not a weight to use
        run(page(HOME, {}), started_at="2026-12-05T00:00:00+00:00"), "audit", MAIN
    )
    history.record(run(page("https://other.example/", {})), "audit", MAIN)
    (found,) = history.timed_runs(["shop.example", "other.example", "new.example"])
    assert found.site == "shop.example"
    assert found.run.id == 1
    assert found.seconds == {"https://shop.example/": 4.25}
    assert found.settings["devices"] == ["iphone-se", "pixel-7"]
    assert found.settings["throttle"] == "slow-4g"


def test_a_history_of_the_first_schema_is_upgraded_keeping_its_runs(tmp_path: Path) -> None:
    location = str(tmp_path / "history.db")
    engine = create_engine(history_url(location))
    with engine.begin() as connection:
        config = _alembic_config(connection)
        from alembic import command

        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO runs (started_at, recorded_at, tool_version, command, "
                "config_digest, devices, throttling, categories, pages, complete) VALUES "
                "('2026-11-01 00:00:00', '2026-11-01 00:00:00', '1.0', 'audit', 'x', '[]', "
                "'{}', '[]', 1, 1)"
            )
        )
    engine.dispose()
    with History.open(location) as history:
        assert [row.run.id for row in history.runs()] == [1]
        assert history.timed_runs(["shop.example"]) == []
