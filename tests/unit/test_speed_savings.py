from __future__ import annotations

import pytest

from audits.common.speed_savings import FAIL_AT_BYTES, FAIL_AT_MS, bytes_to_ms, savings_score


def test_savings_are_timed_at_slow_4g_bandwidth():
    # 1,474.56 Kbps = 188,743.68 bytes per second.
    assert bytes_to_ms(188_743.68) == pytest.approx(1000)
    assert bytes_to_ms(-5) == 0


def test_nothing_to_save_scores_one():
    assert savings_score(0) == 1


def test_savings_below_both_lines_still_pass():
    assert 0.9 < savings_score(10 * 1024) < 1


def test_savings_fail_from_150ms_or_100kb_and_fall_with_size():
    at_bytes_line = savings_score(FAIL_AT_BYTES)
    assert at_bytes_line < 0.9
    # 150 ms at slow-4g is about 28 KB: the time line comes first for bytes over the wire.
    at_ms_line = savings_score(1000, saved_ms=FAIL_AT_MS)
    assert at_ms_line < 0.9
    assert savings_score(4 * FAIL_AT_BYTES) < savings_score(2 * FAIL_AT_BYTES) < at_bytes_line
