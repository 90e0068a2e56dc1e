"""Capacity coverage of the shipped registry (data release 4), seen as the engine sees it.

The fabs that the flagship and history answers turn on must keep their capacity rows, and the
itemised fabs must stay reconciled with the regional totals: the engine's residual
("other fabs" = regional total - itemised) may dip below zero only by a small, explained amount.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import Network, build_network

YEARS = (2024, 2025, 2027, 2030)
#: Most negative residual allowed (kwspm). The known dips are at most ~18 kwspm: China lt10
#: (SIA/BCG count China at 0% of <10nm in 2022), China DRAM 2025 (CXMT's 2024-25 ramp against
#: SIA/BCG's 13% for 2032), Japan 10-22nm 2024 (JASM starts between the 2022 and 2032 anchors),
#: Europe and the rest of the world 10-22nm (ESMC, ST-GF Crolles, Intel Fab 28, UMC Singapore).
FLOOR_KWSPM = -25.0


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data for a few model years."""
    folder = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))
    return build_network(ModelData.from_folder(folder, chain), YEARS)


def _capacity(network: Network, producer_id: str, year: int) -> float:
    ids = [p.producer_id for p in network.producers]
    assert producer_id in ids, f"{producer_id} is not a producer"
    return float(network.capacity[ids.index(producer_id), network.years.index(year)])


def test_renesas_naka_is_a_producer_in_its_classes(network: Network) -> None:
    """The Naka N3 line (history case naka-fire-2021) has capacity in n28_45 and gt45."""
    for c in ("n28_45", "gt45"):
        assert _capacity(network, f"renesas-naka:{c}", 2024) > 0
    naka = [p for p in network.producers if p.fab_id == "renesas-naka"]
    assert {p.operator_id for p in naka} == {"renesas"}


def test_rapidus_ramps_from_pilot_to_volume(network: Network) -> None:
    """Rapidus IIM-1 holds leading-edge capacity that grows from 2025 to 2030."""
    ramp = [_capacity(network, "rapidus-iim1:lt10", y) for y in YEARS]
    assert ramp[0] == 0  # pilot line from April 2025: nothing at the end of 2024
    assert 0 < ramp[1] < ramp[2] < ramp[3]


def test_alliance_fabs_have_their_ramps(network: Network) -> None:
    """The U.S. and Japanese fabs of the alliance comparison hold capacity by 2030."""
    for pid in (
        "tsmc-arizona-p1:lt10",
        "tsmc-arizona-p2:lt10",
        "jasm-kumamoto-fab1:n10_22",
        "jasm-kumamoto-fab2:lt10",
        "samsung-taylor:lt10",
        "intel-fab52-arizona:lt10",
        "micron-boise-id1:dram",
    ):
        assert _capacity(network, pid, 2030) > 0, pid


def test_no_region_class_residual_is_strongly_negative(network: Network) -> None:
    """Itemised fabs exceed a regional total by at most FLOOR_KWSPM in any year tested."""
    r = network.residuals
    worst = r.sort_values("residual_kwspm").head(3).to_dict("records")
    assert r.empty or r["residual_kwspm"].min() >= FLOOR_KWSPM, worst


def test_rest_of_world_and_europe_hold_what_their_fabs_make(network: Network) -> None:
    """ROW has >=28nm logic and NAND (Singapore, Israel, Malaysia); Europe has no memory."""
    rest = network.table()
    other = rest[rest["producer_id"].str.startswith("other:")]
    yr = other[other["year"] == 2027].set_index("producer_id")["capacity_kwspm"]
    assert yr.get("other:ROW:gt45", 0) > 0
    eur_memory = [
        p for p in network.producers if p.region == "EUR" and p.node_class in ("dram", "nand")
    ]
    assert not eur_memory
    row_nand = [p for p in network.producers if p.region == "ROW" and p.node_class == "nand"]
    assert any(p.fab_id == "micron-singapore-nand" for p in row_nand)
