"""The simulator against closed-form queueing results, so that its figures can be trusted."""

from __future__ import annotations

import numpy as np
import pytest

from graders.design.simulator import StageModel, Traffic, arrival_times, simulate

SERVICE_S = 0.001


def constant(seconds: float):  # type: ignore[no-untyped-def]
    return lambda n: seconds


@pytest.mark.parametrize("rho", [0.5, 0.8])
def test_md1_mean_sojourn_matches_pollaczek_khinchine(rho: float) -> None:
    """M/D/1: mean time in system = D + rho * D / (2 (1 - rho))."""
    rate = rho / SERVICE_S
    result = simulate(
        Traffic(sources=1, rate_hz=rate, arrival="poisson"),
        [StageModel("server", servers=1, service_s=constant(SERVICE_S))],
        duration_s=150.0,
        warmup_s=5.0,
        seed=3,
    )
    expected = SERVICE_S + rho * SERVICE_S / (2 * (1 - rho))
    assert result.latencies_s.mean() == pytest.approx(expected, rel=0.05)
    assert result.utilisation()["server"] == pytest.approx(rho, rel=0.03)
    assert result.dropped == 0


def test_md1_share_of_frames_that_never_wait_is_one_minus_rho() -> None:
    rho = 0.6
    result = simulate(
        Traffic(sources=1, rate_hz=rho / SERVICE_S, arrival="poisson"),
        [StageModel("server", servers=1, service_s=constant(SERVICE_S))],
        duration_s=100.0,
        warmup_s=2.0,
        seed=5,
    )
    no_wait = np.mean(result.latencies_s <= SERVICE_S + 1e-12)
    assert no_wait == pytest.approx(1 - rho, abs=0.02)


def test_saturated_stage_serves_at_its_capacity_and_drops_the_rest() -> None:
    """Arrivals at twice the service rate into a bounded queue: throughput = mu, drops = 1/2."""
    result = simulate(
        Traffic(sources=1, rate_hz=2.0 / SERVICE_S),
        [StageModel("server", servers=1, service_s=constant(SERVICE_S), queue_limit=10)],
        duration_s=20.0,
        warmup_s=1.0,
        seed=1,
    )
    assert result.throughput_hz == pytest.approx(1.0 / SERVICE_S, rel=0.01)
    assert result.drop_rate == pytest.approx(0.5, abs=0.01)
    assert result.utilisation()["server"] == pytest.approx(1.0, abs=1e-6)
    # A full queue of 10 ahead of every admitted frame: waits of ~10 services.
    assert result.percentile_s(50) == pytest.approx(11 * SERVICE_S, rel=0.1)


def test_unbounded_saturated_queue_leaves_frames_unfinished_and_counts_them_dropped() -> None:
    result = simulate(
        Traffic(sources=1, rate_hz=1.5 / SERVICE_S),
        [StageModel("server", servers=1, service_s=constant(SERVICE_S))],
        duration_s=10.0,
        drain_s=0.5,
        seed=1,
    )
    # 15,000 arrive, at most 10,500 can be served in 10.5 s.
    assert result.completed <= 10_500
    assert result.dropped == result.arrived - result.completed
    assert result.percentile_s(99) > 2.0  # latency grows without bound


def test_deterministic_arrivals_below_capacity_never_queue() -> None:
    """D/D/1 with rho < 1: every frame takes exactly the service time."""
    result = simulate(
        Traffic(sources=1, rate_hz=500.0),
        [StageModel("server", servers=1, service_s=constant(SERVICE_S))],
        duration_s=5.0,
        seed=2,
    )
    assert np.allclose(result.latencies_s, SERVICE_S)


def test_full_batches_wait_for_their_last_frame() -> None:
    """Periodic arrivals at rate r into batches of B with a long timeout: the k-th frame of a
    batch waits (B - 1 - k) / r, then the batch takes S; mean = (B - 1) / (2 r) + S."""
    rate, batch, service = 1000.0, 8, 0.004
    result = simulate(
        Traffic(sources=1, rate_hz=rate),
        [StageModel("gpu", servers=1, service_s=constant(service), batch_size=batch,
                    batch_timeout_s=1.0)],
        duration_s=10.0,
        warmup_s=1.0,
        seed=4,
    )
    assert result.latencies_s.mean() == pytest.approx((batch - 1) / (2 * rate) + service,
                                                      rel=0.01)
    assert result.latencies_s.max() == pytest.approx((batch - 1) / rate + service, rel=0.01)


def test_batching_timeout_bounds_the_wait_for_a_slow_stream() -> None:
    """At 10 frames/s, a batch of 8 would take 0.7 s to fill; a 5 ms timeout ships singles."""
    result = simulate(
        Traffic(sources=1, rate_hz=10.0),
        [StageModel("gpu", servers=1, service_s=constant(0.002), batch_size=8,
                    batch_timeout_s=0.005)],
        duration_s=20.0,
        seed=4,
    )
    assert result.latencies_s.max() == pytest.approx(0.007, abs=1e-9)


def test_stages_in_series_add_their_service_times() -> None:
    result = simulate(
        Traffic(sources=3, rate_hz=50.0),
        [
            StageModel("a", servers=4, service_s=constant(0.001)),
            StageModel("b", servers=4, service_s=constant(0.002)),
        ],
        duration_s=4.0,
        seed=9,
    )
    assert result.percentile_s(50) == pytest.approx(0.003, abs=1e-6)


def test_same_seed_same_result_and_a_different_seed_differs() -> None:
    def run(seed: int) -> np.ndarray:
        return simulate(
            Traffic(sources=4, rate_hz=200.0, jitter_s=0.002),
            [StageModel("s", servers=1, service_s=constant(0.0011))],
            duration_s=3.0,
            seed=seed,
        ).latencies_s

    assert np.array_equal(run(7), run(7))
    assert not np.array_equal(run(7), run(8))


def test_frame_sampling_keeps_every_nth_frame() -> None:
    rng = np.random.default_rng(0)
    all_frames = arrival_times(Traffic(sources=2, rate_hz=30.0), 10.0, rng)
    rng = np.random.default_rng(0)
    kept = arrival_times(Traffic(sources=2, rate_hz=30.0, keep_every=3), 10.0, rng)
    assert len(all_frames) == 600
    assert len(kept) == 200


def test_service_time_variation_makes_a_busy_server_queue() -> None:
    """Periodic arrivals at rho = 0.9 never wait with constant service; with a 30 % CV they do."""

    def run(cv: float) -> float:
        return simulate(
            Traffic(sources=1, rate_hz=0.9 / SERVICE_S),
            [StageModel("s", servers=1, service_s=constant(SERVICE_S), service_cv=cv)],
            duration_s=20.0,
            warmup_s=1.0,
            seed=6,
        ).percentile_s(99)

    assert run(0.0) == pytest.approx(SERVICE_S)
    assert run(0.3) > 2 * SERVICE_S


def test_frame_sampling_does_not_make_sources_arrive_in_lockstep() -> None:
    """200 sources at 30 fps keeping every 3rd frame: 2,000 frames/s spread evenly, so ten
    servers of 2.8 ms (36 % busy) hardly ever queue."""
    result = simulate(
        Traffic(sources=200, rate_hz=30.0, keep_every=3),
        [StageModel("gpu", servers=10, service_s=constant(0.0028))],
        duration_s=4.0,
        warmup_s=0.5,
        seed=2,
    )
    assert result.percentile_s(50) == pytest.approx(0.0028, rel=0.05)
