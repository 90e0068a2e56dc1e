"""What each shock of a run reached (`chipshock.sim.run.reach`): producers, shares of the
world's capacity of each class, inputs and markets, on the tiny data (hand-checkable) and on
the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.present.shock_reach import reach_line, reach_payload
from chipshock.scenarios.model import Scenario, Shock
from chipshock.sim import load_model_data, run
from chipshock.sim.data import ModelData

#: the tiny data's capacity in 2027, k-wafers/week: lt10 tiny-fab1 5, other JPN 35, other TWN
#: 60; gt45 other JPN 100, other TWN 100 (`chipshock.examples`)
TINY = Scenario(
    "reach",
    "reach",
    start_year=2026,
    end_year=2027,
    runs=2,
    shocks=(
        Shock("country", ("TWN",), 2027),
        Shock("fab", ("tiny-fab1",), 2027),
        Shock("demand", ("automotive",), 2027, direction="slump"),
    ),
)


def test_tiny_shares_are_the_reached_capacity_over_the_class() -> None:
    """TWN holds 60 of lt10's 100 and 100 of gt45's 200; tiny-fab1 5 of lt10's 100."""
    country, fab, demand = run(TINY, ModelData.tiny()).shock_reach
    assert country.other_fabs == ("other:TWN:gt45", "other:TWN:lt10") and country.fabs == ()
    assert dict(country.capacity_share_pct) == pytest.approx({"lt10": 60.0, "gt45": 50.0})
    assert country.producers == 2 and country.regions == ("TWN",)
    assert country.inputs == ("M1",)  # Taiwan's share of the tiny data's one input
    assert fab.fabs == ("tiny-fab1",) and fab.fab_producers == ("tiny-fab1:lt10",)
    assert dict(fab.capacity_share_pct) == pytest.approx({"lt10": 5.0})
    assert fab.inputs == () and fab.capacity_as_of == ("2024",)
    assert demand.producers == 0 and demand.markets == ("automotive",)
    assert demand.direction == "slump" and demand.classes == ("lt10", "gt45")


def test_a_line_per_shock_in_both_languages() -> None:
    """The terminal line names the share with its class; the JSON keeps the full lists."""
    reach = run(TINY, ModelData.tiny()).shock_reach
    assert "60.0% of Leading edge (<10 nm)" in reach_line(reach[0], "en")
    assert "「最先端（10nm未満）」 5.0%" in reach_line(reach[1], "ja")
    assert "生産者" not in reach_line(reach[2], "ja")  # a demand shock reaches no producer
    payload = reach_payload(reach)
    assert payload["shock_reach"][0]["capacity_share_pct"] == pytest.approx(
        {"lt10": 60.0, "gt45": 50.0}
    )
    assert [len(payload["shock_reach_text"][lang]) for lang in ("en", "ja")] == [3, 3]


def test_a_tiny_share_never_reads_zero(built_store: Path) -> None:
    """On the shipped data a firm shock on Micron reaches Micron's fabs only (no remainder is
    counted as Micron's); each share it names is above 0 and printed as at least <0.1%."""
    data = load_model_data(built_store)
    s = Scenario(
        "micron",
        "micron",
        start_year=2026,
        end_year=2027,
        runs=2,
        shocks=(Shock("firm", ("Micron",), 2027),),
    )
    (reach,) = run(s, data).shock_reach
    assert reach.operators == ("micron",) and reach.other_fabs == ()
    assert reach.fabs and all(f.startswith("micron") for f in reach.fabs)
    assert all(0 < pct < 100 for _, pct in reach.capacity_share_pct)
    assert " 0.0%" not in reach_line(reach, "en")


def test_operators_come_largest_first(built_store: Path) -> None:
    """A shock on Taiwan names TSMC first (the most capacity there), and its leading-edge
    share is the greater part of the world's."""
    data = load_model_data(built_store)
    s = Scenario(
        "twn",
        "twn",
        start_year=2026,
        end_year=2027,
        runs=2,
        shocks=(Shock("country", ("TWN",), 2027),),
    )
    (reach,) = run(s, data).shock_reach
    assert reach.operators[0] == "tsmc" and reach.regions == ("TWN",)
    assert dict(reach.capacity_share_pct)["lt10"] > 50
    assert reach.other_fabs and reach.inputs
