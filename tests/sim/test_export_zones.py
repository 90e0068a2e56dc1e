"""Export controls reach the producers of their ``to`` countries, read as a ``country`` shock's
targets are (a region code: the whole region, "other fabs" included; another country: its own
itemised fabs), and a control that stops nothing is an error (review 4, findings 2 and 3)."""

from __future__ import annotations

import numpy as np
import pytest

from chipshock.errors import ScenarioError
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import Prepared, prepare

from .test_engine import _oracle

LITHO = ("N20", "N21", "N22", "N105", "N106")


def _stop(
    to: tuple[str, ...], targets: tuple[str, ...] = ("NLD",), inputs: tuple[str, ...] = LITHO
) -> Scenario:
    shock = Shock(
        "export_control",
        targets,
        2027,
        1,
        to=to,
        inputs=inputs,
        duration_weeks=Distribution.fixed(52),
    )
    return Scenario(
        "ec", "export stop", start_year=2026, end_year=2028, runs=2, seed=1, shocks=(shock,)
    )


def _reached(prep: Prepared, s: int = 0) -> set[int]:
    """Producers whose export zone shock ``s`` stops some flow to."""
    zones = prep.export_mask[s].any(axis=(0, 1))
    return {p for p in range(len(prep.producers)) if zones[prep.prod_export[p]]}


def test_a_stop_to_one_country_reaches_only_its_fabs(real_data: ModelData) -> None:
    """NLD's scanners to Israel: Intel's Israeli fab and nothing else; before, every producer
    of the ROW region (Singapore's, India's, the ROW remainder) lost its tools too."""
    prep = prepare(_stop(("ISR",)), real_data)
    reached = _reached(prep)
    assert reached and all(prep.prod_country[p] == "ISR" for p in reached)
    assert {prep.prod_country[p] for p in range(len(prep.producers))} >= {"ISR", "SGP"}
    assert not any(prep.producers[p].startswith("other") for p in reached)
    assert prep.export_mask.shape[3] == 2  # reached and not reached


def test_a_stop_to_a_region_reaches_the_whole_region(real_data: ModelData) -> None:
    """A region code is the whole capacity region, its "other fabs" remainder included."""
    prep = prepare(_stop(("EUR",)), real_data)
    eur = {p for p in range(len(prep.producers)) if prep.regions[prep.prod_region[p]] == "EUR"}
    assert _reached(prep) == eur
    assert any(prep.producers[p].startswith("other") for p in eur)


def test_two_stops_make_a_zone_per_combination(real_data: ModelData) -> None:
    """Producers reached by the same controls share one input state: ISR alone, ISR and SGP
    stopped by two shocks give the zones {none, first, second}."""
    base = _stop(("ISR",))
    second = Shock("export_control", ("NLD",), 2027, 20, to=("SGP",), inputs=LITHO)
    prep = prepare(base.with_changes(shocks=(*base.shocks, second)), real_data)
    assert prep.export_mask.shape[3] == 3
    assert _reached(prep, 0).isdisjoint(_reached(prep, 1))
    assert {prep.prod_country[p] for p in _reached(prep, 1)} == {"SGP"}


def test_engine_and_reference_agree_with_export_zones(real_data: ModelData) -> None:
    """The vectorised engine, its numpy path and the plain-loop reference on a stop to one
    country (two zones, each with its own tool erosion and stocks)."""
    _oracle(_stop(("ISR",)).with_changes(runs=2), real_data, 2)


def test_a_stop_whose_targets_supply_none_of_its_inputs_is_an_error(real_data: ModelData) -> None:
    """The U.S. makes no EUV scanners (ASML, NLD, makes them all): a U.S. stop of N20 to China
    stopped nothing and read "no end market loses output"."""
    with pytest.raises(ScenarioError) as err:
        prepare(_stop(("CHN",), targets=("USA",), inputs=("N20",)), real_data)
    text = str(err.value)
    assert "stops nothing" in text and "shock[0].targets" in text and "NLD" in text


def test_a_stop_to_a_country_without_fabs_is_an_error(real_data: ModelData) -> None:
    """A ``to`` country with no fab in the model reaches no producer."""
    fab_countries = set(real_data.fabs["country"].astype(str))
    regions = {"TWN", "KOR", "JPN", "CHN", "USA", "EUR", "ROW"}
    groups = set(real_data.country_groups["group_code"].astype(str))  # AMR, SEA: members
    empty = sorted(set(real_data.country_codes) - fab_countries - regions - groups)
    assert empty, "the data knows countries without fabs (input suppliers)"
    with pytest.raises(ScenarioError) as err:
        prepare(_stop((empty[0],)), real_data)
    assert "reaches no producer" in str(err.value) and "shock[0].to" in str(err.value)


def test_without_export_controls_there_is_one_zone(real_data: ModelData) -> None:
    """One input zone without export controls, unless a requirement row the shock reaches
    exempts some operators' fabs: a Taiwan shock cuts advanced packaging, whose rows exempt
    Samsung and Intel (they package in-house), so their producers get zones of their own and
    no export mask is set (Korea's leading-edge remainder, Samsung's, and SMIC's fabs too: they
    package in China); a shock on one wafer fab reaches no input: one zone."""
    fab = Shock("fab", ("tsmc-fab18-tainan",), 2027, 1, duration_weeks=Distribution.fixed(10))
    prep = prepare(_stop(("ISR",)).with_changes(shocks=(fab,)), real_data)
    assert prep.export_mask.shape[3] == 1 and not np.any(prep.prod_zone)
    assert prep.zone_operator == ("",)
    twn = Shock("country", ("TWN",), 2027, 1, duration_weeks=Distribution.fixed(10))
    prep = prepare(_stop(("ISR",)).with_changes(shocks=(twn,)), real_data)
    exempt = ("intel", "samsung", "smic")
    assert prep.zone_operator == ("", *exempt) and not prep.export_mask.any()
    for p, z in enumerate(prep.prod_zone):
        assert prep.zone_operator[z] == (
            prep.prod_operator[p] if prep.prod_operator[p] in exempt else ""
        )
    # Korea's leading-edge remainder is Samsung's (remainder_operators.csv, release 18): it
    # shares Samsung's zone through its operator, no longer an other:KOR zone of its own
    korea = prep.producers.index("other:KOR:lt10")
    assert prep.zone_operator[prep.prod_zone[korea]] == "samsung"
    # the zones see the same supply: one export zone, one set of stocks and tool states
    assert prep.export_mask.shape[3] == 1
    assert list(prep.zone_export) == [0] * 4 and not np.any(prep.prod_export)


def _stop_and_taiwan() -> Scenario:
    """NLD's scanners stopped to the U.S. and a Taiwan cut: zones by (export stop reaches the
    producer, exempt operator), export zones by the stop alone."""
    base = _stop(("USA",))
    twn = Shock("country", ("TWN",), 2027, 1, duration_weeks=Distribution.fixed(30))
    return base.with_changes(shocks=(*base.shocks, twn))


def test_exempt_operators_share_their_export_zone(real_data: ModelData) -> None:
    """Input zones that differ only by the exempt operator map to one export zone: Intel's
    U.S. fabs and the other U.S. producers are in different zones (packaging binds only the
    latter) but in one export zone (the same stopped scanners)."""
    prep = prepare(_stop_and_taiwan(), real_data)
    assert prep.export_mask.shape[3] == 2
    assert len(prep.zone_operator) > prep.export_mask.shape[3]
    for p in range(len(prep.producers)):
        assert prep.prod_export[p] == prep.zone_export[prep.prod_zone[p]]
        assert (prep.prod_export[p] == 1) == (prep.regions[prep.prod_region[p]] == "USA")
    us = [p for p in range(len(prep.producers)) if prep.prod_export[p] == 1]
    assert {prep.zone_operator[prep.prod_zone[p]] for p in us} >= {"", "intel"}


def test_engine_and_reference_agree_with_export_and_operator_zones(real_data: ModelData) -> None:
    """Engine (both paths) and the plain-loop reference when input zones and export zones
    differ (the engine gathers each zone's caps from its export zone's states; the reference
    keeps one state per export zone and applies the exemptions producer by producer)."""
    _oracle(_stop_and_taiwan().with_changes(runs=2), real_data, 2)


def test_europe_as_exporter_is_its_member_countries(real_data: ModelData) -> None:
    """``EUR`` (the capacity region) as the exporter stops what its members export: the same
    masks as ``EU27``; before, the region held no input share and the stop cut nothing
    (review 4, finding 8)."""
    eur = prepare(_stop(("CHN",), targets=("EUR",)), real_data)
    eu27 = prepare(_stop(("CHN",), targets=("EU27",)), real_data)
    assert eur.countries == eu27.countries and "NLD" in eur.countries
    np.testing.assert_array_equal(eur.export_mask, eu27.export_mask)
    assert eur.export_mask.any()


def test_a_country_shock_on_europe_takes_its_members_input_shares(real_data: ModelData) -> None:
    """A ``country`` shock on EUR takes Europe's fabs and its members' input shares (ASML's
    scanners under NLD), as a shock on TWN takes Taiwan's fabs and Taiwan's shares."""
    shock = Shock("country", ("EUR",), 2027, 1, duration_weeks=Distribution.fixed(10))
    prep = prepare(_stop(("CHN",)).with_changes(shocks=(shock,)), real_data)
    hit = {c for c, h in zip(prep.countries, prep.country_hit[0], strict=True) if h}
    assert {"NLD", "DEU"} <= hit and "GBR" not in hit  # EUR is the EU-27
    assert "N20" in prep.inputs
