"""A discrete-event simulation of a chain of stages (SimPy), independent of any catalog.

Frames arrive from sources, pass through stages in order and leave. A stage has ``servers``
parallel units, a bounded FIFO queue (a frame that finds it full is dropped) and dynamic
batching: a free server takes up to ``batch_size`` queued frames, waiting at most
``batch_timeout_s`` after the first for the batch to fill. Deterministic for a given seed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import simpy

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Traffic:
    """``sources`` independent sources of ``rate_hz`` frames each.

    ``periodic``: every source emits on a fixed period from a random phase, each frame
    displaced by Gaussian jitter (clipped to half a period). ``poisson``: exponential gaps.
    ``keep_every``: only every n-th frame of a source enters the pipeline (frame sampling).
    """

    sources: int
    rate_hz: float
    arrival: str = "periodic"
    jitter_s: float = 0.0
    keep_every: int = 1


@dataclass(frozen=True)
class StageModel:
    name: str
    servers: int
    service_s: Callable[[int], float]  # batch size -> seconds
    batch_size: int = 1
    batch_timeout_s: float = 0.0
    queue_limit: int | None = None
    # Real service times vary (clocks, memory traffic, input content): each batch's time is
    # scaled by a log-normal factor of mean 1 and this coefficient of variation.
    service_cv: float = 0.0


@dataclass
class StageStats:
    name: str
    servers: int
    dropped: int = 0
    batches: int = 0
    frames: int = 0
    busy_starts: list[float] = field(default_factory=list)
    busy_ends: list[float] = field(default_factory=list)

    def busy_fraction(self, edges: Floats) -> Floats:
        """Share of server time busy within each window between consecutive edges."""
        if not self.busy_starts:
            return np.zeros(len(edges) - 1)
        starts = np.asarray(self.busy_starts)
        ends = np.asarray(self.busy_ends)
        # busy(t): total busy time before t, summed over intervals.
        cumulative = np.array(
            [np.clip(t - starts, 0.0, ends - starts).sum() for t in edges], dtype=np.float64
        )
        widths = np.diff(edges).astype(np.float64) * self.servers
        fraction: Floats = np.divide(np.diff(cumulative), widths, out=np.zeros_like(widths),
                                     where=widths > 0)
        return fraction


@dataclass
class SimResult:
    duration_s: float
    warmup_s: float
    arrived: int  # frames that entered the pipeline after the warm-up
    latencies_s: Floats  # end-to-end, completed frames that arrived after the warm-up
    dropped: int  # of those arrived frames, dropped at a full queue or unfinished at the end
    stages: list[StageStats]

    @property
    def completed(self) -> int:
        return int(self.latencies_s.size)

    @property
    def measured_s(self) -> float:
        return self.duration_s - self.warmup_s

    @property
    def throughput_hz(self) -> float:
        return self.completed / self.measured_s if self.measured_s > 0 else 0.0

    @property
    def drop_rate(self) -> float:
        return self.dropped / self.arrived if self.arrived else 0.0

    def percentile_s(self, q: float) -> float:
        if self.latencies_s.size == 0:
            return float("inf")
        return float(np.percentile(self.latencies_s, q))

    def utilisation(self) -> dict[str, float]:
        edges = np.array([self.warmup_s, self.duration_s], dtype=np.float64)
        return {s.name: float(s.busy_fraction(edges)[0]) for s in self.stages}


def arrival_times(traffic: Traffic, duration_s: float, rng: np.random.Generator) -> Floats:
    """Sorted arrival times in [0, duration) of the frames that enter the pipeline."""
    if traffic.arrival == "poisson":
        streams: list[Floats] = []
        for _ in range(traffic.sources):
            expected = int(traffic.rate_hz * duration_s * 1.2) + 20
            gaps = rng.exponential(1.0 / traffic.rate_hz, size=expected)
            stream = np.cumsum(gaps)
            while stream[-1] < duration_s:  # rare: top up
                more = np.cumsum(rng.exponential(1.0 / traffic.rate_hz, size=expected))
                stream = np.concatenate([stream, stream[-1] + more])
            streams.append(stream[stream < duration_s][:: traffic.keep_every])
        merged: Floats = np.sort(np.concatenate(streams)) if streams else np.zeros(0)
        return merged
    if traffic.arrival != "periodic":
        raise ValueError(f"unknown arrival process {traffic.arrival!r}")
    period = 1.0 / traffic.rate_hz
    count = int(np.ceil(duration_s * traffic.rate_hz)) + 1
    phases = rng.uniform(0.0, period, size=(traffic.sources, 1))
    grid: Floats = phases + np.arange(count)[None, :] * period
    if traffic.jitter_s > 0:
        jitter = rng.normal(0.0, traffic.jitter_s, size=grid.shape)
        grid = grid + np.clip(jitter, -period / 2, period / 2)
    if traffic.keep_every > 1:
        # Each source keeps every n-th frame from its own random offset: sources sampling in
        # lockstep would turn smooth traffic into bursts one period in n.
        offsets = rng.integers(0, traffic.keep_every, size=traffic.sources)
        rows = [grid[i, offset:: traffic.keep_every] for i, offset in enumerate(offsets)]
        grid = np.concatenate(rows) if rows else np.zeros(0)
    flat: Floats = np.sort(grid[(grid >= 0) & (grid < duration_s)])
    return flat


class _Stage:
    def __init__(self, env: simpy.Environment, model: StageModel, stats: StageStats,
                 forward: Callable[[list[int]], None], rng: np.random.Generator) -> None:
        self.env = env
        self.rng = rng
        sigma2 = float(np.log1p(model.service_cv**2))
        self.sigma, self.mu = sigma2**0.5, -sigma2 / 2
        self.model = model
        self.stats = stats
        self.forward = forward
        self.queue: deque[int] = deque()
        self.idle: deque[simpy.Event] = deque()
        self.filling: list[simpy.Event] = []
        for _ in range(model.servers):
            env.process(self._serve())

    def offer(self, frame: int) -> bool:
        if self.model.queue_limit is not None and len(self.queue) >= self.model.queue_limit:
            self.stats.dropped += 1
            return False
        self.queue.append(frame)
        if self.filling:
            waiting, self.filling = self.filling, []
            for event in waiting:
                if not event.triggered:
                    event.succeed()
        elif self.idle:
            self.idle.popleft().succeed()
        return True

    def _serve(self) -> Generator[simpy.Event, Any, None]:
        env, model = self.env, self.model
        while True:
            while not self.queue:
                wake = env.event()
                self.idle.append(wake)
                yield wake
            if model.batch_size > 1 and model.batch_timeout_s > 0:
                deadline = env.now + model.batch_timeout_s
                while len(self.queue) < model.batch_size and env.now < deadline:
                    more = env.event()
                    self.filling.append(more)
                    yield more | env.timeout(deadline - env.now)
                    if more in self.filling:
                        self.filling.remove(more)
            take = min(model.batch_size, len(self.queue))
            if take == 0:
                continue
            batch = [self.queue.popleft() for _ in range(take)]
            start = env.now
            service = model.service_s(take)
            if self.sigma > 0:
                service *= float(self.rng.lognormal(self.mu, self.sigma))
            yield env.timeout(service)
            self.stats.busy_starts.append(start)
            self.stats.busy_ends.append(env.now)
            self.stats.batches += 1
            self.stats.frames += take
            self.forward(batch)


def simulate(
    traffic: Traffic,
    stages: list[StageModel],
    *,
    duration_s: float,
    warmup_s: float = 0.0,
    drain_s: float = 2.0,
    seed: int = 0,
) -> SimResult:
    """Run arrivals for ``duration_s``, then let frames in flight finish for ``drain_s``.

    Statistics cover frames that arrived after ``warmup_s``; one still unfinished at the end
    counts as dropped (the pipeline did not keep up).
    """
    if not stages:
        raise ValueError("a pipeline needs at least one stage")
    rng = np.random.default_rng(seed)
    arrivals = arrival_times(traffic, duration_s, rng)
    finished = np.full(arrivals.size, np.nan)
    env = simpy.Environment()
    stats = [StageStats(name=s.name, servers=s.servers) for s in stages]

    runtimes: list[_Stage] = []

    def forwarder(index: int) -> Callable[[list[int]], None]:
        def forward(batch: list[int]) -> None:
            if index + 1 < len(runtimes):
                for frame in batch:
                    runtimes[index + 1].offer(frame)
            else:
                finished[batch] = env.now

        return forward

    for index, model in enumerate(stages):
        stage_rng = np.random.default_rng([seed, index + 1])
        runtimes.append(_Stage(env, model, stats[index], forwarder(index), stage_rng))

    def source() -> Generator[simpy.Event, Any, None]:
        first = runtimes[0]
        for frame, at in enumerate(arrivals):
            if at > env.now:
                yield env.timeout(at - env.now)
            first.offer(frame)

    env.process(source())
    env.run(until=duration_s + drain_s)

    measured = arrivals >= warmup_s
    done = measured & ~np.isnan(finished)
    latencies = (finished[done] - arrivals[done]).astype(np.float64)
    return SimResult(
        duration_s=duration_s,
        warmup_s=warmup_s,
        arrived=int(measured.sum()),
        latencies_s=latencies,
        dropped=int(measured.sum() - done.sum()),
        stages=stats,
    )
