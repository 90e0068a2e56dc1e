"""`scenario run` and `scenario compare --format json` carry the summary paragraph in both
languages (``summary_text``: ``{"en", "ja"}``), as the API's payloads do, so that a JSON reader
gets the one text every surface shows (review 3 #15: the tail; #3: the median of the
differences)."""

from __future__ import annotations

import json

from tests.cli.conftest import Runner

FLAGSHIP = "taiwan-blockade-2027-6m"
COUNTERFACTUAL = "taiwan-blockade-2027-6m-no-alliance-fabs"


def test_run_json_has_the_summary_text_in_both_languages(cli: Runner) -> None:
    """The JSON of a run has summary_text.en and .ja, each the scenario's paragraph."""
    code, out, _ = cli("scenario", "run", FLAGSHIP, "--runs", "10", "-f", "json")
    assert code == 0
    text = json.loads(out)["summary_text"]
    assert set(text) == {"en", "ja"}
    assert text["en"].startswith("Taiwan blockade") and "possible futures" in text["en"]
    assert "シミュレーション" in text["ja"]


def test_compare_json_has_the_summary_text_with_the_median_note(cli: Runner) -> None:
    """The JSON of a comparison has the comparison paragraph, with the note that what is
    avoided is the median of the run-by-run differences."""
    args = ("scenario", "compare", COUNTERFACTUAL, FLAGSHIP, "--runs", "10", "-f", "json")
    code, out, _ = cli(*args)
    assert code == 0
    text = json.loads(out)["summary_text"]
    assert "median of the run-by-run differences" in text["en"]
    assert "試行ごとの差の中央値" in text["ja"]


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
