"""The SingleStream arithmetic of graders/models/latency.py, without a sandbox."""

from __future__ import annotations

import numpy as np
import pytest

from graders.models.latency import (
    LatencyProtocol,
    check_candidate,
    machine,
    paired_p90_ratio,
    plan,
    summarise,
    timed_outputs_match,
)
from graders.models.refusal import ModelRefused, Rule


def report(cpu_ms: np.ndarray, repeat_ms: np.ndarray, *, equal: bool = True):
    cpu = (cpu_ms * 1e6).astype(np.int64)
    return summarise(
        LatencyProtocol(loops=cpu.shape[0]),
        cpu,
        cpu,
        (repeat_ms * 1e6).astype(np.int64),
        distinct_inputs=cpu.shape[1],
        outputs_equal=equal,
        machine_info=machine("1.32.0", 1),
    )


def test_fewer_than_64_queries_is_not_single_stream() -> None:
    with pytest.raises(ValueError):
        LatencyProtocol(queries=63)


def test_the_plan_draws_distinct_inputs_and_one_seeded_order_per_loop() -> None:
    protocol = LatencyProtocol(seed=3)
    indices, orders = plan(protocol, 500)
    assert len(set(indices.tolist())) == 64 and orders.shape == (5, 64)
    assert all(sorted(order.tolist()) == list(range(64)) for order in orders)
    assert len({tuple(order) for order in orders}) == 5
    again, same_orders = plan(protocol, 500)
    assert np.array_equal(indices, again) and np.array_equal(orders, same_orders)
    assert not np.array_equal(plan(LatencyProtocol(seed=4), 500)[0], indices)


def test_percentiles_are_nearest_rank_per_loop_and_the_median_over_loops() -> None:
    base = np.arange(1, 65, dtype=np.float64)  # 1 .. 64 ms
    loops = np.stack([base, base * 2, base * 3, base * 100, base])
    measured = report(loops, np.full(8, 32.0))
    assert measured.loop_cpu_p50_ms[0] == 32 and measured.loop_cpu_p90_ms[0] == 58
    # one disturbed loop (x100) does not move the median
    assert measured.cpu_p50_ms == 64 and measured.cpu_p90_ms == 116


def test_a_repeated_input_much_faster_than_distinct_ones_is_refused_as_a_cache() -> None:
    distinct = np.full((5, 64), 2.0)
    honest = report(distinct, np.full(8, 1.9))
    check_candidate(honest)
    cached = report(distinct, np.full(8, 0.2))
    assert not cached.cache_check_passed
    with pytest.raises(ModelRefused) as caught:
        check_candidate(cached)
    assert caught.value.rule == Rule.CACHE
    # microsecond models: a ratio under the slack is noise, not a cache
    assert report(np.full((5, 64), 0.02), np.full(8, 0.005)).cache_check_passed


def test_timed_outputs_are_compared_bit_for_bit_in_each_loop_s_order() -> None:
    expected = np.random.default_rng(0).random((64, 4), dtype=np.float32)
    _, orders = plan(LatencyProtocol(), 64)
    timed = expected[orders]
    assert timed_outputs_match(expected, timed, orders)
    timed[2, 5, 1] = np.nextafter(timed[2, 5, 1], np.float32(2))
    assert not timed_outputs_match(expected, timed, orders)
    with pytest.raises(ModelRefused) as caught:
        check_candidate(report(np.full((5, 64), 1.0), np.full(8, 1.0), equal=False))
    assert caught.value.rule == Rule.DETERMINISM


def test_the_paired_ratio_is_the_median_of_each_loop_s_ratio() -> None:
    mine = report(np.stack([np.full(64, v) for v in (1.0, 2.0, 1.0, 9.0, 1.0)]), np.ones(8))
    theirs = report(np.stack([np.full(64, v) for v in (2.0, 4.0, 2.0, 2.0, 2.0)]), np.ones(8))
    assert paired_p90_ratio(mine, theirs) == 0.5
