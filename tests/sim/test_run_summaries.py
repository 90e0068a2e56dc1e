"""The run path's summaries over many rows at once give the figures of one row at a time, and a
scenario's kept network and arrays give the numbers of freshly built ones."""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.run.economics import percentile_stats, percentile_table
from chipshock.sim.run.utilisation import _run_stats

run_api = importlib.import_module("chipshock.sim.run.api")


def _rows(seed: int, k: int, n: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rows = rng.normal(size=(k, n)) * rng.choice([1e-3, 1.0, 1e9], size=(k, 1))
    rows[rng.random(k) < 0.2] = -0.0  # negated zeros must come out as +0.0
    return rows


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30), st.sampled_from([1, 2, 7, 129, 1000, 5001]))
def test_percentile_table_is_percentile_stats_per_row(seed: int, k: int, n: int) -> None:
    """Every row of `percentile_table` is bit for bit `percentile_stats` of that row."""
    rows = _rows(seed, k, n)
    table = percentile_table(rows.T.copy().T)  # a strided view, as a column slice gives
    for i in range(k):
        one = percentile_stats(rows[i])
        assert table[i].tolist() == [one["mean"], one["p5"], one["p50"], one["p95"]]
    assert not np.signbit(table[table == 0]).any()


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 1200), st.integers(1, 60))
def test_run_stats_is_the_loop_over_producers(seed: int, n: int, producers: int) -> None:
    """`_run_stats` gives, per producer, the runs with a value and the mean and percentiles of
    those values exactly as a loop over producers does (runs without shock weeks, producers
    without capacity and scattered gaps left out; no value at all gives NaN)."""
    rng = np.random.default_rng(seed)
    per_run = rng.random((n, producers)) * 150.0
    per_run[rng.random((n, producers)) < rng.choice([0.0, 0.05])] = np.nan
    per_run[:, rng.random(producers) < 0.2] = np.nan
    per_run[rng.random(n) < 0.1, :] = np.nan
    runs, stats = _run_stats(per_run)
    for p in range(producers):
        v = per_run[:, p][~np.isnan(per_run[:, p])]
        assert runs[p] == v.size
        want = [v.mean(), *np.percentile(v, [5, 50, 95])] if v.size else [np.nan] * 4
        np.testing.assert_array_equal(stats[p], np.array(want, dtype=float))


def _scenario(weeks: float) -> Scenario:
    return Scenario(
        "kept",
        "kept",
        start_year=2026,
        end_year=2027,
        runs=40,
        shocks=(Shock("country", ("TWN",), 2026, duration_weeks=Distribution.fixed(weeks)),),
    )


def test_kept_arrays_give_the_numbers_of_new_ones(tiny_data: ModelData) -> None:
    """A scenario run again (other seed, other runs) reuses its network and arrays, and its
    result equals a run whose arrays were built anew; another scenario gets its own."""
    first = _scenario(20.0)
    kept = run_api._compiled(first, tiny_data)
    assert run_api._compiled(first.with_changes(runs=7, seed=99), tiny_data) is kept
    assert run_api._compiled(_scenario(30.0), tiny_data) is not kept
    again = run_api.run(first, tiny_data, runs=50, seed=5)
    with run_api._compiled_lock:
        run_api._compiled_cache.clear()
    fresh = run_api.run(first, tiny_data, runs=50, seed=5)
    assert run_api._compiled(first, tiny_data) is not kept  # built anew after the clear
    for name in ("kpis_by_run", "kpis", "bands", "utilisation", "value_added_by_country"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(fresh, name), check_exact=True)


def test_new_data_is_a_new_key(tiny_data: ModelData) -> None:
    """Arrays are kept per data object: other data (even equal) builds its own."""
    s = _scenario(20.0)
    assert run_api._compiled(s, tiny_data) is not run_api._compiled(s, ModelData.tiny())


def test_only_the_latest_scenarios_are_kept(tiny_data: ModelData) -> None:
    """At most `COMPILED_KEEP` scenarios' arrays are held; the oldest goes first."""
    kept = run_api.COMPILED_KEEP
    first = run_api._compiled(_scenario(1.0), tiny_data)
    for weeks in range(2, kept + 3):
        run_api._compiled(_scenario(float(weeks)), tiny_data)
    assert len(run_api._compiled_cache) == kept
    latest = run_api._compiled(_scenario(float(kept + 2)), tiny_data)
    assert run_api._compiled(_scenario(float(kept + 2)), tiny_data) is latest
    assert run_api._compiled(_scenario(1.0), tiny_data) is not first


def test_the_kept_arrays_stay_within_their_bytes(
    tiny_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With room for two and a half compiled scenarios' bytes, two are kept, the least recently
    used go first, and a scenario larger than the whole budget is built but not kept."""
    with run_api._compiled_lock:
        run_api._compiled_cache.clear()
    net, prep = run_api._compiled(_scenario(1.0), tiny_data)
    one = run_api.compiled_bytes(net, prep)
    assert run_api.kept_compiles() == (1, one)
    monkeypatch.setattr(run_api, "COMPILED_BYTES", one * 5 // 2)
    for weeks in (2.0, 3.0, 4.0):
        run_api._compiled(_scenario(weeks), tiny_data)
    count, held = run_api.kept_compiles()
    assert count == 2
    assert held <= one * 5 // 2
    latest = run_api._compiled(_scenario(4.0), tiny_data)
    assert run_api._compiled(_scenario(4.0), tiny_data)[1] is latest[1]
    monkeypatch.setattr(run_api, "COMPILED_BYTES", one // 2)
    run_api._compiled(_scenario(5.0), tiny_data)
    assert run_api.kept_compiles() == (0, 0)
