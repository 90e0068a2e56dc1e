"""`chipshock scenario run --lang ja` on a terminal: heading, summary paragraph, tables and
captions in Japanese.

Words come from the message catalogue (`chipshock.present.messages`: ``cli.*`` for the terminal's
titles, column names and captions, ``market.*`` and ``country.*`` for names), numbers from the
shared formatter with ``lang="ja"`` (億ドル, 兆ドル). The tables hold the cells of the English
ones (`chipshock.cli.scenario_view`): one column per KPI where that fits the terminal, else
stacked by market with p5, p50 and p95 in columns; the KPIs and their order are
`scenario_view.KPI_LABELS` less `scenario_view.REPEATS`.

The paragraph is wrapped here rather than by the terminal, which breaks Japanese between any two
characters, numbers included ("9割の未来で5 / 4%〜80%"). `wrap_japanese` breaks between
characters too, but never inside a number with its unit (``2,245億ドル``, ``54%〜78%``,
``9割``) or an ASCII word, never before closing punctuation (、。）) and never after opening
punctuation (（「).

`scenario compare`, `sweep` and `sensitivity` with ``--lang ja`` use these helpers too
(`scenario_compare_ja`, `scenario_sweep_ja`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from rich.text import Text

from chipshock.analysis.registry import DataRelease
from chipshock.cli.japanese_atoms import wrap_japanese
from chipshock.cli.output import Format, console, emit, fits
from chipshock.cli.scenario_utilisation_view import (
    CAPACITY_AS_OF_COLUMN,
    utilisation_later_table,
    utilisation_table,
)
from chipshock.cli.scenario_view import (
    median_first,
    no_country_loss,
    ordered_kpis,
    percentile_band,
    swept_value,
    value_added_rows,
)
from chipshock.cli.table_cells import heading_cell
from chipshock.present.coverage_notes import country_shock_scope
from chipshock.present.labels import (
    country_label,
    fab_names,
    market_label,
    node_label,
    operator_names,
)
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_int, kpi_cell
from chipshock.present.provenance import engine_source, package_release, row_dating
from chipshock.present.scenario_settings import run_settings
from chipshock.present.shock_reach import shock_reach_lines
from chipshock.present.sourcing_lines import result_sourcing_lines
from chipshock.present.summary import summary_text
from chipshock.present.summary_figures import scenario_title
from chipshock.present.summary_sweep import SWEPT
from chipshock.present.utilisation import (
    class_utilisation_line,
    counted_as_name,
    exemption_names,
    exemption_note,
    producer_names,
    reached_requirements,
    shock_year,
    shock_year_rows,
)

__all__ = [
    "kpi_name_ja",
    "loss_by_country_ja",
    "per_market_ja",
    "print_countries_ja",
    "print_per_market_ja",
    "print_run_ja",
    "print_utilisation_ja",
    "print_wrapped",
    "stacked_percentiles_ja",
    "swept_name_ja",
    "utilisation_sections_ja",
    "wide_percentiles_ja",
    "wrap_japanese",
]

# --- tables -----------------------------------------------------------------------------------


def kpi_name_ja(kpi: Any) -> str:
    """The terminal's name of ``kpi`` in Japanese (``cli.kpi.*``)."""
    return message(f"cli.kpi.{kpi}", "ja")


def swept_name_ja(parameter: str) -> str:
    """The Japanese name of a swept parameter (`chipshock.present.summary_sweep.SWEPT`, the
    words of the sweep's sentence)."""
    return SWEPT.get(parameter, (parameter, parameter))[1]


def _row_name(row: Any, parameter: str) -> str:
    """A row's name: its market's, or with ``parameter`` (a sweep) the swept value."""
    if parameter:
        return swept_value(parameter, float(row["value"]), "ja")
    return market_label(str(row["market"]), "ja")


def wide_percentiles_ja(
    kpis: pd.DataFrame, parameter: str = "", *, full: bool = False
) -> pd.DataFrame:
    """One row per market (its Japanese name), one column per KPI, cells ``p5 · p50 · p95``
    (`scenario_view.percentile_band` in Japanese: dollars in 億ドル/兆ドル). With
    ``parameter`` (a sweep's table, one market) one row per swept value instead, written by
    `scenario_view.swept_value` under the parameter's Japanese name."""
    rows: dict[str, dict[str, str]] = {}
    first = swept_name_ja(parameter) if parameter else message("cli.col_market", "ja")
    for _, r in ordered_kpis(kpis, full=full).iterrows():
        name = _row_name(r, parameter)
        rows.setdefault(name, {first: name})[kpi_name_ja(r["kpi"])] = percentile_band(r, "ja")
    return pd.DataFrame(list(rows.values()))


def stacked_percentiles_ja(
    kpis: pd.DataFrame, parameter: str = "", *, full: bool = False
) -> pd.DataFrame:
    """`wide_percentiles_ja` for a narrow terminal: per market (or swept value) a heading row,
    then one row per KPI with ``p5``, ``p50`` and ``p95`` in columns of their own."""
    index = message("cli.sweep_indicator" if parameter else "cli.market_indicator", "ja")
    blocks: dict[str, list[dict[str, str]]] = {}
    for _, r in ordered_kpis(kpis, full=full).iterrows():
        kpi = str(r["kpi"])
        name = _row_name(r, parameter)
        if parameter:
            name = message("cli.sweep_value", "ja", name=swept_name_ja(parameter), value=name)
        blocks.setdefault(name, []).append(
            {index: kpi_name_ja(kpi)} | {p: kpi_cell(r, p, "ja") for p in ("p5", "p50", "p95")}
        )
    rows: list[Mapping[str, str | Text]] = []  # a heading_cell above each block
    for name, block in blocks.items():
        rows.append({index: heading_cell(name), "p5": "", "p50": "", "p95": ""})
        rows += block
    return pd.DataFrame(rows, columns=[index, "p5", "p50", "p95"])


def per_market_ja(kpis: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The per-market table and its title, as `scenario_shared.per_market_table` chooses in
    English: wide where it fits the terminal, else stacked with every KPI (at 80 columns a
    long Japanese label wraps in its cell, two columns a character, as an English one does)."""
    full = wide_percentiles_ja(kpis, full=True)  # with lead time and stocks (review 14 #3)
    if fits(full):
        return message("cli.per_market_wide", "ja"), full
    wide = wide_percentiles_ja(kpis)
    if fits(wide):  # says what it leaves out, and how to see it
        return message("cli.per_market_wide", "ja") + "。" + message(
            "cli.left_out_here", "ja"
        ), wide
    return message("cli.per_market_stacked", "ja"), stacked_percentiles_ja(kpis, full=True)


def loss_by_country_ja(losses: pd.DataFrame) -> pd.DataFrame:
    """Output at risk by country (USD bn), the countries that lose anything, by name."""
    return countries_ja(median_first(losses[losses["p95"] > 0] if "p95" in losses else losses))


def countries_ja(shown: pd.DataFrame) -> pd.DataFrame:
    """A by-country table with the countries' Japanese names and Japanese column names."""
    named = shown.assign(country=[country_label(str(c), "ja") for c in shown["country"]])
    names = {"country": message("cli.col_country", "ja"), "mean": message("cli.col_mean", "ja")}
    return named.rename(columns=names)


def _japanese_columns(
    table: pd.DataFrame, rows: pd.DataFrame, year: Any, operators: Mapping[str, str]
) -> pd.DataFrame:
    """A utilisation table of `scenario_view` (made of the summary's ``rows``, in their order)
    with Japanese column names, regions, node classes and names of the "other fabs" (the
    numbers and the fabs' own names as they are)."""
    names = {
        "producer": message("report.util_col_producer", "ja"),
        "region": message("report.util_col_region", "ja"),
        "class": message("report.util_col_node", "ja"),
        f"kwspm {year}": message("cli.util_col_kwspm", "ja", year=year),
        "normal %": message("cli.util_col_normal", "ja"),
        "shock %": message("cli.util_col_shock", "ja"),
        "p5 – p95": message("cli.util_col_range", "ja"),
        "change pp": message("cli.util_col_change", "ja"),
        "kwspm (year)": message("cli.util_col_kwspm_then", "ja"),
        "runs": message("cli.util_col_runs", "ja"),
        CAPACITY_AS_OF_COLUMN: message("cli.util_col_as_of", "ja"),
    }
    producers = [
        message(
            "report.util_other",
            "ja",
            region=country_label(str(r.region), "ja"),
            node=node_label(str(r.node_class), "ja"),
        )
        + (  # a remainder remainder_operators.csv counts as an operator's says so
            f"（{counted_as_name(r.operator, operators)}の分として計上）"
            if counted_as_name(r.operator, operators)
            else ""
        )
        if r.kind == "other fabs"
        else name
        for r, name in zip(rows.itertuples(), table["producer"], strict=True)
    ]
    if CAPACITY_AS_OF_COLUMN in table:  # the date, an old one with its age, in Japanese
        table = table.assign(
            **{CAPACITY_AS_OF_COLUMN: [str(v) for v in rows["capacity_as_of_label_ja"]]}
        )
    named = table.assign(
        producer=producers,
        region=[country_label(str(r), "ja") for r in table["region"]],
        **{"class": [node_label(str(c), "ja") for c in table["class"]]},
    )
    return named.rename(columns=names)


def utilisation_sections_ja(
    summary: pd.DataFrame, operators: Mapping[str, str] | None = None
) -> dict[str, tuple[pd.DataFrame, str]]:
    """`scenario_utilisation_view.utilisation_sections` in Japanese, each table with its
    caption: the producers of the shock year and, apart, the fabs measured in a later year; a
    remainder counted as an operator's names it by ``operators`` (operator_id -> Japanese name,
    `chipshock.present.labels.operator_names`)."""
    operators = operators or {}
    year = shock_year(summary)
    if year is None:
        return {}
    rows, later = shock_year_rows(summary)
    sections = {
        message("report.util_title", "ja"): (
            _japanese_columns(utilisation_table(summary), rows, year, operators),
            message("cli.util_caption", "ja", year=year),
        )
    }
    if not later.empty:
        runs = int(rows["shock_runs"].max()) if not rows.empty else 0
        sections[message("report.util_later_title", "ja", year=year)] = (
            _japanese_columns(utilisation_later_table(summary), later, year, operators),
            message("report.util_later_note", "ja", n=len(later), year=year, runs=f"{runs:,}"),
        )
    return sections


# --- the whole answer -------------------------------------------------------------------------


def _group_lines(scenario: Any, data: Any) -> list[str]:
    """What each group code of the scenario's shocks became, in Japanese."""
    from chipshock.sim.prepare import expand_shock_groups

    _, found = expand_shock_groups(scenario, data)
    lines = []
    for e in found:
        line = message(
            "cli.group_expansion", "ja", field=e.field, code=e.code, members=" ".join(e.members)
        )
        if e.without_data:
            line += message("cli.group_without_data", "ja", codes=" ".join(e.without_data))
        lines.append(line)
    return lines


def print_run_ja(
    scenario: Any,
    result: Any,
    data: Any,
    *,
    utilisation: bool = False,
    producers: pd.DataFrame | None = None,
    ages: Mapping[str, Any] | None = None,
) -> None:
    """Print `scenario run`'s terminal answer in Japanese: heading, the summary paragraph
    wrapped to the terminal (`wrap_japanese`), the groups expanded, the scenario's own
    [[sourcing]] lines (`result_sourcing_lines`, as `scenario compare` prints each side's)
    and its settings, the per-market table and
    the losses by country with their captions; with ``utilisation`` the producers' tables
    (`utilisation_sections_ja`) of ``producers`` (the result's table with the age of each
    capacity figure, `chipshock.present.utilisation.capacity_age_meta`, whose ``ages`` give
    the note on old figures; the result's own table without them)."""
    heading = message(
        "cli.run_heading",
        "ja",
        title=scenario_title(result, "ja"),
        id=scenario.scenario_id,
        runs=fmt_int(scenario.runs, "ja"),
        seed=scenario.seed,
    )
    print_wrapped(heading, "bold")
    print_wrapped(summary_text(result, "ja"))
    description = scenario.description_ja or scenario.description
    if description:  # what the model captures and leaves out, as the report says it
        print_wrapped(description, "dim")
    for line in _group_lines(scenario, data):
        print_wrapped(line, "dim")
    for line in result_sourcing_lines(result, "ja", data.fabs):  # JSON's "sourcing_ja"
        print_wrapped(message("cli.sourcing_run", "ja", line=line))
    for line in shock_reach_lines(result.shock_reach, "ja"):  # JSON's "shock_reach_text"
        print_wrapped(line, "dim")
    for line in run_settings(scenario, data, "ja"):
        print_wrapped(line)
    print_per_market_ja(result.kpis, package_release())
    print_countries_ja(
        result.loss_by_country,
        result.value_added_by_country,
        country_shock_scope([scenario], "ja"),
        row_dating(data.market_country_output, "ja"),
    )
    if utilisation:
        print_utilisation_ja(result, data, producers, ages)


def print_per_market_ja(kpis: pd.DataFrame, release: DataRelease) -> None:
    """The per-market table of ``kpis`` (`per_market_ja`) and its caption, with the source
    line of the engine over ``release``."""
    source = message("cli.source", "ja", source=engine_source(release, "ja"))
    title, per_market = per_market_ja(kpis)
    emit(per_market, Format.table, title=title, lang="ja")
    print_wrapped(
        message("cli.per_market_caption", "ja") + message("kpi.censored_note", "ja") + source
    )


def print_countries_ja(
    losses: pd.DataFrame, value_added: pd.DataFrame, scope: str = "", dating: str = ""
) -> None:
    """The losses (`loss_by_country_ja`) and value added (`countries_ja`) by country, each
    with its caption; ``scope``: what the scenario's country shocks cover, after the losses';
    ``dating``: the as-of and confidence of market_country_output.csv (`row_dating`)."""
    emit(loss_by_country_ja(losses), Format.table, message("cli.loss_by_country", "ja"), lang="ja")
    print_wrapped(
        no_country_loss(losses, "ja")
        + message("cli.loss_by_country_caption", "ja")
        + dating
        + message("cli.median_first", "ja")
        + scope
    )
    emit(
        countries_ja(value_added_rows(value_added)),
        Format.table,
        message("cli.value_added_by_country", "ja"),
        lang="ja",
    )
    print_wrapped(
        message("cli.value_added_caption", "ja")
        + message("report.va_geography", "ja")
        + message("cli.median_first", "ja")
    )


def print_utilisation_ja(
    result: Any,
    data: Any,
    producers: pd.DataFrame | None = None,
    ages: Mapping[str, Any] | None = None,
    side: str = "",
) -> None:
    """Print the producers' utilisation tables of ``result`` in Japanese
    (`utilisation_sections_ja`) of ``producers`` (the result's table with the age of each
    capacity figure, `chipshock.present.utilisation.capacity_age_meta`, whose ``ages`` give
    the note on old figures; the result's own table without them), each with its caption;
    ``side``: the name of a comparison's side, before each title (`scenario compare
    --utilisation --lang ja`)."""
    table: Any = result.utilisation if producers is None else producers
    # its fabs by their Japanese names (fab_names_ja.csv)
    if table is not None and not table.empty:
        names = fab_names(data.fabs, "ja")
        table = table.assign(name=producer_names(table["producer_id"], table["name"], names))
    for k, (name, (frame, caption)) in enumerate(
        utilisation_sections_ja(table, operator_names(data.fabs, "ja")).items()
    ):
        title = message("cli.util_side_title", "ja", side=side, title=name) if side else name
        emit(frame, Format.table, title=title, lang="ja")
        reached = reached_requirements(data.node_requirements, result.assumptions)
        exempt = exemption_names(data.fabs, data.raw_materials, "ja")
        note = exemption_note(reached, "ja", exempt) if k == 0 else ""
        if k == 0:  # each class's normal utilisation in the shock year (as the English)
            year = shock_year(result.utilisation)
            note = class_utilisation_line(result.assumptions, year, "ja") + note
            note += (ages or {}).get("capacity_age_note_ja") or ""
        print_wrapped(caption + note)


def print_wrapped(text: str, style: str = "") -> None:
    """Japanese text wrapped by `wrap_japanese` to the terminal (so that the terminal has
    nothing left to break), printed as it is (no markup), in ``style``."""
    wrapped = wrap_japanese(text, console.width)
    console.print(wrapped, style=style or None, markup=False, highlight=False, crop=False)
