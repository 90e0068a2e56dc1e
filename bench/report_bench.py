"""Benchmarks of the briefing: HTML report of the flagship comparison (the charts drawn by
vl-convert, cold and warm) and its PDF through headless Chromium (aim: PDF < 10 s).

The simulation itself is timed in `bench.sim_bench`; here the comparison is run once (100 runs)
and only presentation is timed: `render_report` and `html_to_pdf` of the written page.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.timing import measure

__all__ = ["run_benchmarks"]

FLAGSHIP = ("taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m")


def run_benchmarks(repeat: int = 5) -> dict[str, Any]:
    """Median and spread of the HTML report (en) and of the PDF export, with cold times."""
    from chipshock import sim
    from chipshock.data.store import build_store
    from chipshock.report.html import render_report, write_report
    from chipshock.report.pdf import html_to_pdf
    from chipshock.scenarios import apply_overrides, load_scenario

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        build_store(db)
        data = sim.load_model_data(db)
        a, b = (apply_overrides(load_scenario(s), runs=100) for s in FLAGSHIP)
        cmp = sim.compare(a, b, data, runs=100, seed=a.seed)
        html_path = write_report(cmp, Path(tmp) / "report.html", "en", data=data)
        out: dict[str, Any] = {
            "report_html_s": measure(
                lambda: render_report(cmp, "en", data=data), repeat=repeat, unit="s"
            ),
            "report_pdf_s": measure(
                lambda: html_to_pdf(html_path, Path(tmp) / "report.pdf"), repeat=repeat, unit="s"
            ),
        }
        out["report_html_plus_pdf_median_s"] = (
            out["report_html_s"]["median_s"] + out["report_pdf_s"]["median_s"]
        )
        return out
