"""A wrong ``[[fab_override]]`` is told what is wrong, in which file, all problems at once
(review 2, finding 9: a class the fab lacks was blamed on a "missing start year")."""

from __future__ import annotations

import pytest
from tests.sim.authoring import SOURCE
from tests.sim.authoring import authoring_scenario as _scenario

from chipshock.errors import ScenarioError, ScenarioValidationFailed
from chipshock.scenarios.model import FabOverride, Intervention
from chipshock.sim.data import ModelData
from chipshock.sim.network import build_network
from chipshock.sim.prepare import prepare, scenario_network


def test_override_in_a_class_the_fab_lacks_says_so(real_data: ModelData) -> None:
    """Rapidus IIM-1 has rows in lt10 only: an override in n10_22 names that, in the file, not a
    missing start year."""
    s = _scenario(overrides=(FabOverride("rapidus-iim1", 6000.0, node_class="n10_22"),))
    with pytest.raises(ScenarioError) as err:
        scenario_network(s, real_data)
    assert str(err.value) == (
        f"{SOURCE}, fab_override[0].node_class: rapidus-iim1 has capacity rows in lt10 only "
        "(got 'n10_22'; expected a class it has rows in (lt10), or no node_class for it)"
    )
    fine = s.with_changes(fab_overrides=(FabOverride("rapidus-iim1", 6000.0, node_class="lt10"),))
    [rapidus] = [
        p for p in scenario_network(fine, real_data).producers if p.fab_id == "rapidus-iim1"
    ]
    assert rapidus.node_class == "lt10" and rapidus.capacity_kwspm[-1] == 6.0


def test_every_override_problem_is_reported_at_once_with_the_file(real_data: ModelData) -> None:
    """An unknown fab, a class the fab lacks, the same fab twice and the keys a fab without
    rows cannot supply are listed together, each with the file and its field."""
    overrides = (
        FabOverride("rapidus-iim2", 6000.0),
        FabOverride("rapidus-iim1", 6000.0, node_class="n10_22"),
        FabOverride("st-amk-singapore-6inch", ramp_years=2.0),
        FabOverride("jasm-kumamoto-fab1", 1000.0),
        FabOverride("jasm-kumamoto-fab1", start_year=2030),
    )
    with pytest.raises(ScenarioValidationFailed) as err:
        prepare(_scenario(overrides=overrides), real_data)
    problems = err.value.problems
    assert {p.file for p in problems} == {SOURCE}
    assert [p.field for p in problems] == [
        "fab_override[0].fab",
        "fab_override[1].node_class",
        "fab_override[4].fab",
        "fab_override[2].capacity_wspm",
        "fab_override[2].start_year",
    ]
    assert "did you mean rapidus-iim1?" in str(problems[0])
    assert "fab_override[3] overrides it already" in str(problems[2])
    assert "st-amk-singapore-6inch has no fab_capacity.csv row" in str(problems[3])


def test_an_override_of_a_fab_without_rows_needs_a_ramp(real_data: ModelData) -> None:
    """Kioxia Kitakami K2 has no fab_capacity.csv row: an override with a capacity and a start
    but no ramp_years is refused, naming the file, the entry, the field and what is expected
    (until data release 25 it ran at the full figure from its start, a one-year ramp with no
    source); with ramp_years = 2 it runs at half the figure in its first year."""
    bare = FabOverride("kioxia-kitakami-k2", 40000.0, 2027, node_class="nand")
    with pytest.raises(ScenarioError) as err:
        scenario_network(_scenario(overrides=(bare,)), real_data)
    assert str(err.value) == (
        f"{SOURCE}, fab_override[0].ramp_years: missing (expected the years from start_year to "
        "full capacity, a linear ramp (1 for the full figure from start_year on) "
        "(kioxia-kitakami-k2 has no fab_capacity.csv row to take it from))"
    )
    ramped = FabOverride("kioxia-kitakami-k2", 40000.0, 2027, 2.0, node_class="nand")
    net = scenario_network(_scenario(overrides=(ramped,)), real_data)
    [k2] = [p for p in net.producers if p.fab_id == "kioxia-kitakami-k2"]
    assert k2.capacity_kwspm == (0.0, 20.0, 40.0)  # 2026-2028


def test_an_override_of_one_class_keeps_the_fab_s_other_classes(real_data: ModelData) -> None:
    """``node_class`` overrides that class of a multi-class fab; its other classes keep the
    data's rows (before, they vanished from the world)."""
    fab = "tsmc-fab12-hsinchu"
    base = build_network(real_data, [2027])
    mine = {p.node_class: p for p in base.producers if p.fab_id == fab}
    assert len(mine) > 1
    first, *others = sorted(mine)
    net = build_network(
        real_data, [2027], overrides=(FabOverride(fab, 1000.0, 2020, node_class=first),)
    )
    after = {p.node_class: p for p in net.producers if p.fab_id == fab}
    assert set(after) == set(mine)
    assert after[first].capacity_kwspm == (1.0,)
    assert after[first].source == "scenario fab_override[0]"
    for c in others:
        assert after[c] == mine[c]


@pytest.mark.parametrize("fab", ["tsmc-ap6-zhunan", "amkor-peoria"])
def test_an_override_of_a_packaging_site_is_an_error(real_data: ModelData, fab: str) -> None:
    """A packaging site holds no wafer capacity in the model: an override on it changed
    nothing and said nothing; now it names the fab and why."""
    s = _scenario(overrides=(FabOverride(fab, 20000.0, 2026),))
    with pytest.raises(ScenarioError) as err:
        prepare(s, real_data)
    assert str(err.value).startswith(
        f"{SOURCE}, fab_override[0].fab: {fab} is a packaging site: packaging sites hold no "
        "wafer capacity in the model, so the override would change nothing"
    )


def test_an_override_of_a_cancelled_fab_asks_for_it_to_be_switched_on(
    real_data: ModelData,
) -> None:
    """Intel Magdeburg is cancelled: an override alone gave it no capacity, silently. It is an
    error that says how to model the revival; with ``fabs_on`` the override gives the revived
    fab its capacity."""
    magdeburg = FabOverride("intel-magdeburg", 40000.0, 2027, 1.0, node_class="lt10")
    with pytest.raises(ScenarioError) as err:
        scenario_network(_scenario(overrides=(magdeburg,)), real_data)
    text = str(err.value)
    assert text.startswith(
        f"{SOURCE}, fab_override[0].fab: intel-magdeburg is cancelled in fabs.csv: the model "
        "gives a cancelled fab no capacity unless it is switched on"
    )
    assert '[[intervention]] kind = "fabs_on", fabs = ["intel-magdeburg"]' in text
    revived = _scenario(overrides=(magdeburg,)).with_changes(
        interventions=(Intervention("fabs_on", fabs=("intel-magdeburg",)),)
    )
    [fab] = [
        p for p in scenario_network(revived, real_data).producers if p.fab_id == "intel-magdeburg"
    ]
    assert fab.node_class == "lt10" and fab.source == "scenario fab_override[0]"
    assert fab.capacity_kwspm[-1] == 40.0  # 2028, at full capacity (ramp of one year)


def test_the_documented_revival_of_a_cancelled_fab_runs(real_data: ModelData) -> None:
    """The example of docs/scenarios.md (fabs_on plus the override) gives Magdeburg its
    capacity from 2029."""
    import re
    from pathlib import Path

    from chipshock.scenarios.parser import parse_scenario

    doc = (Path(__file__).parents[2] / "docs" / "scenarios.md").read_text(encoding="utf-8")
    found = re.search(r'```toml\n(\[\[intervention\]\]\nkind = "fabs_on".*?)```', doc, re.S)
    assert found is not None
    head = '[scenario]\nid = "revival"\ntitle = "revival"\nstart_year = 2028\nend_year = 2032\n'
    s = parse_scenario(head + found.group(1), "docs")
    [fab] = [p for p in scenario_network(s, real_data).producers if p.fab_id == "intel-magdeburg"]
    assert fab.capacity_kwspm[0] == 0.0 and fab.capacity_kwspm[-1] == 40.0
