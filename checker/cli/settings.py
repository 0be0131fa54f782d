"""A command's settings: the config file (found from the working directory up, or --config),
with the flags given on the command line over it (checker.config.merge)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import typer

from checker.config.find import config_path
from checker.config.merge import merge
from checker.config.parse import ConfigFile, load_file
from checker.config.settings import Config, split_categories
from checker.model.gate import GateConfig
from checker.report.write import parse_formats
from checker.store.history.location import DEFAULT_LOCATION, ENVIRONMENT_VARIABLE, check_location


def read_config(given: Path | None) -> ConfigFile | None:
    """The config file `--config` names, else the nearest one, read; None without one."""
    path = config_path(given, Path.cwd())
    return load_file(path) if path is not None else None


def say_config(file: ConfigFile | None, quiet: bool) -> None:
    """Which file the settings came from, once the command's input is known to be good."""
    if file is not None and not quiet:
        typer.echo(f"Config: {file.name}", err=True)


def gate_of(file: ConfigFile | None) -> GateConfig:
    """The gate the file configures (its preset, else mobile-friendly), without flags."""
    return merge(file.gate if file else None)


def given(values: Sequence[str] | None) -> tuple[str, ...] | None:
    """A repeatable option's values, or None when it was not given (the file's then hold)."""
    return tuple(values) if values else None


def formats_given(text: str | None) -> tuple[str, ...] | None:
    return parse_formats(text) if text is not None else None


def categories_given(values: Sequence[str] | None) -> tuple[str, ...] | None:
    return split_categories(values) if values else None


def with_brand(config: Config, option: Path | None) -> Config:
    """The reports' brand: --brand over the config file's `brand`, its file read now, so a
    bad one fails before any page is audited."""
    from checker.config.brand import load_brand

    if option is not None:
        config = dataclasses.replace(config, brand=Path(option))
    if config.brand is not None:
        load_brand(config.brand)
    return config


def with_single_file(config: Config, option: bool | None) -> Config:
    """--single-file or --page-files over the config file's `single-file`."""
    if option is None:
        return config
    return dataclasses.replace(config, single_file=option)


def with_history(
    config: Config,
    option: str | None,
    no_history: bool,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """The run's history: none with --no-history; else --history, $READINESS_HISTORY, the
    config file's `history`, and .readiness/history.db in the working directory, in that
    order."""
    if no_history:
        return dataclasses.replace(config, history=None)
    env = os.environ if environ is None else environ
    location = option or env.get(ENVIRONMENT_VARIABLE) or config.history or str(DEFAULT_LOCATION)
    check_location(location)
    return dataclasses.replace(config, history=location)
