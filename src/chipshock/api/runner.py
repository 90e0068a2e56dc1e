"""Run the scenario engine in a worker thread with a deadline.

The engine calls ``progress`` between chunks of Monte Carlo runs; our callback raises
`RunTimeout` once the deadline has passed or the request gave up, so the worker stops at the next
chunk boundary instead of running on. The request waits at most ``budget + grace`` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from chipshock.errors import ChipshockError

__all__ = ["RunTimeout", "Runner"]

T = TypeVar("T")


class RunTimeout(ChipshockError, TimeoutError):
    """A scenario run went over the server's time budget and was stopped."""


class Runner:
    """A small pool of engine workers; each job gets a deadline and a cancel flag."""

    def __init__(self, workers: int = 2, grace_s: float = 5.0) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="chipshock-run")
        self._grace_s = grace_s

    def run(self, job: Callable[[Callable[..., None]], T], budget_s: float) -> T:
        """Run ``job(progress)`` with a deadline of ``budget_s`` seconds from now."""
        deadline = time.monotonic() + budget_s
        cancelled = threading.Event()

        def progress(*_args: Any, **_kwargs: Any) -> None:
            if cancelled.is_set() or time.monotonic() > deadline:
                raise RunTimeout(
                    f"the run went over the server's time budget of {budget_s:g} s and was "
                    "stopped; ask for fewer runs or a shorter horizon"
                )

        def guarded() -> T:
            progress()  # a job that waited in the queue past its deadline does not start
            return job(progress)

        future: Future[T] = self._pool.submit(guarded)
        try:
            return future.result(timeout=budget_s + self._grace_s)
        except FutureTimeout as exc:
            cancelled.set()
            future.cancel()
            raise RunTimeout(
                f"the run did not finish within the server's time budget of {budget_s:g} s; "
                "it has been told to stop"
            ) from exc

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
