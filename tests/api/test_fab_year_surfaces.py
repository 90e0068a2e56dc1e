"""One fab list per year on every surface: ``/api/fabs?year=`` lists the fabs and the
capacities `chipshock fabs --year` lists (the capacity in that year, not a fab's largest), and
names the fabs it leaves out as the CLI's caption does (session 30's audit: Rapidus IIM-1 was
"producing in 2027" with 18,000 wafers/month on the API and absent from the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.api.conftest import AsgiClient

from chipshock.cli.main import main


def _cli_rows(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> list[dict]:
    assert main(["fabs", *args, "--format", "json", "--db", str(store)]) == 0
    return list(json.loads(capsys.readouterr().out))


@pytest.mark.parametrize(("country", "year"), [("JPN", 2027), ("JPN", 2022), ("USA", 2030)])
def test_api_and_cli_list_the_same_fabs_and_capacities(
    api: AsgiClient,
    store_path: Path,
    capsys: pytest.CaptureFixture[str],
    country: str,
    year: int,
) -> None:
    """Same fab ids, and each fab's capacity in ``year`` equal on both surfaces."""
    cli = _cli_rows(capsys, store_path, "--country", country, "--year", str(year))
    api_rows = api.get(f"/api/fabs?country={country}&year={year}").json()["rows"]
    column = f"capacity_{year}_300mm_wspm"
    assert {r["fab_id"]: r[column] for r in cli} == {
        r["fab_id"]: r["capacity_300mm_wspm"] for r in api_rows
    }


def test_rapidus_is_left_out_of_2027_on_the_api_with_its_reason(api: AsgiClient) -> None:
    """JPN 2027: 26 fabs, none of Rapidus IIM-1, JASM Fab 2 and Kioxia K2, which ``left_out``
    names with the reason, and the note says in both languages."""
    body = api.get("/api/fabs?country=JPN&year=2027").json()
    ids = {r["fab_id"] for r in body["rows"]}
    assert len(ids) == 26
    left = {r["fab_id"]: r["reason"] for r in body["left_out"]}
    assert left == {
        "rapidus-iim1": "capacity rows from 2028",
        "jasm-kumamoto-fab2": "capacity rows from 2028",
        "kioxia-kitakami-k2": "no fab_capacity.csv row: counts as 0 in the model",
    }
    assert not ids & set(left)
    assert "rapidus-iim1 (capacity rows from 2028)" in body["left_out_note"]
    assert "JASM第2工場" in body["left_out_note_ja"]
    assert body["left_out_note_ja"].endswith("。")
    later = api.get("/api/fabs?country=JPN&year=2028").json()
    rapidus = [r for r in later["rows"] if r["fab_id"] == "rapidus-iim1"]
    assert rapidus and rapidus[0]["capacity_300mm_wspm"] < 18000
