"""`make demo`: build the store from the shipped data and print the headline analysis.

Run as ``python -m chipshock.cli.demo [--db PATH] [--out DIR] [--runs N]``. It is a terminal
surface like the other commands, so it lives in the CLI layer and shares its table output. Every
section in `SECTIONS` is printed, or the demo fails: nothing is skipped quietly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.rule import Rule

from chipshock.analysis.chokepoints import chokepoints
from chipshock.analysis.coalition import coalition_coverage
from chipshock.analysis.criticality import criticality
from chipshock.analysis.shapley import shapley, synergy
from chipshock.cli.analysis_cmd import CRITICALITY_TERMINAL
from chipshock.cli.demo_scenarios import SCENARIO_SECTIONS, scenario_headline
from chipshock.cli.output import Format, emit
from chipshock.data.store import build_store, load_chain
from chipshock.errors import ChipshockError
from chipshock.present.numbers import fmt_cell_number, fmt_pct

__all__ = ["SECTIONS", "main"]

console = Console()

STRUCTURE_SECTIONS = (
    "Where are the chokepoints?",
    "The U.S.–Japan alliance on its own",
    "Who contributes what? (Shapley values)",
    "Who is most critical?",
)
#: The section titles the demo prints, in order (the smoke test checks every one appears).
SECTIONS = STRUCTURE_SECTIONS + SCENARIO_SECTIONS


def structural_headline(db: Path) -> None:
    """Chokepoints, the U.S.–Japan coalition, Shapley values and synergy, in plain words."""
    chain = load_chain(db)
    source = f"Source: {chain.release.source_label} (ETO/CSET, CC BY-NC 4.0)."
    console.print(Rule(STRUCTURE_SECTIONS[0]))
    firms = chokepoints(chain, min_share=90.0, by="firm")
    countries = chokepoints(chain, min_share=90.0, by="country")
    console.print(
        f"{len(countries)} inputs have one country with at least 90% of the world market, and "
        f"{len(firms)} have one firm with at least 90%. The most concentrated:"
    )
    emit(
        countries.head(12),
        Format.table,
        columns=["input_id", "input_name", "provider", "share_pct", "n_alternatives", "year"],
        caption=source,
    )

    console.print(Rule(STRUCTURE_SECTIONS[1]))
    result = coalition_coverage(chain, ["USA", "JPN"], threshold=50.0)
    s = result.summary
    share_covered = float(str(s["share_covered"]))
    console.print(
        f"Together the United States and Japan supply at least half of the world market for "
        f"{s['n_covered']} of {s['n_inputs']} inputs ({fmt_pct(100 * share_covered)}). "
        f"The weakest links on the way to a finished chip:"
    )
    emit(
        result.weak_links.head(8),
        Format.table,
        columns=[
            c
            for c in ("input_id", "input_name", "coalition_share_pct", "members_breakdown")
            if c in result.weak_links.columns
        ],
        caption=source,
    )

    console.print(Rule(STRUCTURE_SECTIONS[2]))
    members = ["USA", "JPN", "NLD", "KOR", "TWN"]
    sv = shapley(chain, members, threshold=50.0)
    console.print(sv.value_function, markup=False)
    emit(
        sv.table_pct(),
        Format.table,
        caption=f"Exact Shapley values, % of the assessed inputs; v(all) = "
        f"{fmt_pct(sv.v_all_pct, 1)}. {source}",
    )
    syn = synergy(chain, ["USA"], ["JPN"], threshold=50.0)
    verdict = "more than" if syn.synergy > 1e-12 else "not more than"
    console.print(
        f"Is 1+1 more than 2? Alone, the U.S. covers {fmt_pct(100 * syn.v_a, 1)} of inputs and "
        f"Japan {fmt_pct(100 * syn.v_b, 1)}; together {fmt_pct(100 * syn.v_union, 1)} — "
        f"{verdict} the sum (synergy {fmt_cell_number(100 * syn.synergy, 1)} percentage points)."
    )

    console.print(Rule(STRUCTURE_SECTIONS[3]))
    crit = criticality(chain, by="country").head(6)
    console.print(
        "If each country were cut off, how many inputs would be left with less than half of the "
        "world supply?"
    )
    emit(
        crit,
        Format.table,
        columns=[c for c in CRITICALITY_TERMINAL if c != "top_inputs"],
        caption=source,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("out/chipshock.duckdb"))
    parser.add_argument("--out", type=Path, default=Path("out"))
    parser.add_argument(
        "--runs", type=int, default=None, help="Monte Carlo runs (default: the scenario's own)"
    )
    args = parser.parse_args(argv)
    try:
        console.print(f"Building the chipshock store at {args.db} …", markup=False)
        report = build_store(args.db)
        console.print(
            f"Loaded {len(report.datasets)} source files "
            f"({int(report.datasets['rows'].sum()):,} rows); "
            f"see `chipshock data info --db {args.db}`.",
            markup=False,
        )
        structural_headline(args.db)
        scenario_headline(args.db, args.out, args.runs, console)
    except ChipshockError as exc:
        console.print(f"[bold red]error:[/bold red] {escape(str(exc))}")
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
