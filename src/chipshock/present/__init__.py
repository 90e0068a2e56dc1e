"""What every surface shares: number formatting, the en/ja message catalogue, summaries, charts.

- `chipshock.present.numbers`: the one number formatter (``fmt_usd``, ``fmt_weeks``, ...).
- `chipshock.present.messages`: the catalogue (``message``, ``catalogue``, ``catalogue_path``).
- `chipshock.present.labels`: names of markets, node classes, KPIs and countries.
- `chipshock.present.summary`: plain-language summaries and the sign rule for "avoided".
- `chipshock.present.charts`: Vega-Lite chart specs from tidy tables, written as plain dicts.
- `chipshock.present.jsonable`: plain JSON values from tidy tables (``to_jsonable``).
"""

from chipshock.present.jsonable import to_jsonable
from chipshock.present.labels import country_label, kpi_label, market_label, node_label
from chipshock.present.messages import catalogue, catalogue_path, check_lang, message
from chipshock.present.numbers import (
    fmt_kpi,
    fmt_number,
    fmt_pct,
    fmt_usd,
    fmt_weeks,
    fmt_year,
    round_weeks,
)
from chipshock.present.summary import avoided, key_figures, summary_text, sweep_text

__all__ = [
    "avoided",
    "catalogue",
    "catalogue_path",
    "check_lang",
    "country_label",
    "fmt_kpi",
    "fmt_number",
    "fmt_pct",
    "fmt_usd",
    "fmt_weeks",
    "fmt_year",
    "key_figures",
    "kpi_label",
    "market_label",
    "message",
    "node_label",
    "round_weeks",
    "summary_text",
    "sweep_text",
    "to_jsonable",
]
