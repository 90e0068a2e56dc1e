"""A shock that hits nothing is a scenario error at the terminal (issue 7): an export control
of an input no simulated chip class needs exits 2, naming the file, the shock's field, the input
and the inputs that are used."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Runner

CURB = """\
[scenario]
id = "ion-implant-curb"
title = "Curb on ion implanters"
start_year = 2026
end_year = 2028
runs = 4

[[shock]]
kind = "export_control"
targets = ["USA"]
to = ["CHN"]
inputs = ["Ion implantation"]
start = "2027-01"
duration_weeks = 26
severity = 1
"""


def test_an_export_control_of_an_unused_input_exits_2(cli: Runner, tmp_path: Path) -> None:
    """``inputs = ["Ion implantation"]`` (the ETO group N16; the model's classes need the
    implanters N17) is refused with the inputs that are used, before anything runs."""
    path = tmp_path / "curb.toml"
    path.write_text(CURB, encoding="utf-8")
    code, out, err = cli("scenario", "run", str(path), "--runs", "4")
    assert code == 2 and out == ""
    assert f"{path}, shock[0].inputs: no chip class the model simulates needs this input " in err
    assert "(N16 Ion implantation)" in err and "got 'Ion implantation'" in err
    assert "N17 Ion implanters" in err
