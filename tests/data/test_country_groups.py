"""Country groups on the shipped data: every ETO provider country and every firm's HQ
resolves to a country code, sits in exactly one capacity region, and reaches its groups."""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from chipshock.analysis.groups import group_members, resolve_codes
from chipshock.data.store import load_tables
from chipshock.errors import InputError
from chipshock.model.chain import SupplyChain
from chipshock.sim.data import ModelData
from chipshock.sim.network.regional import country_region, europe_members


@pytest.fixture(scope="module")
def tables(built_store: Path) -> dict[str, object]:
    return load_tables(built_store, ["country_groups"])


def test_every_firm_hq_is_a_country_of_the_data(chain: SupplyChain) -> None:
    """A firm's HQ is a named country of the ETO data, so `coalition` and shocks can reach it
    (the one exception is the aggregate 'Various companies')."""
    p = chain.providers
    firms = p[(p["provider_type"] == "organization") & ~p["is_aggregate"]]
    known = set(chain.country_codes())
    assert len(firms) > 300
    missing = firms[~firms["hq_country"].isin(known)]
    assert missing.empty, missing[["name", "hq_country"]].to_string()


def test_every_provider_country_sits_in_its_engine_region_group(
    chain: SupplyChain, tables: dict[str, object]
) -> None:
    """Each ETO country (and so each firm's HQ) is a region of the engine itself (USA, JPN,
    KOR, TWN, CHN) or a member of the region group (EUR or ROW) of country_groups.csv that the
    engine puts it in (`country_region`); the engine's EU list is the EU27 group."""
    members = group_members(tables["country_groups"])  # type: ignore[arg-type]
    regions = ("TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW")
    europe = frozenset(members["EUR"])
    for code in chain.country_codes():
        region = country_region(code, regions, europe)
        assert region == code or code in members[region], (code, region)
    assert set(members["EU27"]) == set(members["EUR"])


def test_engine_reads_europe_from_the_eur_group(chain: SupplyChain) -> None:
    """The engine's Europe region is the EUR group of country_groups.csv, not a list in code:
    with France taken out of the group, ST Crolles (FRA) counts in ROW and GF Dresden stays in
    EUR."""
    folder = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))
    shipped = ModelData.from_folder(folder, chain)
    groups = shipped.country_groups
    regions = ("TWN", "EUR", "ROW")
    assert country_region("FRA", regions, europe_members(shipped, regions)) == "EUR"
    without_fra = groups[~((groups["group_code"] == "EUR") & (groups["country_code"] == "FRA"))]
    data = replace(shipped, country_groups=without_fra)
    europe = europe_members(data, regions)
    assert country_region("FRA", regions, europe) == "ROW"
    assert country_region("DEU", regions, europe) == "EUR"
    assert len(europe) == 26


def test_eur_region_without_its_group_is_an_error(chain: SupplyChain) -> None:
    """An EUR capacity region with no EUR rows in country_groups.csv names the file, the
    column and the missing code instead of putting Europe's fabs in ROW silently."""
    folder = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))
    shipped = ModelData.from_folder(folder, chain)
    groups = shipped.country_groups
    data = replace(shipped, country_groups=groups[groups["group_code"] != "EUR"])
    with pytest.raises(InputError, match=r"country_groups\.csv.*group_code.*EUR"):
        europe_members(data, ("TWN", "EUR", "ROW"))
    assert europe_members(data, ("TWN", "JPN")) == frozenset()


def test_firms_reach_their_groups(chain: SupplyChain, tables: dict[str, object]) -> None:
    """ASML (NLD) is in the EU-27, TSMC (TWN) in Chip 4, Tokyo Electron (JPN) in the G7."""
    groups = tables["country_groups"]
    members = group_members(groups)  # type: ignore[arg-type]
    hq = chain.providers.set_index("name")["hq_country"]
    assert hq["ASML"] in members["EU27"]
    assert hq["TSMC"] in members["CHIP4"]
    assert hq["Tokyo Electron"] in members["G7"]
    known = chain.country_codes(include_aggregates=True)
    eu = resolve_codes(["EU27"], known, groups)  # type: ignore[arg-type]
    assert hq["ASML"] in eu.codes


def test_group_members_are_iso_codes_without_duplicates(tables: dict[str, object]) -> None:
    members = group_members(tables["country_groups"])  # type: ignore[arg-type]
    assert len(members["EU27"]) == 27 and len(set(members["EU27"])) == 27
    assert set(members["CHIP4"]) == {"USA", "JPN", "KOR", "TWN"}
    assert set(members["G7"]) == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}
    assert set(members["QUAD"]) == {"USA", "JPN", "IND", "AUS"}
    for group, codes in members.items():
        assert len(codes) == len(set(codes)), group
        assert all(len(c) == 3 and c.isupper() for c in codes), group


def test_fab_countries_and_operator_hqs_resolve(
    chain: SupplyChain, built_store: Path, tables: dict[str, object]
) -> None:
    """Every fab's country and operator HQ is a country of the ETO data or a member of a group,
    so group filters (`fabs --country EU27`) and shocks on groups reach it."""
    fabs = load_tables(built_store, ["fabs"])["fabs"]
    members = group_members(tables["country_groups"])  # type: ignore[arg-type]
    reachable = set(chain.country_codes()) | {c for ms in members.values() for c in ms}
    for column in ("country", "operator_hq_country"):
        codes = set(fabs[column].dropna().astype(str))
        assert codes and codes <= reachable, (column, sorted(codes - reachable))
