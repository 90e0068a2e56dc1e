"""Session 31's audit, findings 1 and 2: a material cut whose middle estimate loses nothing.
The band charts' notes say that no middle line falls below 100 %, never a date (the "lowest"
point of a flat line was the horizon's first week, a year before the shock), and the summary
says what moved (lead time and stocks at p95, the run's own figures) and what the model cannot
see (no class for GaAs/GaN devices; capacity within a class interchangeable), in en and ja."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from chipshock.present.charts import _lowest
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_pct, fmt_weeks
from chipshock.present.summary import summary_text
from chipshock.present.summary_figures import key_figures
from chipshock.scenarios.model import Shock


@pytest.fixture(scope="module")
def gallium(built_store: Path) -> Any:
    """The shipped gallium and germanium controls, 6 runs (no run loses output)."""
    sim = pytest.importorskip("chipshock.sim")
    from chipshock.scenarios import load_scenario

    scenario = load_scenario("china-gallium-germanium-controls")
    return sim.run(scenario, sim.load_model_data(built_store), runs=6, seed=1)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_flat_output_chart_gives_no_date(gallium: Any, lang: str) -> None:
    """Output and chips delivered stay at 100 % on the middle line: the note says so and names
    no month (it said "falls lowest for AI and data centre, around January 2026")."""
    from chipshock.present.charts_results import chart_specs

    specs = chart_specs(gallium, lang)
    for name in ("output", "delivered"):
        text = specs[name]["description"]
        assert text == message("report.chart_desc_flat", lang), name
        assert "2026" not in text and "January" not in text and "月ごろ" not in text


def _flat(keys: list[str], low: float = 100.0) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"key": k, "week": w, "date": None, "p5": 90.0, "p50": low, "p95": 100.0}
            for k in keys
            for w in (1, 2, 3)
        ]
    )


def test_lowest_of_flat_lines_says_no_line_falls() -> None:
    """Tiny bands: lines at 100 % (and 99.96 %) give the flat note, for markets and for a
    comparison's sides; a line at 99.9 % still gets its market and week."""
    names = {"a": "AI", "b": "PCs"}
    assert _lowest(_flat(["a", "b"]), names, "en") == message("report.chart_desc_flat", "en")
    assert _lowest(_flat(["a"], 99.96), names, "ja") == message("report.chart_desc_flat", "ja")
    sides = _lowest(_flat(["a", "b"]), names, "en", sides=True)
    assert sides.startswith("Neither middle line falls below 100%")
    ja = _lowest(_flat(["a", "b"]), names, "ja", sides=True)
    assert ja == message("report.chart_desc_side_flat", "ja") and "ごろ" not in ja
    dip = pd.concat([_flat(["a"]), _flat(["b"], 99.9)], ignore_index=True)
    assert _lowest(dip, names, "en") == "The middle line falls lowest for PCs, around Week 1."


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_material_cut_with_no_loss_says_what_moved_and_what_is_unseen(
    gallium: Any, lang: str
) -> None:
    """The run's p95 lead time, its normal lead time and its p95 stock gap are in the summary,
    with the sentence on what the model cannot see (GaAs/GaN; interchangeable capacity)."""
    figures = key_figures(gallium)
    assert figures["peak_output"]["p50"] <= 0.05  # the case: nothing lost in the middle
    text = summary_text(gallium, lang)
    lead = fmt_weeks(figures["lead_time"]["p95"], lang)
    normal = fmt_weeks(figures["normal_lead_time"], lang)
    assert figures["lead_time"]["p95"] > figures["normal_lead_time"]
    moved = message(
        "summary.input_cut_moved",
        lang,
        lead=lead,
        normal=normal,
        cover=fmt_pct(figures["drawdown"]["p95"], 1, lang),
    )
    assert moved in text
    assert message("summary.input_cut_unseen", lang) in text
    assert "GaN" in text and text.count("GaAs") == 1


#: a fab fire with no loss: the same KPIs, but no material or tool cut
QUIET = {
    ("peak_output_lost_pct", "automotive"): (0.0, 0.0, 0.0),
    ("output_lost_weeks", "all"): (0.0, 0.0, 0.0),
    ("loss_usd_bn", "all"): (0.0, 0.0, 0.0),
    ("lead_time_weeks_peak", "all"): (12.0, 12.0, 14.0),
    ("inventory_drawdown_peak_pct", "all"): (0.0, 1.0, 3.0),
}


@dataclass
class Scene:
    shocks: tuple[Shock, ...]
    scenario_id: str = "quiet"
    start_year: int = 2026
    end_year: int = 2030


@dataclass
class QuietResult:
    scenario: Scene
    kpis: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            [
                {"kpi": k, "market": m, "mean": b, "p5": a, "p50": b, "p95": c}
                for (k, m), (a, b, c) in QUIET.items()
            ]
        )
    )
    assumptions: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame({"id": ["normal_lead_time_weeks"], "value": [12.0]})
    )

    def summary(self) -> dict[str, Any]:
        return {"runs": 20, "title": "Quiet", "title_ja": "静か"}


def test_only_a_material_or_tool_cut_gets_the_sentences() -> None:
    """Tiny hand-made results: a neon `input` cut gets both sentences with its p95 figures
    (14 weeks against 12, 3.0 %); a fab shock with the same numbers gets neither."""
    neon = QuietResult(Scene((Shock("input", ("neon",), 2027),)))
    text = summary_text(neon, "en")
    assert "reach 14 weeks, against 12 in normal times" in text and "lack 3.0% of" in text
    assert "What the model cannot see" in text
    ja = summary_text(neon, "ja")
    assert "14週間（平時は12週間）" in ja and "3.0%が不足" in ja and "モデルに見えないこと" in ja
    fire = QuietResult(Scene((Shock("fab", ("tsmc-f18",), 2027),)))
    plain = summary_text(fire, "en")
    assert "What the model cannot see" not in plain and "reach 14 weeks" not in plain


def test_only_what_moved_is_said() -> None:
    """Lead time at its normal 12 weeks at p95, stocks 3 % short: the sentence gives the
    stocks and says the lead time stays normal (not "reach 12 weeks, against 12"); stocks
    untouched, lead time 14: the lead time alone, in both languages."""
    neon = QuietResult(Scene((Shock("input", ("neon",), 2027),)))
    kpis = neon.kpis.copy()
    kpis.loc[kpis["kpi"] == "lead_time_weeks_peak", "p95"] = 12.0
    stocks = summary_text(QuietResult(neon.scenario, kpis), "en")
    assert "lack 3.0% of the chip stocks" in stocks and "stay at their normal 12 weeks" in stocks
    assert "reach 12 weeks" not in stocks
    kpis = neon.kpis.copy()
    kpis.loc[kpis["kpi"] == "inventory_drawdown_peak_pct", "p95"] = 0.0
    for lang, said in (("en", "reach 14 weeks, against 12"), ("ja", "14週間（平時は12週間）")):
        lead = summary_text(QuietResult(neon.scenario, kpis), lang)
        assert said in lead and "0.0%" not in lead and "lack" not in lead
