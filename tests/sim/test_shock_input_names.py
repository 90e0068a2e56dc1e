"""Shock inputs are named as the user knows them (review 2, finding 9): ``export_control``
``inputs`` and ``input`` targets take an id or a name in any case, and an unknown one is
answered with "id name" pairs."""

from __future__ import annotations

import pytest
from tests.sim.authoring import SOURCE
from tests.sim.authoring import authoring_scenario as _scenario

from chipshock.errors import ScenarioError, UnknownCodeError
from chipshock.scenarios.model import Shock
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import prepare
from chipshock.sim.shocks.input_names import InputCatalogue


def _curb(*inputs: str) -> Shock:
    return Shock("export_control", ("JPN",), 2027, 1, to=("KOR",), inputs=inputs)


@pytest.mark.parametrize("name", ["Photoresists", "photoresists", "PHOTORESISTS ", "n31"])
def test_export_control_inputs_take_names_in_any_case(real_data: ModelData, name: str) -> None:
    """``inputs = ["Photoresists"]`` (any case) is the export control of N31, as an ``input``
    target by that name is the loss of N31."""
    by_id = prepare(_scenario(_curb("N31")), real_data)
    by_name = prepare(_scenario(_curb(name)), real_data)
    assert by_name.inputs == by_id.inputs and "N31" in by_id.inputs
    assert (by_name.export_mask == by_id.export_mask).all() and by_id.export_mask.any()
    lost = prepare(_scenario(Shock("input", (name,), 2027, 1)), real_data)
    assert lost.inputs == ("N31",) and lost.input_hit.tolist() == [[1.0]]


@pytest.mark.parametrize("field", ["inputs", "targets"])
def test_an_unknown_input_suggests_names_with_their_ids(real_data: ModelData, field: str) -> None:
    """A near miss is answered with the closest inputs as "id name" pairs, in the file."""
    shock = _curb("photoresist") if field == "inputs" else Shock("input", ("photoresist",), 2027)
    with pytest.raises(UnknownCodeError) as err:
        prepare(_scenario(shock), real_data)
    text = str(err.value)
    assert text.startswith(f"{SOURCE}, shock[0].{field}: unknown input (got 'photoresist'")
    assert "did you mean N31 Photoresists?" in text
    assert "N0," not in text  # no list of bare ids


def test_an_input_nothing_resembles_lists_every_id_with_its_name(real_data: ModelData) -> None:
    """With nothing close, every input is listed as "id name", raw materials too."""
    with pytest.raises(UnknownCodeError) as err:
        prepare(_scenario(_curb("N31", "unobtainium")), real_data)
    text = str(err.value)
    catalogue = InputCatalogue.of(real_data)
    assert "N20 EUV lithography tools" in text and "gallium (Gallium)" in text
    assert "N31 Photoresists" in text and "more)" not in text
    assert text.count(", ") >= len(catalogue.names) - 1


@pytest.mark.parametrize("name", ["N16", "ion implantation", "Lithography tools"])
def test_an_export_control_on_an_input_no_class_needs_is_an_error(
    real_data: ModelData, name: str
) -> None:
    """Issue 7: an export control of a known input that no simulated chip class needs (no
    node_requirements.csv row) hits nothing, so it is an error that names the input and lists
    the inputs the chips do need."""
    with pytest.raises(ScenarioError) as err:
        prepare(_scenario(_curb("N31", name)), real_data)
    text = str(err.value)
    assert text.startswith(f"{SOURCE}, shock[0].inputs: no chip class the model simulates needs")
    assert f"(got '{name}'" in text
    assert "N20 EUV lithography tools" in text and "N31 Photoresists" in text
    assert "gallium (Gallium)" in text and "S3" in text
    assert "N16 Ion implantation" not in text.split("expected", 1)[1]
    assert not isinstance(err.value, UnknownCodeError)  # the input exists: a 422, not a 404


def test_an_input_shock_on_an_input_no_class_needs_names_it(real_data: ModelData) -> None:
    """The same for ``kind = "input"``: the message names the input by id and name, at the
    target's field, instead of a list of operators."""
    with pytest.raises(ScenarioError) as err:
        prepare(_scenario(Shock("input", ("n16",), 2027, 1)), real_data)
    text = str(err.value)
    assert "shock[0].targets: no chip class the model simulates needs this input (N16 Ion " in text
    assert "N22 ArF immersion (DUV) lithography tools" in text


def test_a_mistyped_material_is_suggested_with_its_name_in_brackets(
    real_data: ModelData,
) -> None:
    """Review 9a, finding 6: "galium" suggested "gallium Gallium" (a stutter): now "gallium
    (Gallium)"; ETO inputs keep "N31 Photoresists"."""
    with pytest.raises(UnknownCodeError) as err:
        prepare(_scenario(_curb("galium")), real_data)
    text = str(err.value)
    assert "did you mean gallium (Gallium)?" in text and "gallium Gallium" not in text
