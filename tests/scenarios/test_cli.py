"""`chipshock scenario ...` and `chipshock capacity`: exit codes, messages and parseable output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chipshock.cli.main import main
from chipshock.scenarios import builtin_ids, parse_scenario

VALID = """
[scenario]
id = "cli-test"
start_year = 2026
end_year = 2028
runs = 20

[[shock]]
kind = "country"
targets = ["TWN"]
start = "2027-01"
duration_weeks = { dist = "triangular", low = 4, mode = 26, high = 78 }
severity = 0.9
"""


def _flat(text: str) -> str:
    """Terminal output with Rich's line wrapping undone."""
    return " ".join(text.split())


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


# --- commands that need no engine -------------------------------------------------------------


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`scenario list --format json` lists every built-in."""
    rows = _json(capsys, ["scenario", "list", "--format", "json"])
    assert isinstance(rows, list)
    assert {r["id"] for r in rows} == set(builtin_ids())


def test_list_table(capsys: pytest.CaptureFixture[str]) -> None:
    """The terminal listing names the built-ins."""
    assert main(["scenario", "list"]) == 0
    assert "japan-earthquake" in capsys.readouterr().out


def test_show_prints_a_valid_scenario_file(capsys: pytest.CaptureFixture[str]) -> None:
    """`scenario show` prints TOML that parses back to the same scenario, overrides applied."""
    assert main(["scenario", "show", "japan-earthquake", "--runs", "77"]) == 0
    s = parse_scenario(capsys.readouterr().out)
    assert (s.scenario_id, s.runs) == ("japan-earthquake", 77)
    data = _json(capsys, ["scenario", "show", "nld-litho-export-stop-china", "--format", "json"])
    assert isinstance(data, dict)
    assert data["shock"][0]["to"] == ["CHN"]


def test_show_reads_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A path works wherever a built-in id does."""
    path = tmp_path / "mine.toml"
    path.write_text(VALID, encoding="utf-8")
    assert main(["scenario", "show", str(path), "--format", "csv"]) == 0
    assert "country" in capsys.readouterr().out


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
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str
) -> None:
    """Each kind of mistake exits with 2 and names the file and the field (or line)."""
    path = tmp_path / "bad.toml"
    path.write_text(VALID.replace(old, new), encoding="utf-8")
    assert main(["scenario", "show", str(path)]) == 2
    err = _flat(capsys.readouterr().err)
    assert "bad.toml" in err
    assert field in err


def test_unknown_builtin_exits_2_with_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt built-in id exits 2 and suggests the closest one."""
    assert main(["scenario", "show", "korea-conflikt"]) == 2
    assert "did you mean 'korea-conflict'?" in _flat(capsys.readouterr().err)


def test_bad_override_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An override that moves the horizon beyond the data exits 2 naming the option."""
    assert main(["scenario", "show", "taiwan-blockade-2027-6m", "--start-year", "2039"]) == 2
    assert "start_year" in _flat(capsys.readouterr().err)


def test_help_carries_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    """Every command's --help shows an example."""
    for argv in (["scenario", c, "--help"] for c in ("list", "show", "run", "compare", "sweep")):
        assert main(argv) == 0
        assert "chipshock scenario" in capsys.readouterr().out
    assert main(["capacity", "--help"]) == 0
    assert "chipshock capacity" in capsys.readouterr().out


# --- commands that run the engine -------------------------------------------------------------


@pytest.fixture(scope="session")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the shipped data."""
    pytest.importorskip("chipshock.sim.api")
    from chipshock.data.store import build_store

    path = tmp_path_factory.mktemp("store") / "chipshock.duckdb"
    build_store(path)
    return path


def test_run_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`scenario run --format json` gives KPIs per market and loss by country."""
    out = _json(
        capsys,
        [
            "scenario",
            "run",
            "taiwan-blockade-2027-6m",
            "--runs",
            "50",
            "--db",
            str(db),
            "--format",
            "json",
        ],
    )
    assert isinstance(out, dict)
    assert (out["scenario"], out["runs"], out["seed"]) == ("taiwan-blockade-2027-6m", 50, 2027)
    markets = {r["market"] for r in out["kpis"]}
    assert {"automotive", "all"} <= markets
    assert {"p5", "p50", "p95"} <= set(out["kpis"][0])
    assert out["loss_by_country"]
    assert "bands" not in out


def test_run_is_reproducible_and_accepts_overrides(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same seed gives the same numbers; overrides and --bands reach the output."""
    argv = [
        "scenario",
        "run",
        "japan-earthquake",
        "--runs",
        "30",
        "--seed",
        "5",
        "--duration-weeks",
        "13",
        "--fabs-off",
        "rapidus-iim1",
        "--db",
        str(db),
        "--format",
        "json",
    ]
    first, second = _json(capsys, argv), _json(capsys, argv)
    assert isinstance(first, dict) and isinstance(second, dict)
    assert first["kpis"] == second["kpis"]
    with_bands = _json(capsys, [*argv, "--bands"])
    assert isinstance(with_bands, dict) and with_bands["bands"]


def test_run_table_has_a_plain_english_summary(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a terminal, run prints a paragraph and readable tables."""
    assert (
        main(["scenario", "run", "taiwan-blockade-2027-6m", "--runs", "50", "--db", str(db)]) == 0
    )
    out = _flat(capsys.readouterr().out)
    assert "median" in out and "USD" in out
    assert "loss by country" in out


def test_compare_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """compare gives delta (B − A) and a headline; the alliance fabs reduce the loss."""
    out = _json(
        capsys,
        [
            "scenario",
            "compare",
            "taiwan-blockade-2027-6m-no-alliance-fabs",
            "taiwan-blockade-2027-6m",
            "--runs",
            "50",
            "--db",
            str(db),
            "--format",
            "json",
        ],
    )
    assert isinstance(out, dict)
    assert out["scenario_a"] == "taiwan-blockade-2027-6m-no-alliance-fabs"
    assert {r["market"] for r in out["a"]} == {r["market"] for r in out["b"]}
    loss = next(r for r in out["delta"] if r["market"] == "all" and r["kpi"] == "loss_usd_bn")
    assert loss["p50"] <= 0
    assert out["headline"]["runs"] == 50


def test_compare_table(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The terminal comparison explains the sign of the difference."""
    assert (
        main(
            [
                "scenario",
                "compare",
                "baseline",
                "taiwan-blockade-2027-6m",
                "--runs",
                "50",
                "--db",
                str(db),
            ]
        )
        == 0
    )
    assert "B − A" in _flat(capsys.readouterr().out)


def test_sweep_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """sweep gives one block of KPIs per value."""
    out = _json(
        capsys,
        [
            "scenario",
            "sweep",
            "taiwan-blockade-2027-6m",
            "--parameter",
            "duration_weeks",
            "--values",
            "4,13,26,52",
            "--runs",
            "50",
            "--db",
            str(db),
            "--format",
            "json",
        ],
    )
    assert isinstance(out, dict)
    assert sorted({r["value"] for r in out["rows"]}) == [4, 13, 26, 52]
    assert (
        main(
            [
                "scenario",
                "sweep",
                "taiwan-blockade-2027-6m",
                "--values",
                "4,26",
                "--runs",
                "20",
                "--db",
                str(db),
            ]
        )
        == 0
    )
    assert "duration_weeks" in _flat(capsys.readouterr().out)


def test_sweep_bad_arguments_exit_2(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown parameter or a value that is not a number exits 2 naming the option."""
    assert main(["scenario", "sweep", "baseline", "--parameter", "severity", "--db", str(db)]) == 2
    assert "--parameter" in _flat(capsys.readouterr().err)
    assert (
        main(["scenario", "sweep", "taiwan-blockade-2027-6m", "--values", "4,x", "--db", str(db)])
        == 2
    )
    assert "--values" in _flat(capsys.readouterr().err)


def test_unknown_fab_exits_2(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A fab id that the data does not know exits 2 (checked by the engine)."""
    assert (
        main(
            [
                "scenario",
                "run",
                "baseline",
                "--runs",
                "5",
                "--fabs-off",
                "no-such-fab",
                "--db",
                str(db),
            ]
        )
        == 2
    )
    assert "no-such-fab" in _flat(capsys.readouterr().err)


def test_scheduler_needs_dask(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--scheduler with the local engine is a usage mistake (exit 2)."""
    assert (
        main(
            [
                "scenario",
                "run",
                "baseline",
                "--runs",
                "5",
                "--scheduler",
                "tcp://x:1",
                "--db",
                str(db),
            ]
        )
        == 2
    )
    assert "--engine dask" in _flat(capsys.readouterr().err)


def test_capacity(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """capacity by region drops when the alliance fabs are switched off."""
    base = _json(
        capsys,
        ["capacity", "--year", "2027", "--by", "region", "--db", str(db), "--format", "json"],
    )
    off = _json(
        capsys,
        [
            "capacity",
            "--year",
            "2027",
            "--by",
            "region",
            "--fabs-off",
            "jasm-kumamoto-fab1",
            "--db",
            str(db),
            "--format",
            "json",
        ],
    )
    assert isinstance(base, list) and isinstance(off, list)
    jpn = [next(r for r in t if r["region"] == "JPN")["capacity_kwspm"] for t in (base, off)]
    assert jpn[1] < jpn[0]
    by_node = _json(
        capsys, ["capacity", "--year", "2027", "--by", "node", "--db", str(db), "--format", "json"]
    )
    assert isinstance(by_node, list) and "node_class" in by_node[0]
    assert main(["capacity", "--by", "fab", "--db", str(db)]) == 2


def test_save_stores_the_result(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--save NAME writes the result to the store."""
    store = pytest.importorskip("chipshock.sim.results_store")
    assert (
        main(
            [
                "scenario",
                "run",
                "baseline",
                "--runs",
                "5",
                "--db",
                str(db),
                "--save",
                "saved-run",
                "--format",
                "json",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert "saved-run" in store.list_results(db).to_string()
