"""Schema as data: one table of column specs per entity.

These specs drive three things at once: validation of source files (`chipshock data validate`),
the DuckDB DDL of the store, and the column lists of the tidy tables the analysis returns.
"""

from __future__ import annotations

from chipshock.model.market_schema import MARKET_SPECS
from chipshock.model.registry_schema import FAB_STATUSES, REGISTRY_SPECS
from chipshock.model.table import Column, TableSpec, ddl
from chipshock.model.years import REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR

__all__ = [
    "CURATED_FILES",
    "ETO_FILES",
    "MARKET_FILES",
    "PARTNERSHIP_KINDS",
    "Column",
    "TableSpec",
    "ddl",
]

_SOURCE_COLS = (
    Column("source_url", nullable=False, description="Primary public source of the row"),
    Column("as_of", nullable=False, description="Date of the source or event (YYYY[-MM[-DD]])"),
    Column(
        "confidence",
        nullable=False,
        choices=("high", "medium", "low"),
        description="How far the figure can be trusted",
    ),
    Column("note", description="Caveats, conversions and assumptions"),
)

#: ``kind`` of a partnerships.csv row: ``equity`` is shares bought (a state stake), not a grant or
#: subsidy (data release 22; the IPA's JPY 100 bn in Rapidus was filed as a subsidy before).
PARTNERSHIP_KINDS: tuple[str, ...] = (
    "equity",
    "grant",
    "joint development",
    "joint venture",
    "research consortium",
    "subsidy",
)
#: the month of the rate a non-USD amount was converted at (shared by the two amount files)
_USD_RATE_AS_OF = Column(
    "usd_rate_as_of",
    required=False,
    description="When amount_original is not in USD: the month (YYYY-MM) whose exchange rate "
    "converted it to amount_usd, as the row's source converted it (the rate shown is "
    "amount_original / amount_usd); 'mixed': amount_usd sums tranches converted at different "
    "dates; blank: the source does not say",
)


# --- ETO Advanced Semiconductor Supply Chain Dataset (raw source files) --------------------
ETO_FILES: dict[str, TableSpec] = {
    "inputs": TableSpec(
        "inputs",
        "inputs.csv",
        (
            Column("input_id", nullable=False, description="Node id N<int>"),
            Column("input_name", nullable=False),
            Column(
                "type",
                nullable=False,
                choices=(
                    "process",
                    "tool_resource",
                    "material_resource",
                    "design_resource",
                    "ultimate_output",
                ),
            ),
            Column("stage_name"),
            Column("stage_id"),
            Column("description"),
            Column("year", dtype="int", required=False),
            Column("market_share_chart_global_market_size_info"),
            Column("market_share_chart_caption", required=False),
            Column("market_share_chart_source"),
        ),
        key=("input_id",),
        description="Nodes of the supply chain: processes, tools, materials, design segments",
    ),
    "providers": TableSpec(
        "providers",
        "providers.csv",
        (
            Column("provider_name", nullable=False),
            Column("alias", required=False),
            Column("provider_id", nullable=False),
            Column("provider_type", nullable=False, choices=("country", "organization")),
            Column("country"),
        ),
        key=("provider_id",),
        description="Countries and firms (alias rows may repeat an id)",
    ),
    "provision": TableSpec(
        "provision",
        "provision.csv",
        (
            Column("provider_name"),
            Column("provider_id", nullable=False),
            Column("provided_name"),
            Column("provided_id", nullable=False),
            Column("share_provided", dtype="float", unit="%", minimum=0.0, maximum=100.0),
            Column("year", dtype="int", required=False),
            Column("source", required=False),
            Column("negligible_market_share", required=False, choices=("negligible",)),
        ),
        key=("provider_id", "provided_id"),
        description="Who supplies what share of each input or stage",
    ),
    "sequence": TableSpec(
        "sequence",
        "sequence.csv",
        (
            Column("input_name"),
            Column("input_id", nullable=False),
            Column("goes_into_name"),
            Column("goes_into_id"),
            Column("is_type_of_name"),
            Column("is_type_of_id"),
        ),
        description="Edges of the supply-chain graph",
    ),
    "stages": TableSpec(
        "stages",
        "stages.csv",
        (
            Column("stage_id", nullable=False, choices=("S1", "S2", "S3")),
            Column("stage_name", nullable=False),
            Column("description"),
            Column("market_share_chart_global_market_size_info"),
            Column("market_share_chart_caption"),
            Column("market_share_chart_source"),
        ),
        key=("stage_id",),
        description="Design, fabrication and ATP",
    ),
}

# --- Curated alliance and capacity files ---------------------------------------------------
CURATED_FILES: dict[str, TableSpec] = {
    "fabs": TableSpec(
        "fabs",
        "fabs.csv",
        (
            Column("fab_id", nullable=False),
            Column("name", nullable=False),
            Column("operator", nullable=False),
            Column(
                "operator_id",
                nullable=False,
                description="Lowercase id of the company customers buy from (tsmc, renesas, ...)",
            ),
            Column("operator_hq_country", nullable=False),
            Column("country", nullable=False),
            Column("region_or_city"),
            Column("latitude", dtype="float", nullable=False, minimum=-90, maximum=90),
            Column("longitude", dtype="float", nullable=False, minimum=-180, maximum=180),
            Column(
                "segment",
                nullable=False,
                choices=("logic", "foundry-mature", "memory", "packaging"),
            ),
            Column("node_nm", dtype="float", unit="nm", minimum=0),
            Column(
                "wafer_size_mm",
                dtype="int",
                nullable=False,
                unit="mm",
                description="Wafer diameter: 150, 200 or 300",
            ),
            Column(
                "capacity_wspm",
                dtype="float",
                unit="wafers/month of the fab's wafer_size_mm",
                minimum=0,
            ),
            Column(
                "status",
                nullable=False,
                choices=FAB_STATUSES,
            ),
            Column(
                "production_start_year",
                dtype="int",
                minimum=REGISTRY_FIRST_YEAR,
                maximum=REGISTRY_LAST_YEAR,
            ),
            Column("public_funding_usd", dtype="float", unit="USD", minimum=0),
            Column("funding_program"),
            *_SOURCE_COLS,
            Column("other_source_urls", required=False),
        ),
        key=("fab_id",),
        description="Fab registry",
    ),
    "partnerships": TableSpec(
        "partnerships",
        "partnerships.csv",
        (
            Column("partnership_id", nullable=False),
            Column("parties", nullable=False),
            Column(
                "parties_ja",
                nullable=False,
                description="The parties in Japanese, separated by '、': each by its "
                "Japanese official name (経済産業省, 理化学研究所) or as Japanese news writes "
                "it (ラピダス); a name Japanese news keeps in Latin letters stays so (IBM, imec)",
            ),
            Column("parties_countries", nullable=False),
            Column(
                "kind",
                nullable=False,
                choices=PARTNERSHIP_KINDS,
                description="equity: shares bought (a state stake), not a grant",
            ),
            Column("technology"),
            Column(
                "technology_ja",
                description="The technology in Japanese terms: chipshock's translation "
                "(SOURCES.md); blank: the English technology is shown",
            ),
            Column("amount_usd", dtype="float", unit="USD", minimum=0),
            Column("amount_original", dtype="float", minimum=0),
            Column("currency"),
            _USD_RATE_AS_OF,
            Column("start_date"),
            Column("target_date"),
            Column("status", nullable=False),
            Column(
                "fab_ids",
                description="The fabs the partnership builds, funds the building of or runs: "
                "fab_ids of fabs.csv separated by ';', blank when it brings no fab into being "
                "(research, design, or an expansion of a fab that produced before it); the "
                "fabs the partnership_off intervention switches off",
            ),
            Column("summary"),
            Column(
                "summary_ja",
                nullable=False,
                description="The summary in Japanese: chipshock's translation (SOURCES.md)",
            ),
            *_SOURCE_COLS,
            Column("other_source_urls", required=False),
        ),
        key=("partnership_id",),
        description="Partnerships and public funding",
    ),
    "deliverables": TableSpec(
        "deliverables",
        "alliance_deliverables.csv",
        (
            Column("deliverable_id", nullable=False, description="A short id of the row"),
            Column(
                "part_of",
                description="The deliverable_id of the umbrella row this row is a part of "
                "(blank: none); the parts' amounts add up to at most the umbrella's, which counts "
                "for what they leave",
            ),
            Column("actor", nullable=False),
            Column(
                "actor_ja",
                nullable=False,
                description="The actor in Japanese: chipshock's rendering of the names "
                "(SOURCES.md), shown on every Japanese surface",
            ),
            Column("actor_country", nullable=False),
            Column("counterpart"),
            Column(
                "counterpart_ja",
                description="The counterpart in Japanese: chipshock's rendering of the names "
                "(SOURCES.md), given exactly where counterpart is, shown on every Japanese surface",
            ),
            Column("sector", nullable=False),
            Column("kind", nullable=False),
            Column("amount_usd", dtype="float", unit="USD", minimum=0),
            Column("amount_original", dtype="float", minimum=0),
            Column("currency"),
            _USD_RATE_AS_OF,
            Column("location"),
            Column(
                "location_ja",
                description="The location in Japanese: chipshock's rendering (SOURCES.md); "
                "blank: the English location is shown",
            ),
            Column("summary", nullable=False),
            Column(
                "summary_ja",
                nullable=False,
                description="The summary in Japanese: chipshock's translation (SOURCES.md)",
            ),
            *_SOURCE_COLS,
            Column("other_source_urls", required=False),
        ),
        key=("deliverable_id",),
        description="U.S.-Japan April 2024 alliance deliverables and context",
    ),
    "regional_capacity": TableSpec(
        "regional_capacity",
        "regional_capacity.csv",
        (
            Column("source_name", nullable=False),
            Column("category", nullable=False),
            Column("region", nullable=False),
            Column("region_code", nullable=False),
            Column("year", dtype="int", nullable=False, minimum=1990, maximum=2100),
            Column(
                "share_pct", dtype="float", nullable=False, unit="%", minimum=0.0, maximum=100.0
            ),
            *_SOURCE_COLS,
        ),
        key=("source_name", "category", "region_code", "year"),
        description="Regional shares of wafer capacity by node class and year",
    ),
}

# --- Curated demand, economics and technology files (scenario engine) -------------------------
#: Defined in `chipshock.model.market_schema`; every file here is read, checked and stored like
#: the curated alliance files.
MARKET_FILES: dict[str, TableSpec] = dict(MARKET_SPECS)
# The fab-registry v2 files (capacity over time, sourcing shares, country groups).
CURATED_FILES.update(REGISTRY_SPECS)
