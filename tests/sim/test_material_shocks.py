"""Every raw material that ``chokepoints --materials`` lists can be shocked (release 14, brief
"materials"): rare earths, high-purity quartz, fluorspar and tungsten join gallium, germanium
and neon in raw_materials.csv (country shares) and node_requirements.csv (classes and
criticality), on the shipped data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chipshock.data.store import default_paths
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import draw_parameters, prepare, scenario_network
from chipshock.sim.reference import reference_run
from chipshock.sim.shocks.inputs import input_weights


def _scenario(material: str, *shocks: Shock) -> Scenario:
    """One run; the material's stock (the default material stock) fixed at 6 weeks."""
    return Scenario(
        "mat",
        "mat",
        start_year=2026,
        end_year=2028,
        runs=1,
        seed=2027,
        shocks=shocks,
        parameters=(
            (f"buffer_weeks.{material}", Distribution.fixed(6.0)),
            ("buffer_weeks.producer_wafer_bank", Distribution.fixed(2.0)),
        ),
    )


def test_every_listed_material_is_simulated_for_the_classes_materials_csv_names(
    real_data: ModelData,
) -> None:
    """Each material of materials.csv has country shares in raw_materials.csv and
    node_requirements.csv rows (kind material) for exactly its ``node_classes``."""
    cur = default_paths().curated
    mats = pd.read_csv(cur / "materials.csv")
    req = pd.read_csv(cur / "node_requirements.csv")
    raw = set(real_data.raw_materials["material_id"].astype(str))
    for mid, classes in zip(mats["material_id"], mats["node_classes"], strict=True):
        assert mid in raw, mid
        rows = req[req["input_id"] == mid]
        assert set(rows["kind"]) == {"material"}, mid
        assert set(rows["node_class"]) == set(classes.split(";")), mid


@pytest.mark.parametrize(
    ("material", "china", "crit"), [("tungsten", 0.83, 0.05), ("rare_earths", 0.92, 0.03)]
)
def test_china_export_control_on_a_material_hits_what_the_rows_say(
    real_data: ModelData, material: str, china: float, crit: float
) -> None:
    """A Chinese export control of tungsten (or rare earths) to the U.S. and its allies now
    runs: the input is the material, China's weight is its share in raw_materials.csv (83 %
    of tungsten mining, 92 % of rare-earth refining) and every one of the six classes carries
    the criticality of node_requirements.csv."""
    shock = Shock(
        "export_control",
        ("CHN",),
        2027,
        1,
        to=("USA", "JPN", "KOR", "TWN"),
        inputs=(material,),
        duration_weeks=Distribution.fixed(52),
        severity=Distribution.fixed(1.0),
    )
    s = _scenario(material, shock)
    prep = prepare(s, real_data, scenario_network(s, real_data))
    assert prep.inputs == (material,)
    assert prep.export_mask.any()
    cw, _ = input_weights(real_data, [material])
    assert cw[material]["CHN"] == pytest.approx(china)
    assert len(prep.term_crit) == 6
    assert [float(k) for k in prep.term_crit] == pytest.approx([crit] * 6)
    ref = reference_run(prep, draw_parameters(s, real_data, prep, s.seed, 1))
    assert ref.loss_usd[0][-1] == 0.0  # under 5 % of normal use for a year: the chip stocks


def test_whole_tungsten_loss_takes_its_criticality_off_every_class(real_data: ModelData) -> None:
    """Tungsten gone for 30 weeks: once the 6-week stock is spent, every class makes
    1 - 0.05 = 95 % of its normal use, 95 % of its demand, not 95 % of its capacity (hand
    check: criticality 0.05, no substitute; a material is used per wafer, release 21)."""
    shock = Shock(
        "input",
        ("Tungsten",),
        2027,
        1,
        duration_weeks=Distribution.fixed(30),
        severity=Distribution.fixed(1.0),
        recovery_weeks=Distribution.fixed(0),
    )
    s = _scenario("tungsten", shock)
    prep = prepare(s, real_data, scenario_network(s, real_data))
    ref = reference_run(prep, draw_parameters(s, real_data, prep, s.seed, 1))
    y, t0, C = prep.years.index(2027), int(prep.shock_start[0]), len(prep.classes)
    cap = np.bincount(prep.prod_class, prep.prod_cap[:, y], minlength=C)
    normal = cap / prep.demand[:, :, y].sum(axis=0)
    supply = np.array(ref.series[0])[:, :C]
    assert supply[t0 + 2] == pytest.approx(normal, rel=1e-9)
    assert supply[t0 + 15 : t0 + 29] == pytest.approx(np.full((14, C), 0.95), rel=1e-9)
