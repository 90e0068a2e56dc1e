"""`chipshock data build|info|validate|audit`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import pandas as pd
import typer
from rich.markup import escape

from chipshock.cli.common import DbOption, FormatOption
from chipshock.cli.data_ja import (
    audit_table_ja,
    errors_in,
    problem_cells_ja,
    scope_line,
    warnings_caption,
)
from chipshock.cli.output import (
    Format,
    console,
    emit,
    emit_many,
    err_console,
    progress,
)
from chipshock.cli.scenario_options import LangOpt, check_lang
from chipshock.cli.table_cells import sentences
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
from chipshock.data.history import history_problems
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
    lang: LangOpt = "en",
) -> None:
    """Build the DuckDB store from the shipped data (or your own folders).

    The store is written to a temporary file and renamed, so a failed build
    leaves the old store untouched.

    --lang ja writes the terminal table (headers, title, caption) and the errors in Japanese;
    json and csv are unchanged.

    Example: chipshock data build --db /tmp/chipshock.duckdb
    """
    language = check_lang(lang) if fmt is Format.table else "en"
    with errors_in(language, "chipshock data build"):
        _build(db, eto, eto_2022, curated, fmt, language)


def _build(
    db: Path | None,
    eto: Path | None,
    eto_2022: Path | None,
    curated: Path | None,
    fmt: Format,
    lang: Lang,
) -> None:
    """`data build` (see `build`), its words in ``lang``."""
    base = default_paths()
    paths = DataPaths(eto or base.eto, eto_2022 or base.eto_v2022, curated or base.curated)
    steps = 5 + 2 + 4
    with progress("building store", total=steps) as bar:

        def step(msg: str) -> None:
            bar.describe(msg)
            bar.advance()

        report = build_store(db or default_db_path(), paths, progress=step)
    for note in report.notes:
        err_console.print(f"[yellow]warning:[/yellow] {escape(note)}", highlight=False)
    built = report.datasets[["dataset", "file", "release", "rows", "sha256"]]
    folders = Counter(str(Path(p.file).parent) if p.file else "?" for p in report.warnings)
    caption = warnings_caption(dict(folders), len(report.warnings), lang)
    title = message("cli.data_build_title", lang, path=report.db_path)
    if fmt is Format.table:  # as `data info`: short releases, spelled out below the table
        built, spelled = short_labels(
            built.assign(sha256=built["sha256"].str[:12]), ["release"], lang
        )
        caption = caption + spelled if lang == "ja" else sentences(caption, spelled)
    if lang == "ja":
        _emit_ja(built, fmt, title, caption)
        return
    emit(built, fmt, title=title, narrow=NARROW_DATASETS, caption=caption)


def _emit_ja(table: pd.DataFrame, fmt: Format, title: str, caption: str) -> None:
    """`data build`'s and `data info`'s table with Japanese headers (its cells as the store
    names them)."""
    words = {c: message(f"cli.data_info_col_{c}", "ja") for c in table.columns}
    emit(
        table.rename(columns=words),
        fmt,
        title=title,
        narrow=[words[c] for c in NARROW_DATASETS],
        caption=caption,
        lang="ja",
    )


#: the columns `data build` and `data info` keep on a narrow terminal, most important first
NARROW_DATASETS = ["dataset", "release", "rows", "file", "sha256"]


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
        _emit_ja(table[columns], fmt, title, caption)
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
    lang: LangOpt = "en",
) -> None:
    """Check a folder in the ETO or curated format and report every problem found.

    Exits with 2 if there is at least one error (warnings alone exit 0).

    --lang ja writes the terminal table (headers, severities, each problem's kind and what was
    expected), its title, the lines around it and the errors in Japanese; json and csv are
    unchanged.

    Example: chipshock data validate src/chipshock/data/files/eto
    """
    language = check_lang(lang)
    with errors_in(language, "chipshock data validate"):
        _validate(directory, kind, fmt, language)


def _validate(directory: Path, kind: str, fmt: Format, lang: Lang) -> None:
    """`data validate` of ``directory`` (see `validate`), its words in ``lang``."""
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
    elif kind == "curated":  # and the files that have readers of their own
        problems = (*load_curated(directory).problems, *history_problems(directory))
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
    lang = lang if fmt is Format.table else "en"
    scope = scope_line(checked, absent, lang)
    if scope:
        err_console.print(scope, highlight=False, markup=False)
    if fmt is Format.table and frame.empty:
        within = message("cli.data_validate_within", lang) if absent else ""
        clean = message(
            "cli.data_validate_clean", lang, directory=directory, within=within, kind=kind
        )
        console.print(clean, style="green", highlight=False, markup=False)
    elif fmt is Format.table:
        narrow = ["file", "row", "problem", "value", "expected", "column", "severity"]
        title = message(
            "cli.data_validate_title",
            lang,
            directory=directory,
            kind=kind,
            errors=count_message("count.error", errors, lang),
            warnings=count_message("count.warning", len(frame) - errors, lang),
        )
        if lang == "ja":
            words = {c: message(f"cli.data_validate_col_{c}", "ja") for c in narrow}
            shown = problem_cells_ja(frame)
            emit(shown, fmt, title=title, narrow=[words[c] for c in narrow], lang="ja")
        else:
            emit(frame, fmt, title=title, narrow=narrow)
    else:
        emit(frame, fmt)
    if errors:
        count = count_message("count.error", errors, lang)
        line = message("cli.data_validate_errors", lang, errors=count, directory=directory)
        err_console.print(line, style="red", highlight=False, markup=False)
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


#: what `data audit` tells users to run to rank the flagship rows (the flagship scenario's id)
SENSITIVITY_COMMAND = "chipshock scenario sensitivity taiwan-blockade-2027-6m"


@app.command()
def audit(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
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
    the answer.

    --lang ja writes the terminal tables (titles, headers, captions; confidences, markets, node
    classes and regions by name) in Japanese; json and csv are unchanged.

    Example: chipshock data audit --format json
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
    sections = {
        "by_consumer": confidence_counts(tables),
        "label_issues": label_issues(tables),
        "flagship_low_rows": flagship_rows(
            tables, default_factors(), flagship.assumptions, fabs_off
        ),
        "sourcing_short_rows": sourcing_short_rows(data, year),
        "old_capacity_rows": old,
        "old_capacity_totals": old_capacity_totals(data.fab_capacity, old, region_of, year),
    }
    language = check_lang(lang) if fmt is Format.table else "en"
    captions = {
        name: message(
            f"cli.audit_caption_{name}",
            language,
            command=SENSITIVITY_COMMAND,
            check=SOURCING_CHECK_COMMAND,
            year=year,
            max_age=f"{max_age:g}",
            parameter=MAX_AGE_PARAMETER,
            first=first,
        )
        for name in sections
    }
    if language == "ja":
        for name, frame in sections.items():
            emit(
                audit_table_ja(frame),
                fmt,
                title=message(f"cli.audit_title_{name}", "ja"),
                caption=captions[name],
                narrow=[message(f"cli.audit_col_{c}", "ja") for c in OLD_ROW_KEY_COLUMNS]
                if name == "old_capacity_rows"
                else None,
                lang="ja",
            )
        return
    emit_many(
        sections,
        fmt,
        captions=captions,
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
