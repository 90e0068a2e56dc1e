"""`chipshock data build|info|validate`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from chipshock.cli.common import DbOption, FormatOption
from chipshock.cli.output import Format, console, emit, err_console, progress
from chipshock.data.curated import load_curated
from chipshock.data.eto import load_eto
from chipshock.data.store import DataPaths, build_store, default_db_path, default_paths, store_info
from chipshock.errors import Problem, ValidationFailed

app = typer.Typer(help="Build, inspect and validate the data store.", no_args_is_help=True)


@app.command()
def build(
    db: DbOption = None,
    eto: Annotated[Path | None, typer.Option(help="Folder of the current ETO release.")] = None,
    eto_2022: Annotated[Path | None, typer.Option(help="Folder of the 2022 ETO release.")] = None,
    curated: Annotated[Path | None, typer.Option(help="Folder of the curated CSV files.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Build the DuckDB store from the shipped data (or your own folders).

    The store is written to a temporary file and renamed, so a failed build leaves the old
    store untouched. Example: chipshock data build --db /tmp/chipshock.duckdb
    """
    base = default_paths()
    paths = DataPaths(eto or base.eto, eto_2022 or base.eto_v2022, curated or base.curated)
    steps = 5 + 2 + 4
    with progress("building store", total=steps) as bar:

        def step(msg: str) -> None:
            bar.describe(msg)
            bar.advance()

        report = build_store(db or default_db_path(), paths, progress=step)
    for note in report.notes:
        err_console.print(f"[yellow]warning:[/yellow] {note}", highlight=False)
    emit(
        report.datasets[["dataset", "file", "release", "rows", "sha256"]].assign(
            sha256=report.datasets["sha256"].str[:12]
        ),
        fmt,
        title=f"store built: {report.db_path}",
        caption=f"{len(report.warnings)} warning(s); see `chipshock data validate` for details",
    )


@app.command()
def info(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """Show what the store holds: one row per source file with release, licence and checksum.

    Example: chipshock data info --format json
    """
    path = db or default_db_path()
    table = store_info(path)
    emit(
        table.assign(sha256=table["sha256"].str[:12]) if fmt is Format.table else table,
        fmt,
        title=f"chipshock store {path}",
        columns=["dataset", "file", "release", "rows", "licence", "sha256"],
        caption="ETO data: CC BY-NC 4.0, cite the Emerging Technology Observatory (see NOTICE).",
    )


@app.command()
def validate(
    directory: Annotated[Path, typer.Argument(help="Folder to check.")],
    kind: Annotated[
        str, typer.Option(help="auto, eto, eto-v2022 or curated (auto looks at the file names).")
    ] = "auto",
    fmt: FormatOption = Format.table,
) -> None:
    """Check a folder in the ETO or curated format and report every problem found.

    Exits with 2 if there is at least one error (warnings alone exit 0).
    Example: chipshock data validate src/chipshock/data/files/eto
    """
    if not directory.is_dir():
        raise ValidationFailed(
            [Problem("not a folder", file=str(directory), expected="a folder of CSV files")]
        )
    if kind == "auto":
        kind = "eto" if (directory / "provision.csv").exists() else "curated"
        if kind == "eto" and (directory / "inputs.csv").read_bytes()[:3] == b"\xef\xbb\xbf":
            kind = "eto-v2022"
    if kind in ("eto", "eto-v2022"):
        problems = load_eto(directory, "v2022" if kind == "eto-v2022" else "current").problems
    elif kind == "curated":
        problems = load_curated(directory).problems
    else:
        raise ValidationFailed(
            [
                Problem(
                    "unknown kind",
                    field="--kind",
                    value=kind,
                    expected="auto, eto, eto-v2022 or curated",
                )
            ]
        )
    frame = pd.DataFrame(
        [
            {
                "severity": p.severity,
                "file": p.file,
                "row": p.row,
                "column": p.column,
                "problem": p.message,
                "value": p.value,
                "expected": p.expected,
            }
            for p in problems
        ],
        columns=["severity", "file", "row", "column", "problem", "value", "expected"],
    )
    errors = int((frame["severity"] == "error").sum())
    if fmt is Format.table:
        if frame.empty:
            console.print(f"[green]{directory}: no problems found ({kind})[/green]")
        else:
            emit(
                frame,
                fmt,
                title=f"{directory} ({kind}): {errors} error(s), {len(frame) - errors} warning(s)",
            )
    else:
        emit(frame, fmt)
    if errors:
        err_console.print(f"[red]{errors} error(s) in {directory}[/red]")
        raise typer.Exit(2)
