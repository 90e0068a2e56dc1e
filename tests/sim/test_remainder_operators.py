"""Remainders counted as one operator's (remainder_operators.csv, data release 18; review 10,
finding 2): a firm shock on the operator reaches the remainder, the remainder joins the
operator's same-operator substitution group, and the operator's packaging exemption covers it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from chipshock import sim
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim import capacity_table
from chipshock.sim.data import ModelData
from chipshock.sim.network import build_network
from chipshock.sim.network.substitution import operator_groups
from chipshock.sim.prepare import prepare

from .conftest import tiny_scenario
from .test_engine import _oracle

TSMC_SOURCE = "https://taipeitimes.com/News/biz/archives/2024/01/27/2003812669"


def _counted(data: ModelData, region: str = "JPN", operator: str = "tinyfab") -> ModelData:
    """The tiny model with its ``region`` lt10 remainder counted as ``operator``'s."""
    row = {
        "region": region,
        "node_class": "lt10",
        "operator_id": operator,
        "source_url": "https://example.org/tiny-remainder",
        "as_of": "2024",
        "confidence": "low",
        "note": "tiny model",
    }
    return replace(data, remainder_operators=pd.DataFrame([row]))


def _fire(weeks: float = 30.0) -> Shock:
    """tiny-fab1 (JPN, 10 kwspm of the world's 100 kwspm lt10 in 2028) out for ``weeks``."""
    return Shock("fab", ("tiny-fab1",), 2028, 1, duration_weeks=Distribution.fixed(weeks))


def _qual(same: float, lead: float) -> tuple[tuple[str, Distribution], ...]:
    return (
        ("qualification_weeks.same_operator", Distribution.fixed(same)),
        ("qualification_weeks.cross_foundry", Distribution.fixed(lead)),
        ("qualification_weeks.leading_edge", Distribution.fixed(lead)),
        ("customer_inventory_weeks", Distribution.fixed(0.0)),
    )


def test_tiny_firm_shock_reaches_the_counted_remainder_only(tiny_data: ModelData) -> None:
    """Tiny model, JPN's lt10 remainder counted as tinyfab's: a firm shock on TinyFab hits
    tiny-fab1 and other:JPN:lt10 (by id or by the operator name of its fab), not Taiwan's
    remainder nor JPN's gt45 one; without the row it hits tiny-fab1 alone. The remainder joins
    tinyfab's group (one group for the two), its exemption id is tinyfab, and the capacity table
    names the operator with the row's source."""
    data = _counted(tiny_data)
    for target in ("tinyfab", "TinyFab"):
        shock = Shock("firm", (target,), 2028, 1, duration_weeks=Distribution.fixed(10))
        scen = tiny_scenario((shock,), start_year=2028, end_year=2029)
        prep = prepare(scen, data)
        hit = {p for p, h in zip(prep.producers, prep.prod_hit[0], strict=True) if h}
        assert hit == {"tiny-fab1:lt10", "other:JPN:lt10"}
        plain = prepare(scen, tiny_data)
        assert {p for p, h in zip(plain.producers, plain.prod_hit[0], strict=True) if h} == {
            "tiny-fab1:lt10"
        }
    net = build_network(data, [2028])
    groups, _ = operator_groups(net)
    ids = [p.producer_id for p in net.producers]
    assert groups[ids.index("tiny-fab1:lt10")] == groups[ids.index("other:JPN:lt10")]
    assert groups[ids.index("other:TWN:lt10")] != groups[ids.index("tiny-fab1:lt10")]
    rem = net.producers[ids.index("other:JPN:lt10")]
    assert (rem.counted_as, rem.exempt_id, rem.operator_id) == ("tinyfab", "tinyfab", "other")
    assert net.producers[ids.index("other:TWN:lt10")].exempt_id == "other:TWN"
    t = capacity_table(data, years=[2028])
    cell = t[(t.region == "JPN") & (t.node_class == "lt10")].iloc[0]
    assert cell["other_fabs_counted_as"] == (
        "tinyfab (remainder_operators.csv: https://example.org/tiny-remainder)"
    )
    assert (t.loc[t.region == "TWN", "other_fabs_counted_as"] == "").all()


def test_tiny_customers_move_at_the_same_operator_delay(tiny_data: ModelData) -> None:
    """tiny-fab1 out for 30 weeks in 2028 with the same-operator delay 2 weeks and every other
    delay 26: without the row its customers wait 26 weeks for the remainders (other operators);
    with JPN's lt10 remainder counted as tinyfab's they reach its spare after 2 weeks, so less
    output is lost. With the same-operator delay also 26 the row changes nothing (it only moves
    the remainder to the faster tier). Hand check of the spare: JPN lt10 is 40 kwspm, the
    remainder 30 in 2028, its spare at 85 % utilisation 4.5 kwspm, about half of tiny-fab1's
    8.5 of normal orders, so the loss falls but not to zero."""
    years = {"start_year": 2028, "end_year": 2029}
    counted = _counted(tiny_data)
    scen = tiny_scenario((_fire(),), parameters=_qual(2, 26), **years)
    without = sim.run(scen, tiny_data).kpi("all", "output_lost_weeks")
    fast = sim.run(scen, counted).kpi("all", "output_lost_weeks")
    assert np.all(without > 0) and np.all(fast < without - 1e-6)
    assert np.all(fast > 0)  # the remainder's spare is smaller than the fab's orders
    slow = tiny_scenario((_fire(),), parameters=_qual(26, 26), **years)
    np.testing.assert_allclose(
        sim.run(slow, counted).kpi("all", "output_lost_weeks"),
        sim.run(slow, tiny_data).kpi("all", "output_lost_weeks"),
        rtol=1e-9,
        atol=1e-9,
    )


def test_tiny_reference_agrees_with_a_counted_remainder(tiny_data: ModelData) -> None:
    """The plain-loop reference builds its groups and firm hits from the same prepared arrays;
    it agrees with the engine when a firm shock reaches a counted remainder and its customers
    move within the operator's group."""
    shock = Shock("firm", ("tinyfab",), 2028, 1, duration_weeks=Distribution.fixed(20))
    scen = tiny_scenario((shock, _fire(40)), parameters=_qual(2, 26), start_year=2028)
    _oracle(scen.with_changes(end_year=2029, runs=3), _counted(tiny_data), 3)


def test_real_tsmc_firm_shock_cuts_taiwans_leading_edge_remainder(real_data: ModelData) -> None:
    """Shipped data: a firm shock on TSMC reaches other:TWN:lt10 (161.8 kwspm in 2027, counted
    as TSMC's) beside TSMC's fabs, not Taiwan's other remainders nor Korea's; one on Samsung
    reaches other:KOR:lt10. Both remainders sit in their operator's lt10 group, and Korea's is
    exempt from advanced packaging as samsung's."""
    scen = Scenario(
        "t",
        "t",
        start_year=2027,
        end_year=2027,
        runs=2,
        seed=1,
        shocks=(
            Shock("firm", ("TSMC",), 2027, 1, duration_weeks=Distribution.fixed(26)),
            Shock("firm", ("Samsung",), 2027, 1, duration_weeks=Distribution.fixed(26)),
        ),
    )
    prep = prepare(scen, real_data)
    ids = list(prep.producers)
    tsmc = {p for p, h in zip(ids, prep.prod_hit[0], strict=True) if h}
    samsung = {p for p, h in zip(ids, prep.prod_hit[1], strict=True) if h}
    assert "other:TWN:lt10" in tsmc and "tsmc-fab18-tainan:lt10" in tsmc
    assert not {p for p in tsmc if p.startswith("other:") and p != "other:TWN:lt10"}
    assert "other:KOR:lt10" in samsung and "other:KOR:lt10" not in tsmc
    assert not {p for p in samsung if p.startswith("other:") and p != "other:KOR:lt10"}
    jasm = Shock("firm", ("JASM",), 2027, 1, duration_weeks=Distribution.fixed(26))
    by_jv = prepare(scen.with_changes(shocks=(jasm,)), real_data)
    hit_jv = {p for p, h in zip(by_jv.producers, by_jv.prod_hit[0], strict=True) if h}
    assert hit_jv and not {p for p in hit_jv if p.startswith("other:")}  # JASM's own fabs only
    g = prep.prod_group
    assert g[ids.index("other:TWN:lt10")] == g[ids.index("tsmc-fab18-tainan:lt10")]
    assert g[ids.index("other:KOR:lt10")] == g[ids.index("samsung-hwaseong:lt10")]
    assert prep.prod_operator[ids.index("other:KOR:lt10")] == "samsung"
    net = build_network(real_data, [2027])
    cap = dict(zip((p.producer_id for p in net.producers), net.capacity[:, 0], strict=True))
    assert cap["other:TWN:lt10"] == pytest.approx(161.8, abs=0.05)
    assert cap["other:KOR:lt10"] == pytest.approx(60.2, abs=0.05)
    t = capacity_table(real_data, years=[2027])
    twn = t[(t.region == "TWN") & (t.node_class == "lt10")].iloc[0]
    assert twn["other_fabs_counted_as"] == f"tsmc (remainder_operators.csv: {TSMC_SOURCE})"
    assert (
        t[(t.region == "KOR") & (t.node_class == "lt10")]
        .iloc[0]["other_fabs_counted_as"]
        .startswith("samsung (remainder_operators.csv: http")
    )
    counted = t[t["other_fabs_counted_as"] != ""]
    assert sorted(zip(counted.region, counted.node_class, strict=True)) == [
        ("KOR", "lt10"),
        ("TWN", "lt10"),
    ]


def test_real_reference_agrees_on_a_tsmc_firm_shock(real_data: ModelData) -> None:
    """Engine (both paths) and the plain-loop reference on the shipped data with a TSMC firm
    shock, which now stops other:TWN:lt10 and moves TSMC's customers within its group."""
    scen = Scenario(
        "tsmc",
        "tsmc",
        start_year=2027,
        end_year=2027,
        runs=2,
        seed=3,
        shocks=(Shock("firm", ("TSMC",), 2027, 10, duration_weeks=Distribution.fixed(20)),),
    )
    _oracle(scen, real_data, 2)


def test_tiny_utilisation_rows_name_the_counted_operator(tiny_data: ModelData) -> None:
    """The utilisation summary, the report's cells (en, ja) and the terminal table say that the
    JPN lt10 remainder is counted as tinyfab's, the English ones with the row's source; the
    TWN remainder stays plain "other fabs"."""
    from chipshock.cli.scenario_utilisation_view import utilisation_table
    from chipshock.report.utilisation import utilisation_cells

    shock = Shock("firm", ("tinyfab",), 2028, 1, duration_weeks=Distribution.fixed(10))
    result = sim.run(
        tiny_scenario((shock,), start_year=2028, end_year=2029, runs=2), _counted(tiny_data)
    )
    u = result.utilisation.set_index("producer_id")
    jpn, twn = u.loc["other:JPN:lt10"], u.loc["other:TWN:lt10"]
    assert jpn["operator"] == (
        "other fabs, counted as tinyfab's (remainder_operators.csv: "
        "https://example.org/tiny-remainder)"
    )
    assert twn["operator"] == "other fabs"
    assert utilisation_cells(jpn, "en")["operator"] == jpn["operator"]
    assert utilisation_cells(jpn, "ja")["operator"].endswith(
        "（tinyfabの分として計上、remainder_operators.csv）"
    )  # an operator without a name by its id; with one by its name (review 16, finding 8)
    assert utilisation_cells(jpn, "ja", operators={"tinyfab": "タイニー社"})["operator"].endswith(
        "（タイニー社の分として計上、remainder_operators.csv）"
    )
    assert "計上" not in utilisation_cells(twn, "ja")["operator"]
    names = set(utilisation_table(result.utilisation)["producer"])
    assert "other fabs (JPN, lt10), counted as tinyfab's" in names
    assert "other fabs (TWN, lt10)" in names
