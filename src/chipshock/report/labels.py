"""Moved to `chipshock.present.labels` (names) and `chipshock.present.numbers` (formats).

Kept so that older imports keep working; new code imports from `chipshock.present`."""

from chipshock.present.labels import (
    KPIS,
    OUTPUT_KPIS,
    Lang,
    check_lang,
    fmt_kpi,
    fmt_usd_bn,
    kpi_label,
    kpi_order,
    market_label,
    node_label,
    usd_scale,
)

__all__ = [
    "KPIS",
    "OUTPUT_KPIS",
    "Lang",
    "check_lang",
    "fmt_kpi",
    "fmt_usd_bn",
    "kpi_label",
    "kpi_order",
    "market_label",
    "node_label",
    "usd_scale",
]
