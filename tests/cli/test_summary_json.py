"""`scenario run` and `scenario compare --format json` carry the summary paragraph in both
languages (``summary_text``: ``{"en", "ja"}``), as the API's payloads do, so that a JSON reader
gets the one text every surface shows (review 3 #15: the tail; #3: the median of the
differences)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Runner

FLAGSHIP = "taiwan-blockade-2027-6m"
COUNTERFACTUAL = "taiwan-blockade-2027-6m-no-alliance-fabs"


def test_run_json_has_the_summary_text_in_both_languages(cli: Runner) -> None:
    """The JSON of a run has summary_text.en and .ja, each the scenario's paragraph."""
    code, out, _ = cli("scenario", "run", FLAGSHIP, "--runs", "10", "-f", "json")
    assert code == 0
    text = json.loads(out)["summary_text"]
    assert set(text) == {"en", "ja"}
    assert text["en"].startswith("Taiwan blockade") and "simulated futures" in text["en"]
    assert "シミュレーション" in text["ja"]


def test_compare_json_has_the_summary_text_with_the_median_note(cli: Runner) -> None:
    """The JSON of a comparison has the comparison paragraph, with the note that what is
    avoided is the median of the difference in each simulated future."""
    args = ("scenario", "compare", COUNTERFACTUAL, FLAGSHIP, "--runs", "10", "-f", "json")
    code, out, _ = cli(*args)
    assert code == 0
    text = json.loads(out)["summary_text"]
    assert "median of the difference in each simulated future" in text["en"]
    assert "未来ごとの差の中央値" in text["ja"]


def test_compare_without_b_is_the_alliance_comparison_of_the_api(cli: Runner) -> None:
    """`scenario compare A` (no B) compares A without the alliance fabs against A with them,
    the API's and the dashboard's default (review 3, finding 16: it was "Missing argument
    'B'"): the same runs as the built-in pair, named "without/with the alliance fabs"."""
    one = ("scenario", "compare", FLAGSHIP, "--runs", "12", "-f", "json")
    two = ("scenario", "compare", COUNTERFACTUAL, FLAGSHIP, "--runs", "12", "-f", "json")
    (c1, o1, _), (c2, o2, _) = cli(*one), cli(*two)
    assert c1 == c2 == 0
    a, b = json.loads(o1), json.loads(o2)
    assert a["headline"]["loss_avoided_usd_bn"] == b["headline"]["loss_avoided_usd_bn"]
    assert "“without the alliance fabs” with “with the alliance fabs”" in a["summary_text"]["en"]
    assert a["scenario_a"] == a["scenario_b"] == FLAGSHIP
    # only the labels tell a script which side has the fabs (review 5, finding 7); the named
    # pair is labelled by its titles
    assert a["labels"]["en"] == ["without the alliance fabs", "with the alliance fabs"]
    assert len(a["labels"]["ja"]) == 2 and a["labels"]["ja"][0] != a["labels"]["ja"][1]
    assert b["labels"]["en"][0] != b["labels"]["en"][1]


def test_run_past_the_capacity_data_and_the_horizon_says_both(cli: Runner) -> None:
    """Review 4 #4 and #6: the flagship moved to 2035 (horizon 2034-2038, past 2032's capacity)
    and lasting 200 weeks (past the horizon end). The JSON carries the capacity warning in both
    languages (and stderr says it), the weeks_to_recover rows carry censored_at and the share
    of runs not recovered, and the summary says "not back to normal by the end of 2038", not
    "takes about N weeks (N to N weeks)"."""
    args = ("scenario", "run", FLAGSHIP, "--runs", "4", "--start-year", "2035")
    code, out, err = cli(*args, "--duration-weeks", "200", "-f", "json")
    assert code == 0
    body = json.loads(out)
    assert len(body["warnings"]) == 1
    assert "held flat at 2022's or 2032's value" in body["warnings"][0]
    assert "not with a worse shock" in body["warnings"][0]
    assert "2032年の値のまま据え置いています" in body["warnings_ja"][0]
    assert "warning: Outside the data's years" in " ".join(err.split())
    assert body["summary"]["capacity_flat_years"] == [2034, 2035, 2036, 2037, 2038]
    rows = [r for r in body["kpis"] if r["kpi"] == "weeks_to_recover" and r["market"] == "all"]
    assert rows[0]["not_recovered_pct"] == 100.0 and rows[0]["p50"] == rows[0]["censored_at"]
    text = body["summary_text"]
    assert "not back to normal by the end of 2038" in text["en"] and "takes about" not in text["en"]
    assert "2038年末までに通常に戻りません" in text["ja"]
    assert body["warnings"][0] in text["en"]


def test_sweep_marks_a_start_too_late_to_recover(cli: Runner) -> None:
    """Review 4 #4: the 12-month blockade moved to January 2030 in its 2026-2030 horizon cannot
    recover by the end: the sweep's weeks_to_recover rows carry censored_at and the share of
    runs not recovered (100 %), and the terminal table writes "≥ N"."""
    year = ("-p", "start_year", "--values", "2030", "--runs", "4")
    args = ("scenario", "sweep", "taiwan-blockade-2027-12m", *year)
    code, out, _ = cli(*args, "-f", "json")
    assert code == 0
    body = json.loads(out)
    rows = [r for r in body["rows"] if r["kpi"] == "weeks_to_recover" and r["market"] == "all"]
    assert rows[0]["not_recovered_pct"] == 100.0 and rows[0]["p50"] == rows[0]["censored_at"]
    assert body["warnings"] == []
    code, out, _ = cli(*args)
    assert code == 0 and "≥" in out


def test_compare_past_the_capacity_data_says_so(cli: Runner, tmp_path: Path) -> None:
    """Review 4 #6 in `scenario compare`: the flagship moved to 2034-2038 (its shock to 2035)
    against the same with its alliance fabs off: the JSON meta carries the capacity warning
    once, the paragraph says it, and the terminal's heading still counts the runs."""
    code, text, _ = cli("scenario", "show", FLAGSHIP, db=False)
    assert code == 0
    late = (
        text.replace('id = "taiwan-blockade-2027-6m"', 'id = "late"')
        .replace("start_year = 2026", "start_year = 2034")
        .replace("end_year = 2030", "end_year = 2038")
        .replace('start = "2027-01"', 'start = "2035-01"')
    )
    path = tmp_path / "late.toml"
    path.write_text(late, encoding="utf-8")
    code, out, _ = cli("scenario", "compare", str(path), "--runs", "3", "-f", "json")
    assert code == 0
    body = json.loads(out)
    assert len(body["warnings"]) == 1 and "2034, 2035, 2036, 2037, 2038" in body["warnings"][0]
    assert body["runs"] == 3 and body["warnings"][0] in body["summary_text"]["en"]
    code, out, _ = cli("scenario", "compare", str(path), "--runs", "3")
    assert code == 0 and "(3 simulated futures each" in " ".join(out.split())
