"""`POST /api/scenarios/sensitivity`: tornado rows, reading, meta, caps and validation."""

from __future__ import annotations

import pytest

from chipshock.api.routes_sensitivity import sensitivity_runs

from .conftest import AsgiClient

FLAGSHIP = "taiwan-blockade-2027-6m"
URL = "/api/scenarios/sensitivity"


def test_rows_reading_and_meta(api: AsgiClient) -> None:
    """Rows sorted by |swing| with sources, a reading in the asked language, and meta."""
    r = api.post(URL, json={"scenario": FLAGSHIP, "runs": 6, "seed": 4, "lang": "ja",
                            "factors": ["shock_duration", "utilisation"]})  # fmt: skip
    assert r.status_code == 200, r.text
    body = r.json()
    rows = body["rows"]
    assert rows[0]["factor"] == "shock_duration"
    assert abs(rows[0]["swing"]) >= abs(rows[1]["swing"])
    duration = rows[0]
    assert (duration["low_value"], duration["high_value"]) == (4.0, 78.0)
    assert "taiwan_blockade_duration" in duration["source"] and duration["confidence"]
    # the unit of each range and where it comes from, from the factor rows
    assert duration["unit"] == "weeks" and duration["range_source"] == duration["source"]
    util = rows[1]
    # release 18: a multiplier of every utilisation_<class> row
    assert util["unit"] == "multiplier" and (util["low_value"], util["high_value"]) == (0.92, 1.06)
    assert util["range_source"] == "sensitivity_factors.csv: utilisation"
    assert util["range_source_url"].startswith("https://") and util["range_as_of"] == "2024-10"
    assert "最も大きく左右する" in body["reading"]
    assert "depends most on" in body["reading_text"]["en"]
    assert body["meta"]["as_of"] and "source_url" in body["meta"]["source"]
    assert body["params"]["runs"] == 6 and body["params"]["total_runs"] == 30
    for lang in ("en", "ja"):  # the tornado as the report builds it (tornado_chart)
        spec = body["charts"][lang]
        assert spec["config"]["axis"]["labelFontSize"] >= 11
        assert spec["layer"][0]["mark"]["type"] == "bar" and spec["title"]
    assert "低い値" in body["charts"]["ja"]["description"]


def test_repeated_request_is_cached(api: AsgiClient) -> None:
    """The same request answers the same bytes from the cache."""
    payload = {"scenario": FLAGSHIP, "runs": 3, "factors": ["complementarity"]}
    a, b = api.post(URL, json=payload), api.post(URL, json=payload)
    assert a.status_code == b.status_code == 200 and a.content == b.content


def test_runs_per_side_are_capped_to_the_budget(make_client: object) -> None:
    """With max_runs=30 and 2 factors (5 simulations), 20 runs become 6 per side, said in meta."""
    client = make_client(max_runs=30)  # type: ignore[operator]
    r = client.post(URL, json={"scenario": FLAGSHIP, "runs": 20,
                               "factors": ["utilisation", "complementarity"]})  # fmt: skip
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["params"]["runs"], body["params"]["runs_requested"]) == (6, 20)
    assert "6 runs per side instead of 20" in body["meta"]["note"]
    assert body["params"]["total_runs"] <= 30


def test_sensitivity_runs_rule() -> None:
    """Default 100 per side; never more than max_runs // (2 x factors + 1), never below 1."""
    assert sensitivity_runs(5000, None, 8) == 100
    assert sensitivity_runs(200, None, 8) == 11
    assert sensitivity_runs(5, 50, 8) == 1


def test_unknown_scenario_is_404(api: AsgiClient) -> None:
    """An unknown scenario id answers 404."""
    r = api.post(URL, json={"scenario": "atlantis", "runs": 2})
    assert r.status_code == 404 and "unknown scenario" in r.json()["detail"]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"kpi": "happiness"}, "kpi"),
        ({"market": "mars"}, "market"),
        ({"factors": ["moon_phase"]}, "factors"),
        ({"lang": "fr"}, "lang"),
        ({"runs": 201}, "runs"),
    ],
)
def test_bad_requests_name_the_field(api: AsgiClient, extra: dict[str, object], field: str) -> None:
    """Bad KPI, market, factor, language or too many runs answer 422 naming the field."""
    r = api.post(URL, json={"scenario": FLAGSHIP, "runs": 2, **extra})
    assert r.status_code == 422, r.text
    assert field in r.json()["detail"]


def test_over_time_budget_is_504(make_client: object) -> None:
    """A tornado over the time budget stops with 504."""
    client = make_client(max_runs=5000, time_budget_s=0.05)  # type: ignore[operator]
    r = client.post(URL, json={"scenario": FLAGSHIP, "runs": 300, "seed": 1})
    assert r.status_code == 504, r.text
    assert "time budget" in r.json()["detail"]


def test_rows_carry_their_sources_in_japanese(api: AsgiClient) -> None:
    """Each tornado row has ``source_ja`` and ``range_source_ja``, the report's Japanese
    words for its data-row notes, so the Japanese dashboard shows no "(6 markets)" or "(low /
    high)"; file names and row ids stay as written."""
    r = api.post(
        "/api/scenarios/sensitivity",
        json={"scenario": "taiwan-blockade-2027-6m", "runs": 4,
              "factors": ["shock_duration", "value_multiplier"]},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    rows = {row["factor"]: row for row in r.json()["rows"]}
    assert rows["value_multiplier"]["source_ja"] == "end_markets.csv: value_multiplier（6市場）"
    duration = rows["shock_duration"]["range_source_ja"]
    assert "taiwan_blockade_duration（低い値・高い値）" in duration and "low / high" not in duration
    assert rows["shock_duration"]["range_source"].endswith("(low / high)")  # English unchanged


def test_weeks_to_recover_says_how_many_runs_are_censored(api: AsgiClient) -> None:
    """The flagship with every shock lasting 200 weeks (from January 2027 to a horizon ending
    208 weeks later): no run is back to normal by the end of 2030, so every run reads 208. The
    answer's ``censoring`` counts them, and the reading (the dashboard's text, both languages)
    says the ranking describes min(weeks, 208) and is not informative."""
    r = api.post(URL, json={"scenario": FLAGSHIP, "runs": 2, "duration_weeks": 200,
                            "kpi": "weeks_to_recover", "factors": ["utilisation"]})  # fmt: skip
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["censoring"] == {
        "censored_at": 208.0,
        "censored": 6,
        "evaluated": 6,
        "share": 1.0,
        "end_year": 2030,
        "most": True,
    }
    assert body["rows"][0]["base_censored"] == 2
    en = body["reading_text"]["en"]
    assert "in 6 of the 6 simulated futures" in en and "min(weeks to recover, 208)" in en
    assert "the ranking is not informative" in en
    assert "この順位は参考になりません" in body["reading_text"]["ja"]
    loss = api.post(URL, json={"scenario": FLAGSHIP, "runs": 2, "factors": ["utilisation"]})
    assert loss.status_code == 200 and loss.json()["censoring"] is None
