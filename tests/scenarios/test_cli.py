"""`chipshock scenario ...` and `chipshock capacity`: exit codes, messages and parseable output."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock.scenarios import builtin_ids, parse_scenario
from chipshock.scenarios.parser import builtin_text

from .conftest import BLOCKADE_SHOCK, JsonRunner, Runner

VALID = (
    """
[scenario]
id = "cli-test"
start_year = 2026
end_year = 2028
runs = 20
"""
    + BLOCKADE_SHOCK
)


def _flat(text: str) -> str:
    """Terminal output with Rich's line wrapping undone."""
    return " ".join(text.split())


# --- commands that need no engine -------------------------------------------------------------


def test_list_json(cli_json: JsonRunner) -> None:
    """`scenario list --format json` lists every built-in."""
    rows = cli_json("scenario", "list", db=False)
    assert isinstance(rows, list)
    assert {r["id"] for r in rows} == set(builtin_ids())


def test_list_table(cli: Runner) -> None:
    """The terminal listing names the built-ins."""
    code, out, _ = cli("scenario", "list", db=False)
    assert code == 0 and "japan-earthquake" in out


def test_show_prints_a_valid_scenario_file(cli: Runner, cli_json: JsonRunner) -> None:
    """`scenario show` prints TOML that parses back to the same scenario, overrides applied."""
    code, out, _ = cli("scenario", "show", "japan-earthquake", "--runs", "77", db=False)
    assert code == 0
    s = parse_scenario(out)
    assert (s.scenario_id, s.runs) == ("japan-earthquake", 77)
    data = cli_json("scenario", "show", "nld-litho-export-stop-china", db=False)
    assert isinstance(data, dict)
    assert data["shock"][0]["to"] == ["CHN"]


def test_show_reads_a_file(tmp_path: Path, cli: Runner) -> None:
    """A path works wherever a built-in id does."""
    path = tmp_path / "mine.toml"
    path.write_text(VALID, encoding="utf-8")
    code, out, _ = cli("scenario", "show", str(path), "--format", "csv", db=False)
    assert code == 0 and "country" in out


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("duration_weeks =", "duraton_weeks =", "did you mean 'duration_weeks'?"),
        ("severity = 0.9", "severity = 1.5", "shock[0].severity"),
        ("severity = 0.9", "severity = 0.9\nrecovery_weeks = -3", "shock[0].recovery_weeks"),
        (
            "low = 4, mode = 26, high = 78",
            "low = 80, mode = 26, high = 78",
            "shock[0].duration_weeks.high",
        ),
        ('kind = "country"', 'kind = "nation"', "shock[0].kind"),
        ("runs = 20", "runs = 20\n[priorities]\nphones = 2", "priorities.phones"),
        ("end_year = 2028", "end_year = 2041", "scenario.end_year"),
        ('start = "2027-01"', 'start = "2031-01"', "shock[0].start"),
        ("runs = 20", "runs = = 20", "line 6"),
    ],
)
def test_invalid_file_exits_2_naming_the_field(
    tmp_path: Path, cli: Runner, old: str, new: str, field: str
) -> None:
    """Each kind of mistake exits with 2 and names the file and the field (or line)."""
    path = tmp_path / "bad.toml"
    path.write_text(VALID.replace(old, new), encoding="utf-8")
    code, _, err = cli("scenario", "show", str(path), db=False)
    assert code == 2
    assert "bad.toml" in _flat(err)
    assert field in _flat(err)


def test_unknown_builtin_exits_2_with_suggestion(cli: Runner) -> None:
    """A misspelt built-in id exits 2 and suggests the closest one."""
    code, _, err = cli("scenario", "show", "korea-conflikt", db=False)
    assert code == 2 and "did you mean 'korea-conflict'?" in _flat(err)


def test_bad_override_exits_2(cli: Runner) -> None:
    """An override that moves the horizon beyond the data exits 2 naming the option as typed
    (review 16 #13: --start-year, not the override's field start_year)."""
    code, _, err = cli(
        "scenario", "show", "taiwan-blockade-2027-6m", "--start-year", "2039", db=False
    )
    assert code == 2 and "--start-year" in _flat(err) and "overrides" not in _flat(err)


def test_help_carries_an_example(cli: Runner) -> None:
    """Every command's --help shows an example."""
    for command in ("list", "show", "run", "compare", "sweep"):
        code, out, _ = cli("scenario", command, "--help", db=False)
        assert code == 0 and "chipshock scenario" in out
    code, out, _ = cli("capacity", "--help", db=False)
    assert code == 0 and "chipshock capacity" in out


# --- commands that run the engine -------------------------------------------------------------


def test_run_json(cli_json: JsonRunner) -> None:
    """`scenario run --format json` gives KPIs per market and loss by country."""
    out = cli_json("scenario", "run", "taiwan-blockade-2027-6m", "--runs", "50")
    assert isinstance(out, dict)
    assert (out["scenario"], out["runs"], out["seed"]) == ("taiwan-blockade-2027-6m", 50, 2027)
    markets = {r["market"] for r in out["kpis"]}
    assert {"automotive", "all"} <= markets
    assert {"p5", "p50", "p95"} <= set(out["kpis"][0])
    assert out["loss_by_country"]
    assert "bands" not in out


def test_run_is_reproducible_and_accepts_overrides(cli_json: JsonRunner) -> None:
    """The same seed gives the same numbers; each override visibly changes the run it names."""

    def lost(*extra: str) -> tuple[dict[str, object], float]:
        argv = ["scenario", "run", "taiwan-blockade-2027-6m", "--runs", "30", "--seed", "5"]
        out = cli_json(*argv, *extra)
        assert isinstance(out, dict)
        summary = out["summary"]
        assert isinstance(summary, dict)
        return out, float(summary["output_lost_weeks"]["mean"])

    first, short = lost("--duration-weeks", "13")
    second, short_again = lost("--duration-weeks", "13")
    assert first["kpis"] == second["kpis"] and short == short_again
    assert (first["runs"], first["seed"]) == (30, 5)  # --runs and --seed reached the engine
    _, long = lost("--duration-weeks", "52")
    # --duration-weeks reached every shock (a 4-week cut is now absorbed by inventories, wafer
    # banks and the backlog in every run, so the short side is 13 weeks)
    assert long > short > 0
    other_seed = cli_json("scenario", "run", "taiwan-blockade-2027-6m", "--runs", "30",
                          "--seed", "6", "--duration-weeks", "13")  # fmt: skip
    assert isinstance(other_seed, dict) and other_seed["kpis"] != first["kpis"]
    without_fabs, _ = lost("--duration-weeks", "13", "--fabs-off", "tsmc-arizona-p1")
    assert without_fabs["kpis"] != first["kpis"]  # --fabs-off switched a producing fab off
    with_bands = cli_json("scenario", "run", "taiwan-blockade-2027-6m", "--runs", "5", "--bands")
    assert isinstance(with_bands, dict) and with_bands["bands"]


def test_run_table_has_a_plain_english_summary(cli: Runner) -> None:
    """On a terminal, run prints the shared summary (output first) and readable tables."""
    code, out, _ = cli("scenario", "run", "taiwan-blockade-2027-6m", "--runs", "50")
    assert code == 0
    flat = _flat(out)
    assert "of normal (middle estimate" in flat and "USD" in flat
    assert "recovers" in flat and "loss by country" in flat
    assert flat.index("recovers") < flat.index("weeks of demand")


def test_run_utilisation_on_a_terminal_and_in_csv(cli: Runner) -> None:
    """--utilisation adds the producer table: on a terminal with its caption (units, normal
    and shock columns), in CSV as a ``# utilisation`` block with every producer, the most
    stretched first; without the option the output has no such section."""
    argv = ("scenario", "run", "taiwan-blockade-2027-6m", "--runs", "5")
    code, out, _ = cli(*argv, "--utilisation")
    assert code == 0
    flat = _flat(out)
    assert "producer utilisation, % of capacity (most stretched first)" in flat
    assert "normal %" in flat and "shock %" in flat and "thousand wafer starts per month" in flat
    # the packaging exemption is an immunity, said where the exempt fabs' rows are (review 8)
    assert "Fabs of Samsung, Intel, SMIC are exempt from advanced packaging" in flat
    assert "read their utilisation in such a cut as an upper bound" in flat
    code, csv_out, _ = cli(*argv, "--utilisation", "--format", "csv")
    assert code == 0
    block = csv_out.split("# utilisation\n", 1)[1]
    header, *rows = [line for line in block.splitlines() if line and not line.startswith("#")]
    assert header.split(",")[:3] == ["producer_id", "name", "kind"]
    assert len(rows) > 50 and any(r.startswith("other:TWN:lt10,") for r in rows)
    code, plain, _ = cli(*argv, "--format", "csv")
    assert code == 0 and "# utilisation" not in plain


def test_compare_utilisation_on_a_terminal_names_each_side(cli: Runner) -> None:
    """`scenario compare --utilisation` prints each side's producer table, titled with the
    side's name and with run's caption (and the packaging exemption), in English and in
    Japanese; --section utilisation_a without --utilisation exits 2 naming the sections."""
    argv = ("scenario", "compare", "taiwan-blockade-2027-6m", "--runs", "3", "--utilisation")
    code, out, _ = cli(*argv)
    assert code == 0
    flat = _flat(out)
    for side in ("without the alliance fabs", "with the alliance fabs"):
        assert f"{side}: producer utilisation, % of capacity (most stretched first)" in flat
    assert flat.count("are exempt from advanced packaging") == 2
    assert flat.index("avoided, by market") < flat.index("producer utilisation")
    code, out, _ = cli(*argv, "--lang", "ja")
    assert code == 0
    joined = "".join(out.split())
    for side in ("日米連携の新工場なし", "日米連携の新工場あり"):
        assert f"{side}：ショック期間の生産者" in joined, side
    assert joined.count("を自社で賄うものとして除外") == 2
    code, _, err = cli(*argv[:-1], "--format", "csv", "--section", "utilisation_a")
    assert code == 2 and "--section" in _flat(err) and "delta, a, b" in _flat(err)


def test_exemption_note_only_when_a_shock_reaches_packaging(cli: Runner) -> None:
    """The note on the operators exempt from advanced_packaging comes only with a shock that
    reaches it (the Korea conflict does, through Korea's 4 % share; the gallium and germanium
    controls do not), in English and Japanese, as on the API and the dashboard."""
    note, note_ja = "are exempt from advanced packaging", "を自社で賄うものとして除外"
    for scenario, shown in (("korea-conflict", True), ("china-gallium-germanium-controls", False)):
        argv = ("scenario", "run", scenario, "--runs", "4", "--utilisation")
        code, out, _ = cli(*argv)
        assert code == 0 and "producer utilisation" in _flat(out)
        assert (note in _flat(out)) is shown, scenario
        code, out, _ = cli(*argv, "--lang", "ja")
        assert code == 0 and (note_ja in "".join(out.split())) is shown, scenario


def test_run_summary_in_japanese(cli: Runner) -> None:
    """--lang ja prints the summary in Japanese; an unknown language exits 2 naming --lang."""
    code, out, _ = cli("scenario", "run", "taiwan-blockade-2027-6m", "--runs", "20", "--lang", "ja")
    assert code == 0 and "通常の" in _flat(out) and "予測ではありません" in _flat(out)
    code, _, err = cli("scenario", "run", "baseline", "--runs", "5", "--lang", "fr")
    assert code == 2 and "--lang" in _flat(err)


def test_compare_json(cli_json: JsonRunner) -> None:
    """compare gives delta (B − A) and a headline; the alliance fabs reduce the loss."""
    out = cli_json(
        "scenario",
        "compare",
        "taiwan-blockade-2027-6m-no-alliance-fabs",
        "taiwan-blockade-2027-6m",
        "--runs",
        "50",
    )
    assert isinstance(out, dict)
    assert out["scenario_a"] == "taiwan-blockade-2027-6m-no-alliance-fabs"
    assert {r["market"] for r in out["a"]} == {r["market"] for r in out["b"]}
    loss = next(r for r in out["delta"] if r["market"] == "all" and r["kpi"] == "loss_usd_bn")
    assert loss["p50"] <= 0
    assert out["headline"]["runs"] == 50


def test_compare_table(cli: Runner) -> None:
    """The terminal comparison names both sides in words and shows what is avoided (positive =
    better)."""
    code, out, _ = cli(
        "scenario",
        "compare",
        "taiwan-blockade-2027-6m-no-alliance-fabs",
        "taiwan-blockade-2027-6m",
        "--runs",
        "50",
    )
    assert code == 0
    flat = _flat(out)
    assert "without the alliance fabs" in flat and "with the alliance fabs" in flat
    assert (
        "avoids the loss of about" in flat
        and "positive = “with the alliance fabs” loses less" in flat
    )
    assert "B − A" not in flat


def test_sweep_json(cli: Runner, cli_json: JsonRunner) -> None:
    """sweep gives one block of KPIs per value."""
    out = cli_json(
        "scenario",
        "sweep",
        "taiwan-blockade-2027-6m",
        "--parameter",
        "duration_weeks",
        "--values",
        "4,13,26,52",
        "--runs",
        "50",
    )
    assert isinstance(out, dict)
    assert sorted({r["value"] for r in out["rows"]}) == [4, 13, 26, 52]
    code, table, _ = cli(
        "scenario", "sweep", "taiwan-blockade-2027-6m", "--values", "4,26", "--runs", "20"
    )
    assert code == 0
    assert "duration_weeks" in _flat(table)


def test_sweep_bad_arguments_exit_2(cli: Runner) -> None:
    """An unknown parameter or a value that is not a number exits 2 naming the option."""
    code, _, err = cli("scenario", "sweep", "baseline", "--parameter", "severity")
    assert code == 2 and "--parameter" in _flat(err)
    code, _, err = cli("scenario", "sweep", "taiwan-blockade-2027-6m", "--values", "4,x")
    assert code == 2 and "--values" in _flat(err)


def test_unknown_fab_exits_2(cli: Runner) -> None:
    """A fab id that the data does not know exits 2 (checked by the engine)."""
    code, _, err = cli("scenario", "run", "baseline", "--runs", "5", "--fabs-off", "no-such-fab")
    assert code == 2 and "no-such-fab" in _flat(err)


def test_scheduler_needs_dask(cli: Runner) -> None:
    """--scheduler with the local engine is a usage mistake (exit 2)."""
    code, _, err = cli("scenario", "run", "baseline", "--runs", "5", "--scheduler", "tcp://x:1")
    assert code == 2 and "--engine dask" in _flat(err)


def test_capacity(cli: Runner, cli_json: JsonRunner) -> None:
    """capacity by region drops when the alliance fabs are switched off."""
    base = cli_json("capacity", "--year", "2027", "--by", "region")
    off = cli_json(
        "capacity", "--year", "2027", "--by", "region", "--fabs-off", "jasm-kumamoto-fab1"
    )
    assert isinstance(base, list) and isinstance(off, list)
    jpn = [next(r for r in t if r["region"] == "JPN")["capacity_kwspm"] for t in (base, off)]
    assert jpn[1] < jpn[0]
    by_node = cli_json("capacity", "--year", "2027", "--by", "node")
    assert isinstance(by_node, list) and "node_class" in by_node[0]
    assert cli("capacity", "--by", "fab")[0] == 2


def test_save_stores_the_result(db: Path, cli_json: JsonRunner) -> None:
    """--save NAME writes the result to the store."""
    store = pytest.importorskip("chipshock.sim.run.store")
    cli_json("scenario", "run", "baseline", "--runs", "5", "--save", "saved-run")
    assert "saved-run" in store.list_results(db).to_string()


def test_korea_text_quotes_the_models_2027_shares(cli_json: JsonRunner) -> None:
    """Review 16 #4: korea-conflict's text (en and ja) quotes South Korea's shares of world
    capacity as `chipshock capacity --year 2027` gives them (DRAM, NAND, <10 nm), not "most
    DRAM and NAND"."""
    rows = cli_json("capacity", "--year", "2027", "--format", "json")
    assert isinstance(rows, list)
    world: dict[str, float] = {}
    korea: dict[str, float] = {}
    for row in rows:
        node = row["node_class"]
        world[node] = world.get(node, 0.0) + row["capacity_kwspm"]
        if row["region"] == "KOR":
            korea[node] = korea.get(node, 0.0) + row["capacity_kwspm"]
    share = {node: round(100 * korea[node] / world[node]) for node in ("dram", "nand", "lt10")}
    scenario = parse_scenario(builtin_text("korea-conflict"))
    en = " ".join(scenario.description.split())
    ja = "".join(scenario.description_ja.split())
    assert f"{share['dram']}% of world DRAM, {share['nand']}% of NAND and {share['lt10']}%" in en
    assert "most DRAM" not in en and "大半" not in ja
    assert f"DRAMの約{share['dram']}%、NANDの{share['nand']}%" in ja.replace(" ", "")
    assert f"ロジックの{share['lt10']}%" in ja
