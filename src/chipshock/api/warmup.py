"""Warm the server's caches at start-up, in the background.

The first screen of each dashboard view asks for the same few answers (the fab registry, the
partnerships, the input catalogue and the explorer's first input (shares and trace; this also
runs the code every other input's first request uses), the chokepoints at 50 %, the
criticality ranking, the capacity 2022-2035 with and without the alliance fabs, the capacity
view's build-out of its first node class and of all classes, the country groups, the scenario
list). A thread started on start-up builds and serialises them once, imports the
scenario engine, loads its tables and runs one tiny scenario (so numba loads its compiled
kernel from its cache), and compresses the static files. ``/api/health`` answers throughout
(it runs on the event loop) and reports ``warm`` once this is done. A request that arrives
first simply computes its own answer (single flight: a request for an answer being warmed
waits for it, never computes it twice).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from chipshock.api.state import AppState

__all__ = [
    "BUILDOUT_CLASSES",
    "CAPACITY_YEARS",
    "WARM_SCENARIO",
    "Warmup",
    "start_warmup",
    "warm",
]

log = logging.getLogger("chipshock.api")

#: the built-in scenario run (2 runs) to load the engine's compiled kernel
WARM_SCENARIO = "taiwan-blockade-2027-6m"
#: the years of the capacity answer (GET /api/capacity) warmed for the first screens
CAPACITY_YEARS = list(range(2022, 2036))
#: the node classes of the capacity view's build-out: the one it opens on (boot.js's
#: ``CAPACITY_CLASS``, which the page needs before any answer, so it is kept there and here;
#: tests/api/test_warmup.py fails when the two differ) and the sum over all classes
BUILDOUT_CLASSES = ("lt10", "all")


def _steps(state: AppState, precompress: Callable[[], None] | None) -> list[tuple[str, Any]]:
    from chipshock.api import routes_explorer, routes_groups, routes_scenarios, routes_structure

    def capacity() -> None:
        routes_scenarios.capacity(state, years=CAPACITY_YEARS, fabs_off=[])
        off = list(routes_scenarios.alliance_fab_ids(state))
        routes_scenarios.capacity(state, years=CAPACITY_YEARS, fabs_off=off)

    def buildout() -> None:  # the capacity view's first chart (capacity.js)
        for node_class in BUILDOUT_CLASSES:
            routes_scenarios.capacity_buildout(state, node_class=node_class)

    def tiny_run() -> None:  # numba loads (or compiles) its kernel; pandas paths warm up
        sim = routes_scenarios._sim()
        sc = routes_scenarios._builtin(WARM_SCENARIO)
        sim.run(sc, state.model_data(), runs=2, seed=1)

    steps: list[tuple[str, Any]] = [
        ("fabs", lambda: routes_structure.fabs(
            state, country=[], status=[], year=None, node_class=None, operator=None)),
        ("partnerships", lambda: routes_structure.partnerships(
            state, country=[], kind=None, status=None, year=None)),
    ]  # fmt: skip
    if precompress is not None:
        steps.append(("static files", precompress))

    def first_input() -> None:  # the explorer's first screen: the EUV input (explorer.js)
        names = state.chain.inputs["name"].astype(str)
        euv = state.chain.inputs["input_id"][names.str.contains("EUV")]
        if not euv.empty:
            input_id = str(euv.iloc[0])
            routes_structure.shares(state, input=input_id, by="both", highlight=None)
            routes_structure.trace_route(state, input_id)

    steps += [
        ("input catalogue", lambda: routes_explorer.explorer_inputs(state)),
        ("first input", first_input),
        ("groups", lambda: routes_groups.groups_route(state)),
        ("chokepoints", lambda: routes_structure.chokepoints_route(state, 50.0, "country")),
        ("criticality", lambda: routes_structure.criticality_route(state, "country", 50.0)),
        ("countries", lambda: routes_structure.providers(state, "country")),
        ("deliverables", lambda: routes_structure.deliverables(
            state, country=[], sector=None, kind=None)),
        ("scenario list", lambda: routes_scenarios.scenario_list(state)),
        ("capacity", capacity),
        ("capacity build-out", buildout),
        ("scenario engine", tiny_run),
    ]  # fmt: skip
    return steps


def warm(
    state: AppState,
    precompress: Callable[[], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Run every warm-up step until ``stop`` is set; a step that fails is logged and skipped
    (the request that needs it will compute it, and report the error, itself)."""
    t0 = time.perf_counter()
    for name, step in _steps(state, precompress):
        if stop is not None and stop.is_set():
            return
        try:
            step()
        except Exception as exc:  # warming is best effort; the request reports its own errors
            log.warning("warm-up step %r failed: %s", name, exc)
    log.info("caches warm in %.2f s", time.perf_counter() - t0)


class Warmup:
    """The warm-up thread of one app's lifespan: `stop` ends it at its next step and waits."""

    def __init__(self, state: AppState, precompress: Callable[[], None] | None = None) -> None:
        self._stop = threading.Event()

        def body() -> None:
            try:
                warm(state, precompress, self._stop)
            finally:
                state.warm.set()

        self._thread = threading.Thread(target=body, name="chipshock-warmup", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 60.0) -> None:
        """Stop after the step under way (a native engine call must not be cut off at exit)."""
        self._stop.set()
        self._thread.join(timeout_s)


def start_warmup(state: AppState, precompress: Callable[[], None] | None = None) -> Warmup:
    """Start `warm` in a thread; ``state.warm`` is set when it ends."""
    return Warmup(state, precompress)
