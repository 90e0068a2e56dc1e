"""Sensitivity and Sobol of ``weeks_to_recover`` say how many runs are censored at the horizon:
a run not back to normal by the horizon end reads the horizon's weeks, so the ranking is of
min(weeks, horizon); where most runs are, the ranking is not informative (brief small7, issue
7). Tiny model, by hand: a shock fixed at 60 weeks from the first week of a one-year horizon
(52 weeks) leaves every run still in its loss episode at the end, so every run at every point
reads 52; a 4-week shock leaves none."""

from __future__ import annotations

import pytest

from chipshock.present.censored_analysis import censoring, censoring_note
from chipshock.present.summary import sensitivity_text
from chipshock.report.sobol_reading import sobol_text
from chipshock.scenarios.model import Distribution, Scenario, Shock
from chipshock.sim.data import ModelData
from chipshock.sim.sensitivity import sensitivity
from chipshock.sim.sobol import sobol


def _scenario(weeks: float | Distribution) -> Scenario:
    duration = weeks if isinstance(weeks, Distribution) else Distribution.fixed(float(weeks))
    shock = Shock("country", ("TWN",), 2026, duration_weeks=duration)
    return Scenario("x", "x", start_year=2026, end_year=2026, runs=4, shocks=(shock,))


def test_a_tornado_of_censored_runs_says_its_ranking_is_not_informative() -> None:
    """60 weeks in a 52-week horizon: all 3 x 4 runs read 52 (base, low and high of one
    factor), the reading says so in both languages and calls the ranking not informative."""
    r = sensitivity(
        _scenario(60), ModelData.tiny(), kpi="weeks_to_recover", factors=["utilisation"]
    )
    assert (r.censored_at, r.censored, r.evaluated, r.end_year) == (52.0, 12, 12, 2026)
    row = r.table.iloc[0]
    assert (row["low_censored"], row["base_censored"], row["high_censored"]) == (4, 4, 4)
    assert (row["kpi_low"], row["kpi_base"], row["kpi_high"]) == (52.0, 52.0, 52.0)
    text = sensitivity_text(r, "en")
    assert text.endswith(
        "Weeks until output recovers is censored at the horizon: in 12 of the 12 simulated "
        "futures (the base and each assumption at its low and its high value) output is not "
        "back to normal by the end of 2026 (at least 52 weeks from the start of the shock), "
        "and such a future counts as 52 weeks, so the medians and the ranking describe "
        "min(weeks to recover, 52), not recovery times. Most simulated futures are censored, "
        "so the ranking is not informative: run the scenario over a longer horizon (a later "
        "end_year in a scenario file; chipshock scenario show ID writes one) or rank another KPI."
    )
    assert "のうち12通りは2026年末までに通常に戻らず" in sensitivity_text(r, "ja")
    assert "この順位は参考になりません" in sensitivity_text(r, "ja")
    assert censoring(r) == {
        "censored_at": 52.0,
        "censored": 12,
        "evaluated": 12,
        "share": 1.0,
        "end_year": 2026,
        "most": True,
    }


def test_no_censored_run_no_note_and_other_kpis_none() -> None:
    """A 4-week shock recovers within the year: the counts are 0 and the reading is as before;
    another KPI carries no censoring at all."""
    r = sensitivity(_scenario(4), ModelData.tiny(), kpi="weeks_to_recover", factors=["utilisation"])
    assert (r.censored, r.evaluated) == (0, 12) and r.table["base_censored"].iloc[0] == 0
    assert censoring_note(r) == "" and "censored" not in sensitivity_text(r)
    loss = sensitivity(_scenario(60), ModelData.tiny(), kpi="loss_usd_bn", factors=["utilisation"])
    assert loss.censored_at is None and censoring(loss) is None
    assert loss.table["base_censored"].iloc[0] == 0


def test_a_partly_censored_tornado_counts_each_point() -> None:
    """A duration of 10-55 weeks: at the duration's high end (55 > 52) every run is censored,
    at its low end (10) none; the total is the sum of the points and under half of all runs,
    so the note is said without calling the ranking uninformative."""
    s = _scenario(Distribution("uniform", low=10, high=55))
    r = sensitivity(s, ModelData.tiny(), kpi="weeks_to_recover", factors=["shock_duration"])
    row = r.table.iloc[0]
    assert (row["low_censored"], row["high_censored"]) == (0, 4)
    assert r.censored == row["low_censored"] + row["base_censored"] + row["high_censored"]
    assert r.censored < r.evaluated / 2 + 1
    note = censoring_note(r)
    assert f"in {r.censored} of the 12 simulated futures" in note
    assert ("not informative" in note) == (2 * r.censored > 12)


@pytest.mark.parametrize("batch", [True, False])
def test_sobol_of_censored_runs_says_so(batch: bool) -> None:
    """Sobol on the 60-week shock: every run of the 4 x (2 + 3) points is censored (the design's
    ``censored`` column, batch or point by point), the reading says the indices describe
    min(weeks, 52) and that the ranking is not informative."""
    r = sobol(
        _scenario(60),
        ModelData.tiny(),
        samples=4,
        factors=["utilisation", "complementarity"],
        kpi="weeks_to_recover",
        batch=batch,
    )
    assert (r.censored_at, r.censored, r.evaluated) == (52.0, 20, 20)
    assert r.design["censored"].tolist() == [1] * 20
    text = sobol_text(r, "en")
    assert "in 20 of the 20 simulated futures (every point of the design)" in text
    assert "so the indices describe min(weeks to recover, 52)" in text
    assert "the ranking is not informative" in text


def test_sobol_counts_agree_batch_and_point_by_point() -> None:
    """A duration of 10-55 weeks splits the design: the batch path counts the same censored
    runs per point as the reference (one full run per point)."""
    s = _scenario(Distribution("uniform", low=10, high=55)).with_changes(runs=2)
    kw = {"samples": 4, "factors": ["shock_duration", "utilisation"], "kpi": "weeks_to_recover"}
    a = sobol(s, ModelData.tiny(), runs=2, **kw)  # type: ignore[arg-type]
    b = sobol(s, ModelData.tiny(), runs=2, batch=False, **kw)  # type: ignore[arg-type]
    assert a.design["censored"].tolist() == b.design["censored"].tolist()
    assert 0 < a.censored < a.evaluated == 40


def test_the_report_section_says_it_and_marks_censored_medians() -> None:
    """The report's tornado section (English and Japanese): the reading with the censoring
    note, and the medians at low and high as "≥ 52 weeks" (the swing stays a number)."""
    from chipshock.report.sensitivity import sensitivity_section

    r = sensitivity(
        _scenario(60), ModelData.tiny(), kpi="weeks_to_recover", factors=["utilisation"]
    )
    html = sensitivity_section(r, "en")
    assert "Most simulated futures are censored, so the ranking is not informative" in html
    assert html.count("<td class='n'>≥ 52") == 2
    assert "この順位は参考になりません" in sensitivity_section(r, "ja")
