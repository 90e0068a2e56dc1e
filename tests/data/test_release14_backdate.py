"""Data release 14 (backdate): fabs that ran in 2022 have a 2022 level.

After the last observed anchor year (SIA/BCG's 2022) the engine holds each region's "other
fabs" at no less than their 2022 level (`chipshock.sim.network.remainders`). A fab that ran in
2022 but whose first fab_capacity.csv row was later sat in that floor and again as itself from
its first row: counted twice whenever the region's total grew enough. Nine fabs that ran before
2022 and one 2022 starter (BYD Jinan, production from January 2022) get a 2022 row; the loader
now refuses a fab that ran before the observed anchor year without a row by then.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from chipshock.data.curated import load_curated
from chipshock.model.chain import SupplyChain
from chipshock.sim.network.producers import Network

from .conftest import edit
from .coverage_helpers import CURATED, cell, curated_rows, fab_kwspm, shipped_network

RELEASE_NOTE = "Data release 14 (backdate)"
#: the 2022 rows added, kwspm: (fab, class) -> 2022 level
ROWS_2022 = {
    ("skhynix-icheon-m14", "dram"): 200.0,  # the 2024 level held back
    ("cxmt-hefei", "dram"): 100.0,  # ~100k a month until 1Q24 (Omdia via ChosunBiz)
    ("tsmc-fab10-shanghai", "gt45"): 38.3,  # the 2023 level held back (41.9 before release 17)
    ("tsmc-wafertech-camas", "gt45"): 38.3,
    ("infineon-villach300", "gt45"): 10.0,  # half of the 2023 ramp row (20.0)
    ("microchip-gresham-fab4", "gt45"): 15.6,
    ("nexchip-hefei", "gt45"): 130.0,
    ("nexchip-hefei", "n28_45"): 20.0,
    ("bosch-roseville", "gt45"): 3.7,
    ("skhynix-icheon-m10", "gt45"): 9.8,
    ("skhynix-icheon-m10", "n28_45"): 4.2,
    ("byd-jinan-8inch", "gt45"): 6.65,  # half of 13.3 in the first year of production
}
#: 2022 starters left without a 2022 row: volume began late in 2022 (the year rule)
LATE_2022 = (
    "ti-lehi-lfab",
    "st-agrate300",
    "byd-changsha-8inch",
    "wolfspeed-mohawk-valley",
    "crmicro-chongqing-12inch",  # first products 22 Dec 2022 (data release 15, data16)
)
BACKDATE_MESSAGE = "so it would be counted twice"


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2021-2028."""
    return shipped_network(chain, tuple(range(2021, 2029)))


def _line_of(path: Path, prefix: str) -> int:
    """1-based line number of the first line of ``path`` starting with ``prefix``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(prefix))


def _backdate_errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).errors if BACKDATE_MESSAGE in str(p)]


def test_new_rows_are_low_confidence_estimates_of_2022() -> None:
    """Each new row is in 2022, an estimate with confidence low and an assumption, and says
    which release added it; nothing else carries the note."""
    mine = [r for r in curated_rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {(r["fab_id"], r["node_class"]) for r in mine} == set(ROWS_2022)
    for r in mine:
        assert r["year"] == "2022", r
        assert r["method"].startswith("estimate: "), r
        assert r["confidence"] == "low", r
        assert "assumption:" in r["note"], r
        key = (r["fab_id"], r["node_class"])
        assert float(r["capacity_wspm"]) / 1000 == pytest.approx(ROWS_2022[key]), key


def test_backdated_fabs_reach_the_network_in_2022(network: Network) -> None:
    """Each fab holds its 2022 level in 2022, and nothing in 2021 only where it has no earlier
    row (none of them has one)."""
    for (fab_id, node_class), kwspm in ROWS_2022.items():
        assert fab_kwspm(network, fab_id, node_class, 2022) == pytest.approx(kwspm), fab_id
        assert fab_kwspm(network, fab_id, node_class, 2021) == 0.0, fab_id


def test_later_rows_are_unchanged(network: Network) -> None:
    """The first rows of before are still where they were: M14 200 in 2024 and 137 in 2025,
    CXMT 100 in 2023 (the 2022 row held) and 135 in 2024, Villach 20 in 2023, Jinan 13.3."""
    assert fab_kwspm(network, "skhynix-icheon-m14", "dram", 2025) == pytest.approx(137.0)
    assert fab_kwspm(network, "cxmt-hefei", "dram", 2023) == pytest.approx(100.0)
    assert fab_kwspm(network, "cxmt-hefei", "dram", 2024) == pytest.approx(135.0)
    assert fab_kwspm(network, "infineon-villach300", "gt45", 2023) == pytest.approx(20.0)
    assert fab_kwspm(network, "byd-jinan-8inch", "gt45", 2023) == pytest.approx(13.3)


def test_every_fab_that_ran_before_2022_has_a_row_by_2022() -> None:
    """On the shipped files, read independently of the loader: every fab with capacity rows,
    production_start_year < 2022 and not cancelled or announced has a row in or before 2022;
    the 2022 starters of late 2022 have none (their volume began in the fourth quarter)."""
    first: dict[str, int] = {}
    for r in curated_rows("fab_capacity.csv"):
        first[r["fab_id"]] = min(first.get(r["fab_id"], 9999), int(r["year"]))
    late = []
    for fab in curated_rows("fabs.csv"):
        start, fab_id = fab["production_start_year"], fab["fab_id"]
        if not start or fab_id not in first or fab["status"] in ("cancelled", "announced"):
            continue
        if int(start) < 2022:
            assert first[fab_id] <= 2022, fab_id
        elif int(start) == 2022 and first[fab_id] > 2022:
            late.append(fab_id)
    assert sorted(late) == sorted(LATE_2022)


def test_shipped_data_passes_the_check() -> None:
    """The loader's check finds nothing on the shipped files."""
    assert _backdate_errors(CURATED) == []


def test_check_refuses_a_fab_whose_first_row_is_after_2022(curated_dir: Path) -> None:
    """Without its 2022 row, SK hynix M14 (ran from 2015) has its first row in 2024: an error
    at that row's year, naming the fab, its fabs.csv row and the year it needs."""
    path = curated_dir / "fab_capacity.csv"
    line = next(
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.startswith("skhynix-icheon-m14,dram,2022,")
    )
    edit(path, line + "\n", "")
    row_2024 = _line_of(path, "skhynix-icheon-m14,dram,2024,")
    fabs_row = _line_of(curated_dir / "fabs.csv", "skhynix-icheon-m14,")
    msgs = _backdate_errors(curated_dir)
    assert len(msgs) == 1, msgs
    m = msgs[0]
    assert f"fab_capacity.csv, row {row_2024}, column 'year'" in m, m
    assert "skhynix-icheon-m14 ran from 2015" in m and f"fabs.csv row {fabs_row}" in m, m
    assert "got '2024'" in m and "in or before 2022" in m, m


def test_check_lets_a_2022_starter_or_a_cancelled_fab_pass(curated_dir: Path) -> None:
    """The same missing row passes when the fab starts in 2022 (it may have begun late in the
    year) or is cancelled (it never ran); a start in 2021 is refused again."""
    path = curated_dir / "fab_capacity.csv"
    line = next(
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.startswith("skhynix-icheon-m14,dram,2022,")
    )
    edit(path, line + "\n", "")
    fabs = curated_dir / "fabs.csv"
    edit(
        fabs,
        ",operating,2015,,,https://prod.biz.chosun.com",
        ",operating,2022,,,https://prod.biz.chosun.com",
    )
    assert _backdate_errors(curated_dir) == []
    edit(
        fabs,
        ",operating,2022,,,https://prod.biz.chosun.com",
        ",operating,2021,,,https://prod.biz.chosun.com",
    )
    assert len(_backdate_errors(curated_dir)) == 1
    edit(
        fabs,
        ",operating,2021,,,https://prod.biz.chosun.com",
        ",cancelled,2021,,,https://prod.biz.chosun.com",
    )
    assert _backdate_errors(curated_dir) == []


def test_check_follows_the_observed_anchor_year(curated_dir: Path) -> None:
    """The year asked for is the last observed anchor year, read from regional_capacity.csv:
    with the DRAM anchors of 2022 relabelled 2021, M14's first row (2022) is after it, and a
    fab running since 2015 needs a row by 2021."""
    path = curated_dir / "regional_capacity.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    moved = 0
    for r in rows:
        if r["category"] == "DRAM" and r["year"] == "2022":
            r["year"] = "2021"
            moved += 1
    assert moved
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    msgs = _backdate_errors(curated_dir)
    assert any("skhynix-icheon-m14" in m and "in or before 2021" in m for m in msgs), msgs


def test_usa_gt45_other_fabs_fall_by_the_three_fabs(network: Network) -> None:
    """USA >45nm: Camas 41.9 + Gresham 15.6 + Roseville 3.7 = 61.2 leave the 2022 other fabs
    (342.3 -> 281.1); in 2025 that floor bound the remainder at lin = 586.0 - 264.0 = 322.0,
    now the remainder is the floor 281.1, so the engine holds 264.0 + 281.1 = 545.1 (40.9
    less)."""
    assert round(342.3 - 41.9 - 15.6 - 3.7, 1) == 281.1
    # release 17 (data18c): Camas is 38.3 (Fab 16 subtracted at 65k), so 3.6 less itemised
    # and 3.6 more in the floor (284.7); the 2025 total does not move: 260.4 + 284.7 = 545.1
    assert round(342.3 - 38.3 - 15.6 - 3.7, 1) == 284.7
    itemised, total = cell(network, "USA", "gt45", 2022)
    # release 24 (gt45b): the total x 3,910 / 3,600 (468.0 before), so the floor is 325.0
    assert (itemised, total) == pytest.approx((183.3, 468.0 * 3_910 / 3_600), abs=0.05)
    assert total - itemised == pytest.approx(284.7 + 40.3, abs=0.05)
    itemised, total = cell(network, "USA", "gt45", 2025)
    # 545.1 until release 21 (gt45: world >45nm row 4,380 in 2023, 5,070 in 2026); 574.1 until
    # release 24 (gt45b), when the floor (325.0) bound the remainder again: 260.4 + 325.0
    assert (itemised, total) == pytest.approx((260.4, 585.35), abs=0.06)


def test_europe_gt45_drops_villach_from_the_floor(network: Network) -> None:
    """EUR >45nm: Villach's 10.0 of 2022 leaves the other fabs (136.5 -> 126.5), so the engine
    holds 272.1 + 126.5 = 398.6 in 2025 (408.6 before)."""
    itemised, total = cell(network, "EUR", "gt45", 2025)
    # release 22 (audit): ST Rousset's 2011 row moves 5.8 from the other fabs to the itemised;
    # release 24 (gt45b): the 2022 floor is 151.1 (120.7 before), so the total 398.6 -> 429.0
    assert (itemised, total) == pytest.approx((272.1 + 5.8, 277.9 + 151.08), abs=0.05)


@pytest.mark.parametrize(
    ("region", "node_class", "year", "itemised", "total"),
    [
        ("KOR", "dram", 2022, 350.0, 893.2),  # 150.0 + M14 200.0; 52.54 % of 1,700 (release 18)
        ("CHN", "dram", 2022, 280.0, 361.25),  # 180.0 + CXMT 100.0; 21.25 % of 1,700 (release 18)
        # 584.7 + Nexchip 130 + Fab 10 38.3 + Jinan 6.65; the total 1,188.0 x 3,910 / 3,600 since
        # release 24 (gt45b)
        ("CHN", "gt45", 2022, 759.65, 1290.3),
        ("KOR", "n28_45", 2022, 70.2, 75.4),  # 66.0 + M10 4.2
    ],
)
def test_2022_cells_hold_the_backdated_fabs(
    network: Network, region: str, node_class: str, year: int, itemised: float, total: float
) -> None:
    """The 2022 cells gain the new rows; their totals do not move."""
    assert cell(network, region, node_class, year) == pytest.approx((itemised, total), abs=0.05)
