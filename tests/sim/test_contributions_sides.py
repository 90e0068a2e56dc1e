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
from chipshock.sim.draws import Draws
from chipshock.sim.network.fab_steps import capacity_steps_by_fab, fab_capacity_rows
from chipshock.sim.prepare import Prepared, SharedReads, prepare, scenario_network
from chipshock.sim.run.api import run
from chipshock.sim.run.contributions import fab_contributions, fab_sides
from chipshock.sim.shocks.inputs import WEIGHT_TABLES, input_weights

draws_mod = importlib.import_module("chipshock.sim.draws")

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
    """``a`` and ``b`` field by field: arrays and tables bit for bit (the assumptions table,
    made when read, too), the rest equal."""
    pd.testing.assert_frame_equal(a.assumptions, b.assumptions, check_exact=True)
    for f in dataclasses.fields(Prepared):
        if not f.compare:  # the assumptions table's maker, compared above by its table
            continue
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


def _sides_of_the_alliance() -> list[Scenario]:
    """The 14 sides of the six alliance fabs in the flagship blockade."""
    fabs = sorted(alliance_fabs())
    without, with_all = fab_sides(load_scenario("taiwan-blockade-2027-6m"), fabs)
    sides = [without, with_all]
    for f in fabs:
        sides += [apply_overrides(without, fabs_on=[f]), apply_overrides(with_all, fabs_off=[f])]
    return sides


class _FilteredBuffers:
    """The buffer lookup as it was: a filter of the table per look-up (the oracle)."""

    def __init__(self, buffers: pd.DataFrame) -> None:
        self._buffers = buffers

    def get(self, applies: str) -> pd.Series | None:
        rows = self._buffers[self._buffers["applies_to"] == applies]
        return None if rows.empty else rows.iloc[0]


def test_a_buffer_is_the_first_row_that_applies() -> None:
    """`_buffer_rows` finds, for each ``applies_to``, the row a filter's first row is."""
    table = pd.DataFrame(
        {"applies_to": ["tools:service", "chips:producer", "tools:service", None],
         "buffer_id": ["first", "bank", "second", "blank"]}
    )  # fmt: skip
    rows = draws_mod._buffer_rows(table)
    assert rows["tools:service"]["buffer_id"] == "first"
    assert rows["chips:producer"]["buffer_id"] == "bank"
    assert rows.get("material:*") is None


def test_every_side_draws_what_the_filtered_lookup_drew(
    real_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 14 sides of the six alliance fabs draw, bit for bit, what they drew when each
    buffer was looked up by filtering inventory_buffers.csv (the names asked alike)."""
    sides = _sides_of_the_alliance()
    kept = []
    for side in sides:
        prep = prepare(side, real_data)
        kept.append((prep, draws_mod._draw_all(side, real_data, prep, 7, 4)))
    monkeypatch.setattr(draws_mod, "_buffer_rows", _FilteredBuffers)
    for side, (prep, (new, asked)) in zip(sides, kept, strict=True):
        old, old_asked = draws_mod._draw_all(side, real_data, prep, 7, 4)
        assert list(asked.asked) == list(old_asked.asked)
        for f in dataclasses.fields(Draws):
            x, y = getattr(new, f.name), getattr(old, f.name)
            assert (x.shape, x.tobytes()) == (y.shape, y.tobytes()), f.name
    assert kept[0][1][0].service_buffer.size > 0  # the tools' buffers were drawn


def test_the_weights_read_only_their_tables(real_data: ModelData) -> None:
    """`input_weights` reads no table but `WEIGHT_TABLES`: with every other table emptied it
    gives the same weights (so `SharedReads` may serve data that holds those same tables)."""
    inputs = sorted(set(real_data.node_requirements["input_id"].astype(str)))
    emptied = dataclasses.replace(
        real_data,
        **{
            f.name: pd.DataFrame()
            for f in dataclasses.fields(ModelData)
            if f.name not in WEIGHT_TABLES and f.name != "label"
        },
    )
    assert input_weights(emptied, inputs) == input_weights(real_data, inputs)


def test_shared_reads_serve_data_that_holds_the_same_tables(real_data: ModelData) -> None:
    """Data that replaces only the model assumptions (a Sobol factor) is served the first
    data's digest and weights; data with a new weight table is read afresh."""
    reads = SharedReads()
    first = reads.input_weights(real_data, ["N26"])
    assumptions = dataclasses.replace(
        real_data, model_assumptions=real_data.model_assumptions.copy()
    )
    assert reads.input_weights(assumptions, ["N26"]) is first
    assert reads.tables(assumptions) is reads.tables(real_data)
    firms = dataclasses.replace(real_data, input_firm_shares=real_data.input_firm_shares.copy())
    assert reads.input_weights(firms, ["N26"]) is not first
    assert reads.input_weights(firms, ["N26"]) == first
