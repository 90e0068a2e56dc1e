"""``GET /api/capacity?fabs_on=`` takes the switch `chipshock capacity --fabs-on` takes, checked
the same way and giving the same numbers (session 18: the route had ``fabs_off`` only)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from chipshock.api import create_app
from chipshock.cli.main import main

from .conftest import AsgiClient

NAKA = "renesas-naka"  # fab_capacity.csv: 12,900 wspm in n28_45 and 12,900 in gt45 in 2027


def _cli_json(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> list[dict]:
    code = main(["capacity", "--year", "2027", *args, "--format", "json", "--db", str(store)])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows: list[dict] = json.loads(out)
    return rows


def _cli_error(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> str:
    code = main(["capacity", "--year", "2027", *args, "--db", str(store)])
    _, err = capsys.readouterr()
    assert code == 2, err
    return " ".join(err.split())  # Rich wraps stderr at the terminal's width


def test_an_unknown_fab_is_a_404_naming_the_closest(api: AsgiClient) -> None:
    """A misspelt id is a 404 naming the field and the id it resembles, as for ``fabs_off``."""
    r = api.get(f"/api/capacity?years=2027&fabs_on={NAKA}x")
    assert r.status_code == 404, r.text
    assert r.json()["field"] == "fabs_on"
    assert f"did you mean {NAKA}" in r.json()["detail"]


@pytest.mark.parametrize(
    ("fab", "why"),
    [
        ("intel-magdeburg", "it is cancelled in fabs.csv and has no fab_capacity.csv row"),
        (NAKA, "this fab already runs in the model in 2027 (n28_45 12,900 wspm, gt45 12,900"),
    ],
)
def test_a_switch_that_changes_nothing_is_the_cli_error(
    api: AsgiClient, capsys: pytest.CaptureFixture[str], store_path: Path, fab: str, why: str
) -> None:
    """On the shipped data no fab can be switched on in 2027: the only cancelled fab (Intel
    Magdeburg) has no capacity row and every other one runs already. The API refuses both with
    a 422 whose words are the CLI's, field name aside."""
    r = api.get(f"/api/capacity?years=2027&fabs_on={fab}")
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["field"] == "fabs_on" and why in body["detail"]
    err = _cli_error(capsys, store_path, "--fabs-on", fab)
    assert body["detail"].removeprefix("fabs_on: ") in err.replace("--fabs-on: ", "")


@pytest.fixture(scope="module")
def naka_cancelled(tmp_path_factory: pytest.TempPathFactory, built_store: Path) -> Path:
    """The shipped store with one cell changed: Renesas Naka's status 'cancelled' (its
    fab_capacity.csv rows kept), a fab that ``fabs_on`` can bring back."""
    path = tmp_path_factory.mktemp("naka") / "chipshock.duckdb"
    shutil.copyfile(built_store, path)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE fabs SET status = 'cancelled' WHERE fab_id = ?", [NAKA])
    return path


def test_a_fab_switched_on_adds_its_capacity_as_the_cli_does(
    naka_cancelled: Path, store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Naka cancelled: Japan's itemised fabs lose its 25.8 kwspm (12.9 + 12.9), which the
    remainder (other fabs) takes. Switched on, the itemised fabs are the shipped data's again
    and Japan's capacity is 25.8 kwspm higher (the fab adjustment); the API's rows are the
    CLI's for the same request, and it echoes the switch."""
    client = AsgiClient(create_app(naka_cancelled))
    try:
        off = client.get("/api/capacity?years=2027").json()["rows"]
        r = client.get(f"/api/capacity?years=2027&fabs_on={NAKA}")
    finally:
        client.close()
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["params"]["fabs_on"] == [NAKA] and body["params"]["fabs_off"] == []
    assert body["rows"] == _cli_json(capsys, naka_cancelled, "--fabs-on", NAKA)

    def jpn(rows: list[dict], col: str) -> float:
        return round(sum(r[col] for r in rows if r["region"] == "JPN"), 6)

    shipped = _cli_json(capsys, store_path)
    on = body["rows"]
    assert jpn(off, "itemised_kwspm") == pytest.approx(jpn(shipped, "itemised_kwspm") - 25.8)
    assert jpn(on, "itemised_kwspm") == jpn(shipped, "itemised_kwspm")
    assert jpn(on, "capacity_kwspm") == pytest.approx(jpn(off, "capacity_kwspm") + 25.8)
    assert jpn(on, "fab_adjustment_kwspm") == pytest.approx(jpn(off, "fab_adjustment_kwspm") + 25.8)
    others = [r for r in on if r["region"] != "JPN"]
    assert others == [r for r in off if r["region"] != "JPN"]
