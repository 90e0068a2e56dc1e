"""Names of end markets, node classes and KPIs in English and Japanese, and number formats."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

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

Lang = Literal["en", "ja"]

MARKETS: dict[str, tuple[str, str]] = {
    "ai_datacenter": ("AI and data centre", "AI・データセンター"),
    "smartphones": ("Smartphones", "スマートフォン"),
    "pcs": ("PCs", "パソコン"),
    "automotive": ("Automotive", "自動車"),
    "industrial": ("Industrial", "産業機器"),
    "consumer": ("Consumer electronics", "民生用電子機器"),
    "all": ("All markets", "全市場"),
    "total": ("All markets", "全市場"),
}
NODES: dict[str, tuple[str, str]] = {
    "lt10": ("Leading edge (<10 nm)", "最先端（10nm未満）"),
    "n10_22": ("10–22 nm", "10〜22nm"),
    "n28_45": ("28–45 nm", "28〜45nm"),
    "gt45": ("Mature (>45 nm)", "成熟（45nm超）"),
    "memory": ("Memory", "メモリ"),
    "dram": ("DRAM memory", "DRAMメモリ"),
    "nand": ("NAND flash memory", "NANDフラッシュメモリ"),
    "packaging": ("Packaging", "パッケージング"),
}
#: Every KPI of the engine, output-based first (the headline), chip-based after (detail).
KPIS: dict[str, tuple[str, str]] = {
    "output_lost_weeks": (
        "Output lost (weeks of normal output)",
        "失われた生産（通常の生産の何週間分か）",
    ),
    "output_lost_pct_annual": (
        "Output lost (% of a year's output)",
        "失われた生産（年間生産に対する％）",
    ),
    "peak_output_lost_pct": ("Worst-week output lost", "最も厳しい週の生産減少率"),
    "weeks_to_recover": ("Weeks until output recovers", "生産が回復するまでの週数"),
    "loss_usd_bn": ("Economic output at risk", "失われる生産額"),
    "cumulative_shortfall_weeks": (
        "Chips not delivered (weeks of chip demand)",
        "届かない半導体（半導体需要の何週間分か）",
    ),
    "cumulative_shortfall_pct_annual": (
        "Chips not delivered (% of a year's chip demand)",
        "届かない半導体（年間の半導体需要に対する％）",
    ),
    "peak_weekly_shortfall_pct": ("Worst-week chip shortfall", "最も厳しい週の半導体不足率"),
    "chips_not_delivered_usd_bn": (
        "Chips not delivered (value of the chips)",
        "届かない半導体の金額",
    ),
    "lead_time_weeks_peak": (
        "Longest lead time, order to delivery (weeks)",
        "発注から納品までの最長リードタイム（週）",
    ),
}
#: Names of the output-based KPIs (shown first); the others are about chips.
OUTPUT_KPIS = (
    "output_lost_weeks",
    "output_lost_pct_annual",
    "peak_output_lost_pct",
    "weeks_to_recover",
    "loss_usd_bn",
)


def check_lang(lang: str) -> Lang:
    from chipshock.errors import InputError, Problem

    if lang not in ("en", "ja"):
        raise InputError(Problem("unknown language", field="lang", value=lang, expected="en or ja"))
    return "en" if lang == "en" else "ja"


def _pick(table: dict[str, tuple[str, str]], key: str, lang: Lang) -> str:
    pair = table.get(key)
    if pair is None:
        return key.replace("_", " ")
    return pair[0] if lang == "en" else pair[1]


def market_label(market: str, lang: Lang = "en") -> str:
    return _pick(MARKETS, str(market), lang)


def node_label(node: str, lang: Lang = "en") -> str:
    return _pick(NODES, str(node), lang)


def kpi_order(names: Iterable[str]) -> list[str]:
    """KPI names in reading order: output-based first, then chip-based, then any others."""
    known = list(KPIS)
    return sorted(dict.fromkeys(names), key=lambda k: known.index(k) if k in known else len(known))


def kpi_label(kpi: str, lang: Lang = "en") -> str:
    """A distinct, plain label for each KPI (unknown names: the name with spaces)."""
    return _pick(KPIS, str(kpi), lang)


def usd_scale(kpi: str) -> float:
    """Multiplier from a KPI's unit to USD: 1e9 for ``..._usd_bn``, else 1."""
    return 1e9 if "usd_bn" in kpi.lower() else 1.0


def fmt_usd_bn(value_usd: float, lang: Lang = "en") -> str:
    """USD amounts: ``USD 12.3 bn`` or ``123億ドル``."""
    bn = value_usd / 1e9
    if lang == "en":
        return f"USD {bn:,.1f} bn" if abs(bn) < 1000 else f"USD {bn / 1000:,.2f} trillion"
    oku = bn * 10
    if abs(oku) >= 10000:
        return f"{oku / 10000:,.2f}兆ドル"
    return f"{oku:,.0f}億ドル"


def fmt_kpi(kpi: str, value: float | None, lang: Lang = "en") -> str:
    """A KPI value with its unit, read from the KPI's name (``_usd``, ``_pct``, ``weeks``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    k = kpi.lower()
    if "usd" in k:
        return fmt_usd_bn(value * usd_scale(kpi), lang)
    if "pct" in k or "share" in k:
        return f"{value:,.1f}%"
    if "week" in k:
        return f"{value:,.1f} weeks" if lang == "en" else f"{value:,.1f}週"
    return f"{value:,.3g}"
