"""Fixtures for the scenario tests: one store built once, and runners of `chipshock ARGS`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from chipshock.cli.main import main

#: a ``[[shock]]`` table both the parser and the CLI tests start from
BLOCKADE_SHOCK = """
[[shock]]
kind = "country"
targets = ["TWN"]
start = "2027-01"
duration_weeks = { dist = "triangular", low = 4, mode = 26, high = 78 }
severity = 0.9
"""

#: ``cli(*args, db=True)`` runs `chipshock ARGS [--db STORE]`: (exit code, stdout, stderr)
Runner = Callable[..., tuple[int, str, str]]
#: ``cli_json(*args, db=True)`` runs `chipshock ARGS [--db STORE] --format json`, expects
#: exit code 0 and returns the parsed JSON
JsonRunner = Callable[..., object]


@pytest.fixture(scope="session")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the shipped data (the engine tests skip without the engine)."""
    pytest.importorskip("chipshock.sim.run.api")
    from chipshock.data.store import build_store

    path = tmp_path_factory.mktemp("store") / "chipshock.duckdb"
    build_store(path)
    return path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest) -> Runner:
    """Run `chipshock ARGS` in-process, with ``--db STORE`` unless ``db=False``."""

    def run(*args: str, db: bool = True) -> tuple[int, str, str]:
        argv = [*args, "--db", str(request.getfixturevalue("db"))] if db else list(args)
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def cli_json(cli: Runner) -> JsonRunner:
    """Run `chipshock ARGS --format json`; the command must succeed."""

    def run(*args: str, db: bool = True) -> object:
        code, out, err = cli(*args, "--format", "json", db=db)
        assert code == 0, err
        return json.loads(out)

    return run
