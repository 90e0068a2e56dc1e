"""Release 16 (src17; review 7, finding 9): the material chokepoints cite the USGS Mineral
Commodity Summaries 2025 where it gives a country figure, and the G7 rows an official page.

Read from the shipped files. The shares are checked against the USGS tonnages by hand
(largest-remainder rounding, so each stage sums to 100)."""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.data.store import default_paths

MCS = "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-"


def _curated(name: str) -> pd.DataFrame:
    return pd.read_csv(default_paths().curated / name)


def _largest_remainder(amounts: dict[str, float]) -> dict[str, float]:
    """Whole percentages of ``amounts`` that sum to 100 (ties go to the earlier key)."""
    total = sum(amounts.values())
    exact = {k: 100 * v / total for k, v in amounts.items()}
    floors = {k: int(x) for k, x in exact.items()}
    left = 100 - sum(floors.values())
    order = sorted(exact, key=lambda k: -(exact[k] - floors[k]))
    return {k: float(floors[k] + (1 if k in order[:left] else 0)) for k in amounts}


# 2024 estimates of the USGS chapters (tonnes; fluorspar thousand tonnes); ROW is the rest.
USGS_2024 = {
    "tungsten": {"CHN": 67_000, "VNM": 3_400, "RUS": 2_000, "ROW": 81_000 - 72_400},
    "fluorspar": {"CHN": 5_900, "MEX": 1_200, "MNG": 1_200, "ROW": 9_500 - 8_300},
    "gallium": {"CHN": 750_000, "ROW": 760_000 - 750_000},
}


def _shares(frame: pd.DataFrame, material: str) -> dict[str, float]:
    rows = frame[frame["material_id"] == material]
    return {str(c): float(s) for c, s in zip(rows["country"], rows["share_pct"], strict=True)}


@pytest.mark.parametrize("material", sorted(USGS_2024))
def test_usgs_shares_on_both_files(material: str) -> None:
    """Tungsten 83/4/2/11, fluorspar 62/13/13/12, gallium 99/1: the USGS tonnages rounded."""
    want = _largest_remainder(USGS_2024[material])
    assert _shares(_curated("raw_materials.csv"), material) == want
    supply = _curated("material_supply.csv")
    assert _shares(supply, material) == want
    rows = supply[supply["material_id"] == material]
    assert set(rows["source_url"]) == {f"{MCS}{material}.pdf"}
    assert set(rows["year"]) == {2024}


def test_hand_checked_headline_shares() -> None:
    """The three numbers the report prints, written out (82.7 -> 83, 62.1 -> 62, 98.7 -> 99)."""
    raw = _curated("raw_materials.csv")
    top = raw[raw["country"] == "CHN"].set_index("material_id")["share_pct"]
    assert (top["tungsten"], top["fluorspar"], top["gallium"]) == (83, 62, 99)


def test_no_headline_row_cites_the_pages_of_the_finding() -> None:
    """No row of the three files cites the news site, blog, aggregator or Wikipedia copy."""
    old = ("anewz.tv", "opportimes.com", "questmetals.com", "kiwix.org")
    for name in ("raw_materials.csv", "material_supply.csv", "country_groups.csv"):
        urls = _curated(name)["source_url"].astype(str)
        assert not urls.str.contains("|".join(old).replace(".", r"\.")).any(), name


def test_germanium_has_no_primary_figure_and_says_so() -> None:
    """USGS publishes no germanium production by country: the 60 % stays, at medium."""
    raw = _curated("raw_materials.csv")
    row = raw[(raw["material_id"] == "germanium") & (raw["country"] == "CHN")].iloc[0]
    assert row["share_pct"] == 60 and row["confidence"] == "medium"
    assert "No primary figure" in row["note"]


def test_g7_rows_cite_the_official_presidency_page() -> None:
    groups = _curated("country_groups.csv")
    g7 = groups[groups["group_code"] == "G7"]
    assert set(g7["country_code"]) == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}
    assert set(g7["source_url"]) == {"https://www.g7hiroshima.go.jp/en/summit/about/faq/"}
    assert set(g7["confidence"]) == {"high"}
