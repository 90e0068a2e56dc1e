"""Schema of the demand, economics and technology-requirement files that the scenario engine reads.

Listed in `chipshock.model.schema.MARKET_FILES`, so that `chipshock.data.curated.load_curated`,
`chipshock data validate` and the DuckDB store treat them exactly like the curated alliance
files. Vocabularies are fixed here: node classes and markets are the engine's axes.
"""

from __future__ import annotations

from chipshock.model.table import Column, TableSpec
from chipshock.model.years import REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR

__all__ = ["MARKETS", "MARKET_SPECS", "NODE_CLASSES"]

#: Node classes, in the engine's axis order.
NODE_CLASSES: tuple[str, ...] = ("lt10", "n10_22", "n28_45", "gt45", "dram", "nand")
#: End markets, in the engine's axis order.
MARKETS: tuple[str, ...] = (
    "ai_datacenter",
    "smartphones",
    "pcs",
    "automotive",
    "industrial",
    "consumer",
)

_SOURCE = (
    Column("source_url", nullable=False, description="Primary public source of the row"),
    Column("as_of", nullable=False, description="Date of the source (YYYY[-MM[-DD]])"),
    Column("confidence", nullable=False, choices=("high", "medium", "low")),
    Column("note", description="Caveats; judgements start with 'assumption:'"),
)
_CLASS = Column("node_class", nullable=False, choices=NODE_CLASSES)
_MARKET = Column("market_id", nullable=False, choices=MARKETS)

MARKET_SPECS: dict[str, TableSpec] = {
    "end_markets": TableSpec(
        "end_markets",
        "end_markets.csv",
        (
            _MARKET,
            Column("name_en", nullable=False),
            Column("name_ja"),
            Column("chip_demand_usd_bn", "float", nullable=False, unit="USD bn", minimum=0),
            Column("demand_year", "int", nullable=False, minimum=2000, maximum=2100),
            Column("growth_pct_per_year", "float", nullable=False, unit="%/yr", minimum=-50),
            Column("value_multiplier", "float", nullable=False, unit="USD/USD", minimum=0),
            Column("customer_inventory_weeks", "float", nullable=False, unit="weeks", minimum=0),
            Column("customer_inventory_weeks_low", "float", nullable=False, minimum=0),
            Column("customer_inventory_weeks_high", "float", nullable=False, minimum=0),
            *_SOURCE,
        ),
        key=("market_id",),
        description="End markets: chip demand, growth, downstream value multiplier, inventories",
    ),
    "market_demand_path": TableSpec(
        "market_demand_path",
        "market_demand_path.csv",
        (
            _MARKET,
            Column(
                "year",
                "int",
                nullable=False,
                minimum=REGISTRY_FIRST_YEAR,
                maximum=REGISTRY_LAST_YEAR,
            ),
            Column("chip_demand_usd_bn", "float", nullable=False, unit="USD bn", minimum=0),
            *_SOURCE,
        ),
        key=("market_id", "year"),
        description=(
            "A market's chip demand in years its sources give: replaces end_markets.csv's "
            "level and growth in those years (`chipshock.sim.demand.markets`)"
        ),
    ),
    "utilisation_path": TableSpec(
        "utilisation_path",
        "utilisation_path.csv",
        (
            _CLASS,
            Column(
                "year",
                "int",
                nullable=False,
                minimum=REGISTRY_FIRST_YEAR,
                maximum=REGISTRY_LAST_YEAR,
            ),
            Column("utilisation", "float", nullable=False, unit="fraction", minimum=0, maximum=1),
            *_SOURCE,
        ),
        key=("node_class", "year"),
        description=(
            "A node class's normal utilisation in years its sources give: replaces "
            "model_assumptions.csv's utilisation_<class> in those years only "
            "(`chipshock.sim.demand.markets.class_utilisation_path`)"
        ),
    ),
    "market_node_demand": TableSpec(
        "market_node_demand",
        "market_node_demand.csv",
        (
            _MARKET,
            _CLASS,
            Column("share_pct", "float", nullable=False, unit="%", minimum=0.0, maximum=100.0),
            *_SOURCE,
        ),
        key=("market_id", "node_class"),
        description="Split of each market's wafer demand over node classes",
    ),
    "global_capacity": TableSpec(
        "global_capacity",
        "global_capacity.csv",
        (
            _CLASS,
            Column("year", "int", nullable=False, minimum=1990, maximum=2100),
            Column("capacity_kwspm", "float", nullable=False, unit="k 300mm wspm", minimum=0),
            *_SOURCE,
        ),
        key=("node_class", "year"),
        description="World wafer capacity per node class and year (SIA/BCG scope)",
    ),
    "wafer_value": TableSpec(
        "wafer_value",
        "wafer_value.csv",
        (
            _CLASS,
            Column("usd_per_wafer", "float", nullable=False, unit="USD", minimum=0),
            Column("year", "int", nullable=False, minimum=1990, maximum=2100),
            *_SOURCE,
        ),
        key=("node_class",),
        description="Revenue per 300mm wafer to the wafer maker",
    ),
    "inventory_buffers": TableSpec(
        "inventory_buffers",
        "inventory_buffers.csv",
        (
            Column("buffer_id", nullable=False),
            Column(
                "applies_to",
                nullable=False,
                description=(
                    "material:ID, material:*, chips:distributor, chips:producer, tools:service[:ID]"
                ),
            ),
            Column("weeks", "float", nullable=False, unit="weeks", minimum=0),
            Column("weeks_low", "float", nullable=False, unit="weeks", minimum=0),
            Column("weeks_high", "float", nullable=False, unit="weeks", minimum=0),
            *_SOURCE,
        ),
        key=("buffer_id",),
        description="Inventory and service buffers in weeks (central, low, high)",
    ),
    "node_requirements": TableSpec(
        "node_requirements",
        "node_requirements.csv",
        (
            _CLASS,
            Column("input_id", nullable=False),
            Column("kind", nullable=False, choices=("tool", "material")),
            Column("criticality", "float", nullable=False, minimum=0, maximum=1),
            Column("substitute_input_ids", description="';'-separated input ids"),
            Column("capacity_loss_pct_per_week_when_cut", "float", unit="%/week", minimum=0),
            *_SOURCE,
            Column(
                "market_id",
                required=False,
                choices=MARKETS,
                description=(
                    "blank: the requirement binds the class's whole output (every market); "
                    "a market id: only that market's chips of the class need it"
                ),
            ),
            Column(
                "except_operator_ids",
                required=False,
                description=(
                    "blank: every producer of the class needs it; ';'-separated operator_ids "
                    "of fabs.csv: their fabs do not (they make the input in-house, as Samsung "
                    "and Intel package their own leading-edge chips)"
                ),
            ),
        ),
        key=("node_class", "input_id", "market_id"),
        description=(
            "Inputs each node class needs (for every market or one market), how critical, "
            "and how fast output erodes"
        ),
    ),
    "raw_materials": TableSpec(
        "raw_materials",
        "raw_materials.csv",
        (
            Column("material_id", nullable=False),
            Column("name_en", nullable=False),
            Column("name_ja"),
            Column("feeds_input_id"),
            Column("country", nullable=False),
            Column("share_pct", "float", nullable=False, unit="%", minimum=0.0, maximum=100.0),
            Column("year", "int", minimum=1990, maximum=2100),
            *_SOURCE,
        ),
        key=("material_id", "country"),
        description=(
            "Country shares of raw materials (gallium, germanium, neon, rare earths,"
            " high-purity quartz, fluorspar, tungsten)"
        ),
    ),
    "material_country_shares": TableSpec(
        "material_country_shares",
        "material_country_shares.csv",
        (
            Column("input_id", nullable=False, description="ETO input id (N31, N88, ...)"),
            Column("country", nullable=False, description="ISO alpha-3 code; ROW = remainder"),
            Column("share_pct", "float", nullable=False, unit="%", minimum=0.0, maximum=100.0),
            Column("year", "int", minimum=1990, maximum=2100),
            *_SOURCE,
        ),
        key=("input_id", "country"),
        description=(
            "Country shares of fab materials the ETO lists without country shares "
            "(used only where the ETO has no known country share for the input)"
        ),
    ),
    "market_country_output": TableSpec(
        "market_country_output",
        "market_country_output.csv",
        (
            _MARKET,
            Column("country", nullable=False),
            Column("share_pct", "float", nullable=False, unit="%", minimum=0.0, maximum=100.0),
            *_SOURCE,
        ),
        key=("market_id", "country"),
        description="Where each market's downstream products are made (attribution of loss)",
    ),
    "shock_assumptions": TableSpec(
        "shock_assumptions",
        "shock_assumptions.csv",
        (
            Column("parameter", nullable=False),
            Column("scenario_hint"),
            Column("distribution", nullable=False, choices=("fixed", "uniform", "triangular")),
            Column("low", "float", nullable=False),
            Column("mode", "float"),
            Column("high", "float"),
            Column("unit"),
            *_SOURCE,
        ),
        key=("parameter",),
        description="Ranges for the built-in scenarios' shock parameters",
    ),
    "model_assumptions": TableSpec(
        "model_assumptions",
        "model_assumptions.csv",
        (
            Column("parameter", nullable=False),
            Column("value", "float", nullable=False),
            Column("unit"),
            *_SOURCE,
        ),
        key=("parameter",),
        description="Scalar parameters of the scenario engine (utilisation, ramps, defaults)",
    ),
}
