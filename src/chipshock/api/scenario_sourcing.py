"""A request's ``sourcing``: a scenario file's ``[[sourcing]]`` tables given in a JSON body.

The rows are read and checked by the scenario parser's own code (`parse_sourcing`: a file's
checks, messages and paths, ``sourcing[0].share_pct``), their operators against the fabs of the
scenario's world as `chipshock scenario run` checks them (`check_sourcing`), and a result shows
them as the CLI prints them (`chipshock.present.sourcing_lines`). The engine is imported when
used: the API starts without it (`routes_scenarios.engine_available`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
from pydantic import BaseModel

from chipshock.errors import InputError, ScenarioValidationFailed, ValidationFailed
from chipshock.present.jsonable import to_jsonable
from chipshock.present.sourcing_lines import result_sourcing_lines
from chipshock.scenarios import parse_sourcing
from chipshock.scenarios.model import Scenario, SourcingShare

__all__ = [
    "check_sourcing_operators",
    "refused_as_invalid",
    "sourcing_payload",
    "sourcing_rows",
]

#: the ``file`` of a problem in a request's rows ("request, sourcing[0].operator: ...")
SOURCE = "request"
#: the context line of the 422 that lists every problem of the rows
CONTEXT = "invalid sourcing"


def sourcing_rows(rows: Sequence[BaseModel]) -> tuple[SourcingShare, ...]:
    """The request's ``sourcing`` rows as a scenario's (`parse_sourcing`: market and class
    known, with the closest; operator id well formed; share 0-100; each operator once per
    market and class; shares of one market and class at most 100), every problem in one 422
    (`ScenarioValidationFailed`)."""
    if not rows:
        return ()
    return parse_sourcing([row.model_dump(exclude_none=True) for row in rows], source=SOURCE)


def check_sourcing_operators(sc: Scenario, rows: Sequence[SourcingShare], data: Any) -> None:
    """Every operator of ``rows`` has fabs of its class with capacity in ``sc``'s world (``data``
    a `chipshock.sim.ModelData`): the check `chipshock scenario run` makes when it prepares the
    run (`chipshock.sim.network.sourcing.check_sourcing`, with its "did you mean"), made before
    any work, since a background job would otherwise fail after it started; a 422
    (`refused_as_invalid`)."""
    from chipshock.sim.network.sourcing import check_sourcing
    from chipshock.sim.prepare import scenario_network

    with refused_as_invalid(CONTEXT, file=SOURCE):
        check_sourcing(rows, scenario_network(sc, data))


@contextmanager
def refused_as_invalid(context: str, file: str | None = None) -> Iterator[None]:
    """An `InputError` raised inside as one `ScenarioValidationFailed` (a 422) listing its
    problems under ``context``, those without a file named ``file``: what the engine refuses
    in a request's rows or posted file is a value of the body, as the parser's problems are
    (the engine's error for one unknown code is an `UnknownCodeError`, which the API answers
    404)."""
    try:
        yield
    except InputError as exc:
        found = exc.problems if isinstance(exc, ValidationFailed) else (exc.problem,)
        problems = [p if p.file or not file else dataclasses.replace(p, file=file) for p in found]
        raise ScenarioValidationFailed(problems, context=context) from None


def sourcing_payload(result: Any, fabs: pd.DataFrame | None = None) -> dict[str, Any]:
    """``sourcing`` / ``sourcing_ja``: the lines `chipshock scenario run` prints (and its
    ``--format json`` gives under the same names) for the scenario's own [[sourcing]] rows, each
    market and class as sourced and as served in the year of the first shock
    (`result_sourcing_lines`; in Japanese operators by their names in ``fabs``, the registry);
    ``sourcing_rows``: those rows (market, node_class, operator, year, sourced_pct, served_pct,
    note; `chipshock.sim.network.sourcing.shock_year_sourcing`). Empty without such rows."""
    from chipshock.sim.network.sourcing import shock_year_sourcing

    rows = shock_year_sourcing(result.scenario, result.sourcing)
    return {
        "sourcing": result_sourcing_lines(result, "en"),
        "sourcing_ja": result_sourcing_lines(result, "ja", fabs),
        "sourcing_rows": to_jsonable(rows),
    }
