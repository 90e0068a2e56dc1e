"""Old capacity figures marked where users read the utilisation table (review 16, finding 11),
on the shipped data: the flagship's 2027 table holds Intel Fab 32's capacity from a 2007-10
press kit; the API, the CLI (json, csv, terminal) and the report say it is 20 years before
2027, by the threshold row model_assumptions.csv capacity_audit_max_age_years, and a recent
row is not marked."""

from __future__ import annotations

import html
import io
import json
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.api.conftest import AsgiClient
from typer.testing import CliRunner

from chipshock.api import create_app
from chipshock.cli.main import app as cli_app
from chipshock.data.store import load_table
from chipshock.present.capacity_age import capacity_age_note
from chipshock.report.utilisation import utilisation_section

pytest.importorskip("chipshock.sim")

FLAGSHIP = "taiwan-blockade-2027-6m"
RUNS = 3
FAB32 = "intel-fab32-arizona:n10_22"  # fab_capacity.csv: 36,800 wspm from 2021, as of 2007-10
RECENT = "tsmc-fab12-hsinchu:gt45"  # as of 2024
AGE_COLUMNS = ["capacity_age_years", "capacity_age_old", "capacity_as_of_label"]


@pytest.fixture(scope="module")
def web(built_store: Path) -> Iterator[dict[str, Any]]:
    client = AsgiClient(create_app(built_store, max_runs=200, time_budget_s=300.0))
    resp = client.post("/api/scenarios/run", json={"scenario": FLAGSHIP, "runs": RUNS})
    client.close()
    assert resp.status_code == 200, resp.text
    yield resp.json()


def _threshold(store: Path) -> float:
    rows = load_table(store, "model_assumptions")
    return float(rows.loc[rows["parameter"] == "capacity_audit_max_age_years", "value"].iloc[0])


def _cli(store: Path, *args: str) -> str:
    result = CliRunner().invoke(
        cli_app,
        [
            "scenario",
            "run",
            FLAGSHIP,
            "--utilisation",
            *args,
            "--runs",
            str(RUNS),
            "--db",
            str(store),
        ],
    )
    assert result.exit_code == 0, result.stdout
    return result.stdout


def test_api_marks_fab32_and_not_a_recent_row(built_store: Path, web: dict[str, Any]) -> None:
    """Fab 32's 2027 row: age 20, old, "⚠ 2007-10 (20 years before 2027)"; TSMC Fab 12's
    >45nm row (as of 2024): age 3, not old, its date alone; the meta gives the threshold of the
    data row and the note of `capacity_age_note`."""
    rows = {r["producer_id"]: r for r in web["utilisation"]}
    fab32, recent = rows[FAB32], rows[RECENT]
    assert fab32["year"] == 2027 and fab32["capacity_as_of"] == "2007-10"
    assert [fab32[c] for c in AGE_COLUMNS] == [20, True, "⚠ 2007-10 (20 years before 2027)"]
    assert fab32["capacity_as_of_label_ja"] == "⚠ 2007-10（2027年の20年前）"
    assert [recent[c] for c in AGE_COLUMNS] == [3, False, "2024"]
    meta = web["utilisation_meta"]
    limit = _threshold(built_store)
    assert meta["capacity_age_max_years"] == limit == 10.0
    flagged = pd.DataFrame(web["utilisation"])
    assert meta["capacity_age_note"] == capacity_age_note(flagged, limit)
    assert meta["capacity_age_note_ja"] == capacity_age_note(flagged, limit, "ja")
    # every row: old exactly when its age exceeds the data's threshold
    for r in web["utilisation"]:
        age = r["capacity_age_years"]
        assert r["capacity_age_old"] == (age is not None and age > limit)


def test_cli_json_csv_and_table_say_the_same(built_store: Path, web: dict[str, Any]) -> None:
    """The CLI's json rows and meta carry the API's ages, labels and note; the csv the same
    columns; the terminal table (narrow here: the dates' column left out) marks Fab 32 by its
    name, not TSMC's recent rows, and ends with the note."""
    out = _cli(built_store, "--format", "json")
    cli = json.loads(out[out.index("{") :])
    cli_rows = {r["producer_id"]: r for r in cli["utilisation"]}
    web_rows = {r["producer_id"]: r for r in web["utilisation"]}
    for pid in (FAB32, RECENT):
        for c in [*AGE_COLUMNS, "capacity_as_of_label_ja"]:
            assert cli_rows[pid][c] == web_rows[pid][c]
    for k in ("capacity_age_max_years", "capacity_age_note", "capacity_age_note_ja"):
        assert cli["utilisation_meta"][k] == web["utilisation_meta"][k]
    csv = pd.read_csv(io.StringIO(_cli(built_store, "--format", "csv", "--section", "utilisation")))
    row = csv.set_index("producer_id").loc[FAB32]
    assert (int(row["capacity_age_years"]), bool(row["capacity_age_old"])) == (20, True)
    assert row["capacity_as_of_label"] == "⚠ 2007-10 (20 years before 2027)"
    table = _cli(built_store, "--format", "table")  # narrow: the marker before the name
    assert "⚠ Intel Fab 32" in table and "⚠ TSMC" not in table
    words = " ".join(table.split())  # the caption as wrapped to the terminal
    assert "⚠ marks a capacity figure more than 10 years older" in words
    assert "`chipshock data audit` (old_capacity_rows)" in words


def test_report_marks_the_old_figures_it_lists(built_store: Path, web: dict[str, Any]) -> None:
    """The report's table of a few real rows (Fab 32 and TSMC Fab 12 among them, all listed):
    Fab 32's source cell ends with the marked date, flagged old-capacity, the recent row's
    with its bare date; the note under the table, in English and Japanese."""
    keep = [FAB32, RECENT]
    rows = pd.DataFrame(web["utilisation"]).drop(
        columns=[*AGE_COLUMNS, "capacity_as_of_label_ja", "name_ja"], errors="ignore"
    )
    rows = rows[rows["producer_id"].isin(keep) & (rows["shock_runs"] > 0)]
    assert len(rows) == 2
    result = types.SimpleNamespace(utilisation=rows.reset_index(drop=True))
    assumptions = load_table(built_store, "model_assumptions")
    page = utilisation_section(result, "en", model_assumptions=assumptions)
    date = "<span class='date'>2007-10</span>"  # kept on one line (session 31)
    assert f"<span class='old-capacity'>(⚠ {date} (20 years before 2027))</span>" in page
    assert "(2024)</td>" in page
    assert "old-capacity-note" in page and "chipshock data audit" in page
    ja = utilisation_section(result, "ja", model_assumptions=assumptions)
    assert f"（⚠ {date}（2027年の20年前））" in ja and "最初のモデル年" in ja
    recent_only = types.SimpleNamespace(utilisation=rows[rows["producer_id"] == RECENT])
    plain = utilisation_section(recent_only, "en", model_assumptions=assumptions)
    assert "old-capacity" not in plain


def test_fab_rows_give_their_operator_in_japanese(built_store: Path, web: dict[str, Any]) -> None:
    """Each fab's row carries operator_ja (fab_names_ja.csv, review 16 #8) and the Japanese
    report's operator column shows it; a remainder keeps its own operator text."""
    from chipshock.data.store import load_alliance
    from chipshock.present.labels import fab_names, fab_operators

    rows = {r["producer_id"]: r for r in web["utilisation"]}
    assert (rows[FAB32]["operator"], rows[FAB32]["operator_ja"]) == ("Intel", "インテル")
    assert rows[RECENT]["operator_ja"] == "TSMC（台湾積体電路製造）"
    other = next(r for r in web["utilisation"] if r["kind"] == "other fabs")
    assert other["operator_ja"] == other["operator"]
    fabs = load_alliance(built_store).fabs
    keep = pd.DataFrame(web["utilisation"]).drop(columns=["operator_ja", "name_ja"])
    keep = keep[keep["producer_id"].isin([FAB32, RECENT]) & (keep["shock_runs"] > 0)]
    result = types.SimpleNamespace(utilisation=keep.reset_index(drop=True))
    ja = utilisation_section(
        result, "ja", names=fab_names(fabs, "ja"), fab_operators=fab_operators(fabs, "ja")
    )
    assert "<td>インテル</td>" in ja and "<td>TSMC（台湾積体電路製造）</td>" in ja
    assert "<td>Intel</td>" not in ja
    en = utilisation_section(result, "en", fab_operators=fab_operators(fabs))
    assert "<td>Intel</td>" in en


def test_report_counts_the_marked_rows_of_the_full_table(
    built_store: Path, web: dict[str, Any]
) -> None:
    """Review 16 leftover 5: the report lists 13 producers, which may hold none of the old
    figures; a line under its tables counts the full table's marked rows (the API's
    ``capacity_age_old``), the listed ones among them, and names the command that shows every
    row, in English and Japanese; a table without an old figure says none carries the mark."""
    from chipshock.present.numbers import fmt_int
    from chipshock.report.utilisation import later_rows, shown_rows

    full = pd.DataFrame(web["utilisation"])
    old = int(full["capacity_age_old"].sum())
    assert old > 0 and len(full) > 13
    listed = pd.concat([shown_rows(full), later_rows(full)])
    shown = int(listed["capacity_age_old"].sum())
    assert shown <= old
    bare = full.drop(columns=[*AGE_COLUMNS, "capacity_as_of_label_ja", "name_ja"], errors="ignore")
    result = types.SimpleNamespace(
        utilisation=bare, scenario=types.SimpleNamespace(scenario_id=FLAGSHIP)
    )
    assumptions = load_table(built_store, "model_assumptions")
    page = html.unescape(utilisation_section(result, "en", model_assumptions=assumptions))
    assert (
        f"{old} of the {fmt_int(len(full))} rows of the full producer table carry ⚠ (a capacity "
        f"figure more than 10 years older than its year), {shown} of them in the tables above; "
        f"every row with its mark: chipshock scenario run {FLAGSHIP} --utilisation"
    ) in page
    ja = html.unescape(utilisation_section(result, "ja", model_assumptions=assumptions))
    assert f"生産者表の全{fmt_int(len(full), 'ja')}行のうち{old}行に⚠" in ja
    assert f"chipshock scenario run {FLAGSHIP} --utilisation" in ja
    recent = bare[bare["producer_id"] == RECENT]
    plain = utilisation_section(
        types.SimpleNamespace(utilisation=recent), "en", model_assumptions=assumptions
    )
    assert "No row of the full producer table carries ⚠" in html.unescape(plain)
