"""`ModelData`: every table the scenario engine reads, as one frozen value.

Built from the DuckDB store (`load_model_data`), straight from a curated folder and a
`SupplyChain` (`ModelData.from_folder`), or as a tiny hand-checkable model (`ModelData.tiny`).
The ETO provision table is reduced to two tidy tables: country shares and firm shares per input.
Raw materials (the seven of materials.csv) join the country shares as inputs of their own.
``material_country_shares`` (curated) gives country shares of fab materials the ETO lists
without any (photoresists, gases, wet chemicals, ...); see `chipshock.sim.shocks.inputs` for which
source the engine uses for each input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from chipshock.errors import ValidationFailed
from chipshock.model.chain import SupplyChain

__all__ = ["OPTIONAL_TABLES", "ModelData", "empty_table", "load_model_data", "num"]


def num(value: Any) -> float:
    """A table cell as a float (pandas scalars are loosely typed)."""
    return float(value)


_TABLES = (
    "regional_capacity",
    "fabs",
    "partnerships",
    "end_markets",
    "market_node_demand",
    "global_capacity",
    "wafer_value",
    "inventory_buffers",
    "node_requirements",
    "raw_materials",
    "market_country_output",
    "shock_assumptions",
    "model_assumptions",
    "material_country_shares",
)

_MCS_COLUMNS = (
    "input_id",
    "country",
    "share_pct",
    "year",
    "source_url",
    "as_of",
    "confidence",
    "note",
)


def _empty_material_country_shares() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype=float if c == "share_pct" else object) for c in _MCS_COLUMNS}
    )


_SOURCE_COLUMNS = ("source_url", "as_of", "confidence", "note")
#: tables of the data contract (CONTRACT.md) that the engine reads when the store has them
OPTIONAL_TABLES: dict[str, tuple[str, ...]] = {
    "fab_capacity": (
        "fab_id",
        "node_class",
        "year",
        "capacity_wspm",
        "phase",
        "method",
        *_SOURCE_COLUMNS,
    ),
    "sourcing_shares": ("market", "node_class", "operator_id", "share_pct", *_SOURCE_COLUMNS),
    "materials": (
        "material_id",
        "name_en",
        "name_ja",
        "input_ids",
        "node_classes",
        "use",
        "stockpile_weeks",
        "stockpile_weeks_low",
        "stockpile_weeks_high",
        "substitutes",
        *_SOURCE_COLUMNS,
    ),
    "country_groups": ("group_code", "country_code", *_SOURCE_COLUMNS),
    "remainder_operators": ("region", "node_class", "operator_id", *_SOURCE_COLUMNS),
    "market_demand_path": ("market_id", "year", "chip_demand_usd_bn", *_SOURCE_COLUMNS),
    "utilisation_path": ("node_class", "year", "utilisation", *_SOURCE_COLUMNS),
}
_NUMERIC = {
    "year",
    "capacity_wspm",
    "share_pct",
    "stockpile_weeks",
    "stockpile_weeks_low",
    "stockpile_weeks_high",
    "chip_demand_usd_bn",
    "utilisation",
}


def empty_table(name: str) -> pd.DataFrame:
    """An empty table with the columns of the optional table ``name``."""
    return pd.DataFrame(
        {c: pd.Series(dtype=float if c in _NUMERIC else object) for c in OPTIONAL_TABLES[name]}
    )


def _empty_fab_capacity() -> pd.DataFrame:
    return empty_table("fab_capacity")


def _empty_sourcing_shares() -> pd.DataFrame:
    return empty_table("sourcing_shares")


@dataclass(frozen=True, eq=False)
class ModelData:
    """The curated tables plus the ETO shares the engine needs (treat as read-only).

    ``input_country_shares``: input_id, country, share_pct (NaN if unknown), is_aggregate;
    ``input_firm_shares``: input_id, firm_id, firm_name, share_pct, hq_country;
    ``firms``: firm_id, name, alias, hq_country; ``inputs``: input_id, name;
    ``material_country_shares``: input_id, country, share_pct (curated; empty in the tiny model).
    """

    regional_capacity: pd.DataFrame
    fabs: pd.DataFrame
    partnerships: pd.DataFrame
    end_markets: pd.DataFrame
    market_node_demand: pd.DataFrame
    global_capacity: pd.DataFrame
    wafer_value: pd.DataFrame
    inventory_buffers: pd.DataFrame
    node_requirements: pd.DataFrame
    raw_materials: pd.DataFrame
    market_country_output: pd.DataFrame
    shock_assumptions: pd.DataFrame
    model_assumptions: pd.DataFrame
    input_country_shares: pd.DataFrame
    input_firm_shares: pd.DataFrame
    firms: pd.DataFrame
    inputs: pd.DataFrame
    material_country_shares: pd.DataFrame = field(default_factory=_empty_material_country_shares)
    fab_capacity: pd.DataFrame = field(default_factory=_empty_fab_capacity)
    sourcing_shares: pd.DataFrame = field(default_factory=_empty_sourcing_shares)
    materials: pd.DataFrame = field(default_factory=lambda: empty_table("materials"))
    #: EU27, CHIP4, QUAD, G7, ...: group codes usable in shock targets (`scenarios.groups`)
    country_groups: pd.DataFrame = field(default_factory=lambda: empty_table("country_groups"))
    #: region x class cells whose "other fabs" remainder counts as one operator's
    #: (`chipshock.sim.network.remainders`); empty: every remainder is of no operator
    remainder_operators: pd.DataFrame = field(
        default_factory=lambda: empty_table("remainder_operators")
    )
    #: a market's chip demand in the years its sources give (`chipshock.sim.demand.markets`);
    #: empty: every market follows end_markets.csv's level and growth
    market_demand_path: pd.DataFrame = field(
        default_factory=lambda: empty_table("market_demand_path")
    )
    #: a node class's normal utilisation in the years its sources give
    #: (`chipshock.sim.demand.markets.class_utilisation_path`); empty: every class holds its
    #: model_assumptions.csv utilisation_<class> in every year
    utilisation_path: pd.DataFrame = field(default_factory=lambda: empty_table("utilisation_path"))
    label: str = ""

    def assumption(self, name: str) -> float:
        """Value of one row of ``model_assumptions`` (KeyError if missing; the first row of a
        name given twice).

        >>> ModelData.tiny().assumption("shortfall_tolerance")
        0.01
        """
        cells = self._assumption_cells
        if name not in cells:
            raise KeyError(name)
        return float(cells[name])

    @cached_property
    def _assumption_cells(self) -> dict[Any, Any]:
        """``model_assumptions``' value cell of each parameter (its first row), indexed once
        for `assumption`: a compile looks up dozens of names, and a filter of the table per
        look-up was ~15% of a Sobol analysis. Kept for the life of this value; the tables of a
        `ModelData` are never written (a changed table is a new `ModelData`)."""
        cells: dict[Any, Any] = {}
        table = self.model_assumptions
        for name, value in zip(table["parameter"], table["value"], strict=True):
            cells.setdefault(name, value)
        return cells

    @property
    def country_codes(self) -> tuple[str, ...]:
        """Every country code the data knows (ETO, raw materials, fabs, shares)."""
        codes = set(
            self.input_country_shares.loc[~self.input_country_shares["is_aggregate"], "country"]
        )
        codes |= set(self.raw_materials["country"]) | set(self.fabs["country"])
        codes |= set(self.regional_capacity["region_code"])
        codes |= set(self.material_country_shares["country"])
        return tuple(sorted(str(c) for c in codes))

    @staticmethod
    def from_tables(
        tables: dict[str, pd.DataFrame], chain: SupplyChain, label: str = ""
    ) -> ModelData:
        """Assemble from curated tables (by name) and an ETO chain."""
        country, firm, firms, inputs = _chain_tables(chain)
        optional = {
            name: tables[name].reset_index(drop=True)
            for name in OPTIONAL_TABLES
            if name in tables and tables[name] is not None
        }
        return ModelData(
            **{name: tables[name].reset_index(drop=True) for name in _TABLES},
            **optional,
            input_country_shares=country,
            input_firm_shares=firm,
            firms=firms,
            inputs=inputs,
            label=label,
        )

    @staticmethod
    def from_folder(curated_dir: Path | str, chain: SupplyChain) -> ModelData:
        """Read the curated folder directly (no store), raising `ValidationFailed` on bad data."""
        from chipshock.data.curated import load_curated

        loaded = load_curated(curated_dir)
        if loaded.errors or any(name not in loaded.tables for name in _TABLES):
            raise ValidationFailed(loaded.errors, f"cannot load curated data from {curated_dir}")
        return ModelData.from_tables(loaded.tables, chain, label=str(curated_dir))

    @staticmethod
    def tiny() -> ModelData:
        """A hand-checkable model: regions TWN and JPN, classes lt10 and gt45, markets
        automotive and smartphones, one tool (T1, all from NLD) and one material (M1, half JPN,
        half TWN). See `chipshock.sim._tiny` for every number."""
        from chipshock.sim._tiny import tiny_tables

        return ModelData(**tiny_tables())


def _chain_tables(
    chain: SupplyChain,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    prov = chain.provision
    provs = chain.providers.drop_duplicates("provider_id")
    merged = prov.merge(
        provs[["provider_id", "name", "provider_type", "hq_country", "is_aggregate"]],
        on="provider_id",
        how="left",
    )
    c = merged[merged["provider_type"] == "country"]
    country = pd.DataFrame(
        {
            "input_id": c["provided_id"].astype(str).to_numpy(),
            "country": c["name"].astype(str).to_numpy(),
            "share_pct": c["share_pct"].astype(float).to_numpy(),
            "is_aggregate": c["is_aggregate"].astype(bool).to_numpy(),
        }
    )
    f = merged[merged["provider_type"] == "organization"]
    firm = pd.DataFrame(
        {
            "input_id": f["provided_id"].astype(str).to_numpy(),
            "firm_id": f["provider_id"].astype(str).to_numpy(),
            "firm_name": f["name"].astype(str).to_numpy(),
            "share_pct": f["share_pct"].astype(float).to_numpy(),
            "hq_country": f["hq_country"].astype(object).to_numpy(),
            "is_aggregate": f["is_aggregate"].astype(bool).to_numpy(),
        }
    )
    o = provs[provs["provider_type"] == "organization"]
    firms = pd.DataFrame(
        {
            "firm_id": o["provider_id"].astype(str).to_numpy(),
            "name": o["name"].astype(str).to_numpy(),
            "alias": o["alias"].fillna("").astype(str).to_numpy(),
            "hq_country": o["hq_country"].astype(object).to_numpy(),
        }
    )
    inputs = pd.DataFrame(
        {
            "input_id": chain.inputs["input_id"].astype(str).to_numpy(),
            "name": chain.inputs["name"].astype(str).to_numpy(),
        }
    )
    return country, firm, firms, inputs


def load_model_data(db_path: Path | str | None = None, release: str = "current") -> ModelData:
    """Every table the engine needs, read from the DuckDB store (read-only)."""
    from chipshock.data.curated import curated_specs
    from chipshock.data.store import load_chain, load_tables

    present = [name for name in OPTIONAL_TABLES if name in curated_specs()]
    tables = load_tables(db_path, [*_TABLES, *present])
    return ModelData.from_tables(
        tables, load_chain(db_path, release), label=str(db_path or "store")
    )
