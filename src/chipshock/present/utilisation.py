"""Which rows of a producer-utilisation summary (`chipshock.sim.run.utilisation`) every surface
ranks, and which it shows apart.

The summary's rows are measured in the shock year, except those of fabs without capacity then
that start during the shock: each of those is measured in its first year with capacity, only in
the runs whose shock weeks reach that year (``shock_runs``, often a few), so no surface ranks it
with the shock year's producers (the CLI, the report and the API's ``utilisation_meta`` say so
through these two functions).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from chipshock.data.capacity_age import capacity_age_threshold
from chipshock.present.capacity_age import capacity_age_columns, capacity_age_note
from chipshock.present.jsonable import to_jsonable
from chipshock.present.labels import country_label, node_label, operator_names

__all__ = [
    "UTILISATION_SOURCE_JA",
    "capacity_age_meta",
    "class_utilisation_line",
    "class_utilisation_rows",
    "counted_as_name",
    "exemption_names",
    "exemption_note",
    "producer_names",
    "reached_requirements",
    "shock_year",
    "shock_year_rows",
    "utilisation_meta",
    "utilisation_payload",
    "utilisation_rows",
]

_PATH_FILE = "utilisation_path.csv"
_ROW_FILE = "model_assumptions.csv"


#: what `class_utilisation_rows` carries of the data row behind each value, where the run's
#: assumptions table has it (`chipshock.sim.assumptions.ASSUMPTION_COLUMNS`)
_CITED = ("source_url", "as_of", "confidence")


def class_utilisation_rows(assumptions: pd.DataFrame | None, year: int | None) -> pd.DataFrame:
    """Each node class's normal utilisation in ``year`` as the run used it, read from the run's
    assumptions table (`chipshock.sim.assumptions.assumption_rows`): utilisation_path.csv's row
    ``<class>/<year>`` where the run has one, else model_assumptions.csv's
    ``utilisation_<class>`` (the rule of `chipshock.sim.demand.markets.class_utilisation_path`).
    Columns node_class, utilisation_pct, file (where the value comes from), id (its row there)
    and that row's source_url, as_of and confidence (None where the table has none); empty
    without assumptions or a year. The CLI, the report, the API's ``utilisation_meta`` and the
    dashboard's run view show these.

    >>> a = pd.DataFrame({"file": ["model_assumptions.csv", "model_assumptions.csv",
    ...     "utilisation_path.csv"], "id": ["utilisation_dram", "utilisation_gt45",
    ...     "dram/2027"], "value": [0.92, 0.78, 0.97], "as_of": ["2025-06", "2025-06", "2026-11"]})
    >>> t = class_utilisation_rows(a, 2027)
    >>> t[["node_class", "utilisation_pct", "file"]].values.tolist()
    [['dram', 97.0, 'utilisation_path.csv'], ['gt45', 78.0, 'model_assumptions.csv']]
    >>> t[["id", "as_of", "confidence"]].values.tolist()
    [['dram/2027', '2026-11', None], ['utilisation_gt45', '2025-06', None]]
    """
    cols = ["node_class", "utilisation_pct", "file", "id", *_CITED]
    if assumptions is None or assumptions.empty or year is None:
        return pd.DataFrame(columns=cols)
    ids, files = assumptions["id"].astype(str), assumptions["file"].astype(str)
    values = assumptions["value"]

    def cited(i: object) -> list[object]:
        out: list[object] = []
        for c in _CITED:
            cell = assumptions[c].get(i) if c in assumptions else None
            # the rows' texts; a blank cell is missing (NaN or None), never "nan"
            out.append(cell if isinstance(cell, str) and cell else None)
        return out

    out: list[list[object]] = []
    for i in assumptions.index[(files == _ROW_FILE) & ids.str.startswith("utilisation_")]:
        c = ids[i].removeprefix("utilisation_")
        hit = assumptions.index[(files == _PATH_FILE) & (ids == f"{c}/{int(year)}")]
        row = hit[0] if len(hit) else i
        where = _PATH_FILE if len(hit) else _ROW_FILE
        out.append([c, round(100.0 * float(values[row]), 1), where, ids[row], *cited(row)])
    return pd.DataFrame(out, columns=cols)


def class_utilisation_line(
    assumptions: pd.DataFrame | None, year: int | None, lang: str = "en"
) -> str:
    """One line naming each class's normal utilisation in ``year`` and, where it is a
    utilisation_path.csv row, saying so (`class_utilisation_rows`); "" when there is none.

    >>> a = pd.DataFrame({"file": ["model_assumptions.csv", "utilisation_path.csv"],
    ...     "id": ["utilisation_dram", "dram/2027"], "value": [0.92, 0.97]})
    >>> class_utilisation_line(a, 2027)
    'Normal utilisation by class in 2027: DRAM memory 97% (utilisation_path.csv, that year).'
    >>> class_utilisation_line(a, 2027, "ja")
    '2027年のノード区分別の平常稼働率：DRAMメモリ 97%（utilisation_path.csv、その年）。'
    """
    rows = class_utilisation_rows(assumptions, year)
    if rows.empty:
        return ""
    # each class by its name, not its id, in both languages (review 16, finding 8)
    if lang == "ja":
        cells = [
            f"{node_label(str(r.node_class), 'ja')} {r.utilisation_pct:g}%"
            + ("（utilisation_path.csv、その年）" if r.file == _PATH_FILE else "")
            for r in rows.itertuples()
        ]
        return f"{year}年のノード区分別の平常稼働率：" + "、".join(cells) + "。"
    path = "utilisation_path.csv, that year"
    cells = [
        f"{node_label(str(r.node_class))} {r.utilisation_pct:g}%"
        + (f" ({path})" if r.file == _PATH_FILE else "")
        for r in rows.itertuples()
    ]
    return f"Normal utilisation by class in {year}: " + ", ".join(cells) + "."


def producer_names(
    producer_ids: Iterable[object], current: Iterable[object], names: Mapping[str, str]
) -> list[str]:
    """Each producer's name with ``names`` (fab_id -> name in a language,
    `chipshock.present.labels.fab_names`): an itemised fab's producer (id "<fab_id>:<class>")
    by its fab's name there; a region's "other fabs" (id "other:<REGION>:<class>"), or a fab
    ``names`` lacks, by its ``current`` name. The Japanese tables of every surface (utilisation,
    sourcing by producer) name fabs so.

    >>> producer_names(["jasm:n10_22", "other:JPN:gt45"], ["JASM Kumamoto Fab 1",
    ...     "other fabs (JPN)"], {"jasm": "JASM第1工場"})
    ['JASM第1工場', 'other fabs (JPN)']
    """
    return [
        names.get(str(pid).rsplit(":", 1)[0], str(name))
        for pid, name in zip(producer_ids, current, strict=True)
    ]


def shock_year(table: pd.DataFrame) -> int | None:
    """The shock year of a summary table: the year of its ``in_shock_year`` rows; for a table
    saved before that column (values null), its earliest year (later years are only those of
    fabs built during the shock). None when empty.

    >>> shock_year(pd.DataFrame({"year": [2028, 2027], "in_shock_year": [False, True]}))
    2027
    """
    if table.empty:
        return None
    if "in_shock_year" in table and table["in_shock_year"].notna().all():
        flagged = table.loc[table["in_shock_year"].astype(bool), "year"]
        if not flagged.empty:
            return int(flagged.min())
    return int(table["year"].min())


def shock_year_rows(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the rows measured in the shock year, the rows measured in a later year), each in the
    table's order: the first are ranked against each other, the second (fabs without capacity
    in the shock year, measured over ``shock_runs`` runs only) are shown apart."""
    year = shock_year(table)
    if year is None:
        return table, table.iloc[:0]
    later = table["year"].astype(int) != year
    return table[~later], table[later]


def exemption_names(
    fabs: pd.DataFrame | None, raw_materials: pd.DataFrame | None, lang: str = "en"
) -> dict[str, str]:
    """The names `exemption_note` writes in ``lang``, by id: each operator's display name
    (operator_names.csv through the fabs table, `chipshock.present.labels.operator_names`) and
    each raw-material input's name (raw_materials.csv ``name_en`` / ``name_ja``:
    advanced_packaging -> 先端パッケージング（2.5D/3D、CoWoS級）).

    >>> raw = pd.DataFrame({"material_id": ["pk", "pk"], "name_en": ["Packaging"] * 2,
    ...     "name_ja": ["パッケージング"] * 2})
    >>> exemption_names(None, raw, "ja"), exemption_names(None, raw)
    ({'pk': 'パッケージング'}, {'pk': 'packaging'})
    """
    names: dict[str, str] = dict(operator_names(fabs, "ja" if lang == "ja" else "en"))
    column = "name_ja" if lang == "ja" else "name_en"
    if raw_materials is not None and column in raw_materials and "material_id" in raw_materials:
        for i, n in zip(raw_materials["material_id"], raw_materials[column], strict=True):
            if isinstance(n, str) and n:
                # inside an English sentence: "exempt from advanced packaging (2.5D/3D, ...)"
                lower = lang != "ja" and n[1:2].islower()
                names.setdefault(str(i), n[0].lower() + n[1:] if lower else n)
    return names


def exemption_note(
    requirements: pd.DataFrame | None, lang: str = "en", names: Mapping[str, str] | None = None
) -> str:
    """The utilisation tables' note on the operators a ``node_requirements.csv`` row exempts
    from its input as in-house makers: no cut of the input reaches their fabs, their own lines'
    included, so their utilisation in such a cut is an upper bound (review 8, finding 2; "" when
    no row exempts anyone, or without a table). Operators and inputs are written by their
    names in ``names`` (`exemption_names`; review 16, finding 8: サムスン電子, not samsung); an
    id without one is written as it is. The CLI's caption, the API's ``utilisation_meta`` and
    the dashboard's utilisation section carry it.

    >>> req = pd.DataFrame({"input_id": ["pk", "pk"], "except_operator_ids": ["a;b", "b"]})
    >>> exemption_note(req)[:60]
    'Fabs of a, b are exempt from pk as in-house makers (node_req'
    >>> exemption_note(req, "ja", {"a": "エー社", "b": "ビー社", "pk": "パッケージング"})[:37]
    'エー社・ビー社の工場はパッケージングを自社で賄うものとして除外されています'
    """
    if requirements is None or "except_operator_ids" not in requirements:
        return ""
    found: dict[str, dict[str, None]] = {}
    for i, ex in zip(
        requirements["input_id"].astype(str),
        requirements["except_operator_ids"].fillna("").astype(str),
        strict=True,
    ):
        for o in ex.split(";"):
            if o:
                found.setdefault(i, {})[o] = None
    if not found:
        return ""
    named = names or {}

    def name(key: str) -> str:
        return named.get(key, key)

    if lang == "ja":
        parts = "、".join(
            f"{'・'.join(name(o) for o in ops)}の工場は{name(i)}" for i, ops in found.items()
        )
        return (
            f"{parts}を自社で賄うものとして除外されています（node_requirements.csv）。その削減"
            "は、自社ラインの削減や世界全体の停止であっても、これらの工場には及びません。その削減"
            "のもとでの稼働率は上限として読んでください（docs/scenarios.md「免除は免疫である」"
            "〔The exemption is an immunity〕）。"
        )
    parts = "; ".join(
        f"{', '.join(name(o) for o in ops)} are exempt from {name(i)}" for i, ops in found.items()
    )
    return (
        f"Fabs of {parts} as in-house makers (node_requirements.csv): no cut of it reaches them, "
        "not even one of their own lines or a worldwide stop, so read their utilisation in such "
        "a cut as an upper bound (docs/scenarios.md, 'The exemption is an immunity')."
    )


def counted_as_name(operator: object, names: Mapping[str, str]) -> str:
    """The display name (``names``: `chipshock.present.labels.operator_names`) of the operator
    a remainder row's ``operator`` text says remainder_operators.csv counts it as ("other
    fabs, counted as tsmc's (...)", `chipshock.sim.run.utilisation.counted_operator`); its id
    where ``names`` has none; "" for any other row (review 16, finding 8: no firm id in a
    Japanese table).

    >>> counted_as_name("other fabs, counted as tsmc's (remainder_operators.csv: x)",
    ...     {"tsmc": "台湾積体電路製造（TSMC）"})
    '台湾積体電路製造（TSMC）'
    >>> counted_as_name("Intel", {})
    ''
    """
    from chipshock.sim.run.utilisation import counted_operator

    counted = counted_operator(str(operator))
    return names.get(counted, counted) if counted else ""


def reached_requirements(
    requirements: pd.DataFrame | None, assumptions: pd.DataFrame | None
) -> pd.DataFrame | None:
    """The ``node_requirements`` rows of the inputs a shock of the run reaches: those whose
    input has a ``node_requirements.csv`` row among the run's ``assumptions`` (the engine lists
    the rows of the inputs its shocks touch: a Taiwan country shock reaches advanced_packaging
    through Taiwan's 88 % share, a gallium export control does not). `exemption_note` of them
    speaks only when a shock reaches an input with exempt operators, on every surface.

    >>> req = pd.DataFrame({"input_id": ["pk", "N31"], "except_operator_ids": ["a", ""]})
    >>> used = pd.DataFrame({"file": ["node_requirements.csv"], "id": ["lt10/N31"]})
    >>> reached_requirements(req, used)["input_id"].tolist()
    ['N31']
    >>> exemption_note(reached_requirements(req, used))
    ''
    """
    if requirements is None or assumptions is None or "file" not in assumptions:
        return None
    ids = assumptions.loc[assumptions["file"] == "node_requirements.csv", "id"].astype(str)
    reached = {i.split("/")[1] for i in ids if "/" in i}
    return requirements[requirements["input_id"].astype(str).isin(reached)]


#: `chipshock.sim.run.utilisation.UTILISATION_SOURCE` in Japanese (the dashboard's source line)
UTILISATION_SOURCE_JA = (
    "chipshock シナリオエンジン：週ごとの販売チップ数 ÷ 生産能力を、"
    "シミュレーションした未来ごとに途絶週で平均し、未来の間の百分位をとったもの。"
    "生産能力：fab_capacity.csv（個別の工場）、または "
    "global_capacity.csv × regional_capacity.csv から個別の工場を除いた分（その他の工場）。"
    "平常時：通常の注文（end_markets.csv、market_demand_path.csv、market_node_demand.csv、"
    "sourcing_shares.csv、model_assumptions.csv の稼働率と、その年の行があれば "
    "utilisation_path.csv）÷ 生産能力"
)


def capacity_age_meta(
    table: pd.DataFrame, model_assumptions: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """(``table`` with the age columns of `capacity_age_columns`, the meta entries
    ``capacity_age_max_years``, ``capacity_age_note`` and ``capacity_age_note_ja`` (null when no
    figure is old)), the threshold read from ``model_assumptions``
    (``capacity_audit_max_age_years``). Every surface's utilisation table takes its ages and
    its note from here.

    >>> ma = pd.DataFrame({"parameter": ["capacity_audit_max_age_years"], "value": [10.0]})
    >>> t, meta = capacity_age_meta(pd.DataFrame({"year": [2027],
    ...     "capacity_as_of": ["2007-10"]}), ma)
    >>> t["capacity_as_of_label"].tolist(), meta["capacity_age_max_years"]
    (['⚠ 2007-10 (20 years before 2027)'], 10.0)
    """
    limit = capacity_age_threshold(model_assumptions)
    aged = capacity_age_columns(table, limit)
    return aged, {
        "capacity_age_max_years": limit,
        "capacity_age_note": capacity_age_note(aged, limit) or None,
        "capacity_age_note_ja": capacity_age_note(aged, limit, "ja") or None,
    }


def utilisation_rows(
    table: pd.DataFrame,
    fabs: pd.DataFrame | None = None,
    model_assumptions: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The per-producer rows every surface gives (the API's ``utilisation``, the CLI's json and
    csv section) and the age meta (``{}`` without ``model_assumptions``): each row with
    ``region_ja``, its region's Japanese name (台湾, not TWN: review 16, finding 8); given
    ``model_assumptions``, the capacity figure's age (`capacity_age_meta`); given the registry
    (``fabs``), ``name_ja`` (`producer_names`), ``operator_ja`` (a fab's operator in Japanese,
    `fab_operators`; a remainder's as ``operator``) and ``counted_as_ja``, the Japanese name of
    the operator a remainder counts as (`counted_as_name`, null for other rows)."""
    if "region" in table:
        table = table.assign(region_ja=[country_label(str(r), "ja") for r in table["region"]])
    ages: dict[str, Any] = {}
    if model_assumptions is not None:
        table, ages = capacity_age_meta(table, model_assumptions)
    if fabs is not None:
        from chipshock.present.labels import fab_names, fab_operators

        names_ja = operator_names(fabs, "ja")
        table = table.assign(
            name_ja=producer_names(table["producer_id"], table["name"], fab_names(fabs, "ja")),
            operator_ja=producer_names(
                table["producer_id"], table["operator"], fab_operators(fabs, "ja")
            ),
            counted_as_ja=pd.Series(
                [counted_as_name(o, names_ja) or None for o in table["operator"]],
                index=table.index,
                dtype=object,
            ),
        )
    return table, ages


def utilisation_payload(
    result: Any,
    requirements: pd.DataFrame | None = None,
    fabs: pd.DataFrame | None = None,
    raw_materials: pd.DataFrame | None = None,
    model_assumptions: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """``utilisation``: the result's per-producer table as it is (`SimResult.utilisation`, the
    rows the CLI and the report show: the shock year's producers ranked first, then the fabs
    measured in a later year, ``in_shock_year`` false, over ``shock_runs`` runs only), and
    ``utilisation_meta``: its source and as-of (the latest capacity row's date), the shock
    year and how many rows were measured in a later year (``measured_later``), and, given the
    run's ``requirements`` (``node_requirements``) with operators exempt from an input,
    ``exemption_note`` / ``exemption_note_ja``: that no cut of the input reaches their fabs, the
    words of ``chipshock scenario run --utilisation`` (`present.utilisation.exemption_note`),
    when a shock of the run reaches such an input (`reached_requirements`); null otherwise. A
    saved result carries the notes it was saved with (``saved_notes``), worded when it ran.
    ``class_utilisation``: each node class's normal utilisation in the shock year and the file
    it comes from (utilisation_path.csv in a year it gives, else model_assumptions.csv;
    `present.utilisation.class_utilisation_rows`, the numbers the CLI's caption and the
    report's note give); empty for a saved result, which keeps no assumptions table. Given the
    registry (``fabs``), each row has ``name_ja``: its fab's Japanese name where fabs.csv gives
    one, else its name (`producer_names`), and ``counted_as_ja``: the Japanese name of the
    operator a remainder counts as (`counted_as_name`, null for other rows); every row has
    ``region_ja``, its region's Japanese name; with
    ``raw_materials`` too, the exemption note names
    operators and inputs (`exemption_names`). Given ``model_assumptions``, each row has
    ``capacity_age_years``, ``capacity_age_old`` and ``capacity_as_of_label`` / ``_ja``
    (`chipshock.present.capacity_age.capacity_age_columns`, threshold model_assumptions.csv
    ``capacity_audit_max_age_years``, in the meta as ``capacity_age_max_years``) and the meta
    ``capacity_age_note`` / ``_ja``: the line under the table when a figure is old (null
    otherwise)."""
    table = getattr(result, "utilisation", None)
    if table is None or table.empty:
        return {"utilisation": [], "utilisation_meta": None}
    rows, ages = utilisation_rows(table, fabs, model_assumptions)
    return {
        "utilisation": to_jsonable(rows),
        "utilisation_meta": utilisation_meta(result, rows, ages, requirements, fabs, raw_materials),
    }


def utilisation_meta(
    result: Any,
    rows: pd.DataFrame,
    ages: dict[str, Any],
    requirements: pd.DataFrame | None = None,
    fabs: pd.DataFrame | None = None,
    raw_materials: pd.DataFrame | None = None,
) -> dict[str, Any] | None:
    """`utilisation_payload`'s ``utilisation_meta`` for ``result``, from the rows and age meta
    `utilisation_rows` already made of its table (``rows``, ``ages``), so that a caller that
    shows the rows as well (`chipshock scenario run --utilisation`) computes them once; None
    for a result without a utilisation table."""
    if rows.empty:
        return None
    from chipshock.sim.run.utilisation import UTILISATION_SOURCE

    dates = rows["capacity_as_of"].dropna().astype(str)
    _, later = shock_year_rows(rows)
    reached = reached_requirements(requirements, getattr(result, "assumptions", None))
    saved = getattr(result, "saved_notes", None)
    notes = (
        saved
        if saved is not None
        else {
            "exemption_note": exemption_note(reached, "en", exemption_names(fabs, raw_materials))
            or None,
            "exemption_note_ja": exemption_note(
                reached, "ja", exemption_names(fabs, raw_materials, "ja")
            )
            or None,
        }
    )
    return {
        "shock_year": shock_year(rows),
        "measured_later": int((later["shock_runs"] > 0).sum()),
        "source": UTILISATION_SOURCE,
        "licence": "curated data cite their public sources (capacity_source per row)",
        "as_of": str(dates.max()) if not dates.empty else None,
        "source_ja": UTILISATION_SOURCE_JA,
        "licence_ja": "整備データは各行の公開資料を出典とする（行ごとの capacity_source）",
        "exemption_note": notes["exemption_note"],
        "exemption_note_ja": notes["exemption_note_ja"],
        "class_utilisation": to_jsonable(
            class_utilisation_rows(getattr(result, "assumptions", None), shock_year(rows))
        ),
        **ages,
    }
