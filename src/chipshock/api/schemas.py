"""Request and response models of the HTTP API (pydantic), shown in the OpenAPI page at /docs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from chipshock.model.years import REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR
from chipshock.present.error_text import ERROR_CODES, PROBLEM_CODES
from chipshock.scenarios.overrides import MAX_DURATION_WEEKS

__all__ = [
    "JOB_ID_EXPECTED",
    "JOB_ID_PATTERN",
    "CompareRequest",
    "ContributionsRequest",
    "ErrorProblem",
    "ErrorResponse",
    "Health",
    "Meta",
    "PooledCharts",
    "ProducerUtilisation",
    "ResultResponse",
    "RunRequest",
    "ScenarioCompareResponse",
    "ScenarioResult",
    "ScenarioRunRequest",
    "ScenarioRunResponse",
    "SensitivityRequest",
    "ShockReached",
    "SourcingRow",
    "TableResponse",
]


FabId = Annotated[str, Field(min_length=1, max_length=100)]
#: a job's id as a POST /api/jobs/... answers it (`uuid.uuid4().hex[:12]`, `JobBoard.start`)
JOB_ID_PATTERN = r"^[0-9a-f]{12}$"
#: what a job id that is not of that form was expected to be (``api_expected.job_id``)
JOB_ID_EXPECTED = "a job_id as a POST /api/jobs/... answers it: 12 characters, each 0-9 or a-f"
#: the longest scenario file a request may carry (the body itself is capped at 64 KiB,
#: `chipshock.api.hardening.MAX_BODY_BYTES`); the built-in files are under 8,000 characters
MAX_TOML_CHARS = 60_000


class Meta(BaseModel):
    """Where the figures come from and how current they are."""

    model_config = ConfigDict(extra="allow")

    source: str = Field(description="Dataset the figures come from.")
    licence: str = Field(description="Licence of the dataset.")
    as_of: str | None = Field(description="Date of the data (latest row date for curated files).")
    citation: str | None = None
    release: str | None = None
    note: str | None = None


class TableResponse(BaseModel):
    """One tidy table: rows as objects, with the parameters used and the source metadata."""

    model_config = ConfigDict(extra="allow")

    meta: Meta
    params: dict[str, Any] = Field(default_factory=dict)
    rows: list[dict[str, Any]]


class ResultResponse(BaseModel):
    """A result with several parts (tables and figures), with source metadata."""

    model_config = ConfigDict(extra="allow")

    meta: Meta
    params: dict[str, Any] = Field(default_factory=dict)


Pct = Annotated[float | None, Field(description="% (null: no value)")]


class ProducerUtilisation(BaseModel):
    """How hard one producer (a fab in one node class, or a region's "other fabs" remainder)
    runs: its capacity and normal utilisation in the shock year, and its utilisation averaged
    over each simulated future's shock weeks (chips sold, own customers and orders taken over
    from cut-off producers, / capacity), as percentiles across the simulated futures. Rows
    come in three blocks, each most stretched first (shock p50 descending): the shock year's
    producers, then the fabs without capacity in the shock year measured in a later year over
    fewer simulated futures (``in_shock_year`` false; not ranked with the first), then
    producers without values."""

    model_config = ConfigDict(extra="allow")

    producer_id: str = Field(description="<fab_id>:<node class>, or other:<REGION>:<class>.")
    name: str = Field(description='The fab\'s name, or "other fabs (REGION, class)".')
    kind: Literal["fab", "other fabs"]
    operator_id: str
    operator: str = Field(
        description='Operator name ("other fabs" for a remainder; "other fabs, counted as '
        "<operator>'s (remainder_operators.csv: <source>)\" for one counted as an operator's)."
    )
    region: str = Field(description="Model region (country code, EUR or ROW).")
    country: str
    node_class: str
    year: int = Field(
        description="The year measured: the shock year (the year the first shock starts), or "
        "for a fab without capacity then, its first later year with capacity."
    )
    in_shock_year: bool | None = Field(
        default=None,
        description="False for a fab measured in a later year, over only the shock_runs runs "
        "whose shock weeks reach it: shown apart, not ranked with the shock year's producers "
        "(null in a result saved before this field).",
    )
    capacity_kwspm: float = Field(description="Capacity in that year, thousand wafers/month.")
    baseline_pct: Pct = Field(
        description="Normal orders (end-market demand x sourcing share) / capacity, %."
    )
    shock_runs: int = Field(description="Runs with shock weeks in which the producer had capacity.")
    shock_mean_pct: Pct
    shock_p5_pct: Pct
    shock_p50_pct: Pct
    shock_p95_pct: Pct
    change_pp: float | None = Field(description="shock_p50_pct - baseline_pct, points.")
    horizon_p50_pct: Pct = Field(description="Median run's mean utilisation over the horizon.")
    capacity_source: str = Field(description="Source URL of the capacity figure.")
    capacity_as_of: str | None = Field(description="As-of date of the capacity figure.")
    capacity_confidence: str
    capacity_age_years: int | None = Field(
        default=None,
        description="How many years before the row's year the capacity figure is dated: year "
        "minus capacity_as_of's year (null without a date).",
    )
    capacity_age_old: bool | None = Field(
        default=None,
        description="True when capacity_age_years exceeds model_assumptions.csv "
        "capacity_audit_max_age_years (utilisation_meta.capacity_age_max_years): the figure "
        "is old for the year it is used in (`chipshock data audit` lists such rows by the first "
        "model year they serve, so its ages are smaller).",
    )
    capacity_as_of_label: str | None = Field(
        default=None,
        description="capacity_as_of as the tables show it: an old figure with a marker and its "
        'age, "⚠ 2007-10 (20 years before 2027)"; capacity_as_of_label_ja in Japanese.',
    )
    capacity_as_of_label_ja: str | None = None


class ShockReached(BaseModel):
    """What one shock of a run reached (`chipshock.sim.run.reach.ShockReach`)."""

    shock: int = Field(description="Its position among the file's [[shock]] tables, from 0.")
    field: str = Field(description='The same as the messages name it: "shock[0]".')
    kind: str
    targets: list[str] = Field(description="As the file writes them (group codes unexpanded).")
    year: int = Field(
        description="The shock's start year (within the horizon): the year of the capacity shares."
    )
    producers: int = Field(
        description="Producers reached: one per fab and node class, and "
        'the "other fabs" remainders (an export control: the producers of its ``to``).'
    )
    fabs: list[str] = Field(description="The itemised fabs reached (fab_id).")
    other_fabs: list[str] = Field(
        description='The "other fabs" remainders reached (other:<REGION>:<class>).'
    )
    capacity_share_pct: dict[str, float] = Field(
        description="Node class -> the reached "
        "producers' share of the world's capacity of the class in ``year``, %, the model's "
        "producers summed (fab_capacity.csv, global_capacity.csv x regional_capacity.csv)."
    )
    regions: list[str]
    operators: list[str] = Field(
        description="The reached producers' operators (a remainder's "
        "as remainder_operators.csv counts it)."
    )
    inputs: list[str] = Field(
        description="The inputs whose supply it cuts (ETO or "
        "raw-material ids): a country's or firm's share, the input itself, a controlled flow."
    )
    input_classes: list[str] = Field(
        description="The node classes whose requirement rows "
        "(node_requirements.csv) those inputs bind."
    )
    markets: list[str] = Field(description="A demand shock's markets.")
    classes: list[str] = Field(description="A demand shock's node classes.")
    direction: str = Field(description='A demand shock\'s "surge" or "slump"; "" otherwise.')
    capacity_sources: list[str] = Field(
        description="source_url of the reached producers' "
        "capacity rows in ``year`` (the file's name where a row has none)."
    )
    capacity_as_of: list[str] = Field(
        description="The oldest and newest as_of of those rows (one when the same, none without)."
    )


class ScenarioResult(BaseModel):
    """The tables of one scenario result that every surface shows (other parts: see the
    example responses)."""

    model_config = ConfigDict(extra="allow")

    kpis: list[dict[str, Any]] = Field(
        description="KPI percentiles per market (mean, p5, p50, p95); the weeks_to_recover rows "
        "also carry censored_at (the value of a run whose output is not back to normal by the "
        "horizon end: weeks from the first shock start to the end; a percentile equal to it is "
        "a lower bound, shown '≥ N') and not_recovered_pct (the share of runs not back to "
        "normal by then), null on the other rows."
    )
    utilisation: list[ProducerUtilisation] = Field(
        default_factory=list,
        description="Per-producer utilisation, most stretched first (`chipshock scenario run "
        "--utilisation`, the dashboard's and the report's producer table).",
    )
    utilisation_meta: Meta | None = Field(
        default=None,
        description="Source and as-of of the utilisation table; exemption_note / "
        "exemption_note_ja: the operators exempt from an input a shock of the run reaches "
        "(advanced_packaging), whose fabs no cut of it reaches (null when none); "
        "class_utilisation: each node class's normal utilisation in the shock year, % "
        "(utilisation_pct), and the file it comes from (utilisation_path.csv in a year it "
        "gives, else model_assumptions.csv; empty for a saved result); "
        "capacity_age_max_years: the threshold of capacity_age_old (model_assumptions.csv "
        "capacity_audit_max_age_years); capacity_age_note / capacity_age_note_ja: the line "
        "under the table when a capacity figure is old (null otherwise).",
    )
    sourcing: list[str] = Field(
        default_factory=list,
        description="The scenario's own [[sourcing]] rows (the request's ``sourcing``), each "
        "market and class as sourced and as served in the first shock year: the lines "
        "`chipshock scenario run` prints and gives under ``sourcing`` in --format json "
        "(empty without rows).",
        examples=[
            [
                "automotive n28_45 (scenario [[sourcing]], 2027): tsmc 60 % sourced, 31.1 % "
                "served; renesas 25 % sourced, 2.3 % served; umc 15 % sourced, 10.9 % served; "
                "the rest (0 %) by capacity; 55.8 % of the sourced shares moved to the class's "
                "other fabs (the registry's fabs of these operators cannot make more at the "
                "class's utilisation: chipshock sourcing --check)"
            ]
        ],
    )
    settings: dict[str, list[str]] = Field(
        default_factory=dict,
        description="What the scenario sets beside its shocks, one sentence each in `en` and "
        "`ja`: the buyers' stocks (always; the model_assumptions.csv row of its inventory "
        "regime with its date and confidence), the restocking target, `[priorities]` and each "
        "`[[fab_override]]`; the lines `chipshock scenario run` prints under its heading and "
        "gives as ``settings`` in --format json.",
    )
    sourcing_ja: list[str] = Field(
        default_factory=list,
        description="The same lines in Japanese, markets, classes and operators by name "
        "(`chipshock scenario run --lang ja` prints them; ``sourcing_ja`` in --format json).",
        examples=[
            [
                "自動車・28〜45nm（シナリオの[[sourcing]]、2027年）：TSMCは調達60%・供給31.1%、"
                "…。残りの0%は生産能力に応じて配分。…"
            ]
        ],
    )
    sourcing_rows: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Those rows: market, node_class, operator, year, sourced_pct, served_pct "
        "(the share of the market's wafers in the class the operator's fabs serve once no fab "
        "is given more normal orders than the class's utilisation of its capacity), note.",
    )
    shock_reach: list[ShockReached] = Field(
        default_factory=list,
        description="What each [[shock]] of the run reached, in the file's order "
        "(`chipshock.sim.run.reach`; ``shock_reach`` in `chipshock scenario run --format json`).",
    )
    shock_reach_text: dict[str, list[str]] = Field(
        default_factory=dict,
        description="The same, one line per shock in `en` and `ja`: the lines `chipshock "
        "scenario run` prints under its heading (lists cut to the first four, the rest counted).",
        examples=[
            {
                "en": [
                    "shock[0] (shock to a country TWN, 2027) reached 37 producers (32 at 21 fabs, "
                    "5 other fabs) in Taiwan; 61.8% of Leading edge (<10 nm), ... world capacity "
                    "in 2027; ..."
                ]
            }
        ],
    )


class PooledCharts(BaseModel):
    """Vega-Lite specs (``charts``: by language, then by chart name) whose tables are sent once,
    beside them, in ``chart_data`` (`chipshock.api.chart_data`)."""

    model_config = ConfigDict(extra="allow")

    charts: dict[str, dict[str, dict[str, Any]]] = Field(
        description="The report's chart specs in `en` and `ja`; each spec's `datasets` lists the "
        "names of its tables in `chart_data.datasets`."
    )
    chart_data: dict[str, Any] = Field(
        description="The tables of `charts`, each column once: `datasets` (name -> {length, "
        "columns: {field: index}}) and `columns` ({values}, run-length with `repeats`, strings "
        "as indexes into `levels`); `chipshock.api.chart_data.restore_chart_data` rebuilds "
        "the specs."
    )


class HorizonWarnings(BaseModel):
    """Notes on the run's horizon and per-market caveats, in English and Japanese (empty lists
    when none applies)."""

    model_config = ConfigDict(extra="allow")

    warnings: list[str] = Field(
        default_factory=list,
        description="Horizon years past the last year of global_capacity.csv: world capacity "
        "(and the chip demand scaled to it) held flat while each market's downstream value "
        "per week keeps growing, so output at risk in USD there rises with valuation "
        "(the words of GET /api/capacity's warnings, then what they mean for the run).",
    )
    warnings_ja: list[str] = Field(default_factory=list, description="The same in Japanese.")
    caveats: list[str] = Field(
        default_factory=list,
        description="Per market whose output loss the answer gives and where the history check "
        "(chipshock validate, docs/validation.md) shows the model far from what happened: how "
        "to read that market's figures (automotive: a lower bound). Also at the end of "
        "summary_text.",
    )
    caveats_ja: list[str] = Field(default_factory=list, description="The same in Japanese.")


class ScenarioRunResponse(ResultResponse, ScenarioResult, PooledCharts, HorizonWarnings):
    """One scenario run: bands, KPIs, per-producer utilisation, charts (their tables in
    ``chart_data``), summary texts, ``warnings``."""

    bands: list[dict[str, Any]] | dict[str, Any] = Field(
        description="The weekly percent bands (week, date, series, key, p5, p50, p95): one "
        'object per row, or with the request\'s ``"bands": "table"`` the same values column by '
        'column, ``{"length": n, "columns": {field: column}}``, each column encoded as '
        "``chart_data``'s (``values``; run-length with ``repeats``; strings as indexes into "
        "``levels``); `chipshock.api.chart_data.table_rows` gives the rows back."
    )


class AvoidedBin(BaseModel):
    """One bar of the avoided-loss histogram: the runs that avoid ``start <= x < end`` USD bn."""

    start: float
    end: float
    count: int


class AvoidedLossSummary(BaseModel):
    """Economic output at risk avoided by the better side of a comparison, run by run (USD bn,
    all end markets; `chipshock.present.avoided_chart`): run *i* of one side against run *i* of
    the other, as `headline.loss_avoided_usd_bn` pairs them."""

    runs: int
    first_is_better: bool = Field(
        description="True when the first side (`a`) loses less: then the values are "
        "`headline.loss_avoided_usd_bn` negated (p5 ↔ p95); else they are the headline's."
    )
    mean: float
    p5: float
    p50: float
    p95: float
    runs_other_way: int = Field(description="Runs in which the better side loses more (< 0).")
    bins: list[AvoidedBin] = Field(
        description="The histogram the chart draws: bins of one round width (1, 2 or 5 × 10^k "
        "USD bn, at most 30), from the first holding a run to the last."
    )


class ScenarioCompareResponse(ResultResponse, PooledCharts, HorizonWarnings):
    """Two scenarios on common random numbers: each side's KPIs, summary, assumptions and
    utilisation (``a``, ``b``; their weekly bands and per-country tables are in ``charts``, and
    in ``/api/scenarios/run`` for either side), per-run ``delta`` and the ``headline``."""

    a: ScenarioResult
    b: ScenarioResult
    avoided: AvoidedLossSummary | None = Field(
        default=None,
        description="The lead chart (`charts.en.avoided`, `charts.ja.avoided`) in numbers: what "
        "the better side avoids, run by run; null when a side has no per-run table.",
    )
    better: Literal["a", "b"] | None = Field(
        default=None,
        description="The side that loses less output (the median of the difference in each "
        "simulated future in weeks of output lost, all markets), whose avoided amounts every "
        "surface shows as positive; null when neither does (a scenario against itself). "
        "``delta`` stays b − a. "
        "The same as `chipshock scenario compare --format json`'s ``better``.",
    )


class ErrorProblem(BaseModel):
    """One problem of an error, in parts (`chipshock.present.error_text.ErrorPart`)."""

    field: str | None = Field(
        description="Where: the field or query parameter, a scenario "
        "file's path (``shock[0].duration_weeks``), or null."
    )
    code: str = Field(description="The kind of problem: " + ", ".join(PROBLEM_CODES) + ".")
    message: str = Field(description="The problem in English, as ``detail`` words it.")
    value: str | None = Field(default=None, description="The value given, as text.")
    expected: str | None = Field(default=None, description="What was expected, in English.")
    expected_ja: str | None = Field(
        default=None,
        description="The same in Japanese, built from its parts (lists of valid names and ids, "
        "numbers, commands kept as written; `chipshock.present.expected_text`); null when "
        "``expected`` is.",
    )


class ErrorResponse(BaseModel):
    """What went wrong: a message naming the field, and the field when there is one; the
    same error in parts (``code``, ``problems``) and in Japanese (``detail_ja``)."""

    detail: str = Field(description="The error in English (unchanged for scripts).")
    field: str | None = None
    code: str = Field(description="The kind of error: " + ", ".join(ERROR_CODES) + ".")
    problems: list[ErrorProblem] = Field(
        default_factory=list, description="Each problem in parts, in the order of ``detail``."
    )
    detail_ja: str = Field(
        description="The error in Japanese, built from ``code`` and ``problems`` (the "
        "dashboard shows it on its Japanese page); fields and values as given."
    )
    errors: list[dict[str, Any]] | None = None
    overlap: dict[str, Any] | None = Field(
        default=None,
        description="Synergy of two groups that share countries (422): ``a``, ``b`` as asked, "
        "``shared``, ``a_only``, ``b_only`` (each group's other members with data), "
        "``a_without_data``, ``b_without_data``.",
    )


class Health(BaseModel):
    status: str
    version: str
    read_only: bool
    max_runs: int
    time_budget_s: float
    job_time_budget_s: float = Field(
        description="Seconds a background job (/api/jobs/*) may take; longer than a request's."
    )
    scenarios_available: bool
    warm: bool = Field(
        description="Start-up caches built (requests before that are answered, only slower)."
    )


class SourcingRow(BaseModel):
    """One ``[[sourcing]]`` table of a scenario file (docs/scenarios.md), as a JSON object:
    ``operator`` serves ``share_pct`` % of ``market``'s wafers in ``node_class``. Only the types
    are checked here; the values are checked by the scenario parser's own code
    (`chipshock.scenarios.parse_sourcing`), with the file's messages and paths
    (``sourcing[0].share_pct``)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    market: str = Field(max_length=60, examples=["automotive"], description="A market id.")
    node_class: str = Field(max_length=20, examples=["n28_45"], description="A node class.")
    operator: str = Field(
        max_length=60,
        examples=["tsmc"],
        description="An operator id of fabs.csv with fabs of the class in the scenario's years.",
    )
    share_pct: float = Field(
        examples=[60],
        description="The operator's share of the market's wafers in the class, "
        "0-100; the rows of one market and class add up to at most 100.",
    )
    note: str | None = Field(
        default=None, max_length=500, description="Where the figure comes from."
    )


class RunRequest(BaseModel):
    """Run a scenario: a built-in id (or a scenario file's text in ``toml``), optionally
    changed. Strict: ``false`` is not a seed."""

    model_config = ConfigDict(extra="forbid", strict=True)

    scenario: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        examples=["taiwan-blockade-2027-6m"],
        description="A built-in scenario id (GET /api/scenarios); required unless `toml` is given.",
    )
    start_year: int | None = Field(
        default=None,
        ge=REGISTRY_FIRST_YEAR,
        le=REGISTRY_LAST_YEAR,
        description="Year the shocks start (all shocks move). The scenario's horizon must stay "
        "within the years the data covers; a year that moves it out is a 422 that names the "
        "years this scenario allows (the CLI's --start-year check).",
    )
    duration_weeks: float | None = Field(
        default=None,
        ge=0,
        le=MAX_DURATION_WEEKS,
        allow_inf_nan=False,
        description=f"Duration of every shock, in weeks: a number 0-{MAX_DURATION_WEEKS} (0 = "
        "no shock), the rule of the CLI's --duration-weeks (review 14 #5).",
    )
    alliance_fabs: bool | None = Field(
        default=None,
        description="Omitted: as the scenario says. False switches the U.S.–Japan alliance fabs "
        "off, True switches them on (also in a scenario that has them off).",
    )
    fabs_off: list[FabId] = Field(default_factory=list, max_length=100)
    fabs_on: list[FabId] = Field(default_factory=list, max_length=100)
    runs: int | None = Field(default=None, ge=1, description="Monte Carlo runs (capped).")
    seed: int | None = Field(default=None, ge=0, le=2**32 - 1)
    sourcing: list[SourcingRow] = Field(
        default_factory=list,
        max_length=200,
        description="A buyer's supplier mix, as a scenario file's [[sourcing]] tables: the rows "
        "of one market and class replace sourcing_shares.csv's (and the scenario's own) for "
        "it; the rest of the class goes to its other fabs by capacity. Checked as the file's "
        "(422 naming sourcing[i].field and the value).",
        examples=[
            [
                {
                    "market": "automotive",
                    "node_class": "n28_45",
                    "operator": "tsmc",
                    "share_pct": 60,
                    "note": "our 28-45 nm MCUs, purchasing data 2026",
                },
                {
                    "market": "automotive",
                    "node_class": "n28_45",
                    "operator": "renesas",
                    "share_pct": 25,
                },
                {
                    "market": "automotive",
                    "node_class": "n28_45",
                    "operator": "umc",
                    "share_pct": 15,
                },
            ]
        ],
    )

    toml: str | None = Field(
        default=None,
        max_length=MAX_TOML_CHARS,
        description="Instead of `scenario`: a scenario file's text (docs/scenarios.md: "
        "[scenario], [[shock]], [[intervention]], [[fab_override]], [[sourcing]], [groups], "
        "[priorities], [parameters]), read by the CLI's parser; a problem is a 422 naming "
        "`toml` and the path in the file (`toml, shock[0].start: ...`). The other fields "
        "change it as they change a built-in; its runs are capped by the server's max_runs.",
        examples=[
            '[scenario]\nid = "my-blockade"\nstart_year = 2027\nend_year = 2029\n\n'
            '[[shock]]\nkind = "country"\ntargets = ["TWN"]\nstart = "2027-06"\n'
            "duration_weeks = 26\nseverity = 1.0\n"
        ],
    )


class ScenarioRunRequest(RunRequest):
    """Run a scenario (`RunRequest`) and choose how the answer sends its weekly bands."""

    bands: Literal["rows", "table"] = Field(
        default="rows",
        description='How the answer\'s ``bands`` are sent: "rows" (the default), one object per '
        'row; "table", the same values column by column, repeated strings once (the flagship '
        "10-year run's answer is then well under half the size; see ScenarioRunResponse).",
    )


class CompareRequest(RunRequest):
    """Compare a scenario with another, or (no ``other``) with the alliance fabs switched off."""

    other: str | None = Field(
        default=None,
        max_length=100,
        description="Built-in scenario to compare with; default (no `other`, no `other_toml`): "
        "the same scenario without alliance fabs.",
    )
    other_toml: str | None = Field(
        default=None,
        max_length=MAX_TOML_CHARS,
        description="Instead of `other`: the other scenario file's text, read and checked as "
        "`toml` is (a problem is a 422 naming `other_toml` and the path in the file). The "
        "request's changes apply to both sides; both run the first side's runs and seed.",
    )


class ContributionsRequest(RunRequest):
    """What each fab of a set avoids in a scenario, alone and added to the others
    (`chipshock scenario contributions`). ``runs`` are per side (default 100); the server runs
    ``(2 + 2 x fabs) x runs`` in all (2 x runs for one fab) and lowers the runs per side to keep
    that within its ``max_runs``."""

    fabs: list[FabId] = Field(
        default_factory=list,
        max_length=20,
        description="Fab ids to assess (default: the alliance fabs less any the request keeps "
        "switched in fabs_off / fabs_on, which stay so on every side; a fab in both lists is a "
        "422; alliance_fabs is refused: the analysis switches the assessed fabs itself).",
    )


class SensitivityRequest(RunRequest):
    """Which assumptions drive a scenario's answer: each moved alone to its low and high value.

    ``runs`` are per side (default 100); the server runs ``(2 x factors + 1) x runs`` in all and
    lowers the runs per side to keep that within its ``max_runs``."""

    kpi: str = Field(default="loss_usd_bn", max_length=60, examples=["loss_usd_bn"])
    market: str = Field(default="all", max_length=60, description="An end market id, or all.")
    factors: list[Annotated[str, Field(max_length=60)]] | None = Field(
        default=None,
        max_length=20,
        description="Factor ids (default: every default factor), e.g. shock_duration.",
    )
    lang: Literal["en", "ja"] = Field(default="en", description="Language of ``reading``.")
