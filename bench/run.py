"""`make bench`: run every benchmark and write bench/RESULTS.md (and RESULTS.json)."""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent
SUITES = [
    ("Knowledge base and structural analysis", "bench.structural_bench"),
    ("Scenario engine", "bench.sim_bench"),
    ("HTTP API", "bench.api_bench"),
    ("Validation and global sensitivity", "bench.validation_bench"),
]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.3g}"
    return str(value)


#: (suite, measurement, key, comparison, aim, what) for the issue's stated aims.
AIMS = [
    (
        "Knowledge base and structural analysis",
        "build + all analyses (target < 5000 ms)",
        "median_ms",
        "<",
        5000.0,
        "store build + every structural analysis, ms",
    ),
    (
        "Knowledge base and structural analysis",
        "coalition query USA+JPN+NLD",
        "median_ms",
        "<",
        50.0,
        "coalition query, ms",
    ),
    (
        "Scenario engine",
        "local_run_weeks_per_s",
        None,
        ">=",
        1_000_000.0,
        "standard sweep, run-weeks per second",
    ),
    ("Scenario engine", "tracemalloc_peak_mb", None, "<", 1500.0, "peak memory, MB"),
    (
        "Scenario engine",
        "dense_kernel_run_weeks_per_s",
        None,
        ">=",
        1_000_000.0,
        "dense workload (every week active), run-weeks per second",
    ),
    ("Scenario engine", "speedup_vs_reference", None, ">=", 100.0, "speed-up over reference loop"),
    (
        "HTTP API",
        "structural_worst_median_ms",
        None,
        "<",
        100.0,
        "structural query, ms (median of repeated requests)",
    ),
    ("HTTP API", "scenario_1000_runs_s", None, "<", 3.0, "1,000-run scenario request, s"),
    ("Validation and global sensitivity", "validate_s", None, "<", 60.0, "full validate, s"),
    (
        "Validation and global sensitivity",
        "sobol_flagship_s",
        None,
        "<",
        300.0,
        "Sobol of the flagship (default factors, N = 32), s",
    ),
]


def _aims(report: dict[str, Any]) -> list[str]:
    lines = ["## Aims", "", "| aim | measured | met |", "| --- | --- | --- |"]
    for suite, name, key, op, aim, what in AIMS:
        figures = report["suites"].get(suite, {})
        value = figures.get(name)
        if isinstance(value, dict) and key is not None:
            value = value.get(key)
        if not isinstance(value, int | float):
            lines.append(f"| {what} {op} {aim:,.0f} | not measured | – |")
            continue
        met = value < aim if op == "<" else value >= aim
        lines.append(
            f"| {what} {op} {aim:,.0f} | {_fmt(float(value))} | {'yes' if met else 'no'} |"
        )
    return [*lines, ""]


def main() -> int:
    report: dict[str, Any] = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "suites": {},
    }
    for title, module in SUITES:
        try:
            mod = importlib.import_module(module)
        except ImportError as exc:
            report["suites"][title] = {"skipped": str(exc)}
            continue
        print(f"running {title} …", file=sys.stderr, flush=True)
        report["suites"][title] = mod.run_benchmarks()
    lines = [
        "# chipshock benchmarks",
        "",
        f"Measured {report['when']} on {report['machine']} by `make bench`.",
        "Times are wall-clock medians of repeated runs; nothing here is asserted in tests.",
        "",
    ]
    lines += _aims(report)
    for title, figures in report["suites"].items():
        lines += [f"## {title}", "", "| measurement | figures |", "| --- | --- |"]
        for name, value in figures.items():
            cell = (
                ", ".join(f"{k} {_fmt(v)}" for k, v in value.items())
                if isinstance(value, dict)
                else _fmt(value)
            )
            lines.append(f"| {name} | {cell} |")
        lines.append("")
    (OUT / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    (OUT / "RESULTS.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
