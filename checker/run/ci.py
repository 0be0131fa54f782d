"""One gate run: audit, check every assertion, compare with a baseline, write the outputs;
and the verdict the Markdown and JUnit outputs of every other command show."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.config.brand import load_brand
from checker.config.merge import merge
from checker.config.settings import Config
from checker.judge.assertions import evaluate
from checker.judge.baseline import compare, load_baseline
from checker.model.errors import UsageError
from checker.model.gate import GateConfig, GateResult
from checker.model.history import RunHistory, Variation
from checker.model.results import RunResult
from checker.report.github_annotations import github_annotations
from checker.report.markdown import render_markdown
from checker.report.pr_summary import code_scanning_url
from checker.report.write import needs_verdict, sarif_mention, write_reports
from checker.run.history import history_baseline, keep_run
from checker.run.printing import pdf_printer

EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_NOTHING_AUDITED = 3


# `--baseline history`: the history's last run of each site instead of a report.json.
HISTORY_BASELINE = "history"


@dataclass(frozen=True)
class GateRun:
    run: RunResult
    gate: GateResult
    baseline_rows: list[Any] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    annotations: list[str] = field(default_factory=list)
    # What the gate compared with, from the history, in words ("example.com: run 12 ...").
    baseline_notes: list[str] = field(default_factory=list)
    history_problem: str | None = None

    @property
    def exit_code(self) -> int:
        if not self.run.audited_any:
            return EXIT_NOTHING_AUDITED
        return EXIT_FAILED if self.gate.failed else EXIT_PASSED


def check(
    run: RunResult,
    gate_config: GateConfig,
    *,
    baseline: Path | dict[str, Any] | None = None,
    max_drop: int = 5,
    variation: Variation | None = None,
) -> tuple[GateResult, list[Any]]:
    """The assertions and regressions of a finished run (pure but for reading the baseline,
    a report.json's path or its data)."""
    outcomes = evaluate(run, gate_config)
    regressions: list[Any] = []
    rows: list[Any] = []
    if baseline is not None:
        data = baseline if isinstance(baseline, dict) else load_baseline(baseline)
        regressions, rows = compare(
            run, data, max_drop=max_drop, gate=gate_config, variation=variation
        )
    return GateResult(outcomes, regressions), rows


@dataclass(frozen=True)
class Outputs:
    paths: list[Path]  # the files written
    history_problem: str | None = None  # why the run could not be kept in the history
    history: RunHistory | None = None  # what the reports showed of it


def write_outputs(
    run: RunResult,
    config: Config,
    gate_config: GateConfig | None = None,
    *,
    gate: GateResult | None = None,
    baseline_rows: list[Any] | None = None,
    command: str = "audit",
    environ: Mapping[str, str] | None = None,
) -> Outputs:
    """The run kept in the history (config.history), then every output in config.formats,
    through the one dispatcher, showing what changed since the last run. Markdown and JUnit
    show a verdict: a command with no gate of its own (audit, batch, rescore, merge...) has
    the configured gate (`gate_config`: the config file's, else the default preset) judge the
    run for them. Only the files show it; that command's exit code does not change. In a
    GitHub Actions job (`environ`, else the process's environment) the Markdown summary links
    the SARIF results' alerts."""
    env = os.environ if environ is None else environ
    if gate is None and needs_verdict(config.formats):
        gate, _ = check(run, gate_config or merge(None))
    kept = keep_run(run, config, command)
    paths = write_reports(
        run,
        config.output_dir,
        config.formats,
        gate,
        baseline_rows=baseline_rows or (),
        history=kept.view,
        brand=load_brand(config.brand) if config.brand is not None else None,
        single_file=config.single_file,
        printer=pdf_printer(config),
        pdf_screenshots=config.pdf_screenshots,
        sarif=config.sarif,
        code_scanning_url=code_scanning_url(env),
    )
    return Outputs(paths, kept.problem, kept.view)


def run_gate(
    gate_config: GateConfig,
    config: Config,
    *,
    baseline: str | Path | None = None,
    max_drop: int = 5,
    audit: Callable[[list[str], Config], RunResult],
    environ: Mapping[str, str] | None = None,
) -> GateRun:
    """Audit the gate's URLs with `audit` (audit_urls, or a wrapper with a progress bar),
    check the assertions and write every output the CI asked for (config.formats).
    `baseline`: a previous report.json, or "history" for the history's last runs."""
    env = os.environ if environ is None else environ
    from_history = str(baseline) == HISTORY_BASELINE
    if from_history and config.history is None:
        raise UsageError("--baseline history needs the history: drop --no-history.")
    if baseline is not None and not from_history:
        load_baseline(Path(baseline))  # a bad baseline fails before any browser starts
    run = audit(gate_config.urls, config)
    notes: list[str] = []
    if from_history:
        found = history_baseline(run, config, env)
        gate, rows = check(
            run, gate_config, baseline=found.report, max_drop=max_drop,
            variation=found.variation,
        )  # fmt: skip
        notes = found.notes
    else:
        gate, rows = check(
            run, gate_config, baseline=Path(baseline) if baseline else None, max_drop=max_drop
        )
    outputs = write_outputs(run, config, gate=gate, baseline_rows=rows, command="ci", environ=env)
    summary_file = env.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        sarif = sarif_mention(config.formats, code_scanning_url(env))
        summary = render_markdown(run, gate, rows or None, history=outputs.history, sarif=sarif)
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(summary + "\n")
    annotations = github_annotations(gate) if env.get("GITHUB_ACTIONS") == "true" else []
    return GateRun(run, gate, rows, outputs.paths, annotations, notes, outputs.history_problem)
