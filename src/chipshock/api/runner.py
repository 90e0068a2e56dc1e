"""Run the scenario engine in a worker thread with a deadline.

The engine calls ``progress`` between chunks of Monte Carlo runs; our callback raises
`RunTimeout` once the deadline has passed or the request gave up, so the worker stops at the next
chunk boundary instead of running on. The request waits at most ``budget + grace`` seconds.

The pool is bounded twice: ``workers`` threads compute, and at most ``queue_limit`` more jobs
wait for one. A job beyond that is refused at once with `ServerBusy` (HTTP 503 with
``Retry-After``) instead of waiting behind work it cannot overtake. A slot is freed when the job
really ends, not when its request gives up, so a stopped job still counts until it has stopped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

from chipshock.errors import ChipshockError
from chipshock.present.messages import message

__all__ = ["RETRY_AFTER_S", "RunTimeout", "Runner", "ServerBusy"]

#: seconds a client is told to wait when every worker is busy and the queue is full
RETRY_AFTER_S = 5

T = TypeVar("T")


class RunTimeout(ChipshockError, TimeoutError):
    """A scenario run went over the server's time budget and was stopped; ``background``:
    a job's run (its advice differs: a synchronous request is told to start a job)."""

    def __init__(self, message: str, *, background: bool = False) -> None:
        super().__init__(message)
        self.background = background

    @property
    def advice_key(self) -> str:
        """The catalogue key of what to do next (`chipshock.present.messages`)."""
        return f"api_error.timeout_advice_{'job' if self.background else 'request'}"


class ServerBusy(ChipshockError, RuntimeError):
    """Every engine worker is busy and the queue is full; ``retry_after_s`` says when to retry."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class Runner:
    """A small pool of engine workers with a bounded queue; each job gets a deadline and a
    cancel flag."""

    def __init__(
        self,
        workers: int = 2,
        queue_limit: int = 8,
        grace_s: float = 5.0,
        retry_after_s: int = RETRY_AFTER_S,
    ) -> None:
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None  # made on first use, again after shutdown
        self._pool_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(workers + queue_limit)
        self._grace_s = grace_s
        self.retry_after_s = retry_after_s
        self.capacity = workers + queue_limit

    def run(
        self, job: Callable[[Callable[..., None]], T], budget_s: float, *, background: bool = False
    ) -> T:
        """Run ``job(progress)`` with a deadline of ``budget_s`` seconds from now; ``background``:
        a job's run (`RunTimeout`'s advice)."""
        advice = message(RunTimeout("", background=background).advice_key, "en")
        deadline = time.monotonic() + budget_s
        cancelled = threading.Event()

        def progress(*_args: Any, **_kwargs: Any) -> None:
            if cancelled.is_set() or time.monotonic() > deadline:
                raise RunTimeout(
                    f"the run went over the server's time budget of {budget_s:g} s and was "
                    f"stopped; {advice}",
                    background=background,
                )

        def guarded() -> T:
            progress()  # a job that waited in the queue past its deadline does not start
            return job(progress)

        if not self._slots.acquire(blocking=False):
            raise ServerBusy(
                f"server busy: {self.capacity} scenario runs are running or queued; retry in "
                f"{self.retry_after_s} s",
                self.retry_after_s,
            )
        try:
            future: Future[T] = self._current_pool().submit(guarded)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _f: self._slots.release())
        # Wait first, then take the result: since Python 3.11 concurrent.futures.TimeoutError is
        # the builtin TimeoutError, so an ``except`` around ``result(timeout=...)`` also caught
        # the job's own errors of that family (its RunTimeout, a socket timeout) and rewrote
        # them as "did not finish". Only a future still running at the deadline is ours to stop.
        done, _ = wait([future], timeout=budget_s + self._grace_s)
        if not done:
            cancelled.set()
            future.cancel()
            raise RunTimeout(
                f"the run did not finish within the server's time budget of {budget_s:g} s; "
                f"it has been told to stop; {advice}",
                background=background,
            )
        return future.result()

    def _current_pool(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=self._workers, thread_name_prefix="chipshock-run"
                )
            return self._pool

    def shutdown(self) -> None:
        """Cancel queued jobs and let the running ones stop; a later `run` starts a new pool
        (an app whose lifespan is run again, as test clients do, keeps working)."""
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
