"""Structural routes: inputs, providers, shares, chokepoints, trace, coalition, Shapley, fabs."""

from __future__ import annotations

import pytest
from tests.api.conftest import AsgiClient

from chipshock.present.labels import countries_label

FIGURE_ROUTES = [
    "/api/inputs",
    "/api/providers",
    "/api/shares?input=N20",
    "/api/shares/stages",
    "/api/chokepoints",
    "/api/concentration",
    "/api/criticality",
    "/api/trace/N20",
    "/api/coalition?countries=USA,JPN",
    "/api/shapley?countries=USA&countries=JPN",
    "/api/synergy?a=USA&b=JPN",
    "/api/fabs",
    "/api/partnerships",
    "/api/deliverables",
    "/api/datasets",
]


@pytest.mark.parametrize("url", FIGURE_ROUTES)
def test_every_figure_route_answers_with_source_and_as_of(api: AsgiClient, url: str) -> None:
    """Each route with figures answers 200 and carries meta.source and meta.as_of."""
    r = api.get(url)
    assert r.status_code == 200, r.text
    meta = r.json()["meta"]
    assert meta["source"]
    assert meta["as_of"]


def test_shares_of_euv_are_netherlands_and_asml(api: AsgiClient) -> None:
    """EUV lithography tools (N20) are supplied by the Netherlands (ASML), with year and source."""
    rows = api.get("/api/shares?input=EUV lithography tools").json()["rows"]
    countries = [r for r in rows if r["provider_type"] == "country"]
    assert countries[0]["provider"] == "NLD"
    assert countries[0]["share_pct"] == pytest.approx(100.0)
    assert all(r["year"] and r["source"] for r in rows)


def test_chokepoints_filter_by_share(api: AsgiClient) -> None:
    """A higher min_share never gives more chokepoints."""
    low = api.get("/api/chokepoints?min_share=50").json()["rows"]
    high = api.get("/api/chokepoints?min_share=90&by=country").json()["rows"]
    assert 0 < len(high) <= len(low)
    assert all(r["share_pct"] >= 90 for r in high)


def test_trace_reaches_the_finished_chip(api: AsgiClient) -> None:
    """Tracing EUV tools goes downstream to the final output."""
    body = api.get("/api/trace/N20").json()
    assert body["input_id"] == "N20"
    assert body["reaches_final"] is True
    assert body["downstream"]


def test_coalition_returns_summary_weak_links_and_stages(api: AsgiClient) -> None:
    """The coalition route reports coverage, weakest links and the three stages."""
    body = api.get("/api/coalition?countries=usa,jpn&threshold=50").json()
    assert body["summary"]["members"] == ["USA", "JPN"]
    assert 0 < body["summary"]["n_covered"] <= body["summary"]["n_inputs"]
    assert body["weak_links"]
    assert {s["stage_id"] for s in body["stages"]} == {"S1", "S2", "S3"}


def test_shapley_values_sum_to_the_grand_coalition(api: AsgiClient) -> None:
    """Shapley values add up to v(all) − v(none) (efficiency), all in percent (0–100)."""
    body = api.get("/api/shapley?countries=USA,JPN,NLD").json()
    total = sum(r["shapley_pct"] for r in body["rows"])
    assert total == pytest.approx(body["v_all_pct"] - body["v_none_pct"], abs=1e-5)
    assert 1 < body["v_all_pct"] <= 100  # percent, not a fraction
    assert body["method"] == "exact"


def test_synergy_reports_union_only_inputs(api: AsgiClient) -> None:
    """Synergy is v(A∪B) − v(A) − v(B), in percent (0–100) and percentage points."""
    b = api.get("/api/synergy?a=USA&b=JPN").json()
    assert b["synergy_pct"] == pytest.approx(
        b["v_union_pct"] - b["v_a_pct"] - b["v_b_pct"], abs=1e-5
    )
    assert 1 < b["v_union_pct"] <= 100


def test_fabs_filter_by_status_and_year(api: AsgiClient) -> None:
    """Fab filters keep only matching rows, each with its source_url and as_of."""
    rows = api.get("/api/fabs?status=operating&country=JPN").json()["rows"]
    assert rows and all(r["status"] == "operating" and r["country"] == "JPN" for r in rows)
    assert all(r["source_url"] and r["as_of"] for r in rows)
    early = api.get("/api/fabs?year=2020").json()["rows"]
    assert all(
        r["production_start_year"] is None or r["production_start_year"] <= 2020 for r in early
    )


def test_partnerships_carry_map_anchors_for_their_parties(api: AsgiClient) -> None:
    """Every party country of a partnership has an anchor for the map arcs."""
    body = api.get("/api/partnerships?country=JPN").json()
    assert any(r["partnership_id"] == "ibm-rapidus-2nm" for r in body["rows"])
    for r in body["rows"]:
        for code in str(r["parties_countries"]).split(";"):
            assert code.strip() in body["anchors"]


def test_deliverables_filter_by_country(api: AsgiClient) -> None:
    """Deliverables filtered by country keep only that actor country."""
    rows = api.get("/api/deliverables?country=USA").json()["rows"]
    assert rows and all("USA" in r["actor_country"] for r in rows)


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/api/chokepoints?min_share=200", 422, "min_share"),
        ("/api/chokepoints?by=planet", 422, "by"),
        ("/api/shares?input=no-such-input", 404, "input"),
        ("/api/trace/NOPE", 404, "input_id"),
        ("/api/coalition", 422, "countries"),
        ("/api/coalition?countries=", 422, "countries"),
        ("/api/coalition?countries=USA,XXX", 422, "countries"),
        ("/api/shapley?countries=USA&samples=1", 422, "samples"),
        ("/api/synergy?a=USA", 422, "b"),
        ("/api/fabs?status=flying", 422, "status"),
        ("/api/fabs?year=abc", 422, "year"),
        ("/api/inputs?type=gadget", 422, "type"),
        ("/api/inputs?stage=S9", 422, "stage"),
        ("/api/providers?type=planet", 422, "type"),
    ],
)
def test_bad_requests_name_the_field(api: AsgiClient, url: str, status: int, field: str) -> None:
    """Bad requests answer 422 (or 404 for unknown codes) with a message naming the field."""
    r = api.get(url)
    assert r.status_code == status, r.text
    body = r.json()
    assert field in body["detail"]
    assert body["field"] == field or field in (body["field"] or "")


def test_unknown_code_message_suggests_a_known_one(api: AsgiClient) -> None:
    """An unknown input answers with chipshock's message and close matches."""
    detail = api.get("/api/shares?input=EUV lithography tool").json()["detail"]
    assert "unknown input" in detail and "EUV lithography tools" in detail


def test_openapi_documents_every_route(api: AsgiClient) -> None:
    """/docs is served and the OpenAPI schema lists every route."""
    assert api.get("/docs").status_code == 200
    paths = api.get("/openapi.json").json()["paths"]
    for p in (
        "/api/inputs",
        "/api/providers",
        "/api/shares",
        "/api/chokepoints",
        "/api/trace/{input_id}",
        "/api/coalition",
        "/api/shapley",
        "/api/synergy",
        "/api/fabs",
        "/api/partnerships",
        "/api/deliverables",
        "/api/capacity",
        "/api/markets",
        "/api/scenarios",
        "/api/scenarios/{scenario_id}",
        "/api/scenarios/run",
        "/api/scenarios/compare",
        "/api/scenarios/contributions",
    ):
        assert p in paths


def test_read_only_app_never_builds_a_missing_store(tmp_path: object) -> None:
    """A read-only app over a missing store answers 503 and writes nothing."""
    from pathlib import Path

    from chipshock.api import create_app

    missing = Path(str(tmp_path)) / "none.duckdb"
    client = AsgiClient(create_app(missing))
    try:
        r = client.get("/api/inputs")
        assert r.status_code == 503
        assert "chipshock data build" in r.json()["detail"]
        assert not missing.exists()
    finally:
        client.close()


def test_dashboard_and_static_assets_are_served(api: AsgiClient) -> None:
    """The dashboard page, its scripts, translations and map data are served locally."""
    page = api.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for asset in (
        "/static/js/main.js",
        "/static/css/app.css",
        "/static/i18n/ja.json",
        "/static/vendor/world-atlas/countries-110m.json",
        "/static/vendor/topojson-client/topojson-client.min.js",
    ):
        assert api.get(asset).status_code == 200, asset
    assert "http://" not in page.text.replace("http://www.w3.org", "")
    assert "https://" not in page.text


def test_deliverables_chart_adds_no_umbrella_and_no_context_row(api: AsgiClient) -> None:
    """The chart's totals add each commitment once: not the USD 110m umbrella beside its own
    USD 50m part (CSV: "do not add both") but its USD 60m remainder (its other part, CMU-Keio,
    has no amount: review 12, finding 11), nor a "Context only" row (Honda-LG, USD 4.4bn)."""
    body = api.get("/api/deliverables").json()
    spec = body["chart"]["en"]
    values = next(iter(spec["datasets"].values()))
    totals = {v["label"]: v["value"] * 1e9 for v in values}
    expected: dict[str, float] = {}
    for r in body["rows"]:
        note = (r["note"] or "").lower()
        amount = r["umbrella_remainder_usd"] if r["is_umbrella"] else r["amount_usd"]
        if amount is None or note.startswith("context"):
            continue
        # the bars name the countries, not their codes (review 16, finding 8)
        who = countries_label(r["actor_country"]) or r["actor"]
        expected[who] = expected.get(who, 0.0) + amount
    assert totals.keys() == expected.keys()
    for who, usd in expected.items():
        assert totals[who] == pytest.approx(usd), who
    assert totals["United States, Japan, United Kingdom"] == pytest.approx(110e6 - 50e6)
    assert "Japan, South Korea" not in totals
    assert totals["United States, Japan"] == pytest.approx(50e6 + 16e6)


def test_deliverables_chart_writes_small_amounts_in_millions(api: AsgiClient) -> None:
    """Amounts below USD 1 bn read in millions (USD 66 m), not all "USD 0.1 bn"."""
    spec = api.get("/api/deliverables").json()["chart"]
    texts = {v["label"]: v["text"] for v in next(iter(spec["en"]["datasets"].values()))}
    assert texts["United States, Japan"] == "USD 66 m"
    ja = {v["label"]: v["text"] for v in next(iter(spec["ja"]["datasets"].values()))}
    assert ja["米国・日本"] == "6,600万ドル"


def test_criticality_caption_says_fab_capacity_is_not_ranked(api: AsgiClient) -> None:
    """The ranking's JSON says wafer fabrication is not among the ETO's inputs (the CLI's and
    the dashboard's caption)."""
    from chipshock.present.coverage_notes import criticality_scope

    body = api.get("/api/criticality?by=country&threshold=50").json()
    assert body["caption"] == {"en": criticality_scope("en"), "ja": criticality_scope("ja")}
    assert "wafer fabrication" in body["caption"]["en"]


@pytest.mark.parametrize(
    ("url", "key", "row_id", "summary_ja"),
    [
        (
            "/api/partnerships",
            "partnership_id",
            "rapidus-subsidy-fy2025",
            "2025年度に最大8,025億円。2022年度以降の補助金は累計1兆7,225億円に。",
        ),
        (
            "/api/deliverables",
            "actor",
            "Google",
            "日米のデジタル接続に10億ドル：NECが建設する新しい海底ケーブルProaとTaiheiに加え、"
            "ハワイ・北マリアナ諸島（CNMI）・グアムを結ぶ接続を整備し、Pacific Connectを拡張。",
        ),
    ],
)
def test_summaries_come_in_both_languages(
    api: AsgiClient, url: str, key: str, row_id: str, summary_ja: str
) -> None:
    """Each partnership and deliverable keeps its English summary and adds summary_ja,
    chipshock's Japanese translation (the dashboard's Japanese view shows it)."""
    rows = api.get(url).json()["rows"]
    assert rows and all(r["summary"] and r["summary_ja"] for r in rows)
    row = next(r for r in rows if r[key] == row_id)
    assert row["summary_ja"] == summary_ja and row["summary"].startswith(("Up to", "USD 1bn"))


def test_fabs_and_partnerships_carry_their_japanese_names(api: AsgiClient) -> None:
    """/api/fabs gives each fab ``region_or_city_ja`` (北海道千歳市 for Rapidus; every fab in
    Japan has one; null where place_names_ja.csv has none), /api/partnerships each row
    ``technology_ja`` and ``parties_ja`` beside the English."""
    fabs = {r["fab_id"]: r for r in api.get("/api/fabs").json()["rows"]}
    assert fabs["rapidus-iim1"]["region_or_city"] == "Chitose, Hokkaido"
    assert fabs["rapidus-iim1"]["region_or_city_ja"] == "北海道千歳市"
    assert all(r["region_or_city_ja"] for r in fabs.values() if r["country"] == "JPN")
    assert fabs["ams-osram-premstaetten"]["region_or_city_ja"] is None
    rows = {r["partnership_id"]: r for r in api.get("/api/partnerships").json()["rows"]}
    assert rows["chips-samsung"]["technology"] == "2nm logic (Taylor, Texas)"
    assert rows["chips-samsung"]["technology_ja"] == "2nmロジック（テキサス州テイラー）"
    assert rows["rapidus-subsidy-fy2025"]["parties"] == "METI/NEDO; Rapidus"
    assert rows["rapidus-subsidy-fy2025"]["parties_ja"] == "経済産業省・NEDO、ラピダス"
