"""Data release 17 (data18c): review 9b's data findings.

What the part changed and pins here:
- F11: TSMC's 8-inch/6-inch residual subtracts Fab 16 at the 65k this file gives it (40k of
  28nm + 25k of 16/12nm), not 40k: >16M/12 - >12M/12 - 65k = 1,333.3 - 1,000 - 65 = 268.3
  kwspm over seven fabs = 38.33 each. `tsmc-8inch-taiwan` 209.0 -> 191.7 (five fabs, 2023) and
  125.3 -> 115.0 (three fabs, 2028); Fab 10 Shanghai and WaferTech Camas 41.9 -> 38.3.
- F13: copy-site sources replaced where an original carries the same figure (Hua Hong Fab 9,
  SEMI's 2024 regional capacity, one TrendForce row, the AlixPartners rows).
- Confidence: regional_capacity.csv rows 11, 12, 15, the gallium/germanium export cuts and the
  automotive market row medium -> low.
- F1/F2: `utilisation` (0.85) and the AI data centre market (170 bn) keep their values with a
  source that speaks to them and a note that states the doubt. F3: the DRAM sourcing note.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .coverage_helpers import CURATED, cell, coverage_pct, curated_rows, fab_kwspm, shipped_network

PER_FAB = (16_000_000 / 12 - 12_000_000 / 12 - (40_000 + 25_000)) / 7  # 38,333 wspm


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2022-2028."""
    return shipped_network(chain, tuple(range(2022, 2029)))


def _row(file: str, first_col: str, **match: str) -> dict[str, str]:
    rows = [
        r
        for r in curated_rows(file)
        if next(iter(r.values())) == first_col and all(r[k] == v for k, v in match.items())
    ]
    assert len(rows) == 1, (file, first_col, match, len(rows))
    return rows[0]


def test_fab16_is_65k_in_2023(network: Network) -> None:
    """The Fab 16 capacity the residual subtracts is the file's own: 40k 28nm + 25k 16/12nm."""
    got = fab_kwspm(network, "tsmc-fab16-nanjing", "n28_45", 2023) + fab_kwspm(
        network, "tsmc-fab16-nanjing", "n10_22", 2023
    )
    assert got == pytest.approx(65.0)


@pytest.mark.parametrize(
    ("fab_id", "year", "kwspm"),
    [
        ("tsmc-8inch-taiwan", 2023, 191.7),  # 5 x 38.33
        ("tsmc-8inch-taiwan", 2027, 191.7),  # Fabs 2 and 5 run to the end of 2027
        ("tsmc-8inch-taiwan", 2028, 115.0),  # 3 x 38.33
        ("tsmc-fab10-shanghai", 2022, 38.3),
        ("tsmc-fab10-shanghai", 2025, 38.3),
        ("tsmc-wafertech-camas", 2022, 38.3),
        ("tsmc-wafertech-camas", 2025, 38.3),
    ],
)
def test_tsmc_legacy_fabs_share_the_corrected_residual(
    network: Network, fab_id: str, year: int, kwspm: float
) -> None:
    assert fab_kwspm(network, fab_id, "gt45", year) == pytest.approx(kwspm)


def test_residual_arithmetic_matches_the_rows() -> None:
    """268.3k / 7 = 38.33k a fab: five of them 191.7k, three 115.0k, one rounded to 38.3k."""
    assert round(PER_FAB) == 38_333
    rows = {
        (r["fab_id"], r["year"]): float(r["capacity_wspm"])
        for r in curated_rows("fab_capacity.csv")
        if r["fab_id"] in ("tsmc-8inch-taiwan", "tsmc-fab10-shanghai", "tsmc-wafertech-camas")
    }
    assert rows[("tsmc-8inch-taiwan", "2023")] == pytest.approx(5 * PER_FAB, abs=50)
    assert rows[("tsmc-8inch-taiwan", "2028")] == pytest.approx(3 * PER_FAB, abs=50)
    for fab in ("tsmc-fab10-shanghai", "tsmc-wafertech-camas"):
        assert rows[(fab, "2023")] == pytest.approx(PER_FAB, abs=50)
        assert rows[(fab, "2022")] == rows[(fab, "2023")]


@pytest.mark.parametrize(
    ("region", "year", "itemised", "pct"),
    [
        # 740.0 / 93.3 % before: 17.35 less itemised; + 24.4 (UMC 8E/8F/8S) from release 18
        # (cov19b): 722.65 / 91.1 -> 747.05 / 94.2, 2028 65.6 -> 68.2; release 19 (cov20tw):
        # + Mosel Vitelic 15.0, Macronix Fab 5 40.0 -> 28.7 (2023-26), VIS Taiwan 120.2 ->
        # 111.5 (2025) and 106.8 (2026 on)
        # 93.5 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        # 88.7 until release 22 (cov: the 2022 floor no longer holds the 8-inch group twice)
        ("TWN", 2025, 747.05 + 15.0 - 11.3 - 8.7, 89.4),
        # 68.3 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("TWN", 2028, None, 67.1),  # 68.2 before release 19 (cov20tw: + 15.0 - 13.4)
        # 39.2 until release 24 (gt45b: the 2022 total x 3,910 / 3,600, 508.3)
        ("USA", 2022, 183.3, 36.1),  # Camas 3.6 less
        # Fab 10 3.6 less; + 10.0 from release 19 (cov20ck: United Nova Shaoxing 12-inch)
        # 85.6 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026)
        ("CHN", 2025, 1343.6, 81.2),
    ],
)
def test_gt45_cells_lose_the_overstatement_totals_unchanged(
    network: Network, region: str, year: int, itemised: float | None, pct: float
) -> None:
    got = cell(network, region, "gt45", year)
    if itemised is not None:
        assert got[0] == pytest.approx(itemised, abs=0.06)
    assert coverage_pct(network, region, "gt45", year) == pytest.approx(pct, abs=0.1)


def test_copy_sites_replaced() -> None:
    """No row cites the copy sites the review traced to an original (wanszezit.me for Hua
    Hong, fenderbender.com for AlixPartners); the SEMI CHN/TWN/KOR rows cite the release."""
    for file in (
        "fabs.csv",
        "fab_capacity.csv",
        "end_markets.csv",
        "model_assumptions.csv",
        "history_observations.csv",
        "sensitivity_factors.csv",
    ):
        urls = " ".join(r.get("source_url", "") for r in curated_rows(file))
        assert "wanszezit.me" not in urls and "fenderbender.com" not in urls, file
    fab9 = [r for r in curated_rows("fab_capacity.csv") if r["fab_id"] == "huahong-wuxi-fab9"]
    full = [r for r in fab9 if r["year"] == "2027"]
    assert sum(float(r["capacity_wspm"]) for r in full) == 83_000  # eeNews Europe's figure
    assert all("eenewseurope.com" in r["source_url"] for r in full)
    semi = [
        r
        for r in curated_rows("regional_capacity.csv")
        if r["category"] == "total (all fabs, 200mm-equiv)" and r["year"] == "2024"
    ]
    cited = {r["region_code"]: r["source_url"] for r in semi}
    for code in ("CHN", "TWN", "KOR"):
        assert "iconnect007.com/article/139127" in cited[code], code
    # 8.6M, 5.7M, 5.1M of 29.6M x 1.064 round to the rows' 27, 18, 16 %
    shares = {r["region_code"]: float(r["share_pct"]) for r in semi}
    for code, wpm in (("CHN", 8.6), ("TWN", 5.7), ("KOR", 5.1)):
        assert round(100 * wpm / (29.6 * 1.064)) == shares[code], code


def test_confidence_labels_lowered() -> None:
    rc = curated_rows("regional_capacity.csv")
    for line in (11, 12, 15):  # file line numbers (header = 1)
        row = rc[line - 2]
        assert "linkdaddynews.com" in row["source_url"] and row["confidence"] == "low", line
    shocks = {r["parameter"]: r for r in curated_rows("shock_assumptions.csv")}
    for p in ("gallium_export_cut", "germanium_export_cut"):
        assert shocks[p]["confidence"] == "low" and "targeted ban" in shocks[p]["note"], p
    markets = {r["market_id"]: r for r in curated_rows("end_markets.csv")}
    assert markets["automotive"]["confidence"] == "low"
    assert markets["automotive"]["note"].startswith("assumption:")


def test_values_kept_with_their_doubt_written() -> None:
    """F1 and F2 change sources and notes, not values (the lead decides). F1's `utilisation`
    row was replaced in release 18 by one row per node class (test_release18_util.py)."""
    rows = {r["parameter"]: r for r in curated_rows("model_assumptions.csv")}
    assert "utilisation" not in rows and "utilisation_lt10" in rows
    ai = {r["market_id"]: r for r in curated_rows("end_markets.csv")}["ai_datacenter"]
    # release 18 (data19) rebuilt the AI level from its parts: 170 -> 207 (test_release18_data19)
    # release 19: data20 40 %/yr, demand20 15 %/yr after market_demand_path.csv's last year
    assert (ai["chip_demand_usd_bn"], ai["growth_pct_per_year"]) == ("207", "15")
    assert ai["source_url"] == "https://www.rcrwireless.com/?p=423806"
    dram = [r for r in curated_rows("sourcing_shares.csv") if r["node_class"] == "dram"]
    assert dram and all("~1.05x" in r["note"] and "(1,880 kwspm" in r["note"] for r in dram)
    assert round(1880 / (21.4e6 / 12 / 1000), 2) == 1.05


def test_qualification_low_and_taiwan_energy_notes() -> None:
    """Findings 7 and 10: sources and notes, values unchanged."""
    rows = {r["parameter"]: r for r in curated_rows("model_assumptions.csv")}
    low = rows["qualification_weeks_cross_foundry_low"]
    # release 18 (data19) set the low to the sources' six months (test_release18_data19)
    assert low["value"] == "26" and "eenewsanalog.com" in low["source_url"]
    assert 6 * 52 / 12 == 26 and "26 weeks" in low["note"]
    shocks = {r["parameter"]: r for r in curated_rows("shock_assumptions.csv")}
    assert "bdnews24.com" in shocks["taiwan_fab_output_loss"]["note"]


def test_data_release_17() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 17 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    part = changelog.split("## Release 17 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "### Review 9b's data findings (data18c)" in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 17: review 9b's data findings (data18c)" in sources
