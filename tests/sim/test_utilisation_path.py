"""Normal utilisation by year (util21): utilisation_path.csv's row for a node class and year
replaces the class's model_assumptions.csv ``utilisation_<class>`` in that year only (no
interpolation, no carrying forward); a class without rows is bit-identical to the single value
held for every year."""

from __future__ import annotations

import html
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from chipshock.errors import ScenarioError
from chipshock.scenarios.model import Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.demand.markets import class_utilisation, class_utilisation_path, market_arrays
from chipshock.sim.sensitivity_factors import apply_model_assumption

YEARS = [2025, 2026, 2027, 2028]
CALM = Scenario("calm", "calm", start_year=2025, end_year=2028)


def _path(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "node_class": [c for c, _, _ in rows],
            "year": pd.array([y for _, y, _ in rows], dtype="Int64"),
            "utilisation": [v for _, _, v in rows],
            "source_url": "https://example.org/path",
            "as_of": "2026",
            "confidence": "low",
            "note": "tiny",
        }
    )


def _demand(data: ModelData, years: list[int] = YEARS) -> np.ndarray:
    markets = [str(m) for m in data.end_markets["market_id"]]
    classes = sorted(set(data.wafer_value["node_class"].astype(str)))
    world = np.full((len(classes), len(years)), 100.0)
    return market_arrays(CALM, data, classes, markets, years, world).demand


def test_a_path_row_replaces_the_class_row_in_its_year_only(tiny_data: ModelData) -> None:
    """The tiny model's gt45 is 0.8 (model_assumptions): a row 0.9 for 2026 gives
    0.8, 0.9, 0.8, 0.8 over 2025-2028 (no interpolation, 2027 is not 0.9 carried forward), and
    the class's demand in 2026 is 0.9 / 0.8 = 1.125 times what it was, every other year and
    class unchanged bit for bit."""
    data = replace(tiny_data, utilisation_path=_path([("gt45", 2026, 0.9)]))
    u = class_utilisation_path(data, ["lt10", "gt45"], YEARS)
    assert u.tolist() == [[0.8, 0.8, 0.8, 0.8], [0.8, 0.9, 0.8, 0.8]]
    before, after = _demand(tiny_data), _demand(data)
    classes = sorted(set(tiny_data.wafer_value["node_class"].astype(str)))
    g = classes.index("gt45")
    np.testing.assert_allclose(after[:, g, 1], before[:, g, 1] * 0.9 / 0.8, rtol=1e-12)
    keep = np.ones(before.shape, dtype=bool)
    keep[:, g, 1] = False
    assert np.array_equal(after[keep], before[keep])


def test_a_class_without_rows_is_bit_identical(tiny_data: ModelData) -> None:
    """No rows: u[c, y] = u[c] in every year, and the demand array equals the pre-path formula
    u[c] x world x weekly factor x mix bit for bit (the empty table and a table whose rows
    are for another class or outside the run's years give the same array)."""
    u = class_utilisation(tiny_data, ["lt10", "gt45"])
    path = class_utilisation_path(tiny_data, ["lt10", "gt45"], YEARS)
    assert np.array_equal(path, np.repeat(u[:, None], len(YEARS), axis=1))
    base = _demand(tiny_data)
    other = replace(tiny_data, utilisation_path=_path([("dram", 2026, 0.97), ("lt10", 2040, 1)]))
    assert np.array_equal(_demand(other), base)


@pytest.mark.parametrize(
    ("rows", "field"),
    [
        ([("gt45", 2026, 0.9), ("gt45", 2026, 0.95)], "utilisation_path.gt45.2026"),
        ([("gt45", 2026, 0.0)], "utilisation_path.gt45.2026.utilisation"),
        ([("gt45", 2026, 1.2)], "utilisation_path.gt45.2026.utilisation"),
    ],
)
def test_bad_rows_are_errors_in_the_engine(
    tiny_data: ModelData, rows: list[tuple[str, int, float]], field: str
) -> None:
    """Data that bypassed the curated checks: a second row for a class and year, a value
    outside 0 < u <= 1: an error naming the field, no silent default."""
    data = replace(tiny_data, utilisation_path=_path(rows))
    with pytest.raises(ScenarioError) as caught:
        class_utilisation_path(data, ["gt45"], YEARS)
    assert caught.value.problem.field == field


def test_shipped_rows_reach_the_engine(real_data: ModelData) -> None:
    """DRAM 0.97 in 2026 and 2027, 0.92 (the long-run row) in 2025 and 2028; gt45 0.88 in
    2026, 0.78 otherwise; lt10 0.86 in every year (no row). DRAM's 2027 demand is 0.97 / 0.92
    of the long-run formula's."""
    classes = ["lt10", "gt45", "dram"]
    u = class_utilisation_path(real_data, classes, YEARS)
    assert u.tolist() == [
        [0.86, 0.86, 0.86, 0.86],
        [0.78, 0.88, 0.78, 0.78],
        [0.92, 0.97, 0.97, 0.92],
    ]
    flat = replace(real_data, utilisation_path=real_data.utilisation_path.iloc[0:0])
    d, d0 = _demand(real_data), _demand(flat)
    all_classes = sorted(set(real_data.wafer_value["node_class"].astype(str)))
    dram = all_classes.index("dram")
    np.testing.assert_allclose(d[:, dram, 2], d0[:, dram, 2] * 0.97 / 0.92, rtol=1e-12)
    lt10 = all_classes.index("lt10")
    assert np.array_equal(d[:, lt10], d0[:, lt10])


def test_a_utilisation_factor_moves_the_path_too(real_data: ModelData) -> None:
    """The sensitivity factor ``utilisation_*`` x 1.06 moves DRAM's 2026 row 0.97 -> 1.0
    (capped) and gt45's 0.88 -> 0.9328; ``utilisation_dram`` set to 0.9 sets DRAM's path rows
    to 0.9 (the class's u in every year), gt45's untouched."""
    calm = Scenario("calm", "calm", start_year=2026, end_year=2026)
    scaled = apply_model_assumption(calm, real_data, "utilisation_*", "scale", 0.92, 1.06)
    u = class_utilisation_path(scaled.high.data, ["gt45", "dram"], [2026, 2027])
    np.testing.assert_allclose(u, [[0.88 * 1.06, 0.78 * 1.06], [1.0, 1.0]], rtol=1e-12)
    single = apply_model_assumption(calm, real_data, "utilisation_dram", "set", 0.9, 0.95)
    u = class_utilisation_path(single.low.data, ["gt45", "dram"], [2026, 2027])
    np.testing.assert_allclose(u, [[0.88, 0.78], [0.9, 0.9]], rtol=1e-12)


def test_reference_agrees_and_sees_the_year(tiny_data: ModelData) -> None:
    """With gt45 at 0.6 in 2027 only (0.8 in 2026 and 2028), the vectorised engine and the
    plain-loop reference agree on a 2027 Taiwan cut (the reference reads `Prepared.demand`,
    which carries u[c, y]), and the reference's weekly capacity / demand of gt45 before the
    shock is 0.8 / 0.6 = 4/3 times higher in 2027 than in 2026."""
    from chipshock.scenarios.model import Distribution, Shock
    from chipshock.sim.engine import run_chunk
    from chipshock.sim.prepare import draw_parameters, prepare
    from chipshock.sim.reference import reference_run

    from .test_engine import _oracle

    data = replace(tiny_data, utilisation_path=_path([("gt45", 2027, 0.6)]))
    shock = Shock(
        "country",
        ("TWN",),
        2027,
        20,
        duration_weeks=Distribution.fixed(20),
        severity=Distribution.fixed(0.5),
        recovery_weeks=Distribution.fixed(1),
    )
    s = Scenario("u", "u", start_year=2026, end_year=2028, runs=3, seed=7, shocks=(shock,))
    prep = prepare(s, data)
    draws = draw_parameters(s, data, prep, s.seed, 3)
    fast, slow = run_chunk(prep, draws), reference_run(prep, draws)
    np.testing.assert_allclose(fast.loss_usd, np.array(slow.loss_usd), rtol=1e-9, atol=1e-6)
    _oracle(s, data, 3)
    g = list(prep.classes).index("gt45")
    series = np.array(slow.series[0])[:, g]  # supply / demand of gt45, week by week
    week_2026, week_2027 = 10, 52 + 5  # both before the shock (week 20 of 2027)
    np.testing.assert_allclose(series[week_2027] / series[week_2026], 0.8 / 0.6, rtol=1e-9)


def test_surfaces_name_the_year_s_utilisation_and_its_file(tiny_data: ModelData) -> None:
    """The CLI's utilisation caption, the report's note and the API's
    ``utilisation_meta.class_utilisation`` give the same numbers: gt45 60 % in the 2027 shock
    year from utilisation_path.csv, lt10 80 % from model_assumptions.csv."""
    from chipshock.cli.scenario_utilisation import utilisation_notes as _utilisation_captions
    from chipshock.present.utilisation import utilisation_payload
    from chipshock.report.utilisation import utilisation_section
    from chipshock.scenarios.model import Distribution, Shock
    from chipshock.sim.run.api import run

    data = replace(tiny_data, utilisation_path=_path([("gt45", 2027, 0.6)]))
    shock = Shock(
        "country",
        ("TWN",),
        2027,
        20,
        duration_weeks=Distribution.fixed(20),
        severity=Distribution.fixed(0.5),
        recovery_weeks=Distribution.fixed(1),
    )
    s = Scenario("u", "u", start_year=2026, end_year=2028, runs=2, seed=7, shocks=(shock,))
    result = run(s, data)
    meta = utilisation_payload(result)["utilisation_meta"]
    keys = ("node_class", "utilisation_pct", "file")
    assert [{k: r[k] for k in keys} for r in meta["class_utilisation"]] == [
        {"node_class": "lt10", "utilisation_pct": 80.0, "file": "model_assumptions.csv"},
        {"node_class": "gt45", "utilisation_pct": 60.0, "file": "utilisation_path.csv"},
    ]
    # each row also names its data row and its as-of (the dashboard shows them)
    assert all(r["id"] and r["as_of"] and r["confidence"] for r in meta["class_utilisation"])
    line = (  # classes by their names, not their ids, in English too (review 16, #8)
        "Normal utilisation by class in 2027: Leading edge (<10 nm) 80%, Mature (>45 nm) 60% "
        "(utilisation_path.csv, that year)."
    )
    captions = _utilisation_captions(result.utilisation, data, result.assumptions)
    assert line in next(iter(captions.values()))
    assert line in html.unescape(utilisation_section(result, "en"))  # "(&lt;10 nm)" in HTML
    ja = utilisation_section(result, "ja")  # classes by their Japanese names (review 16, #8)
    assert "最先端（10nm未満） 80%、成熟（45nm超） 60%（utilisation_path.csv、その年）" in ja
