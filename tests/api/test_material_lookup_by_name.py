"""`trace` and `shares` find a raw material or advanced packaging by its name as well as by
its id, on the CLI and the API ("Gallium", "Advanced packaging"; before, only ``gallium`` and
``advanced_packaging``), and /api/shares answers for them instead of "unknown input"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app


def _cli_json(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli_app, [*args, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    return json.loads(text[min(i for i in (text.find("{"), text.find("[")) if i >= 0) :])


def _rows(body: Any) -> list[dict[str, Any]]:
    return list(body["rows"] if isinstance(body, dict) and "rows" in body else body)


def test_trace_by_name_on_the_api(api: AsgiClient) -> None:
    by_id = api.get("/api/trace/advanced_packaging").json()
    # (the full English name has a slash, which a path cannot carry: the CLI test takes it)
    for name in ("Advanced packaging", "advanced PACKAGING", "先端パッケージング"):
        r = api.get(f"/api/trace/{name}")
        assert r.status_code == 200, (name, r.text)
        body = r.json()
        assert body["material_id"] == "advanced_packaging"
        assert body["downstream"] == by_id["downstream"] and body["upstream"] == by_id["upstream"]
    gallium = api.get("/api/trace/Gallium").json()
    assert gallium["material_id"] == "gallium" and gallium["upstream"]
    # an ETO input's name still finds the input
    assert api.get("/api/trace/Packaging materials").json()["input_name"] == "Packaging materials"


def test_shares_of_a_material_on_the_api(api: AsgiClient) -> None:
    r = api.get("/api/shares", params={"input": "advanced_packaging"})
    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    # raw_materials.csv: Taiwan holds 88 % of advanced packaging capacity
    taiwan = [x for x in rows if x["country"] == "TWN"]
    assert len(taiwan) == 1 and taiwan[0]["share_pct"] == 88
    assert {x["material_id"] for x in rows} == {"advanced_packaging"}
    assert api.get("/api/shares", params={"input": "Advanced packaging"}).json()["rows"] == rows
    gallium = api.get("/api/shares", params={"input": "gallium", "by": "country"}).json()
    assert "CHN" in {x["country"] for x in gallium["rows"]}
    r = api.get("/api/shares", params={"input": "Gallium", "by": "firm"})
    assert r.status_code == 422 and r.json()["field"] == "by", r.text


def test_cli_takes_the_name(store_path: Path) -> None:
    by_id = _rows(_cli_json(store_path, "shares", "advanced_packaging"))
    by_name = _rows(_cli_json(store_path, "shares", "Advanced packaging"))
    assert by_id == by_name and {r["country"] for r in by_id} >= {"TWN"}
    full = _cli_json(store_path, "trace", "advanced packaging (2.5D/3D, CoWoS-class)")
    assert full == _cli_json(store_path, "trace", "advanced_packaging")
    trace = _cli_json(store_path, "trace", "gallium")
    assert _cli_json(store_path, "trace", "GALLIUM") == trace
