"""Which fabs a ``firm`` shock and a ``partnership_off`` intervention reach (review 4, findings 1
and 5): a firm reaches the fabs it operates, not those whose operator text names it as a
shareholder; a partnership switches off the fabs its ``fab_ids`` in partnerships.csv name."""

from __future__ import annotations

import pytest

from chipshock.errors import InputError, ScenarioError
from chipshock.scenarios.model import Distribution, Intervention, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import prepare, switched_fabs_of
from chipshock.sim.shocks.compile import _operates


def _firm(*targets: str) -> Scenario:
    shock = Shock("firm", targets, 2027, 1, duration_weeks=Distribution.fixed(26))
    return Scenario("f", "firm", start_year=2026, end_year=2029, runs=2, seed=1, shocks=(shock,))


def _hit_fabs(data: ModelData, *targets: str) -> tuple[set[str], set[str]]:
    """The fabs the firm shock on ``targets`` takes, and every fab with a producer."""
    prep = prepare(_firm(*targets), data)
    fabs = [p.split(":")[0] for p in prep.producers]
    return {f for f, h in zip(fabs, prep.prod_hit[0], strict=True) if h}, set(fabs)


def test_operator_names_match_by_id_or_first_words_not_by_shareholders() -> None:
    """Hand examples of the rule: operator_id (letters and digits), or the operator name before
    any parenthesis, whole or its first words."""
    assert _operates(["Denso"], "denso", "Denso")
    assert not _operates(["Denso"], "tsmc", "JASM")  # JASM (TSMC 86.5%, ..., Denso 5.5%, ...)
    assert _operates(["TSMC"], "tsmc", "JASM")
    assert _operates(["SK hynix"], "skhynix", "SK hynix System IC Wuxi")
    assert _operates(["Micron"], "micron", "Micron Technology")
    assert not _operates(["Micron"], "tdk", "TDK-Micronas")  # no longer a substring hit
    assert _operates(["Powerchip"], "psmc", "Powerchip Semiconductor Manufacturing")
    assert _operates(["STMicroelectronics"], "st", "STMicroelectronics and GlobalFoundries")
    assert not _operates(["GlobalFoundries"], "st", "STMicroelectronics and GlobalFoundries")
    assert not _operates(["STMicroelectronics"], "sanan", "Sanan STMicroelectronics")
    assert not _operates(["VIS"], "vishay", "Vishay Siliconix")  # a word, not a prefix
    assert _operates(["ST"], "st", "STMicroelectronics") and not _operates(["ST"], "x", "ST X")


def test_a_firm_shock_reaches_the_fabs_it_operates_not_its_stakes(real_data: ModelData) -> None:
    """Denso (5.5 % of JASM) takes its Kota fab, not JASM's Kumamoto fabs; Bosch, Infineon and
    NXP (10 % each of ESMC) do not take ESMC Dresden; TSMC, JASM's and ESMC's operator, does."""
    hit, fabs = _hit_fabs(real_data, "Denso")
    assert {"jasm-kumamoto-fab1", "esmc-dresden", "denso-kota"} <= fabs
    assert hit == {"denso-kota"}
    for shareholder in ("Bosch", "Infineon", "NXP"):
        hit, _ = _hit_fabs(real_data, shareholder)
        assert hit and "esmc-dresden" not in hit, shareholder
    hit, _ = _hit_fabs(real_data, "TSMC")
    assert {"jasm-kumamoto-fab1", "esmc-dresden", "tsmc-fab18-tainan"} <= hit
    assert "ssmc-singapore" not in hit  # SSMC (NXP 61.2%, TSMC 38.8%) is NXP's
    hit, _ = _hit_fabs(real_data, "Micron")
    assert "micron-hiroshima" in hit and "tdk-micronas-freiburg" not in hit


def test_a_shareholder_with_no_fab_and_no_input_share_is_an_error(real_data: ModelData) -> None:
    """Toyota holds 2 % of JASM but operates no fab and has no ETO input share: an error that
    names the target and the field, not a silent hit on JASM."""
    with pytest.raises(InputError) as err:
        prepare(_firm("Toyota"), real_data)
    assert "'Toyota'" in str(err.value) and "shock[0].targets" in str(err.value)


def _off(*partnerships: str) -> Scenario:
    return Scenario(
        "p",
        "partnership off",
        start_year=2026,
        end_year=2028,
        runs=2,
        seed=1,
        interventions=(Intervention("partnership_off", partnerships=partnerships),),
    )


def test_partnership_off_switches_off_exactly_its_fab_ids(real_data: ModelData) -> None:
    """Rapidus' founding equity is Rapidus IIM-1 (before: JASM, Kioxia, Sony and Denso, not
    Rapidus); the Fab 1 subsidy is Fab 1 only; the JASM joint venture both JASM fabs, not
    Sony's."""
    assert switched_fabs_of(_off("rapidus-founding-equity"), real_data) == ["rapidus-iim1"]
    assert switched_fabs_of(_off("jasm-subsidy-fab1"), real_data) == ["jasm-kumamoto-fab1"]
    assert switched_fabs_of(_off("jasm-jv", "jasm-subsidy-fab2"), real_data) == [
        "jasm-kumamoto-fab1",
        "jasm-kumamoto-fab2",
    ]


def test_partnership_off_without_fabs_names_it_and_those_with_fabs(real_data: ModelData) -> None:
    """An R&D partnership builds no fab: the error names it and lists the partnerships that
    have fabs (with their fabs), rather than switching off whatever fab names a party."""
    with pytest.raises(ScenarioError) as err:
        switched_fabs_of(_off("ibm-rapidus-chiplet"), real_data)
    text = str(err.value)
    assert "intervention[0].partnerships" in text and "'ibm-rapidus-chiplet'" in text
    assert "rapidus-founding-equity (rapidus-iim1)" in text
    assert "jasm-jv (jasm-kumamoto-fab1, jasm-kumamoto-fab2)" in text
    assert "micron-hiroshima-subsidy-2025" not in text


def test_partnership_off_on_the_tiny_model(tiny_data: ModelData) -> None:
    """The tiny partnership names the tiny fab."""
    assert switched_fabs_of(_off("tiny-partnership"), tiny_data) == ["tiny-fab1"]
