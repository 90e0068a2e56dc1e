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
]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.3g}"
    return str(value)


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
