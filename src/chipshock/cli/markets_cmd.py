"""`chipshock markets`: each end market's chip demand by year, as a run uses it."""

from __future__ import annotations

from typing import Annotated

import typer

from chipshock.cli.common import DbOption, FormatOption
from chipshock.cli.demo_scenarios import FLAGSHIP
from chipshock.cli.output import Format, emit
from chipshock.cli.scenario_options import LangOpt, check_lang
from chipshock.cli.scenario_shared import model_data
from chipshock.present.demand_basis import with_basis_text
from chipshock.present.labels import confidence_label
from chipshock.present.messages import message
from chipshock.present.numbers import fmt_cell_number
from chipshock.scenarios import check_model_year, load_scenario

__all__ = ["DEFAULT_SCENARIO", "markets"]

#: the scenario whose horizon and priorities `markets` uses when not given one: the flagship
DEFAULT_SCENARIO = FLAGSHIP[1]

#: the terminal table's columns (json and csv carry every column of `market_demand_rows`)
_COLUMNS = [
    "market",
    "year",
    "demand",
    "basis_text",
    "value_multiplier",
    "priority",
    "as_of",
    "confidence",
    "source_url",
]


def markets(
    year: Annotated[
        list[int] | None,
        typer.Option(
            "--year",
            "-y",
            help="A year (repeat for several; default: every year of the scenario's horizon).",
        ),
    ] = None,
    market: Annotated[
        list[str] | None,
        typer.Option("--market", "-m", help="A market id (end_markets.csv); repeat for several."),
    ] = None,
    scenario: Annotated[
        str,
        typer.Option(
            "--scenario",
            "-s",
            help="The scenario (built-in id or TOML file) whose horizon gives the default years "
            "and whose [priorities] give the priority weights.",
        ),
    ] = DEFAULT_SCENARIO,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """Each end market's chip demand D[m, y] in USD bn a year, as a run uses it.

    From market_demand_path.csv where it has rows for the market (geometric between them, the
    market's growth after the last), else end_markets.csv's level and growth: the function the
    engine calls (chipshock.sim.demand.markets.market_demand_usd_bn). With each value: where it
    comes from, the value multiplier (output value per USD of chips), the priority weight, and
    the source and as_of of the rows behind it.

    --lang ja writes the terminal table in Japanese (market names, the basis in words,
    headers, title and caption), with the same numbers; json and csv carry both languages
    (name_en, name_ja; basis_text, basis_text_ja).

    Example: chipshock markets --year 2027
    """
    from chipshock.sim.demand.markets import market_demand_rows

    for y in year or ():
        check_model_year(y, "--year")
    chosen = load_scenario(scenario)
    years = sorted(set(year)) if year else list(range(chosen.start_year, chosen.end_year + 1))
    data = model_data(db)
    language = check_lang(lang)
    table = with_basis_text(  # the basis in words (basis_text, basis_text_ja) beside its terms
        market_demand_rows(data, years, market or None, chosen.priorities, field="--market")
    )
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    # in Japanese the scenario by its Japanese title, its id (what --scenario takes) after it
    named = chosen.scenario_id
    if language == "ja":
        named = f"「{chosen.title_ja}」（{named}）" if chosen.title_ja else f"「{named}」"
    horizon = (
        message("cli.markets_years_given", language, years=", ".join(map(str, years)))
        if year
        else message("cli.markets_years_horizon", language, scenario=named, span=span)
    )
    caption = message("cli.markets_caption", language, horizon=horizon, scenario=named)
    if fmt is not Format.table:
        meta = {
            "source": "chipshock curated end_markets.csv and market_demand_path.csv "
            "(each row cites its source_url and as_of)",
            "function": "chipshock.sim.demand.markets.market_demand_usd_bn",
            "unit": "USD bn a year",
            "params": {"years": years, "markets": market or [], "scenario": chosen.scenario_id},
        }
        emit(table, fmt, meta=meta if fmt is Format.json else None)
        return
    ja = language == "ja"
    shown = table.assign(
        market=table["name_ja" if ja else "name_en"],
        demand=[fmt_cell_number(v, 1, language) for v in table["chip_demand_usd_bn"]],  # never 0.0
        basis_text=table["basis_text_ja" if ja else "basis_text"],
        value_multiplier=[f"{v:g}" for v in table["value_multiplier"]],
        priority=[f"{v:g}" for v in table["priority"]],
        confidence=[
            " ; ".join(confidence_label(c, language) for c in str(v).split(" ; ")) if ja else v
            for v in table["confidence"]
        ],
    )[_COLUMNS]
    if ja:
        shown.columns = [message(f"cli.markets_col_{c}", "ja") for c in _COLUMNS]
    narrow = [shown.columns[i] for i in (0, 1, 2, 3, 5, 4)]
    title = message("cli.markets_title", language, span=span)
    # the caption first, then the notes on cells cut short and columns left out (in Japanese
    # below the table, wrapped where Japanese may break)
    emit(
        shown,
        fmt,
        title=title,
        caption=caption,
        columns=None if ja else _COLUMNS,
        narrow=narrow,
        lang=language,
    )


def register(app: typer.Typer, name: str = "markets") -> None:
    app.command(name=name)(markets)
