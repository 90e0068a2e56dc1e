"""A ``[[fab_override]]`` ``capacity_wspm`` on a fab with rows in several node classes is the
fab's capacity: its classes share it in the mix their rows give each year (review 8, finding 3:
each class was set to the full figure, so JASM Fab 1 at its own 55k became 110k)."""

from __future__ import annotations

import pytest
from tests.sim.authoring import SOURCE
from tests.sim.authoring import authoring_scenario as _scenario
from tests.sim.conftest import twn_shock
from tests.sim.test_engine import _oracle

from chipshock.errors import ScenarioError
from chipshock.scenarios.model import FabOverride, Scenario
from chipshock.sim.data import ModelData
from chipshock.sim.network import build_network
from chipshock.sim.prepare import scenario_network

JASM = "jasm-kumamoto-fab1"  # fab_capacity.csv: n10_22 32,500 and n28_45 22,500 from 2025
HWASEONG = "samsung-hwaseong"  # 2022: lt10 122.8k, n10_22 67.1k, n28_45 36k, gt45 84.1k;
# nand from 2024 (126.8k), dram from 2025 (253k; nand 122.5k), nand 117k from 2026


def _caps(data: ModelData, fab: str, years: list[int], *ovs: FabOverride) -> dict[str, tuple]:
    net = build_network(data, years, overrides=ovs)
    return {p.node_class: p.capacity_kwspm for p in net.producers if p.fab_id == fab}


def test_jasm_at_its_own_55k_keeps_55k_in_the_data_s_mix(real_data: ModelData) -> None:
    """The rows' own 55k gives the rows back (32.5 + 22.5); 110k doubles each class."""
    base = _caps(real_data, JASM, [2027])
    assert base == {"n10_22": (32.5,), "n28_45": (22.5,)}
    same = _caps(real_data, JASM, [2027], FabOverride(JASM, 55000.0))
    assert same["n10_22"][0] == pytest.approx(32.5)
    assert same["n28_45"][0] == pytest.approx(22.5)
    double = _caps(real_data, JASM, [2027], FabOverride(JASM, 110000.0))
    assert double["n10_22"][0] == pytest.approx(65.0)
    assert double["n28_45"][0] == pytest.approx(45.0)


def test_start_and_ramp_apply_to_the_fab_s_total(real_data: ModelData) -> None:
    """55k from 2027 over two years: 27.5k in 2027 and 55k from 2028, in the 32.5:22.5 mix."""
    caps = _caps(real_data, JASM, [2026, 2027, 2028], FabOverride(JASM, 55000.0, 2027, 2.0))
    assert caps["n10_22"] == pytest.approx((0.0, 16.25, 32.5))
    assert caps["n28_45"] == pytest.approx((0.0, 11.25, 22.5))


def test_node_class_sets_one_class_and_leaves_the_other(real_data: ModelData) -> None:
    caps = _caps(real_data, JASM, [2027], FabOverride(JASM, 30000.0, node_class="n28_45"))
    assert caps == {"n10_22": (32.5,), "n28_45": (30.0,)}


def test_the_mix_is_the_one_of_each_year(real_data: ModelData) -> None:
    """Samsung Hwaseong at 100k: in 2023 only its four foundry classes have rows (310k), so
    lt10 gets 100 x 122.8 / 310; from 2025 DRAM and NAND share it too. Every year sums to 100."""
    years = [2023, 2025]
    caps = _caps(real_data, HWASEONG, years, FabOverride(HWASEONG, 100000.0, 2020))
    assert len(caps) == 6
    for k in range(len(years)):
        assert sum(v[k] for v in caps.values()) == pytest.approx(100.0)
    assert caps["lt10"][0] == pytest.approx(100 * 122.8 / 310.0)
    assert caps["dram"][0] == 0.0 and caps["nand"][0] == 0.0
    assert caps["dram"][1] == pytest.approx(100 * 253.0 / (310.0 + 253.0 + 122.5))


def test_a_class_the_fab_lacks_names_its_classes(real_data: ModelData) -> None:
    s = _scenario(overrides=(FabOverride(JASM, 30000.0, node_class="lt10"),))
    with pytest.raises(ScenarioError) as err:
        scenario_network(s, real_data)
    assert str(err.value) == (
        f"{SOURCE}, fab_override[0].node_class: {JASM} has capacity rows in n10_22, n28_45 "
        "only (got 'lt10'; expected a class it has rows in (n10_22, n28_45), or no node_class "
        "for all of them)"
    )


def test_engine_and_reference_agree_with_a_split_override(real_data: ModelData) -> None:
    """The override reaches the reference oracle through the prepared capacities."""
    s = Scenario(
        "split",
        "split",
        start_year=2026,
        end_year=2027,
        seed=3,
        shocks=(twn_shock(2026),),
        fab_overrides=(FabOverride(JASM, 80000.0, 2026),),
    )
    _oracle(s, real_data, 2)
