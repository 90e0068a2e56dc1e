"""Fixtures for CLI tests: the shared store, and a runner returning (exit code, out, err)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from chipshock.cli.main import main

Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="session")
def store_path(built_store: Path) -> Path:
    """The session's shared read-only store (`built_store`)."""
    return built_store


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], store_path: Path) -> Runner:
    """Run `chipshock ARGS --db STORE` in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str, db: bool = True) -> tuple[int, str, str]:
        argv = [*args, "--db", str(store_path)] if db else list(args)
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return run
