"""`chipshock report`: one self-contained HTML page for a scenario or a comparison."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from chipshock.cli.common import DbOption, ensure_store
from chipshock.cli.output import err_console, progress
from chipshock.errors import InputError, Problem

__all__ = ["register", "report"]


def report(
    scenario: Annotated[str, typer.Argument(help="Built-in scenario id or a scenario TOML file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    compare: Annotated[
        str | None, typer.Option("--compare", help="Second scenario (id or file) to compare with.")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language: en or ja.")] = "en",
    runs: Annotated[int | None, typer.Option("--runs", help="Monte Carlo runs.", min=1)] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Random seed.", min=0)] = None,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Add 'What drives this answer?': a tornado of the key assumptions.",
        ),
    ] = False,
    sensitivity_runs: Annotated[
        int,
        typer.Option(
            "--sensitivity-runs",
            help="Runs per tornado bar (the tornado runs 2 x assumptions + 1 of them).",
            min=1,
        ),
    ] = 200,
    db: DbOption = None,
) -> None:
    """Write a one-page HTML report: summary first, charts, KPIs, assumptions and sources.

    Example: chipshock report taiwan-blockade-2027-6m
    --compare taiwan-blockade-2027-6m-no-alliance-fabs --lang ja -o report.html

    With --sensitivity the report also shows which assumptions drive the answer (for the first
    scenario), after the key figures.
    """
    from chipshock import sim
    from chipshock.report import write_report
    from chipshock.scenarios import apply_overrides, load_scenario

    if lang not in ("en", "ja"):
        raise InputError(
            Problem("unknown language", field="--lang", value=lang, expected="en or ja")
        )
    _check_writable(output)  # before minutes of simulation, not after
    path = ensure_store(db)
    data = sim.load_model_data(path)
    a = apply_overrides(load_scenario(scenario), runs=runs, seed=seed)
    n = a.runs
    with progress("simulating", total=n * (2 if compare else 1)) as bar:

        def tick(done: int, _total: int) -> None:
            bar.update(done)

        result: Any
        if compare:
            b = apply_overrides(load_scenario(compare), runs=runs, seed=seed)
            result = sim.compare(a, b, data, runs=n, seed=a.seed, progress=tick)
        else:
            result = sim.run(a, data, runs=n, seed=a.seed, progress=tick)
    drivers = None
    if sensitivity:
        from chipshock.sim.sensitivity import default_factors

        m = sensitivity_runs
        with progress("what drives it", total=m * (2 * len(default_factors()) + 1)) as bar:

            def tick2(done: int, _total: int) -> None:
                bar.update(done)

            drivers = sim.sensitivity(a, data, runs=m, seed=a.seed, progress=tick2)
    try:
        written = write_report(result, output, lang=lang, sensitivity=drivers)
    except OSError as exc:
        raise _unwritable(output, exc.strerror or str(exc)) from exc
    err_console.print(f"report written to {written} (open it in any web browser)")


def _unwritable(output: Path, why: str) -> InputError:
    return InputError(
        Problem(
            f"cannot write the report: {why}",
            field="--output",
            value=str(output),
            expected="a file path in a writable folder",
        )
    )


def _check_writable(output: Path) -> None:
    if output.is_dir():
        raise _unwritable(output, "it is a folder")
    folder = output.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise _unwritable(output, f"{folder} is not a folder")
    if not os.access(folder, os.W_OK):
        raise _unwritable(output, f"{folder} is not writable")


def register(app: typer.Typer) -> None:
    """Add `report` to the `chipshock` command."""
    app.command()(report)
