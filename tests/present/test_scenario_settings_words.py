"""What a scenario sets, in words (session 31's audit): a stockpile was named nowhere (findings
3), a fab override did not say what the data had for the fab (5), the contributions' "none until
2028" read as "through 2028" (6) and Japanese text printed regime ids (「「2021_lean」型」, 14).
Hand-checkable examples, no store."""

from __future__ import annotations

import pandas as pd
import pytest

from chipshock.present.contributions import capacity_words
from chipshock.present.scenario_settings import regime_name, settings_lines
from chipshock.scenarios.model import FabOverride, Intervention, Scenario, Shock

ASSUMPTIONS = pd.DataFrame(
    {
        "parameter": ["inventory_regime_2019", "inventory_regime_2021_lean"],
        "value": [1.0, 0.125],
        "as_of": ["2022-01", "2022-01"],
        "confidence": ["low", "medium"],
    }
)

#: a fab with no saleable wafers before 2028, then a ramp (as rapidus-iim1 in the data)
CAPACITY = pd.DataFrame(
    {
        "fab_id": ["f1", "f1", "f1", "f2"],
        "node_class": ["lt10", "lt10", "lt10", "n28_45"],
        "year": [2026, 2028, 2030, 2019],
        "capacity_wspm": [0.0, 6000.0, 18000.0, 12900.0],
        "as_of": ["2024-03", "2025-11", "2025-01", "2021-03"],
        "confidence": ["low", "low", "medium", "low"],
    }
)
SHOCK_2027 = Shock("country", ("TWN",), 2027)


def _lines(scenario: Scenario, lang: str = "en", **kw: object) -> list[str]:
    return settings_lines(scenario, ASSUMPTIONS, {"f1": "Fab One"}, lang, **kw)  # type: ignore[arg-type]


def test_a_stockpile_and_an_inventory_policy_have_a_line_each() -> None:
    """Each says how much and for which markets (every market when it names none), with its
    label; a fab switch among them has its own line (tests/present/test_switch_settings.py)."""
    s = Scenario(
        "x",
        "X",
        interventions=(
            Intervention("stockpile", markets=("automotive",), weeks=12, label="Cars stock up"),
            Intervention("inventory_policy", factor=0.5),
            Intervention("fabs_off", fabs=("f1",), label="off"),
        ),
    )
    en = _lines(s)
    assert en[1:3] == [
        "Stockpile: buyers in Automotive hold 12 more weeks of chips than the curated levels "
        "(“Cars stock up”).",
        "Inventory policy: buyers' chip inventories in every market at 0.5 x.",
    ]
    assert en[3] == "Fabs switched off (no output in the run): Fab One (“off”)."
    ja = _lines(s, "ja")
    assert ja[1:3] == [
        "備蓄：自動車の買い手が収録水準より12週分多くチップを持つ（「Cars stock up」）。",
        "在庫方針：全市場の買い手のチップ在庫を0.5倍にする。",
    ]


def test_the_japanese_label_is_used_in_japanese() -> None:
    s = Scenario(
        "x", "X", interventions=(Intervention("stockpile", weeks=4, label="a", label_ja="備え"),)
    )
    assert _lines(s, "ja", default_stocks=False) == [
        "備蓄：全市場の買い手が収録水準より4週分多くチップを持つ（「備え」）。"
    ]


def test_regimes_are_named_in_words_in_japanese() -> None:
    """「2021年型の薄い在庫」, not the id in brackets; English keeps its wording."""
    lean = Scenario("x", "X", inventory_regime="2021_lean", inventory_target_regime="2019")
    stocks, restock = _lines(lean, "ja")
    assert stocks.startswith("在庫：2021年型の薄い在庫。買い手のチップ在庫は収録水準の0.125倍")
    assert restock.startswith("在庫の積み増し先：2019年型の在庫、収録水準の1倍")
    assert "「2021_lean」" not in stocks + restock
    assert _lines(Scenario("y", "Y"), "ja")[0].startswith("在庫：2019年型の在庫（既定）。")
    assert _lines(lean)[0].startswith("Stocks: the 2021_lean regime, buyers' chip inventories")
    assert regime_name("2030_fat", "ja") == "「2030_fat」型"  # no name in the catalogue


@pytest.mark.parametrize(
    ("lang", "data"),
    [
        (
            "en",
            " In the data: none in 2027, 6,000 a month from 2028, 18,000 a month from 2030 "
            "(fab_capacity.csv, as of 2024-03 to 2025-11, confidence low).",
        ),
        (
            "ja",
            "データ上の数値：2027年は能力なし、2028年から月6,000枚、2030年から月18,000枚"
            "（fab_capacity.csv、2024-03〜2025-11時点、確度：低）。",
        ),
    ],
)
def test_a_fab_override_says_what_the_data_have_from_the_shock_year(lang: str, data: str) -> None:
    """The figure in the year the first shock starts, then each change in the horizon, with
    the rows' dates and their lowest confidence."""
    s = Scenario(
        "x",
        "X",
        start_year=2026,
        end_year=2030,
        shocks=(SHOCK_2027,),
        fab_overrides=(FabOverride("f1", capacity_wspm=18000, start_year=2029, ramp_years=3),),
    )
    override = _lines(s, lang, capacity=CAPACITY)[1]
    assert override.endswith(data)
    assert "f1" in override
    assert _lines(s, lang)[1] == override.removesuffix(data)  # no table: no data note


def test_the_data_note_follows_the_override_s_class_and_a_fab_without_rows() -> None:
    s = Scenario(
        "x",
        "X",
        start_year=2027,
        end_year=2028,
        fab_overrides=(
            FabOverride("f2", capacity_wspm=1000, node_class="n28_45"),
            FabOverride("f1", capacity_wspm=1000, node_class="n28_45"),
            FabOverride("f3", capacity_wspm=1000, start_year=2027, ramp_years=1),
        ),
    )
    f2, f1, f3 = _lines(s, capacity=CAPACITY)[1:]
    assert f2.endswith(
        " In the data: 12,900 a month in 2027 (fab_capacity.csv, as of 2021-03, confidence low)."
    )
    assert f1.endswith(" In the data: no capacity row for it (fab_capacity.csv).")
    assert f3.endswith(" In the data: no capacity row for it (fab_capacity.csv).")


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "none in 2027 (from 2028)"), ("ja", "2027年は能力なし（2028年から）")],
)
def test_a_fab_without_capacity_in_the_shock_year_says_when_it_starts(
    lang: str, words: str
) -> None:
    """Not "none until 2028" / 「2028年まで能力なし」, read as "none through 2028"."""
    row = {"capacity_wspm": 0.0, "shock_year": 2027, "first_year": 2028}
    assert capacity_words(row, lang) == words  # type: ignore[arg-type]
    full = {"capacity_wspm": 20000.0, "shock_year": 2027, "first_year": 2026}
    assert (
        capacity_words(full, lang)
        == {"en": "20,000 wspm in 2027", "ja": "2027年に月20,000枚"}[lang]
    )


def test_the_restocking_sentence_names_regimes_in_words() -> None:
    """set31's leftover: the summary's restocking sentence printed the ids in Japanese
    (「在庫水準 2021_lean」「2019 の水準まで」); it names them as the settings lines do."""
    from chipshock.present.messages import message
    from chipshock.present.scenario_settings import regime_name

    ja = message(
        "summary.restocking",
        "ja",
        start=regime_name("2021_lean", "ja"),
        target=regime_name("2019", "ja"),
    )
    assert "（2021年型の薄い在庫）で始まり、2019年型の在庫の水準まで" in ja and "_lean" not in ja
    en = message(
        "summary.restocking",
        "en",
        start=regime_name("2021_lean", "en"),
        target=regime_name("2019", "en"),
    )
    assert "(the 2021_lean regime, restocking toward the 2019 regime)" in en
