"""What a run says about the end of its horizon (review 4, findings 4 and 6).

- Finding 4: a market still short at the horizon end reads ``weeks_to_recover`` = horizon end
  minus shock start, a censored value; the KPI table carries ``censored_at`` and
  ``not_recovered_pct``, the tables write "≥ N", and the summary says "not back to normal by the
  end of <year> ... in k of n" instead of "takes about N weeks (N to N weeks)".
- Finding 6: a horizon past the last year of the capacity data runs on world capacity (and chip
  demand) held flat while the value per week keeps growing: the summary, the API's run and
  the CLI's JSON carry the words of ``chipshock capacity --year``'s warning and what they mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from tests.sim.conftest import tiny_scenario

from chipshock import sim
from chipshock.cli.scenario_view import percentile_band, stacked_percentiles
from chipshock.present.coverage_notes import capacity_year_warning, run_capacity_note
from chipshock.present.messages import message
from chipshock.present.summary import summary_text
from chipshock.scenarios.model import Distribution, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.run.economics import kpi_frame, kpi_summary


def _by_run(recover: list[float]) -> pd.DataFrame:
    """A per-run KPI table of one market (and ``all``) whose weeks_to_recover are ``recover``."""
    n = len(recover)
    col = np.array([[w, w] for w in recover])  # [runs, market + all]
    zeros = np.zeros((n, 2))
    return kpi_frame(
        ["cars"], zeros, zeros, zeros, col, zeros, zeros, zeros, zeros, zeros, zeros, zeros
    )


def test_kpi_summary_counts_the_runs_not_recovered_by_hand() -> None:
    """Runs reading 208 of 208 weeks are censored: 2 of 4 = 50 %, on the weeks_to_recover
    rows only; a difference of two results (no censor value) gets no such columns."""
    table = kpi_summary(_by_run([10.0, 208.0, 208.0, 0.0]), censor_weeks=208.0)
    rec = table[table["kpi"] == "weeks_to_recover"].set_index("market")
    assert rec.loc["cars", "censored_at"] == 208.0 and rec.loc["all", "censored_at"] == 208.0
    assert rec.loc["cars", "not_recovered_pct"] == 50.0
    other = table[table["kpi"] != "weeks_to_recover"]
    assert other["censored_at"].isna().all() and other["not_recovered_pct"].isna().all()
    assert "censored_at" not in kpi_summary(_by_run([10.0, 208.0]))


def _long_shock(year: int = 2026) -> Shock:
    """Taiwan cut off for 200 weeks from week 10: longer than any tiny horizon."""
    return Shock(
        "country",
        ("TWN",),
        year,
        10,
        duration_weeks=Distribution.fixed(200),
        severity=Distribution.fixed(1.0),
        recovery_weeks=Distribution.fixed(4),
    )


def test_a_shock_past_the_horizon_is_censored_on_every_surface(tiny_data: ModelData) -> None:
    """The tiny model cut off for 200 weeks in a 2-year horizon: every run reads horizon end -
    shock start (104 - 9 = 95 weeks), the table says so, the cells read "≥ 95" and the summary
    says output is not back to normal by the end of 2027 in all 8 futures (old: "takes about
    95 weeks ... (95 to 95 weeks)")."""
    r = sim.run(tiny_scenario((_long_shock(),)), tiny_data)
    rec = r.kpis[r.kpis["kpi"] == "weeks_to_recover"].set_index("market")
    at = float(rec.loc["all", "censored_at"])
    assert at == 95.0 and (r.kpi("all", "weeks_to_recover") == at).all()
    assert (rec["not_recovered_pct"] == 100.0).all()
    summary = r.summary()
    assert summary["recovery_censored_at"] == 95.0 and summary["not_recovered_pct"] == 100.0
    assert percentile_band(rec.reset_index().iloc[0]) == "≥ 95 · ≥ 95 · ≥ 95"
    cells = stacked_percentiles(r.kpis[r.kpis["kpi"] == "weeks_to_recover"])
    assert set(cells.loc[cells["p50"] != "", "p50"]) == {"≥ 95"}
    en, ja = summary_text(r, "en"), summary_text(r, "ja")
    assert "is not back to normal by the end of 2027 (at least 95 weeks" in en
    assert "in all 8 simulated futures" in en
    assert "takes about" not in en and "95 to 95" not in en
    assert "シミュレーションした未来8通りのすべてで2027年末までに通常に戻りません" in ja
    assert "かかります" not in ja


@dataclass
class KpiResult:
    """A result that is only its KPI table and a summary (runs, horizon)."""

    kpis: pd.DataFrame

    def summary(self) -> dict[str, Any]:
        return {"runs": 60, "horizon": [2026, 2030], "title": "Blockade"}


def _table(rows: dict[tuple[str, str], tuple[float, float, float]], share: float) -> KpiResult:
    out = []
    for (kpi, market), (p5, p50, p95) in rows.items():
        recover = kpi == "weeks_to_recover"
        out.append(
            {"kpi": kpi, "market": market, "mean": p50, "p5": p5, "p50": p50, "p95": p95}
            | {"censored_at": 208.0 if recover else np.nan}
            | {"not_recovered_pct": share if recover else np.nan}
        )
    return KpiResult(pd.DataFrame(out))


def test_a_censored_upper_end_reads_at_least_and_counts_the_runs() -> None:
    """The median run recovers in 30 weeks, the p95 one not by the end of 2030 (6 of 60):
    the range ends "at least 208 weeks" and the count follows, in English and Japanese."""
    result = _table(
        {
            ("peak_output_lost_pct", "ai_datacenter"): (20.0, 40.0, 60.0),
            ("weeks_to_recover", "ai_datacenter"): (12.0, 30.0, 208.0),
            ("output_lost_weeks", "all"): (2.0, 4.0, 9.0),
            ("weeks_to_recover", "all"): (10.0, 28.0, 208.0),
            ("loss_usd_bn", "all"): (100.0, 600.0, 1500.0),
        },
        share=10.0,
    )
    en, ja = summary_text(result, "en"), summary_text(result, "ja")
    assert "takes about 30 weeks from the start of the shock" in en
    assert "(12 to at least 208 weeks)" in en
    assert "In 6 of the 60 simulated futures it is not back to normal by the end of 2030" in en
    assert (
        "12〜208週間以上" in ja
        and "シミュレーションした未来60通りのうち6通りでは、2030年末までに" in ja
    )


def test_a_censored_tail_is_not_a_recovery_time() -> None:
    """A quiet median with a tail not recovered by the horizon end: the tail sentence gives the
    count, not "takes up to 208 weeks"."""
    result = _table(
        {
            ("peak_output_lost_pct", "automotive"): (0.0, 0.0, 12.6),
            ("weeks_to_recover", "automotive"): (0.0, 0.0, 208.0),
            ("output_lost_weeks", "all"): (0.0, 0.0, 2.5),
            ("weeks_to_recover", "all"): (0.0, 0.0, 208.0),
            ("loss_usd_bn", "all"): (0.0, 0.0, 297.2),
        },
        share=5.0,
    )
    en = summary_text(result, "en")
    assert "up to 208 weeks" not in en
    assert "in 3 of the 60 simulated futures output is not back to normal by the end of 2030" in en
    assert "シミュレーションした未来60通りのうち3通りでは2030年末までに" in summary_text(
        result, "ja"
    )


def test_a_horizon_past_the_capacity_data_says_so(tiny_data: ModelData) -> None:
    """The tiny data's capacity ends in 2032: a 2032-2034 run carries the capacity command's
    warning (2033, 2034 held flat) and what it means for the USD loss, in the summary text in
    both languages and in the API's run warnings; a 2026-2027 run carries none."""
    from chipshock.api.routes_scenarios import run_warnings

    late = sim.run(tiny_scenario((_long_shock(2033),), start_year=2032, end_year=2034), tiny_data)
    assert late.summary()["capacity_flat_years"] == [2033, 2034]
    for lang in ("en", "ja"):
        warning = capacity_year_warning([2033, 2034], [2022, 2032], lang)
        assert warning and warning in summary_text(late, lang)
        assert message("capacity.run_flat", lang) in summary_text(late, lang)
    notes = run_warnings(late)  # also the markets' history caveats (review 14 #1)
    assert {k: notes[k] for k in ("warnings", "warnings_ja")} == {
        "warnings": [run_capacity_note(2032, 2034, [2022, 2032], "en")],
        "warnings_ja": [run_capacity_note(2032, 2034, [2022, 2032], "ja")],
    }
    early = sim.run(tiny_scenario((_long_shock(),)), tiny_data)
    assert early.summary()["capacity_flat_years"] == []
    notes = run_warnings(early)
    assert {k: notes[k] for k in ("warnings", "warnings_ja")} == {"warnings": [], "warnings_ja": []}
    assert message("capacity.run_flat", "en") not in summary_text(early, "en")


def test_the_report_marks_a_censored_recovery_and_the_flat_years(tiny_data: ModelData) -> None:
    """The report of the tiny model cut off past a 2032-2033 horizon: the key figure and the
    KPI table read "≥ 95 weeks" with the note saying what "≥" means, and the summary carries
    the capacity warning, in English and Japanese (old: "95 weeks" as a recovery time)."""
    import html as html_lib

    from chipshock.report.html import render_report

    late = sim.run(tiny_scenario((_long_shock(2032),), start_year=2032, end_year=2033), tiny_data)
    for lang in ("en", "ja"):
        page = html_lib.unescape(render_report(late, lang))
        assert "≥ 95" in page and message("kpi.censored_note", lang) in page
        assert run_capacity_note(2032, 2033, [2022, 2032], lang) in page
