"""The batch path of the Sobol analysis (`chipshock.sim.sobol_batch`): every design point a
slice of runs of one engine call gives the same Y as one full run per point, locally and on
Dask; compiled factors take their levels."""

from __future__ import annotations

import importlib
import pickle
from typing import Any

import numpy as np
import pandas as pd
import pytest

from chipshock.scenarios import load_scenario
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim import ModelData
from chipshock.sim.assumptions import assumption_rows
from chipshock.sim.draws import Draws
from chipshock.sim.run.executors import local_cluster
from chipshock.sim.sobol import sobol

sobol_batch = importlib.import_module("chipshock.sim.sobol_batch")

TINY = ModelData.tiny()
FACTORS = ["shock_duration", "shock_severity", "complementarity", "utilisation"]
FLAGSHIP_FACTORS = ["shock_recovery", "customer_inventory_weeks", "value_multiplier", "utilisation"]


def _scenario() -> Scenario:
    shock = Shock(
        "country",
        ("TWN",),
        2026,
        duration_weeks=Distribution("uniform", low=4, high=30),
        severity=Distribution("uniform", low=0.2, high=1.0),
    )
    return Scenario("x", "x", start_year=2026, end_year=2027, runs=6, seed=5, shocks=(shock,))


def test_batch_gives_the_point_by_point_y_on_the_tiny_chain() -> None:
    """Two draw factors and two compiled factors (complementarity, utilisation): the Y of every
    design point and so the indices are those of one full run per point."""
    kw = {"samples": 4, "factors": FACTORS, "kpi": "loss_usd_bn"}
    one = sobol(_scenario(), TINY, batch=False, **kw)  # type: ignore[arg-type]
    batch = sobol(_scenario(), TINY, batch=True, **kw)  # type: ignore[arg-type]
    assert one.design["y"].std() > 0  # the factors move the answer: the check can fail
    np.testing.assert_allclose(batch.design["y"], one.design["y"], rtol=1e-12, atol=0)
    assert batch.table[["factor", "ST"]].equals(one.table[["factor", "ST"]]) or np.allclose(
        batch.table["ST"], one.table["ST"], rtol=1e-9
    )


def test_batch_matches_point_by_point_on_the_flagship(model_data: ModelData) -> None:
    """The shipped flagship (Taiwan blockade) on the shipped data, two draw factors (recovery,
    customer inventories) and two compiled ones (output value per chip dollar, utilisation)
    at N = 4 and 3 runs per point: the same Y for all 28 points."""
    s = load_scenario("taiwan-blockade-2027-6m")
    kw = {"samples": 4, "runs": 3, "factors": FLAGSHIP_FACTORS}
    one = sobol(s, model_data, batch=False, **kw)  # type: ignore[arg-type]
    batch = sobol(s, model_data, batch=True, **kw)  # type: ignore[arg-type]
    assert one.evaluations == 4 * (4 + 3)
    assert one.design["y"].nunique() > 4
    np.testing.assert_allclose(batch.design["y"], one.design["y"], rtol=1e-12, atol=0)


def test_batch_on_dask_gives_the_local_y() -> None:
    """The same batch on a Dask LocalCluster (every group's chunks submitted together)."""
    distributed = pytest.importorskip("distributed")
    kw = {"samples": 4, "factors": FACTORS, "kpi": "loss_usd_bn"}
    local = sobol(_scenario(), TINY, **kw)  # type: ignore[arg-type]
    with (
        local_cluster(2) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.wait_for_workers(2)  # in-process workers register after the client starts
        dask = sobol(_scenario(), TINY, engine="dask", scheduler=client, **kw)  # type: ignore[arg-type]
    np.testing.assert_array_equal(dask.design["y"], local.design["y"])


def test_draws_concat_is_undone_by_slice() -> None:
    """Draws.concat puts runs one after another; slice gives each part back."""
    a = Draws(*(np.full((2, 1), 1.0) for _ in Draws.__dataclass_fields__))
    b = Draws(*(np.full((3, 1), 2.0) for _ in Draws.__dataclass_fields__))
    c = Draws.concat([a, b])
    assert c.runs == 5
    assert (c.slice(0, 2).duration == 1.0).all() and (c.slice(2, 5).qual_lead == 2.0).all()


def test_compiled_factors_take_their_levels() -> None:
    """Complementarity and utilisation reach the compiled arrays: each takes ``levels`` values
    (bin midpoints between low and high); the draw factors move freely."""
    r = sobol(_scenario(), TINY, samples=16, factors=FACTORS, levels=4)
    assert set(r.on_levels) == {"complementarity", "utilisation"}
    assert sorted(r.design["complementarity"].unique()) == [0.5625, 0.6875, 0.8125, 0.9375]
    assert r.design["shock_duration"].nunique() > 16


def _filtered(self: ModelData, name: str) -> float:
    """`ModelData.assumption` as it was: a filter of the table per look-up (the oracle)."""
    row = self.model_assumptions.loc[self.model_assumptions["parameter"] == name, "value"]
    if row.empty:
        raise KeyError(name)
    return float(row.iloc[0])


def test_the_design_reads_what_its_compiles_share_once(
    model_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flagship design (N = 4, 2 runs a point; two compiled factors that replace tables of
    the data, two draw factors) reads the inputs' weights once for all its compiles and makes
    no assumptions table, and its indices and design are, bit for bit, those of the plain
    path: compiles that each read everything and look each assumption up by a filter."""
    prepare_mod = importlib.import_module("chipshock.sim.prepare")
    counts = {"input_weights": 0, "assumption_rows": 0}
    for name in counts:
        read = getattr(prepare_mod, name)

        def counted(*args: Any, _name: str = name, _read: Any = read, **kwargs: Any) -> Any:
            counts[_name] += 1
            return _read(*args, **kwargs)

        monkeypatch.setattr(prepare_mod, name, counted)
    s = load_scenario("taiwan-blockade-2027-6m")
    kw = {"samples": 4, "runs": 2, "factors": FLAGSHIP_FACTORS}
    shared = sobol(s, model_data, **kw)  # type: ignore[arg-type]
    assert counts == {"input_weights": 1, "assumption_rows": 0}
    monkeypatch.setattr(sobol_batch, "SharedReads", lambda: None)  # each compile reads alone
    monkeypatch.setattr(ModelData, "assumption", _filtered)
    alone = sobol(s, model_data, **kw)  # type: ignore[arg-type]
    assert counts["input_weights"] > 10
    pd.testing.assert_frame_equal(shared.table, alone.table, check_exact=True)
    pd.testing.assert_frame_equal(shared.design, alone.design, check_exact=True)
    assert shared.design["y"].nunique() > 4


def test_a_compile_makes_its_assumptions_table_when_read(model_data: ModelData) -> None:
    """The flagship's compile: its assumptions table, made when first read, is (bit for bit)
    `assumption_rows` of the compile's classes, markets, inputs and first shock's year; a
    compile pickled (as for Dask workers) carries that table, not the data it is made from."""
    prepare_mod = importlib.import_module("chipshock.sim.prepare")
    s = load_scenario("taiwan-blockade-2027-6m")
    prep = prepare_mod.prepare(s, model_data)
    expected = assumption_rows(
        model_data,
        prep.classes,
        prep.markets,
        prep.inputs,
        year=2027,
        priorities=s.priorities,
        sourcing=s.sourcing,
        scenario_file=s.source,
    )
    assert len(expected) > 100
    sent = pickle.dumps(prep)
    assert len(sent) < len(pickle.dumps(model_data)) / 2
    pd.testing.assert_frame_equal(prep.assumptions, expected, check_exact=True)
    assert prep.assumptions is prep.assumptions  # made once
    back = pickle.loads(sent)  # noqa: S301 - the bytes this test made
    pd.testing.assert_frame_equal(back.assumptions, expected, check_exact=True)


def _moved_path_by_loc(data: ModelData, moved: dict[str, tuple[float | None, float]]) -> Any:
    """`_moved_path` as it was: a filter and an assignment of the table per class (oracle)."""
    path = data.utilisation_path
    if path.empty:
        return path
    out = path.copy()
    out["utilisation"] = out["utilisation"].astype(float)
    for name, (factor, value) in moved.items():
        if not name.startswith("utilisation_"):
            continue
        hit = out["node_class"].astype(str) == name.removeprefix("utilisation_")
        new = out.loc[hit, "utilisation"] * factor if factor is not None else value
        out.loc[hit, "utilisation"] = np.minimum(new, 1.0)
    return out


def test_the_design_builds_each_side_once_and_is_that_of_the_plain_path(
    model_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flagship design over every default factor (N = 4, 2 runs a point): a factor set to
    one value builds one side, the sides asked for again are kept, the sourced shares of step
    1 are computed once and the compiles take the country codes from the shared shock codes;
    its indices and design are, bit for bit, those of the plain path: both sides built, no
    side kept, step 1 computed per compile, each compile reading the country codes itself
    and the utilisation path moved through pandas."""
    sobol_mod = importlib.import_module("chipshock.sim.sobol")
    factors_mod = importlib.import_module("chipshock.sim.sensitivity_factors")
    sourcing_mod = importlib.import_module("chipshock.sim.network.sourcing")
    shocks_mod = importlib.import_module("chipshock.sim.shocks.compile")
    prepare_mod = importlib.import_module("chipshock.sim.prepare")
    calls = {"at": 0, "side": 0, "step_one": 0}
    at, side = sobol_mod._Factor.at, sobol_mod._Factor._at

    def counted_at(self: Any, *args: Any) -> Any:
        calls["at"] += 1
        return at(self, *args)

    def counted_side(self: Any, *args: Any) -> Any:
        calls["side"] += 1
        return side(self, *args)

    real_sourced_row = sourcing_mod._sourced_row

    def counted_row(*args: Any) -> Any:
        calls["step_one"] += 1
        return real_sourced_row(*args)

    with sourcing_mod._sourced_lock:
        sourcing_mod._sourced_kept.clear()
    s = load_scenario("taiwan-blockade-2027-6m")
    kw = {"samples": 4, "runs": 2}
    with monkeypatch.context() as counting:
        counting.setattr(sobol_mod._Factor, "at", counted_at)
        counting.setattr(sobol_mod._Factor, "_at", counted_side)
        counting.setattr(sourcing_mod, "_sourced_row", counted_row)
        new = sobol(s, model_data, **kw)  # type: ignore[arg-type]
    assert calls["at"] - calls["side"] >= 50  # sides asked for again were kept
    rows_once = calls["step_one"]  # markets x classes x years with capacity: step 1 once
    assert rows_once > 0
    with sourcing_mod._sourced_lock:
        sourcing_mod._sourced_kept.clear()
    with monkeypatch.context() as plain:
        plain.setattr(sobol_mod._Factor, "at", side)
        plain.setattr(factors_mod, "_sides", lambda variant, lo, hi: (variant(lo), variant(hi)))
        plain.setattr(factors_mod, "_moved_path", _moved_path_by_loc)
        plain.setattr(sourcing_mod, "SOURCED_KEEP", 0)
        plain.setattr(sourcing_mod, "_sourced_row", counted_row)
        compile_shocks = shocks_mod.compile_shocks

        def reading_codes(*args: Any, country_codes: Any = None, **kw2: Any) -> Any:
            assert country_codes is not None  # the compile passes the shared codes
            return compile_shocks(*args, **kw2)

        plain.setattr(prepare_mod, "compile_shocks", reading_codes)
        old = sobol(s, model_data, **kw)  # type: ignore[arg-type]
    assert calls["step_one"] - rows_once > 10 * rows_once  # each compile computed step 1
    pd.testing.assert_frame_equal(new.table, old.table, check_exact=True)
    pd.testing.assert_frame_equal(new.design, old.design, check_exact=True)
    assert new.design["y"].nunique() > 4
