"""``/api/fabs`` gives each fab the years in which the ``year`` filter lists it
(``producing_from_year``..``producing_until_year``, by `fabs_in_year`, the rule of
`chipshock fabs --year`: dated by the registry and with capacity in the model that year), and
the years the registry alone dates it producing (``registry_from_year``..
``registry_until_year``, by `filter_fabs`), so that the map's year slider needs no rule of its
own."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import AsgiClient

from chipshock.analysis.alliance import filter_fabs
from chipshock.analysis.fab_years import fabs_in_year
from chipshock.data.store import load_alliance


def _in_range(row: dict[str, object], year: int, kind: str = "producing") -> bool:
    first, last = row[f"{kind}_from_year"], row[f"{kind}_until_year"]
    assert isinstance(first, int | None) and isinstance(last, int | None)
    return first is not None and last is not None and first <= year <= last


def test_each_fab_range_gives_the_year_filter_for_every_year(
    api: AsgiClient, store_path: Path
) -> None:
    """For every year the API accepts, the fabs whose range holds it are exactly those
    `fabs_in_year` lists (and whose registry range holds it, those `filter_fabs(year=...)`
    keeps), and those ``?year=`` returns."""
    rows = api.get("/api/fabs").json()["rows"]
    data = load_alliance(store_path)
    assert len(rows) == len(data.fabs)
    for year in range(1950, 2101):
        dated = filter_fabs(data.fabs, year=year)
        listed = fabs_in_year(dated, data.fabs, data.fab_capacity, year).listed
        ranged = sorted(str(r["fab_id"]) for r in rows if _in_range(r, year))
        assert ranged == sorted(listed["fab_id"]), year
        by_registry = sorted(str(r["fab_id"]) for r in rows if _in_range(r, year, "registry"))
        assert by_registry == sorted(dated["fab_id"]), year
    for year in (2020, 2027, 2035):
        listed_rows = api.get(f"/api/fabs?year={year}").json()["rows"]
        assert sorted(r["fab_id"] for r in listed_rows) == sorted(
            str(r["fab_id"]) for r in rows if _in_range(r, year)
        )


def test_closed_on_hold_and_undated_fabs_have_their_range(api: AsgiClient) -> None:
    """A closed fab produces until the year before it closed; a fab on hold, cancelled or
    under construction without a start year never; a fab whose capacity rows start after the
    registry's start year from its first year of capacity, open-ended (2100, the last year
    ``year`` accepts); a wafer fab with no capacity row never."""
    rows = {r["fab_id"]: r for r in api.get("/api/fabs").json()["rows"]}
    closed = rows["microchip-tempe-fab2"]
    assert closed["status"] == "closed" and closed["producing_until_year"] == 2024
    for fab_id in ("intel-fab38-israel", "st-gf-crolles-new", "smic-shanghai-lingang"):
        assert rows[fab_id]["producing_from_year"] is None, fab_id
        assert rows[fab_id]["producing_until_year"] is None, fab_id
    rapidus = rows["rapidus-iim1"]
    assert rapidus["registry_from_year"] == rapidus["production_start_year"] == 2025
    assert rapidus["producing_from_year"] == 2028
    assert rapidus["producing_until_year"] == 2100
    assert rows["kioxia-kitakami-k2"]["registry_from_year"] == 2025
    assert rows["kioxia-kitakami-k2"]["producing_from_year"] is None
    assert all(
        r["producing_from_year"] is None for r in rows.values() if r["status"] == "cancelled"
    )
