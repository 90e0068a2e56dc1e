"""Schema of the fab-registry v2 files: capacity over time, sourcing shares, country groups.

These are the files of the data contract between the data and engine layers (CONTRACT.md):

- ``fab_capacity.csv``: capacity of each fab per node class over time, in 300 mm-equivalent
  wafer starts per month installed at the end of ``year`` (200 mm wafers count
  (200/300)^2 = 0.444). A fab's capacity in class c in year y is the row with the greatest
  ``year <= y`` (a step function); 0 before its first row; a row with 0 closes it.
  ``phase`` names what the row covers (``P1``, ``P1+P2``, ``all``); the key is
  (fab_id, node_class, year), so the step function is never ambiguous.
- ``sourcing_shares.csv``: shares of a market's wafer demand in a node class by operator;
  ``market`` is an end market, ``all`` (the whole class, every market) or ``foundry``
  (shares of the contract-foundry market in the class; reference, not read by the engine).
- ``country_groups.csv``: groups of ISO alpha-3 country codes usable wherever a code is.
- ``materials.csv``: raw materials as chokepoints: the ETO inputs and node classes that use
  them, a stockpile norm in weeks, substitutes; ``material_supply.csv``: their country shares
  of mining and refining (USGS Mineral Commodity Summaries and similar), each stage summing
  to 100 with ``ROW`` for the rest.
- ``materials_ja.csv``: materials.csv's ``use`` and ``substitutes`` in Japanese (``material_id``
  of materials.csv), chipshock's own translations of that English, which stays the data. The
  loader adds them to the materials table as ``use_ja`` and ``substitutes_ja``; a material
  without a row has none, and every Japanese surface shows its English text under a label
  that says so.
- ``alliance_tracker.csv``: the semiconductor items of the April 2024 U.S.-Japan visit and the
  milestones since (``parent_item_id`` links a milestone to its item), each with a status;
  ``title_ja`` is chipshock's Japanese translation of ``title`` (the Japanese dashboard and
  report show it); a top item of kind ``context`` holds rows that are not items of the visit
  (U.S. CHIPS Act fabs without a Japanese party), counted apart; ``fab_id`` links a row to the
  fab whose production it dates.
- ``remainder_operators.csv``: the region x class cells where one operator makes every wafer
  (TWN lt10: TSMC), so that cell's "other fabs" remainder counts as that operator's: a ``firm``
  shock on it reaches the remainder, the remainder joins its same-operator substitution group,
  and its packaging exemption (``except_operator_ids``) covers it. A cell without a row stays
  a remainder of no operator.
- ``place_names_ja.csv``: the Japanese name of each fab location (``region_or_city`` of
  fabs.csv, written exactly as there): 北海道千歳市 for "Chitose, Hokkaido". Japanese places
  are the official municipality names; foreign ones the usual Japanese form. The loader adds
  it to the fabs table as ``region_or_city_ja``; a place without a row has none, and every
  Japanese surface shows its English text instead.

- ``fab_names_ja.csv``: each fab's name in Japanese (``fab_id`` of fabs.csv; every fab has a
  row): the operator's own Japanese wording where it was found (with its source), else
  chipshock's rendering (``assumption:`` in the note, confidence low): the operator as Japanese
  news writes it, the fab's own designation and its place; ``operator_ja``, fabs.csv's
  ``operator`` in Japanese, is chipshock's rendering in every row. The loader adds them to the
  fabs table as ``name_ja`` and ``operator_ja``, by which Japanese texts name the fab and its
  operator.

- ``operator_names.csv``: the display name of an operator (``operator_id`` of fabs.csv) in
  English and Japanese, for the texts that name operators: every operator that a
  ``node_requirements.csv`` row exempts has a row (the utilisation tables' exemption note:
  サムスン電子・インテル, not samsung・intel). The loader adds them to the fabs table as
  ``operator_name`` and ``operator_name_ja``.

Registered into `chipshock.model.schema.CURATED_FILES` by one line at the end of ``schema.py``.
"""

from __future__ import annotations

from chipshock.model.market_schema import MARKETS, NODE_CLASSES
from chipshock.model.table import Column, TableSpec
from chipshock.model.years import REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR

__all__ = [
    "CAPACITY_METHODS",
    "FAB_STATUSES",
    "MATERIAL_STAGES",
    "REGISTRY_SPECS",
    "RENAMED_FAB_STATUSES",
    "SOURCING_MARKETS",
    "TRACKER_STATUSES",
    "WAFER_300MM_EQUIVALENT",
    "WAFER_SIZES_MM",
]

#: Fab status vocabulary (``planned`` of data release 1 is ``announced``). ``closed``: a fab that
#: operated and shut (its fab_capacity.csv rows end at 0 from the closing year); ``cancelled``:
#: a project that never produced; ``on-hold``: a project whose construction is paused with no new
#: schedule (listed, no capacity counted: no fab_capacity.csv row above 0).
FAB_STATUSES: tuple[str, ...] = (
    "operating",
    "ramping",
    "under-construction",
    "announced",
    "cancelled",
    "closed",
    "on-hold",
)
#: Old spellings of a status and the current one: the loader names the new spelling when it meets
#: an old one (data release 7 renamed ``on_hold`` to ``on-hold``, like ``under-construction``).
RENAMED_FAB_STATUSES: dict[str, str] = {"on_hold": "on-hold"}
#: Wafer diameters a fab may run, in mm.
WAFER_SIZES_MM: tuple[int, ...] = (150, 200, 300)
#: 300 mm-equivalent wafers per wafer of each diameter: (d / 300)^2.
WAFER_300MM_EQUIVALENT: dict[int, float] = {d: (d / 300.0) ** 2 for d in WAFER_SIZES_MM}
#: ``method`` of a capacity row: these two, or text starting ``estimate: `` (confidence low).
CAPACITY_METHODS: tuple[str, ...] = ("reported", "press")
#: Status vocabulary of the alliance tracker (alliance_tracker.csv).
TRACKER_STATUSES: tuple[str, ...] = ("announced", "under-way", "done", "delayed", "cancelled")
#: Supply stages of material_supply.csv.
MATERIAL_STAGES: tuple[str, ...] = ("mining", "refining")
#: Markets of sourcing_shares.csv: the end markets, ``all`` (every market of the class), or
#: ``foundry`` (the contract-foundry market of a class: reference rows the engine does not read,
#: since its classes hold IDM and foundry wafers together).
SOURCING_MARKETS: tuple[str, ...] = (*MARKETS, "all", "foundry")

_SOURCE = (
    Column("source_url", nullable=False, description="Primary public source of the row"),
    Column("as_of", nullable=False, description="Date of the source (YYYY[-MM[-DD]])"),
    Column("confidence", nullable=False, choices=("high", "medium", "low")),
    Column("note", description="Caveats; judgements start with 'assumption:'"),
)
#: the date, confidence and note of a name file's row (its source_url says what blank means)
_NAME_SOURCE = (
    Column("as_of", description="Date of the source (YYYY[-MM[-DD]])"),
    Column("confidence", nullable=False, choices=("high", "medium", "low")),
    Column("note"),
)
_CLASS = Column("node_class", nullable=False, choices=NODE_CLASSES)

REGISTRY_SPECS: dict[str, TableSpec] = {
    "fab_capacity": TableSpec(
        "fab_capacity",
        "fab_capacity.csv",
        (
            Column("fab_id", nullable=False, description="A fab_id of fabs.csv"),
            _CLASS,
            Column(
                "year",
                "int",
                nullable=False,
                minimum=REGISTRY_FIRST_YEAR,
                maximum=REGISTRY_LAST_YEAR,
            ),
            Column(
                "capacity_wspm",
                "float",
                nullable=False,
                unit="300mm-equivalent wafers/month",
                minimum=0,
                description="Installed at the end of year; 0 closes the fab in this class",
            ),
            Column("phase", nullable=False, description="What the row covers: P1, P1+P2, all"),
            Column(
                "method",
                nullable=False,
                description="reported, press, or 'estimate: <how>' (then confidence=low)",
            ),
            *_SOURCE,
        ),
        key=("fab_id", "node_class", "year"),
        description="Capacity of each fab per node class over time (step function by year)",
    ),
    "sourcing_shares": TableSpec(
        "sourcing_shares",
        "sourcing_shares.csv",
        (
            Column("market", nullable=False, choices=SOURCING_MARKETS),
            _CLASS,
            Column("operator_id", nullable=False, description="An operator_id as in fabs.csv"),
            Column("share_pct", "float", nullable=False, unit="%", minimum=0.0, maximum=100.0),
            *_SOURCE,
        ),
        key=("market", "node_class", "operator_id"),
        description="Who supplies a market's wafer demand in a node class (rest: other fabs)",
    ),
    "country_groups": TableSpec(
        "country_groups",
        "country_groups.csv",
        (
            Column("group_code", nullable=False, description="EU27, CHIP4, QUAD, G7, EUR, ..."),
            Column("country_code", nullable=False, description="ISO 3166-1 alpha-3 member"),
            *_SOURCE,
        ),
        key=("group_code", "country_code"),
        description="Groups of countries usable wherever a country code is",
    ),
    "materials": TableSpec(
        "materials",
        "materials.csv",
        (
            Column("material_id", nullable=False, description="gallium, rare_earths, ..."),
            Column("name_en", nullable=False),
            Column("name_ja"),
            Column("input_ids", nullable=False, description="';'-separated ETO input ids it feeds"),
            Column("node_classes", nullable=False, description="';'-separated node classes"),
            Column("use", nullable=False, description="What the chip makers use it for"),
            Column("stockpile_weeks", "float", nullable=False, unit="weeks", minimum=0),
            Column("stockpile_weeks_low", "float", nullable=False, unit="weeks", minimum=0),
            Column("stockpile_weeks_high", "float", nullable=False, unit="weeks", minimum=0),
            Column("substitutes", description="Substitutes and their limits"),
            *_SOURCE,
        ),
        key=("material_id",),
        description="Raw materials: inputs and node classes using them, stockpile, substitutes",
    ),
    "materials_ja": TableSpec(
        "materials_ja",
        "materials_ja.csv",
        (
            Column("material_id", nullable=False, description="A material_id of materials.csv"),
            Column(
                "use_ja",
                nullable=False,
                description="materials.csv's use in Japanese: chipshock's translation",
            ),
            Column(
                "substitutes_ja",
                description="materials.csv's substitutes in Japanese: chipshock's translation "
                "(blank exactly where the English is blank)",
            ),
            *_NAME_SOURCE,
        ),
        key=("material_id",),
        description="Japanese translations of the materials' use and substitutes",
    ),
    "material_supply": TableSpec(
        "material_supply",
        "material_supply.csv",
        (
            Column("material_id", nullable=False, description="A material_id of materials.csv"),
            Column("stage", nullable=False, choices=MATERIAL_STAGES),
            Column("country", nullable=False, description="ISO alpha-3 code; ROW = the rest"),
            Column("share_pct", "float", nullable=False, unit="%", minimum=0.0, maximum=100.0),
            Column("year", "int", nullable=False, minimum=1990, maximum=2100),
            *_SOURCE,
        ),
        key=("material_id", "stage", "country"),
        description="Country shares of mining and refining of each material (sum 100 per stage)",
    ),
    "place_names_ja": TableSpec(
        "place_names_ja",
        "place_names_ja.csv",
        (
            Column(
                "region_or_city",
                nullable=False,
                description="A region_or_city of fabs.csv, written exactly as there",
            ),
            Column("country", nullable=False, description="ISO alpha-3 code of its fabs"),
            Column(
                "region_or_city_ja",
                nullable=False,
                description="The place in Japanese: 北海道千歳市, アリゾナ州フェニックス",
            ),
            Column(
                "source_url",
                description="Where the Japanese form is stated; blank: the usual Japanese form, "
                "written by chipshock (SOURCES.md), then confidence is not high",
            ),
            *_NAME_SOURCE,
        ),
        key=("region_or_city",),
        description="Japanese names of the fab locations (fabs.csv region_or_city)",
    ),
    "fab_names_ja": TableSpec(
        "fab_names_ja",
        "fab_names_ja.csv",
        (
            Column("fab_id", nullable=False, description="A fab_id of fabs.csv"),
            Column(
                "name_ja",
                nullable=False,
                description="The fab in Japanese: JASM第1工場, TSMC Fab 18（台南・南部サイエンス"
                "パーク、ギガファブ）",
            ),
            Column(
                "operator_ja",
                nullable=False,
                description="fabs.csv's operator in Japanese: chipshock's rendering in every row "
                "(the companies as Japanese news writes them, SOURCES.md): JASM（TSMC 86.5%、"
                "ソニーセミコンダクタソリューションズ 6.0%、…）",
            ),
            Column(
                "source_url",
                description="Where the operator writes the name so; blank: chipshock's rendering "
                "(an assumption: note, confidence low)",
            ),
            *_NAME_SOURCE,
        ),
        key=("fab_id",),
        description="Japanese names of the fabs (every fab of fabs.csv has one)",
    ),
    "operator_names": TableSpec(
        "operator_names",
        "operator_names.csv",
        (
            Column("operator_id", nullable=False, description="An operator_id of fabs.csv"),
            Column("name", nullable=False, description="The operator in English: Samsung"),
            Column("name_ja", nullable=False, description="The operator in Japanese: サムスン電子"),
            Column("source_url", description="Where the Japanese form is used"),
            *_NAME_SOURCE,
        ),
        key=("operator_id",),
        description="Display names of the operators that texts name (every operator a "
        "node_requirements.csv row exempts has one)",
    ),
    "alliance_tracker": TableSpec(
        "alliance_tracker",
        "alliance_tracker.csv",
        (
            Column("item_id", nullable=False),
            Column("parent_item_id", description="The item a milestone belongs to"),
            Column(
                "kind",
                nullable=False,
                choices=("deliverable", "milestone", "context"),
                description="context: a top item whose rows are not items of the visit (U.S. "
                "CHIPS Act fabs without a Japanese party), counted apart on every surface",
            ),
            Column("title", nullable=False),
            Column(
                "title_ja",
                nullable=False,
                description="The title in Japanese: chipshock's translation (SOURCES.md)",
            ),
            Column("actors", nullable=False),
            Column("countries", nullable=False, description="';'-separated ISO alpha-3 codes"),
            Column("event_date", nullable=False, description="YYYY[-MM[-DD]], past or target"),
            Column("status", nullable=False, choices=TRACKER_STATUSES),
            Column("status_as_of", nullable=False, description="Date the status was last seen"),
            Column(
                "fab_id",
                description="The fabs.csv fab whose production start the row dates: the tracker "
                "shows beside the date the year fab_capacity.csv counts its volume from",
            ),
            Column(
                "status_note",
                required=False,
                description="Why the status is what it is, shown beside it on every surface: a "
                "later source's word, a counterpart that changed, or that no later public source "
                "was found (so a stale flag is explained); blank: nothing to add",
            ),
            Column(
                "status_note_ja",
                required=False,
                description="status_note in Japanese: chipshock's translation (SOURCES.md); "
                "given whenever status_note is",
            ),
            *_SOURCE,
        ),
        key=("item_id",),
        description="U.S.-Japan semiconductor deliverables (April 2024) and milestones since",
    ),
    "remainder_operators": TableSpec(
        "remainder_operators",
        "remainder_operators.csv",
        (
            Column(
                "region",
                nullable=False,
                description="A capacity region code of regional_capacity.csv (TWN, KOR, EUR, ...)",
            ),
            _CLASS,
            Column(
                "operator_id",
                nullable=False,
                description="The operator_id (fabs.csv) that makes every wafer of the cell",
            ),
            *_SOURCE,
        ),
        key=("region", "node_class"),
        description=(
            "Region x class cells whose 'other fabs' remainder counts as one operator's "
            "(firm shocks, same-operator substitution, packaging exemptions)"
        ),
    ),
}
