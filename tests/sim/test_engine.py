"""Invariants of the scenario engine: properties, oracle, executors, CRN and validation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chipshock import sim
from chipshock.errors import ScenarioError, UnknownCodeError
from chipshock.scenarios.model import Distribution, Intervention, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.engine import NBINS, SUPPLY_RANGE, run_chunk
from chipshock.sim.prepare import draw_parameters, prepare
from chipshock.sim.reference import reference_run
from chipshock.sim.run.executors import chunks, local_cluster, merge
from chipshock.sim.run.results import bands_frame

from .conftest import PROPS, scoped, tiny_scenario, tiny_shock, twn_shock


def _cum(r: sim.SimResult, market: str = "all") -> np.ndarray:
    return r.kpi(market, "cumulative_shortfall_weeks")


@PROPS
@given(seed=st.integers(0, 2**31), inv=st.floats(0.0, 10.0))
def test_no_shock_no_shortfalltiny_scenario(tiny_data: ModelData, seed: int, inv: float) -> None:
    """Without shocks demand never exceeds supply, whatever the inventories."""
    s = tiny_scenario(parameters=(("customer_inventory_weeks", Distribution.fixed(inv)),))
    r = sim.run(s, tiny_data, seed=seed)
    assert np.all(
        r.kpis_by_run[["cumulative_shortfall_weeks", "loss_usd_bn", "weeks_to_recover"]].to_numpy()
        == 0.0
    )


def test_no_shock_no_shortfall_real(real_data: ModelData) -> None:
    """The real data without shocks gives no shortfall in any market (utilisation < 1)."""
    r = sim.run(Scenario("calm", "calm", start_year=2026, end_year=2035, runs=3), real_data)
    assert r.kpis_by_run["cumulative_shortfall_weeks"].max() == 0.0
    sup = r.bands[r.bands.series == "supply_pct_of_demand"]
    assert sup["p5"].min() >= 100.0


@PROPS
@given(
    dur=st.floats(1.0, 60.0),
    extra=st.floats(0.0, 40.0),
    sev=st.floats(0.05, 1.0),
    more=st.floats(0.0, 1.0),
    kind=st.sampled_from(["country", "input", "firm", "fab"]),
)
def test_longer_or_deeper_shock_never_lowers_shortfall(
    tiny_data: ModelData, dur: float, extra: float, sev: float, more: float, kind: str
) -> None:
    """Same seed: a longer or deeper shock never lowers shortfall, output lost or loss. (The
    fab, tiny-fab1, has capacity from 2027: a shock on it starts then, since one that cannot
    reach 2027 is refused.)"""
    target = {"country": "TWN", "input": "M1", "firm": "ToolCo", "fab": "tiny-fab1"}[kind]
    year = 2027 if kind == "fab" else 2026
    sev2 = sev + (1.0 - sev) * more
    a = sim.run(tiny_scenario((tiny_shock(dur, sev, kind, target, year),)), tiny_data)
    b = sim.run(tiny_scenario((tiny_shock(dur + extra, sev2, kind, target, year),)), tiny_data)
    for m in ("automotive", "smartphones", "all"):
        assert np.all(_cum(b, m) >= _cum(a, m) - 1e-12)
        for k in ("output_lost_weeks", "peak_output_lost_pct", "loss_usd_bn"):
            assert np.all(b.kpi(m, k) >= a.kpi(m, k) - 1e-9)


@PROPS
@given(dur=st.floats(5.0, 60.0), weeks=st.floats(0.0, 12.0))
def test_more_inventory_or_capacity_never_raises_shortfall(
    tiny_data: ModelData, dur: float, weeks: float
) -> None:
    """A stockpile never raises shortfall or output lost; removing a fab never lowers them."""
    shock = (Shock("country", ("TWN",), 2027, 1, duration_weeks=Distribution.fixed(dur)),)
    base = sim.run(tiny_scenario(shock), tiny_data)
    stock = sim.run(
        tiny_scenario(shock, interventions=(Intervention("stockpile", weeks=weeks),)), tiny_data
    )
    less = sim.run(
        tiny_scenario(shock, interventions=(Intervention("fabs_off", fabs=("tiny-fab1",)),)),
        tiny_data,
    )
    assert np.all(_cum(stock) <= _cum(base) + 1e-12)
    assert np.all(_cum(less) >= _cum(base) - 1e-12)
    for k in ("output_lost_weeks", "loss_usd_bn"):
        assert np.all(stock.kpi("all", k) <= base.kpi("all", k) + 1e-9)
        assert np.all(less.kpi("all", k) >= base.kpi("all", k) - 1e-9)


def test_longer_shock_monotone_on_real_data(real_data: ModelData, short_real: Scenario) -> None:
    """On the real data a longer Taiwan blockade never lowers shortfall (same seed)."""
    longer = short_real.with_changes(
        shocks=(twn_shock(duration=Distribution("triangular", low=8, mode=40, high=90)),)
    )
    a, b = sim.run(short_real, real_data), sim.run(longer, real_data)
    assert np.all(_cum(b) >= _cum(a) - 1e-12) and _cum(a).max() > 0


def test_same_seed_same_result_and_chunking(tiny_data: ModelData) -> None:
    """The same seed gives identical results whatever the chunk size; another seed differs."""
    s = tiny_scenario((tiny_shock(30, 0.9),), runs=11)
    a = sim.run(s, tiny_data, chunk_size=1000)
    b = sim.run(s, tiny_data, chunk_size=3)
    c = sim.run(s, tiny_data, seed=99)
    assert a.kpis_by_run.equals(b.kpis_by_run) and a.bands.equals(b.bands)
    assert not a.kpis_by_run.equals(c.kpis_by_run)


_KPI_ARRAYS = (
    "utilisation",
    "cum_weeks",
    "peak",
    "out_weeks",
    "out_peak",
    "loss_usd",
    "recover_weeks",
    "chips_usd",
    "lead_peak",
    "chip_output_lost",
    "drawdown_peak",
    "backlog_end_weeks",
    "cover_min_weeks",
)


def _oracle(scenario: Scenario, data: ModelData, runs: int) -> None:
    """Engine and reference agree on every KPI and, within one histogram bin, on the bands."""
    prep = prepare(scenario, data)
    draws = draw_parameters(scenario, data, prep, scenario.seed, runs)
    fast, slow = run_chunk(prep, draws), reference_run(prep, draws)
    plain = run_chunk(prep, draws, compiled=False)  # the numpy path, without the numba kernel
    for name in _KPI_ARRAYS:
        for engine in (fast, plain):
            np.testing.assert_allclose(
                # atol 1e-5: a KPI near zero is a difference of sums of ~5e7, so float noise
                # of ~1e-6 there is not a disagreement (a hypothesis example of session 22 had
                # 1.06e-6 on a value of ~2e-6); any real one is orders of magnitude larger
                getattr(engine, name),
                np.array(getattr(slow, name)),
                rtol=1e-9,
                atol=1e-5,
            )
    bands = bands_frame(prep, fast.counts, fast.week_row)
    C, M = len(prep.classes), len(prep.markets)
    series = np.array(slow.series)  # [runs, T, C + 2M]
    top = np.array([SUPPLY_RANGE] * C + [1.0] * (2 * M))
    width = top / np.array([NBINS] * C + [NBINS] * (2 * M))
    names = [("supply_pct_of_demand", c) for c in prep.classes]
    names += [("delivered_pct_of_demand", m) for m in prep.markets]
    names += [("output_pct_of_normal", m) for m in prep.markets]
    for h, (name, key) in enumerate(names):
        got = bands[(bands.series == name) & (bands.key == key)]
        for q, col in ((0.05, "p5"), (0.5, "p50"), (0.95, "p95")):
            v = np.sort(np.minimum(series[:, :, h], top[h]), axis=0)
            k = np.maximum(np.ceil(q * runs).astype(int), 1) - 1
            expected = 100.0 * v[k]
            assert np.all(np.abs(got[col].to_numpy() - expected) <= 100.0 * width[h] + 1e-9)


def test_vectorised_equals_referencetiny_scenario(tiny_data: ModelData) -> None:
    """The vectorised engine equals the plain-loop reference on the tiny model (all shock kinds)."""
    s = tiny_scenario(
        (
            Shock(
                "export_control",
                ("NLD",),
                2026,
                5,
                to=("JPN",),
                duration_weeks=Distribution("uniform", low=10, high=60),
            ),
            Shock("firm", ("MatT",), 2026, 20, severity=Distribution("uniform", low=0.2, high=0.9)),
            Shock("fab", ("tiny-fab1",), 2027, 3),
            Shock(
                "input",
                ("M1",),
                2027,
                30,
                recovery_weeks=Distribution("triangular", low=1, mode=3, high=9),
            ),
        ),
        priorities=(("automotive", 3.0),),
    )
    _oracle(s, tiny_data, 5)
    _oracle(tiny_scenario((tiny_shock(40, 1.0),)), tiny_data, 5)


@PROPS
@given(
    kind=st.sampled_from(["country", "firm", "fab", "input", "export_control", "demand"]),
    dur=st.floats(1.0, 60.0),
    sev=st.floats(0.05, 1.0),
    rec=st.floats(0.0, 20.0),
    week=st.integers(1, 52),
    prio=st.one_of(st.just(1.0), st.floats(0.2, 5.0)),
    prio2=st.sampled_from([1.0, 0.5, 3.0]),
    qual=st.floats(0.0, 40.0),
    seed=st.integers(0, 2**31),
    bank=st.floats(0.0, 4.0),
    cancel=st.floats(0.0, 1.0),
    sens=st.floats(0.0, 0.9),
    restock=st.floats(1.0, 20.0),
    lean=st.booleans(),
    scope=st.sampled_from(["", "smartphones", "automotive"]),
    crit=st.floats(0.1, 1.0),
    operator=st.sampled_from(["", "tinyfab", "other:TWN", "tinyfab;other:JPN"]),
)
def test_reference_agrees_on_generated_scenarios(
    tiny_data: ModelData,
    kind: str,
    dur: float,
    sev: float,
    rec: float,
    week: int,
    prio: float,
    prio2: float,
    qual: float,
    seed: int,
    bank: float,
    cancel: float,
    sens: float,
    restock: float,
    lean: bool,
    scope: str,
    crit: float,
    operator: str,
) -> None:
    """On generated small scenarios (every shock kind, priorities (both markets', 1 among
    them: the reference always water-fills each market's two claimants, needed now and the
    rest, which at weight 1 must equal the engine's proportional share), qualification delays,
    producers' banks, backlog cancellation, double ordering, restocking, buyers starting lean
    and rebuilding to 2019 stocks, uncertain duration and severity, input requirements bound
    to one market and/or exempting one operator's fabs) the numpy path, the numba kernel and the
    reference agree, KPIs and bands."""
    data = scoped(tiny_data, scope, crit, tool=crit / 2) if scope else tiny_data
    if operator:  # the M1 and T1 rows exempt tinyfab's fab and/or a region's remainder
        nr = data.node_requirements
        on = nr["input_id"].isin(["M1", "T1"])
        ex = np.where(on, operator, "")
        data = replace(data, node_requirements=nr.assign(except_operator_ids=ex))
    target = {
        "country": "TWN",
        "firm": "MatT",
        "fab": "tiny-fab1",
        "input": "M1",
        "export_control": "NLD",
        "demand": "automotive",
    }[kind]
    shock = Shock(
        kind,  # type: ignore[arg-type]
        (target,),
        2026 if kind != "fab" else 2027,
        week,
        duration_weeks=Distribution("uniform", low=dur / 2, high=dur),
        severity=Distribution("uniform", low=sev / 2, high=sev),
        recovery_weeks=Distribution.fixed(rec),
        to=("JPN",) if kind == "export_control" else (),
    )
    s = tiny_scenario(
        (shock,),
        seed=seed,
        priorities=(("automotive", prio), ("smartphones", prio2)),
        parameters=(
            ("qualification_weeks.cross_foundry", Distribution.fixed(qual)),
            ("buffer_weeks.bank", Distribution("uniform", low=bank / 2, high=bank)),
            ("backlog_cancel_share_per_week", Distribution.fixed(cancel)),
            ("double_order_sensitivity", Distribution.fixed(sens)),
            ("restock_adjust_weeks", Distribution.fixed(restock)),
        ),
        inventory_regime="2021_lean" if lean else "",
        inventory_target_regime="2019" if lean else "",
    )
    _oracle(s, data, 5)


def test_vectorised_equals_reference_real(real_data: ModelData, short_real: Scenario) -> None:
    """The vectorised engine equals the reference on a short real Taiwan scenario."""
    _oracle(short_real, real_data, 3)
    nl = Scenario(
        "nl",
        "nl",
        start_year=2026,
        end_year=2027,
        seed=5,
        shocks=(
            Shock(
                "export_control",
                ("NLD",),
                2026,
                1,
                to=("CHN",),
                duration_weeks=Distribution.fixed(60),
            ),
            Shock("country", ("UKR",), 2026, 5),
        ),
    )
    _oracle(nl, real_data, 2)


def test_sparse_histogram_merges_like_dense(tiny_data: ModelData) -> None:
    """Chunks store only distinct weekly histograms; merging equals adding the dense counts."""
    s = tiny_scenario((tiny_shock(30, 0.9),), runs=11)
    prep = prepare(s, tiny_data)
    draws = draw_parameters(s, tiny_data, prep, s.seed, 11)
    parts = [run_chunk(prep, draws.slice(a, b)) for a, b in chunks(11, 4)]
    for p in parts:
        assert p.week_row.shape == (prep.n_weeks,) and p.counts.shape[0] <= prep.n_weeks
        assert (p.dense().sum(axis=2) == p.cum_weeks.shape[0]).all()
    merged = merge(parts)
    assert np.array_equal(merged.dense(), sum(p.dense() for p in parts))
    assert np.array_equal(merged.dense(), run_chunk(prep, draws).dense())


def test_dask_equals_local(tiny_data: ModelData) -> None:
    """The Dask executor (LocalCluster) gives exactly the local engine's result."""
    distributed = pytest.importorskip("distributed")
    s = tiny_scenario((tiny_shock(30, 0.9),), runs=9)
    local = sim.run(s, tiny_data, chunk_size=4)
    with (
        local_cluster(2) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.wait_for_workers(2)  # in-process workers register after the client starts
        remote = sim.run(s, tiny_data, chunk_size=4, engine="dask", scheduler=client)
    assert local.kpis_by_run.equals(remote.kpis_by_run) and local.bands.equals(remote.bands)


def test_in_process_workers_never_pause_for_memory() -> None:
    """In-process workers share the whole process's memory (a long test session, the API
    server): with distributed's default limit they paused at 85 % of it and a run waited for a
    worker that never came (CI of 2026-12-03). The in-process cluster has no memory limit."""
    pytest.importorskip("distributed")
    with local_cluster(2) as cluster:
        managers = [w.memory_manager for w in cluster.workers.values()]
        assert len(managers) == 2 and all(m.memory_limit is None for m in managers)


def test_dask_without_workers_is_a_clear_error(
    tiny_data: ModelData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cluster whose workers never register gives an error naming the way out, not
    distributed's "No valid workers found" from the scatter."""
    distributed = pytest.importorskip("distributed")
    from chipshock.errors import InputError
    from chipshock.sim.run import executors

    monkeypatch.setattr(executors, "WORKER_WAIT_S", 0.5)
    s = tiny_scenario((tiny_shock(30, 0.9),), runs=4)
    with (
        local_cluster(0) as cluster,
        distributed.Client(cluster) as client,
        pytest.raises(InputError, match=r"no worker after 0\.5 s"),
    ):
        sim.run(s, tiny_data, chunk_size=4, engine="dask", scheduler=client)


def test_compare_same_scenario_zero_delta(tiny_data: ModelData) -> None:
    """Common random numbers: comparing a scenario with itself gives exactly zero delta."""
    s = tiny_scenario((tiny_shock(30, 0.9),))
    c = sim.compare(s, s, tiny_data)
    assert (c.delta[["mean", "p5", "p50", "p95"]].to_numpy() == 0.0).all()
    assert c.headline["loss_avoided_usd_bn"]["p50"] == 0.0


def test_compare_shares_draws_of_shared_parameters(tiny_data: ModelData) -> None:
    """A stockpile counterfactual shares the shock draws: it avoids loss in every run."""
    s = tiny_scenario((tiny_shock(30, 0.9),))
    b = s.with_changes(interventions=(Intervention("stockpile", weeks=4.0),))
    c = sim.compare(s, b, tiny_data)
    assert (
        c.headline["loss_avoided_usd_bn"]["p5"] >= 0.0
        and c.headline["loss_avoided_usd_bn"]["mean"] > 0.0
    )


@pytest.mark.parametrize(
    ("dist", "where", "field"),
    [
        (Distribution("uniform", low=10, high=5), "duration_weeks", "shock[0].duration_weeks.high"),
        (Distribution.fixed(-3), "duration_weeks", "shock[0].duration_weeks.low"),
        (
            Distribution("triangular", low=0.5, mode=0.9, high=1.4),
            "severity",
            "shock[0].severity.high",
        ),
        (
            Distribution("triangular", low=1, mode=9, high=5),
            "recovery_weeks",
            "shock[0].recovery_weeks.mode",
        ),
    ],
)
def test_bad_distribution_names_field(
    tiny_data: ModelData, dist: Distribution, where: str, field: str
) -> None:
    """Invalid distribution parameters raise ScenarioError naming the field."""
    shock = Shock("country", ("TWN",), 2026, **{where: dist})  # type: ignore[arg-type]
    with pytest.raises(ScenarioError) as err:
        sim.run(tiny_scenario((shock,)), tiny_data)
    assert err.value.problem.field == field


def test_every_unknown_target_is_reported_at_once(tiny_data: ModelData) -> None:
    """An unknown fab in one shock and an unknown market in another come in one error, each
    problem naming its field and the scenario's file (not the first alone, then the next
    after a fix)."""
    from chipshock.errors import ScenarioValidationFailed

    shocks = (
        Shock("fab", ("no-such-fab",), 2026),
        Shock("demand", ("automobiles",), 2026, direction="surge"),
    )
    with pytest.raises(ScenarioValidationFailed) as err:
        sim.run(tiny_scenario(shocks, source="scenarios/my.toml"), tiny_data)
    problems = err.value.problems
    assert [p.field for p in problems] == ["shock[0].targets", "shock[1].targets"]
    assert [p.value for p in problems] == ["no-such-fab", "automobiles"]
    assert all(p.file == "scenarios/my.toml" for p in problems)
    assert "2 problems" in str(err.value) and "scenarios/my.toml" in str(err.value)


def test_unknown_codes_and_horizon(tiny_data: ModelData, real_data: ModelData) -> None:
    """Unknown targets raise UnknownCodeError with a suggestion; bad horizons ScenarioError."""
    with pytest.raises(UnknownCodeError) as err:
        sim.run(tiny_scenario((Shock("country", ("TWM",), 2026),)), real_data)
    assert err.value.problem.field == "shock[0].targets" and "TWN" in str(err.value)
    with pytest.raises(UnknownCodeError):
        sim.run(tiny_scenario((Shock("fab", ("no-such-fab",), 2026),)), tiny_data)
    with pytest.raises(ScenarioError) as err2:
        sim.run(Scenario("x", "x", start_year=2019, end_year=2025), tiny_data)
    assert err2.value.problem.field == "start_year"
    with pytest.raises(ScenarioError) as err3:
        sim.run(tiny_scenario((Shock("country", ("TWN",), 2031),)), tiny_data)
    assert err3.value.problem.field == "shock[0].start_year"


def test_sweep_and_result_tables(tiny_data: ModelData) -> None:
    """A duration sweep returns percentiles per value; results carry bands and assumptions."""
    s = tiny_scenario((tiny_shock(30, 0.9),))
    df = sim.sweep(s, tiny_data, "duration_weeks", [10, 40])
    assert list(df.columns) == [
        *("value", "market", "kpi", "p5", "p50", "p95"),
        *("censored_at", "not_recovered_pct"),
    ]
    cum = df[(df.market == "all") & (df.kpi == "cumulative_shortfall_weeks")].set_index("value")[
        "p50"
    ]
    assert cum[40] >= cum[10]
    r = sim.run(s, tiny_data)
    assert set(r.bands["series"]) == {
        "supply_pct_of_demand",
        "delivered_pct_of_demand",
        "output_pct_of_normal",
        "supply_kwspm",
        "demand_kwspm",
    }
    assert {"file", "id", "value", "source_url", "as_of", "confidence"} <= set(
        r.assumptions.columns
    )
    assert r.summary()["worst_market"] in ("automotive", "smartphones")


def test_save_result_appends(tmp_path: Path, tiny_data: ModelData) -> None:
    """Saved results are appended to the store under new ids and listed."""
    duckdb = pytest.importorskip("duckdb")
    from chipshock.sim.run.store import list_results, save_result

    db = tmp_path / "store.duckdb"
    duckdb.connect(str(db)).close()
    r = sim.run(tiny_scenario((tiny_shock(30, 0.9),)), tiny_data)
    a, b = save_result(db, r, "first"), save_result(db, r, "second")
    listed = list_results(db)
    assert a != b and list(listed["name"]) == ["first", "second"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM result_runs WHERE result_id = ?", [a]).fetchone()[0]
    finally:
        con.close()
    assert n == len(r.kpis_by_run)


def test_save_result_into_older_result_tables(tmp_path: Path, tiny_data: ModelData) -> None:
    """Saving into a store whose ``result_runs`` lacks newer columns adds them and succeeds."""
    duckdb = pytest.importorskip("duckdb")
    from chipshock.sim.run.store import save_result

    db = tmp_path / "store.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE result_runs (result_id VARCHAR, run BIGINT, market VARCHAR, "
        "cumulative_shortfall_weeks DOUBLE)"
    )
    con.execute("INSERT INTO result_runs VALUES ('old', 0, 'all', 1.5)")
    con.close()
    r = sim.run(tiny_scenario((tiny_shock(30, 0.9),)), tiny_data)
    rid = save_result(db, r, "new")
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = [c[0] for c in con.execute("DESCRIBE result_runs").fetchall()]
        rows = con.execute(
            "SELECT count(*), count(loss_usd_bn) FROM result_runs WHERE result_id = ?", [rid]
        ).fetchone()
        old = con.execute("SELECT loss_usd_bn FROM result_runs WHERE result_id = 'old'").fetchone()
    finally:
        con.close()
    assert set(r.kpis_by_run.columns) <= set(cols)
    assert rows == (len(r.kpis_by_run), len(r.kpis_by_run)) and old == (None,)


def test_error_fields_follow_toml_sections(tiny_data: ModelData) -> None:
    """Errors name ``intervention[i].…``, ``priorities.<market>`` and ``parameters.<name>``."""
    from chipshock.errors import ChipshockError

    base = tiny_scenario((tiny_shock(30, 0.9),))
    cases = {
        "intervention[0].markets": base.with_changes(
            interventions=(Intervention("stockpile", markets=("nope",), weeks=4.0),)
        ),
        "priorities.automotive": base.with_changes(priorities=(("automotive", 0.0),)),
        "parameters.bogus": base.with_changes(parameters=(("bogus", Distribution.fixed(1.0)),)),
    }
    for field_name, scen in cases.items():
        with pytest.raises(ChipshockError) as err:
            sim.run(scen, tiny_data)
        assert field_name in str(err.value)


def test_a_calm_run_on_the_real_data_settles_exactly(real_data: ModelData) -> None:
    """With no shock, every producer sells exactly its normal orders: net chip sales lost are
    exactly zero, not round-off summed week after week. (Before round-off of normal orders
    minus orders counted as none, `other:EUR:n28_45` and `tata-psmc-dholera:n28_45` drifted by
    +-4e-9 USD a week, so the compiled kernel never found such runs settled and computed every
    week of them.) The three paths agree, and banks and stocks repeat week to week inside a
    year once the banks of that year's new fabs are full. (The banks fill from the class's
    spare capacity, 8 % in lt10 and DRAM since data release 18's per-class utilisation: the
    last of them, China's DRAM and 2028's new lt10 fabs, were full by weeks 93 and 145. Since
    data release 20, DRAM runs at 0.97 in 2026 and 2027 (utilisation_path.csv), so its 3 %
    spare fills China's DRAM bank only by week 146, in 2028: only 2028's weeks repeat.)"""
    s = Scenario("calm", "calm", start_year=2026, end_year=2028, runs=2, seed=3, shocks=())
    prep = prepare(s, real_data)
    draws = draw_parameters(s, real_data, prep, s.seed, 2)
    ref = reference_run(prep, draws)
    assert np.array(ref.chip_output_lost).tolist() == np.zeros((2, len(prep.producers))).tolist()
    for compiled in (True, False):
        got = run_chunk(prep, draws, compiled=compiled)
        assert not got.chip_output_lost.any(), compiled
    inv = np.array(ref.inventory[0])  # [T, M, C]
    bank = np.array(ref.bank[0])  # [T, P]
    for t in (147, 150, 155):  # weeks of 2028 after the banks are full
        np.testing.assert_array_equal(inv[t], inv[t - 1])
        np.testing.assert_array_equal(bank[t], bank[t - 1])
