"""Per-producer utilisation (chips sold / capacity of the year) on the tiny model, by hand."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.run.executors import execute, local_cluster
from chipshock.sim.run.utilisation import SUMMARY_COLUMNS, producer_utilisation

from .conftest import tiny_scenario, tiny_shock

#: Taiwan cut completely for 20 weeks from 2026 week 10, with no recovery ramp.
TWN_CUT = Shock(
    "country",
    ("TWN",),
    2026,
    10,
    duration_weeks=Distribution.fixed(20),
    severity=Distribution.fixed(1.0),
    recovery_weeks=Distribution.fixed(0),
)


def test_utilisation_without_shocks_is_the_baseline_share(tiny_data: ModelData) -> None:
    """No shock: every producer sells its normal orders, 80 % of its capacity (the tiny
    model's ``utilisation`` row), in every run; there are no shock weeks (no values)."""
    s = tiny_scenario(runs=4)
    prep = prepare(s, tiny_data)
    table = producer_utilisation(prep, execute(prep, draw_parameters(s, tiny_data, prep, 1, 4)))
    horizon = table[table.window == "horizon"]
    assert list(horizon.producer) == list(prep.producers)
    for col in ("mean_pct", "p5_pct", "p50_pct", "p95_pct"):
        np.testing.assert_allclose(horizon[col], 80.0, rtol=1e-9)
    shock = table[table.window == "shock"]
    assert (shock.runs == 0).all() and shock.p50_pct.isna().all()


def test_utilisation_of_a_cut_producer_is_its_bank(tiny_data: ModelData) -> None:
    """Taiwan cut completely for 20 weeks (no recovery ramp), banks of 2 weeks: each Taiwanese
    producer sells only its bank, 2 weeks x 80 % of capacity, so its mean utilisation over
    the 20 shock weeks is 0.8 x 2 / 20 = 8 %; the fab not yet built (2026) has no value."""
    shock = TWN_CUT
    s = tiny_scenario((shock,), runs=4, parameters=(("buffer_weeks.bank", Distribution.fixed(2)),))
    prep = prepare(s, tiny_data)
    merged = execute(prep, draw_parameters(s, tiny_data, prep, 1, 4))
    table = producer_utilisation(prep, merged).set_index(["window", "producer"])
    for p in ("other:TWN:lt10", "other:TWN:gt45"):
        row = table.loc[("shock", p)]
        assert row.runs == 4
        np.testing.assert_allclose(
            row[["p5_pct", "p50_pct", "p95_pct"]].to_numpy(dtype=float), 8.0, rtol=1e-9
        )
    assert table.loc[("shock", "tiny-fab1:lt10")].runs == 0
    assert table.loc[("horizon", "tiny-fab1:lt10")].runs == 4  # built in 2027


def test_run_carries_the_utilisation_table(tiny_data: ModelData) -> None:
    """`sim.run` hands the table to its result: one row per producer and window, the same
    numbers `producer_utilisation` gives for the same runs and seed."""
    from chipshock.sim import run

    s = tiny_scenario(shocks=(tiny_shock(20, 1.0),), runs=4)
    result = run(s, tiny_data, runs=4, seed=1)
    prep = prepare(result.scenario, tiny_data)
    direct = producer_utilisation(
        prep, execute(prep, draw_parameters(result.scenario, tiny_data, prep, 1, 4))
    )
    assert len(result.producer_utilisation) == 2 * len(prep.producers)
    assert result.producer_utilisation.equals(direct)
    shock = result.producer_utilisation[result.producer_utilisation.window == "shock"]
    assert shock.runs.max() == 4  # every run has shock weeks


# --- the summary every surface shows ------------------------------------------------------------


def _two_producer_case(tiny_data: ModelData) -> tuple[ModelData, Scenario]:
    """The tiny model without input requirements (only the producers' own capacity counts):
    in each class two remainders, TWN and JPN, both at 80 % of capacity. Taiwan is cut
    completely for 20 weeks from 2026 week 10 (no recovery ramp, no wafer banks, customers
    move at once: every qualification delay 0)."""
    data = dataclasses.replace(tiny_data, node_requirements=tiny_data.node_requirements.iloc[:0])
    shock = TWN_CUT
    delays = tuple(
        (f"qualification_weeks.{tier}", Distribution.fixed(0))
        for tier in ("same_operator", "cross_foundry", "leading_edge")
    )
    s = tiny_scenario((shock,), runs=4, end_year=2026, parameters=delays)
    return data, s


def test_cut_producer_hands_its_orders_to_the_other_up_to_its_spare(tiny_data: ModelData) -> None:
    """By hand, gt45 (200 kwspm, TWN 50 % / JPN 50 %, demand 80 % of capacity): normally each
    producer sells 80 of its 100 kwspm (baseline 80 %). Taiwan cut: TWN sells nothing (0 %,
    -80 pp) and its 80 go to JPN, which can take only its spare 20: it sells 100 of 100, so
    its utilisation in every shock week, and in every run, is exactly 100 % (+20 pp). lt10
    (TWN 60, JPN 40) alike; the fab not yet built has no values and comes last."""
    from chipshock.sim import run

    data, s = _two_producer_case(tiny_data)
    table = run(s, data).utilisation
    assert list(table.columns) == list(SUMMARY_COLUMNS)
    by_id = table.set_index("producer_id")
    for cls, cap_twn, cap_jpn in (("gt45", 100.0, 100.0), ("lt10", 60.0, 40.0)):
        jpn, twn = by_id.loc[f"other:JPN:{cls}"], by_id.loc[f"other:TWN:{cls}"]
        assert (jpn.capacity_kwspm, twn.capacity_kwspm) == pytest.approx((cap_jpn, cap_twn))
        assert jpn.baseline_pct == pytest.approx(80.0) and twn.baseline_pct == pytest.approx(80.0)
        for stat in ("shock_mean_pct", "shock_p5_pct", "shock_p50_pct", "shock_p95_pct"):
            assert jpn[stat] == pytest.approx(100.0, abs=1e-9), (cls, stat)
            assert twn[stat] == pytest.approx(0.0, abs=1e-9), (cls, stat)
        assert jpn.change_pp == pytest.approx(20.0) and twn.change_pp == pytest.approx(-80.0)
        assert jpn.shock_runs == twn.shock_runs == 4
        assert (jpn.kind, jpn.operator, jpn["name"]) == (
            "other fabs",
            "other fabs",
            f"other fabs (JPN, {cls})",
        )
    order = list(table.producer_id)
    assert set(order[:2]) == {"other:JPN:lt10", "other:JPN:gt45"}  # flat out first
    assert set(order[2:4]) == {"other:TWN:lt10", "other:TWN:gt45"}  # cut off after
    assert order[-1] == "tiny-fab1:lt10"  # no capacity in 2026: no values, last
    fab = by_id.loc["tiny-fab1:lt10"]
    assert fab.capacity_kwspm == 0.0 and np.isnan(fab.baseline_pct) and fab.shock_runs == 0
    assert (fab.kind, fab.operator, fab.year) == ("fab", "TinyFab", 2026)
    assert (fab.capacity_source, fab.capacity_as_of) == ("https://example.org/tiny", "2024")


def test_summary_is_the_same_for_any_chunk_size_and_on_dask(tiny_data: ModelData) -> None:
    """The percentiles are taken over all runs at once: chunks of 3 or of 1,000 runs, and a
    Dask LocalCluster, give the very same table."""
    from chipshock.sim import run

    distributed = pytest.importorskip("distributed")
    s = tiny_scenario((tiny_shock(30, 0.9),), runs=9)
    whole = run(s, tiny_data, chunk_size=1000).utilisation
    pd.testing.assert_frame_equal(run(s, tiny_data, chunk_size=3).utilisation, whole)
    with (
        local_cluster(2) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.wait_for_workers(2)  # in-process workers register after the client starts
        remote = run(s, tiny_data, chunk_size=4, engine="dask", scheduler=client).utilisation
    pd.testing.assert_frame_equal(remote, whole)


def test_summary_on_the_real_data(real_data: ModelData, short_real: Scenario) -> None:
    """The short Taiwan blockade on the shipped data: one row per producer of the network,
    the most stretched first; normal orders never exceed capacity (sourcing caps them); every
    Taiwanese producer runs below its normal level in the shock weeks and below the median
    producer elsewhere; every row names where its capacity comes from."""
    from chipshock.sim import run

    result = run(short_real, real_data, runs=4)
    table = result.utilisation
    assert sorted(table.producer_id) == sorted(result.producers.producer_id.unique())
    for in_year in (True, False):  # each block (shock year, later year) most stretched first
        p50 = table[table.in_shock_year == in_year].shock_p50_pct.dropna().to_numpy()
        assert (np.diff(p50) <= 0).all()
    assert table.shock_p50_pct.isna().sum() == (table.shock_runs == 0).sum()
    assert (table.baseline_pct.dropna() <= 100.0 + 1e-9).all()
    twn = table[(table.region == "TWN") & (table.shock_runs > 0)]
    assert len(twn) > 5 and (twn.change_pp < 0).all()
    assert (twn.shock_p50_pct < table.shock_p50_pct.median()).all()
    others = table[table.kind == "other fabs"]
    assert (others.name.str.startswith("other fabs (")).all() and not others.empty
    assert table.capacity_source.str.startswith("http").all()
    assert table.capacity_as_of.notna().all()


def test_saved_result_keeps_the_summary_in_its_order(tmp_path: Path, tiny_data: ModelData) -> None:
    """`save_result` writes the summary as ``result_utilisation``, numbered by ``rank`` in its
    order (SQL keeps none): read back by rank it is the same table."""
    duckdb = pytest.importorskip("duckdb")
    from chipshock.sim import run
    from chipshock.sim.run.store import save_result

    db = tmp_path / "store.duckdb"
    duckdb.connect(str(db)).close()
    data, s = _two_producer_case(tiny_data)
    result = run(s, data)
    rid = save_result(db, result, "two producers")
    con = duckdb.connect(str(db), read_only=True)
    try:
        back = con.execute(
            "SELECT * FROM result_utilisation WHERE result_id = ? ORDER BY rank", [rid]
        ).df()
    finally:
        con.close()
    assert list(back["rank"]) == list(range(1, len(result.utilisation) + 1))
    back = back.drop(columns=["result_id", "rank"])
    assert list(back.columns) == list(SUMMARY_COLUMNS)
    assert list(back.producer_id) == list(result.utilisation.producer_id)
    np.testing.assert_array_equal(
        back.shock_p50_pct.to_numpy(dtype=float),
        result.utilisation.shock_p50_pct.to_numpy(dtype=float),
    )


def test_a_fab_built_during_the_shock_is_shown_in_its_first_year(tiny_data: ModelData) -> None:
    """Taiwan cut from 2026 week 40 for 30 weeks, into 2027, when tiny-fab1 starts: its
    shock-week utilisation counts only its 2027 weeks, so its row pairs it with its 2027
    capacity and normal share (not 2026's zero); every other row keeps the shock year 2026. It
    is flagged (``in_shock_year`` False) and the terminal lists it apart, in a table with its
    year and runs; the shock year's table carries no year marks."""
    from chipshock.cli.scenario_utilisation_view import utilisation_later_table, utilisation_table
    from chipshock.report.utilisation import utilisation_cells
    from chipshock.sim import run

    shock = dataclasses.replace(TWN_CUT, start_week=40, duration_weeks=Distribution.fixed(30))
    s = tiny_scenario((shock,), runs=4)
    result = run(s, tiny_data)
    prep = prepare(result.scenario, tiny_data)
    by_id = result.utilisation.set_index("producer_id")
    fab = by_id.loc["tiny-fab1:lt10"]
    i = list(prep.producers).index("tiny-fab1:lt10")
    assert fab.shock_runs == 4 and fab.year == 2027 and not fab.in_shock_year
    assert prep.prod_cap[i, 0] == 0.0 < prep.prod_cap[i, 1]
    producers = result.producers[result.producers.year == 2027].set_index("producer_id")
    assert fab.capacity_kwspm == pytest.approx(producers.loc["tiny-fab1:lt10", "capacity_kwspm"])
    assert fab.capacity_kwspm > 0.0
    assert fab.baseline_pct == pytest.approx(80.0)  # the tiny model's utilisation row, in 2027
    others = by_id.drop("tiny-fab1:lt10")
    assert (others.year == 2026).all() and others.in_shock_year.all()
    summary = result.utilisation.reset_index(drop=True)
    capacity = utilisation_table(summary).set_index("producer")["kwspm 2026"]
    assert fab["name"] not in capacity.index and not capacity.str.contains(r"\(").any()
    later = utilisation_later_table(summary)
    assert list(later.producer) == [fab["name"]]
    assert later["kwspm (year)"].iloc[0].endswith(" (2027)") and later.runs.iloc[0] == "4"
    assert utilisation_cells(fab, "en", 2026)["capacity"].endswith(" (2027)")


def test_flagship_ranks_only_the_shock_years_producers(real_data: ModelData) -> None:
    """The flagship blockade (2027) with few runs: fabs without capacity in 2027 (ESMC Dresden,
    Tata Dholera, JASM 2...) are measured in 2028 over only the runs whose shock reaches it;
    none of them ranks among the 2027 rows, which all come first, and every surface lists them
    apart: the terminal's second table (with its runs), the report's own table, the API's
    ``in_shock_year`` flag and ``utilisation_meta.measured_later``."""
    from chipshock.cli.scenario_utilisation_view import (
        UTILISATION_LATER_TITLE,
        UTILISATION_TITLE,
        utilisation_sections,
    )
    from chipshock.present.utilisation import utilisation_payload
    from chipshock.report.utilisation import later_rows, shown_rows, utilisation_section
    from chipshock.scenarios import apply_overrides, load_scenario
    from chipshock.sim import run

    s = apply_overrides(load_scenario("taiwan-blockade-2027-6m"), runs=40)
    result = run(s, real_data)
    prep = prepare(result.scenario, real_data)
    table = result.utilisation
    no_capacity_2027 = {
        pid
        for i, pid in enumerate(prep.producers)
        if prep.prod_cap[i, 1] <= 0  # years[1]=2027
    }
    assert int(prep.years[1]) == 2027
    ranked = table[table.in_shock_year & (table.shock_runs > 0)]
    later = table[~table.in_shock_year]
    assert not later.empty and (later.year > 2027).all() and (later.shock_runs < 40).all()
    assert not set(ranked.producer_id) & no_capacity_2027
    assert set(later.producer_id) <= no_capacity_2027
    assert (ranked.year == 2027).all() and (ranked.capacity_kwspm > 0).all()
    assert list(table.producer_id[: len(ranked)]) == list(ranked.producer_id)  # ranked first
    assert "esmc-dresden:n10_22" in set(later.producer_id)

    sections = utilisation_sections(table)
    shown = table[table.in_shock_year]
    # a remainder remainder_operators.csv counts as an operator's says so (release 18)
    counted = {"other:TWN:lt10": "tsmc", "other:KOR:lt10": "samsung"}
    names = {
        f"{n}, counted as {counted[p]}'s" if p in counted else n
        for p, n in zip(shown.producer_id, shown.name, strict=True)
    }
    assert set(sections[UTILISATION_TITLE].producer) == names
    apart = sections[UTILISATION_LATER_TITLE]
    assert list(apart.producer) == list(later.name) and list(apart.runs) == [
        str(n) for n in later.shock_runs
    ]
    assert not set(shown_rows(table).producer_id) & no_capacity_2027
    assert list(later_rows(table).producer_id) == list(later.producer_id)
    page = utilisation_section(result, "en")
    valued = int((table.in_shock_year & (table.shock_runs > 0)).sum())
    assert f"of the {valued} producers with capacity in the shock weeks" in page
    assert "ESMC Dresden" in page.split("utilisation-later")[1]
    assert "ESMC Dresden" not in page.split("utilisation-later")[0]
    payload = utilisation_payload(result)
    assert payload["utilisation_meta"]["shock_year"] == 2027
    assert payload["utilisation_meta"]["measured_later"] == len(later)
    flags = {r["producer_id"]: r["in_shock_year"] for r in payload["utilisation"]}
    assert all(not flags[p] for p in later.producer_id)
