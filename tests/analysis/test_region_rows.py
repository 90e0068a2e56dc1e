"""Review 7, finding 6: EU27 and EUR have the same 27 members, but the ETO's provider ``EUR``
("Europe") has shares of its own (chip design) that no member owns. EUR counts them, EU27 does
not; the expansion note of every group that holds all of Europe's members (EU27, EMEA, a user
group naming EU27) says so, with the shares read from the data."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from chipshock.analysis.coalition import coalition_coverage
from chipshock.analysis.groups import ResolvedCodes, region_rows, resolve_codes
from chipshock.model.chain import SupplyChain


@pytest.fixture(scope="module")
def groups() -> pd.DataFrame:
    root = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))
    return pd.read_csv(root / "country_groups.csv", dtype=str)


def _resolve(
    chain: SupplyChain, groups: pd.DataFrame, *codes: str, **user: list[str]
) -> ResolvedCodes:
    known = chain.country_codes(include_aggregates=True)
    return resolve_codes(codes, known, groups, user_groups=user, regions=region_rows(chain, groups))


def test_eur_rows_are_the_etos_europe_design_shares(
    chain: SupplyChain, groups: pd.DataFrame
) -> None:
    """The ETO's Europe provider (P312, alias "Europe") holds 9 % of logic chip design and 17 %
    of DAO chip design (release of Aug 2026, 2022 figures); no other group code is a provider."""
    rows = region_rows(chain, groups)
    assert list(rows) == ["EUR"]
    eur = rows["EUR"]
    assert eur.name == "Europe"
    assert [(i, round(v, 6)) for i, _, v in eur.rows] == [("N6", 9.0), ("N13", 17.0)]
    assert eur.rows_text() == "Logic chip design 9%, DAO chip design 17%"


def test_eu27_note_says_europes_rows_are_left_out(chain: SupplyChain, groups: pd.DataFrame) -> None:
    eu = _resolve(chain, groups, "EU27", "USA")
    assert [r.code for r in eu.regions_left_out] == ["EUR"]
    assert "EUR" not in eu.codes
    assert eu.note().endswith(
        "the ETO's Europe-level rows (EUR: Logic chip design 9%, DAO chip design 17%) are not "
        "attributable to a member and are left out; use EUR to count them"
    )
    # EMEA holds all of Europe's members too; a user group naming EU27 as well
    assert [r.code for r in _resolve(chain, groups, "EMEA").regions_left_out] == ["EUR"]
    mine = _resolve(chain, groups, "MYEU", MYEU=_resolve(chain, groups, "EU27").codes)
    assert [r.code for r in mine.regions_left_out] == ["EUR"]


@pytest.mark.parametrize(
    "codes",
    [("EUR", "USA"), ("EU27", "EUR"), ("G7",), ("DEU", "FRA", "NLD"), ("CHIP4",)],
)
def test_no_note_when_europes_rows_count_or_europe_is_not_whole(
    chain: SupplyChain, groups: pd.DataFrame, codes: tuple[str, ...]
) -> None:
    """EUR asked for (its rows count), G7 (three EU members), countries without a group."""
    r = _resolve(chain, groups, *codes)
    assert r.regions_left_out == ()
    assert "Europe-level" not in r.note()


def test_the_note_explains_the_gap_between_eu27_and_eur(
    chain: SupplyChain, groups: pd.DataFrame
) -> None:
    """EU27 + USA covers 39 of 75 inputs and EUR + USA 40 (release of Aug 2026): the one more
    input is one of the rows the note names. README and docs/api.md quote these numbers."""
    eu = coalition_coverage(chain, _resolve(chain, groups, "EU27", "USA").codes)
    eur = coalition_coverage(chain, _resolve(chain, groups, "EUR", "USA").codes)
    assert (eu.summary["n_covered"], eur.summary["n_covered"]) == (39, 40)

    def covered(c: pd.DataFrame) -> set[str]:
        return set(c.loc[~c["below_threshold"].astype(bool), "input_id"])

    gained = covered(eur.coverage) - covered(eu.coverage)
    note_ids = {i for i, _, _ in region_rows(chain, groups)["EUR"].rows}
    assert gained and gained <= note_ids
