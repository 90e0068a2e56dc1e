"""`GET /api/fabs?operator=` refuses an operator no fab's operator contains as `chipshock fabs
--operator` does: a 404 naming the field, the value and the close operators; a valid operator
lists the same fabs as the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chipshock.cli.main import main

from .conftest import AsgiClient


def test_an_operator_that_names_nothing_is_a_404_with_the_clis_words(
    api: AsgiClient, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The API's detail is the CLI's error with the field named as the API names it."""

    def cli(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--db", str(store_path)])
        out, err = capsys.readouterr()
        return code, out, err

    response = api.get("/api/fabs?operator=tmsc")
    assert response.status_code == 404
    detail = json.dumps(response.json(), ensure_ascii=False)
    assert "no fab's operator contains this (got 'tmsc'" in detail
    assert "did you mean TSMC" in detail
    _, _, err = cli("fabs", "--operator", "tmsc")
    flat = " ".join(err.split())
    assert "--operator: no fab's operator contains this (got 'tmsc'" in flat
    ok = api.get("/api/fabs?operator=TSMC")
    assert ok.status_code == 200
    listed = json.loads(cli("fabs", "--operator", "TSMC", "--format", "json")[1])
    assert sorted(r["fab_id"] for r in ok.json()["rows"]) == sorted(r["fab_id"] for r in listed)
