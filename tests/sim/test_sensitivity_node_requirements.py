"""The sensitivity target ``node_requirements.<node_class>/<input_id>[/<market_id>].criticality``:
one node_requirements.csv row's criticality moved by the tornado (the AI packaging row of data
release 14 is the default factor ``ai_packaging_criticality``)."""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.errors import InputError
from chipshock.report.sensitivity import row_reference
from chipshock.scenarios import load_scenario
from chipshock.sim.data import ModelData
from chipshock.sim.sensitivity import FACTOR_COLUMNS, default_factors, sensitivity

from .conftest import scoped
from .test_market_requirements import _m1_cut

TARGET = "node_requirements.lt10/M1/smartphones.criticality"


def _factor(target: str, method: str, low: float, high: float) -> pd.DataFrame:
    unit = "multiplier" if method == "scale" else "share"
    return pd.DataFrame(
        [("crit", "crit", "crit", target, method, low, high, unit)], columns=list(FACTOR_COLUMNS)
    )


def test_set_moves_the_loss_as_computed_by_hand(tiny_data: ModelData) -> None:
    """M1 gone for 8 weeks with no buffer (test_market_requirements): smartphones may take
    a = 1 - c of their lt10 orders, so with strict complementarity they lose 8 c weeks of
    output. The row (lt10 x M1 bound to smartphones, c = 0.5) set to 0.25 and 0.75: 2 and 6
    weeks, base 4; automotive, which the row does not bind, loses nothing on either side."""
    data = scoped(tiny_data, "smartphones", 0.5)
    f = _factor(TARGET, "set", 0.25, 0.75)
    t = sensitivity(_m1_cut(8), data, factors=f, kpi="output_lost_weeks", market="smartphones")
    row = t.table.iloc[0]
    assert (row["low_value"], row["base_value"], row["high_value"]) == (0.25, 0.5, 0.75)
    assert row["kpi_low"] == pytest.approx(2.0, rel=1e-12)
    assert row["kpi_base"] == pytest.approx(4.0, rel=1e-12)
    assert row["kpi_high"] == pytest.approx(6.0, rel=1e-12)
    assert row["swing"] == pytest.approx(4.0, rel=1e-12)
    assert row["source"] == "node_requirements.csv: lt10/M1/smartphones"
    assert row["how"] == "set to low / high"
    cars = sensitivity(_m1_cut(8), data, factors=f, kpi="output_lost_weeks", market="automotive")
    assert cars.table.iloc[0][["kpi_low", "kpi_base", "kpi_high"]].tolist() == [0.0, 0.0, 0.0]


def test_scale_multiplies_the_rows_criticality(tiny_data: ModelData) -> None:
    """``scale`` x 0.5 and x 2 of the row's 0.5: criticality 0.25 and 1.0, 2 and 8 weeks lost."""
    data = scoped(tiny_data, "smartphones", 0.5)
    f = _factor(TARGET, "scale", 0.5, 2.0)
    row = sensitivity(
        _m1_cut(8), data, factors=f, kpi="output_lost_weeks", market="smartphones"
    ).table.iloc[0]
    assert (row["low_value"], row["high_value"]) == (0.25, 1.0)
    assert (row["kpi_low"], row["kpi_high"]) == (pytest.approx(2.0), pytest.approx(8.0))


def test_the_unscoped_row_of_a_class(tiny_data: ModelData) -> None:
    """Without a market part the target names the class-wide row (blank market_id): the tiny
    model's gt45 x M1 row, 0.5."""
    f = _factor("node_requirements.gt45/M1.criticality", "set", 0.2, 0.9)
    row = sensitivity(_m1_cut(8), tiny_data, factors=f, kpi="output_lost_weeks").table.iloc[0]
    assert (row["base_value"], row["source"]) == (0.5, "node_requirements.csv: gt45/M1")


def test_a_target_naming_no_row_is_an_error(tiny_data: ModelData) -> None:
    """A row that is not in node_requirements.csv (M1 is bound to smartphones, not automotive)
    is an error naming the factor table, the column, the value and the rows of that input."""
    data = scoped(tiny_data, "smartphones", 0.5)
    bad = "node_requirements.lt10/M1/automotive.criticality"
    with pytest.raises(InputError) as e:
        sensitivity(_m1_cut(8), data, factors=_factor(bad, "set", 0.2, 0.9))
    text = str(e.value)
    for part in ("sensitivity_factors.csv", "column 'target'", "factors.crit.target", bad):
        assert part in text
    assert "for a row of lt10/M1/smartphones)" in text  # the rows of input M1
    with pytest.raises(
        InputError,
        match=r"for a row of lt10/T1, lt10/advanced_packaging/ai_datacenter, lt10/M1/smart",
    ):
        sensitivity(_m1_cut(8), data, factors=_factor("node_requirements.lt10/X9.criticality",
                                                      "set", 0.2, 0.9))  # fmt: skip


def test_a_criticality_outside_0_1_is_an_error(tiny_data: ModelData) -> None:
    """x 3 of 0.5 is 1.5: not a share of the output, an error (no silent clip)."""
    data = scoped(tiny_data, "smartphones", 0.5)
    with pytest.raises(InputError, match="criticality out of range"):
        sensitivity(_m1_cut(8), data, factors=_factor(TARGET, "scale", 0.5, 3.0))


def test_the_default_factor_is_the_ai_packaging_row(real_data: ModelData) -> None:
    """The shipped factor moves the shipped row (0.7, confidence low) between its two bounds."""
    f = default_factors().set_index("factor").loc["ai_packaging_criticality"]
    assert f["target"] == "node_requirements.lt10/advanced_packaging/ai_datacenter.criticality"
    assert (f["method"], f["low"], f["high"], f["confidence"]) == ("set", 0.2, 1.0, "low")
    nr = real_data.node_requirements
    row = nr[(nr["input_id"] == "advanced_packaging") & (nr["market_id"] == "ai_datacenter")]
    assert row["criticality"].tolist() == [0.7]


def test_taiwan_blockade_tornado_lists_it_with_a_swing(real_data: ModelData) -> None:
    """On the shipped flagship (few runs) the factor has a non-zero swing: a Taiwan country
    shock cuts advanced packaging (TWN 88 %), and the AI market carries that loss, more the
    more critical packaging is. (All markets together need not rise with it: the wafers AI
    cannot take are spare for the other markets' orders that move from Taiwan's fabs, cars
    among them, worth 33 times their chips.) In both languages its row is the
    node_requirements.csv row."""
    s = load_scenario("taiwan-blockade-2027-6m")
    res = sensitivity(
        s, real_data, runs=4, market="ai_datacenter", factors=["ai_packaging_criticality"]
    )
    row = res.table.set_index("factor").loc["ai_packaging_criticality"]
    assert row["base_value"] == 0.7 and (row["low_value"], row["high_value"]) == (0.2, 1.0)
    assert row["kpi_high"] > row["kpi_base"] > row["kpi_low"]
    assert row["swing"] > 1.0  # USD bn of AI and data centres' output at risk
    assert row["confidence"] == "low"
    ref = "node_requirements.csv: lt10/advanced_packaging/ai_datacenter"
    assert row["source"] == ref
    (src,) = [x for x in res.sources if x.factor == "ai_packaging_criticality"]
    assert row_reference(src.source, "ja") == ref == row_reference(src.source, "en")
