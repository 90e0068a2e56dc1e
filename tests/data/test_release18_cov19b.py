"""Data release 18 (cov19b): Taiwan's >45nm cell gets UMC's Hsinchu 8-inch Fabs 8E, 8F and 8S.

The registry listed three of UMC's six Hsinchu 200mm fabs (`umc-8inch-hsinchu`: 8AB, 8C, 8D,
"over 130,000" 8-inch wafers a month, UMC's CFO in January 2021). The same report says the fabs
hit by that month's power outage, which UMC's statement names as Fabs 8A and 8CD, were about
half of UMC's 200mm capacity. Hand check of the new group row `umc-8inch-hsinchu-efs`:

    UMC 200mm total ~ 2 x 130,000 = 260,000 8-inch wafers a month
    less 8AB/8C/8D 130,000 and Hejian Suzhou 75,000 (umc-hejian-suzhou, 2019 on) = 55,000
    x 0.444 (8-inch to 300mm-equivalent) = 24,420 -> 24,400 wspm, from 2021 on

Taiwan's >45nm cell, itemised 722.65 -> 747.05 kwspm: 91.1 -> 94.2 % in 2025 (of 793.4) and
80.6 -> 83.3 % in 2027 (of 896.4). NXP's U.S. fabs and China's cell: no capacity figure found,
nothing added (SOURCES.md, release 18, cov19b).
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import CURATED, cell, coverage_pct, curated_rows, fab_kwspm, shipped_network

RELEASE_NOTE = "Data release 18 (cov19b)"
NEW_FAB = "umc-8inch-hsinchu-efs"
CFO_REPORT = "https://www.semimedia.cc/8993.html"


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2020-2030."""
    return shipped_network(chain, tuple(range(2020, 2031)))


def test_new_group_row_in_the_registry() -> None:
    fabs = {r["fab_id"]: r for r in curated_rows("fabs.csv")}
    fab = fabs[NEW_FAB]
    assert (fab["country"], fab["operator_id"], fab["status"]) == ("TWN", "umc", "operating")
    assert (fab["wafer_size_mm"], fab["capacity_wspm"]) == ("200", "55000")
    assert fab["source_url"] == CFO_REPORT and fab["confidence"] == "low"
    assert RELEASE_NOTE in fab["note"]
    # the two Hsinchu group rows name disjoint fabs, so they do not overlap
    assert "8E, 8F, 8S" in fab["name"]
    assert "8AB, 8C, 8D" in fabs["umc-8inch-hsinchu"]["name"]
    assert "Fabs 8E, 8F, 8S not included" in fabs["umc-8inch-hsinchu"]["note"]


def test_capacity_row_is_the_hand_checked_estimate() -> None:
    rows = [r for r in curated_rows("fab_capacity.csv") if r["fab_id"] == NEW_FAB]
    assert len(rows) == 1
    row = rows[0]
    assert (row["node_class"], row["year"], row["capacity_wspm"]) == ("gt45", "2021", "24400")
    assert row["method"].startswith("estimate: ") and row["confidence"] == "low"
    assert row["source_url"] == CFO_REPORT and RELEASE_NOTE in row["note"]
    remainder = 2 * 130_000 - 130_000 - 75_000
    assert remainder == 55_000
    assert int(row["capacity_wspm"]) == pytest.approx(remainder * 0.444, abs=50)
    # the Hejian level it subtracts is the registry's own 2019 row (75k 8-inch x 0.444)
    hejian = {
        r["year"]: int(r["capacity_wspm"])
        for r in curated_rows("fab_capacity.csv")
        if (r["fab_id"], r["node_class"]) == ("umc-hejian-suzhou", "gt45")
    }
    assert hejian["2019"] == pytest.approx(75_000 * 0.444, abs=50)


def test_new_row_reaches_the_engine(network: Network) -> None:
    got = [fab_kwspm(network, NEW_FAB, "gt45", y) for y in (2020, 2021, 2025, 2027, 2030)]
    assert got == pytest.approx([0.0, 24.4, 24.4, 24.4, 24.4])
    assert fab_kwspm(network, "umc-8inch-hsinchu", "gt45", 2027) == pytest.approx(57.8)


@pytest.mark.parametrize(
    ("year", "itemised", "total", "pct"),
    [
        # 91.1 % and 80.6 % before; release 19 (cov20tw) adds Mosel Vitelic (15.0), puts VIS
        # Taiwan at VIS' own capacity (- 8.7 in 2025, - 13.4 from 2026) and Macronix Fab 5 at
        # its partly built phase 2 in 2023-26 (- 11.3): 93.5 % and 83.5 %
        # 793.4 / 93.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 836.6 / 88.7 until release 22
        # (cov: TSMC's 8-inch group's 2022 row ends the 2022 floor)
        (2025, 722.65 + 24.4 + 15.0 - 11.3 - 8.7, 830.0, 89.4),
        # 896.4 / 83.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        (2027, 722.65 + 24.4 + 15.0 - 13.4, 917.8, 81.6),
    ],
)
def test_taiwan_mature_cell_moves_up(
    network: Network, year: int, itemised: float, total: float, pct: float
) -> None:
    got = cell(network, "TWN", "gt45", year)
    assert got == pytest.approx((itemised, total), abs=0.06)
    assert coverage_pct(network, "TWN", "gt45", year) == pytest.approx(pct, abs=0.05)


def test_data_release_18_entries() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 18 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    part = changelog.split("## Release 18 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "### Taiwan and China >45nm, NXP U.S. fabs (cov19b)" in part
    assert NEW_FAB in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 18: Taiwan and China >45nm, NXP U.S. fabs (cov19b)" in sources
