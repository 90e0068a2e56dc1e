"""The sourcing feasibility check (`chipshock sourcing --check`): per operator and node class,
the normal orders the sourcing rows send it against its fabs' ceiling (u x capacity, the
capacity rule's), the shortfall, and the rows behind it; a hand-checkable example and the
shipped data's infeasible rows, pinned so that a new one (or a fixed one) fails on purpose."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from chipshock.data.curated import read_curated
from chipshock.data.store import default_paths
from chipshock.errors import UnknownCodeError
from chipshock.sim.data import ModelData
from chipshock.sim.network.sourcing_check import sourcing_check
from chipshock.sim.network.sourcing_view import sourcing_table


@pytest.fixture
def two_operators(tiny_data: ModelData) -> ModelData:
    """The tiny model with a second lt10 fab (BigCo, TWN, 20 kwspm from 2027) beside TinyFab's
    5 kwspm (JPN, 2027), and four sourcing rows (file rows 2-5)."""
    d = tiny_data
    fab2 = d.fabs.assign(
        fab_id="tiny-fab2",
        name="Tiny Fab 2",
        operator="BigCo",
        operator_id="bigco",
        country="TWN",
        capacity_wspm=20000.0,
    )
    cap2 = d.fab_capacity.assign(fab_id="tiny-fab2", capacity_wspm=20000.0)
    rows = pd.DataFrame(
        {
            "market": ["smartphones", "smartphones", "all", "foundry"],
            "node_class": ["lt10"] * 4,
            "operator_id": ["tinyfab", "bigco", "bigco", "tinyfab"],
            "share_pct": [50.0, 20.0, 50.0, 99.0],
            "source_url": "https://example.org/tiny",
            "as_of": "2024",
            "confidence": "low",
            "note": "test",
        }
    )
    return replace(
        d,
        fabs=pd.concat([d.fabs, fab2], ignore_index=True),
        fab_capacity=pd.concat([d.fab_capacity, cap2], ignore_index=True),
        sourcing_shares=rows,
    )


def test_by_hand(two_operators: ModelData) -> None:
    """2027, lt10: demand smartphones 64, automotive 16 kwspm on 100 kwspm of capacity (BigCo
    20, TinyFab 5, other fabs JPN 35 and TWN 40), so u = 0.8. Smartphones reads its own rows,
    automotive the `all` row (BigCo 50 %); the `foundry` row is read by no market.
    TinyFab: rows 50 % x 64 = 32, by capacity 5/80 of the 50 % of automotive the `all` row
    leaves (8 x 5/80 = 0.5): orders 32.5 against 0.8 x 5 = 4, short 28.5.
    BigCo: rows 20 % x 64 + 50 % x 16 = 20.8 (nothing by capacity: both markets list it)
    against 0.8 x 20 = 16, short 4.8. The engine serves each its ceiling."""
    check = sourcing_check(two_operators, 2027)
    ops = check.operators
    assert ops[["operator_id", "node_class", "markets", "file_rows"]].values.tolist() == [
        ["tinyfab", "lt10", "smartphones", "2"],
        ["bigco", "lt10", "smartphones, automotive", "3, 4"],
    ]
    assert ops["rows_kwspm"].tolist() == pytest.approx([32.0, 20.8])
    assert ops["by_capacity_kwspm"].tolist() == pytest.approx([0.5, 0.0], abs=1e-12)
    assert ops["orders_kwspm"].tolist() == pytest.approx([32.5, 20.8])
    assert ops["capacity_kwspm"].tolist() == pytest.approx([5.0, 20.0])
    assert ops["utilisation_pct"].tolist() == pytest.approx([80.0, 80.0])
    assert ops["ceiling_kwspm"].tolist() == pytest.approx([4.0, 16.0])
    assert ops["served_kwspm"].tolist() == pytest.approx([4.0, 16.0])
    assert ops["shortfall_kwspm"].tolist() == pytest.approx([28.5, 4.8])
    assert ops["shortfall_pct"].tolist() == pytest.approx([100 * 28.5 / 32.5, 100 * 4.8 / 20.8])
    rows = check.rows
    assert rows[["file_row", "market", "operator_id", "read_by"]].values.tolist() == [
        [2, "smartphones", "tinyfab", "smartphones"],
        [3, "smartphones", "bigco", "smartphones"],
        [4, "all", "bigco", "automotive"],
    ]
    assert rows["orders_kwspm"].tolist() == pytest.approx([32.0, 12.8, 8.0])
    # served: the row's share x served / orders, TinyFab 50 % x 4 / 32.5, BigCo's two rows
    # 20 % and 50 % x 16 / 20.8
    assert rows["served_pct"].tolist() == pytest.approx(
        [50 * 4 / 32.5, 20 * 16 / 20.8, 50 * 16 / 20.8]
    )
    assert set(rows["confidence"]) == {"low"}


def test_a_feasible_operator_is_listed_without_rows(two_operators: ModelData) -> None:
    """With only the smartphones rows and BigCo at 10 %: BigCo's 6.4 (rows) + 3.2 (20/100 of
    automotive's 16, by capacity) = 9.6 kwspm fit under its ceiling of 16: it is listed with
    no shortfall and none of its rows in ``rows``. In 2026 TinyFab has no capacity yet (its
    fab opens in 2027): the engine gives it nothing, and all its rows' orders are short."""
    rows = two_operators.sourcing_shares.iloc[[0, 1]].assign(share_pct=[50.0, 10.0])
    data = replace(two_operators, sourcing_shares=rows)
    check = sourcing_check(data, 2027)
    bigco = check.operators.set_index("operator_id").loc["bigco"]
    assert bigco.orders_kwspm == pytest.approx(9.6)
    assert bigco.shortfall_kwspm == 0.0 and bigco.shortfall_pct == 0.0
    assert set(check.rows["operator_id"]) == {"tinyfab"}
    early = sourcing_check(data, 2026).operators.set_index("operator_id").loc["tinyfab"]
    assert early.capacity_kwspm == 0.0 and early.served_kwspm == 0.0
    assert early.by_capacity_kwspm == 0.0 and early.orders_kwspm == early.rows_kwspm > 0
    assert early.shortfall_pct == pytest.approx(100.0)


def test_an_unknown_class_names_the_field(two_operators: ModelData) -> None:
    """An unknown node class is an error naming the caller's field, the value and the choices."""
    with pytest.raises(UnknownCodeError) as err:
        sourcing_check(two_operators, 2027, ["n7"], field="--node")
    text = str(err.value)
    assert "--node" in text and "n7" in text and "lt10" in text


#: the shipped data's short (operator, node class) pairs in 2027: the lines of their rows in
#: sourcing_shares.csv, and whether the rows alone exceed the fabs' ceiling (a new infeasible
#: row, or a fixed one, changes this on purpose)
SHIPPED_SHORT_2027 = {
    ("tsmc", "lt10"): ("2, 25, 28", True),
    # release 18 (data19): with the AI market rebuilt (170 -> 207 bn) the other markets hold fewer
    # wafers, so TSMC's 28-45 nm rows (278.0 kwspm) now fit its ceiling (283.3)
    ("tsmc", "n28_45"): ("17, 38", False),
    ("intel", "n10_22"): ("30", False),
    # release 21 (idm22): the IDMs' >45nm rows are wafer shares from their own fabs' capacity, so
    # they fit; the rest of each shortfall is the by-capacity part of the other markets' wafers
    ("infineon", "gt45"): ("13, 33", False),
    ("ti", "gt45"): ("15, 32", False),
    ("st", "gt45"): ("14, 34", False),
    ("samsung", "dram"): ("3", True),
    ("renesas", "gt45"): ("16, 37", False),
    ("micron", "nand"): ("12", True),
    ("skhynix", "nand"): ("11", True),
    ("samsung", "nand"): ("9", True),
    # release 21 (idm22): the NAND rows are the makers' 2026 wafer shares; every maker is ~4 %
    # short, as the class's 2027 demand is above 0.85 x the makers' wafers (Kioxia joins)
    ("kioxia", "nand"): ("10", True),
    # release 18 (data19): NXP's automotive >45nm row (line 44) joins its industrial one
    ("nxp", "gt45"): ("35, 44", False),
    ("micron", "dram"): ("5", True),
    ("skhynix", "dram"): ("4", True),
    # release 18 (cov19): onsemi Bucheon's SiC line (18.5 kwspm) lets its row 36 fit its fabs;
    # the rest of its shortfall is its by-capacity part of the other markets' >45nm wafers
    ("onsemi", "gt45"): ("36", False),
    ("globalfoundries", "n28_45"): ("41", False),
    ("cxmt", "dram"): ("6", True),
    ("nanya", "dram"): ("7", True),
    ("umc", "n28_45"): ("40", False),
    ("huahong", "n28_45"): ("42", False),
    ("winbond", "dram"): ("8", True),
    # release 16 (feas17): its row is Naka's own wafers (2 %, was 14 %), which fit; the rest
    # of its shortfall is its by-capacity part of the other markets' 28-45 nm wafers
    ("renesas", "n28_45"): ("18", False),
    # release 20 (idm21): the IDMs' outsourced >45nm wafers on four foundry rows (lines 45-52),
    # which fit their fabs; their shortfall is the other markets' >45nm wafers spread by capacity
    ("tsmc", "gt45"): ("45, 49", False),
    ("umc", "gt45"): ("46, 50", False),
    ("vis", "gt45"): ("47, 51", False),
    # release 21 (idm22): GlobalFoundries' rows keep only its by-capacity part and fit; it is no
    # longer short
}


def test_shipped_shortfalls_are_pinned(real_data: ModelData) -> None:
    """Shipped data, 2027: exactly the pinned operator x class pairs are short; each row's
    file_row is its line in sourcing_shares.csv (its market, class, operator and share) and
    the rows' parts add up to the operator's ``rows_kwspm``; the operator's orders are the
    engine's sourced orders (`sourcing_table`'s sourced share x the market's demand, summed
    over markets) and what it serves the view's served ones."""
    check = sourcing_check(real_data, 2027)
    ops = check.operators
    short = ops[ops["shortfall_kwspm"] > 0]
    got = {
        (r.operator_id, r.node_class): (r.file_rows, r.rows_shortfall_kwspm > 0)
        for r in short.itertuples()
    }
    assert got == SHIPPED_SHORT_2027
    assert (short["shortfall_kwspm"].diff().dropna() <= 0).all()  # largest first
    renesas = short.set_index(["operator_id", "node_class"]).loc[("renesas", "n28_45")]
    assert renesas.capacity_kwspm == pytest.approx(12.9, abs=0.05)  # Naka
    assert renesas.rows_kwspm < renesas.ceiling_kwspm < renesas.orders_kwspm
    curated = read_curated(default_paths().curated).sourcing_shares
    for r in check.rows.itertuples():
        line = curated.iloc[r.file_row - 2]
        assert (line.market, line.node_class, line.operator_id) == (
            r.market,
            r.node_class,
            r.operator_id,
        )
        assert float(line.share_pct) == r.share_pct
    parts = check.rows.groupby(["operator_id", "node_class"])["orders_kwspm"].sum()
    for (op, c), kw in parts.items():
        assert short.set_index(["operator_id", "node_class"]).loc[(op, c)].rows_kwspm == (
            pytest.approx(kw)
        )
    view = sourcing_table(real_data, 2027).table
    for r in ops.itertuples():
        mine = view[(view.operator == r.operator_id) & (view.node_class == r.node_class)]
        assert mine["served_kwspm"].sum() == pytest.approx(r.served_kwspm, rel=1e-9)
        assert (mine["served_pct"] > 0).all()
        sourced = mine["served_kwspm"] * mine["sourced_pct"] / mine["served_pct"]
        assert sourced.sum() == pytest.approx(r.orders_kwspm, rel=1e-9)
    # each row's served share is the view's for the market that reads it (review 8, finding 8)
    for r in check.rows[check.rows.market != "all"].itertuples():
        cell = view[
            (view.operator == r.operator_id)
            & (view.node_class == r.node_class)
            & (view.market == r.market)
        ]
        assert cell.served_pct.item() == pytest.approx(r.served_pct, rel=1e-9)


def test_a_row_that_fits_is_served_below_its_share(real_data: ModelData) -> None:
    """Review 8, finding 8: TSMC's 28-45 nm rows fit its ceiling (243.9 of 266.6 kwspm on
    release 19, whose AI market, on its sourced path (515 bn in 2027), leaves the other markets
    fewer wafers in 2027 (261.7 on release 18), and whose utilisation_n28_45 makes the ceiling
    0.80 x 333.3), yet its 33 % of cars' wafers is served at 22.1 %: the unsourced wafers spread
    by capacity add 154.6 kwspm to its orders (398.5) and the engine cuts every order to TSMC by
    one factor, ceiling / orders = 266.6 / 398.5. The rows table says it (served_pct), and the
    view's cell agrees."""
    check = sourcing_check(real_data, 2027, ["n28_45"])
    tsmc = check.operators.set_index(["operator_id", "node_class"]).loc[("tsmc", "n28_45")]
    assert tsmc.rows_shortfall_kwspm == 0.0
    assert tsmc.rows_kwspm == pytest.approx(243.9, abs=0.05)
    assert tsmc.by_capacity_kwspm == pytest.approx(154.6, abs=0.05)
    assert tsmc.orders_kwspm == pytest.approx(398.5, abs=0.05)
    assert tsmc.served_kwspm == pytest.approx(tsmc.ceiling_kwspm) == pytest.approx(266.6, abs=0.05)
    cars = check.rows[(check.rows.operator_id == "tsmc") & (check.rows.market == "automotive")]
    assert cars.share_pct.item() == 33.0
    assert cars.served_pct.item() == pytest.approx(33.0 * 266.64 / 398.52, abs=1e-3)
    assert round(cars.served_pct.item(), 1) == 22.1


def test_readme_quotes_the_served_shares(real_data: ModelData) -> None:
    """The README's sourcing paragraph quotes TSMC's served share of cars' 28-45 nm wafers and
    of AI's sub-10 nm wafers, and Taiwan's and Korea's, in 2027, as `chipshock sourcing` gives
    them (it read 21 %, 52 % and 65 % when the view gave 22.1 %, 50.9 % and 63.6 %)."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    text = " ".join(readme.split())
    quoted = re.search(
        r"wafers in 2027 and serves about (\d+) %; at 90 % of AI's sub-10 nm wafers it serves "
        r"about (\d+) % \(Taiwan as a whole (\d+) %, Korea (\d+) %\)",
        text,
    )
    assert quoted is not None
    operators = sourcing_table(real_data, 2027, ["automotive", "ai_datacenter"]).table
    regions = sourcing_table(real_data, 2027, ["ai_datacenter"], ["lt10"], by="region").table

    def served(table: pd.DataFrame, market: str, node: str, column: str, key: str) -> int:
        row = table[(table.market == market) & (table.node_class == node) & (table[column] == key)]
        return round(row.served_pct.item())

    assert [int(q) for q in quoted.groups()] == [
        served(operators, "automotive", "n28_45", "operator", "tsmc"),
        served(operators, "ai_datacenter", "lt10", "operator", "tsmc"),
        served(regions, "ai_datacenter", "lt10", "region", "TWN"),
        served(regions, "ai_datacenter", "lt10", "region", "KOR"),
    ]
