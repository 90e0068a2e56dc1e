"""Data release 19 (data20): three assumption rows the reviews left thin, checked against sources.

- utilisation_lt10 0.92 -> 0.86: TSMC's blend (0.92) was read as the whole class; Samsung, a
  quarter of the class's 2025 capacity (239.6 of 940.1 kwspm), ran at ~0.70:
  0.745 x 0.92 + 0.255 x 0.70 = 0.864. The other five rows keep their values with the companies'
  2025 figures in their notes (n10_22 gets sources of its own).
- ai_datacenter growth 15 -> 40 %/yr: 2025 = NVIDIA DC 193.7 + AMD DC 16.6 + Broadcom AI 20.0 +
  Intel DCAI ~14.0 + memory held at 47 = 291 bn, and 291 / 207 = 1.41. The six markets' 637 bn
  less 18.1 bn of HBM counted twice = 619 bn, 98.6 % of WSTS's 627.6 bn.
- Taiwan's lt10 total for 2027 (709.3) = 1,280 (SEMI, interpolated) x 58.0 % (SIA/BCG,
  interpolated) - 33.1 ahead of the registry: checked, not changed.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import CURATED, cell, curated_rows, shipped_network


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The shipped producers in 2025 and 2027."""
    return shipped_network(chain, (2025, 2027))


def _assumptions() -> dict[str, dict[str, str]]:
    return {r["parameter"]: r for r in curated_rows("model_assumptions.csv")}


def test_lt10_utilisation_is_the_capacity_weighted_blend(network: Network) -> None:
    """0.86 = TSMC's 0.92 and Samsung's ~0.70 weighted by the model's own 2025 lt10 capacity."""
    row = _assumptions()["utilisation_lt10"]
    assert (row["value"], row["confidence"], row["as_of"]) == ("0.86", "low", "2026-01")
    assert row["source_url"].startswith("https://apps.digitimes.com/")
    kor = cell(network, "KOR", "lt10", 2025)[1]
    world = sum(cell(network, r, "lt10", 2025)[1] for r in ("TWN", "KOR", "USA", "ROW"))
    world += sum(cell(network, r, "lt10", 2025)[1] for r in ("EUR", "CHN", "JPN"))
    assert kor == pytest.approx(239.6, abs=0.05) and world == pytest.approx(940.1, abs=0.05)
    share = round(kor / world, 3)
    assert share == 0.255
    assert round((1 - share) * 0.92 + share * 0.70, 3) == 0.864
    assert "0.745 x 0.92 + 0.255 x 0.70 = 0.864, rounded 0.86" in row["note"]
    assert "0.71 x 0.97 + 0.29 x 0.80 = 0.92" in row["note"]  # TSMC's blend, kept
    assert "every year of the horizon" in row["note"]


def test_the_other_utilisation_rows_keep_their_values_with_2025_figures() -> None:
    """Values kept; each note now names 2025 company figures (n10_22: its first own sources)."""
    rows = _assumptions()
    values = {c: rows[f"utilisation_{c}"]["value"] for c in ("n10_22", "n28_45", "gt45")}
    assert values == {"n10_22": "0.80", "n28_45": "0.80", "gt45": "0.78"}
    assert (rows["utilisation_dram"]["value"], rows["utilisation_nand"]["value"]) == (
        "0.92",
        "0.85",
    )
    n10 = rows["utilisation_n10_22"]["note"]
    assert "Release 19 (data20): own sources for the class" in n10
    for page in ("wapakdailynews.com", "todaysstocks.com", "investing.com", "c114pro.com/chipnews"):
        assert page in n10, page
    assert "108.3 %" in rows["utilisation_gt45"]["note"]  # Hua Hong, 2Q25
    assert "'full' (0.97) for 2026-2027" in rows["utilisation_dram"]["note"]
    for c in ("n10_22", "n28_45", "gt45", "dram", "nand"):
        assert "Release 19 (data20)" in rows[f"utilisation_{c}"]["note"], c


def test_ai_market_grows_at_the_2024_to_2025_step_of_the_makers_revenue() -> None:
    """2024 kept at 207; 2025 rebuilt from reported revenue = 291; data20's 40 %/yr step (the
    years it ran to are market_demand_path.csv's rows since demand20: test_release19_demand20)."""
    ai = {r["market_id"]: r for r in curated_rows("end_markets.csv")}["ai_datacenter"]
    assert (ai["chip_demand_usd_bn"], ai["demand_year"], ai["growth_pct_per_year"]) == (
        "207",
        "2024",
        "15",  # demand20: the rate after the path's last year, 2030
    )
    nvidia, amd, broadcom, intel, memory = 193.7, 16.6, 20.0, 13.2 + 0.794, 27 + 20
    assert round(nvidia + amd + broadcom + intel + memory) == 291
    assert 207 + (22 + 15 + 27 + 20) == 291  # Omdia's 2025 accelerators + the other 2024 parts
    assert round(291 / 207, 2) == 1.41
    path = {y: round(207 * 1.40 ** (y - 2024)) for y in (2025, 2026, 2027, 2028, 2030)}
    assert path == {2025: 290, 2026: 406, 2027: 568, 2028: 795, 2030: 1559}
    for page in ("pcgamer.com", "hothardware.com", "stocktrader.studio", "reportify.ai"):
        assert page in ai["note"], page
    assert "so the 40 %/yr step no longer runs to 2030" in ai["note"]


def test_six_markets_reconcile_with_wsts_once_hbm_is_counted_once() -> None:
    """637 bn against WSTS's 627.6: less 20 % x 90.7 bn of HBM = 619 bn, 98.6 %."""
    total = sum(float(r["chip_demand_usd_bn"]) for r in curated_rows("end_markets.csv"))
    hbm = 0.20 * 90.7
    assert total == 637.0 and round(hbm, 1) == 18.1
    assert round(total - hbm) == 619 and round(100 * (total - hbm) / 627.6, 1) == 98.6
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "18.1 bn; without it the six markets are 619 bn, 98.6 % of WSTS" in sources


def test_taiwan_lt10_2027_total_is_semi_times_sia_bcg_interpolated(network: Network) -> None:
    """No 2027 world row: (1,160 + 1,400) / 2 = 1,280; Taiwan 69 % (2022) -> 47 % (2032) is
    58.0 % in 2027; 1,280 x 0.58 = 742.4, less the 33.1 ahead of the registry = 709.3."""
    lt10 = {r["year"]: float(r["capacity_kwspm"]) for r in curated_rows("global_capacity.csv")
            if r["node_class"] == "lt10"}  # fmt: skip
    assert "2027" not in lt10 and (lt10["2026"], lt10["2028"]) == (1160.0, 1400.0)
    world = (lt10["2026"] + lt10["2028"]) / 2
    twn = {r["year"]: float(r["share_pct"]) for r in curated_rows("regional_capacity.csv")
           if r["region_code"] == "TWN" and r["category"] == "logic <10nm"
           and r["source_name"].startswith("SIA/BCG")}  # fmt: skip
    assert (twn["2022"], twn["2032"]) == (69.0, 47.0)
    share = twn["2022"] + (twn["2032"] - twn["2022"]) * (2027 - 2022) / 10
    assert share == 58.0 and round(world * share / 100, 1) == 742.4
    itemised, total = cell(network, "TWN", "lt10", 2027)
    assert total == pytest.approx(742.4 - 33.1, abs=0.05) == 709.3
    assert total - itemised == pytest.approx(161.8, abs=0.05)


def test_data_release_19() -> None:
    """The release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 19 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    part = changelog.split("## Release 19 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "(data20)" in part and "617.4" in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 19: assumption rows the reviews left thin (data20)" in sources
