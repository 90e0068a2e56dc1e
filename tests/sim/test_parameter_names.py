"""A scenario's ``[parameters]`` name is one the engine reads, or the scenario is refused:
a misspelt market or buffer after a known prefix used to pass and move nothing (a
``customer_inventory_weeks.automobile = 3`` ran as if the line were not there)."""

from __future__ import annotations

import pytest

from chipshock.errors import UnknownCodeError
from chipshock.scenarios import parse_scenario
from chipshock.sim.data import ModelData
from chipshock.sim.draws import Draws, draw_parameters, parameter_names
from chipshock.sim.prepare import prepare

BASE = (
    '[scenario]\nid = "p"\nruns = 4\n[[shock]]\nkind = "country"\ntargets = ["TWN"]\n'
    'start = "2027-01"\nduration_weeks = 26\nseverity = 1.0\n[parameters]\n'
)


def _draw(real_data: ModelData, line: str) -> Draws:
    scenario = parse_scenario(BASE + line + "\n")
    prep = prepare(scenario, real_data)
    return draw_parameters(scenario, real_data, prep, scenario.seed, scenario.runs)


@pytest.mark.parametrize(
    ("line", "name", "hint"),
    [
        ("customer_inventory_weeks.automobile = 3", "customer_inventory_weeks.automobile",
         "customer_inventory_weeks.automotive"),
        ("buffer_weeks.no_such_buffer = 3", "buffer_weeks.no_such_buffer", "buffer_weeks."),
        ("buffer_weeks.chip_channel_stock = 3", "buffer_weeks.chip_channel_stock",
         "distributor_inventory_weeks"),
        ("customer_inventory_weeks.automotive.extra = 3",
         "customer_inventory_weeks.automotive.extra", "customer_inventory_weeks.automotive"),
        ("distributor_inventory_weeks.pcs = 3", "distributor_inventory_weeks.pcs",
         "distributor_inventory_weeks"),
        ("qualification_weeks.sideways = 3", "qualification_weeks.sideways",
         "qualification_weeks.cross_foundry"),
    ],
)  # fmt: skip
def test_a_name_the_engine_does_not_read_is_refused(
    real_data: ModelData, line: str, name: str, hint: str
) -> None:
    with pytest.raises(UnknownCodeError) as err:
        _draw(real_data, line)
    text = str(err.value)
    assert f"parameters.{name}" in text and hint in text


def test_every_listed_name_is_read(real_data: ModelData) -> None:
    """Every name `parameter_names` lists runs, and a market override changes the draws it
    names; a buffer the engine never consults (the distributor's, read as
    distributor_inventory_weeks) is not listed."""
    scenario = parse_scenario(BASE)
    prep = prepare(scenario, real_data)
    names = parameter_names(scenario, real_data, prep)
    assert "customer_inventory_weeks.automotive" in names
    assert "qualification_weeks.leading_edge" in names
    assert "buffer_weeks.producer_wafer_bank" in names
    assert "buffer_weeks.chip_channel_stock" not in names
    base = draw_parameters(scenario, real_data, prep, scenario.seed, scenario.runs)
    for name in names:
        _draw(real_data, f'"{name}" = 1')
    moved = _draw(real_data, "customer_inventory_weeks.automotive = 40")
    auto = prep.markets.index("automotive")
    assert not (moved.inventory_weeks[:, auto] == base.inventory_weeks[:, auto]).all()


def test_a_material_stock_is_set_by_the_material_name_and_the_old_buffer_row_is_gone(
    real_data: ModelData,
) -> None:
    """Review 11, finding 6: inventory_buffers.csv held neon_stock beside materials.csv's neon
    row, whose stockpile the engine reads; release 19 removed the unread rows (the loader now
    refuses them: tests/data/test_registry.py). buffer_weeks.neon_stock is an unknown name whose
    error lists buffer_weeks.neon among the names this scenario reads; buffer_weeks.neon runs
    and moves the neon stock the engine draws."""
    neon = (
        '[scenario]\nid = "n"\nruns = 4\n[[shock]]\nkind = "export_control"\n'
        'targets = ["UKR", "RUS"]\ninputs = ["neon"]\nto = ["TWN"]\nstart = "2027-01"\n'
        "duration_weeks = 26\nseverity = 1.0\n[parameters]\n"
    )
    assert "neon_stock" not in set(real_data.inventory_buffers["buffer_id"].astype(str))
    scenario = parse_scenario(neon + "buffer_weeks.neon_stock = 2\n")
    prep = prepare(scenario, real_data)
    with pytest.raises(UnknownCodeError) as err:
        draw_parameters(scenario, real_data, prep, scenario.seed, scenario.runs)
    text = " ".join(str(err.value).split())
    assert "parameters.buffer_weeks.neon_stock" in text
    assert "buffer_weeks.neon" in text.replace("buffer_weeks.neon_stock", "")
    ok = parse_scenario(neon + "buffer_weeks.neon = 2\n")
    draw_parameters(ok, real_data, prepare(ok, real_data), ok.seed, ok.runs)
