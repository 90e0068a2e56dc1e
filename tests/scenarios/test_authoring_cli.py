"""`chipshock scenario run FILE` on the authoring mistakes of review 2, finding 9: an input
named as `chipshock trace` names it runs; a wrong input or fab override exits 2 with one
message that names the file, the field and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Runner

HEAD = """
[scenario]
id = "my-korea"
start_year = 2026
end_year = 2028
runs = 5

[[shock]]
kind = "country"
targets = ["KOR"]
start = "2027-03"
duration_weeks = 8
"""

CURB = """
[[shock]]
kind = "export_control"
targets = ["JPN"]
to = ["KOR"]
inputs = [{inputs}]
start = "2027-01"
duration_weeks = 10
"""

OVERRIDE = """
[[fab_override]]
fab = "{fab}"
capacity_wspm = 6000
{extra}
"""


def _run(tmp_path: Path, cli: Runner, text: str) -> tuple[int, str, str]:
    path = tmp_path / "c4.toml"
    path.write_text(HEAD + text, encoding="utf-8")
    code, out, err = cli("scenario", "run", str(path), "--runs", "5")
    return code, out, " ".join(err.split())


@pytest.mark.parametrize("inputs", ['"Photoresists"', '"photoresists", "euv lithography tools"'])
def test_export_control_inputs_by_name_run(tmp_path: Path, cli: Runner, inputs: str) -> None:
    """Input names (any case) are accepted where ids are."""
    code, _, err = _run(tmp_path, cli, CURB.format(inputs=inputs))
    assert code == 0, err


def test_a_misspelt_input_is_answered_with_its_id_and_name(tmp_path: Path, cli: Runner) -> None:
    """'photoresist' exits 2 naming the file and suggesting 'N31 Photoresists'."""
    code, _, err = _run(tmp_path, cli, CURB.format(inputs='"photoresist"'))
    assert code == 2
    assert "c4.toml, shock[1].inputs: unknown input (got 'photoresist'" in err
    assert "did you mean N31 Photoresists?" in err


@pytest.mark.parametrize(
    ("fab", "extra", "said"),
    [
        (
            "rapidus-iim1",
            'node_class = "n10_22"',
            "fab_override[0].node_class: rapidus-iim1 has capacity rows in lt10 only (got 'n10_22'",
        ),
        ("rapidus-iim2", "", "fab_override[0].fab: unknown fab (got 'rapidus-iim2'"),
    ],
)
def test_a_wrong_override_names_the_file_and_the_problem(
    tmp_path: Path, cli: Runner, fab: str, extra: str, said: str
) -> None:
    """A class the fab lacks is named as such (not a missing start year), an unknown fab with
    the closest id; both in the file."""
    code, _, err = _run(tmp_path, cli, OVERRIDE.format(fab=fab, extra=extra))
    assert code == 2
    assert f"c4.toml, {said}" in err
    assert "start_year" not in err
