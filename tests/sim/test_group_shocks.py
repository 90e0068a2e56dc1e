"""Group codes in scenario shocks: a shock on EU27 is the shock on its members the data knows;
user groups from a scenario's ``[groups]`` table; errors name the file, field and valid codes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chipshock import sim
from chipshock.errors import InputError, UnknownCodeError
from chipshock.scenarios import parse_scenario
from chipshock.scenarios.groups import expand_groups
from chipshock.scenarios.model import Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import prepare


def _scenario(
    targets: tuple[str, ...], groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
) -> Scenario:
    return Scenario(
        "grp",
        "group shock",
        start_year=2026,
        end_year=2027,
        runs=4,
        seed=5,
        shocks=(Shock("country", targets, 2026, 10),),
        groups=groups,
        source="grp.toml",
    )


def _eu_members_with_data(real_data: ModelData) -> tuple[str, ...]:
    g = real_data.country_groups
    members = g.loc[g["group_code"] == "EU27", "country_code"].astype(str).tolist()
    return tuple(m for m in members if m in set(real_data.country_codes))


def test_eu27_shock_equals_shock_on_its_members(real_data: ModelData) -> None:
    members = _eu_members_with_data(real_data)
    assert {"NLD", "DEU", "FRA"} <= set(members) and "BGR" not in members
    expanded, found = expand_groups(
        _scenario(("EU27",)), real_data.country_codes, real_data.country_groups
    )
    assert expanded.shocks[0].targets == members
    assert found[0].code == "EU27" and "BGR" in found[0].without_data
    a, b = prepare(_scenario(("EU27",)), real_data), prepare(_scenario(members), real_data)
    assert a.country_hit.sum() > 0, "the EU supplies inputs (ASML's lithography, NLD)"
    np.testing.assert_array_equal(a.country_hit, b.country_hit)
    np.testing.assert_array_equal(a.prod_hit, b.prod_hit)
    ra, rb = sim.run(_scenario(("EU27",)), real_data), sim.run(_scenario(members), real_data)
    pd.testing.assert_frame_equal(ra.kpis, rb.kpis)


def test_user_group_in_scenario_file_equals_its_members(real_data: ModelData) -> None:
    text = """
[scenario]
id = "bloc"
start_year = 2026
end_year = 2027
runs = 3

[groups]
MYBLOC = ["NLD", "INNER"]
INNER = ["JPN"]

[[shock]]
kind = "export_control"
targets = ["MYBLOC"]
to = ["CHN"]
start = "2026-03"
"""
    s = parse_scenario(text, "bloc.toml")
    assert s.groups == (("MYBLOC", ("NLD", "INNER")), ("INNER", ("JPN",)))
    expanded, found = expand_groups(s, real_data.country_codes, real_data.country_groups)
    assert expanded.shocks[0].targets == ("NLD", "JPN")
    assert [e.text() for e in found] == ["shock[0].targets: MYBLOC = NLD JPN"]
    plain = s.with_changes(shocks=(expanded.shocks[0],), groups=())
    np.testing.assert_array_equal(
        prepare(s, real_data).export_mask, prepare(plain, real_data).export_mask
    )


def test_eur_stays_the_europe_region(real_data: ModelData) -> None:
    """EUR is a code the data knows (a capacity region): a shock on it is not expanded."""
    expanded, found = expand_groups(
        _scenario(("EUR",)), real_data.country_codes, real_data.country_groups
    )
    assert expanded.shocks[0].targets == ("EUR",) and found == ()


def test_unknown_code_names_file_field_and_valid_codes(real_data: ModelData) -> None:
    with pytest.raises(UnknownCodeError) as err:
        prepare(_scenario(("TWN", "EU28")), real_data)
    text = str(err.value)
    assert text.startswith("grp.toml, shock[0].targets: unknown country or group code")
    assert "'EU28'" in text and "EU27" in text and "CHIP4" in text and "USA" in text


def test_country_without_data_named_directly_is_still_an_error(real_data: ModelData) -> None:
    with pytest.raises(UnknownCodeError, match="BGR"):
        prepare(_scenario(("BGR",)), real_data)


def test_a_loss_table_country_without_supply_says_why_it_cannot_be_shocked(
    real_data: ModelData,
) -> None:
    """Review 8, finding 9: THA, a row of every loss table (PCs assembled there, 2 %), was
    refused as "unknown ... did you mean ITA?". It has no fab, input share or material share:
    the error says so, says where a fab there would count (ROW's "other fabs") and lists the
    codes a shock can target, countries apart from the capacity regions."""
    with pytest.raises(UnknownCodeError) as err:
        prepare(_scenario(("THA",)), real_data)
    text = " ".join(str(err.value).split())
    assert text.startswith("grp.toml, shock[0].targets: a shock on this code hits nothing: THA")
    assert "no fab, input share or material share" in text and "did you mean" not in text
    assert "(market_country_output.csv: pcs 2%)" in text
    assert 'the "other fabs" of the capacity region ROW' in text
    countries = text.split("a country that supplies something (")[1].split(")")[0].split(", ")
    regions = text.split("or a capacity region (")[1].split(")")[0].split(", ")
    assert {"IND", "VNM", "SGP", "NLD"} <= set(countries) and "THA" not in countries
    assert regions == ["TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW"]
    assert not {"ROW", "EUR", "SEA", "AMR", "EMEA"} & set(countries)
    # a country in no market's rows gets no loss-table sentence (PHL: in the ROW group only)
    with pytest.raises(UnknownCodeError) as err:
        prepare(_scenario(("PHL",)), real_data)
    assert "loss tables" not in str(err.value) and "capacity region ROW" in str(err.value)


@pytest.mark.parametrize(
    ("groups", "words"),
    [
        ((("TWN", ("JPN",)),), "groups.TWN: group name is a country code"),
        ((("CHIP4", ("JPN",)),), "groups.CHIP4: group name is a built-in group"),
        ((("AA", ("BB",)), ("BB", ("AA",))), "groups contain each other"),
        ((("AA", ("XYZ",)),), "groups.AA: unknown country or group code in a group"),
    ],
)
def test_bad_scenario_groups(
    real_data: ModelData, groups: tuple[tuple[str, tuple[str, ...]], ...], words: str
) -> None:
    with pytest.raises(InputError, match=words):
        prepare(_scenario(("TWN",), groups), real_data)


def test_export_control_to_itself_after_expansion(real_data: ModelData) -> None:
    s = Scenario(
        "x",
        "x",
        start_year=2026,
        end_year=2027,
        shocks=(Shock("export_control", ("CHIP4",), 2026, 1, to=("G7",)),),
    )
    with pytest.raises(InputError, match="exports to itself"):
        prepare(s, real_data)


def test_row_target_is_the_region_wider_than_the_row_group(real_data: ModelData) -> None:
    """Review 8, finding 9: a shock on ROW cost more than one on the ROW group's then 12 members
    (USD 94.8 bn against 85.0 bn, 10 runs). The cause: the target ROW is the capacity region,
    every country the engine places outside the other regions and the region's "other fabs";
    the group is a list of names. Since data release 18 (data19) the group lists MEX, MNG, RUS,
    UKR, IDN and MMR too, so the region hits the same countries as the group, and the "other
    fabs" on top (docs/scenarios.md)."""
    g = real_data.country_groups
    row = tuple(g.loc[g["group_code"] == "ROW", "country_code"].astype(str))
    assert len(row) == 18 and "THA" in row and {"MEX", "MNG", "RUS", "UKR"} <= set(row)
    region = prepare(_scenario(("ROW",)), real_data)
    group = prepare(_scenario(("MYROW",), (("MYROW", row),)), real_data)
    hit_r = {k for k, h in zip(region.countries, region.country_hit[0], strict=True) if h > 0}
    hit_g = {k for k, h in zip(group.countries, group.country_hit[0], strict=True) if h > 0}
    assert hit_g - {"ROW"} == hit_r - {"ROW"} and {"MEX", "RUS", "UKR"} <= hit_g
    taken_r = {p for p, h in zip(region.producers, region.prod_hit[0], strict=True) if h > 0}
    taken_g = {p for p, h in zip(group.producers, group.prod_hit[0], strict=True) if h > 0}
    assert taken_g < taken_r
    other = {p for p, c in zip(region.producers, region.prod_country, strict=True) if c == "ROW"}
    assert other and other <= taken_r - taken_g  # ROW's "other fabs": the region's alone


def test_reference_region_codes_are_groups_in_shocks(real_data: ModelData) -> None:
    """Review 8 (finding 9's error listed AMR, EMEA and SEA as country codes): they are codes of
    regional_capacity.csv's reference rows only, no region of the model, so a shock on SEA stayed
    "SEA" and was refused as hitting nothing. They are now their groups' members, as EU27 is."""
    g = real_data.country_groups
    sea = tuple(g.loc[g["group_code"] == "SEA", "country_code"].astype(str))
    with_data = tuple(m for m in sea if m in set(real_data.country_codes))
    assert with_data == ("SGP", "MYS", "VNM") and "THA" in sea
    a, b = prepare(_scenario(("SEA",)), real_data), prepare(_scenario(with_data), real_data)
    assert a.prod_hit.sum() > 0
    np.testing.assert_array_equal(a.prod_hit, b.prod_hit)
    np.testing.assert_array_equal(a.country_hit, b.country_hit)
    for code in ("AMR", "EMEA"):
        assert prepare(_scenario((code,)), real_data).prod_hit.sum() > 0


def test_an_unknown_country_lists_each_code_once_and_suggests_close_codes(
    real_data: ModelData,
) -> None:
    """Review 9a, finding 6: `targets = ["CNH"]` listed EUR and ROW both as capacity regions
    and as groups, and China must be suggested."""
    with pytest.raises(UnknownCodeError) as err:
        prepare(_scenario(("CNH",)), real_data)
    text = " ".join(str(err.value).split())
    expected, _, hint = text.split("expected ", 1)[1].partition("did you mean ")
    assert hint.startswith("CHN")
    for code in ("EUR", "ROW", "CHN", "USA"):
        assert expected.count(f"{code},") + expected.count(f"{code})") == 1, code
    groups = expected.split("or a group (")[1].split(")")[0].split(", ")
    assert {"AMR", "CHIP4", "EMEA", "EU27", "SEA"} <= set(groups)
    assert not {"EUR", "ROW"} & set(groups)
