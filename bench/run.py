"""`make bench`: run every benchmark and write bench/RESULTS.md (and RESULTS.json).

Every result records where it was measured: the commit (and whether the tree had uncommitted
changes), Python, the versions of the libraries that do the work, and the machine. Regenerate
RESULTS.md whenever code it measures changes; a suite that cannot run fails `make bench`.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent
LIBRARIES = (
    "chipshock", "numpy", "pandas", "duckdb", "numba", "dask", "distributed", "fastapi",
    "uvicorn", "httpx",
)  # fmt: skip
SUITES = [
    ("Knowledge base and structural analysis", "bench.structural_bench"),
    ("Scenario engine", "bench.sim_bench"),
    ("HTTP API", "bench.api_bench"),
    ("Report and PDF", "bench.report_bench"),
    ("Dashboard", "bench.dashboard_bench"),
    ("Validation and global sensitivity", "bench.validation_bench"),
]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.3g}"
    return str(value)


#: (suite, measurement, key path, comparison, aim, what) for the issue's stated aims.
AIMS: list[tuple[str, str, tuple[str, ...], str, float, str]] = [
    (
        "Knowledge base and structural analysis",
        "build + all analyses (target < 5000 ms)",
        ("cold build + median analyses ms",),
        "<",
        5000.0,
        "store build (cold) + every structural analysis (warm median), ms",
    ),
    (
        "Knowledge base and structural analysis",
        "coalition query USA+JPN+NLD",
        ("median_ms",),
        "<",
        50.0,
        "coalition query, warm median ms",
    ),
    (
        "Scenario engine",
        "nominal",
        ("local_run_weeks_per_s (all weeks, warm median)",),
        ">=",
        1_000_000.0,
        "nominal workload, run-weeks per second (all weeks counted)",
    ),
    (
        "Scenario engine",
        "nominal",
        ("tracemalloc_peak_mb",),
        "<",
        1500.0,
        "nominal workload, peak memory MB",
    ),
    (
        "Scenario engine",
        "nominal",
        ("speedup_vs_reference",),
        ">=",
        100.0,
        "speed-up over the reference loop",
    ),
    (
        "Scenario engine",
        "dense",
        ("dense_kernel_run_weeks_per_s",),
        ">=",
        1_000_000.0,
        "dense workload (every week active), compiled kernel, run-weeks per second",
    ),
    (
        "Scenario engine",
        "dense",
        ("dense_kernel_tracemalloc_peak_mb",),
        "<",
        1500.0,
        "dense workload, peak memory MB",
    ),
    (
        "HTTP API",
        "structural worst route",
        ("warm_median_ms",),
        "<",
        100.0,
        "structural query, warm median ms (worst route)",
    ),
    (
        "HTTP API",
        "structural worst route",
        ("cold_ms",),
        "<",
        100.0,
        "structural query, first request after start-up and warm-up, ms (worst route)",
    ),
    (
        "HTTP API",
        "structural worst route, no warm-up",
        ("cold_ms",),
        "<",
        100.0,
        "structural query, first request computed (warm-up off), ms (worst route)",
    ),
    (
        "HTTP API",
        "scenario 1000 runs, new seed each time",
        ("median_s",),
        "<",
        3.0,
        "1,000-run scenario request (not cached), warm median s",
    ),
    (
        "Report and PDF",
        "report_pdf_s",
        ("median_s",),
        "<",
        10.0,
        "PDF of the flagship briefing through headless Chromium, warm median s",
    ),
    (
        "Report and PDF",
        "report_html_plus_pdf_median_s",
        (),
        "<",
        10.0,
        "flagship briefing, HTML (charts drawn) + PDF, warm medians added, s",
    ),
    ("Dashboard", "first_data_map_ms", (), "<", 500.0, "first data on screen (map), ms"),
    (
        "Dashboard",
        "structural_worst_first_ms",
        (),
        "<",
        100.0,
        "explorer structural request, first (not cached), ms",
    ),
    (
        "Dashboard",
        "structural_worst_median_ms",
        (),
        "<",
        100.0,
        "explorer structural request, repeated, ms",
    ),
    ("Validation and global sensitivity", "validate_s", (), "<", 60.0, "full validate, s"),
    (
        "Validation and global sensitivity",
        "sobol_flagship_s",
        (),
        "<",
        300.0,
        "Sobol of the flagship (default factors, N from CHIPSHOCK_BENCH_SOBOL_SAMPLES or "
        "chipshock.sim.sobol.DEFAULT_SAMPLES, one run a point), s",
    ),
    (
        "Validation and global sensitivity",
        "sobol_flagship_converged",
        (),
        ">=",
        1.0,
        "Sobol of the flagship, total indices converged (1 = yes)",
    ),
]


def _aims(report: dict[str, Any]) -> list[str]:
    lines = ["## Aims", "", "| aim | measured | met |", "| --- | --- | --- |"]
    for suite, name, path, op, aim, what in AIMS:
        value: Any = report["suites"].get(suite, {}).get(name)
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if not isinstance(value, int | float):
            lines.append(f"| {what} {op} {aim:,.0f} | not measured | – |")
            continue
        met = value < aim if op == "<" else value >= aim
        lines.append(
            f"| {what} {op} {aim:,.0f} | {_fmt(float(value))} | {'yes' if met else 'no'} |"
        )
    return [*lines, ""]


def _git(*args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=OUT.parent, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def provenance() -> dict[str, Any]:
    """Commit, Python, library versions and machine of this measurement."""
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        import psutil

        memory = f"{psutil.virtual_memory().total / 2**30:.1f} GiB RAM"
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except (ImportError, OSError):
        memory, load = "RAM unknown", "unknown"
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    return {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _git("rev-parse", "--short=12", "HEAD")
        + (" (with uncommitted changes)" if dirty and dirty != "unknown" else ""),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "machine": f"{cpu}, {os.cpu_count()} logical cores, {memory}, {platform.platform()}",
        "load_average_at_start": load,
        "libraries": versions,
    }


def _rows(figures: dict[str, Any], prefix: str = "") -> list[str]:
    rows = []
    for name, value in figures.items():
        if isinstance(value, dict) and any(isinstance(v, dict) for v in value.values()):
            rows += _rows(value, prefix=f"{prefix}{name} / ")
            continue
        cell = (
            ", ".join(f"{k} {_fmt(v)}" for k, v in value.items())
            if isinstance(value, dict)
            else _fmt(value)
        )
        rows.append(f"| {prefix}{name} | {cell} |")
    return rows


def main() -> int:
    report: dict[str, Any] = {**provenance(), "suites": {}}
    for title, module in SUITES:
        mod = importlib.import_module(module)  # a suite that cannot be imported fails loudly
        print(f"running {title} …", file=sys.stderr, flush=True)
        report["suites"][title] = mod.run_benchmarks()
    libs = ", ".join(f"{k} {v}" for k, v in report["libraries"].items())
    lines = [
        "# chipshock benchmarks",
        "",
        f"Measured {report['when']} by `make bench` at commit {report['commit']}.",
        "",
        f"- Machine: {report['machine']} (load average at start {report['load_average_at_start']})",
        f"- Python: {report['python']}",
        f"- Libraries: {libs}",
        "",
        "Each figure: `cold` is the first call in the process (imports, caches, a fresh store);",
        "`median`, `min`, `max` and `iqr` (interquartile range) are over the warm repeats",
        "(`repeats`, at least 5). Nothing here is asserted in tests.",
        "",
    ]
    lines += _aims(report)
    for title, figures in report["suites"].items():
        lines += [f"## {title}", "", "| measurement | figures |", "| --- | --- |"]
        lines += _rows(figures)
        lines.append("")
    (OUT / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    (OUT / "RESULTS.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
