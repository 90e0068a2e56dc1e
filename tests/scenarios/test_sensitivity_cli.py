"""`chipshock scenario sensitivity`: exit codes, parseable output and the plain-language reading."""

from __future__ import annotations

from .conftest import JsonRunner, Runner


def _flat(text: str) -> str:
    """Terminal output with Rich's line wrapping undone."""
    return " ".join(text.split())


def test_json_parses(cli_json: JsonRunner) -> None:
    """`--format json` gives the tornado rows with the run's settings."""
    data = cli_json("scenario", "sensitivity", "taiwan-blockade-2027-6m", "--runs", "4",
                    "--factor", "shock_severity", "--factor", "complementarity")  # fmt: skip
    assert isinstance(data, dict)
    assert (data["scenario"], data["kpi"], data["runs"]) == ("taiwan-blockade-2027-6m",
                                                             "loss_usd_bn", 4)  # fmt: skip
    rows = data["rows"]
    assert {r["factor"] for r in rows} == {"shock_severity", "complementarity"}
    assert abs(rows[0]["swing"]) >= abs(rows[1]["swing"])


def test_table_has_reading_and_bars(cli: Runner) -> None:
    """The terminal view starts with a plain-language reading and draws tornado bars."""
    code, out, err = cli("scenario", "sensitivity", "taiwan-blockade-2027-6m", "--runs", "4",
                         "--factor", "shock_severity", "--kpi", "output_lost_weeks")  # fmt: skip
    assert code == 0, err
    assert "depends most on shock severity" in _flat(out) and "│" in out


def test_japanese_reading(cli: Runner) -> None:
    """`--lang ja` writes the reading in Japanese."""
    code, out, _ = cli("scenario", "sensitivity", "taiwan-blockade-2027-6m", "--runs", "3",
                       "--factor", "utilisation", "--lang", "ja")  # fmt: skip
    assert code == 0 and "最も大きく左右する" in _flat(out).replace(" ", "")


def test_csv_has_header(cli: Runner) -> None:
    """`--format csv` writes one row per factor under a header."""
    code, out, _ = cli("scenario", "sensitivity", "taiwan-blockade-2027-6m", "--runs", "3",
                       "--factor", "utilisation", "--format", "csv")  # fmt: skip
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].startswith("factor,label,") and len(lines) == 2


def test_bad_names_exit_2(cli: Runner) -> None:
    """Unknown KPI, market or factor exit with status 2 and a message naming the field."""
    for option, field in (("--kpi", "kpi"), ("--market", "market"), ("--factor", "factors")):
        code, _, err = cli("scenario", "sensitivity", "taiwan-blockade-2027-6m", "--runs", "2",
                           option, "nope")  # fmt: skip
        assert code == 2 and field in err and "nope" in err


def test_fixed_duration_uses_cited_range(cli_json: JsonRunner) -> None:
    """The blockade's fixed 26 weeks is tried at the cited 4-78 week range, not at zero swing."""
    data = cli_json("scenario", "sensitivity", "taiwan-blockade-2027-6m", "--runs", "3",
                    "--factor", "shock_duration")  # fmt: skip
    assert isinstance(data, dict)
    row = data["rows"][0]
    assert (row["low_value"], row["high_value"]) == (4.0, 78.0)
    assert "taiwan_blockade_duration" in row["source"] and row["swing"] != 0
