"""U.S. fabs added in data release 8 (dataUS), the coverage they give the U.S. >45nm cell, and
the U.S. 10-45nm changes (GF Malta's double count removed, Samsung Austin's 2021 capacity).

Release 8 itemises six U.S. analog, power and mixed-signal fabs with company or trade figures
(TI DMOS6, SkyWater Fab 25, Polar Bloomington, Diodes South Portland, X-FAB Lubbock, Bosch
Roseville) and listed Micron Manassas without capacity, since the U.S. DRAM totals of 2030-31 were
built without it; data release 15 (data16) raised those totals and gave Manassas its ~30k
(pinned in test_release15_data16.py, which replaces the two tests of that conflict here).
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import Network, build_network

from .coverage_helpers import cell as _cell

CURATED = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))
#: Tolerance of itemised capacity above a regional total (as in test_capacity_coverage.py).
TOLERANCE_KWSPM = 15.0
TOLERANCE_SHARE = 0.10
#: The release-8 U.S. fabs with capacity, and their >45nm capacity in 2025 (kwspm, 300mm-eq).
NEW_US_FABS_2025 = {
    "ti-dmos6-dallas": 15.0,  # ~15,000 300mm wafers/month (TI tour, 2006)
    "skywater-austin-fab25": 14.8,  # ~400,000 200mm wafer starts a year / 12 x 0.444
    "polar-bloomington": 8.9,  # ~20,000 200mm wafers/month x 0.444, before the expansion
    "diodes-south-portland": 7.5,  # ~17,000 200mm wafers/month x 0.444
    "xfab-lubbock": 7.5,  # 30,000 150mm wafers/month x 0.25
    "bosch-roseville": 3.7,  # 10,000 m2 x 0.84 wspm per m2 x 0.444
}


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2025 and 2027."""
    return build_network(ModelData.from_folder(CURATED, chain), (2025, 2027))


def _rows(name: str) -> list[dict[str, str]]:
    with (CURATED / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_new_us_fabs_produce_in_the_us_above_45nm(network: Network) -> None:
    """Each release-8 U.S. fab is a U.S. >45nm producer with its sourced 2025 capacity."""
    t = network.table()
    t = t[(t["year"] == 2025) & (t["node_class"] == "gt45")].set_index("fab_id")
    for fab_id, kwspm in NEW_US_FABS_2025.items():
        assert t.loc[fab_id, "region"] == "USA", fab_id
        assert t.loc[fab_id, "capacity_kwspm"] == pytest.approx(kwspm), fab_id


def test_polar_doubles_by_2027(network: Network) -> None:
    """Polar's expansion to nearly 40,000 200mm wafers/month (2026) doubles its capacity."""
    t = network.table()
    polar = t[(t["fab_id"] == "polar-bloomington") & (t["node_class"] == "gt45")]
    before = float(polar.loc[polar["year"] == 2025, "capacity_kwspm"].sum())
    after = float(polar.loc[polar["year"] == 2027, "capacity_kwspm"].sum())
    assert before > 0
    assert after == pytest.approx(2 * before)


def test_us_above_45nm_coverage_rises(network: Network) -> None:
    """The six fabs lift the U.S. >45nm cell from 32.3% (2025) and 30.9% (2027) of its total
    to over 42% and 40%; the total itself does not move (662.0 in 2027 before coverage counted
    what the engine holds, 647.0 since: 15.0 of the straight line runs ahead of the registry).
    Release 14 (backdate): 545.1 in 2025, since WaferTech Camas, Microchip Gresham and Bosch
    Roseville (61.2 of 2022) left the other fabs' 2022 floor and 40.9 of 2025 runs ahead."""
    for year, before_pct, after_pct, total_kwspm in (
        # 545.1 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026); 574.1
        # until release 24 (gt45b: the U.S.'s 2022 'other fabs', 325.0, hold its 2025 remainder)
        (2025, 32.3, 42.0, 585.35),
        # 647.0 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        (2027, 30.9, 40.5, 662.8),
    ):
        itemised, total = _cell(network, "USA", "gt45", year)
        assert total == pytest.approx(total_kwspm, abs=0.5), year
        assert 100 * itemised / total > after_pct > before_pct, year
        assert itemised <= total, year


def test_gf_malta_holds_gfs_own_campus_figure(network: Network) -> None:
    """GF's Malta campus runs ~400k 300mm wafers a year (~33k a month; GF triples it to ~1M a
    year by the mid-2030s): the 14nm row holds it, and release 7's extra 37.5k of 28nm is gone."""
    t = network.table()
    malta = t[(t["fab_id"] == "gf-malta-fab8") & (t["year"] == 2025)]
    by_class = dict(zip(malta["node_class"].astype(str), malta["capacity_kwspm"], strict=True))
    assert by_class.get("n28_45", 0.0) == 0.0
    assert sum(by_class.values()) == pytest.approx(35.0)
    assert 12 * sum(by_class.values()) < 1_000 / 2  # well under half of the tripled ~1M a year


def test_samsung_austin_counts_its_2021_capacity(network: Network) -> None:
    """Samsung Austin holds about 100k 300mm wafers a month from 2021 (was the 40k target of
    2011), 47.5k of 14/11nm and 52.5k of 28-65nm by TrendForce's wafer-input mix."""
    t = network.table()
    austin = t[(t["fab_id"] == "samsung-austin-s2") & (t["year"] == 2025)]
    by_class = dict(zip(austin["node_class"].astype(str), austin["capacity_kwspm"], strict=True))
    assert by_class == pytest.approx({"n10_22": 47.5, "n28_45": 52.5})


def test_us_10_22nm_and_28_45nm_coverage(network: Network) -> None:
    """Samsung Austin lifts the U.S. 10-22nm cell from 60.1% to 68.9% (2025); the 28-45nm cell
    ends at 67.6% (was 72.5%) after GF Malta's double count (37.5k) is removed and Samsung's
    52.5k added. Data release 13 (dataU) moved them (68.9, 61.9 and 67.6 before): Intel Fab 32
    and Fab 42's own rows (+9.8k of 10-22nm from 2021) and TI LFAB's 45nm half (+10.75k of
    28-45nm), pinned in test_release13_dataU.py."""
    expected = {("n10_22", 2025): 72.0, ("n10_22", 2027): 64.7, ("n28_45", 2025): 78.2}
    for (node_class, year), pct in expected.items():
        itemised, total = _cell(network, "USA", node_class, year)
        assert 100 * itemised / total == pytest.approx(pct, abs=0.1), (node_class, year)


def test_release_8_rows_are_sourced_and_estimates_say_how() -> None:
    """Every release-8 capacity row has a web source and an as-of date; estimates state their
    arithmetic and are low confidence."""
    release8 = [r for r in _rows("fab_capacity.csv") if "Data release 8" in r["note"]]
    rows = [r for r in release8 if r["fab_id"] in NEW_US_FABS_2025]
    assert {r["fab_id"] for r in rows} == set(NEW_US_FABS_2025)
    changed = [r for r in release8 if r["fab_id"] in ("samsung-austin-s2", "gf-malta-fab8")]
    assert len(changed) == 3  # Austin's two 2021 rows and Malta's corrected 28nm row
    rows += changed
    for r in rows:
        where = (r["fab_id"], r["year"])
        assert r["source_url"].startswith("http"), where
        assert r["as_of"], where
        if r["method"] != "press":
            assert r["method"].startswith("estimate: ") and len(r["method"]) > 40, where
        assert r["confidence"] == "low", where
