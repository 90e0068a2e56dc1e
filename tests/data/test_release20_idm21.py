"""Data release 20 (idm21): IDM sourcing rows split into the makers' own-fab part and the part
foundries make (issue 8 item 2; session 20's note, problem 6).

What the part changed and pins here (hand-checkable on the shipped files):
- the automotive >45nm rows of Infineon, NXP, ST, TI and Renesas are the IDC 2023 revenue share
  x the maker's in-house ratio (0.70, 0.50, 0.85, 0.90, 0.70), one decimal; their industrial
  rows are the former row (Semicast 2016, rounded) x the same ratio;
- the outsourced parts (revenue share - own part) go to four new rows per market for TSMC, UMC,
  VIS and GlobalFoundries: their share of the outsourced total by their 2027 >45nm capacity,
  plus their by-capacity part of the wafers no row places, so that producers without a row
  keep what they had of the rest;
- `sourcing --check` (2027): the foundries' rows fit their fabs; the five IDMs' rows do not
  (revenue shares stand in for wafer shares), NXP's least of all.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network.sourcing_check import sourcing_check

from .coverage_helpers import CURATED, curated_rows

#: IDC 2023 automotive semiconductor revenue shares (it-online.co.za) and the in-house ratios
AUTO_REVENUE = {"infineon": 13.9, "nxp": 10.8, "st": 10.4, "ti": 8.6, "renesas": 6.8}
IN_HOUSE = {"infineon": 0.70, "nxp": 0.50, "st": 0.85, "ti": 0.90, "renesas": 0.70}
#: the industrial rows before release 20 (Semicast 2016, rounded), now split
INDUSTRIAL_BEFORE = {"ti": 8.0, "infineon": 7.0, "st": 5.0, "nxp": 3.5, "renesas": 2.0}
POOL = ("tsmc", "umc", "vis", "globalfoundries")
#: the pool's sourced shares of each market's >45nm wafers in 2027 before release 20 (all "the
#: rest, by capacity"), and the part of the market no row placed then (100 - IDM rows)
BEFORE = {
    "automotive": ({"tsmc": 5.940, "umc": 2.981, "vis": 1.755, "globalfoundries": 1.394}, 66.0),
    "industrial": ({"tsmc": 6.578, "umc": 3.301, "vis": 1.944, "globalfoundries": 1.544}, 72.5),
}


@pytest.fixture(scope="module")
def data(chain: SupplyChain) -> ModelData:
    """The shipped curated files."""
    return ModelData.from_folder(CURATED, chain)


def _gt45(market: str) -> dict[str, dict[str, str]]:
    rows = curated_rows("sourcing_shares.csv")
    return {
        r["operator_id"]: r for r in rows if r["market"] == market and r["node_class"] == "gt45"
    }


def test_release_is_20_or_later() -> None:
    assert int(DATA_RELEASE) >= 20 and DATA_RELEASE_DATE >= "2026-12-05"


def test_automotive_idm_rows_are_revenue_times_in_house() -> None:
    """Release 20: 13.9 x 0.70 = 9.73 -> 9.7; 10.8 x 0.5 = 5.4; 10.4 x 0.85 = 8.84 -> 8.8; 8.6 x
    0.9 = 7.74 -> 7.7; 6.8 x 0.7 = 4.76 -> 4.8. Release 21 (idm22) made the rows wafer shares;
    each note keeps the release-20 value and its ratio. The lines of the file stay where they
    were."""
    auto = _gt45("automotive")
    was = {"infineon": 9.7, "nxp": 5.4, "st": 8.8, "ti": 7.7, "renesas": 4.8}
    for op, share in was.items():
        assert round(AUTO_REVENUE[op] * IN_HOUSE[op], 1) == share
        ratio = round(IN_HOUSE[op] * 100)
        assert f"Was {share:g}% = its revenue share x ~{ratio}% in-house" in auto[op]["note"]
        assert float(auto[op]["share_pct"]) < share
        assert auto[op]["confidence"] == "low"
        assert "outsourced" in auto[op]["note"] and "idm21" in auto[op]["note"]
    rows = curated_rows("sourcing_shares.csv")
    lines = {13: "infineon", 14: "st", 15: "ti", 16: "renesas", 44: "nxp"}
    for line, op in lines.items():
        r = rows[line - 2]
        assert (r["market"], r["node_class"], r["operator_id"]) == ("automotive", "gt45", op)


def test_industrial_idm_rows_keep_the_in_house_part() -> None:
    """Release 20: 8 x 0.9 = 7.2; 7 x 0.7 = 4.9; 5 x 0.85 = 4.25 -> 4.3; 3.5 x 0.5 = 1.75; 2 x
    0.7 = 1.4 (kept by release 21: its wafer bound is higher); onsemi's 2 is unchanged."""
    ind = _gt45("industrial")
    was = {"ti": 7.2, "infineon": 4.9, "st": 4.3, "nxp": 1.75, "renesas": 1.4}
    for op, before in INDUSTRIAL_BEFORE.items():
        assert was[op] == pytest.approx(before * IN_HOUSE[op], abs=0.05)
        assert f"Was {was[op]:g}%" in ind[op]["note"]
        assert float(ind[op]["share_pct"]) <= was[op]
    assert float(ind["onsemi"]["share_pct"]) == 2.0


@pytest.mark.parametrize("market", ["automotive", "industrial"])
def test_foundry_rows_hold_the_outsourced_part_and_their_old_share(market: str) -> None:
    """Release 20: each pool row = outsourced total x its capacity fraction of the pool + (100 -
    revenue shares of the listed IDMs) x its fraction of the unlisted capacity (its old share /
    the old unplaced part), one decimal; e.g. TSMC automotive: 14.1 x 5.940 / 12.070 + 49.5 x
    5.940 / 66 = 6.94 + 4.46 = 11.4. Release 21 (idm22) recomputed them from wafer shares; the
    notes keep the release-20 values."""
    rows = _gt45(market)
    before, unplaced = BEFORE[market]
    if market == "automotive":
        revenue = AUTO_REVENUE
        listed = sum(AUTO_REVENUE.values())  # 50.5
        own = {"infineon": 9.7, "nxp": 5.4, "st": 8.8, "ti": 7.7, "renesas": 4.8}
    else:
        revenue = INDUSTRIAL_BEFORE
        listed = sum(INDUSTRIAL_BEFORE.values()) + 2.0  # + onsemi = 27.5
        own = {"ti": 7.2, "infineon": 4.9, "st": 4.3, "nxp": 1.75, "renesas": 1.4}
    outsourced = sum(revenue[op] - own[op] for op in revenue)
    assert outsourced == pytest.approx(14.1 if market == "automotive" else 5.95, abs=1e-9)
    pool = sum(before.values())
    expected = {"automotive": (11.4, 5.7, 3.4, 2.7), "industrial": (9.5, 4.8, 2.8, 2.2)}
    for f, was in zip(POOL, expected[market], strict=True):
        want = outsourced * before[f] / pool + (100 - listed) * before[f] / unplaced
        assert was == pytest.approx(want, abs=0.05)
        assert f"Was {was:g}" in rows[f]["note"]
        assert rows[f]["confidence"] == "low" and rows[f]["note"].startswith(
            "assumption: estimate from"
        )
        assert rows[f]["source_url"].startswith("http")
    assert sum(float(r["share_pct"]) for r in rows.values()) <= 100.0


def test_sourcing_check_after_the_split(data: ModelData) -> None:
    """2027: the four foundries' rows fit their ceilings; since release 21 (idm22) the five
    IDMs' rows fit theirs too (release 20: NXP's rows 75.8 kwspm against a ceiling of 0.78 x
    34.6 = 27.0, shortfall 69.4 %)."""
    check = sourcing_check(data, 2027, ["gt45"])
    ops = check.operators.set_index("operator_id")
    for f in (*POOL, "nxp", "renesas", "st", "ti", "infineon"):
        assert ops.loc[f, "rows_shortfall_kwspm"] == 0.0
        assert ops.loc[f, "rows_kwspm"] < ops.loc[f, "ceiling_kwspm"]
    nxp = ops.loc["nxp"]
    assert nxp.ceiling_kwspm == pytest.approx(0.78 * 34.6, abs=0.05)
    assert ops.loc["tsmc", "file_rows"] == "45, 49"


def test_sources_and_changelog_say_it() -> None:
    """SOURCES.md has the part's section with the in-house sources; CHANGELOG.md its entry."""
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    section = sources.split("## Release 20: IDM sourcing rows split", 1)[1]
    for url in (
        "http://www.ti.com/corp/docs/investor/compinfo/corpOvManufacturing.shtml",
        "https://asia.nikkei.com/Business/Electronics/Japan-s-Renesas-moves-more-automotive-chip-production-in-house",
        "https://taipeitimes.com/News/biz/archives/2023/03/08/2003795673",
    ):
        assert url in section
    assert "Still above their fabs, and why" in section
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "(idm21)" in changelog.split("## Release 20 — 2026-12-05", 1)[1]
