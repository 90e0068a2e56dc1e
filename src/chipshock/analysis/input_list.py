"""Every ETO input in one table: what it is, the stage it serves, and who supplies it.

One row per input of the release (the finished chip too), in the dataset's order, with the
dataset's own columns and:

- ``stage``: the stage (S1 design, S2 fabrication, S3 assembly, test and packaging) of the input
  itself if it is a process, else of the nearest process downstream of it
  (`chipshock.analysis.graph.downstream_summary`; the ETO's ``stage_id`` is given for processes
  only); None where no process lies downstream (the finished chip).
- ``n_countries``, ``top_country``, ``top_country_share_pct``, ``share_year``: the country
  columns of `chipshock.analysis.concentration.concentration` (named countries listed, the
  one with the largest published share and that share, the latest year of the rows), so that
  the numbers are those of `chipshock concentration`; 0 and None where the ETO lists no
  country.

`chipshock inputs` and ``GET /api/inputs`` give these rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from chipshock.analysis.concentration import concentration
from chipshock.analysis.graph import downstream_summary
from chipshock.errors import InputError, Problem
from chipshock.model.chain import SupplyChain

__all__ = ["INPUT_LIST_COLUMNS", "input_list"]

#: the columns `input_list` adds to the dataset's inputs table
INPUT_LIST_COLUMNS = [
    "stage",
    "n_countries",
    "top_country",
    "top_country_share_pct",
    "share_year",
]


def input_list(
    chain: SupplyChain,
    stage: str | None = None,
    type_: str | None = None,
    fields: Sequence[str] = ("stage", "type"),
) -> pd.DataFrame:
    """The inputs of ``chain`` (see the module docstring), of ``stage`` (S1, S2 or S3, any
    case) and of ``type_`` (``tool_resource``, ``material_resource`` ...) where given.

    An unknown stage or type is an `InputError` naming ``fields`` (the stage's, the type's:
    ``--stage`` on the command line, ``stage`` in a query), the value and the known ones.

    >>> from chipshock.examples import tiny_chain
    >>> t = input_list(tiny_chain(), stage="s2").set_index("input_id")
    >>> r = t.loc["N11"]
    >>> print(r["stage"], r["n_countries"], r["top_country"], r["top_country_share_pct"])
    S2 2 NLD 80.0
    """
    inputs = chain.inputs.reset_index(drop=True)
    ids = inputs["input_id"].astype(str).tolist()
    summary = downstream_summary(chain, ids)
    countries = concentration(chain, by="country").set_index("input_id")
    top = countries.reindex(ids).reset_index(drop=True)
    table = inputs.assign(
        stage=pd.Series([summary[i][1] for i in ids], dtype=object),
        n_countries=top["n_providers"].fillna(0).astype(int),
        top_country=top["top_provider"].astype(object).where(top["top_provider"].notna(), None),
        top_country_share_pct=top["top_share_pct"].astype(float),
        share_year=top["year"].astype("Int64"),
    )
    stage_field, type_field = fields
    if type_ is not None:
        known = sorted(str(t) for t in inputs["type"].dropna().unique())
        if type_ not in known:
            raise InputError(
                Problem(
                    "unknown input type", field=type_field, value=type_, expected=", ".join(known)
                )
            )
        table = table[table["type"] == type_]
    if stage is not None:
        stages = sorted(str(s) for s in chain.stages["stage_id"])
        if stage.upper() not in stages:
            raise InputError(
                Problem("unknown stage", field=stage_field, value=stage, expected=", ".join(stages))
            )
        table = table[table["stage"] == stage.upper()]
    return table.reset_index(drop=True)
