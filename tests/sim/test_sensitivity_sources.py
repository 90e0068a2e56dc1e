"""Where each tornado factor's value and range come from is returned as data
(`SensitivityResult.sources`: file, row ids, note kind and its parameter), and the table's
English ``source`` / ``range_source`` text is that data in words, as before."""

from __future__ import annotations

from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.sensitivity import sensitivity
from chipshock.sim.sensitivity_factors import FactorSources, RowRef, row_text


def _scenario(**kw: object) -> Scenario:
    shock = Shock(
        "country",
        ("TWN",),
        2026,
        1,
        duration_weeks=Distribution("triangular", low=4, mode=20, high=40),
        severity=Distribution("uniform", low=0.5, high=1.0),
    )
    return Scenario("tiny-twn", "TWN out", start_year=2026, end_year=2027, runs=4, seed=5,
                    shocks=(shock,), **kw)  # type: ignore[arg-type]  # fmt: skip


def test_every_factor_s_rows_are_data_and_the_text_says_them(tiny_data: ModelData) -> None:
    """One `FactorSources` per factor; its `row_text` is the table's source and range_source."""
    res = sensitivity(_scenario(), tiny_data, kpi="output_lost_weeks")
    by_factor = {s.factor: s for s in res.sources}
    assert set(by_factor) == set(res.table["factor"])
    for r in res.table.itertuples():
        found = by_factor[str(r.factor)]
        assert isinstance(found, FactorSources)
        assert row_text(found.source) == r.source
        assert row_text(found.range_source) == r.range_source


def test_the_notes_are_kinds_with_their_parameter(tiny_data: ModelData) -> None:
    """A per-market column notes its market count; a model assumption without its row notes
    the engine default; the shock cites the scenario; a set factor's range is its own row."""
    n = len(tiny_data.end_markets)
    res = sensitivity(_scenario(), tiny_data, kpi="output_lost_weeks")
    by_factor = {s.factor: s for s in res.sources}
    assert by_factor["value_multiplier"].source == (
        RowRef("file", ("value_multiplier",), "end_markets.csv", "markets", n),
    )
    assert by_factor["value_multiplier"].range_source == (
        RowRef("file", ("value_multiplier",), "sensitivity_factors.csv"),
    )
    assert by_factor["shock_duration"].source[0] == RowRef("scenario", ("tiny-twn",))
    assert "complementarity" not in set(tiny_data.model_assumptions["parameter"].astype(str))
    assert by_factor["complementarity"].source == (
        RowRef("file", ("complementarity",), "model_assumptions.csv", "absent"),
    )


def test_a_scenario_parameter_is_its_own_kind(tiny_data: ModelData) -> None:
    """A backlog parameter the scenario sets is cited as the scenario's [parameters] entry."""
    s = _scenario(parameters=(("double_order_cap", Distribution.fixed(0.7)),))
    res = sensitivity(s, tiny_data, kpi="output_lost_weeks", factors=["double_order_cap"])
    [found] = res.sources
    assert found.source == (RowRef("scenario_parameter", ("double_order_cap",)),)
    assert res.table["source"].iloc[0] == "scenario [parameters] double_order_cap"


def test_row_text_keeps_the_english_of_every_note() -> None:
    """The English the CLI, the API and the CSV have always shown, note by note."""
    assert row_text((RowRef("file", ("x",), "model_assumptions.csv", "absent"),)) == (
        "model_assumptions.csv: x (absent: engine default)"
    )
    assert row_text(
        (RowRef("scenario", ("s",)), RowRef("file", ("a", "b"), "shock_assumptions.csv"))
    ) == ("scenario s; shock_assumptions.csv: a, b")
    assert row_text((RowRef("file", ("gases_stock",), "inventory_buffers.csv"),)) == (
        "inventory_buffers.csv: gases_stock"
    )
