"""Raw materials on the API as on the CLI (release 14, brief "materials"; review 5, finding 2):
``/api/trace/{material}`` answers as ``chipshock trace <material>`` and ``/api/chokepoints``
takes ``materials``, with the same numbers as ``chipshock chokepoints --materials``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.cli.main import main


def _cli_json(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli_app, [*args, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    start = min(i for i in (text.find("{"), text.find("[")) if i >= 0)
    return json.loads(text[start:])


def _rows(body: Any) -> list[dict[str, Any]]:
    return list(body["rows"] if isinstance(body, dict) and "rows" in body else body)


@pytest.mark.parametrize("min_share", [50.0, 80.0])
def test_material_chokepoints_are_the_same_on_the_cli_and_the_api(
    store_path: Path, api: AsgiClient, min_share: float
) -> None:
    """Same request, same (material, stage, country, share) rows on both surfaces."""
    cli = _rows(_cli_json(store_path, "chokepoints", "--materials", "--min-share", str(min_share)))
    r = api.get(f"/api/chokepoints?materials=true&min_share={min_share}")
    assert r.status_code == 200, r.text
    body = r.json()

    def key(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(x["material_id"], x["stage"], x["country"], float(x["share_pct"])) for x in rows]

    assert key(body["rows"]) == key(cli) and key(cli)
    assert ("gallium", "refining", "CHN", 99.0) in key(cli)
    if min_share == 80.0:
        assert {x["material_id"] for x in body["rows"]} == {
            "gallium",
            "rare_earths",
            "tungsten",
            "advanced_packaging",  # review 8, finding 2: it was left out
        }
        assert ("advanced_packaging", "capacity", "TWN", 88.0) in key(cli)
    assert body["meta"]["source"] and body["meta"]["as_of"]
    assert all(x["simulated"] and x["name_ja"] and x["source_url"] for x in body["rows"])


def test_api_traces_a_material_as_the_cli_does(store_path: Path, api: AsgiClient) -> None:
    """``/api/trace/gallium`` was a 422 (review 5): it now gives the inputs it feeds and who
    refines it, with the CLI's numbers, its source and as-of date."""
    r = api.get("/api/trace/Gallium")
    assert r.status_code == 200, r.text
    body = r.json()
    cli = _cli_json(store_path, "trace", "gallium")
    up = [(x["country"], float(x["share_pct"])) for x in body["upstream"]]
    assert up == [("CHN", 99.0), ("ROW", 1.0)]
    assert up == [(x["country"], float(x["share_pct"])) for x in cli["upstream"]]
    assert [x["input_id"] for x in body["downstream"]] == ["N26"]
    assert body["material_name_ja"] == "ガリウム" and body["simulated"] is True
    assert body["stockpile_weeks"] == 12.0
    assert body["meta"]["source"] and body["meta"]["as_of"]
    assert api.get("/api/trace/N20").json()["input_id"] == "N20"  # inputs still trace


def test_material_chokepoints_refuse_by_firm(
    store_path: Path, api: AsgiClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """material_supply.csv has country shares only: `--by firm` with `--materials` (and
    ``by=firm`` with ``materials=true``) is refused naming the option and what works, not
    silently answered with the country table (review 6, finding 8); ``by=country`` still
    answers."""
    code = main(["chokepoints", "--materials", "--by", "firm", "--db", str(store_path)])
    flat = " ".join(capsys.readouterr().err.split())
    assert code == 2, flat
    assert "--by" in flat and "by country only" in flat and "'firm'" in flat
    r = api.get("/api/chokepoints?materials=true&by=firm")
    assert r.status_code == 422, r.text
    assert "by country only" in r.text and "by" in r.json().get("field", "by")
    assert api.get("/api/chokepoints?materials=true&by=country").status_code == 200
    assert _cli_json(store_path, "chokepoints", "--materials", "--by", "country")


def test_advanced_packaging_traces_on_the_cli_and_the_api(
    store_path: Path, api: AsgiClient
) -> None:
    """``trace advanced_packaging``, ``shares advanced_packaging`` and
    ``/api/trace/advanced_packaging`` answered "unknown input" although scenarios shock it
    (review 8, finding 2): they give raw_materials.csv's capacity shares, the two
    node_requirements.csv rows that need it and the operators they exempt."""
    r = api.get("/api/trace/advanced_packaging")
    assert r.status_code == 200, r.text
    body = r.json()
    cli = _cli_json(store_path, "trace", "advanced_packaging")
    shares = {"TWN": 88.0, "KOR": 4.0, "USA": 3.0, "CHN": 2.0, "ROW": 3.0}
    for rows in (body["upstream"], cli["upstream"]):
        assert {x["country"]: float(x["share_pct"]) for x in rows} == shares
    exempt = "samsung;intel;smic"  # Korea's lt10 remainder is samsung's (remainder_operators.csv)
    for rows in (body["downstream"], cli["downstream"]):
        assert [
            (x["node_class"], x["market_id"], x["criticality"], x["exempt_operator_ids"])
            for x in rows
        ] == [("lt10", "ai_datacenter", 0.7, exempt), ("lt10", "smartphones", 0.2, exempt)]
    assert body["simulated"] is True and body["stockpile_weeks"] == 2.0
    assert "raw_materials.csv" in body["meta"]["source"]
    assert "materials.csv," not in body["meta"]["source"]
    table = _cli_json(store_path, "shares", "advanced_packaging")
    rows = table["rows"] if isinstance(table, dict) and "rows" in table else table
    assert {x["country"]: float(x["share_pct"]) for x in rows} == shares


def test_dated_shares_are_called_dated_on_every_surface(store_path: Path, api: AsgiClient) -> None:
    """Neon's country shares are of 2021, before Ukraine's two purifiers stopped (review 9a,
    finding 1: shown as today's): the CLI's chokepoint and trace captions, and the API's
    ``dated_note`` / ``dated_note_ja`` on both routes, say so; gallium's 2024 shares are not
    called dated."""
    body = api.get("/api/chokepoints?materials=true&min_share=50").json()
    assert ("neon", "UKR", 2021) in {
        (x["material_id"], x["country"], x["year"]) for x in body["rows"]
    }
    assert body["dated_note"].startswith("Dated: neon's shares are of 2021")
    assert "neon（2021年）" in body["dated_note_ja"]
    trace = api.get("/api/trace/neon").json()
    assert trace["dated_note"] == body["dated_note"]
    assert api.get("/api/trace/gallium").json()["dated_note"] == ""
    for args in (("chokepoints", "--materials"), ("trace", "neon")):
        result = CliRunner().invoke(
            cli_app, [*args, "--db", str(store_path)], env={"COLUMNS": "200"}
        )
        assert result.exit_code == 0, result.output
        assert "Dated: neon's shares are of 2021" in " ".join(result.output.split())
    gallium = CliRunner().invoke(cli_app, ["trace", "gallium", "--db", str(store_path)])
    assert "Dated:" not in gallium.output


def test_material_texts_come_in_japanese_beside_the_english(api: AsgiClient) -> None:
    """Release 28: the material chokepoints' rows carry use/use_ja and substitutes/
    substitutes_ja, the trace its downstream use_ja and substitutes_ja (materials_ja.csv);
    advanced packaging, with no translation, gives null, so a Japanese client shows the English
    labelled as such."""
    rows = api.get("/api/chokepoints?materials=true&min_share=50").json()["rows"]
    by_id = {r["material_id"]: r for r in rows}
    assert by_id["gallium"]["use"].startswith("GaAs and GaN substrates")
    assert by_id["gallium"]["use_ja"].startswith("RF・パワーデバイス向けのGaAs・GaN基板")
    assert by_id["gallium"]["substitutes_ja"].startswith("GaAs/GaNデバイスに代替はない")
    assert (
        by_id["advanced_packaging"]["use_ja"] is None and by_id["advanced_packaging"]["use"] is None
    )
    assert by_id["advanced_packaging"]["substitutes_ja"] is None
    body = api.get("/api/trace/neon").json()
    assert body["substitutes_ja"].startswith("工場でのネオンの回収・再利用")
    assert body["downstream"][0]["use_ja"] == "DUV露光に使うArF・KrFエキシマレーザーのバッファガス"


def test_stock_weeks_carry_their_own_source_on_the_cli_and_the_api(
    store_path: Path, api: AsgiClient
) -> None:
    """Session 33: a chokepoint row's as_of and source_url are its share's (raw_materials.csv);
    its stockpile weeks come from materials.csv (advanced packaging's from inventory_buffers.csv),
    so each row and each trace also gives ``stockpile_as_of`` and ``stockpile_source_url``."""
    cli = _rows(_cli_json(store_path, "chokepoints", "--materials", "--min-share", "80"))
    api_rows = _rows(api.get("/api/chokepoints?materials=true&min_share=80").json())
    blog = "https://www.greencarcongress.com/2022/01/20220126-chips.html"
    for rows in (cli, api_rows):
        by_id = {x["material_id"]: x for x in rows if x["stage"] != "mining"}
        tungsten = next(x for x in rows if x["material_id"] == "tungsten")
        assert (tungsten["as_of"], tungsten["stockpile_as_of"]) == ("2025-01", "2022-01")
        assert tungsten["stockpile_source_url"] == blog
        assert by_id["gallium"]["stockpile_as_of"] == "2024-12"
        packaging = by_id["advanced_packaging"]
        assert (packaging["as_of"], packaging["stockpile_as_of"]) == ("2024-03", "2025-12")
        assert "trendforce.com" in packaging["stockpile_source_url"]
    for body in (api.get("/api/trace/tungsten").json(), _cli_json(store_path, "trace", "tungsten")):
        assert (body["stockpile_as_of"], body["stockpile_source_url"]) == ("2022-01", blog)
    packaging = api.get("/api/trace/advanced_packaging").json()
    assert packaging["as_of"] == "2024-03" and packaging["stockpile_as_of"] == "2025-12"
