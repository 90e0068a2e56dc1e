"""An unknown fab id given to an option (`--fab`, `--fabs-off`, `--fabs-on`) with `--lang ja`:
the error line in Japanese (what is wrong, the value, the closest ids, what is expected), as
README promises for an unknown id; in English it is as before."""

from __future__ import annotations

import re

import pytest

from .conftest import Runner

FLAGSHIP = "taiwan-blockade-2027-6m"


@pytest.mark.parametrize(
    ("args", "command", "option"),
    [
        (
            ("scenario", "contributions", FLAGSHIP, "--fab", "rapidus-iim2"),
            "scenario contributions",
            "--fab",
        ),
        (("scenario", "run", FLAGSHIP, "--fabs-off", "rapidus-iim2"), "scenario run", "--fabs-off"),
        (
            ("scenario", "compare", FLAGSHIP, "--fabs-on", "rapidus-iim2"),
            "scenario compare",
            "--fabs-on",
        ),
        (("capacity", "--year", "2027", "--fabs-off", "rapidus-iim2"), "capacity", "--fabs-off"),
        (("sourcing", "--fabs-off", "rapidus-iim2"), "sourcing", "--fabs-off"),
    ],
)
def test_unknown_fab_in_japanese(
    cli: Runner, args: tuple[str, ...], command: str, option: str
) -> None:
    """The line names the option, says no such fab, gives the value, the closest id and
    where the ids are listed, all in Japanese."""
    code, out, err = cli(*args, "--lang", "ja")
    assert code == 2 and out == ""
    assert err.startswith(f"error: chipshock {command}: {option}：該当する工場がありません（")
    assert "入力値：rapidus-iim2" in err and "候補：rapidus-iim1" in err
    assert re.search(r"`chipshock fabs` の `fab_id`（全\d+件）", err), err
    assert "unknown fab" not in err and "（英語）" not in err


def test_unknown_fab_in_english_is_unchanged(cli: Runner) -> None:
    """Without --lang the line is the English one."""
    code, _, err = cli("scenario", "run", FLAGSHIP, "--fabs-off", "rapidus-iim2")
    assert code == 2 and "--fabs-off: unknown fab (got 'rapidus-iim2'" in err
    assert "did you mean rapidus-iim1?" in err
