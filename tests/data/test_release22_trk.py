"""Data release 22 (trk, review 16 findings 5 and 6): yen rows carry the month of their
conversion, kind ``equity`` is in partnerships.csv's checked vocabulary, and the tracker's
status notes come in both languages; a bad value is named by file, row, column and value."""

from __future__ import annotations

from pathlib import Path

from chipshock.cli.main import main
from chipshock.data.curated import load_curated
from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE

from .conftest import edit
from .coverage_helpers import CURATED, curated_rows


def _errors(folder: Path) -> list[str]:
    return [str(p) for p in load_curated(folder).errors]


def test_a_bad_kind_is_named_with_file_row_column_value_and_the_vocabulary(
    curated_dir: Path,
) -> None:
    """A misspelt kind: partnerships.csv, its spreadsheet row (18), column kind, the value and
    the kinds it may take (equity among them); the CLI refuses the folder with exit 2."""
    edit(
        curated_dir / "partnerships.csv",
        ",JPN,equity,2nm logic (equity",
        ",JPN,equtiy,2nm logic (equity",
    )
    (message,) = [m for m in _errors(curated_dir) if "equtiy" in m]
    assert "partnerships.csv" in message and "row 18" in message
    assert "column 'kind'" in message and "'equtiy'" in message
    assert "one of equity, grant, joint development" in message
    assert main(["data", "validate", str(curated_dir)]) == 2


def test_a_status_note_in_one_language_only_is_refused(curated_dir: Path) -> None:
    """A tracker row with an English status note and no Japanese one is an error that names
    status_note_ja (each surface shows the note in its own language)."""
    note_ja = (
        "最後の確認は2024年2月（発表時）。"
        "2026年12月時点で、chipshockが調べた資料にこれより新しい公開情報は見つからない。"
    )
    edit(curated_dir / "alliance_tracker.csv", note_ja, "")
    messages = [m for m in _errors(curated_dir) if "status_note_ja" in m]
    assert messages and "both given, or both blank" in messages[0]


def test_every_yen_row_dates_its_conversion() -> None:
    """Each partnership or deliverable pledged in yen with a dollar figure says the month of
    its conversion, except the two the sources leave open (a sum of tranches, an undated
    2022 award); the rates the rows imply lie between 130 and 160 yen per dollar."""
    months = {}
    for file in ("partnerships.csv", "alliance_deliverables.csv"):
        for row in curated_rows(file):
            if row["currency"] == "JPY" and row["amount_usd"]:
                rate = float(row["amount_original"]) / float(row["amount_usd"])
                assert 130 < rate < 160, (row, rate)
                months[row.get("partnership_id") or row["deliverable_id"]] = row["usd_rate_as_of"]
    assert len(months) == 15
    assert months["rapidus-subsidy-fy2025"] == "2025-03"
    assert months["aws-japan-cloud"] == "2024-01"
    assert months["rapidus-subsidy-cumulative"] == "mixed"
    assert {k for k, v in months.items() if not v} == {"micron-hiroshima-subsidy-2022"}


def test_the_state_and_founders_hold_equity() -> None:
    """The IPA's JPY 100 bn and the founders' JPY 7.3 bn are equity (出資), not a subsidy or a
    joint venture; the state's stake was paid in by 2026-02-27."""
    kinds = {r["partnership_id"]: r["kind"] for r in curated_rows("partnerships.csv")}
    assert [k for k, v in kinds.items() if v == "equity"] == [
        "rapidus-founding-equity",
        "rapidus-state-equity-2025",
    ]
    tracker = {r["item_id"]: r for r in curated_rows("alliance_tracker.csv")}
    assert (
        tracker["rapidus-state-equity"]["status"],
        tracker["rapidus-state-equity"]["status_as_of"],
    ) == ("done", "2026-02-27")


def test_the_lstc_nstc_row_says_what_happened_to_its_counterpart() -> None:
    """LSTC–NSTC is delayed, and its note, shown in the table in both languages, says that no
    bilateral agreement was found and that Natcast lost its agreement (the row under it,
    cancelled 2025-08-25), as SOURCES.md does."""
    tracker = {r["item_id"]: r for r in curated_rows("alliance_tracker.csv")}
    row = tracker["lstc-nstc-cooperation"]
    assert row["status"] == "delayed" and row["note"].startswith("assumption:")
    assert "No formal NSTC–LSTC bilateral agreement was found" in row["status_note"]
    assert "Natcast lost its agreement on 2025-08-25" in row["status_note"]
    assert "正式な二国間協定は見つからない" in row["status_note_ja"]
    assert "Natcastは2025年8月25日に協定を失い" in row["status_note_ja"]
    natcast = tracker["natcast-agreement"]
    assert (natcast["status"], natcast["parent_item_id"]) == ("cancelled", "lstc-nstc-cooperation")
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    assert "No formal NSTC–LSTC bilateral agreement was found" in sources


def test_data_release_22() -> None:
    """The data release this part belongs to, with its CHANGELOG entry and SOURCES.md section,
    and a SOURCES.md entry for each source URL the part brought in."""
    assert int(DATA_RELEASE) >= 22 and DATA_RELEASE_DATE >= "2026-12-06"
    changelog = (CURATED / "CHANGELOG.md").read_text(encoding="utf-8")
    part = changelog.split("## Release 22 — 2026-12-06", 1)[1].split("\n## ", 1)[0]
    assert "### Yen amounts, equity, and the Rapidus/IBM tracker rows re-checked (trk)" in part
    assert "14 -> 10" in part
    sources = (CURATED / "SOURCES.md").read_text(encoding="utf-8")
    section = sources.split("## Release 22: yen amounts, equity, and the Rapidus/IBM", 1)[1]
    tracker = curated_rows("alliance_tracker.csv")
    for item in ("ibm-rapidus-2nm", "rapidus-mass-production", "rapidus-state-equity"):
        (row,) = [r for r in tracker if r["item_id"] == item]
        assert row["source_url"] in section, item
