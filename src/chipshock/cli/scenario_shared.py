"""What the scenario commands share: the scenario with the command line's changes, the store's
model data, a progress bar for the engine and saving a result."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from chipshock.cli.common import ensure_store
from chipshock.cli.output import err_console, fits, progress
from chipshock.cli.scenario_view import (
    PER_MARKET_TITLES,
    VALUE_ADDED_TITLE,
    median_first,
    stacked_percentiles,
    value_added_rows,
    wide_percentiles,
)
from chipshock.errors import InputError, StoreError, ValidationFailed
from chipshock.present.messages import message
from chipshock.scenarios import Scenario, apply_overrides, load_scenario

__all__ = [
    "capacity_notes",
    "country_sections",
    "model_data",
    "per_market_table",
    "prepared_scenario",
    "progress_bar",
    "save_result",
    "store_release",
]


def prepared_scenario(
    ref: str,
    *,
    start_year: int | None = None,
    duration_weeks: float | None = None,
    fabs_off: list[str] | None = None,
    fabs_on: list[str] | None = None,
    runs: int | None = None,
    seed: int | None = None,
) -> Scenario:
    """The scenario ``ref`` (a built-in id or a TOML file) with the command line's changes."""
    scenario = load_scenario(ref)
    with option_errors():
        return apply_overrides(
            scenario,
            start_year=start_year,
            duration_weeks=duration_weeks,
            fabs_off=fabs_off or (),
            fabs_on=fabs_on or (),
            runs=runs,
            seed=seed,
        )


@contextmanager
def option_errors() -> Iterator[None]:
    """A bad command-line change of a scenario (`apply_overrides`' problems, ``file`` "overrides":
    ``runs``, ``start_year``, ``fabs_on`` ..., found when the overrides are applied or when the
    run builds its network) as one line naming the option the user typed (``--runs``), not
    "overrides" (review 16 #13)."""
    try:
        yield
    except InputError as exc:
        problems = exc.problems if isinstance(exc, ValidationFailed) else (exc.problem,)
        if not problems or not all(p.file == "overrides" for p in problems):
            raise
        named = [
            replace(p, file=None, field=f"--{(p.field or '').replace('_', '-')}") for p in problems
        ]
        raise InputError(named[0] if len(named) == 1 else "; ".join(map(str, named))) from None


def model_data(db: Path | None) -> Any:
    """The engine's tables from the store (``--db`` or the default)."""
    from chipshock.sim import load_model_data

    return load_model_data(ensure_store(db))


def store_release(db: Path | None) -> Any:
    """The curated data release of the store (``--db`` or the default), as `chipshock data
    info` shows it (a `chipshock.analysis.registry.DataRelease`)."""
    from chipshock.analysis.registry import DataRelease
    from chipshock.data.store import load_table

    return DataRelease.from_meta(load_table(ensure_store(db), "meta"))


@contextmanager
def progress_bar(label: str, total: int) -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar on stderr, as the engine's ``progress(done, total)`` callback."""
    with progress(label, total=total) as bar:

        def update(done: int, total_runs: int) -> None:
            bar.update(done * total / max(total_runs, 1))

        yield update


def save_result(db: Path | None, result: Any, name: str | None, data: Any) -> None:
    """Save ``result`` in the store under ``name`` (nothing without a name: no ``--save``),
    with the notes its utilisation table carries on the run's surfaces (`saved_notes`)."""
    if not name:
        return
    try:  # imported by name: the results store is optional in the engine
        store = importlib.import_module("chipshock.sim.run.store")
    except ImportError as exc:
        raise StoreError("saving results needs chipshock.sim.run.store") from exc
    path = ensure_store(db)
    store.save_result(path, result, name, saved_notes(result, data))
    err_console.print(f"saved result {name!r} in {path}", style="dim", markup=False)


def saved_notes(result: Any, data: Any) -> dict[str, str]:
    """The notes a saved result keeps (`chipshock.sim.run.store.SAVED_NOTES`): the operators
    exempt from an input a shock of the run reaches, as `scenario run --utilisation` words them
    (`exemption_note` of `reached_requirements`), in English and Japanese."""
    from chipshock.present.utilisation import (
        exemption_names,
        exemption_note,
        reached_requirements,
    )

    reached = reached_requirements(data.node_requirements, result.assumptions)
    return {
        "exemption_note": exemption_note(
            reached, "en", exemption_names(data.fabs, data.raw_materials)
        ),
        "exemption_note_ja": exemption_note(
            reached, "ja", exemption_names(data.fabs, data.raw_materials, "ja")
        ),
    }


def capacity_notes(
    notes: dict[str, str], *, echo: bool = True, lang: str = "en"
) -> dict[str, list[str]]:
    """The JSON meta's ``warnings`` / ``warnings_ja`` (the API's names) of a run whose horizon
    passes the capacity data's years (``notes``: the text per language,
    `chipshock.present.coverage_notes.run_capacity_note`; empty lists without one), printed on
    stderr first, in ``lang``, as `chipshock capacity --year` prints its warning (``echo``)."""
    en, ja = notes.get("en", ""), notes.get("ja", "")
    shown = ja if lang == "ja" else en
    if echo and shown:
        err_console.print(f"warning: {shown}", style="yellow", highlight=False, markup=False)
    return {"warnings": [en] if en else [], "warnings_ja": [ja] if ja else []}


def per_market_table(kpis: Any) -> tuple[str, Any]:
    """The terminal's per-market table of a result's KPIs, with its title: one column per KPI
    (`wide_percentiles`) where that fits the terminal, else stacked by market with p5, p50 and
    p95 in columns (`stacked_percentiles`: the same cells). Both keep lead time, inventory
    cover, chips in USD and the end backlog per market (review 14 #3); on a terminal where
    only the wide table without them fits, that one, its title saying what it leaves out."""
    full = wide_percentiles(kpis, full=True)
    if fits(full):
        return PER_MARKET_TITLES[0], full
    wide = wide_percentiles(kpis)
    if fits(wide):
        return f"{PER_MARKET_TITLES[0]}. {message('cli.left_out_here', 'en')}", wide
    # stacked keeps them all: at 80 columns the longest label wraps in its cell
    return PER_MARKET_TITLES[1], stacked_percentiles(kpis, full=True)


def country_sections(losses: Any, value_added: Any) -> dict[str, Any]:
    """The terminal's by-country tables of a run (``losses``: its ``loss_by_country``, the
    countries with a loss in some run; ``value_added``: its ``value_added_by_country``), as
    `scenario run` and `results show` print them."""
    return {
        "loss by country, USD bn": median_first(
            losses[losses["p95"] > 0] if "p95" in losses else losses
        ),
        VALUE_ADDED_TITLE: value_added_rows(value_added),
    }
