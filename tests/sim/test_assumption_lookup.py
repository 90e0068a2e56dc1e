"""`ModelData.assumption` looks a model_assumptions.csv row up in an index built once: the same
value, bit for bit, as the filter of the table it replaced, the first row of a name given
twice, the same KeyError for an unknown name, and new data (a factor's copy) indexed afresh."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from chipshock.sim.data import ModelData


def filtered(data: ModelData, name: str) -> float:
    """The look-up as it was: a filter of the table per call (the oracle)."""
    row = data.model_assumptions.loc[data.model_assumptions["parameter"] == name, "value"]
    if row.empty:
        raise KeyError(name)
    return float(row.iloc[0])


def test_every_shipped_row_reads_what_the_filter_read(real_data: ModelData) -> None:
    """Each parameter of the shipped model_assumptions.csv, to the last bit."""
    names = [str(p) for p in real_data.model_assumptions["parameter"]]
    assert len(names) > 30
    for name in names:
        got, expected = real_data.assumption(name), filtered(real_data, name)
        assert type(got) is float
        assert got.hex() == expected.hex(), name


def test_an_unknown_name_is_the_same_key_error(real_data: ModelData) -> None:
    """A name with no row raises KeyError(name), as the filter did (callers catch it:
    `complementarity` falls back to 1, `_required` names the missing row)."""
    with pytest.raises(KeyError) as new:
        real_data.assumption("no_such_parameter")
    with pytest.raises(KeyError) as old:
        filtered(real_data, "no_such_parameter")
    assert new.value.args == old.value.args == ("no_such_parameter",)
    assert str(new.value) == str(old.value)


def test_a_name_given_twice_reads_its_first_row(tiny_data: ModelData) -> None:
    """Two rows of one parameter: the first row's value, as the filter's first row."""
    twice = pd.concat(
        [
            tiny_data.model_assumptions,
            pd.DataFrame([{"parameter": "shortfall_tolerance", "value": 0.5}]),
        ],
        ignore_index=True,
    )
    data = dataclasses.replace(tiny_data, model_assumptions=twice)
    assert data.assumption("shortfall_tolerance") == filtered(data, "shortfall_tolerance")
    assert data.assumption("shortfall_tolerance") != 0.5


def test_new_data_is_indexed_afresh(tiny_data: ModelData) -> None:
    """Data read once, then a copy with one row changed (as a sensitivity factor makes it):
    each reads its own table."""
    assert tiny_data.assumption("shortfall_tolerance") == 0.01
    table = tiny_data.model_assumptions.copy()
    table.loc[table["parameter"] == "shortfall_tolerance", "value"] = 0.07
    moved = dataclasses.replace(tiny_data, model_assumptions=table)
    assert moved.assumption("shortfall_tolerance") == 0.07
    assert tiny_data.assumption("shortfall_tolerance") == 0.01
