"""`chipshock validate` (history cases against observed outcomes) and `chipshock calibrate`.

Method: `chipshock.sim.validation`; observations: `chipshock.data.history`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chipshock.cli.common import DbOption, FormatOption, ensure_store
from chipshock.cli.output import Format, console, emit, fits, progress
from chipshock.cli.scenario_options import LangOpt, check_lang
from chipshock.present.labels import Lang, confidence_label
from chipshock.present.messages import has_message, message

if TYPE_CHECKING:
    import pandas as pd

    from chipshock.analysis.registry import DataRelease
    from chipshock.sim.data import ModelData

__all__ = [
    "band_text",
    "calibrate",
    "register",
    "source_cell",
    "status_label",
    "validate",
]


def register(main: typer.Typer) -> None:
    """Add `validate` and `calibrate` to the main `chipshock` app."""
    main.command("validate")(validate)
    main.command("calibrate")(calibrate)


def band_text(value: float, low: float, high: float) -> str:
    """``value (low–high)``, or ``value`` alone without a band, ``–`` without a value: an
    observation as its source writes it, or the model's p50 (p5–p95), in any unit (weeks,
    days, vehicles) by the one rule of figures compared across sources, `fmt_figures_band`:
    three significant figures, more where two of the band's figures would read the same.

    >>> band_text(25.8, float("nan"), float("nan")), band_text(12.870653, 12.653206, 13.142535)
    ('25.8', '12.9 (12.7–13.1)')
    >>> band_text(0.713486, 0.092524, 3.977836), band_text(float("nan"), 1.0, 2.0)
    ('0.713 (0.0925–3.98)', '–')
    """
    from chipshock.present.numbers import MISSING, fmt_figures_band

    if value != value:  # NaN
        return MISSING
    shown, low_text, high_text = fmt_figures_band(value, low, high)
    if low != low or high != high:
        return shown
    return f"{shown} ({low_text}–{high_text})"


def source_cell(url: object, as_of: object) -> str:
    """An observation's source as the terminal table shows it: the web page's host and the
    row's as-of date, so that each observed figure carries both on the screen (the whole
    address is in --format csv or json).

    >>> source_cell("https://evertiq.com/design/49894", "2021-04-20")
    'evertiq.com, 2021-04-20'
    >>> source_cell("", "2022")
    '2022'
    """
    from chipshock.report.links import source_host

    address = str(url or "").strip()
    host = source_host(address).removeprefix("www.") if address else ""
    return ", ".join(part for part in (host, str(as_of or "").strip()) if part)


def validate(
    case: Annotated[
        list[str] | None, typer.Option("--case", help="Only this history case; repeat for several.")
    ] = None,
    runs: Annotated[
        int | None, typer.Option("--runs", help="Runs per case (default: each case's own).")
    ] = None,
    observations: Annotated[
        Path | None,
        typer.Option("--observations", help="Observations CSV (default: the shipped file)."),
    ] = None,
    out_of_sample: Annotated[
        bool,
        typer.Option("--out-of-sample", help="Instead: forward scenarios vs published estimates."),
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOpt = "en",
) -> None:
    """Run every history case and show, per observed quantity, the observation and its source
    beside the model's p5/p50/p95 and whether it lies inside the model's 90% band.

    A published range that overlaps the band is scored 'overlaps'; a row fitted to its own
    observation is marked in-sample.

    --lang ja writes the history table in Japanese (headers, statuses, title, caption and
    the count line; cases, quantities and units as the data names them), and with
    --out-of-sample its table's title, headers and caption; json and csv are unchanged.

    Example: chipshock validate --format csv
    """
    from chipshock.data.history import read_history_observations
    from chipshock.present.provenance import row_dating
    from chipshock.sim import load_model_data
    from chipshock.sim.validation import validate as run_validation
    from chipshock.sim.validation.validate import STATUS_RULE

    language = check_lang(lang)
    data = load_model_data(ensure_store(db))
    if out_of_sample:
        from chipshock.cli.scenario_shared import store_release

        return _out_of_sample(data, runs, fmt, language, store_release(db))
    obs = read_history_observations(observations)
    with progress("history cases", total=100) as bar:

        def update(done: int, total: int) -> None:
            bar.update(100 * done / max(total, 1))

        result = run_validation(data, obs, cases=case, runs=runs, progress=update)
    meta = {
        "source": "chipshock validate: history cases (scenarios/history/*.toml) against "
        "history_observations.csv (each row gives its source_url, as_of and confidence)",
        "cases": result.cases.to_dict("records"),
        "summary": result.summary(),
        "status_rule": STATUS_RULE,
    }
    if fmt is not Format.table:
        return emit(result.table, fmt, meta=meta)
    t = result.table
    shown = t.assign(
        observed_text=[
            band_text(o, lo, hi)
            for o, lo, hi in zip(t["observed"], t["observed_low"], t["observed_high"], strict=True)
        ],
        model_band=[
            band_text(p50, p5, p95)
            for p5, p50, p95 in zip(t["model_p5"], t["model_p50"], t["model_p95"], strict=True)
        ],
        source=[source_cell(u, a) for u, a in zip(t["source_url"], t["as_of"], strict=True)],
    )
    columns = [
        "case_id",
        "quantity",
        "unit",
        "observed_text",
        "model_band",
        "status",
        "confidence",
        "source",
    ]
    if not fits(shown, columns):
        # a narrow terminal: the case and its quantity in one cell that wraps at words, so
        # that both stay (two cases measure lead_time_weeks_dec_2021, with different bands)
        # and the status keeps its room
        shown = shown.assign(
            case_quantity=[
                f"{c}: {q.replace('_', ' ')}"
                for c, q in zip(t["case_id"], t["quantity"], strict=True)
            ]
        )
        columns = ["case_quantity", *columns[2:]]
    rule = STATUS_RULE if language == "en" else message("cli.history_status_rule", "ja")
    file = observations.name if observations is not None else "history_observations.csv"
    caption = message("cli.history_caption", language, rule=rule, file=file)
    caption += (" " if language == "en" else "") + row_dating(t, language)  # the rows shown
    narrow = ["case_quantity", "observed_text", "model_band", "status", "unit", "source"]
    counts = message("cli.history_summary_sep", language).join(
        f"{n} {s}" if language == "en" else f"{status_label(s, 'ja')}{n}件"
        for s, n in result.summary().items()
    )
    summary = message("cli.history_summary", language, n=len(t), counts=counts)
    if language == "ja":
        shown = shown.assign(
            status=[status_label(str(v), "ja") for v in shown["status"]],
            confidence=[confidence_label(str(v), "ja") for v in shown["confidence"]],
        )
        # a wide terminal keeps the case (事例) and the quantity (数量) in cells of their own
        # (they were headed "ID" and 事例：数量, the header of the narrow table's joined cell)
        words = {c: message(f"cli.history_col_{c}", "ja") for c in [*columns, "case_quantity"]}
        emit(
            shown[columns].rename(columns=words),
            fmt,
            title=message("cli.history_title", "ja"),
            narrow=[words[c] for c in narrow if c in words],
            caption=caption,
            lang="ja",
        )
        from chipshock.cli.scenario_run_ja import print_wrapped

        print_wrapped(summary)
        return
    header = {"source": message("cli.history_col_source", "en")}  # "source (as of)"
    emit(
        shown.rename(columns=header),
        fmt,
        title=message("cli.history_title", "en"),
        columns=[header.get(c, c) for c in columns],
        narrow=[header.get(c, c) for c in narrow],
        caption=caption,
    )
    console.print(summary, highlight=False, markup=False)


def status_label(status: str, lang: Lang = "en") -> str:
    """A history row's status in ``lang``: 'inside (in-sample)' is 帯の内側（当てはめ済み）.

    >>> status_label("below band (in-sample)", "ja"), status_label("overlaps")
    ('帯より下（当てはめ済み）', 'overlaps')
    """
    base, sample = status.removesuffix(" (in-sample)"), status.endswith(" (in-sample)")
    key = f"cli.history_status_{base.replace(' ', '_')}"
    word = message(key, lang) if has_message(key, lang) else base
    return word + (message("cli.history_in_sample", lang) if sample else "")


def _out_of_sample(
    data: ModelData, runs: int | None, fmt: Format, lang: Lang, release: DataRelease
) -> None:
    """`validate --out-of-sample`: the forward scenarios' model band beside each published
    estimate; the terminal's caption names the two sources, published_estimates.csv with its
    rows' as-of and the engine over ``release`` (the store's data release)."""
    from chipshock.data.history import read_published_estimates
    from chipshock.present.provenance import engine_source, row_dating
    from chipshock.sim.validation.out_of_sample import out_of_sample

    estimates = read_published_estimates()
    table = out_of_sample(data, estimates, runs=runs)
    meta = {
        "source": "published_estimates.csv (each row gives its source_url) against the built-in "
        "forward scenarios; the model's loss_usd_bn is gross output at risk summed over the "
        "scenario's whole horizon, not GDP"
    }
    if fmt is not Format.table:
        return emit(table, fmt, meta=meta)
    # each published figure with its source's host and as-of date (as the history table)
    table = table.assign(
        source=[source_cell(u, a) for u, a in zip(table["source_url"], table["as_of"], strict=True)]
    )
    columns = ["publisher", "source", "scenario_id", "unit", "published", "model_p5",
               "model_p50", "model_p95", "ratio", "model_measure"]  # fmt: skip
    # a narrow terminal keeps the figures and their ratio before the source (the caption's
    # left-out note says where it is)
    narrow = [c for c in columns if c not in ("source", "model_measure")] + ["source"]
    source = message(
        "cli.oos_source",
        lang,
        dating=row_dating(estimates, lang),
        engine=engine_source(release, lang),
    )
    title = message("cli.oos_title", lang)
    caption = message("cli.oos_caption", lang) + (" " if lang == "en" else "") + source
    if lang == "en":
        header = {"source": message("cli.oos_col_source", "en")}  # "source (as of)"
        return emit(
            table.rename(columns=header),
            fmt,
            title=title,
            columns=[header.get(c, c) for c in columns],
            narrow=[header.get(c, c) for c in narrow],
            caption=caption,
        )
    from chipshock.cli.data_ja import renamed
    from chipshock.cli.table_cells import number_cells

    # the numbers as the English table writes them under their own names
    shown = table.assign(**{c: number_cells(table[columns], c) for c in columns[4:9]})
    emit(
        renamed(shown, "cli.oos_col_", columns),
        fmt,
        title=title,
        narrow=[message(f"cli.oos_col_{c}", "ja") for c in narrow],
        caption=caption,
        lang="ja",
    )


def triangle_caption(rows: pd.DataFrame, lang: Lang = "en") -> str:
    """What the table's triangular rows are not (review 9a, finding 3): each triangle's median
    beside the fitted median it takes as its mode, in ``lang`` (``calibrate.triangles``); the
    medians by the table's rule (`fmt_figures`), their ratio at one decimal, never a nonzero
    written as 0 (`fmt_cell_number`)."""
    from chipshock.present.numbers import fmt_cell_number, fmt_figures
    from chipshock.sim.validation.calibrate import triangle_median

    tri = rows[rows["distribution"] == "triangular"]
    if tri.empty:
        return ""
    medians = [
        (str(p), triangle_median(float(a), float(c), float(b)), float(c))
        for p, a, c, b in zip(tri["parameter"], tri["low"], tri["mode"], tri["high"], strict=True)
    ]
    ratios = [m / fit for _, m, fit in medians]
    pairs = message("calibrate.triangle_sep", lang).join(
        message(
            "calibrate.triangle_pair",
            lang,
            parameter=p,
            median=fmt_figures(m, lang=lang),
            ratio=fmt_cell_number(m / fit, 1, lang),
            fit=fmt_figures(fit, lang=lang),
        )
        for p, m, fit in medians
    )
    low, high = (fmt_cell_number(r, 1, lang) for r in (min(ratios), max(ratios)))
    return message("calibrate.triangles", lang, low=low, high=high, pairs=pairs)


def calibrate(
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the calibrated rows to this CSV file.")
    ] = None,
    assumptions: Annotated[
        Path | None,
        typer.Option(
            "--assumptions",
            help="Also put the fitted duration rows into this shock_assumptions.csv (replacing "
            "rows of the same parameter), where scenarios' shocks can name them.",
        ),
    ] = None,
    lang: LangOpt = "en",
    fmt: FormatOption = Format.table,
) -> None:
    """Fit the parameters history can inform (fab downtime and recovery, inventory regimes,
    utilisation) by the procedure in docs/validation.md, and print or write them as data rows.

    --lang ja writes the terminal table, its caption and what history cannot pin down in
    Japanese; json and csv are unchanged.

    Example: chipshock calibrate --out calibrated_parameters.csv
    """
    from chipshock.cli.calibrate_view import calibrate_table, not_identified_list
    from chipshock.sim.validation.calibrate import NOT_IDENTIFIED

    language = check_lang(lang)
    from chipshock.sim.validation.calibrate import calibrate as fit

    rows = fit()
    if assumptions is not None:
        import pandas as pd

        from chipshock.errors import InputError, Problem
        from chipshock.sim.validation.calibrate import with_calibrated_rows

        try:
            current = pd.read_csv(assumptions, dtype=str, keep_default_na=False)
        except (OSError, pd.errors.ParserError) as exc:
            raise InputError(
                Problem("cannot read", field="--assumptions", value=str(assumptions))
            ) from exc
        if "parameter" not in current.columns:
            raise InputError(
                Problem(
                    "not a shock_assumptions.csv",
                    field="--assumptions",
                    value=str(assumptions),
                    expected="a CSV with a parameter column",
                )
            )
        from chipshock.data.history import read_history_observations

        merged = with_calibrated_rows(current, rows.astype(str), read_history_observations())
        _write_csv(merged, assumptions)
        console.print(f"put the fitted rows into {assumptions}", highlight=False, markup=False)
    if out is not None:
        _write_csv(rows, out)
        console.print(f"wrote {len(rows)} rows to {out}", highlight=False, markup=False)
        return
    if assumptions is not None:
        return
    if fmt is not Format.table:
        return emit(rows, fmt, meta={"not_identified": [list(n) for n in NOT_IDENTIFIED]})
    emit(
        calibrate_table(rows, language),
        fmt,
        title=message("calibrate.title", language),
        caption=triangle_caption(rows, language) + message("calibrate.fitted_how", language),
        lang=language,
    )
    # a heading, then one numbered item each (it was one sentence of 8 clauses)
    text = not_identified_list(language, console.width)
    console.print(text, highlight=False, markup=False, crop=False)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` to ``path`` through a temporary file (nothing half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        frame.to_csv(fh, index=False, lineterminator="\n")
    os.replace(tmp, path)
