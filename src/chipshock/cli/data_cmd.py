"""`chipshock data build|info|validate|audit`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import pandas as pd
import typer

from chipshock.cli.common import DbOption, FormatOption
from chipshock.cli.output import (
    Format,
    console,
    emit,
    emit_many,
    err_console,
    progress,
    sentences,
)
from chipshock.cli.scenario_options import LangOpt, check_lang
from chipshock.data.audit import confidence_counts, flagship_rows, label_issues
from chipshock.data.capacity_age import KEY_COLUMNS as OLD_ROW_KEY_COLUMNS
from chipshock.data.capacity_age import (
    MAX_AGE_PARAMETER,
    capacity_age_threshold,
    old_capacity_rows,
    old_capacity_totals,
)
from chipshock.data.curated import curated_specs, load_curated
from chipshock.data.eto import load_eto
from chipshock.data.store import (
    DataPaths,
    build_store,
    default_db_path,
    default_paths,
    load_table,
    load_tables,
    store_info,
)
from chipshock.errors import Problem, ValidationFailed
from chipshock.present.labels import Lang
from chipshock.present.messages import count_message, message

if TYPE_CHECKING:
    from chipshock.sim.data import ModelData

app = typer.Typer(help="Build, inspect and validate the data store.", no_args_is_help=True)

#: the flagship comparison's counterfactual side: its shock rows and the fabs it switches off
#: are what `data audit` lists behind the flagship answer
FLAGSHIP_COUNTERFACTUAL = "taiwan-blockade-2027-6m-no-alliance-fabs"


@app.command()
def build(
    db: DbOption = None,
    eto: Annotated[Path | None, typer.Option(help="Folder of the current ETO release.")] = None,
    eto_2022: Annotated[Path | None, typer.Option(help="Folder of the 2022 ETO release.")] = None,
    curated: Annotated[Path | None, typer.Option(help="Folder of the curated CSV files.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Build the DuckDB store from the shipped data (or your own folders).

    The store is written to a temporary file and renamed, so a failed build
    leaves the old store untouched. Example: chipshock data build --db
    /tmp/chipshock.duckdb
    """
    base = default_paths()
    paths = DataPaths(eto or base.eto, eto_2022 or base.eto_v2022, curated or base.curated)
    steps = 5 + 2 + 4
    with progress("building store", total=steps) as bar:

        def step(msg: str) -> None:
            bar.describe(msg)
            bar.advance()

        report = build_store(db or default_db_path(), paths, progress=step)
    for note in report.notes:
        err_console.print(f"[yellow]warning:[/yellow] {note}", highlight=False)
    built = report.datasets[["dataset", "file", "release", "rows", "sha256"]]
    caption = _warnings_caption(report.warnings)
    if fmt is Format.table:  # as `data info`: short releases, spelled out below the table
        built, spelled = short_labels(built.assign(sha256=built["sha256"].str[:12]), ["release"])
        caption = sentences(caption, spelled)
    emit(
        built,
        fmt,
        title=f"store built: {report.db_path}",
        narrow=NARROW_DATASETS,
        caption=caption,
    )


#: the columns `data build` and `data info` keep on a narrow terminal, most important first
NARROW_DATASETS = ["dataset", "release", "rows", "file", "sha256"]


def _warnings_caption(warnings: Sequence[Problem]) -> str:
    """How many warnings, and the command that lists them for each folder they are in."""
    if not warnings:
        return "no warnings"
    folders = Counter(str(Path(p.file).parent) if p.file else "?" for p in warnings)
    where = "; ".join(
        f"{n} in {folder}: chipshock data validate {folder}"
        for folder, n in sorted(folders.items())
    )
    return f"{count_message('count.warning', len(warnings))} ({where})"


@app.command()
def info(db: DbOption = None, fmt: FormatOption = Format.table, lang: LangOpt = "en") -> None:
    """Show what the store holds: one row per source file with release, licence and checksum.

    --lang ja writes the terminal table in Japanese (headers, title and caption; datasets,
    files, releases and licences as the store names them); json and csv are unchanged.

    Example: chipshock data info --format json
    """
    language = check_lang(lang) if fmt is Format.table else "en"
    path = db or default_db_path()
    table = store_info(path)
    meta = dict(load_table(path, "meta")[["key", "value"]].itertuples(index=False, name=None))
    release = meta.get("data_release", "?")
    date = meta.get("data_release_date", "?")
    caption = message("cli.data_info_caption", language)
    title = message("cli.data_info_title", language, path=path, release=release, date=date)
    columns = ["dataset", "file", "release", "rows", "licence", "sha256"]
    if fmt is Format.table:  # short cells, spelled out below the table
        table, spelled = short_labels(table, ["release", "licence"], language)
        table = table.assign(sha256=table["sha256"].str[:12])
        caption = spelled + caption if language == "ja" else sentences(spelled, caption)
    if language == "ja":
        words = {c: message(f"cli.data_info_col_{c}", "ja") for c in columns}
        emit(
            table[columns].rename(columns=words),
            fmt,
            title=title,
            narrow=[words[c] for c in NARROW_DATASETS],
            caption=caption,
            lang="ja",
        )
        return
    emit(
        table,
        fmt,
        title=title,
        columns=columns,
        # the release first: it is what tells the two ETO releases' rows apart; the checksum
        # and the licence (spelled out in the caption) are left out first
        narrow=NARROW_DATASETS,
        caption=caption,
        meta={"data_release": release, "data_release_date": date},
    )


def short_labels(
    frame: pd.DataFrame, columns: Sequence[str], lang: Lang = "en"
) -> tuple[pd.DataFrame, str]:
    """``frame`` with each text of ``columns`` cut to the words before its bracket ("current
    (Aug 2026 update, upstream 46e0106)" reads "current"), and the caption's sentences that
    spell each cut text out ("release: current = Aug 2026 update, upstream 46e0106; ..."). A
    column where two texts would read the same is left whole. `data info` and `data build`
    show their release and licence so: whole, the release column took 20 characters and was
    the first left out at 80 columns, where the rows of the two ETO releases then looked alike.

    >>> t = pd.DataFrame({"release": ["current (Aug 2026)", "v2022 (2022)", "curated"]})
    >>> short, spelled = short_labels(t, ["release"])
    >>> short["release"].tolist(), spelled
    (['current', 'v2022', 'curated'], 'release: current = Aug 2026; v2022 = 2022.')
    """
    out = frame.copy()
    sentences_: list[str] = []
    for column in columns:
        texts = list(dict.fromkeys(out[column].astype(str)))
        short = {t: t.split(" (", 1)[0] for t in texts}
        if len(set(short.values())) < len(texts):
            continue
        spelled = [
            f"{short[t]} = {t[len(short[t]) :].strip().removeprefix('(').removesuffix(')')}"
            for t in texts
            if short[t] != t
        ]
        out[column] = out[column].astype(str).map(short)
        if spelled and lang == "ja":  # 版：current＝…、v2022＝…。
            word = message(f"cli.data_info_col_{column}", "ja")
            sentences_.append(f"{word}：{'、'.join(s.replace(' = ', '＝') for s in spelled)}。")
        elif spelled:
            sentences_.append(f"{column}: {'; '.join(spelled)}.")
    return out, ("" if lang == "ja" else " ").join(sentences_)


@app.command()
def validate(
    directory: Annotated[Path, typer.Argument(metavar="DIRECTORY", help="Folder to check.")],
    kind: Annotated[
        str, typer.Option(help="auto, eto, eto-v2022 or curated (auto looks at the file names).")
    ] = "auto",
    fmt: FormatOption = Format.table,
) -> None:
    """Check a folder in the ETO or curated format and report every problem found.

    Exits with 2 if there is at least one error (warnings alone exit 0).
    Example: chipshock data validate src/chipshock/data/files/eto
    """
    if not directory.is_dir():
        raise ValidationFailed(
            [Problem("not a folder", file=str(directory), expected="a folder of CSV files")]
        )
    if kind == "auto":
        kind = "eto" if (directory / "provision.csv").exists() else "curated"
        inputs = directory / "inputs.csv"
        if kind == "eto" and inputs.is_file() and inputs.read_bytes()[:3] == b"\xef\xbb\xbf":
            kind = "eto-v2022"
    if kind in ("eto", "eto-v2022"):
        problems = load_eto(directory, "v2022" if kind == "eto-v2022" else "current").problems
    elif kind == "curated":
        problems = load_curated(directory).problems
    else:
        raise ValidationFailed(
            [
                Problem(
                    "unknown kind",
                    field="--kind",
                    value=kind,
                    expected="auto, eto, eto-v2022 or curated",
                )
            ]
        )
    kept, checked, absent = _partial_folder(directory, problems)
    frame = pd.DataFrame(
        [
            {
                "severity": p.severity,
                # the title names the folder: the table shows each file's name only
                "file": Path(p.file).name if fmt is Format.table and p.file else p.file,
                "row": p.row,
                "column": p.column,
                "problem": p.message,
                "value": p.value,
                "expected": p.expected,
            }
            for p in kept
        ],
        columns=["severity", "file", "row", "column", "problem", "value", "expected"],
    )
    # file-level problems have no row: a nullable integer column keeps row numbers whole (2,
    # not 2.0) in the table, the CSV and the JSON
    frame["row"] = frame["row"].astype("Int64")
    errors = int((frame["severity"] == "error").sum())
    scope = _scope_line(checked, absent)
    if scope:
        err_console.print(scope, highlight=False)
    if fmt is Format.table:
        if frame.empty:
            within = " in the files checked" if absent else ""
            console.print(f"[green]{directory}: no problems found{within} ({kind})[/green]")
        else:
            emit(
                frame,
                fmt,
                title=f"{directory} ({kind}): {count_message('count.error', errors)}, "
                f"{count_message('count.warning', len(frame) - errors)}",
                narrow=["file", "row", "problem", "value", "expected", "column", "severity"],
            )
    else:
        emit(frame, fmt)
    if errors:
        err_console.print(f"[red]{count_message('count.error', errors)} in {directory}[/red]")
        raise typer.Exit(2)


def _partial_folder(
    directory: Path, problems: Sequence[Problem]
) -> tuple[list[Problem], list[str], list[str]]:
    """A folder holding only some of the files (the ones a user edited) is checked file by
    file: a file it does not hold is not an error. Returns the problems without those "file not
    found" ones, the names of the files checked and of those not present. A folder holding
    none of the files keeps every "file not found" (there is nothing to check)."""
    missing = [
        p
        for p in problems
        if p.message == "file not found" and p.file and not Path(p.file).exists()
    ]
    absent = sorted(Path(p.file).name for p in missing if p.file)
    present = sorted(f.name for f in directory.glob("*.csv") if f.is_file())
    if not missing or not present:
        return list(problems), present, []
    return [p for p in problems if p not in missing], present, absent


def _scope_line(checked: Sequence[str], absent: Sequence[str]) -> str:
    """One line naming the files checked and how many were not (empty for a whole folder).

    >>> _scope_line(["materials.csv"], ["fabs.csv", "partnerships.csv"])
    "checked materials.csv; the set's 2 other files are absent: not checked"
    """
    if not absent:
        return ""
    others = f"the set's {len(absent)} other file{'s' if len(absent) != 1 else ''}"
    verb = "are" if len(absent) != 1 else "is"
    return f"checked {', '.join(checked)}; {others} {verb} absent: not checked"


#: what `data audit` tells users to run to rank the flagship rows (the flagship scenario's id)
SENSITIVITY_COMMAND = "chipshock scenario sensitivity taiwan-blockade-2027-6m"


@app.command()
def audit(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """How much each consumer (engine, analysis, report) rests on low-confidence rows, labels
    that disagree with their notes, the low-confidence rows behind the flagship answer, the
    sourcing rows the operators' fabs cannot meet in the flagship's year (`chipshock sourcing
    --check` shows every operator), and the capacity rows whose figure is far older than the
    first model year they serve (threshold: model_assumptions.csv
    capacity_audit_max_age_years), with what the flagship's year rests on them per region and
    node class.

    The flagship rows are those the default sensitivity factors vary; `chipshock
    scenario sensitivity taiwan-blockade-2027-6m` ranks how much each one moves
    the answer. Example: chipshock data audit --format json
    """
    from chipshock.scenarios.parser import builtin_scenarios
    from chipshock.sim.data import load_model_data
    from chipshock.sim.sensitivity_factors import default_factors

    path = db or default_db_path()
    names = list(curated_specs())
    tables = load_tables(path, names)
    flagship = next(s for s in builtin_scenarios() if s.scenario_id == FLAGSHIP_COUNTERFACTUAL)
    fabs_off = [f for i in flagship.interventions if i.kind == "fabs_off" for f in i.fabs]
    year = flagship.shocks[0].start_year  # the blockade's year, 2027
    data = load_model_data(path)
    max_age = capacity_age_threshold(data.model_assumptions)
    region_of = fab_regions(data)
    first, last = int(data.assumption("horizon_min_year")), int(data.assumption("horizon_max_year"))
    old = old_capacity_rows(data.fab_capacity, region_of, max_age, first, last)
    emit_many(
        {
            "by_consumer": confidence_counts(tables),
            "label_issues": label_issues(tables),
            "flagship_low_rows": flagship_rows(
                tables, default_factors(), flagship.assumptions, fabs_off
            ),
            "sourcing_short_rows": sourcing_short_rows(data, year),
            "old_capacity_rows": old,
            "old_capacity_totals": old_capacity_totals(data.fab_capacity, old, region_of, year),
        },
        fmt,
        captions={
            "by_consumer": "Rows each consumer reads, by confidence; assumption_rows = notes "
            "starting 'assumption:'.",
            "label_issues": "Rows whose confidence label and note disagree (none is the goal).",
            "flagship_low_rows": "Low-confidence rows varied by the flagship sensitivity factors; "
            f"rank them with `{SENSITIVITY_COMMAND}`.",
            "sourcing_short_rows": "sourcing_shares.csv rows whose operator's fabs cannot "
            f"make what its rows alone send it in {year}, the flagship's shock year (file_row: "
            "the line in the file; rows_shortfall_pct: % of those orders above its fabs' "
            "ceiling; the engine moves the excess to the class's other fabs); every operator "
            f"with `{SOURCING_CHECK_COMMAND} --year {year}`.",
            "old_capacity_rows": "fab_capacity.csv rows whose as_of lies more than "
            f"{max_age:g} years (model_assumptions.csv {MAX_AGE_PARAMETER}) before the first "
            f"model year they serve ({first} at the earliest; a row serves until the fab and "
            "class's next row); age_years from that year's January; kwspm = thousand 300mm "
            "wafers a month.",
            "old_capacity_totals": f"Per region and node class, the {year} capacity (the "
            "flagship's shock year) that rests on those rows (old_kwspm) against all itemised "
            "fabs' (itemised_kwspm); the region's other fabs are not counted.",
        },
        narrow={"old_capacity_rows": list(OLD_ROW_KEY_COLUMNS)},
    )


def fab_regions(data: ModelData) -> dict[str, str]:
    """Each fab's capacity region (`chipshock.sim.network.regional.country_region`)."""
    from chipshock.sim.network.regional import country_region, europe_members, regions

    codes = regions(data)
    europe = europe_members(data, codes)
    return {
        str(f): country_region(str(c), codes, europe)
        for f, c in zip(data.fabs["fab_id"], data.fabs["country"], strict=True)
    }


#: what `data audit` tells users to run for the whole sourcing feasibility check
SOURCING_CHECK_COMMAND = "chipshock sourcing --check"


def sourcing_short_rows(data: ModelData, year: int) -> pd.DataFrame:
    """The rows of `chipshock.sim.sourcing_check` in ``year`` whose operator is short on its
    rows alone (a row that is not a wafer share of the operator's own fabs, or fabs missing
    from the registry), with that shortfall in % of the rows' orders."""
    from chipshock.sim.network.sourcing_check import sourcing_check

    check = sourcing_check(data, year)
    ops = check.operators
    short = ops[ops["rows_shortfall_kwspm"] > 0].set_index(["operator_id", "node_class"])
    pct = 100.0 * short["rows_shortfall_kwspm"] / short["rows_kwspm"]
    rows = check.rows
    keys = list(zip(rows["operator_id"], rows["node_class"], strict=True))
    rows = rows[[k in pct.index for k in keys]]
    rows = rows.assign(
        rows_shortfall_pct=[
            float(pct.loc[k]) for k in zip(rows["operator_id"], rows["node_class"], strict=True)
        ]
    )
    columns = [
        "file_row",
        "market",
        "node_class",
        "operator_id",
        "share_pct",
        "orders_kwspm",
        "rows_shortfall_pct",
        "confidence",
        "as_of",
        "source_url",
    ]
    return rows[columns].reset_index(drop=True)
