"""Options shared by `chipshock scenario ...` commands, and the checks of their values."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer

from chipshock.cli.output import Format
from chipshock.errors import InputError, Problem
from chipshock.present.labels import Lang

__all__ = [
    "SWEEP_PARAMETERS",
    "BandsOpt",
    "DurationOpt",
    "Engine",
    "EngineOpt",
    "FabsOffOpt",
    "FabsOnOpt",
    "LangOpt",
    "RunsOpt",
    "SaveOpt",
    "ScenarioArg",
    "SchedulerOpt",
    "SeedOpt",
    "StartYearOpt",
    "check_lang",
    "engine_kwargs",
    "sweep_values",
]


class Engine(StrEnum):
    """Where the Monte Carlo runs: NumPy in this process, or a Dask cluster."""

    local = "local"
    dask = "dask"


#: what `scenario sweep --parameter` accepts (see `chipshock.sim.sweep`)
SWEEP_PARAMETERS = ("duration_weeks", "start_year", "inventory_weeks")

ScenarioArg = Annotated[
    str,
    typer.Argument(metavar="SCENARIO", help="A built-in id (see `scenario list`) or a .toml file."),
]
RunsOpt = Annotated[
    int | None, typer.Option("--runs", "-n", help="Monte Carlo runs (default: the scenario's).")
]
SeedOpt = Annotated[
    int | None, typer.Option("--seed", help="Random seed (default: the scenario's).")
]
EngineOpt = Annotated[Engine, typer.Option("--engine", help="local (NumPy) or dask (a cluster).")]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."),
]
SaveOpt = Annotated[
    str | None, typer.Option("--save", help="Store the result in the database under this name.")
]
StartYearOpt = Annotated[
    int | None,
    typer.Option(
        "--start-year", help="Move the shocks (and horizon) so the first starts this year."
    ),
]
DurationOpt = Annotated[
    float | None,
    typer.Option("--duration-weeks", help="Every shock lasts exactly this many weeks."),
]
FabsOffOpt = Annotated[
    list[str] | None,
    typer.Option("--fabs-off", help="Switch a fab off (fab_id); repeat for several."),
]
FabsOnOpt = Annotated[
    list[str] | None,
    typer.Option("--fabs-on", help="Switch a fab on (fab_id); repeat for several."),
]
LangOpt = Annotated[str, typer.Option("--lang", help="Language of the terminal answer: en or ja.")]
BandsOpt = Annotated[
    bool, typer.Option("--bands", help="Also output the weekly p5/p50/p95 bands (json/csv).")
]
SectionOpt = Annotated[
    str | None,
    typer.Option(
        "--section",
        metavar="NAME",
        help="With --format csv: write only this table, a plain CSV that pandas.read_csv "
        "reads (run: kpis, loss_by_country, value_added_by_country, "
        "value_added_by_country_market, bands with --bands, utilisation and utilisation_meta "
        "with --utilisation; compare: delta, a, b, and utilisation_a, utilisation_b, "
        "utilisation_meta_a, utilisation_meta_b with --utilisation).",
    ),
]


def check_section(section: str | None, fmt: Format, names: Sequence[str]) -> None:
    """``--section`` needs ``--format csv`` and one of the command's table ``names``; checked
    before any run, so nothing is half-written."""
    if section is None:
        return
    if fmt is not Format.csv:
        raise InputError(
            Problem(
                "--section needs --format csv",
                field="--section",
                value=section,
                expected="--format csv --section NAME",
            )
        )
    if section not in names:
        raise InputError(
            Problem("unknown section", field="--section", value=section, expected=", ".join(names))
        )


def check_lang(lang: str) -> Lang:
    """``--lang`` must be en or ja."""
    if lang not in ("en", "ja"):
        raise InputError(
            Problem("unknown language", field="--lang", value=lang, expected="en or ja")
        )
    return "en" if lang == "en" else "ja"


def engine_kwargs(engine: Engine, scheduler: str | None) -> dict[str, Any]:
    """``engine=`` and ``scheduler=`` for the engine; ``--scheduler`` needs ``--engine dask``."""
    if scheduler and engine is not Engine.dask:
        raise InputError(
            Problem(
                "--scheduler needs --engine dask",
                field="--scheduler",
                value=scheduler,
                expected="--engine dask --scheduler ADDRESS",
            )
        )
    return {"engine": engine.value, "scheduler": scheduler}


def sweep_values(parameter: str, text: str) -> list[float]:
    """The ``--values`` of a sweep of ``--parameter`` (whole years for ``start_year``)."""
    if parameter not in SWEEP_PARAMETERS:
        raise InputError(
            Problem(
                "unknown parameter",
                field="--parameter",
                value=parameter,
                expected=", ".join(SWEEP_PARAMETERS),
            )
        )
    integer = parameter == "start_year"
    out: list[float] = []
    for item in (v.strip() for v in text.split(",")):
        try:
            value = float(item)
        except ValueError:
            value = float("nan")
        if value != value or (integer and not value.is_integer()):
            raise InputError(
                Problem(
                    "not a number",
                    field="--values",
                    value=item,
                    expected="comma-separated " + ("years" if integer else "numbers"),
                )
            )
        out.append(int(value) if integer else value)
    return out
