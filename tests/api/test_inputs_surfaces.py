"""Every ETO input in one list: `chipshock inputs` and ``GET /api/inputs`` give the same rows
(id, name, type, stage, supplier countries, top country and share) with the ETO's source,
licence and as-of date; a filter narrows both alike and an unknown value names its field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chipshock.cli.main import main

from .conftest import AsgiClient


def _cli_json(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> dict[str, object]:
    capsys.readouterr()
    code = main(["inputs", *args, "--db", str(store), "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0
    payload: dict[str, object] = json.loads(out)
    return payload


def test_cli_and_api_list_the_same_126_inputs(
    api: AsgiClient, capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    """All 126 inputs, the same rows on both surfaces, with source, licence and as-of; EUV
    lithography tools (N20) are a fabrication (S2) tool whose one country is the Netherlands
    at 100 %, as `chipshock concentration` gives it."""
    body = api.get("/api/inputs").json()
    cli = _cli_json(capsys, store_path)
    assert cli["rows"] == body["rows"] and len(body["rows"]) == 126
    for key in ("source", "licence", "as_of"):
        assert cli[key] == body["meta"][key] and body["meta"][key]
    assert "CC BY-NC 4.0" in body["meta"]["licence"]
    euv = next(r for r in body["rows"] if r["input_id"] == "N20")
    assert (euv["type"], euv["stage"], euv["stage_id"]) == ("tool_resource", "S2", None)
    assert (euv["n_countries"], euv["top_country"], euv["top_country_share_pct"]) == (
        1,
        "NLD",
        100.0,
    )
    assert (euv["name_ja"], euv["top_country_ja"]) == ("EUV露光装置", "オランダ")
    chip = next(r for r in body["rows"] if r["input_id"] == "N99")  # the finished chip
    assert chip["stage"] is None and chip["n_countries"] == 0 and chip["top_country"] is None


def test_a_filter_narrows_both_surfaces_alike(
    api: AsgiClient, capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    """--stage s2 --type material_resource and ?stage=S2&type=material_resource: the same 8
    materials of fabrication (wafers N26 among them), each of that stage and type."""
    rows = api.get("/api/inputs?stage=S2&type=material_resource").json()["rows"]
    cli = _cli_json(capsys, store_path, "--stage", "s2", "--type", "material_resource")
    assert cli["rows"] == rows and len(rows) == 8 and "N26" in {r["input_id"] for r in rows}
    assert {(r["stage"], r["type"]) for r in rows} == {("S2", "material_resource")}
    assert cli["params"] == {"stage": "s2", "type": "material_resource"}


@pytest.mark.parametrize(("query", "field", "value"), [("stage=S9", "stage", "S9")])
def test_an_unknown_stage_names_the_field(
    api: AsgiClient,
    capsys: pytest.CaptureFixture[str],
    store_path: Path,
    query: str,
    field: str,
    value: str,
) -> None:
    """An unknown stage: 422 naming ``stage`` and the known ones; on the command line exit 2
    naming --stage, with nothing on stdout."""
    r = api.get(f"/api/inputs?{query}")
    assert r.status_code == 422 and r.json()["field"] == field
    assert "S1, S2, S3" in r.json()["detail"]
    capsys.readouterr()
    code = main(["inputs", f"--{field}", value, "--db", str(store_path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "--stage" in err and "S9" in err
