"""`scenario compare` reads at 80 columns: the same numbers, stacked by market, no line wider
than the terminal; a wide terminal keeps the side-by-side layout."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from rich.cells import cell_len
from tests.cli.terminal import chipshock_at

from chipshock.cli import output
from chipshock.cli.scenario_view import (
    NARROW_COMPARE,
    PER_MARKET_TITLES,
    STACKED_INDEX,
    WIDE_COMPARE,
    stacked_percentiles,
    wide_percentiles,
)
from chipshock.cli.table_cells import heading_cell
from chipshock.data.store import default_paths, store_info
from chipshock.present.messages import message

PAIR = ("taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m")


def _compare(store: Path, columns: int) -> str:
    return chipshock_at(columns, "scenario", "compare", *PAIR, "--runs", "40", "--db", str(store))


@pytest.mark.slow
def test_compare_fits_80_columns_and_keeps_the_wide_layout_when_wide(built_store: Path) -> None:
    """At COLUMNS=80 no line exceeds 80 characters and the narrow tables are printed (every
    market with its p5, p50, p95); at 250 columns the side-by-side tables are as before."""
    narrow = _compare(built_store, 80)
    too_long = [line for line in narrow.splitlines() if len(line) > 80]
    assert too_long == []
    assert all(title in narrow for title in NARROW_COMPARE)
    assert "AI and data centre" in narrow and "All markets" in narrow
    wide = _compare(built_store, 250)
    assert all(title in wide for title in WIDE_COMPARE)
    assert not any(title in wide for title in NARROW_COMPARE)
    assert max(len(line) for line in wide.splitlines()) > 80  # the wide layout, unchanged


@pytest.mark.slow
def test_run_fits_80_columns(built_store: Path) -> None:
    """`scenario run`'s per-market table is stacked at 80 columns, one column per KPI when
    wide."""
    args = ("scenario", "run", PAIR[1], "--runs", "40", "--db", str(built_store))
    narrow = chipshock_at(80, *args)
    assert [line for line in narrow.splitlines() if len(line) > 80] == []
    assert PER_MARKET_TITLES[1] in narrow and PER_MARKET_TITLES[0] not in narrow
    assert PER_MARKET_TITLES[0] in chipshock_at(250, *args)


def test_stacked_cells_are_the_wide_cells_split() -> None:
    """Each market's p5 · p50 · p95 cell of the wide table is the stacked table's three cells,
    markets in the same order, each under its own heading row."""
    kpis = pd.DataFrame(
        {
            "market": ["all", "all", "automotive", "automotive"],
            "kpi": ["output_lost_weeks", "loss_usd_bn", "output_lost_weeks", "loss_usd_bn"],
            "p5": [0.31, 32.7e9, 0.2, 13.9e9],
            "p50": [0.44, 42.4e9, 0.3, 20.0e9],
            "p95": [0.52, 54.0e9, 0.4, 26.9e9],
        }
    )
    wide = wide_percentiles(kpis).set_index("market")
    stacked = stacked_percentiles(kpis)
    headings = stacked[stacked["p50"] == ""][STACKED_INDEX].tolist()
    assert headings == [heading_cell(m) for m in wide.index]
    market = ""
    seen = 0
    for row in stacked.itertuples(index=False):
        if row.p50 == "":
            market = row[0].plain
            continue
        assert wide.at[market, row[0]] == f"{row.p5} · {row.p50} · {row.p95}"
        seen += 1
    assert seen == 4


def test_fab_tables_fit_80_columns_and_name_what_they_leave_out(built_store: Path) -> None:
    """`fabs --capacity-in` and `fabs` at 80 columns: no line wider than the terminal, no number
    split over two lines (TSMC Arizona phase 1's 2027 row reads whole), and the caption names the
    columns left out; at 250 columns every column is shown and nothing is said to be left out."""
    db = ("--db", str(built_store))
    narrow = chipshock_at(80, "fabs", "--capacity-in", "2027", *db)
    assert [line for line in narrow.splitlines() if len(line) > 80] == []
    arizona = next(line for line in narrow.splitlines() if "tsmc-arizona-p1" in line)
    cells = [c.strip() for c in arizona.split("│") if c.strip()]
    # its row in force in 2027 (TSMC's own 20,000 wafers a month, data release 17); Rapidus'
    # pilot line, the row read here until data release 23, now holds no supply in 2027
    assert cells == ["tsmc-arizona-p1", "lt10", "20,000", "medium"]
    assert (
        "Left out at this terminal width: operator id, country, status, row year, phase"
        in " ".join(narrow.split())
    )
    listing = chipshock_at(80, "fabs", "--country", "JPN", *db)
    assert [line for line in listing.splitlines() if len(line) > 80] == []
    assert "Left out at this terminal width: operator, node nm, capacity wspm" in " ".join(
        listing.split()
    )
    wide = chipshock_at(250, "fabs", "--capacity-in", "2027", *db)
    assert "source url" in wide and "Left out" not in wide


# -- no table splits a number, id, date or code at 80 columns ------------------------------------
#: commands whose tables finding 17 saw split at 80 columns (``{db}``: the store option)
SPLIT_AT_80 = {
    "concentration": ("concentration", "{db}"),
    "capacity": ("capacity", "--year", "2027", "{db}"),
    "partnerships": ("partnerships", "--party", "Rapidus", "{db}"),
    "deliverables": ("deliverables", "--sector", "semiconductors", "{db}"),
    "scenario list": ("scenario", "list"),
    "data info": ("data", "info", "{db}"),
    "chokepoints --materials": ("chokepoints", "--materials", "{db}"),
    "chokepoints": ("chokepoints", "{db}"),
    "criticality": ("criticality", "{db}"),
}
SIMULATED_AT_80 = {
    "validate": ("validate", "--case", "shortage-2020-21", "--runs", "20", "{db}"),
    "scenario run --utilisation": (
        "scenario", "run", PAIR[1], "--runs", "20", "--utilisation", "{db}",
    ),
    "scenario sweep": ("scenario", "sweep", PAIR[1], "--values", "4,13", "--runs", "20", "{db}"),
}  # fmt: skip
_MONEY = re.compile(r"USD [\d.,]+ (?:bn|m|trillion)")  # an amount: never split from its unit
_LEFT_OUT = re.compile(r"Left out at this terminal width: (.*?) \(a wider terminal")


def _cells(line: str, rule: str) -> list[str]:
    return [c.strip() for c in line.strip()[1:-1].split(rule)]


def _wide_tokens(wide: str) -> list[tuple[str, str]]:
    """(column header, token) for every word, number, id, date or code of the one-line tables."""
    tokens: list[tuple[str, str]] = []
    headers: list[str] = []
    for line in wide.splitlines():
        if line.startswith("┃"):
            headers = _cells(line, "┃")
        elif line.startswith("│") and headers:
            for header, cell in zip(headers, _cells(line, "│"), strict=False):
                tokens += [(header, t) for t in cell.split()]
                tokens += [(header, m) for m in _MONEY.findall(cell)]
    return tokens


def _assert_nothing_split(narrow: str, wide: str, as_words: tuple[str, ...] = ()) -> None:
    """``narrow`` is no wider than 80 columns and every word, number, id, date or code of
    ``wide`` stands whole on one of its lines, unless its column is named as left out (running
    text wraps only between words). ``as_words``: columns whose ids the narrow table shows as
    words (``lead time weeks`` for ``lead_time_weeks``), each word whole."""
    assert [line for line in narrow.splitlines() if len(line) > 80] == []
    left_out = " ".join(_LEFT_OUT.findall(" ".join(narrow.split())))
    lines = narrow.splitlines()
    tokens = [
        (h, w)
        for h, t in _wide_tokens(wide)
        if h not in left_out
        for w in (t.split("_") if h in as_words else [t])
    ]
    assert tokens, "the wide table has numbers or ids to look for"
    split = sorted(
        {
            f"{h}: {t}"
            for h, t in tokens
            if not any(re.search(rf"(?<![\w.,]){re.escape(t)}(?![\w.,])", x) for x in lines)
        }
    )
    assert split == []


def _db(args: tuple[str, ...], store: Path) -> tuple[str, ...]:
    return tuple(a for arg in args for a in (("--db", str(store)) if arg == "{db}" else (arg,)))


@pytest.mark.parametrize("name", list(SPLIT_AT_80))
def test_tables_never_split_a_number_or_id_at_80_columns(name: str, built_store: Path) -> None:
    """At 80 columns every word, number, id, date and code of the one-line (400-column) table
    stands whole on one line, or its column is named as left out; at 200 columns nothing is
    left out."""
    args = _db(SPLIT_AT_80[name], built_store)
    narrow = chipshock_at(80, *args)
    _assert_nothing_split(narrow, chipshock_at(400, *args))
    assert "Left out" not in chipshock_at(200, *args)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SIMULATED_AT_80))
def test_simulated_tables_never_split_a_number_or_id_at_80_columns(
    name: str, built_store: Path
) -> None:
    """The same for the tables of the commands that run the simulator (few runs)."""
    args = _db(SIMULATED_AT_80[name], built_store)
    words = ("quantity",) if name == "validate" else ()
    _assert_nothing_split(chipshock_at(80, *args), chipshock_at(400, *args), words)


@pytest.mark.slow
def test_validate_at_80_columns_names_each_rows_case_and_status(built_store: Path) -> None:
    """Two history cases measure the same quantity with different model bands: at 80 columns
    each row still says which case it belongs to and whether the observation is inside the
    band (the table used to drop the case id and the status and keep the long quantity id)."""
    narrow = chipshock_at(80, "validate", "--runs", "20", "--db", str(built_store))
    flat = " ".join(narrow.split())
    assert "case quantity" in flat and "status" in flat
    first = " ".join(_cells(x, "│")[0] for x in narrow.splitlines() if x.startswith("│"))
    assert "shortage-2020-21: lead time weeks dec 2021" in " ".join(first.split())
    assert "shortage-2021: lead time weeks dec 2021" in " ".join(first.split())
    for status in ("inside", "above band", "below band", "not modelled"):
        assert status in flat
    assert "case id" not in " ".join(_LEFT_OUT.findall(flat))


def test_data_build_table_keeps_files_and_checksums_whole(tmp_path: Path) -> None:
    """`data build` at 80 columns: file names and sha256 prefixes whole, no line too wide."""
    args = ("data", "build", "--db", str(tmp_path / "store.duckdb"))
    narrow = chipshock_at(80, *args)
    _assert_nothing_split(narrow, chipshock_at(400, *args))
    assert "alliance_deliverables.csv" in narrow


def test_capacity_at_80_columns_has_one_line_per_row(built_store: Path) -> None:
    """`capacity --year 2027` at 80 columns: the share source text is left out first, so each
    region x class row takes one line (the finding counted ~10 lines a row), numbers whole."""
    narrow = chipshock_at(80, "capacity", "--year", "2027", "--db", str(built_store))
    rows = [line for line in narrow.splitlines() if line.startswith("│")]
    assert len(rows) == sum(1 for line in rows if re.match(r"│ 2027 │ [A-Z]{3} ", line))
    assert "share source" in " ".join(_LEFT_OUT.findall(" ".join(narrow.split())))


def test_csv_and_json_carry_every_column_at_80_columns(built_store: Path) -> None:
    """The narrow layout is for tables only: csv and json are the same at 80 and 400 columns."""
    for fmt in ("csv", "json"):
        args = ("concentration", "--db", str(built_store), "--format", fmt)
        assert chipshock_at(80, *args) == chipshock_at(400, *args)


def test_narrow_layout_counts_wide_characters_and_keeps_amounts_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 60 columns: Japanese text (two cells a character) wraps within the terminal, an id
    and an amount with its unit stand whole, the key column list decides what is left out."""
    monkeypatch.setattr(output.console, "width", 60)
    frame = pd.DataFrame(
        {
            "scenario_id": ["taiwan-blockade-2027"],
            "title_ja": ["台湾封鎖 2027年 同盟ファブなし 長い説明文"],
            "loss": ["USD 516.7 bn"],
            "note": ["left out first"],
        }
    )
    output.emit(frame, output.Format.table, narrow=["scenario_id", "loss", "title_ja"])
    out = capsys.readouterr().out
    assert max(cell_len(line) for line in out.splitlines()) <= 60
    assert "taiwan-blockade-2027" in out and "USD 516.7 bn" in out and "同盟ファブなし" in out
    assert "Left out at this terminal width: note (a wider" in " ".join(out.split())


def test_data_validate_keeps_each_problem_beside_its_file_at_80_columns(tmp_path: Path) -> None:
    """`data validate` of a folder with missing files, at 80 columns: each file and its problem
    on one line (in table order the problem column was the one left out; the title names the
    folder, the table each file's name)."""
    args = ("data", "validate", str(tmp_path))
    lines = chipshock_at(80, *args, check=False).splitlines()
    assert [line for line in lines if len(line) > 80] == []
    assert any(str(tmp_path)[:30] in line for line in lines)
    assert any("│ fabs.csv " in line and "file not found" in line for line in lines)
    _assert_nothing_split("\n".join(lines), chipshock_at(400, *args, check=False))


def test_data_validate_of_one_edited_file_shows_its_value_and_expected_at_80_columns(
    tmp_path: Path,
) -> None:
    """Review 9a, finding 2: a folder holding only an edited materials.csv, at 80 columns, shows
    the one error's row (an integer), value and expected on one line."""
    shipped = default_paths().curated / "materials.csv"
    lines = shipped.read_text(encoding="utf-8").splitlines(keepends=True)
    assert ",12,4,26," in lines[1]
    lines[1] = lines[1].replace(",12,4,26,", ",twelve,4,26,")
    (tmp_path / "materials.csv").write_text("".join(lines), encoding="utf-8")
    out = chipshock_at(80, "data", "validate", str(tmp_path), check=False)
    assert "1 error, 0 warnings" in " ".join(out.split())
    row = [line for line in out.splitlines() if "materials.csv │" in line]
    assert len(row) == 1 and max(cell_len(line) for line in out.splitlines()) <= 80
    cells = [c.strip() for c in row[0].strip("│").split("│")]
    assert cells[:2] == ["materials.csv", "2"]
    assert "twelve" in cells and "a number" in cells


@pytest.mark.slow
def test_saved_utilisation_keeps_its_band_at_80_columns(built_store: Path, tmp_path: Path) -> None:
    """`results show --utilisation` at 80 columns keeps the same key columns as `scenario run
    --utilisation` (the p5 – p95 band beside the shock %), numbers whole."""
    db = tmp_path / "s.duckdb"
    shutil.copyfile(built_store, db)  # this test writes: its own copy of the store
    run = ("scenario", "run", PAIR[1], "--runs", "5", "--utilisation", "--save", "u")
    ran = chipshock_at(80, *run, "--db", str(db))
    show = ("results", "show", "u", "--utilisation", "--db", str(db))
    narrow = chipshock_at(80, *show)
    _assert_nothing_split(narrow, chipshock_at(400, *show))
    for out in (ran, narrow):
        # each table's column names, a name's words joined over the header's lines (a narrow
        # header may stand on two: "shock" over "%")
        names = [_header_names(block) for block in _header_blocks(out)]
        assert any(
            "shock %" in cols and cols[cols.index("shock %") + 1 :][:1] == ["p5 – p95"]
            for cols in names
        ), names


def _header_blocks(out: str) -> list[list[str]]:
    """Each table's header lines (the consecutive lines that start with ┃)."""
    blocks: list[list[str]] = []
    previous = False
    for line in out.splitlines():
        is_head = line.startswith("┃")
        if is_head and not previous:
            blocks.append([])
        if is_head:
            blocks[-1].append(line)
        previous = is_head
    return blocks


def _header_names(lines: list[str]) -> list[str]:
    rows = [[c.strip() for c in line.strip().strip("┃").split("┃")] for line in lines]
    return [" ".join(w for w in col if w) for col in zip(*rows, strict=True)]


def test_a_band_of_numbers_is_never_cut_and_a_cut_cell_is_announced(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 9a, finding 7: the sweep's 52-week output at risk (52 characters) printed as
    "USD 2.20 tri…" with nothing saying so. A band of numbers is now whole (it wraps at its
    numbers); a text cell still cut with "…" is named in the caption, as a column left out is."""
    monkeypatch.setattr(output.console, "width", 150)
    band = "USD 961.7 bn · USD 1.69 trillion · USD 2.20 trillion"
    output.emit(pd.DataFrame({"value": ["52"], "output_at_risk": [band]}), output.Format.table)
    out = capsys.readouterr().out
    assert "USD 2.20 trillion" in out and "…" not in out and "cut short" not in out
    long_text = "a producer name far longer than the forty-eight characters a cell may hold"
    output.emit(pd.DataFrame({"producer": [long_text], "n": [1]}), output.Format.table)
    out = " ".join(capsys.readouterr().out.split())
    assert "…" in out
    assert "Cells ending in “…” are cut short: producer (--format csv or json shows them" in out
    output.emit(pd.DataFrame({"producer": [long_text]}), output.Format.table, lang="ja")
    assert "「…」で終わるセルは省略：producer" in capsys.readouterr().out


@pytest.mark.slow
def test_run_shows_lead_time_and_stocks_per_market_or_says_it_leaves_them_out(
    built_store: Path,
) -> None:
    """Review 14 #3: `scenario run`'s per-market table has lead time and inventory cover per
    market stacked at 80 columns and wide where the terminal fits them (440 columns since the
    driest supplier link's cover joined the KPIs; 400 before); between, the wide table without
    them says what it leaves out, and (session 30) what to do, not "in `scenario run` on a wide
    enough terminal" while in it (`cli.left_out_here`)."""
    here = message("cli.left_out_here", "en")
    args = ("scenario", "run", PAIR[1], "--runs", "10", "--db", str(built_store))
    lead, stock = "longest lead time, weeks", "worst week, % of inventory cover missing"
    narrow = chipshock_at(80, *args)
    # every market and all (the inventory label wraps in its cell at 80 columns)
    assert narrow.count(lead) >= 7 and narrow.count("worst week, % of inventory") >= 7
    assert here.split(":")[0] not in narrow
    wide = chipshock_at(440, *args)
    header = next(line for line in wide.splitlines() if "output lost, weeks" in line)
    assert lead in header and stock in header
    middle = " ".join(chipshock_at(250, *args).split())
    assert " ".join(here.split()) in middle and "`scenario run` on a wide" not in middle


def _rows(out: str) -> list[list[str]]:
    """The cells of a box table's body lines."""
    return [_cells(line, "│") for line in out.splitlines() if line.startswith("│")]


@pytest.mark.parametrize("columns", [80, 120])
def test_data_info_tells_the_two_eto_releases_apart(built_store: Path, columns: int) -> None:
    """`data info` at 80 columns dropped the release column, and the rows of the current and
    the 2022 ETO release looked like repeats (eto_inputs twice): at 80 and 120 columns each
    body line is one dataset's row, no two alike, with its release ("current", "v2022",
    "curated") and its row count; the caption spells each release and licence out; at 120 every
    column is shown on one line, at 80 the licence and checksum are named as left out."""
    out = chipshock_at(columns, "data", "info", "--db", str(built_store))
    assert max(cell_len(line) for line in out.splitlines()) <= columns
    rows = _rows(out)
    n = len(store_info(built_store))
    headers = next(_cells(x, "┃") for x in out.splitlines() if x.startswith("┃"))
    assert len(rows) == n and len({tuple(r) for r in rows}) == n  # one line a dataset
    cells = [dict(zip(headers, r, strict=True)) for r in rows]
    pairs = [(c["dataset"], c["release"]) for c in cells]
    assert ("eto_inputs", "current") in pairs and ("eto_inputs", "v2022") in pairs
    assert ("fabs", "curated") in pairs and len(set(pairs)) == n
    assert {c["rows"] for c in cells if c["dataset"] == "eto_inputs"} == {"126", "79"}
    flat = " ".join(out.split())
    assert "release: current = Aug 2026 update, upstream " in flat
    assert "; v2022 = 2022 release, upstream " in flat
    assert "licence: CC BY-NC 4.0 = ETO / CSET, Georgetown University" in flat
    left_out = " ".join(_LEFT_OUT.findall(flat))
    if columns == 80:
        assert headers == ["dataset", "file", "release", "rows"]
        assert left_out == "licence, sha256"
    else:
        assert headers == ["dataset", "file", "release", "rows", "licence", "sha256"]
        assert left_out == ""
        assert {c["licence"] for c in cells} == {"CC BY-NC 4.0", "chipshock curated data"}
