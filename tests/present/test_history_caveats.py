"""Review 14 #1: a market whose output loss the history check shows far from what happened
(automotive: about a tenth of 2021's vehicles) carries a caveat wherever its loss is printed,
in the message catalogue's words, with only history_observations.csv's observed values."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from chipshock.present.history_caveats import CAVEATS, binding_class, market_caveats
from chipshock.present.messages import message
from chipshock.present.summary import summary_text

ROOT = Path(__file__).resolve().parents[2]
HISTORY = ROOT / "src/chipshock/data/files/curated/history_observations.csv"


@dataclass
class _Result:
    markets: tuple[str, ...]

    @property
    def kpis(self) -> pd.DataFrame:
        # a KPI the summary does not read: only the markets matter here
        frame = pd.DataFrame({"kpi": "none", "market": list(self.markets)})
        return frame.assign(mean=0.0, p5=0.0, p50=0.0, p95=0.0)

    def summary(self) -> dict[str, Any]:
        return {"runs": 10, "title": "T", "title_ja": "T"}


@dataclass
class _Comparison:
    a: _Result
    b: _Result
    delta: pd.DataFrame


def _observed(case: str, quantity: str) -> str:
    with HISTORY.open(encoding="utf-8") as fh:
        row = next(
            r for r in csv.DictReader(fh) if (r["case_id"], r["quantity"]) == (case, quantity)
        )
    return f"{float(row['observed']):g}"


def test_automotive_carries_the_history_check_with_the_observed_values() -> None:
    """Automotive's caveat quotes 2021's vehicles not built and the Naka fire's weeks as
    history_observations.csv records them (10.1 m, 0.91 weeks), says lower bound and where to
    look, in both languages; the summary paragraph ends with it."""
    cars = _Result(("automotive", "all"))
    (en,) = market_caveats(cars, "en")
    (ja,) = market_caveats(cars, "ja")
    vehicles = _observed("shortage-2021", "vehicles_not_built_m")
    naka = _observed("naka-fire-2021", "automotive_output_lost_weeks")
    assert (vehicles, naka) == ("10.1", "0.91")
    for text in (en, ja):
        assert naka in text and "chipshock validate" in text
    # review 16 #8: Japanese counts vehicles in 万 (約1,010万台, not 約10.1百万台)
    assert "about 10.1 million vehicles" in en and "約1,010万台" in ja and "百万台" not in ja
    assert "lower bound" in en and "下限" in ja
    assert summary_text(cars, "en").endswith(en)
    assert summary_text(cars, "ja").endswith(ja)


def test_markets_without_a_history_gap_carry_none() -> None:
    """A result without automotive has no caveat, and its summary is unchanged."""
    other = _Result(("smartphones", "all"))
    assert market_caveats(other, "en") == [] and market_caveats(other, "ja") == []
    assert "History check" not in summary_text(other, "en")
    assert set(CAVEATS) == {"automotive"}


def test_a_comparison_says_it_once() -> None:
    """Both sides print automotive: the comparison carries the caveat once."""
    cmp = _Comparison(_Result(("automotive",)), _Result(("automotive",)), pd.DataFrame())
    assert len(market_caveats(cmp, "en")) == 1


def test_the_short_wording_of_the_reports_first_page() -> None:
    """The report's first page has one line for it (its key figures stay on two A4 pages):
    the short wording still says lower bound and where to look, in both languages."""
    cars = _Result(("automotive",))
    (en,) = market_caveats(cars, "en", short=True)
    (ja,) = market_caveats(cars, "ja", short=True)
    assert "lower bound" in en and "chipshock validate" in en and len(en) <= 125
    assert "下限" in ja and "chipshock validate" in ja


def test_readme_quotes_validations_current_cars_lost() -> None:
    """README's "loses far fewer cars than happened (N million" is docs/validation.md's p50 of
    shortage-2021 vehicles_not_built_m, to the README's decimals (it quoted 0.4 million, release
    15's, against 0.86)."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    quoted = re.search(r"loses far fewer cars than happened \(([\d.]+) million", readme)
    row = next(
        line
        for line in (ROOT / "docs/validation.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| shortage-2021 | vehicles_not_built_m |")
    )
    model = re.match(r"\s*([\d.]+) \(", row.split("|")[5])
    assert quoted is not None and model is not None
    # the README rounds the table's three significant figures ("0.71" for 0.713)
    decimals = len(quoted.group(1).partition(".")[2])
    assert float(quoted.group(1)) == round(float(model.group(1)), decimals)


def _bands(car_output: list[float], supply: dict[str, list[float]]) -> pd.DataFrame:
    """p50 bands of a hand-made run: cars' output and each class's supply per week (%)."""
    rows = [("output_pct_of_normal", "automotive", w, v) for w, v in enumerate(car_output)]
    for node, values in supply.items():
        rows += [("supply_pct_of_demand", node, w, v) for w, v in enumerate(values)]
    return pd.DataFrame(rows, columns=["series", "key", "week", "p50"])


@dataclass
class _Banded(_Result):
    bands: pd.DataFrame = field(default_factory=pd.DataFrame)


def test_binding_class_is_the_scarcest_class_cars_use_in_their_worst_weeks() -> None:
    """Review 16 #2: in cars' worst weeks (p50 output within 1 point of its low: weeks 2, 3)
    DRAM averages 70 % and gt45 90 %, so DRAM binds although gt45 is lower in week 0; a
    run in which no class cars use falls short has no binding class."""
    bands = _bands(
        [100.0, 90.0, 75.0, 75.5],
        {"gt45": [60.0, 95.0, 90.0, 90.0], "dram": [100.0, 80.0, 72.0, 68.0]},
    )
    assert binding_class(bands, "automotive") == ("dram", 70.0)
    calm = _bands([100.0, 100.0], {"gt45": [100.0, 101.0], "dram": [120.0, 100.0]})
    assert binding_class(calm, "automotive") is None
    assert binding_class(pd.DataFrame(), "automotive") is None


def test_the_lower_bound_only_when_mature_logic_binds() -> None:
    """gt45 binding keeps the history check's lower bound; DRAM binding names DRAM, its
    supply share and pro-rata sharing, and says upper bound instead (en and ja, long and
    short); no shortage keeps the history caveat."""
    mature = _Banded(("automotive",), _bands([80.0], {"gt45": [70.0], "dram": [90.0]}))
    memory = _Banded(("automotive",), _bands([80.0], {"gt45": [95.0], "dram": [66.4]}))
    calm = _Banded(("automotive",), _bands([100.0], {"gt45": [100.0], "dram": [100.0]}))
    for result in (mature, calm):
        (en,) = market_caveats(result, "en")
        assert "lower bound" in en and "upper bound" not in en
    (en,) = market_caveats(memory, "en")
    (ja,) = market_caveats(memory, "ja")
    (short,) = market_caveats(memory, "en", short=True)
    assert "DRAM memory" in en and "66%" in en and "pro rata" in en and "upper bound" in en
    assert "lower bound" not in en.replace("history check's lower bound", "")
    assert "DRAMメモリ" in ja and "66%" in ja and "比例配分" in ja and "上限" in ja
    assert "DRAM" in short and "upper bound" in short and len(short) <= 125
    assert summary_text(memory, "en").endswith(en)


def test_a_comparison_names_each_binding_class_once() -> None:
    """Both sides bound by DRAM (70 % and 66 %): one caveat giving each side's own share (it
    gave the lower, 66 %, "in both runs": session 30's audit), the same share once; a side
    bound by gt45 adds the history check's lower bound."""
    a = _Banded(("automotive",), _bands([80.0], {"gt45": [95.0], "dram": [70.0]}))
    b = _Banded(("automotive",), _bands([80.0], {"gt45": [95.0], "dram": [66.0]}))
    (only,) = market_caveats(_Comparison(a, b, pd.DataFrame()), "en")
    assert "in both runs" in only and "upper bound" in only
    assert "falls to 70% (“T (first)”) and 66% (“T (second)”) of demand" in only
    (short,) = market_caveats(_Comparison(a, b, pd.DataFrame()), "en", short=True)
    assert "(70% and 66% of demand)" in short
    (ja,) = market_caveats(_Comparison(a, b, pd.DataFrame()), "ja")
    assert "需要の70%（「T（1）」）と66%（「T（2）」）に" in ja
    (same,) = market_caveats(_Comparison(b, b, pd.DataFrame()), "en")
    assert "falls to 66% of demand" in same
    mature = _Banded(("automotive",), _bands([80.0], {"gt45": [60.0], "dram": [90.0]}))
    both = market_caveats(_Comparison(mature, b, pd.DataFrame()), "en")
    assert len(both) == 2 and "lower bound" in both[0] and "DRAM" in both[1]


def test_a_comparison_says_which_side_a_class_binds_and_writes_it_in_lower_case() -> None:
    """Review 24, finding 1: the caveat of a comparison names the side where a class binds (by
    the sides' names: here both titled T, so "T (second)"), or says both; one run says "in this
    run". The class name inside the English sentence is lower case ("leading edge (<10 nm)"),
    an acronym kept (DRAM); the Japanese names the side too."""
    calm = _Banded(("automotive",), _bands([80.0], {"gt45": [60.0], "lt10": [95.0]}))
    leading = _Banded(("automotive",), _bands([80.0], {"gt45": [95.0], "lt10": [50.0]}))
    texts = market_caveats(_Comparison(calm, leading, pd.DataFrame()), "en")
    binding = next(t for t in texts if t.startswith("Binding class"))
    assert binding.startswith(
        "Binding class, cars: in the run “T (second)” automotive output is limited most by "
        "leading edge (<10 nm), whose supply falls to 50%"
    )
    short = market_caveats(_Comparison(calm, leading, pd.DataFrame()), "en", short=True)
    assert any(t.startswith("Cars are limited in the run “T (second)” by leading") for t in short)
    (both,) = market_caveats(_Comparison(leading, leading, pd.DataFrame()), "en")
    assert "in both runs automotive output is limited most by leading edge" in both
    (one,) = market_caveats(leading, "en")
    assert "in this run automotive output is limited most by leading edge (<10 nm)" in one
    ja = market_caveats(_Comparison(calm, leading, pd.DataFrame()), "ja")
    assert any("「T（2）」では自動車の生産を最も制約するのは" in t for t in ja)
    (short_one,) = market_caveats(leading, "ja", short=True)
    assert short_one.startswith("ここでは自動車を制約するのは")
    # a run is a simulation to a Japanese reader, not an "execution" (実行: session 25's review)
    (both_ja,) = market_caveats(_Comparison(leading, leading, pd.DataFrame()), "ja")
    assert "両シナリオとも自動車の生産を最も制約するのは" in both_ja
    (one_ja,) = market_caveats(leading, "ja")
    assert one_ja.startswith("自動車の制約となる区分：このシミュレーションでは自動車の生産を")
    assert not any("実行" in t for t in (*ja, short_one, both_ja, one_ja))


def test_run_and_comparison_state_one_rule_for_cars() -> None:
    """Session 31's audit, finding 7: a run's history caveat ("lower bound") and a
    comparison's binding-class caveat ("may be an upper bound") carry the same rule, word for
    word, in both languages: under-counted in mature-node shortages, perhaps over-counted when
    another class limits cars; the short wordings both name mature nodes."""
    mature = _Banded(("automotive",), _bands([80.0], {"gt45": [70.0], "dram": [90.0]}))
    memory = _Banded(("automotive",), _bands([80.0], {"gt45": [95.0], "dram": [66.4]}))
    en = message("caveat.automotive_rule", "en")
    assert "under-counts car losses in mature-node shortages" in en and "over-count" in en
    for lang, mature_word in (("en", "mature"), ("ja", "成熟ノード")):
        rule = message("caveat.automotive_rule", lang)
        assert mature_word in rule
        (run,) = market_caveats(mature, lang)
        history, side = market_caveats(_Comparison(mature, memory, pd.DataFrame()), lang)
        assert run.count(rule) == 1 and history == run and side.count(rule) == 1
        for result in (mature, memory):
            (short,) = market_caveats(result, lang, short=True)
            assert mature_word in short
