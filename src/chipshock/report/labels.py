"""Names of end markets, node classes and KPIs in English and Japanese, and number formats."""

from __future__ import annotations

import math
from typing import Literal

__all__ = [
    "Lang",
    "check_lang",
    "fmt_kpi",
    "fmt_usd_bn",
    "kpi_label",
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
KPIS: dict[str, tuple[str, str]] = {
    "loss": ("Economic output at risk", "経済的損失（生産額）"),
    "peak": ("Peak shortfall", "ピーク時の不足率"),
    "cumulative": ("Cumulative shortfall", "累積不足"),
    "recover": ("Weeks to recover", "回復までの週数"),
}


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


def kpi_kind(kpi: str) -> str | None:
    """Which of loss, peak, cumulative, recover a KPI name is (None if none)."""
    k = kpi.lower()
    for kind in ("loss", "peak", "recover", "cumulative"):
        if kind in k:
            return kind
    return None


def kpi_label(kpi: str, lang: Lang = "en") -> str:
    kind = kpi_kind(kpi)
    if kind is None:
        return kpi.replace("_", " ")
    label = _pick(KPIS, kind, lang)
    if kind == "cumulative" and "week" in kpi.lower():
        label += " (weeks of demand)" if lang == "en" else "（需要の週数）"
    elif kind == "cumulative" and "annual" in kpi.lower():
        label += " (% of a year's demand)" if lang == "en" else "（年間需要に対する％）"
    return label


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
