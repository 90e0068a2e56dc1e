"""One way to time things in `make bench`: a cold call, then at least five timed repeats.

Every measurement reports the cold time (first call: imports, caches, JIT, a fresh store), the
median of the warm repeats and their spread (min, max, interquartile range), so a figure in
RESULTS.md never rests on a single or a best-of-two run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

__all__ = ["MIN_REPEAT", "measure", "measure_async"]

MIN_REPEAT = 5


def _summary(cold_s: float | None, times_s: list[float], unit: str) -> dict[str, Any]:
    scale = 1000.0 if unit == "ms" else 1.0
    values = [t * scale for t in times_s]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    out: dict[str, Any] = {}
    if cold_s is not None:
        out[f"cold_{unit}"] = cold_s * scale
    out.update(
        {
            f"median_{unit}": statistics.median(values),
            f"min_{unit}": min(values),
            f"max_{unit}": max(values),
            f"iqr_{unit}": q3 - q1,
            "repeats": len(values),
        }
    )
    return out


def measure(
    fn: Callable[[], Any], repeat: int = MIN_REPEAT, cold: bool = True, unit: str = "ms"
) -> dict[str, Any]:
    """Time ``fn``: one cold call (if ``cold``), then ``repeat`` (>= 5) warm calls."""
    if repeat < MIN_REPEAT:
        raise ValueError(f"repeat={repeat}: at least {MIN_REPEAT} repeats are reported")
    cold_s = None
    if cold:
        t0 = time.perf_counter()
        fn()
        cold_s = time.perf_counter() - t0
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return _summary(cold_s, times, unit)


async def measure_async(
    fn: Callable[[], Any], repeat: int = MIN_REPEAT, unit: str = "ms"
) -> dict[str, Any]:
    """`measure` for a coroutine function (always with a cold call)."""
    if repeat < MIN_REPEAT:
        raise ValueError(f"repeat={repeat}: at least {MIN_REPEAT} repeats are reported")
    t0 = time.perf_counter()
    await fn()
    cold_s = time.perf_counter() - t0
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        await fn()
        times.append(time.perf_counter() - t0)
    return _summary(cold_s, times, unit)
