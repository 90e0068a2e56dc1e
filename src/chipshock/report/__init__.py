"""Reports: charts as inline SVG, one self-contained HTML page, plain-language summaries."""

from chipshock.report.html import render_report, write_report
from chipshock.report.summary import summary_text, sweep_text

__all__ = ["render_report", "summary_text", "sweep_text", "write_report"]
