"""Data release 21 (idm22): the IDMs' >45nm sourcing rows as wafer shares; NAND on the makers'
wafers.

What the part changed and pins here (hand-checkable on the shipped files):
- each own-fab row of Infineon, NXP, ST, TI and Renesas (automotive and industrial >45nm) is the
  lower of its release-20 revenue-based value and the maker's itemised >45nm capacity in 2027 x
  the class's utilisation (0.78) x its revenue share from the market / the market's >45nm
  demand in 2027; ST's industrial row takes its automotive row's factor, TI's two rows share
  ~70 % of its ceiling;
- outsourced wafers = own row x (1 - r) / r (Infineon and Renesas now ~85 %), spread over TSMC,
  UMC and VIS by capacity; GlobalFoundries keeps only its by-capacity part;
- `sourcing --check` (2027): no IDM row asks more than its maker's fabs make;
- NAND: the makers' 2026 wafers (Omdia), not TrendForce's revenue shares.
"""

from __future__ import annotations

import pytest

from chipshock.data.release import DATA_RELEASE
from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network.sourcing_check import sourcing_check

from .coverage_helpers import CURATED, curated_rows

IDMS = ("infineon", "nxp", "st", "ti", "renesas")
#: each maker's itemised >45nm capacity in 2027 (kwspm, as `sourcing --check` counts it)
# ST: 110.15 when release 21 computed its rows; 115.95 since release 22 (ST Rousset's 2011 row),
# on which release 23 (data) recomputed them (3.38 -> 3.56, 1.65 -> 1.74) and the foundry rows.
CAPACITY = {"infineon": 188.2, "nxp": 34.6, "st": 115.95, "ti": 176.65, "renesas": 44.1}
#: revenue share from the market (annual / half-year reports; SOURCES.md, idm22)
MIX = {
    ("automotive", "nxp"): 0.56,
    ("industrial", "nxp"): 2351 / 13280,
    ("automotive", "infineon"): 0.57,
    ("industrial", "infineon"): 0.13,
    ("automotive", "renesas"): 178.2 / 351.8,
    ("automotive", "st"): 0.41,
}
IN_HOUSE = {"infineon": 0.85, "nxp": 0.50, "st": 0.85, "ti": 0.90, "renesas": 0.85}
#: release 20's revenue-based rows (idm21)
RELEASE20 = {
    ("automotive", "infineon"): 9.7,
    ("automotive", "st"): 8.8,
    ("automotive", "ti"): 7.7,
    ("automotive", "renesas"): 4.8,
    ("automotive", "nxp"): 5.4,
    ("industrial", "ti"): 7.2,
    ("industrial", "infineon"): 4.9,
    ("industrial", "st"): 4.3,
    ("industrial", "nxp"): 1.75,
    ("industrial", "renesas"): 1.4,
}
#: the market's >45nm demand in 2027 (kwspm): a row's orders / its share
# The rows' shares were computed on release 20's 2027 demand (automotive 1,042.0, industrial
# 1,118.7 kwspm); release 21's world >45nm row (gt45) raises it 2.3 %, so the rows ask that much
# more of the same ceilings (and still fit them). Release 24 (gt45b: the world >45nm 2022 row
# raised to 3,910, whose larger 2022 remainders the engine holds into 2027) adds 0.6 % more
# (1,065.5 and 1,144.0 until then).
DEMAND = {"automotive": 1071.9, "industrial": 1150.8}
#: The demand the rows were computed on (release 20).
ROW_BASIS = {"automotive": 1042.0, "industrial": 1118.7}


@pytest.fixture(scope="module")
def data(chain: SupplyChain) -> ModelData:
    """The shipped curated files."""
    return ModelData.from_folder(CURATED, chain)


def _rows(market: str, node_class: str = "gt45") -> dict[str, dict[str, str]]:
    return {
        r["operator_id"]: r
        for r in curated_rows("sourcing_shares.csv")
        if r["market"] == market and r["node_class"] == node_class
    }


def _share(market: str, op: str, node_class: str = "gt45") -> float:
    return float(_rows(market, node_class)[op]["share_pct"])


def test_release_is_21_or_later() -> None:
    assert int(DATA_RELEASE) >= 21


def test_demand_behind_the_rows(data: ModelData) -> None:
    """The check's orders of a row / its share give the market's 2027 demand used above."""
    check = sourcing_check(data, 2027, ["gt45"])
    rows = check.rows.set_index(["market", "operator_id"])
    for market, demand in DEMAND.items():
        r = rows.loc[(market, "tsmc")]
        assert r.orders_kwspm / r.share_pct * 100 == pytest.approx(demand, abs=0.5)


def test_idm_rows_are_capacity_times_revenue_mix() -> None:
    """E.g. NXP automotive: 34.6 x 0.78 = 26.99 kwspm x 0.56 = 15.11 / 1,042 = 1.45 %;
    Renesas industrial: 34.4 x 0.49 = 16.9 kwspm = 1.51 % is above the revenue-based 1.4, kept."""
    for (market, op), mix in MIX.items():
        bound = CAPACITY[op] * 0.78 * mix / ROW_BASIS[market] * 100
        want = round(min(bound, RELEASE20[(market, op)]), 2)
        assert _share(market, op) == pytest.approx(want, abs=0.011), (market, op)
    assert _share("industrial", "renesas") == 1.4
    assert 0.78 * 44.1 * 172.4 / 351.8 / 1118.7 * 100 > 1.4
    st_factor = _share("automotive", "st") / 8.8
    assert _share("industrial", "st") == pytest.approx(4.3 * st_factor, abs=0.011)
    ti_kwspm = sum(_share(m, "ti") * ROW_BASIS[m] / 100 for m in ROW_BASIS)
    assert ti_kwspm == pytest.approx(0.70 * 0.78 * 176.65, abs=0.2)
    for (market, op), before in RELEASE20.items():
        row = _rows(market)[op]
        assert float(row["share_pct"]) <= before
        assert row["confidence"] == "low"
        assert row["note"].startswith("assumption: estimate from") and "idm22" in row["note"]
        assert row["source_url"].startswith("http")
        # the page of the binding input: the revenue mix, or Semicast's for the row it keeps
        kept = (market, op) == ("industrial", "renesas")
        assert (row["as_of"] == "2017-05") if kept else (row["as_of"] >= "2024-01")


@pytest.mark.parametrize("market", ["automotive", "industrial"])
def test_foundry_rows_take_the_outsourced_wafers(market: str) -> None:
    """Outsourced = own x (1 - r) / r; TSMC, UMC and VIS share it by capacity (414.2, 207.85,
    122.4 kwspm) and keep their by-capacity part of the rest; GlobalFoundries only the latter.
    TSMC automotive: 4.30 x 414.2 / 744.45 + 76.37 x 5.940 / 66 = 2.39 + 6.87 = 9.27 (release 23;
    release 21: 4.27 and 76.58, 2.38 + 6.89)."""
    own = {op: _share(market, op) for op in IDMS}
    outsourced = sum(v * (1 - IN_HOUSE[op]) / IN_HOUSE[op] for op, v in own.items())
    assert outsourced == pytest.approx(4.30 if market == "automotive" else 1.77, abs=0.02)
    onsemi = 2.0 if market == "industrial" else 0.0
    if market == "industrial":
        assert _share(market, "onsemi") == onsemi
    rest = 100 - sum(own.values()) - outsourced - onsemi
    before, unplaced = {
        "automotive": ({"tsmc": 5.940, "umc": 2.981, "vis": 1.755, "globalfoundries": 1.394}, 66),
        "industrial": ({"tsmc": 6.578, "umc": 3.301, "vis": 1.944, "globalfoundries": 1.544}, 72.5),
    }[market]
    pool = {"tsmc": 414.2, "umc": 207.85, "vis": 122.4}
    for f, old in before.items():
        part = outsourced * pool[f] / sum(pool.values()) if f in pool else 0.0
        assert _share(market, f) == pytest.approx(part + rest * old / unplaced, abs=0.02), f
    gf = _rows(market)["globalfoundries"]["note"]
    assert "without a part of the IDM rows' outsourced wafers" in gf
    expected = {"automotive": (9.27, 4.65, 2.74, 1.61), "industrial": (8.84, 4.44, 2.61, 1.85)}
    assert tuple(_share(market, f) for f in before) == expected[market]


def test_idm_rows_fit_their_fabs(data: ModelData) -> None:
    """2027: every >45nm row fits its operator's ceiling; release 20 had NXP's rows at 75.8
    kwspm against 27.0."""
    check = sourcing_check(data, 2027, ["gt45"])
    ops = check.operators.set_index("operator_id")
    for op in (*IDMS, "tsmc", "umc", "vis", "globalfoundries", "onsemi"):
        assert ops.loc[op, "rows_shortfall_kwspm"] == 0.0, op
    assert ops.loc["nxp", "rows_kwspm"] == pytest.approx(20.4, abs=0.1)  # 19.9 before gt45
    assert ops.loc["nxp", "ceiling_kwspm"] == pytest.approx(0.78 * 34.6, abs=0.05)
    assert ops.loc["globalfoundries", "shortfall_kwspm"] == 0.0


def test_nand_rows_are_the_makers_2026_wafers(data: ModelData) -> None:
    """Samsung 4.68M / 12 = 390.0; Kioxia 4.69M / 12 = 390.8 (~391); SK hynix 1.7M / 12 =
    141.7 + Dalian 58 = 199.7; Micron 1.3M / 12 = 108.3; YMTC 125.8; others 10: ~1,225 kwspm
    (global_capacity.csv, nand 2026). Every maker ~4 % short in 2027: the class is tight."""
    wafers = {"samsung": 390.0, "kioxia": 391.0, "skhynix": 141.7 + 58, "micron": 108.3}
    total = sum(wafers.values()) + 125.8 + 10
    world = {
        r["year"]: float(r["capacity_kwspm"])
        for r in curated_rows("global_capacity.csv")
        if r["node_class"] == "nand"
    }
    assert total == pytest.approx(world["2026"], abs=1)
    for op, w in wafers.items():
        row = _rows("all", "nand")[op]
        assert float(row["share_pct"]) == round(w / total * 100, 1), op
        assert "Omdia" in row["note"] and row["as_of"] == "2026-01"
    check = sourcing_check(data, 2027, ["nand"])
    ops = check.operators.set_index("operator_id")
    for op in wafers:
        assert 3.0 < ops.loc[op, "shortfall_pct"] < 5.0, op


def test_sources_and_changelog_say_it() -> None:
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    section = sources.split("## Release 21: IDM sourcing rows as wafer shares", 1)[1]
    for text in ("https://evertiq.com/news/55186", "Checked, not changed", "TSMC lt10", "DRAM"):
        assert text in section
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "(idm22)" in changelog.split("## Release 21 — 2026-12-05", 1)[1]
