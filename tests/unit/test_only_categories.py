"""--only-categories: parsed from flags and readiness.toml, checked with a did-you-mean,
recorded with the run; only the chosen categories' gathering, audits and scores; the gate on a
category left out fails instead of passing quietly."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli.app import app
from checker.cli.terminal import print_summary
from checker.config.merge import merge, run_config
from checker.config.parse import load_file
from checker.config.settings import Config, split_categories
from checker.gather.access import Access
from checker.judge.assemble import error_page, page_result, run_result
from checker.judge.assertions import evaluate
from checker.judge.auditing import chosen_audits
from checker.judge.scoring import device_scores
from checker.model.capture import DeviceCapture
from checker.model.errors import UsageError
from checker.model.gate import AuditAssertion, GateConfig
from checker.model.results import (
    CATEGORIES,
    AuditResult,
    DeviceResult,
    ErrorInfo,
    PageResult,
    RunResult,
)
from checker.model.snapshot import PageSnapshot
from checker.report.html import render_html
from checker.report.json import report_data
from checker.report.markdown import render_markdown
from checker.run.ci import check
from checker.run.passes import (
    LayoutOutcome,
    layout_pass,
    measures_speed,
    observing_device,
    with_measured_resources,
    with_social_facts,
    with_speed_runs,
)

runner = CliRunner()
URL = "https://shop.example/"


# ---------------------------------------------------------------- parsing and checking


def test_categories_are_taken_comma_separated_and_repeated_once_each_in_report_order():
    assert split_categories(["accessibility, layout", "layout,,social"]) == (
        "layout",
        "social",
        "accessibility",
    )


def test_an_unknown_category_is_one_line_with_a_did_you_mean():
    with pytest.raises(UsageError) as caught:
        split_categories(["layout,acessibility"])
    assert str(caught.value) == (
        '--only-categories: unknown category "acessibility" (did you mean "accessibility"?); '
        "categories: layout, speed, social, accessibility."
    )


def test_no_category_at_all_is_refused():
    with pytest.raises(UsageError, match="name at least one category"):
        split_categories([" , "])
    with pytest.raises(UsageError, match="name at least one category"):
        Config(only_categories=())


def test_the_default_is_every_category():
    assert Config().only_categories == CATEGORIES


def test_the_cli_refuses_an_unknown_category_with_exit_2_before_any_work(tmp_path: Path):
    result = runner.invoke(
        app, ["audit", "http://127.0.0.1:1/", "--only-categories", "layot", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [
        'Error: --only-categories: unknown category "layot" (did you mean "layout"?); '
        "categories: layout, speed, social, accessibility."
    ]
    assert not (tmp_path / "run.json").exists()


@pytest.mark.parametrize("command", ["ci", "batch", "rescore"])
def test_ci_batch_and_rescore_take_the_flag_too(command: str, tmp_path: Path):
    argument = str(tmp_path / "brands.csv") if command == "batch" else "http://127.0.0.1:1/"
    if command == "rescore":
        argument = str(tmp_path)
    result = runner.invoke(app, [command, argument, "--only-categories", "sociel"])
    assert result.exit_code == 2
    assert 'unknown category "sociel" (did you mean "social"?)' in result.output


def _file(directory: Path, text: str) -> Path:
    path = directory / "readiness.toml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_the_config_file_sets_only_categories_and_a_flag_overrides_it(tmp_path: Path):
    file = load_file(_file(tmp_path, 'only-categories = ["accessibility", "layout"]\n'))
    assert run_config(file, {}).only_categories == ("layout", "accessibility")
    flags = {"only_categories": split_categories(["speed"])}
    assert run_config(file, flags).only_categories == ("speed",)


def test_an_unknown_category_in_the_file_names_the_line_and_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    path = _file(
        tmp_path, 'urls = ["https://example.com/"]\nonly-categories = ["layout", "sped"]\n'
    )
    with pytest.raises(UsageError) as caught:
        load_file(path)
    assert str(caught.value) == (
        'readiness.toml, line 2, only-categories[1]: unknown category "sped" (did you mean '
        '"speed"?); categories: layout, speed, social, accessibility'
    )


def test_the_key_spelt_with_an_underscore_is_pointed_to_its_dashed_name(tmp_path: Path):
    with pytest.raises(UsageError, match='did you mean "only-categories"'):
        load_file(_file(tmp_path, 'only_categories = ["layout"]\n'))


def test_a_resumed_run_keeps_the_categories_it_was_started_with():
    recorded = Config(only_categories=("layout",)).to_report()
    assert recorded["only_categories"] == ["layout"]
    assert Config().with_recorded(recorded).only_categories == ("layout",)


# ---------------------------------------------------------------- what is gathered


@pytest.fixture
def phone(saved_snapshot: Callable[[str, str], PageSnapshot]) -> PageSnapshot:
    return saved_snapshot("mobile-ready", "iphone-se")


def test_no_load_is_observed_for_speed_when_speed_is_left_out(phone: PageSnapshot):
    devices = [phone.device]
    assert observing_device(devices, Config()) is phone.device
    assert observing_device(devices, Config(only_categories=("layout",))) is None
    assert not measures_speed(Config(only_categories=("layout", "social")))


def test_no_speed_run_and_no_crawler_fetch_when_their_categories_are_left_out(
    phone: PageSnapshot,
):
    # No browser is given: a speed run or a fetch would fail loudly, not return the snapshot.
    bare = dataclasses.replace(phone, social=None, speed_runs=[])
    outcomes = [LayoutOutcome(DeviceCapture(phone.device, bare))]
    config = Config(only_categories=("layout", "accessibility"))
    access = Access()
    assert asyncio.run(with_social_facts(outcomes, config, access)) == outcomes
    captures = asyncio.run(with_speed_runs(None, URL, outcomes, config, access))  # type: ignore[arg-type]
    assert captures == [outcomes[0].capture]
    # Nor any file fetched again to be measured.
    assert asyncio.run(with_measured_resources(captures, config, access)) == captures


def test_the_accessibility_pass_is_asked_for_only_when_accessibility_is_chosen(
    phone: PageSnapshot, monkeypatch: pytest.MonkeyPatch
):
    asked: list[bool] = []

    async def fake_capture(*args: object, accessibility: bool, **kwargs: object) -> object:
        asked.append(accessibility)
        raise RuntimeError("no browser here")

    monkeypatch.setattr("checker.run.passes.capture", fake_capture)
    for categories in (("layout",), ("layout", "accessibility")):
        config = Config(only_categories=categories)
        asyncio.run(layout_pass(None, URL, phone.device, config, Access(), None))  # type: ignore[arg-type]
    assert asked == [False, True]


# ---------------------------------------------------------------- what is judged and shown


def _layout_only_run(phone: PageSnapshot, categories: tuple[str, ...] = ("layout",)) -> RunResult:
    config = Config(only_categories=categories)  # type: ignore[arg-type]
    specs = chosen_audits(config.only_categories)
    captures = [DeviceCapture(phone.device, phone)]
    page = page_result(URL, captures, specs, {}, config.only_categories)
    failed = error_page("https://shop.example/down", ErrorInfo("http", "gone"), categories)  # type: ignore[arg-type]
    return run_result([page, failed], config.to_report(), "2026-01-01T00:00:00+00:00")


def test_only_the_chosen_categories_audits_run_and_are_scored(phone: PageSnapshot):
    run = _layout_only_run(phone)
    page = run.pages[0]
    assert {audit.category for audit in page.devices[0].audits.values()} == {"layout"}
    assert set(page.scores) == {"overall", "layout"}
    assert set(page.devices[0].scores) == {"overall", "layout"}
    assert set(run.pages[1].scores) == {"overall", "layout"}  # an error page too
    assert set(run.summary["scores"]) == {"overall", "layout"}


def test_the_overall_score_is_the_mean_of_the_categories_run():
    def result(id: str, category: str, score: float) -> AuditResult:
        return AuditResult(id, id, category, 1, score, "", "")  # type: ignore[arg-type]

    audits = [result("a", "layout", 1.0), result("b", "accessibility", 0.5)]
    scores = device_scores(audits, ("layout", "accessibility"))
    assert scores == {"overall": 75, "layout": 100, "accessibility": 50}


def test_report_json_says_which_categories_ran_and_scores_only_them(phone: PageSnapshot):
    data = json.loads(json.dumps(report_data(_layout_only_run(phone))))
    assert data["categories_run"] == ["layout"]
    assert data["config"]["only_categories"] == ["layout"]
    assert set(data["summary"]["scores"]) == {"overall", "layout"}
    audits = data["pages"][0]["devices"][0]["audits"].values()
    assert {audit["category"] for audit in audits} == {"layout"}


def test_a_run_recorded_before_the_option_ran_every_category():
    run = run_result([], {"devices": ["iphone-se"]}, "2026-01-01T00:00:00+00:00")
    assert run.categories_run == CATEGORIES


def test_the_terminal_markdown_and_html_reports_show_nothing_of_a_category_not_run(
    phone: PageSnapshot, capsys: pytest.CaptureFixture[str]
):
    run = _layout_only_run(phone)
    print_summary(run)
    header = capsys.readouterr().out.splitlines()[0]
    assert header.split() == ["page", "status", "overall", "layout"]
    gate, _ = check(run, GateConfig(preset="none"))
    markdown = render_markdown(run, gate)
    assert "| Page | Title | Overall | Layout |" in markdown
    assert "n/a" not in markdown.split("### Scores")[1].split("down")[0]
    html = render_html(run)
    assert 'title="Layout"' in html
    assert not any(f'title="{label}"' in html for label in ("Speed", "Social", "Accessibility"))


# ---------------------------------------------------------------- the gate


def _page(scores: dict[str, int | None]) -> PageResult:
    return PageResult(URL, URL, "ok", None, scores, {}, [])


def _run(categories: tuple[str, ...], *pages: PageResult) -> RunResult:
    return RunResult("", {"only_categories": list(categories)}, list(pages), {}, {},
                     categories_run=categories)  # type: ignore[arg-type]  # fmt: skip


def test_a_min_score_on_a_category_not_run_fails_saying_it_was_not_run():
    run = _run(("layout",), _page({"overall": 95, "layout": 95}))
    gate = merge(None, preset="none", min_scores=["layout=90", "accessibility=90"])
    outcomes = evaluate(run, gate)
    (not_run,) = [o for o in outcomes if o.assertion == "category:accessibility"]
    assert (not_run.passed, not_run.level, not_run.actual) == (False, "error", "not run")
    assert not_run.message.startswith(
        "accessibility was not run (--only-categories layout), so the gate cannot check its "
        "minimum score 90"
    )
    (layout,) = [o for o in outcomes if o.assertion == "category:layout"]
    assert layout.passed


def test_the_strict_preset_on_a_layout_only_run_fails_once_per_category_left_out():
    run = _run(("layout",), _page({"overall": 95, "layout": 95}))
    failed = check(run, merge(None, preset="strict"))[0].failed
    assert sorted(o.assertion for o in failed) == [
        "category:accessibility",
        "category:social",
        "category:speed",
    ]


def test_assertions_on_audits_of_a_category_not_run_are_said_once_by_the_category():
    devices = [
        DeviceResult(name, {"width": 375, "height": 667}, True, {"layout": 95}, {})
        for name in ("iphone-se", "pixel-7")
    ]
    page = dataclasses.replace(_page({"overall": 95, "layout": 95}), devices=devices)
    run = _run(("layout",), page)
    gate = GateConfig(
        preset="none",
        assertions={
            "share-image": AuditAssertion("share-image", "warn"),
            "twitter-card": AuditAssertion("twitter-card", "warn"),
        },
    )
    outcomes = evaluate(run, gate)
    assert [o.assertion for o in outcomes] == ["category:social", "page-loads"]
    social = outcomes[0]
    assert social.level == "warn"  # nothing asked for social at error level
    assert "share-image, twitter-card" in social.message


def test_accessibility_is_a_category_the_gate_accepts(tmp_path: Path):
    path = _file(tmp_path, "[min-scores]\naccessibility = 90\n")
    gate = merge(load_file(path).gate, preset="none")
    assert gate.min_scores == {"accessibility": 90}
    run = _run(CATEGORIES, _page({"overall": 80, "accessibility": 80}))
    (outcome,) = [o for o in evaluate(run, gate) if o.assertion == "category:accessibility"]
    assert (outcome.passed, outcome.actual) == (False, "80")
