"""Shared CLI plumbing: options, loading from the store, turning errors into exit code 2."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chipshock.cli.output import Format, err_console
from chipshock.data.curated import AllianceData
from chipshock.data.store import build_store, default_db_path, load_alliance, load_chain
from chipshock.model.chain import SupplyChain

__all__ = ["DbOption", "FormatOption", "ReleaseOption", "alliance", "chain", "ensure_store"]

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="DuckDB store (default: $CHIPSHOCK_DB or ~/.local/share/chipshock/chipshock.duckdb).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table on a terminal; json or csv for scripts.")
]
ReleaseOption = Annotated[
    str, typer.Option("--release", help="ETO release: current (Aug 2026) or v2022.")
]


def ensure_store(db: Path | None) -> Path:
    """The store path; the default store is built on first use, an explicit one must exist."""
    path = db or default_db_path()
    if not path.exists() and db is None:
        err_console.print(
            f"building the chipshock store at {path} (first use)…", style="dim", markup=False
        )
        build_store(path)
    return path


def chain(db: Path | None, release: str = "current") -> SupplyChain:
    return load_chain(ensure_store(db), release)


def alliance(db: Path | None) -> AllianceData:
    return load_alliance(ensure_store(db))
