"""`scenario run|compare --lang ja`: a bad scenario file and an unknown id are reported in
Japanese (as `scenario validate --lang ja` reports them), exit 2; English unchanged."""

from __future__ import annotations

from pathlib import Path

from .conftest import Runner

BAD = '[scenario]\ntitle = "bad"\nruns = "many"\n'


def test_run_reports_a_bad_file_in_japanese(cli: Runner, tmp_path: Path) -> None:
    """The file's problem on the run's error line in Japanese: where, what, the value given."""
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD, encoding="utf-8")
    code, out, err = cli("scenario", "run", str(bad), "--lang", "ja")
    assert code == 2 and out == ""
    assert err.startswith("error: chipshock scenario run: ")
    assert "scenario.runs：値の型が違います（入力値：many、指定できる値：整数）" in err
    code, _, english = cli("scenario", "run", str(bad))
    assert code == 2 and "scenario.runs" in english and "値" not in english


def test_run_and_compare_report_an_unknown_id_in_japanese(cli: Runner) -> None:
    """An unknown built-in id, alone (run) and as one side (compare), in Japanese."""
    code, _, err = cli("scenario", "run", "no-such-id", "--lang", "ja")
    assert (
        code == 2
        and "error: chipshock scenario run: SCENARIO："
        "該当するシナリオファイルも組み込みシナリオもありません"
        in err
    )
    assert "入力値：no-such-id" in err and "no such scenario" not in err
    code, _, err = cli("scenario", "compare", "no-such-id", "baseline", "--lang", "ja")
    assert code == 2 and err.startswith("error: chipshock scenario compare: ")
    assert "A：該当するシナリオファイルも組み込みシナリオもありません（入力値：no-such-id" in err


def test_report_sweep_and_sensitivity_report_a_bad_file_in_japanese(
    cli: Runner, tmp_path: Path
) -> None:
    """`report`, `scenario sweep` and `scenario sensitivity` with --lang ja: the file's problem
    in Japanese on their own error line (they checked the file in English: session 30)."""
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD, encoding="utf-8")
    for args, command in (
        (("report", str(bad), "-o", str(tmp_path / "r.html")), "report"),
        (
            ("scenario", "sweep", str(bad), "-p", "duration_weeks", "--values", "4,8"),
            "scenario sweep",
        ),
        (("scenario", "sensitivity", str(bad)), "scenario sensitivity"),
    ):
        code, _, err = cli(*args, "--lang", "ja")
        assert code == 2 and err.startswith(f"error: chipshock {command}: "), (command, err)
        assert "scenario.runs：値の型が違います（入力値：many、指定できる値：整数）" in err
    assert not (tmp_path / "r.html").exists()
