"""The briefing names its assumptions: shocks with their ranges, fabs switched off with capacity."""

from __future__ import annotations

from dataclasses import replace as dataclasses_replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from chipshock import sim
from chipshock.report.assumptions import assumption_items, fab_ids_off
from chipshock.scenarios import load_scenario


@pytest.fixture(scope="module")
def data(built_store: Path) -> sim.ModelData:
    return sim.load_model_data(built_store)


def test_fabs_switched_off_are_named_with_capacity_and_start(data: sim.ModelData) -> None:
    """Each fab of the counterfactual appears by name, place, capacity and production start;
    every fab of this counterfactual now has capacity rows, and none is defaulted."""
    sc = load_scenario("taiwan-blockade-2027-6m-no-alliance-fabs")
    items = assumption_items(SimpleNamespace(scenario=sc, runs=5, seed=1), data, "en")
    text = " ".join(items)
    assert len(fab_ids_off(sc)) == 6
    # JASM Fab 1's mass production began late in 2024, so under data release 12's year rule its
    # capacity counts from 2025 (was "producing from 2024")
    assert (
        "JASM Kumamoto Fab 1 (Kikuyo, Kumamoto, Japan, 10–22 nm + 28–45 nm; up to 55,000 wafers "
        "a month by 2030, producing from 2025)" in text
    )
    # Rapidus has an estimated ramp since data release 3 (before: "no wafer capacity modelled");
    # its first rows are a pilot line, said as such (review 3, finding 10: "producing from 2025"
    # read as volume production), and under data release 12's year rule its end-2025 pilot
    # line counted from 2026, its end-2027 volume level from 2028; since data release 23 the
    # pilot line's row holds 0 saleable wafers, so Rapidus produces from 2028 (issue 8 point 4)
    assert (
        "Rapidus IIM-1 (Innovative Integration for Manufacturing) (Chitose, Hokkaido, Japan, "
        "Leading edge (&lt;10 nm); up to 18,000 wafers a month by 2030, producing from 2028)"
    ) in text
    assert "a pilot line from" not in text
    assert "no wafer capacity modelled" not in text
    assert "default" not in text
    assert "rapidus-iim1" not in text  # names, not ids


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_shock_is_named_with_its_ranges(data: sim.ModelData, lang: str) -> None:
    """The shock: label, the country by name, start month, and central value (range) of its
    duration, severity and recovery."""
    sc = load_scenario("china-gallium-germanium-controls")
    items = assumption_items(SimpleNamespace(scenario=sc, runs=5, seed=1), data, lang)  # type: ignore[arg-type]
    first = items[0]
    if lang == "en":
        assert "China → United States" in first and "from January 2027" in first
        assert "lasts 52 weeks (26–156)" in first
        # export controls stop a share of the flows; nothing "cuts output" by the severity
        # (review 8, finding 1)
        assert "stops 75% (50%–100%) of these flows" in first and "cuts output" not in first
    else:
        assert "中国 → 米国" in first and "2027年1月から" in first and "（26〜156）" in first
        # the reading of the brackets: the range the runs draw from (not 引き出し, "withdrawal")
        assert first.endswith("括弧内は値を抽出する分布の範囲。") and "引き出し" not in first
    assert items[-1].startswith("Horizon 2026–2030" if lang == "en" else "期間2026〜2030年")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_demand_shock_raises_or_lowers_demand_by_its_direction(
    data: sim.ModelData, lang: str
) -> None:
    """Review 8, finding 1: the built-in demand surge read "cuts output by 17%", and a slump
    read the same as a surge. A surge raises demand, a slump lowers it, by the severity."""
    sc = load_scenario("demand-surge-2021-like")
    result = SimpleNamespace(scenario=sc, runs=5, seed=1)
    surge = assumption_items(result, data, lang)[0]  # type: ignore[arg-type]
    slumped = dataclasses_replace(
        sc, shocks=tuple(dataclasses_replace(s, direction="slump") for s in sc.shocks)
    )
    slump = assumption_items(SimpleNamespace(scenario=slumped, runs=5, seed=1), data, lang)[0]  # type: ignore[arg-type]
    if lang == "en":
        assert "raises demand by 17% (10%–25%)" in surge
        assert "lowers demand by 17% (10%–25%)" in slump
        assert "cuts output" not in surge + slump
    else:
        assert "需要の増加17%（10%〜25%）" in surge
        assert "需要の減少17%（10%〜25%）" in slump
        assert "生産の減少" not in surge + slump


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_input_and_country_shocks_say_what_they_cut(data: sim.ModelData, lang: str) -> None:
    """An input shock cuts that input's supply (not output: the reviewer's packaging stop of
    88% took AI's output to 78% at worst); a country shock cuts both the output of the fabs
    there and the inputs supplied from there."""
    from chipshock.scenarios.model import Distribution, Scenario, Shock

    base = load_scenario("taiwan-blockade-2027-6m")
    packaging = Shock(
        kind="input",
        targets=("advanced_packaging",),
        start_year=2027,
        severity=Distribution.fixed(0.88),
    )
    sc: Scenario = dataclasses_replace(base, shocks=(packaging, base.shocks[0]))
    items = assumption_items(SimpleNamespace(scenario=sc, runs=5, seed=1), data, lang)  # type: ignore[arg-type]
    if lang == "en":
        # the raw material by its raw_materials.csv name, not its id
        assert (
            "cuts the supply of Advanced packaging (2.5D/3D, CoWoS-class) by 88% (fixed)"
            in (items[0])
        )
        assert "cuts output" not in items[0]
        assert (
            "cuts the output of the fabs there and the supply of the inputs from there by 90% "
            "(60%–100%)"
        ) in items[1]
    else:
        assert "先端パッケージング（2.5D/3D、CoWoS級）の供給の減少88%（固定）" in items[0]
        assert "生産の減少" not in items[0] and "advanced_packaging" not in items[0]
        assert "現地の工場の生産と現地からの投入物の供給の減少90%（60%〜100%）" in items[1]


def test_a_fab_producing_before_the_horizon_starts_with_its_first_capacity_row(
    data: sim.ModelData,
) -> None:
    """TSMC Arizona phase 1: announced for 2024 (fabs.csv), in the model from its first
    fab_capacity.csv row (2025); the briefing says what the model does."""
    from chipshock.report.assumptions import fab_capacity

    capacity = fab_capacity(["tsmc-arizona-p1", "jasm-kumamoto-fab1"], data, (2026, 2030))
    arizona, jasm = capacity["tsmc-arizona-p1"], capacity["jasm-kumamoto-fab1"]
    assert arizona is not None and arizona[1] == 2025
    assert jasm is not None and jasm[0] == ("n10_22", "n28_45")


def test_fabs_switched_off_are_placed_in_japanese(data: sim.ModelData) -> None:
    """In Japanese each fab's place is its Japanese name after the country (日本・北海道千歳市,
    米国・アリゾナ州フェニックス北部); a fab whose place has no Japanese name keeps the English
    place, never an empty one."""
    from chipshock.report.assumptions import fab_lines

    lines = fab_lines(
        ["rapidus-iim1", "tsmc-arizona-p1", "ams-osram-premstaetten"], data, "ja", (2026, 2030)
    )
    assert "（日本・北海道千歳市、" in lines[0]
    assert "（米国・アリゾナ州フェニックス北部、" in lines[1]
    assert "（オーストリア・Premstaetten, Styria、" in lines[2]
    assert "Hokkaido" not in lines[0] and "Phoenix" not in lines[1]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_shock_without_a_label_is_led_by_its_kind_once(data: sim.ModelData, lang: str) -> None:
    """A shock the scenario gives no label opens with its kind once ("Export controls (China →
    …"), not "export controls — export controls (…)" (the kind said twice, as it read before)."""
    sc = load_scenario("china-gallium-germanium-controls")
    shock = dataclasses_replace(sc.shocks[0], label="", label_ja="")
    bare = dataclasses_replace(sc, shocks=(shock,))
    first = assumption_items(SimpleNamespace(scenario=bare, runs=5, seed=1), data, lang)[0]  # type: ignore[arg-type]
    kind = {"en": "export controls", "ja": "輸出規制"}[lang]
    assert first.lower().count(kind) == 1, first
    if lang == "en":
        assert first.startswith("Export controls (China → United States") and " — " not in first


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "lasts 65 weeks (26–104)"),
        ("ja", "期間65週（26〜104）"),
    ],
)
def test_a_uniform_range_is_not_called_most_likely(
    data: sim.ModelData, lang: str, said: str
) -> None:
    """Audit31, finding 16: the Dutch stop's uniform 26–104 weeks printed 65 as "the most likely
    value"; a uniform range has none. 65 is its midpoint, and the note calls it the central
    value (kept to one line: the comparison's page 2 keeps six lines spare)."""
    sc = load_scenario("nld-litho-export-stop-china")
    first = assumption_items(SimpleNamespace(scenario=sc, runs=5, seed=1), data, lang)[0]  # type: ignore[arg-type]
    assert said in first
    # the inputs it stops after the text's own semicolon (「オランダ → 中国; EUV露光装置」 before)
    if lang == "ja":
        assert "中国；" in first and "; " not in first
    else:
        assert "China; " in first
    assert (
        "Central value first (not always the most likely)" if lang == "en" else "数値は中心値"
    ) in first
    assert "Most likely value first" not in first
