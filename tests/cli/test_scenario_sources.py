"""`scenario run` and `scenario compare` print a source and as-of line under their tables (the
README: every table carries its source and as-of), the same line, also in JSON."""

from __future__ import annotations

import json

import pytest

from chipshock.data.release import DATA_RELEASE_DATE

from .conftest import Runner

RUN = ("scenario", "run", "taiwan-blockade-2027-6m", "--runs", "4")
COMPARE = (
    "scenario",
    "compare",
    "taiwan-blockade-2027-6m-no-alliance-fabs",
    "taiwan-blockade-2027-6m",
    "--runs",
    "4",
)


@pytest.mark.parametrize("args", [RUN, COMPARE], ids=["run", "compare"])
def test_engine_tables_carry_source_and_as_of(cli: Runner, args: tuple[str, ...]) -> None:
    """The main table's caption names the source and the data release's as-of date."""
    code, out, err = cli(*args)
    assert code == 0, err
    flat = " ".join(out.split())
    assert "Source: chipshock scenario engine" in flat
    assert f"as of {DATA_RELEASE_DATE}" in flat
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    assert DATA_RELEASE_DATE in json.loads(out)["source"]
