"""The sides of a fab-contribution analysis on the shipped data: each side's per-run loss is,
bit for bit, what `run` gives for that side's scenario, although the analysis computes only
that loss (not `run`'s tables); and the producer network it builds per side steps each fab's
capacity rows as a naive reading of ``fab_capacity.csv`` does."""

from __future__ import annotations

import dataclasses
import importlib
from typing import Any

import numpy as np
import pandas as pd
import pytest

from chipshock.scenarios import Scenario
from chipshock.scenarios.overrides import alliance_fabs, apply_overrides
from chipshock.scenarios.parser import load_scenario
from chipshock.sim.data import ModelData
from chipshock.sim.network.fab_steps import capacity_steps_by_fab, fab_capacity_rows
from chipshock.sim.prepare import Prepared, SharedReads, prepare, scenario_network
from chipshock.sim.run.api import run
from chipshock.sim.run.contributions import fab_contributions, fab_sides

FABS = ["jasm-kumamoto-fab1", "tsmc-arizona-p1"]


def run_loss(scenario: Scenario, data: ModelData, runs: int, seed: int) -> np.ndarray:
    """The per-run total loss (market "all") of `run`, in run order."""
    by_run = run(scenario, data, runs=runs, seed=seed).kpis_by_run
    rows = by_run[by_run["market"] == "all"].sort_values("run")
    return rows["loss_usd_bn"].to_numpy(dtype=float)


def test_each_side_loses_what_run_gives_it_bit_for_bit(
    real_data: ModelData, short_real: Scenario
) -> None:
    """Two alliance fabs, three runs: the six sides' losses are `run`'s to the last bit."""
    c = fab_contributions(short_real, real_data, FABS, runs=3, seed=7)
    without, with_all = fab_sides(short_real, FABS)
    sides = {"none": without, "all": with_all}
    for f in FABS:
        sides[f"alone:{f}"] = apply_overrides(without, fabs_on=[f])
        sides[f"added:{f}"] = apply_overrides(with_all, fabs_off=[f])
    assert list(c.loss_by_run.columns) == ["run", *sides]
    for name, side in sides.items():
        expected = run_loss(side, real_data, 3, 7)
        assert c.loss_by_run[name].to_numpy().tobytes() == expected.tobytes(), name
    assert (c.loss_by_run["none"] > 0).all()


def test_the_analysis_does_not_build_the_tables_of_a_run(
    real_data: ModelData, short_real: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A side is its per-run loss only: the utilisation and value-added tables that `run`
    builds for every result (most of a side's cost after its compile) are not asked for."""
    run_api = importlib.import_module("chipshock.sim.run.api")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a contribution side built a run's table")

    for table in ("utilisation_summary", "value_added_tables", "bands_frame"):
        monkeypatch.setattr(run_api, table, refuse)
    c = fab_contributions(short_real, real_data, FABS[:1], runs=2, seed=7)
    assert list(c.loss_by_run.columns) == [
        "run",
        "none",
        "all",
        *(f"{m}:{FABS[0]}" for m in ("alone", "added")),
    ]


def naive_step(rows: pd.DataFrame, year: int) -> float:
    """Slow on purpose: the kwspm of the row with the greatest year <= ``year`` (0 before)."""
    held = rows[rows["year"].astype(int) <= year]
    if held.empty:
        return 0.0
    last = held[held["year"].astype(int) == held["year"].astype(int).max()]
    return float(last["capacity_wspm"].astype(float).iloc[-1]) / 1000.0


def test_every_fab_and_class_steps_as_its_rows_say(real_data: ModelData) -> None:
    """The capacity a network build reads per fab and class (the whole table read once) is, in
    every year from 2018 to 2040, the naive reading of that fab's rows in that class."""
    fc = fab_capacity_rows(real_data)
    years = list(range(2018, 2041))
    steps = capacity_steps_by_fab(fc, years)
    pairs = fc[["fab_id", "node_class"]].astype(str).drop_duplicates()
    assert sum(len(by_class) for by_class in steps.values()) == len(pairs)
    for fab_id, node_class in pairs.itertuples(index=False):
        mine = fc[(fc["fab_id"] == fab_id) & (fc["node_class"] == node_class)]
        expected = [naive_step(mine, y) for y in years]
        assert steps[fab_id][node_class].tolist() == expected, (fab_id, node_class)


def test_an_analysis_asked_again_compiles_none_of_its_sides(
    real_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 14 sides of the six alliance fabs in the six-month blockade are compiled once: the
    same analysis again, and again with other runs and seed, compiles none, with the same
    numbers; what is kept stays within `COMPILED_KEEP` scenarios and `COMPILED_BYTES`."""
    run_api = importlib.import_module("chipshock.sim.run.api")
    compiles: list[Scenario] = []

    def counted(scenario: Scenario, *args: object, **kwargs: object) -> object:
        compiles.append(scenario)
        return prepare(scenario, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run_api, "prepare", counted)
    with run_api._compiled_lock:
        run_api._compiled_cache.clear()
    fabs = sorted(alliance_fabs())
    assert len(fabs) == 6
    blockade = load_scenario("taiwan-blockade-2027-6m")
    first = fab_contributions(blockade, real_data, fabs, runs=2, seed=7)
    assert len(compiles) == 14
    again = fab_contributions(blockade, real_data, fabs, runs=2, seed=7)
    other = fab_contributions(blockade, real_data, fabs, runs=3, seed=8)
    assert len(compiles) == 14
    pd.testing.assert_frame_equal(again.loss_by_run, first.loss_by_run, check_exact=True)
    assert len(other.loss_by_run) == 3
    count, held = run_api.kept_compiles()
    assert count == 14
    assert held <= run_api.COMPILED_BYTES


def _same_prepared(a: Prepared, b: Prepared) -> None:
    """``a`` and ``b`` field by field: arrays and tables bit for bit, the rest equal."""
    for f in dataclasses.fields(Prepared):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            assert (x.dtype, x.shape, x.tobytes()) == (y.dtype, y.shape, y.tobytes()), f.name
        elif isinstance(x, pd.DataFrame):
            pd.testing.assert_frame_equal(x, y, check_exact=True)
        else:
            assert x == y, f.name


def test_sides_that_share_their_reads_compile_as_each_alone(
    real_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 14 sides of the six alliance fabs compiled with one `SharedReads` read the tables'
    digest and the inputs' weights once, and each gives, bit for bit, the arrays it gives
    compiled alone."""
    prepare_mod = importlib.import_module("chipshock.sim.prepare")
    reads_of: dict[str, int] = {"tables_digest": 0, "input_weights": 0}
    for name in reads_of:
        read = getattr(prepare_mod, name)

        def counted(*args: Any, _name: str = name, _read: Any = read) -> Any:
            reads_of[_name] += 1
            return _read(*args)

        monkeypatch.setattr(prepare_mod, name, counted)
    blockade = load_scenario("taiwan-blockade-2027-6m")
    fabs = sorted(alliance_fabs())
    without, with_all = fab_sides(blockade, fabs)
    sides = [without, with_all]
    for f in fabs:
        sides += [apply_overrides(without, fabs_on=[f]), apply_overrides(with_all, fabs_off=[f])]
    reads = SharedReads()
    shared = [prepare(s, real_data, scenario_network(s, real_data, reads), reads) for s in sides]
    assert reads_of == {"tables_digest": 1, "input_weights": 1}
    for side, kept in zip(sides, shared, strict=True):
        _same_prepared(kept, prepare(side, real_data, scenario_network(side, real_data)))
    assert reads_of["input_weights"] == 1 + len(sides)
