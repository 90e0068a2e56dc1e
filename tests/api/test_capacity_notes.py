"""The capacity answers say what they leave out: years outside the data (the same warning as
the CLI) and the registry fabs without any capacity figure (counted as zero)."""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path

import pytest

from chipshock.cli.main import main

from .conftest import AsgiClient

CURATED = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))


def _cli_stderr(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> str:
    code = main([*args, "--db", str(store)])
    _, err = capsys.readouterr()
    assert code == 0
    return " ".join(err.split())  # Rich wraps stderr at the terminal's width


@pytest.mark.parametrize("year", [2033, 2040])
def test_api_and_cli_give_the_same_year_warning(
    api: AsgiClient, capsys: pytest.CaptureFixture[str], store_path: Path, year: int
) -> None:
    """A year of the model after global_capacity.csv's (2022-2032): GET /api/capacity's
    ``warnings`` hold the very text `chipshock capacity --year` prints; a year inside gives none
    on both."""
    body = api.get(f"/api/capacity?years={year}&years=2027").json()
    assert len(body["warnings"]) == 1 and len(body["warnings_ja"]) == 1
    warning = body["warnings"][0]
    assert f"(2022–2032): {year}." in warning and "held flat" in warning
    err = _cli_stderr(capsys, store_path, "capacity", "--year", str(year), "--year", "2027")
    assert f"warning: {warning}" in err
    inside = api.get("/api/capacity?years=2027").json()
    assert inside["warnings"] == [] and inside["warnings_ja"] == []
    assert "held flat" not in _cli_stderr(capsys, store_path, "capacity", "--year", "2027")


def _ids(name: str) -> set[str]:
    with (CURATED / name).open(encoding="utf-8") as f:
        return {row["fab_id"] for row in csv.DictReader(f)}


def test_buildout_names_the_fabs_without_capacity_and_the_years_held_flat(
    api: AsgiClient,
) -> None:
    """The capacity view's answer lists the 9 wafer fabs of fabs.csv with no row in
    fab_capacity.csv (Kioxia Kitakami K2 among them; Rapidus IIM-1, which has rows, not), and
    warns that 2033-2035 lie beyond the data's last year (2032)."""
    body = api.get("/api/capacity/buildout?node_class=all").json()
    listed = {r["fab_id"] for r in body["uncounted_fabs"]}
    # 13 before release 9 (TSMC Fab 25, SSMC and SilTerra); 11 since release 11 (Micron Tongluo);
    # 10 since release 12 (CR Micro Runpeng Shenzhen got its capacity); 9 since release 15
    # (Micron Manassas got its capacity)
    assert len(listed) == 9
    assert {"kioxia-kitakami-k2", "nxp-us-8inch", "micron-tongluo"} <= listed
    assert "micron-manassas" not in listed
    assert listed <= _ids("fabs.csv") and not listed & _ids("fab_capacity.csv")
    assert "rapidus-iim1" not in listed and "kioxia-kitakami-k1" not in listed
    note = body["uncounted_note"]["en"]
    assert note.startswith("9 fabs in the registry have no capacity figure and count as zero: ")
    # each fab by its name in the note's language, not its id (review 16, finding 8)
    assert "Kioxia Kitakami Fab 2 (K2)," in note and "kioxia-kitakami-k2" not in note
    ja = body["uncounted_note"]["ja"]
    assert ja.startswith("登録簿の9工場は") and "キオクシア 北上工場 第2製造棟（K2棟）" in ja
    assert not listed & set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", note + ja))
    assert body["warnings"] and "2033, 2034, 2035" in body["warnings"][0]


def test_api_and_cli_give_the_same_capacity_numbers(
    api: AsgiClient, capsys: pytest.CaptureFixture[str], store_path: Path
) -> None:
    """GET /api/capacity's rows are `chipshock capacity --format json`'s, value for value, with
    no float noise on either (167.4, not 167.39999999999998; 0.0, not 1.1e-13)."""
    import json

    years = [2024, 2027, 2035]
    api_rows = api.get("/api/capacity?" + "&".join(f"years={y}" for y in years)).json()["rows"]
    code = main(["capacity", *(a for y in years for a in ("--year", str(y))), "--format",
                 "json", "--db", str(store_path)])  # fmt: skip
    out, _ = capsys.readouterr()
    assert code == 0
    cli_rows = json.loads(out)
    key = ("year", "region", "node_class")
    by_key = {tuple(r[k] for k in key): r for r in cli_rows}
    assert len(by_key) == len(api_rows)
    for row in api_rows:
        assert by_key[tuple(row[k] for k in key)]["capacity_kwspm"] == row["capacity_kwspm"]
    values = [r[c] for r in api_rows for c in r if c.endswith("_kwspm")]
    assert all(v == float(f"{v:.12g}") for v in values)
    assert not any(0 < abs(v) < 1e-9 for v in values)


@pytest.mark.parametrize("url", ["/api/capacity?years=2027", "/api/capacity/buildout"])
def test_source_lines_list_the_files_in_each_language(api: AsgiClient, url: str) -> None:
    """The capacity answers' source lines name their three curated files as each language
    lists them: "a, b and c" in English, "a、b、c" in Japanese (no English "and" in the
    Japanese line; review 4 #9)."""
    meta = api.get(url).json()["meta"]
    assert "regional_capacity.csv, fab_capacity.csv and fabs.csv" in meta["source"]
    assert "regional_capacity.csv、fab_capacity.csv、fabs.csv（" in meta["source_ja"]
    assert " and " not in meta["source_ja"]


def test_api_capacity_notes_name_the_closed_fab_as_the_cli_does(api: AsgiClient) -> None:
    """Review 11, finding 1: GET /api/capacity's ``notes`` (``notes_ja``) name PSMC Tongluo,
    closed in 2026, and say that the remainder holds what it leaves (the CLI caption's words,
    `chipshock.present.coverage_notes.fallen_fabs_note`)."""
    body = api.get("/api/capacity?years=2026").json()
    assert len(body["notes"]) == 1 and len(body["notes_ja"]) == 1
    assert "(psmc-tongluo) 25 kwspm in 2025 -> 0" in body["notes"][0]
    assert "remainder holds the capacity they leave" in body["notes"][0]
    assert "psmc-tongluo" in body["notes_ja"][0]
