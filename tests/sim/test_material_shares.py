"""Curated country shares of fab materials (material_country_shares.csv) used as weights."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chipshock import sim
from chipshock.data.curated import load_curated
from chipshock.data.store import build_store, default_paths
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData, load_model_data
from chipshock.sim.engine import run_chunk
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.reference import reference_run
from chipshock.sim.shocks.inputs import country_weight_source, input_weights

MATERIALS = ("N31", "N88", "N90", "N91", "N92")


def _without_curated(data: ModelData) -> ModelData:
    """A copy of ``data`` whose material_country_shares table is empty."""
    return dataclasses.replace(
        data, material_country_shares=data.material_country_shares.iloc[0:0].copy()
    )


def _curb(shock: Shock | None = None) -> Scenario:
    """Japan stops photoresist (N31) exports to everyone for 26 weeks in 2027."""
    sh = shock or Shock(
        "export_control", ("JPN",), 2027, 1, inputs=("N31",), duration_weeks=Distribution.fixed(26)
    )
    return Scenario(
        "jp-resist", "jp-resist", start_year=2026, end_year=2028, runs=4, seed=3, shocks=(sh,)
    )


def _min_supply(result: sim.SimResult) -> dict[str, float]:
    b = result.bands[result.bands["series"] == "supply_pct_of_demand"]
    return {str(k): float(v) for k, v in b.groupby("key")["p50"].min().items()}


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    """The shipped material_country_shares table, read through the curated loader."""
    loaded = load_curated(default_paths().curated)
    assert not loaded.errors, loaded.errors
    return loaded.tables["material_country_shares"]


def test_file_parses_and_sums_to_100(table: pd.DataFrame) -> None:
    """Every input's shares sum to 100 ± 0.5, with ISO alpha-3 codes (or ROW) and sources."""
    assert set(table["input_id"]) == set(MATERIALS)
    sums = table.groupby("input_id")["share_pct"].sum()
    assert ((sums - 100).abs() <= 0.5).all(), sums
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in table["country"])
    assert table["source_url"].str.startswith("http").all()
    assert table["confidence"].isin(["high", "medium", "low"]).all()
    low = table[table["note"].str.startswith("assumption:")]
    assert (low["confidence"] == "low").all()


def test_curated_inputs_are_required_materials_without_eto_shares(
    table: pd.DataFrame, real_data: ModelData
) -> None:
    """Each curated input is a required material whose ETO rows carry no known country share."""
    req = real_data.node_requirements
    materials = set(req.loc[req["kind"] == "material", "input_id"].astype(str))
    eto = real_data.input_country_shares
    known = set(eto.loc[eto["share_pct"].notna(), "input_id"].astype(str))
    for inp in set(table["input_id"]):
        assert inp in materials and inp not in known, inp
        assert country_weight_source(real_data, inp) == "curated"


def test_n31_weights_give_japan_its_curated_share(real_data: ModelData) -> None:
    """Photoresist (N31) country weights give JPN its curated 85 % (was an even 25 %)."""
    cw, _ = input_weights(real_data, ["N31"])
    assert cw["N31"]["JPN"] == pytest.approx(0.85)
    assert sum(cw["N31"].values()) == pytest.approx(1.0)
    old = _without_curated(real_data)
    assert country_weight_source(old, "N31") == "even"
    assert input_weights(old, ["N31"])[0]["N31"]["JPN"] == pytest.approx(0.25)


def test_eto_shares_take_precedence(real_data: ModelData) -> None:
    """Where the ETO has a known country share (wafers N26, photomasks N33) it wins."""
    extra = pd.DataFrame([{"input_id": "N26", "country": "JPN", "share_pct": 100.0, "year": 2023}])
    data = dataclasses.replace(
        real_data,
        material_country_shares=pd.concat(
            [real_data.material_country_shares, extra], ignore_index=True
        ),
    )
    assert country_weight_source(data, "N26") == "eto"
    assert country_weight_source(data, "N33") == "eto"
    assert input_weights(data, ["N26"])[0]["N26"]["JPN"] == pytest.approx(0.56)
    assert country_weight_source(data, "neon") == "raw"


def test_japan_resist_curb_loses_more_than_even_spread(real_data: ModelData) -> None:
    """A JPN-only photoresist cut loses more output with the curated shares than the even spread."""
    s = _curb()
    after, before = sim.run(s, real_data), sim.run(s, _without_curated(real_data))
    lost_after = after.kpi("all", "output_lost_weeks")
    lost_before = before.kpi("all", "output_lost_weeks")
    # producers' wafer banks and the backlog (delivered late, not lost) absorb short cuts: a run
    # may lose nothing, but none loses less than with the even spread and most lose output
    assert (lost_after >= lost_before).all() and (lost_after > 0.05).sum() >= 3
    lo_a, lo_b = _min_supply(after), _min_supply(before)
    for c in real_data.node_requirements.loc[
        real_data.node_requirements["input_id"] == "N31", "node_class"
    ]:
        assert lo_a[c] < lo_b[c] - 50, c


def test_japan_country_shock_cuts_supply_deeper(real_data: ModelData) -> None:
    """A JPN country shock cuts every class's chip supply deeper than with the even spread."""
    quake = Shock(
        "country",
        ("JPN",),
        2027,
        1,
        duration_weeks=Distribution.fixed(26),
        severity=Distribution.fixed(0.6),
    )
    s = _curb(quake)
    lo_a = _min_supply(sim.run(s, real_data))
    lo_b = _min_supply(sim.run(s, _without_curated(real_data)))
    assert all(lo_a[c] < lo_b[c] - 10 for c in lo_b), (lo_a, lo_b)


def test_reference_equals_vectorised_with_curated_weights(real_data: ModelData) -> None:
    """The plain-loop reference uses the same curated weights as the vectorised engine."""
    s = _curb()
    prep = prepare(s, real_data)
    assert prep.country_w[prep.inputs.index("N31"), prep.countries.index("JPN")] == 0.85
    draws = draw_parameters(s, real_data, prep, s.seed, 3)
    fast, slow = run_chunk(prep, draws), reference_run(prep, draws)
    for name in ("cum_weeks", "out_weeks", "loss_usd"):
        np.testing.assert_allclose(
            getattr(fast, name), np.array(getattr(slow, name)), rtol=1e-9, atol=1e-9
        )


def test_tiny_model_has_empty_table(tiny_data: ModelData) -> None:
    """The tiny model carries an empty curated table and keeps its ETO-style weights."""
    assert tiny_data.material_country_shares.empty
    assert country_weight_source(tiny_data, "M1") == "eto"


def test_store_round_trip(tmp_path: Path, table: pd.DataFrame) -> None:
    """The DuckDB store holds the table and `load_model_data` reads it back."""
    db = tmp_path / "s.duckdb"
    build_store(db)
    data = load_model_data(db)
    got = data.material_country_shares.sort_values(["input_id", "country"])
    want = table.sort_values(["input_id", "country"])
    assert got["share_pct"].astype(float).tolist() == want["share_pct"].astype(float).tolist()
    assert "ROW" in data.country_codes
