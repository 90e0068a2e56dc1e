"""``/api/fabs`` gives each fab the years in which the ``year`` filter lists it
(``producing_from_year``..``producing_until_year``, by `filter_fabs`, the rule of
`chipshock fabs --year`), so that the map's year slider needs no rule of its own."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import AsgiClient

from chipshock.analysis.alliance import filter_fabs
from chipshock.data.store import load_alliance


def _in_range(row: dict[str, object], year: int) -> bool:
    first, last = row["producing_from_year"], row["producing_until_year"]
    assert isinstance(first, int | None) and isinstance(last, int | None)
    return first is not None and last is not None and first <= year <= last


def test_each_fab_range_gives_the_year_filter_for_every_year(
    api: AsgiClient, store_path: Path
) -> None:
    """For every year the API accepts, the fabs whose range holds it are exactly those
    `filter_fabs(year=...)` keeps, and those ``?year=`` returns."""
    rows = api.get("/api/fabs").json()["rows"]
    fabs = load_alliance(store_path).fabs
    assert len(rows) == len(fabs)
    for year in range(1950, 2101):
        ranged = sorted(str(r["fab_id"]) for r in rows if _in_range(r, year))
        assert ranged == sorted(filter_fabs(fabs, year=year)["fab_id"]), year
    for year in (2020, 2027, 2035):
        listed = api.get(f"/api/fabs?year={year}").json()["rows"]
        assert sorted(r["fab_id"] for r in listed) == sorted(
            str(r["fab_id"]) for r in rows if _in_range(r, year)
        )


def test_closed_on_hold_and_undated_fabs_have_their_range(api: AsgiClient) -> None:
    """A closed fab produces until the year before it closed; a fab on hold, cancelled or
    under construction without a start year never; an operating fab from its start year on,
    open-ended (2100, the last year ``year`` accepts)."""
    rows = {r["fab_id"]: r for r in api.get("/api/fabs").json()["rows"]}
    closed = rows["microchip-tempe-fab2"]
    assert closed["status"] == "closed" and closed["producing_until_year"] == 2024
    for fab_id in ("intel-fab38-israel", "st-gf-crolles-new", "smic-shanghai-lingang"):
        assert rows[fab_id]["producing_from_year"] is None, fab_id
        assert rows[fab_id]["producing_until_year"] is None, fab_id
    rapidus = rows["rapidus-iim1"]
    assert rapidus["producing_from_year"] == rapidus["production_start_year"]
    assert rapidus["producing_until_year"] == 2100
    assert all(
        r["producing_from_year"] is None for r in rows.values() if r["status"] == "cancelled"
    )
