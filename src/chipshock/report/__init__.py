"""Briefings: one self-contained HTML page (and PDF) for a scenario, a comparison, a coalition or
the alliance tracker. Words, numbers and charts come from `chipshock.present`."""

from chipshock.present.summary import summary_text, sweep_text
from chipshock.report.alliance import alliance_report, write_alliance_report
from chipshock.report.html import render_report, write_report
from chipshock.report.pdf import html_to_pdf
from chipshock.report.structure import coalition_report, write_coalition_report

__all__ = [
    "alliance_report",
    "coalition_report",
    "html_to_pdf",
    "render_report",
    "summary_text",
    "sweep_text",
    "write_alliance_report",
    "write_coalition_report",
    "write_report",
]
