"""What a batch of compiles reads once (`SharedReads`). The tornado's sides share their reads
and compute only per-run KPIs, and give, bit for bit, the table of the plain computation path:
a full `run` of every side, each compile reading everything itself and each assumption looked
up by filtering the table. The codes a shock may name (`ShockCodes`) read only their tables."""

from __future__ import annotations

import dataclasses
import importlib
from typing import Any

import pandas as pd
import pytest

from chipshock.errors import InputError
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.scenarios.parser import load_scenario
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import SHOCK_CODE_TABLES, Prepared, SharedReads, ShockCodes, prepare
from chipshock.sim.run.api import run
from chipshock.sim.sensitivity import sensitivity

sensitivity_mod = importlib.import_module("chipshock.sim.sensitivity")
prepare_mod = importlib.import_module("chipshock.sim.prepare")
run_api = importlib.import_module("chipshock.sim.run.api")


def _plain_sides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every side as it was computed before the sides shared anything: `run` of its inputs,
    compiled without `SharedReads` and without the kept compiles, each assumption found by a
    filter of the table."""

    def plain(scenario: Any, data: ModelData, **kw: Any) -> tuple[Prepared, pd.DataFrame]:
        kw.pop("reads")
        prep = prepare(scenario.with_changes(runs=kw["runs"], seed=kw["seed"]), data)
        return prep, run(scenario, data, **kw).kpis_by_run

    def filtered(self: ModelData, name: str) -> float:
        row = self.model_assumptions.loc[self.model_assumptions["parameter"] == name, "value"]
        if row.empty:
            raise KeyError(name)
        return float(row.iloc[0])

    monkeypatch.setattr(sensitivity_mod, "per_run_kpis", plain)
    monkeypatch.setattr(ModelData, "assumption", filtered)
    monkeypatch.setattr(run_api, "_compiled", lambda s, d, reads=None: _fresh(s, d))


def _fresh(scenario: Any, data: ModelData) -> tuple[Any, Prepared]:
    net = prepare_mod.scenario_network(scenario, data)
    return net, prepare(scenario, data, net)


def _counted(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls = [0]
    read = getattr(prepare_mod, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return read(*args, **kwargs)

    monkeypatch.setattr(prepare_mod, name, counted)
    return calls


def test_the_flagship_tornado_is_that_of_plain_runs(
    real_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped flagship (six-month Taiwan blockade), every default factor, 12 runs, weeks
    to recover (censored runs counted): the sides read the inputs' weights once and make no
    assumptions table; the table (medians, percentiles, censored counts) and the censoring
    are, bit for bit, those of plain runs."""
    kpi = "weeks_to_recover"
    with run_api._compiled_lock:
        run_api._compiled_cache.clear()
    weights = _counted(monkeypatch, "input_weights")
    rows = _counted(monkeypatch, "assumption_rows")
    codes = [0]
    codes_of = ShockCodes.of

    def counted_codes(data: ModelData) -> ShockCodes:
        codes[0] += 1
        return codes_of(data)

    monkeypatch.setattr(ShockCodes, "of", staticmethod(counted_codes))
    blockade = load_scenario("taiwan-blockade-2027-6m")
    shared = sensitivity(blockade, real_data, runs=12, seed=3, kpi=kpi)
    assert len(shared.table) >= 10
    # no default factor moves a weight table (`WEIGHT_TABLES`) or a code table
    assert (weights[0], codes[0], rows[0]) == (1, 1, 0)
    with monkeypatch.context() as plain:
        _plain_sides(plain)
        alone = sensitivity(blockade, real_data, runs=12, seed=3, kpi=kpi)
    assert weights[0] > 2 * len(shared.table) and codes[0] > 2 * len(shared.table)
    assert rows[0] == 1 + 2 * len(shared.table)  # each `run` shows its assumptions
    pd.testing.assert_frame_equal(shared.table, alone.table, check_exact=True)
    assert (shared.censored_at, shared.censored, shared.evaluated) == (
        alone.censored_at,
        alone.censored,
        alone.evaluated,
    )
    assert shared.table["swing"].abs().max() > 0  # the factors move the answer
    assert shared.censored_at is not None


def test_a_side_builds_none_of_the_tables_of_a_run(
    tiny_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tornado side is its per-run KPIs only: the bands, value-added and utilisation tables
    that `run` builds for every result are not asked for."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a tornado side built a run's table")

    for table in ("utilisation_summary", "value_added_tables", "bands_frame"):
        monkeypatch.setattr(run_api, table, refuse)
    shock = Shock(
        "country", ("TWN",), 2026, 10, duration_weeks=Distribution("uniform", low=4, high=30)
    )
    s = Scenario("x", "x", start_year=2026, end_year=2027, runs=4, seed=1, shocks=(shock,))
    res = sensitivity(s, tiny_data, factors=["complementarity", "shock_duration"])
    assert res.table["swing"].abs().max() > 0


def test_the_shock_codes_read_only_their_tables(real_data: ModelData) -> None:
    """`ShockCodes.of` reads no table but `SHOCK_CODE_TABLES`: with every other table emptied
    it gives the same codes and the same reasons (so `SharedReads` may serve data that holds
    those same tables); data with a new code table is read afresh."""
    emptied = dataclasses.replace(
        real_data,
        **{
            f.name: pd.DataFrame()
            for f in dataclasses.fields(ModelData)
            if f.name not in SHOCK_CODE_TABLES and f.name != "label"
        },
    )
    full, few = ShockCodes.of(real_data), ShockCodes.of(emptied)
    assert (few.known, few.targets) == (full.known, full.targets)
    assert "TWN" in full.targets and "THA" not in full.targets
    for code in ("THA", "BEL"):
        assert few.explain(code) == full.explain(code)
    reads = SharedReads()
    first = reads.shock_codes(real_data)
    assumptions = dataclasses.replace(
        real_data, model_assumptions=real_data.model_assumptions.copy()
    )
    assert reads.shock_codes(assumptions) is first
    moved = dataclasses.replace(real_data, fabs=real_data.fabs.copy())
    assert reads.shock_codes(moved) is not first
    assert reads.shock_codes(moved).targets == first.targets


def test_a_compile_with_the_shared_codes_and_kept_sourcing_is_the_plain_compile(
    real_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiles over one `SharedReads` take the country codes from its `ShockCodes` and the
    sourced shares of step 1 from those kept (`sourcing._sourced_rows`): a shock on Europe
    (whose input shares are its member countries', found among the known codes) and the
    flagship give, bit for bit, the compile that reads the codes itself and computes step 1
    afresh; an unknown country is refused with the same valid codes."""
    sobol_batch = importlib.import_module("chipshock.sim.sobol_batch")
    sourcing_mod = importlib.import_module("chipshock.sim.network.sourcing")
    shocks_mod = importlib.import_module("chipshock.sim.shocks.compile")
    europe = Scenario(
        "eur",
        "eur",
        start_year=2026,
        end_year=2027,
        runs=2,
        shocks=(Shock("country", ("EUR",), 2026, severity=Distribution.fixed(0.5)),),
    )
    reads = SharedReads()
    scenarios = [europe, load_scenario("taiwan-blockade-2027-6m")]
    shared = [prepare(s, real_data, reads=reads) for s in scenarios]
    assert "NLD" in shared[0].countries  # Europe's members were found among the codes
    compile_shocks = shocks_mod.compile_shocks

    def reading_codes(*args: Any, country_codes: Any = None, **kw: Any) -> Any:
        assert country_codes is not None
        return compile_shocks(*args, **kw)

    with monkeypatch.context() as plain:
        plain.setattr(prepare_mod, "compile_shocks", reading_codes)
        plain.setattr(sourcing_mod, "SOURCED_KEEP", 0)
        with sourcing_mod._sourced_lock:
            sourcing_mod._sourced_kept.clear()
        alone = [prepare(s, real_data) for s in scenarios]
        unknown = europe.with_changes(
            shocks=(Shock("country", ("XXZ",), 2026, severity=Distribution.fixed(0.5)),)
        )
        with pytest.raises(InputError) as read_alone:
            prepare(unknown, real_data)
    for a, b in zip(shared, alone, strict=True):
        assert sobol_batch._changed(a, b) == []
        assert a.share.tobytes() == b.share.tobytes()
    with pytest.raises(type(read_alone.value)) as read_shared:
        prepare(unknown, real_data, reads=reads)
    assert str(read_shared.value) == str(read_alone.value)
    assert "XXZ" in str(read_shared.value)
