"""A fab switched off or on that has no capacity in the model in the scenario's years is an
error with the reason and the fix, never a run that changes nothing while its title says "with
intel-magdeburg" (review 4, finding 5). Checked on the shipped data: Intel Magdeburg (cancelled,
no fab_capacity.csv row), Kioxia Kitakami K2 (no row), TSMC Arizona phase 3 (rows from 2029)."""

from __future__ import annotations

import pytest
from tests.sim.authoring import SOURCE
from tests.sim.authoring import authoring_scenario as _scenario

from chipshock.errors import ScenarioError, ScenarioValidationFailed
from chipshock.scenarios import apply_overrides, builtin_ids, load_scenario
from chipshock.scenarios.model import FabOverride, Intervention
from chipshock.scenarios.overrides import RESTORED_LABEL, alliance_fabs
from chipshock.sim.data import ModelData
from chipshock.sim.network.switches import uncounted_switches
from chipshock.sim.network.tables import capacity_table
from chipshock.sim.prepare import scenario_network

FLAGSHIP = "taiwan-blockade-2027-6m"


def test_switching_on_a_fab_without_capacity_is_refused_with_the_fix(
    real_data: ModelData,
) -> None:
    """`--fabs-on intel-magdeburg` (the API's ``fabs_on``): the error names the option, the
    fab, why (cancelled, no capacity row) and the fix (a [[fab_override]])."""
    s = apply_overrides(load_scenario(FLAGSHIP), fabs_on=["intel-magdeburg"])
    with pytest.raises(ScenarioError) as err:
        scenario_network(s, real_data)
    assert str(err.value) == (
        "overrides, fabs_on: this fab has no capacity in the model in 2026–2030 (it is "
        "cancelled in fabs.csv and has no fab_capacity.csv row: the model counts it as zero), "
        "so switching it on changes nothing (got 'intel-magdeburg'; expected a fab with "
        "capacity in 2026–2030; to count intel-magdeburg, give it capacity in a scenario file: "
        '[[fab_override]] fab = "intel-magdeburg" with capacity_wspm, start_year and ramp_years '
        "(docs/scenarios.md, [[fab_override]]))"
    )


def test_switching_off_fabs_without_capacity_lists_each(real_data: ModelData) -> None:
    """`--fabs-off kioxia-kitakami-k2 --fabs-off intel-magdeburg`: both refused at once, each
    with its reason; a fab with capacity beside them (JASM Fab 1) is no problem."""
    s = apply_overrides(
        load_scenario(FLAGSHIP),
        fabs_off=["kioxia-kitakami-k2", "jasm-kumamoto-fab1", "intel-magdeburg"],
    )
    with pytest.raises(ScenarioValidationFailed) as err:
        scenario_network(s, real_data)
    problems = {p.value: p for p in err.value.problems}
    assert sorted(problems) == ["intel-magdeburg", "kioxia-kitakami-k2"]
    k2 = problems["kioxia-kitakami-k2"]
    assert k2.field == "fabs_off" and "no fab_capacity.csv row" in k2.message
    assert "switching it off changes nothing" in k2.message
    assert '[[fab_override]] fab = "kioxia-kitakami-k2"' in str(k2.expected)
    magdeburg = problems["intel-magdeburg"]
    assert "cancelled in fabs.csv" in magdeburg.message
    assert "leave intel-magdeburg out" in str(magdeburg.expected)


def test_a_fab_without_capacity_in_the_horizon_is_refused(real_data: ModelData) -> None:
    """TSMC Arizona phase 3 has capacity from 2029: switching it off in a 2026–2028 scenario
    file changes nothing and names the intervention and the file; in 2026–2030 it runs."""
    s = _scenario().with_changes(
        interventions=(Intervention("fabs_off", fabs=("tsmc-arizona-p3",)),)
    )
    with pytest.raises(ScenarioError) as err:
        scenario_network(s, real_data)
    assert str(err.value).startswith(
        f"{SOURCE}, intervention[0].fabs: this fab has no capacity in the model in 2026–2028 "
        "(its fab_capacity.csv rows give it capacity from 2029 only)"
    )
    longer = s.with_changes(end_year=2030)
    assert "tsmc-arizona-p3" not in {
        p.fab_id for p in scenario_network(longer, real_data).producers
    }


def test_a_fab_override_gives_a_switched_fab_its_capacity(real_data: ModelData) -> None:
    """The fix the error gives works: fabs_on plus a [[fab_override]] with capacity_wspm and
    start_year counts Magdeburg; an override whose start lies after the horizon does not."""
    on = (Intervention("fabs_on", fabs=("intel-magdeburg",)),)
    revived = _scenario(
        overrides=(FabOverride("intel-magdeburg", 40000.0, 2027, 1.0, node_class="lt10"),)
    ).with_changes(interventions=on)
    [fab] = [
        p for p in scenario_network(revived, real_data).producers if p.fab_id == "intel-magdeburg"
    ]
    assert fab.capacity_kwspm[-1] == 40.0
    late = _scenario(
        overrides=(FabOverride("intel-magdeburg", 40000.0, 2031, 1.0, node_class="lt10"),)
    ).with_changes(interventions=on)
    with pytest.raises(ScenarioError, match="its capacity \\(fab_override\\) lies outside"):
        scenario_network(late, real_data)


def test_uncounted_switches_on_the_tiny_model(tiny_data: ModelData) -> None:
    """By hand: tiny-fab1 has 5,000 wspm from 2027 (its first row), so switching it off in
    2026 alone changes nothing; in 2026–2027 it counts. An unknown id is the caller's error."""
    assert uncounted_switches(tiny_data, [2026], ["tiny-fab1", "no-such-fab"], "fabs_off") == {
        "tiny-fab1": "its fab_capacity.csv rows give it capacity from 2027 only"
    }
    assert uncounted_switches(tiny_data, [2026, 2027], ["tiny-fab1"], "fabs_on") == {}


def test_the_alliance_fabs_switched_as_one_run_over_any_horizon(real_data: ModelData) -> None:
    """The alliance switch (the counterfactual, `scenario compare` without B, the API and the
    dashboard) is a group: a member without capacity in the years (Arizona phase 3 in
    demand-surge-2021-like, 2026–2028; phases 2 and 3 and JASM Fab 2 with the counterfactual
    moved to 2024) is no error. Every built-in scenario runs with and without them."""
    group = sorted(alliance_fabs())
    assert "tsmc-arizona-p3" in group
    for sid in builtin_ids():
        sc = load_scenario(sid)
        scenario_network(sc, real_data)
        scenario_network(apply_overrides(sc, fabs_off=group), real_data)
    moved = apply_overrides(load_scenario(f"{FLAGSHIP}-no-alliance-fabs"), start_year=2024)
    off = {p.fab_id for p in scenario_network(moved, real_data).producers}
    assert off.isdisjoint(group)
    back = apply_overrides(moved, fabs_on=group)
    assert "tsmc-arizona-p1" in {p.fab_id for p in scenario_network(back, real_data).producers}


def test_switching_on_a_fab_that_runs_already_is_refused_with_its_capacity(
    real_data: ModelData,
) -> None:
    """`--fabs-on jasm-kumamoto-fab1` on the flagship ran unchanged under "(changed: with
    jasm-kumamoto-fab1)": the fab runs in the baseline (fab_capacity.csv: 32,500 wspm n10_22
    and 22,500 n28_45 from 2025). The error names the option, the fab, the years it runs, its
    capacity and what fabs_on is for."""
    s = apply_overrides(load_scenario(FLAGSHIP), fabs_on=["jasm-kumamoto-fab1"])
    with pytest.raises(ScenarioError) as err:
        scenario_network(s, real_data)
    assert str(err.value) == (
        "overrides, fabs_on: this fab already runs in the model in 2026–2030 (n10_22 32,500 "
        "wspm, n28_45 22,500 wspm: fab_capacity.csv) without being switched on, so switching "
        "it on changes nothing (got 'jasm-kumamoto-fab1'; expected a fab the model does not "
        "count: switching on brings back a fab the registry has cancelled (intel-magdeburg) "
        "or one the scenario itself switches off; to change jasm-kumamoto-fab1's capacity, "
        "ramp or start, give it a [[fab_override]] in a scenario file (docs/scenarios.md, "
        "[[fab_override]]))"
    )


def test_a_fab_running_in_part_of_the_horizon_names_those_years(real_data: ModelData) -> None:
    """TSMC Arizona phase 3 counts from 2029 (its rows): switched on in a 2026–2030 file it
    changes nothing and the error says 2029–2030; in 2026–2028 it has no capacity at all (the
    older error, whose fix now says the override alone counts it). Rapidus IIM-1's ramp shows
    as a range (6,000 wspm in 2028 to 18,000 in 2030; its pilot line counts no saleable
    supply since data release 23)."""
    on = (Intervention("fabs_on", fabs=("tsmc-arizona-p3", "rapidus-iim1")),)
    s = _scenario().with_changes(interventions=on, end_year=2030)
    with pytest.raises(ScenarioValidationFailed) as err:
        scenario_network(s, real_data)
    problems = {p.value: p for p in err.value.problems}
    assert problems["tsmc-arizona-p3"].field == "intervention[0].fabs"
    assert problems["tsmc-arizona-p3"].message.startswith(
        "this fab already runs in the model in 2029–2030 (lt10 "
    )
    # 2026–2030 and 2,000–18,000 until data release 23 counted the pilot line as no supply
    assert "in 2028–2030 (lt10 6,000–18,000 wspm: fab_capacity.csv)" in (
        problems["rapidus-iim1"].message
    )
    short = s.with_changes(
        end_year=2028, interventions=(Intervention("fabs_on", fabs=("tsmc-arizona-p3",)),)
    )
    with pytest.raises(ScenarioError) as err2:
        scenario_network(short, real_data)
    assert "no capacity in the model in 2026–2028" in str(err2.value)
    assert "the override alone counts it (fabs_on brings back cancelled fabs)" in str(err2.value)


def test_a_fab_override_makes_a_switched_on_fab_one_that_runs(real_data: ModelData) -> None:
    """With a [[fab_override]] (40,000 wspm from 2027, one year's ramp) Kioxia Kitakami K2,
    which has no fab_capacity.csv row, runs without a switch: fabs_on beside it is refused
    naming the override as the capacity's source."""
    s = _scenario(
        overrides=(FabOverride("kioxia-kitakami-k2", 40000.0, 2027, 1.0, node_class="nand"),)
    ).with_changes(interventions=(Intervention("fabs_on", fabs=("kioxia-kitakami-k2",)),))
    with pytest.raises(
        ScenarioError, match=r"in 2027–2028 \(nand 40,000 wspm: fab_override\[0\]\)"
    ):
        scenario_network(s, real_data)


def test_a_fab_switched_both_off_and_on_in_a_file_is_refused(real_data: ModelData) -> None:
    """A file that switches JASM Fab 1 off (by its partnership) and on: off wins, so the
    switch on changed nothing; the error names both interventions."""
    s = _scenario().with_changes(
        interventions=(
            Intervention("partnership_off", partnerships=("jasm-subsidy-fab1",)),
            Intervention("fabs_on", fabs=("jasm-kumamoto-fab1",)),
        )
    )
    with pytest.raises(ScenarioError) as err:  # one error: not also "already runs"
        scenario_network(s, real_data)
    assert str(err.value).startswith(
        f"{SOURCE}, intervention[1].fabs: intervention[0] (partnership_off) switches this fab "
        "off, and a fab switched off stays off, so switching it on changes nothing"
    )


def test_switching_back_on_what_the_scenario_switches_off_runs(real_data: ModelData) -> None:
    """`--fabs-on tsmc-arizona-p1` on the counterfactual takes it out of the scenario's
    fabs_off, which changes the run although the fab runs in the baseline: no error, the fab
    is back among the producers, its switch is labelled as one back on and the title says
    "with tsmc-arizona-p1". Beside it a fab the counterfactual does not switch off (UMC Fab
    12i P3, running) is refused, and only it."""
    s = apply_overrides(load_scenario(f"{FLAGSHIP}-no-alliance-fabs"), fabs_on=["tsmc-arizona-p1"])
    assert [i.label for i in s.interventions if i.kind == "fabs_on"] == [RESTORED_LABEL]
    assert s.title.endswith("(changed: with tsmc-arizona-p1)")
    assert "tsmc-arizona-p1" in {p.fab_id for p in scenario_network(s, real_data).producers}
    both = apply_overrides(
        load_scenario(f"{FLAGSHIP}-no-alliance-fabs"),
        fabs_on=["tsmc-arizona-p1", "umc-fab12i-p3"],
    )
    assert [i.fabs for i in both.interventions if i.kind == "fabs_on"] == [
        ("umc-fab12i-p3",),
        ("tsmc-arizona-p1",),
    ]
    assert both.title.endswith("(changed: with umc-fab12i-p3, tsmc-arizona-p1)")
    with pytest.raises(ScenarioError, match="umc-fab12i-p3") as err:
        scenario_network(both, real_data)
    assert "tsmc-arizona-p1" not in str(err.value)


def test_the_capacity_table_refuses_a_running_fab_switched_on(real_data: ModelData) -> None:
    """`chipshock capacity --fabs-on jasm-kumamoto-fab1` printed the baseline's numbers under
    "Switched on: jasm-kumamoto-fab1"."""
    with pytest.raises(
        ScenarioError, match="--fabs-on: this fab already runs in the model in 2027"
    ):
        capacity_table(
            real_data,
            years=[2027],
            fabs_on=["jasm-kumamoto-fab1"],
            fields=("--fabs-off", "--fabs-on"),
        )


def test_fabs_on_of_a_fab_a_partnership_switches_off_names_the_option(
    real_data: ModelData,
) -> None:
    """`--fabs-on jasm-kumamoto-fab1` on a file with partnership_off jasm-subsidy-fab1: the
    option does not undo a partnership_off (only a fabs_off), so the fab stayed off under
    "(changed: with jasm-kumamoto-fab1)"; refused naming the option and the fix."""
    s = apply_overrides(
        _scenario().with_changes(
            interventions=(Intervention("partnership_off", partnerships=("jasm-subsidy-fab1",)),)
        ),
        fabs_on=["jasm-kumamoto-fab1"],
    )
    with pytest.raises(ScenarioError) as err:
        scenario_network(s, real_data)
    assert str(err.value).startswith(
        "overrides, fabs_on: intervention[0] (partnership_off) switches this fab off, and a "
        "fab switched off stays off, so switching it on changes nothing"
    )
    assert "leave the partnership_off out of the scenario file" in str(err.value)
    assert "already runs" not in str(err.value)  # one error, the one that says why
