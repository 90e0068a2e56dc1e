"""`chipshock report`: a briefing (HTML, optionally PDF) for a scenario, a comparison, a coalition
or the alliance tracker.

Runs and seed follow the rule every surface shares: the scenario's own ``runs`` and ``seed``
unless ``--runs``/``--seed`` are given; a comparison uses the first scenario's. The tornado
(``--sensitivity``) uses the same runs per bar unless ``--sensitivity-runs`` says otherwise.
The Sobol section (``--sobol``) moves every key assumption at once: ``--sobol-samples`` base
points (a power of two) of ``--sobol-runs`` runs each (default 20, as the API).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chipshock.cli.common import DbOption, ensure_store
from chipshock.cli.groups_cmd import GroupOption
from chipshock.cli.output import err_console, progress
from chipshock.cli.scenario_shared import store_release
from chipshock.errors import InputError, Problem

if TYPE_CHECKING:
    from chipshock.present.numbers import Lang
    from chipshock.report.structure import CoalitionAsk

__all__ = ["register", "report"]


def _written(path: Path, pdf: bool) -> None:
    if pdf:
        from chipshock.report.pdf import html_to_pdf

        target = html_to_pdf(path, path.with_suffix(".pdf"))
        err_console.print(f"PDF written to {target}", markup=False)
    err_console.print(f"report written to {path} (open it in any web browser)", markup=False)


def _scenario_report(
    scenario: str,
    compare: str | None,
    runs: int | None,
    seed: int | None,
    sensitivity: bool,
    sensitivity_runs: int | None,
    db: Path | None,
    sobol_samples: int | None = None,
    sobol_runs: int = 20,
    by_fab: bool = False,
    lang: Lang = "en",
) -> tuple[Any, Any, Any, Any, Any]:
    """(result or comparison, tornado or None, model data, Sobol result or None, fab
    contributions or None) by the shared runs/seed rule; ``sobol_samples`` None: no Sobol
    analysis; ``by_fab``: what each alliance fab avoids in the first scenario (all of them
    off, then on, each alone and each left out: `chipshock.sim.run.contributions`)."""
    from chipshock import sim
    from chipshock.cli.scenario_validate_cmd import check_files
    from chipshock.scenarios import apply_overrides, load_scenario

    data = sim.load_model_data(ensure_store(db))
    # every problem of both files in one round, each naming its file (as `scenario compare`),
    # in the report's language
    files = {"SCENARIO": scenario} | ({"--compare": compare} if compare else {})
    check_files(files, db, data, lang, "chipshock report")
    a = apply_overrides(load_scenario(scenario), runs=runs, seed=seed)
    n = a.runs
    with progress("simulating", total=n * (2 if compare else 1)) as bar:

        def tick(done: int, _total: int) -> None:
            bar.update(done)

        result: Any
        if compare:
            b = apply_overrides(load_scenario(compare), runs=n, seed=a.seed)
            result = sim.compare(a, b, data, runs=n, seed=a.seed, progress=tick)
        else:
            result = sim.run(a, data, runs=n, seed=a.seed, progress=tick)
    drivers = None
    if sensitivity:
        from chipshock.sim.sensitivity import default_factors

        m = sensitivity_runs if sensitivity_runs is not None else n
        with progress("what drives it", total=m * (2 * len(default_factors()) + 1)) as bar:

            def tick2(done: int, _total: int) -> None:
                bar.update(done)

            drivers = sim.sensitivity(a, data, runs=m, seed=a.seed, progress=tick2)
    indices = None
    if sobol_samples is not None:
        from chipshock.sim.sensitivity import default_factors
        from chipshock.sim.sobol import sobol

        total = sobol_samples * (len(default_factors()) + 2) * sobol_runs
        with progress("Sobol indices", total=total) as bar:

            def tick3(done: int, _total: int) -> None:
                bar.update(done)

            indices = sobol(
                a, data, samples=sobol_samples, runs=sobol_runs, seed=a.seed, progress=tick3
            )
    split = None
    if by_fab:
        from chipshock.scenarios.overrides import alliance_fabs
        from chipshock.sim.run.contributions import fab_contributions

        fabs = sorted(alliance_fabs())
        sides = 2 if len(fabs) == 1 else 2 + 2 * len(fabs)
        with progress("what each alliance fab avoids", total=n * sides) as bar:

            def tick4(done: int, _total: int) -> None:
                bar.update(done)

            split = fab_contributions(a, data, fabs, runs=n, seed=a.seed, progress=tick4)
    return result, drivers, data, indices, split


def report(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="TARGETS",
            help="A built-in scenario id or scenario TOML file; with --coalition, the members: "
            "country or group codes (e.g. USA JPN, EU27 CHIP4, QUAD; `chipshock groups`). The "
            "synergy sets the first against the rest; it may list codes with commas "
            "(QUAD KOR,TWN). Sides that share a country are refused, as by `chipshock synergy`.",
        ),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "report.html"
    ),
    compare: Annotated[
        str | None, typer.Option("--compare", help="Second scenario (id or file) to compare with.")
    ] = None,
    coalition: Annotated[
        bool,
        typer.Option(
            "--coalition",
            help="Report on a coalition of countries (coverage, Shapley values, synergy, weak "
            "links) instead of a scenario.",
        ),
    ] = False,
    alliance: Annotated[
        bool,
        typer.Option("--alliance", help="Report on the U.S.–Japan alliance tracker."),
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language: en or ja.")] = "en",
    runs: Annotated[
        int | None,
        typer.Option("--runs", help="Monte Carlo runs (default: the scenario's).", min=1),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Random seed (default: the scenario's).", min=0)
    ] = None,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Add 'What drives this answer?': a tornado of the key assumptions.",
        ),
    ] = False,
    sensitivity_runs: Annotated[
        int | None,
        typer.Option(
            "--sensitivity-runs",
            help="Runs per tornado bar (default: the report's runs; the tornado runs "
            "2 x assumptions + 1 of them).",
            min=1,
        ),
    ] = None,
    sobol: Annotated[
        bool,
        typer.Option(
            "--sobol",
            help="Add the Sobol section: which assumptions, and which combinations, drive the "
            "answer (all assumptions moving at once).",
        ),
    ] = False,
    sobol_samples: Annotated[
        int,
        typer.Option(
            "--sobol-samples",
            help="Sobol base points N, a power of two (work: N x (factors + 3)).",
            min=4,
        ),
    ] = 32,
    sobol_runs: Annotated[
        int,
        typer.Option("--sobol-runs", help="Runs per Sobol evaluation.", min=1),
    ] = 20,
    by_fab: Annotated[
        bool,
        typer.Option(
            "--by-fab",
            help="Add what each alliance fab avoids, alone and added to the others (2 + 2 x "
            "fabs runs of the scenario at the report's runs; `chipshock scenario "
            "contributions`).",
        ),
    ] = False,
    group: GroupOption = None,
    no_appendix: Annotated[
        bool,
        typer.Option(
            "--no-appendix",
            help="Leave out the appendix (the comparison's PDF: 2 pages instead of about 30; a "
            "coalition's or the alliance tracker's: the tables after the body); a line at the end "
            "gives the command that writes the full briefing.",
        ),
    ] = False,
    pdf: Annotated[
        bool,
        typer.Option("--pdf", help="Also write a PDF (same name, .pdf) through headless Chromium."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Write a briefing: the finding first, one chart, the assumptions that drive it; appendix.

    Examples:
    chipshock report taiwan-blockade-2027-6m --compare taiwan-blockade-2027-6m-no-alliance-fabs
    --lang ja -o report.html --pdf;
    chipshock report --coalition USA JPN -o coalition.html;
    chipshock report --coalition EU27 CHIP4 -o coalition.html;
    chipshock report --coalition QUAD KOR,TWN -o quad.html;
    chipshock report --alliance -o alliance.html;
    chipshock report taiwan-blockade-2027-6m --compare taiwan-blockade-2027-6m-no-alliance-fabs
    --no-appendix --pdf -o brief.html
    """
    if lang not in ("en", "ja"):
        raise InputError(
            Problem("unknown language", field="--lang", value=lang, expected="en or ja")
        )
    names = list(targets or [])
    _check_writable(output)  # before minutes of simulation, not after
    if sobol and sobol_samples & (sobol_samples - 1):
        raise InputError(
            Problem(
                "Sobol samples must be a power of two",
                field="--sobol-samples",
                value=str(sobol_samples),
                expected="4, 8, 16, 32, 64 ...",
            )
        )
    if coalition or alliance:
        from chipshock.report.alliance import write_alliance_report
        from chipshock.report.structure import write_coalition_report

        if coalition and alliance:
            raise InputError(
                Problem(
                    "choose one report",
                    field="--coalition/--alliance",
                    value="both",
                    expected="--coalition MEMBERS or --alliance",
                )
            )
        path = ensure_store(db)
        full = None
        if no_appendix:  # the command that writes the full briefing, as the user asked it
            from chipshock.present.labels import check_lang
            from chipshock.report.appendix_note import structure_report_command

            groups = [arg for spec in group or [] for arg in ("--group", spec)]
            full = structure_report_command(
                names if coalition else None,
                check_lang(lang),
                [*groups, *_full_options(db, output, pdf)],
            )
        if coalition:
            members, first, asked = _coalition_members(names, group, db)
            written = _write(
                lambda: write_coalition_report(
                    path,
                    members,
                    output,
                    lang,
                    first,
                    asked,
                    with_appendix=not no_appendix,
                    full_command=full,
                ),
                output,
            )
        else:
            written = _write(
                lambda: write_alliance_report(
                    path, output, lang, with_appendix=not no_appendix, full_command=full
                ),
                output,
            )
        _written(written, pdf)
        return
    if len(names) != 1:
        raise InputError(
            Problem(
                "name one scenario",
                field="SCENARIO",
                value=" ".join(names) or "(none)",
                expected="one built-in scenario id or TOML file (use --compare for a second)",
            )
        )
    from chipshock.report import write_report

    result, drivers, data, indices, split = _scenario_report(
        names[0],
        compare,
        runs,
        seed,
        sensitivity,
        sensitivity_runs,
        db,
        sobol_samples if sobol else None,
        sobol_runs,
        by_fab,
        "ja" if lang == "ja" else "en",
    )
    full = None
    if no_appendix:  # the command that writes the full briefing, with the arguments as given
        from chipshock.present.labels import check_lang
        from chipshock.report.appendix_note import full_report_command

        options = ["--sensitivity-runs", str(sensitivity_runs)] if sensitivity_runs else []
        if sobol:
            options += ["--sobol-samples", str(sobol_samples), "--sobol-runs", str(sobol_runs)]
        full = full_report_command(
            result,
            check_lang(lang),
            sensitivity=drivers is not None,
            sobol=indices is not None,
            by_fab=split is not None,
            scenarios=[names[0], *([compare] if compare else [])],
            options=[*options, *_full_options(db, output, pdf)],
        )
    written = _write(
        lambda: write_report(
            result,
            output,
            lang=lang,
            sensitivity=drivers,
            data=data,
            sobol=indices,
            contributions=split,
            release=store_release(db),  # the store's release, as `chipshock data info`
            with_appendix=not no_appendix,
            full_command=full,
        ),
        output,
    )
    _written(written, pdf)


def _full_options(db: Path | None, output: Path, pdf: bool) -> list[str]:
    """The last options of the command that writes the full briefing: the store asked for,
    the output beside this one (``brief.html`` -> ``brief-full.html``) and ``--pdf``."""
    options = ["--db", str(db)] if db is not None else []
    options += ["-o", str(output.with_name(f"{output.stem}-full{output.suffix}"))]
    return [*options, *(["--pdf"] if pdf else [])]


def _coalition_members(
    names: list[str], group: list[str] | None, db: Path | None
) -> tuple[list[str], int, CoalitionAsk]:
    """The coalition's member countries: groups (EU27, CHIP4, QUAD, --group) expanded as
    `chipshock coalition` expands them, the expansion and the members without data printed;
    how many of them the first argument names (the synergy sets those against the rest; an
    argument may list codes with commas, ``QUAD KOR,TWN``); and how it was asked, for the
    briefing's first page. Two sides that share a country are refused as `chipshock synergy`
    refuses them (`GroupOverlapError`, exit 2): QUAD CHIP4 is not "USA, JPN against KOR, TWN"."""
    from chipshock.analysis.groups import group_members
    from chipshock.analysis.shapley import check_disjoint
    from chipshock.cli.analysis_cmd import resolve_members
    from chipshock.cli.common import chain
    from chipshock.cli.groups_cmd import load_groups
    from chipshock.report.structure import CoalitionAsk

    codes = [[c.strip() for c in name.split(",") if c.strip()] for name in names]
    head, rest = (codes[0], [c for cs in codes[1:] for c in cs]) if codes else ([], [])
    if not head:
        raise InputError(
            Problem(
                "a coalition needs at least two countries",
                field="TARGETS",
                value=" ".join(names) or "(none)",
                expected="two or more country or group codes, e.g. USA JPN or EU27 CHIP4",
            )
        )
    ch = chain(db)
    resolved = resolve_members(ch, [*head, *rest], db, "TARGETS", group)
    if resolved.note():
        err_console.print(resolved.note(), highlight=False, markup=False)
    members = list(resolved.codes)
    if len(members) < 2:
        raise InputError(
            Problem(
                "a coalition needs at least two countries with supply-chain data",
                field="TARGETS",
                value=" ".join(names)
                + (f" (= {' '.join(members)})" if members and members != names else ""),
                expected="codes that name two or more countries with data, e.g. USA JPN, "
                "EU27 CHIP4 or QUAD",
            )
        )
    side_a = resolve_members(ch, head, db, "TARGETS", group)
    if rest:
        try:
            b_codes = resolve_members(ch, rest, db, "TARGETS", group).codes
        except InputError:  # the rest has no member with data (QUAD IND): no second side
            b_codes = []
        options = "".join(f" --group {spec}" for spec in group or [])
        check_disjoint(
            side_a.codes,
            b_codes,
            names=(",".join(head), ",".join(rest)),
            field="TARGETS",
            ask=lambda x, y: f"chipshock report --coalition {x} {y}{options}",
            together=lambda x, y: (
                "chipshock coalition "
                + " ".join(dict.fromkeys([*x.split(","), *y.split(",")]))
                + options
            ),
            without_data=(
                side_a.without_data,
                [c for c in resolved.without_data if c not in side_a.without_data],
            ),
            unnamable=group_members(load_groups(db)),  # EUR: asking for it brings its members
        )
    asked = CoalitionAsk(
        sides=(tuple(c.upper() for c in head), tuple(c.upper() for c in rest)),
        expanded=resolved.expanded,
        without_data=tuple(resolved.without_data),
        regions_left_out=resolved.regions_left_out,
    )
    return members, len(side_a.codes), asked


def _write(write: Callable[[], Path], output: Path) -> Path:
    try:
        return write()
    except OSError as exc:
        raise _unwritable(output, exc.strerror or str(exc)) from exc


def _unwritable(output: Path, why: str) -> InputError:
    return InputError(
        Problem(
            f"cannot write the report: {why}",
            field="--output",
            value=str(output),
            expected="a file path in a writable folder",
        )
    )


def _check_writable(output: Path) -> None:
    if output.is_dir():
        raise _unwritable(output, "it is a folder")
    folder = output.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise _unwritable(output, f"{folder} is not a folder")
    if not os.access(folder, os.W_OK):
        raise _unwritable(output, f"{folder} is not writable")


def register(app: typer.Typer) -> None:
    """Add `report` to the `chipshock` command."""
    app.command()(report)
