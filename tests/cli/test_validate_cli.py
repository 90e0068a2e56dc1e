"""`chipshock validate`, `calibrate` and `scenario sensitivity --method sobol` on the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from chipshock.cli.calibrate_view import not_identified, not_identified_list
from chipshock.present.messages import catalogue
from chipshock.sim.validation.calibrate import NOT_IDENTIFIED

from .conftest import Runner
from .terminal import chipshock_at


def test_validate_json_lists_observations_sources_and_bands(cli: Runner) -> None:
    """JSON rows carry observed value, source and model band; meta summarises the statuses."""
    code, out, _ = cli("validate", "--case", "hualien-2024", "--runs", "20", "--format", "json")
    assert code == 0
    body = json.loads(out)
    rows = {r["quantity"]: r for r in body["rows"]}
    assert rows["all_output_lost_weeks"]["status"] == "inside"
    assert rows["tsmc_loss_usd_m"]["status"] == "not modelled"
    assert rows["full_recovery_weeks"]["source_url"].startswith("https://")
    assert body["summary"]["inside"] >= 1


def test_validate_csv_and_table(cli: Runner) -> None:
    """CSV has a header with the band columns; the table ends with a count per status."""
    code, out, _ = cli("validate", "--case", "tohoku-2011", "--runs", "20", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"model_p5", "model_p50", "model_p95", "status"} <= set(rows[0])
    code, out, _ = cli("validate", "--case", "tohoku-2011", "--runs", "20")
    assert code == 0 and "observations:" in out


def test_each_observed_figure_shows_its_source_and_date(built_store: Path) -> None:
    """The terminal table gives every row its own source (the page's host) and as-of date
    beside the observed figure, in English and Japanese (it showed the address cut after its
    host and one span of dates under the table); the Japanese table writes confidence in
    Japanese."""
    args = ("validate", "--case", "hualien-2024", "--runs", "20", "--db", str(built_store))
    rows = [line for line in chipshock_at(220, *args).splitlines() if "hualien-2024" in line]
    by_quantity = {q: line for line in rows for q in ("full_recovery", "tsmc_loss") if q in line}
    assert "trendforce.com, 2024-04-19" in by_quantity["full_recovery"]
    # and the caption says where a miss is explained
    assert 'docs/validation.md, "What the model cannot reproduce yet"' in " ".join(
        chipshock_at(220, *args).split()
    )
    assert "digitimes.com, 2024-04-19" in by_quantity["tsmc_loss"]
    ja = chipshock_at(220, *args, "--lang", "ja")
    assert "出典（時点）" in ja and "trendforce.com, 2024-04-19" in ja
    assert "docs/validation.mdの「Whatthemodelcannotreproduceyet」" in "".join(ja.split())
    cells = [line for line in ja.splitlines() if "hualien-2024" in line]
    assert all("medium" not in line and "high" not in line for line in cells)
    assert any("│ 中 " in line for line in cells) and any("│ 高 " in line for line in cells)


def test_japanese_table_keeps_case_and_quantity_whole(built_store: Path) -> None:
    """At 120 columns the Japanese table wraps a long case and quantity at words rather than
    cutting it with "…" (it lost "q4 2021" of the MCU lead-time rows, which two cases share)."""
    ja = chipshock_at(120, "validate", "--case", "shortage-2021", "--runs", "20", "--lang", "ja",
                      "--db", str(built_store))  # fmt: skip
    first = " ".join(line.split("│")[1].strip() for line in ja.splitlines() if line.startswith("│"))
    assert "automotive mcu lead time weeks q4 2021" in " ".join(first.split())
    assert "…" not in first and "「…」で終わるセル" not in ja


def test_validate_unknown_case_exits_2(cli: Runner) -> None:
    """An unknown case is exit 2 with the valid ids."""
    code, _, err = cli("validate", "--case", "atlantis")
    assert code == 2 and "naka-fire-2021" in err


def test_calibrate_writes_rows_atomically(cli: Runner, tmp_path: Path) -> None:
    """--out writes the CSV (no temporary left); the table says what history cannot pin down."""
    target = tmp_path / "cal.csv"
    code, _, _ = cli("calibrate", "--out", str(target), db=False)
    assert code == 0 and target.read_text().startswith("parameter,distribution")
    assert not list(tmp_path.glob("*.tmp"))
    code, out, _ = cli("calibrate", db=False)
    assert code == 0 and "What history cannot pin down (8, as in docs/validation.md):" in out
    flat = " ".join(out.split())
    assert "the triangle is not the fit" in flat  # review 9a, finding 3
    assert "fab_quake_downtime 6.43 (3.7x the fitted 1.76)" in flat


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_what_history_cannot_pin_down_is_a_numbered_list(lang: str) -> None:
    """A one-line heading, then items 1 to 8, one per parameter, each starting on its own line
    with its number and wrapped under its text, no line over 80 cells (it was one sentence
    of 8 clauses joined by "; ")."""
    lines = not_identified_list(lang, 80).splitlines()  # type: ignore[arg-type]
    heading = "What history cannot pin down" if lang == "en" else "過去の事例からは決められない"
    assert lines[0].startswith(heading) and lines[0].endswith((":", "："))
    numbered = [line for line in lines[1:] if not line.startswith("   ")]
    assert [line.split(".")[0] for line in numbered] == [str(n) for n in range(1, 9)]
    assert all(cell_len(line) <= 80 for line in lines)
    names = [name for name, _ in not_identified(lang)]  # type: ignore[arg-type]
    assert all(f"{n}. {name}" in "\n".join(lines) for n, name in enumerate(names, start=1))


def test_the_japanese_list_has_the_english_items() -> None:
    """The catalogue's English items are `NOT_IDENTIFIED` (and so docs/validation.md's table),
    and Japanese gives each of them, in the same order."""
    en, ja = catalogue("en"), catalogue("ja")
    for n, (name, why) in enumerate(NOT_IDENTIFIED, start=1):
        assert (
            en[f"calibrate.not_identified.{n}.name"],
            en[f"calibrate.not_identified.{n}.why"],
        ) == (
            name,
            why,
        )
        assert ja[f"calibrate.not_identified.{n}.why"] != why
    assert f"calibrate.not_identified.{len(NOT_IDENTIFIED) + 1}.name" not in en


def test_calibrate_in_japanese(cli: Runner) -> None:
    """--lang ja: the table's title, the triangle caption and the list in Japanese; the JSON
    is the same in both languages (``not_identified`` in English, as the docs)."""
    code, out, _ = cli("calibrate", "--lang", "ja", db=False)
    flat = "".join(out.split())
    assert code == 0 and "較正したパラメータ" in out
    assert "fab_quake_downtime6.43（当てはめた1.76の3.7倍）" in flat
    assert "過去の事例からは決められないもの（8項目、docs/validation.mdと同じ）：" in flat
    assert "History cannot" not in out and "Triangular" not in out
    _, en_json, _ = cli("calibrate", "--format", "json", db=False)
    _, ja_json, _ = cli("calibrate", "--format", "json", "--lang", "ja", db=False)
    assert en_json == ja_json
    code, _, err = cli("calibrate", "--lang", "fr", db=False)
    assert code == 2 and "--lang: unknown language (got 'fr'; expected en or ja)" in err
    assert json.loads(en_json)["not_identified"] == [list(n) for n in NOT_IDENTIFIED]


def test_sensitivity_sobol_json(cli: Runner) -> None:
    """--method sobol gives indices with a reading; a bad method is exit 2."""
    code, out, _ = cli("scenario", "sensitivity", "taiwan-blockade-2027-6m", "--method", "sobol",
                       "--samples", "4", "--runs", "2", "--factor", "shock_duration",
                       "--factor", "utilisation", "--format", "json")  # fmt: skip
    assert code == 0
    body = json.loads(out)
    assert body["method"] == "sobol" and body["evaluations"] == 4 * (2 + 3)
    assert body["runs"] == 2 and body["factors_on_levels"] == ["utilisation"]
    assert {r["factor"] for r in body["rows"]} == {"shock_duration", "utilisation"}
    code, _, err = cli("scenario", "sensitivity", "taiwan-blockade-2027-6m", "--method", "morris")
    assert code == 2 and "tornado or sobol" in err


def test_factors_file_bad_row_exits_2_naming_row_and_column(cli: Runner, tmp_path: Path) -> None:
    """--factors-file is checked before anything runs: a set row without its high value is exit
    2, naming the file, the row, the column and what was expected."""
    from chipshock.data.factor_ranges import default_factor_ranges_path

    lines = default_factor_ranges_path().read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("utilisation,"))
    lines[row] = lines[row].replace(",0.92,1.06,", ",0.92,,")
    bad = tmp_path / "factors.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = cli("scenario", "sensitivity", "taiwan-blockade-2027-6m", "--factors-file",
                       str(bad), "--runs", "2")  # fmt: skip
    assert code == 2
    assert "factors.csv" in err and f"row {row + 1}" in err and "high" in err


def test_factors_file_ranges_and_units_reach_the_answer(cli: Runner, tmp_path: Path) -> None:
    """A factor table of one's own: its range is the one moved, and each row of the answer
    carries the unit and the source of the range."""
    from chipshock.data.factor_ranges import default_factor_ranges_path

    text = default_factor_ranges_path().read_text(encoding="utf-8")
    own = tmp_path / "own.csv"
    own.write_text(
        text.replace(",0.92,1.06,multiplier,", ",0.90,1.10,multiplier,"), encoding="utf-8"
    )
    code, out, _ = cli("scenario", "sensitivity", "taiwan-blockade-2027-6m", "--factors-file",
                       str(own), "--factor", "utilisation", "--factor", "shock_duration",
                       "--runs", "2", "--format", "json")  # fmt: skip
    assert code == 0
    rows = {r["factor"]: r for r in json.loads(out)["rows"]}
    assert (rows["utilisation"]["low_value"], rows["utilisation"]["high_value"]) == (0.9, 1.1)
    assert rows["utilisation"]["unit"] == "multiplier"
    assert rows["utilisation"]["range_source"] == "sensitivity_factors.csv: utilisation"
    assert rows["utilisation"]["range_source_url"].startswith("https://")
    assert rows["shock_duration"]["unit"] == "weeks"
    assert rows["shock_duration"]["range_source"].startswith("scenario taiwan-blockade-2027-6m")


def test_validate_table_writes_three_significant_figures() -> None:
    """Session 34: weeks by the week rule read 25.8 "26" (docs/validation.md: 25.8) and the
    2020-21 lead time's band "13 (13–13)"; the cars' band mixed precisions, "0.713
    (0.0925–4.0)". Every unit now reads by `fmt_figures_band`: three significant figures,
    more where a band's figures would read the same, a source's figure as written."""
    from chipshock.cli.validate_cmd import band_text

    nan = float("nan")
    assert band_text(25.8, nan, nan) == "25.8"
    assert band_text(12.870653, 12.653206, 13.142535) == "12.9 (12.7–13.1)"
    assert band_text(0.713486, 0.092524, 3.977836) == "0.713 (0.0925–3.98)"
    assert band_text(7.465573, 2.52461, 16.090016) == "7.47 (2.52–16.1)"
    assert band_text(36.0, 24.0, 48.0) == "36 (24–48)" and band_text(4.0, 0.0, 5.0) == "4 (0–5)"
    assert band_text(0.082431, 0.000878, 0.264638) == "0.0824 (0.000878–0.265)"
    assert band_text(92000.0, nan, nan) == "92,000" and band_text(nan, 1.0, 2.0) == "–"


def test_calibrate_table_and_caption_keep_the_fitted_figures() -> None:
    """The calibrate table rounded the quake's p5 0.16 and median 1.76 weeks to "0.2" and
    "1.8" (one decimal per column); each row's low, mode and high now read by the band rule,
    in English and Japanese, and the caption never writes a nonzero median or ratio as 0."""
    import pandas as pd

    from chipshock.cli.calibrate_view import calibrate_table
    from chipshock.cli.validate_cmd import triangle_caption

    rows = pd.DataFrame(
        {
            "parameter": ["fab_quake_downtime", "tiny_downtime", "utilisation_2021"],
            "distribution": ["triangular", "triangular", "fixed"],
            "low": [0.16, 0.0001, 0.9],
            "mode": [1.76, 0.002, 0.9],
            "high": [19.58, 0.004, 0.9],
            "unit": ["weeks", "weeks", "fraction"],
            "n_observations": [4, 1, 1],
            "confidence": ["medium", "low", "medium"],
        }
    )
    for lang in ("en", "ja"):
        table = calibrate_table(rows, lang)  # type: ignore[arg-type]
        cells = table.iloc[:, 2:5].values.tolist()
        assert cells == [["0.16", "1.76", "19.6"], ["0.0001", "0.002", "0.004"], ["0.9"] * 3]
    caption = " ".join(triangle_caption(rows).split())
    assert "tiny_downtime 0.00203 (1.0x the fitted 0.002)" in caption, caption  # was 0.00
    assert "fab_quake_downtime 6.43 (3.7x the fitted 1.76)" in caption


def test_japanese_wide_table_heads_case_and_quantity_in_japanese(built_store: Path) -> None:
    """A terminal wide enough for the case and the quantity in cells of their own headed them
    "ID" and 「事例：数量」 (the narrow table's joined cell): now 事例 and 数量, from the
    catalogue (``cli.history_col_case_id``, ``cli.history_col_quantity``)."""
    args = ("validate", "--case", "naka-fire-2021", "--runs", "10", "--db", str(built_store))
    ja = chipshock_at(240, *args, "--lang", "ja")
    header = next(line for line in ja.splitlines() if "判定" in line)
    words = [w.strip() for w in header.strip("┃").split("┃")]
    assert words[:2] == ["事例", "数量"], words
    assert "ID" not in header and "事例：数量" not in header
    rows = [line for line in ja.splitlines() if "naka-fire-2021" in line]
    assert any("│ restart_weeks " in line for line in rows)
    english = chipshock_at(240, *args)
    assert "case id" in english and "quantity" in english
