"""Japan's and Europe's mature fabs (data release 8, dataJE), seen as the engine sees them.

Release 8 itemises twenty power, analog, MCU and foundry fabs of Japan and the EU-27 whose
capacity was a remainder ("other fabs") before: Renesas Naka's 200mm lines, TPSCo, Japan
Semiconductor Iwate, Fuji Electric, ROHM Apollo Chikugo, TI Aizu and Miho, MinebeaMitsumi
Chitose and Yasu, Denso Kota, the Kaga Toshiba lines beside its release-7 200mm fab; Nexperia
Hamburg, ST Rousset and Catania, X-FAB Dresden and France, Infineon Regensburg, Dresden's 200mm
fab and Villach's 150/200mm fabs, ams OSRAM Premstaetten; and NXP Nijmegen (listed since
release 2) gets its first capacity row. The tests pin a few of their capacities, that a headline
wafer figure in fabs.csv turns into its 300mm-equivalent row, and the coverage the two >45nm
cells now reach (SOURCES.md, "Japan and Europe fabs (release 8, dataJE)").
"""

from __future__ import annotations

import csv
import math
from importlib import resources
from pathlib import Path

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network.producers import Network, build_network

from .coverage_helpers import coverage_pct as _coverage_pct

CURATED = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))
RELEASE_NOTE = "Data release 8 (dataJE)."
JAPAN_FABS = (
    "renesas-naka-200mm",
    "tpsco-hokuriku",
    "japan-semi-iwate",
    "fuji-electric-power-fabs",
    "rohm-apollo-chikugo",
    "ti-aizu",
    "ti-miho",
    "minebea-chitose",
    "mmi-semiconductor-yasu",
    "denso-kota",
    "toshiba-kaga-other-lines",
)
EUROPE_FABS = (
    "nexperia-hamburg",
    "st-rousset-200mm",
    "xfab-dresden",
    "xfab-france",
    "infineon-regensburg",
    "infineon-villach-200mm",
    "infineon-dresden-200mm",
    "ams-osram-premstaetten",
    "st-catania-sic",
)
#: Fabs of earlier releases without capacity that release 8 gives their first capacity rows.
EXTENDED_FABS = ("nxp-nijmegen-icn8",)
#: 300mm-equivalent wafers per wafer of each size (SOURCES.md, fab_capacity.csv): area ratio.
PER_WAFER = {"150": 0.25, "200": 0.444, "300": 1.0}
#: Coverage (% itemised of the regional total) each >45nm cell reached with release 8; the
#: release-7 figures were JPN 27.3 / 25.2 and EUR 22.2 / 34.4 (2025 / 2027).
COVERAGE_FLOOR = {
    ("JPN", 2025): 57.5,
    # release 9 (dataB): Renesas Kofu cut to its 6,000 m2 in operation (-10.1 kwspm from
    # 2026) and onsemi Aizu added (+6.7): 52.3 -> 51.8
    ("JPN", 2027): 51.5,
    ("EUR", 2025): 46.5,
    ("EUR", 2027): 56.5,
}


@pytest.fixture(scope="module")
def network(chain: SupplyChain) -> Network:
    """The producers of the shipped data in 2025, 2027 and 2028."""
    return build_network(ModelData.from_folder(CURATED, chain), (2025, 2027, 2028))


def _rows(name: str) -> list[dict[str, str]]:
    with (CURATED / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _capacity_kwspm(network: Network, producer_id: str, year: int) -> float:
    ids = [p.producer_id for p in network.producers]
    assert producer_id in ids, f"{producer_id} is not a producer"
    return float(network.capacity[ids.index(producer_id), network.years.index(year)])


def test_every_new_fab_is_a_producer_in_its_region(network: Network) -> None:
    """Each release-8 fab holds >45nm capacity in 2028 (ST Catania's first end-of-year level
    holds from 2028 under the year rule of data release 12; was 2027) and sits in JPN or EUR by
    its country."""
    for fab_ids, region in ((JAPAN_FABS, "JPN"), (EUROPE_FABS, "EUR")):
        for fab_id in fab_ids:
            assert _capacity_kwspm(network, f"{fab_id}:gt45", 2028) > 0, fab_id
            regions = {p.region for p in network.producers if p.fab_id == fab_id}
            assert regions == {region}, (fab_id, regions)


@pytest.mark.parametrize(
    ("producer_id", "year", "kwspm"),
    [
        ("nexperia-hamburg:gt45", 2025, 18.6),  # 42,000 8-inch-equivalent x 0.444
        # release 22 (audit): 8,000 a week at end-2010 (9.6 until then: 5,000 a week, 2004)
        ("st-rousset-200mm:gt45", 2025, 15.4),  # 8,000 200mm a week x 52 / 12 x 0.444
        ("xfab-dresden:gt45", 2025, 5.1),  # 11,500 200mm starts a month x 0.444
        ("tpsco-hokuriku:gt45", 2025, 25.2),  # two thirds of 85k 200mm-eq x 0.444 (Arai shut)
        ("fuji-electric-power-fabs:gt45", 2025, 22.6),  # 3 x 17,000 200mm x 0.444
        ("st-catania-sic:gt45", 2025, 0.0),  # production from 2026
        # one seventh of 15,000/week x 52/12 x 0.444 at the end of 2027: from 2028 under the
        # year rule of data release 12 (was 2027)
        ("st-catania-sic:gt45", 2027, 0.0),
        ("st-catania-sic:gt45", 2028, 4.1),
        ("toshiba-kaga-other-lines:gt45", 2025, 35.3),  # 100k 150mm + 20% from the 300mm line
        # release 7's 200mm fab, unchanged beside it: 26.7 (data release 11: + half of the new
        # 300mm building's 35k in 2025)
        ("toshiba-kaga:gt45", 2025, 44.2),
        ("nxp-nijmegen-icn8:gt45", 2025, 11.1),  # Philips MOS4YOU: 300k 8-inch a year (1999)
    ],
)
def test_pinned_capacities(network: Network, producer_id: str, year: int, kwspm: float) -> None:
    """A few release-8 capacities, in kwspm of 300mm-equivalent wafers."""
    assert _capacity_kwspm(network, producer_id, year) == pytest.approx(kwspm, abs=0.05)


def test_headline_wafers_become_300mm_equivalents() -> None:
    """Where a new fab's headline capacity_wspm is in its own wafers, its latest capacity row is
    that figure times the area ratio of its wafer size (TPSCo excepted: Arai shut in 2022; Denso
    Kota and the Kaga lines: a later row adds a second wafer size; Fuji Electric: a later row adds
    a SiC line)."""
    fabs = {r["fab_id"]: r for r in _rows("fabs.csv")}
    latest: dict[str, tuple[int, float]] = {}
    for r in _rows("fab_capacity.csv"):
        year, value = int(r["year"]), float(r["capacity_wspm"])
        if r["fab_id"] not in latest or year > latest[r["fab_id"]][0]:
            latest[r["fab_id"]] = (year, value)
    checked = 0
    for fab_id in JAPAN_FABS + EUROPE_FABS:
        fab = fabs[fab_id]
        # (data release 11: Fuji Electric's Matsumoto SiC line is added on top from 2027)
        mixed = (
            "tpsco-hokuriku",
            "denso-kota",
            "toshiba-kaga-other-lines",
            "fuji-electric-power-fabs",
        )
        if fab_id in mixed or not fab["capacity_wspm"]:
            continue
        expected = float(fab["capacity_wspm"]) * PER_WAFER[fab["wafer_size_mm"]]
        assert latest[fab_id][1] == pytest.approx(expected, rel=0.01), fab_id
        checked += 1
    assert checked == 11  # 12 before data release 11 (Fuji Electric now mixed)


def test_new_rows_are_sourced_estimates_marked_low() -> None:
    """Every release-8 capacity row has a source and as-of date, says how it was made and is
    labelled low: none of the figures is a current company capacity statement."""
    new = [r for r in _rows("fab_capacity.csv") if RELEASE_NOTE in r["note"]]
    assert {r["fab_id"] for r in new} == set(JAPAN_FABS + EUROPE_FABS + EXTENDED_FABS)
    for r in new:
        assert r["source_url"].startswith("http") and r["as_of"], r["fab_id"]
        assert r["method"].startswith("estimate: ") and r["confidence"] == "low", r["fab_id"]


@pytest.mark.parametrize(("region", "year"), sorted(COVERAGE_FLOOR))
def test_mature_cells_reach_their_release8_coverage(
    network: Network, region: str, year: int
) -> None:
    """Japan's and Europe's >45nm cells are itemised at least as far as release 8 claims, and
    still below their totals (no new fab pushes a cell over)."""
    pct = _coverage_pct(network, region, "gt45", year)
    assert COVERAGE_FLOOR[(region, year)] <= pct < 100.0, pct


def test_other_japan_europe_cells_did_not_move(network: Network) -> None:
    """Release 8 adds no capacity outside the >45nm class: the other logic cells keep their
    release-7 coverage (JPN lt10 13.5 / 18.75, 19.0 before SEMI's 2026 world lt10 row;
    EUR n10_22 87.1 / 72.8; since session 12 coverage counts what the engine holds, the total
    less the part ahead of the registry: JPN lt10 100 / 100, EUR n10_22 88.5 / 88.8; data release
    14 gives GF Dresden capacity from 2020: EUR n10_22 97.9 / 97.9).
    Europe's lt10 cell, 0 / 0 until release 9, holds Intel Fab 34's 45 kwspm from release 10
    (the total of 2025 is exceeded: coverage_helpers.PENDING_TOTALS)."""
    # JPN lt10 2025: nothing in the engine since data release 12's year rule (Rapidus' pilot
    # line, installed by end-2025, counts from 2026), so no coverage to measure
    assert math.isnan(_coverage_pct(network, "JPN", "lt10", 2025))
    # and 2027 since data release 23 (the pilot line's prototypes are no saleable supply; 100 %
    # of 2.0 kwspm before)
    assert math.isnan(_coverage_pct(network, "JPN", "lt10", 2027))
    expected = {
        ("EUR", "lt10", 2025): 254.6,
        ("EUR", "lt10", 2027): 117.2,
        # release 14 (usfabs): GF Dresden's 22FDX from 2020 (7.5k) closes the 2022 gap the engine
        # carried as other fabs: 88.5 -> 97.9 (69.0 of 70.5) and 88.6 -> 97.9 (70.2 of 71.7)
        ("EUR", "n10_22", 2025): 97.9,
        ("EUR", "n10_22", 2027): 97.9,  # 88.8 before the year rule (release 12: GF Dresden's ramp)
    }
    for (region, cls, year), pct in expected.items():
        assert _coverage_pct(network, region, cls, year) == pytest.approx(pct, abs=0.1)
