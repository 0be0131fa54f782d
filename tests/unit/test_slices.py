"""The slices of a sharded run: every target once, balanced by expected seconds, the same on
every machine, weighed by the history's timings where it has them."""

from __future__ import annotations

import dataclasses
import random

import pytest

from checker.config.settings import Config
from checker.model.errors import UsageError
from checker.model.history import RunRef, TimedRun
from checker.run import slices
from checker.run.history import timed_runs
from checker.run.slices import balance, expected_seconds, settings_seconds, slice_run
from checker.store.history.history import History
from tests.support.runs import page, run

SITE = "https://shop.example/"
TARGETS = [f"{SITE}p{n}" for n in range(10)]
DEFAULTS = Config().to_report()


def _timed(seconds: dict[str, float], settings=None, run_id: int = 7) -> TimedRun:
    return TimedRun("shop.example", RunRef(run_id, "2026-12-01T00:00:00+00:00"), seconds,
                    dict(settings or DEFAULTS))  # fmt: skip


def test_pages_of_equal_weight_are_dealt_round_robin_as_before():
    cut = balance([3.0] * 7, 3)
    assert cut == ((0, 3, 6), (1, 4), (2, 5))


def test_every_target_is_in_exactly_one_slice():
    weights = [random.Random(seed).uniform(1, 30) for seed in range(101)]
    for count in (1, 2, 4, 7, 101, 120):
        cut = balance(weights, count)
        assert len(cut) == count
        assert sorted(i for part in cut for i in part) == list(range(101))


def test_heavy_pages_are_spread_so_the_slices_take_about_as_long():
    weights = [12.0, 11.0, 10.0, 2.0, 2.0, 2.0, 1.0, 1.0]
    cut = balance(weights, 2)
    assert cut == ((0, 3, 4, 5, 6, 7), (1, 2))
    assert [sum(weights[i] for i in part) for part in cut] == [20.0, 21.0]
    # Round robin, by count alone: 25 and 16.
    assert [sum(weights[0::2]), sum(weights[1::2])] == [25.0, 16.0]


def test_the_longest_slice_is_within_lpts_bound_of_the_perfect_cut():
    rng = random.Random(3)
    weights = [rng.lognormvariate(1.5, 0.6) for _ in range(100)]
    cut = balance(weights, 4)
    longest = max(sum(weights[i] for i in part) for part in cut)
    assert longest <= max(sum(weights) / 4, max(weights)) * 4 / 3


def test_the_same_inputs_cut_the_same_slices_and_ties_go_low():
    weights = [5.0, 5.0, 1.0, 1.0, 5.0, 1.0]
    assert balance(weights, 2) == balance(list(weights), 2) == ((0, 4), (1, 2, 3, 5))


def test_seconds_are_compared_in_hundredths_so_float_noise_never_moves_a_page():
    assert balance([0.1 + 0.2, 0.3, 0.3], 2) == balance([0.3, 0.3, 0.3], 2)


def test_a_count_under_one_is_refused():
    with pytest.raises(UsageError):
        balance([1.0], 0)


def test_the_settings_weigh_devices_speed_runs_and_categories():
    one = settings_seconds({**DEFAULTS, "devices": ["iphone-se"]})
    three = settings_seconds(DEFAULTS)
    assert three - one == pytest.approx(
        2 * (slices.LAYOUT_DEVICE_S + slices.ACCESSIBILITY_DEVICE_S)
    )
    no_speed = settings_seconds({**DEFAULTS, "speed_devices": "none"})
    assert three - no_speed == pytest.approx(slices.OBSERVED_SPEED_S)
    every_device = settings_seconds({**DEFAULTS, "speed_devices": "all"})
    assert every_device - three == pytest.approx(2 * slices.OWN_LOAD_S)
    applied = settings_seconds({**DEFAULTS, "throttle_method": "apply", "runs": 3})
    assert applied - no_speed == pytest.approx(3 * slices.APPLIED_LOAD_S)
    layout = settings_seconds({**DEFAULTS, "only_categories": ["layout"]})
    assert layout == pytest.approx(slices.PAGE_S + 3 * slices.LAYOUT_DEVICE_S)


def test_without_history_every_page_weighs_what_the_settings_make_it():
    seconds, basis = expected_seconds(TARGETS, DEFAULTS)
    assert seconds == [settings_seconds(DEFAULTS)] * len(TARGETS)
    assert basis == "the settings"


def test_the_history_weighs_each_page_by_its_last_audit_and_new_pages_by_the_median():
    timed = _timed({f"{SITE}p0": 30.0, f"{SITE}p1": 4.0, f"{SITE}p2": 6.0})
    seconds, basis = expected_seconds([*TARGETS[:3], f"{SITE}new"], DEFAULTS, [timed])
    assert seconds == [30.0, 4.0, 6.0, 6.0]
    assert basis == "the history's run 7 of shop.example, 3 of 4 pages timed"


def test_timings_of_other_settings_are_scaled_to_this_runs():
    one_device = {**DEFAULTS, "devices": ["iphone-se"]}
    timed = _timed({f"{SITE}p0": 10.0}, settings=one_device)
    (seconds,), _ = expected_seconds(TARGETS[:1], DEFAULTS, [timed])
    assert seconds == pytest.approx(
        10.0 * settings_seconds(DEFAULTS) / settings_seconds(one_device), abs=0.01
    )


def test_pages_of_a_site_without_timings_weigh_the_settings():
    timed = _timed({f"{SITE}p0": 30.0})
    seconds, _ = expected_seconds([TARGETS[0], "https://other.example/"], DEFAULTS, [timed])
    assert seconds == [30.0, settings_seconds(DEFAULTS)]


def test_a_sharded_config_is_cut_into_its_count_of_slices():
    timed = _timed({url: float(n + 1) for n, url in enumerate(TARGETS)})
    cut = slice_run(TARGETS, Config(shard=(1, 3)), [timed])
    assert len(cut.slices) == 3
    assert max(cut.expected(n) for n in (1, 2, 3)) - min(cut.expected(n) for n in (1, 2, 3)) <= 1
    record = cut.record()
    assert record["pages"] == [len(s) for s in cut.slices]
    assert sum(record["expected_seconds"]) == pytest.approx(55.0)
    with pytest.raises(UsageError):
        slice_run(TARGETS, Config())


def test_weights_are_never_read_from_a_history_that_does_not_exist(tmp_path):
    location = tmp_path / "history.db"
    assert timed_runs(str(location), TARGETS) == []
    assert timed_runs(None, TARGETS) == []
    assert not location.exists()


def test_a_shard_weighs_its_slices_by_the_last_run_the_history_kept(tmp_path):
    location = str(tmp_path / "history.db")
    timed = [dataclasses.replace(page(url, {}), audit_seconds=float(n + 1))
             for n, url in enumerate(TARGETS)]  # fmt: skip
    with History.open(location) as history:
        history.record(run(*timed), "merge")
    cut = slice_run(TARGETS, Config(shard=(1, 2)), timed_runs(location, TARGETS))
    assert cut.basis == "the history's run 1 of shop.example, 10 of 10 pages timed"
    assert cut.seconds[-1] == pytest.approx(10.0 * settings_seconds(DEFAULTS) / settings_seconds(
        {"devices": ["iphone-se", "pixel-7"], "throttle": "slow-4g"}), abs=0.01)  # fmt: skip
    assert [cut.expected(1), cut.expected(2)] == [pytest.approx(cut.expected(2), rel=0.05)] * 2


def test_the_basis_names_each_sites_run():
    other = TimedRun("other.example", RunRef(9, "2026-12-01T00:00:00+00:00"),
                     {"https://other.example/": 2.0}, dict(DEFAULTS))  # fmt: skip
    targets = [TARGETS[0], "https://other.example/"]
    _, basis = expected_seconds(targets, DEFAULTS, [_timed({TARGETS[0]: 3.0}), other])
    assert basis == "the history's runs 9 of other.example, 7 of shop.example, 2 of 2 pages timed"
