"""The engine's summary names a hardest-hit market only when some market loses output: a run
in which nothing is lost gives ``worst_market`` null (JSON), and the report's key figures then
speak of all markets, not of the first market of a tie at 0 (review 4 #8)."""

from __future__ import annotations

import json

from chipshock import sim
from chipshock.present.jsonable import to_jsonable
from chipshock.present.summary import summary_text
from chipshock.present.summary_figures import key_figures
from chipshock.report import render_report
from chipshock.scenarios.model import Scenario
from chipshock.sim.data import ModelData

from .conftest import tiny_scenario, tiny_shock


def test_no_loss_names_no_market(tiny_data: ModelData) -> None:
    """Without a shock the tiny model loses nothing: ``worst_market`` is None (null in JSON);
    with a shock it names a market that loses output."""
    calm = sim.run(tiny_scenario(), tiny_data)
    assert calm.kpis_by_run["output_lost_weeks"].max() == 0.0
    assert calm.summary()["worst_market"] is None
    assert json.loads(json.dumps(to_jsonable(calm.summary())))["worst_market"] is None
    figures = key_figures(calm)
    assert figures["no_market_loses"] is True
    hit = sim.run(tiny_scenario((tiny_shock(30, 0.9),)), tiny_data)
    named = hit.summary()["worst_market"]
    assert named in ("automotive", "smartphones")
    assert hit.kpi(named, "output_lost_weeks").mean() > 0
    assert "no_market_loses" not in key_figures(hit)


def test_baseline_on_shipped_data_names_no_market(real_data: ModelData) -> None:
    """The shipped data without a shock (the `baseline` built-in's case): no market named, and
    the report's cards give all markets' worst point instead of "AI and data centre" (the first
    market of the tie at 0), in English and Japanese; the summary says nothing is lost."""
    calm = sim.run(
        Scenario("calm", "calm", start_year=2026, end_year=2027, runs=2, seed=1), real_data
    )
    assert calm.summary()["worst_market"] is None
    en = render_report(calm, "en")
    assert "All markets: output at the worst point" in en
    assert "AI and data centre: output at the worst point" not in en
    ja = render_report(calm, "ja")
    assert "全市場：最も厳しい時期の生産" in ja
    assert "AI・データセンター：最も厳しい時期の生産" not in ja
    assert "no end market loses output" in summary_text(calm, "en")
