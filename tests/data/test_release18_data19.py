"""Data release 18 (data19): review 9b's data findings still open after release 17.

What the part changed and pins here (hand-checkable on the shipped files):
- F2: the AI data-centre market rebuilt from its parts, 123 + 22 + 15 + 27 + 20 = 207 bn (2024),
  growth 15 %/yr kept; its country split cites a page that backs the places, not bafnews.com.
- F7: the cross-foundry qualification low at the sources' six months (26 weeks, = the mode).
- F4: NXP's automotive >45nm row (IDC 10.8 % x ~50 % in-house = 5), line 44.
- F6: KOR DRAM 2022's note says first that the page gives 52 (the value, 52.54 after cov19's
  rescale in the same release, is 52 rescaled twice so that the 2022 DRAM shares sum to 100).
- F12: the calibrated shock rows' as_of is their page's date.
- F13: four global_capacity.csv rows cite thincb2b instead of techsciresearch.com.
- ROW lists MEX, MNG, RUS, UKR, IDN and MMR: every country code of the data is in a region or group.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network.sourcing_check import sourcing_check
from chipshock.sim.network.substitution import delay_distribution

from .coverage_helpers import CURATED, curated_rows


@pytest.fixture(scope="module")
def data(chain: SupplyChain) -> ModelData:
    """The shipped curated files."""
    return ModelData.from_folder(CURATED, chain)


def test_ai_market_is_the_sum_of_its_parts() -> None:
    """F2: the 2024 level is the sum of five sourced parts; the arithmetic of two is redone."""
    ai = {r["market_id"]: r for r in curated_rows("end_markets.csv")}["ai_datacenter"]
    assert (ai["chip_demand_usd_bn"], ai["demand_year"], ai["growth_pct_per_year"]) == (
        "207",
        "2024",
        "15",  # release 19: data20 15 -> 40, demand20 40 -> 15 after the path's last year
    )
    assert ai["source_url"] == "https://www.rcrwireless.com/?p=423806"
    assert ai["confidence"] == "low" and ai["note"].startswith("assumption:")
    accelerators, cpus, networking, dram, ssd = 123, 22, 15, 27, 20
    assert accelerators + cpus + networking + dram + ssd == 207
    assert round((3.3 + 3.549) * 4, 1) == 27.4  # Intel DCAI + AMD DC, Q3 2024, before ~5 of GPUs
    assert round(3.668 * 4, 1) == 14.7  # NVIDIA networking
    assert round(90.7 * 0.8 * 0.376, 1) == 27.3  # DRAM less HBM, x servers' bit share
    nand = 14.71 + 16.80 + 17.6 + 17.6 * 0.9
    assert round(nand, 2) == 64.95 and round(nand * 0.3, 1) == 19.5
    assert "Sum 123 + 22 + 15 + 27 + 20 = 207bn" in ai["note"]
    # the model's 2025 market is no longer below Omdia's accelerators alone (207 bn); release 19
    # (data20) sets growth to 40 %/yr: 2025 = 289.8 (was 207 x 1.15 = 238.0), 2027 = 568.0
    # (was 314.8; 170 x 1.15^3 = 258.5 before release 18)
    assert round(207 * 1.40, 1) == 289.8 > 207
    assert round(207 * 1.40**3, 1) == 568.0
    total = sum(float(r["chip_demand_usd_bn"]) for r in curated_rows("end_markets.csv"))
    assert total == 637.0  # above WSTS's 627.6: the accelerator value holds HBM


def test_ai_country_split_cites_the_places_not_a_content_farm() -> None:
    """F2: the five ai_datacenter rows of market_country_output.csv: judgement, honestly cited."""
    rows = [
        r for r in curated_rows("market_country_output.csv") if r["market_id"] == "ai_datacenter"
    ]
    assert {r["country"]: float(r["share_pct"]) for r in rows} == {
        "TWN": 40.0,
        "MEX": 20.0,
        "USA": 15.0,
        "CHN": 10.0,
        "ROW": 15.0,
    }
    for r in rows:
        assert "bafnews" not in r["source_url"] and "emsnow.com" in r["source_url"]
        assert r["confidence"] == "low" and "Not sourced" in r["note"]
        assert "percentages remain judgement" in r["note"]


def test_cross_foundry_low_is_the_sources_six_months(data: ModelData) -> None:
    """F7: both sources give at least six months (26 weeks); the engine draws 26-26-104."""
    rows = {r["parameter"]: r for r in curated_rows("model_assumptions.csv")}
    low = rows["qualification_weeks_cross_foundry_low"]
    assert low["value"] == "26" == rows["qualification_weeks_cross_foundry"]["value"]
    assert "eenewsanalog.com" in low["source_url"] and "at least six months" in low["note"]
    assert 6 * 52 / 12 == 26
    dist = delay_distribution(data, "cross_foundry")
    assert (dist.low, dist.mode, dist.high) == (26.0, 26.0, 104.0)
    assert (26 + 26 + 104) / 3 == 52.0
    factor = {r["factor"]: r for r in curated_rows("sensitivity_factors.csv")}[
        "qualification_weeks"
    ]
    assert (factor["low"], factor["high"]) == ("26", "52")


def test_nxp_automotive_row_and_what_its_fabs_can_serve(data: ModelData) -> None:
    """F4: NXP's automotive >45nm row is line 44 (appended so earlier lines keep their
    numbers); its fabs (Nijmegen 11.1 + SSMC 23.5 kwspm) serve about a quarter of its orders (27.0
    of 109.8 kwspm on the merged release 18; of 102.3 since release 19's faster-growing AI market
    takes a larger part of 2027's >45nm wafers)."""
    rows = curated_rows("sourcing_shares.csv")
    nxp = rows[44 - 2]
    assert (nxp["market"], nxp["node_class"], nxp["operator_id"], nxp["share_pct"]) == (
        "automotive",
        "gt45",
        "nxp",
        # release 20 (idm21): 5.4 = 10.8 x 0.5; release 21 (idm22): a wafer share, 0.78 x
        # 34.6 kwspm x 56 % of NXP's revenue from cars / ~1,042 kwspm of cars' >45nm demand
        "1.45",
    )
    assert round(0.78 * 34.6 * 0.56 / 1042 * 100, 2) == 1.45 and nxp["confidence"] == "low"
    assert "40%" in nxp["note"] and "semimedia.cc/16546" in nxp["note"]
    peers = [r for r in rows if r["market"] == "automotive" and r["node_class"] == "gt45"]
    # release 20 (idm21): the foundries that make the IDMs' outsourced wafers have rows too
    assert {r["operator_id"] for r in peers} == {"infineon", "st", "ti", "renesas", "nxp"} | {
        "tsmc",
        "umc",
        "vis",
        "globalfoundries",
    }
    assert not any("has no itemised fab, so" in r["note"] for r in peers)
    check = sourcing_check(data, 2027, ["gt45"])
    op = check.operators.set_index(["operator_id", "node_class"]).loc[("nxp", "gt45")]
    assert op.file_rows == "35, 44"
    assert op.capacity_kwspm == pytest.approx(11.1 + 23.5, abs=0.05)
    # ceiling = gt45's normal utilisation x capacity (0.78 x 34.6 since release 18's util)
    u = float(data.model_assumptions.set_index("parameter").loc["utilisation_gt45", "value"])
    assert op.served_kwspm == pytest.approx(u * 34.6, abs=0.05) == pytest.approx(27.0, abs=0.05)
    # 75.4 before release 19, 73.6 after data20, 74.0 after demand20 (AI's 2027 level 568 -> 514.5),
    # 69.4 after idm21 (rows 5 -> 5.4 automotive, 3.5 -> 1.75 industrial), 16.7 after idm22
    # (rows 1.45 and 0.43, wafer shares: the rest is its by-capacity part of other markets)
    # 17.9 with the world >45nm row of release 21 (gt45) beside idm22's rows; 18.2 since release
    # 24 (gt45b: the 2022 row's larger remainders raise 2027's >45nm capacity and demand 0.6 %)
    assert op.shortfall_pct == pytest.approx(18.2, abs=0.1)
    assert op.rows_shortfall_kwspm == 0.0


def test_kor_dram_2022_says_the_page_gives_52() -> None:
    """F6: 52.54 is the page's 52 rescaled by release 15 (x 92.7/92) and release 18 (cov19,
    x 92.94/92.7); the 2022 DRAM shares sum to 100."""
    dram = [
        r
        for r in curated_rows("regional_capacity.csv")
        if r["category"] == "DRAM" and r["year"] == "2022"
    ]
    kor = next(r for r in dram if r["region_code"] == "KOR")
    assert kor["share_pct"] == "52.54" and kor["note"].startswith("The page gives 52")
    assert kor["source_name"].endswith("share derived by chipshock")
    assert round(52 * 92.7 / 92, 1) == 52.4 and round(52.4 * 92.94 / 92.7, 2) == 52.54
    assert sum(float(r["share_pct"]) for r in dram) == pytest.approx(100.0)


def test_calibrated_shock_rows_are_dated_by_their_pages() -> None:
    """F12: as_of of a calibrated shock row is the date of its source_url's page (the history
    observation's as_of), not the calibration date."""
    pages = {r["source_url"]: r["as_of"] for r in curated_rows("history_observations.csv")}
    calibrated = [
        r for r in curated_rows("shock_assumptions.csv") if r["scenario_hint"] == "calibrated"
    ]
    assert {r["parameter"]: r["as_of"] for r in calibrated} == {
        "fab_fire_downtime": "2021-04-20",
        "fab_fire_recovery_ramp": "2021-06-25",
        "fab_quake_downtime": "2011-04-25",
    }
    for r in calibrated:
        assert pages[r["source_url"]] == r["as_of"]


def test_global_capacity_cites_no_report_vendor() -> None:
    """F13: the four SIA/BCG-based rows cite the page the 2032 rows already cite."""
    rows = curated_rows("global_capacity.csv")
    assert not any("techsciresearch" in r["source_url"] for r in rows)
    moved = [r for r in rows if "Release 18 (data19" in r["note"]]
    assert {(r["node_class"], r["year"]) for r in moved} == {
        ("lt10", "2022"),
        ("lt10", "2032"),
        ("n10_22", "2022"),
        ("n28_45", "2022"),
    }
    assert all(
        r["source_url"] == "https://thincb2b.com/future-geographics-of-ic-production" for r in moved
    )


def test_every_country_of_the_data_is_in_a_region_or_group() -> None:
    """The ROW group lists MEX, MNG, RUS, UKR, IDN and MMR: every country code the fabs,
    materials and market files name is a capacity region or a member of the EUR or ROW group."""
    groups = curated_rows("country_groups.csv")
    row = [g["country_code"] for g in groups if g["group_code"] == "ROW"]
    assert len(row) == 18 and row[-6:] == ["MEX", "MNG", "RUS", "UKR", "IDN", "MMR"]
    members = {g["country_code"] for g in groups if g["group_code"] in ("EUR", "ROW")}
    regions = {"TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW"}
    named = {r["country"] for r in curated_rows("fabs.csv")}
    for file in ("raw_materials.csv", "material_supply.csv", "market_country_output.csv"):
        named |= {r["country"] for r in curated_rows(file)}
    assert named - regions - members == set()


def test_data_release_18() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section."""
    assert int(DATA_RELEASE) >= 18 and DATA_RELEASE_DATE >= "2026-12-05"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    part = changelog.split("## Release 18 — 2026-12-05", 1)[1].split("\n## ", 1)[0]
    assert "### Audit findings (data19)" in part and "547.5" in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "## Release 18: audit findings (data19)" in sources
