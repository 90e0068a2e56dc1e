"""``GET /api/markets``: each end market's chip demand by year, as a run uses it (the numbers
of ``chipshock markets``, from the same function)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from chipshock.api.routes_scenarios import MAX_YEARS, Markets, builtin_scenario
from chipshock.api.routes_structure import MAX_TEXT, State
from chipshock.api.schemas import TableResponse
from chipshock.api.state import respond
from chipshock.present.demand_basis import with_basis_text
from chipshock.present.jsonable import to_jsonable
from chipshock.scenarios import check_model_year

__all__ = ["DEFAULT_SCENARIO", "router"]

router = APIRouter(prefix="/api", tags=["scenarios"])

#: the scenario whose horizon and priorities the route uses when not given one (the flagship,
#: as ``chipshock markets``)
DEFAULT_SCENARIO = "taiwan-blockade-2027-6m"


@router.get("/markets", response_model=TableResponse, summary="Chip demand by market and year")
def markets(
    state: State,
    years: Annotated[
        list[int],
        Query(
            max_length=MAX_YEARS,
            description="Years, e.g. 2027&years=2030 (default: the scenario's horizon)",
        ),
    ] = [],  # noqa: B006
    markets: Markets = [],  # noqa: B006
    scenario: Annotated[
        str,
        Query(
            max_length=MAX_TEXT,
            description="Built-in scenario whose horizon gives the default years and whose "
            "priorities give the weights",
        ),
    ] = DEFAULT_SCENARIO,
) -> Response:
    """Each end market's chip demand D[m, y] in USD bn a year as a run uses it
    (`chipshock.sim.demand.markets.market_demand_usd_bn`): market_demand_path.csv's rows where
    the market has them (geometric between, the market's growth after the last), else
    end_markets.csv's level and growth. One row per market and year, the rows of
    ``chipshock markets --format json``: ``chip_demand_usd_bn``, ``basis`` (path_row,
    between_path_rows, after_path_rows or growth) and ``basis_text`` (in Japanese
    ``basis_text_ja``), ``value_multiplier`` (end_markets.csv), ``priority`` (the scenario's
    priorities, 1 where not given) and the ``source_url``, ``as_of`` and ``confidence`` of the
    rows behind the value (" ; " between two). An unknown market or scenario is an error naming
    it."""
    for y in years:
        check_model_year(y, "years")
    sc = builtin_scenario(scenario)
    chosen_years = sorted(set(years)) or list(range(sc.start_year, sc.end_year + 1))
    wanted = list(dict.fromkeys(markets))

    def build() -> dict[str, Any]:
        from chipshock.sim.demand.markets import market_demand_rows

        data = state.model_data()
        # the basis in words (basis_text, basis_text_ja) beside its terms
        df = with_basis_text(market_demand_rows(data, chosen_years, wanted or None, sc.priorities))
        dates = df.assign(as_of=df["as_of"].str.split(" ; ")).explode("as_of")  # two rows' dates
        meta = state.curated_meta(["end_markets.csv", "market_demand_path.csv"], dates)
        params = {"years": chosen_years, "markets": wanted, "scenario": sc.scenario_id}
        return {
            "meta": meta,
            "params": params,
            "rows": to_jsonable(df),
            "unit": "USD bn a year",
            "function": "chipshock.sim.demand.markets.market_demand_usd_bn",
        }

    return respond(state, ("markets", tuple(chosen_years), tuple(wanted), sc.scenario_id), build)
