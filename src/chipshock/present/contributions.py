"""The tables and the sentence of a fab-contribution analysis
(`chipshock.sim.run.contributions.FabContributions`), shared by the CLI and the API so both
show the same numbers in the same words."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from chipshock.present.messages import message
from chipshock.present.numbers import (
    USD_RESIDUE_BN,
    Lang,
    fmt_cell_number,
    fmt_number,
    fmt_usd,
    machine_frame,
)

__all__ = [
    "CONTRIBUTION_CAPTION",
    "amount_cell",
    "amount_text",
    "band_cell",
    "capacity_words",
    "cell_texts",
    "contribution_rows",
    "contribution_text",
    "contribution_totals",
]

#: what the tables' figures are (``cli.contrib_caption``), the API's ``definitions``
CONTRIBUTION_CAPTION = message("cli.contrib_caption", "en")

#: the totals, in the order of `contribution_totals` (``cli.contrib_total_<key>``)
_TOTALS = ("together", "sum_alone", "sum_added", "interaction")

_STATS = ("p50", "p5", "p95", "mean")


def contribution_rows(
    result: Any, names: Mapping[str, str], names_ja: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per fab and measure: ``fab_id``, ``name``, ``measure`` (alone, added), p50, p5,
    p95, mean (USD bn avoided), largest median 'alone' first; with the result's ``fab_info``:
    ``shock_year``, ``capacity_wspm`` in it, ``first_year`` with capacity in the horizon,
    ``capacity_as_of`` and ``capacity_confidence`` of the fab's capacity rows. Given
    ``names_ja`` (`chipshock.present.labels.fab_names` in Japanese), ``name_ja`` follows
    ``name``."""
    t = result.table.copy()
    t.insert(1, "name", t["fab_id"].map(lambda f: names.get(f, f)))
    if names_ja is not None:
        t.insert(2, "name_ja", t["fab_id"].map(lambda f: names_ja.get(f, names.get(f, f))))
    order = t[t["measure"] == "alone"].sort_values("p50", ascending=False, kind="stable")["fab_id"]
    rank = {f: i for i, f in enumerate(order)}
    measures = {"alone": 0, "added": 1}
    t = t.sort_values(
        ["fab_id", "measure"], key=lambda c: c.map(rank if c.name == "fab_id" else measures)
    )
    named = ["name", "name_ja"] if names_ja is not None else ["name"]
    out: pd.DataFrame = t[["fab_id", *named, "measure", *_STATS]].reset_index(drop=True)
    info = getattr(result, "fab_info", None)
    if isinstance(info, pd.DataFrame) and not info.empty:
        extra = info.rename(
            columns={"as_of": "capacity_as_of", "confidence": "capacity_confidence"}
        )
        out = out.merge(extra, on="fab_id", how="left")
    return machine_frame(out)  # no float noise (1.1e-13 for 0), as a run's JSON


def contribution_totals(result: Any) -> pd.DataFrame:
    """``together``, ``sum_alone``, ``sum_added``, ``interaction``: key, label and stats."""
    return machine_frame(
        pd.DataFrame(
            [
                {
                    "measure": k,
                    "label": message(f"cli.contrib_total_{k}", "en"),
                    **{s: result.totals[k][s] for s in _STATS},
                }
                for k in _TOTALS
            ]
        )
    )


def _bn(v: float, lang: Lang = "en") -> str:
    """An amount avoided (USD bn) in the paragraph, as the table beside writes it
    (`amount_cell`): in English one that the table writes "<0.1" reads "less than USD 0.1 bn"
    (">-0.1": "less than USD 0.1 bn below zero"), as the other sentences say a small amount
    (`chipshock.present.summary_figures.usd_about`), never "USD 0.02 bn" beside "<0.1"; the
    rest, and every Japanese amount, by `fmt_usd`.

    >>> _bn(0.0198), _bn(-0.01), _bn(0.0), _bn(29.09), _bn(0.0198, "ja")
    ('less than USD 0.1 bn', 'less than USD 0.1 bn below zero', 'USD 0.0 bn', 'USD 29.1 bn', \
'0.2億ドル')
    """
    if lang == "en":
        cell = amount_cell(v)
        if cell.startswith(("<", ">-")):
            return "less than USD 0.1 bn" + (" below zero" if cell.startswith(">") else "")
    return fmt_usd(float(v) * 1e9, lang)


def amount_cell(value_bn: float, lang: Lang = "en") -> str:
    """An amount avoided (USD bn) as the split's tables write it on every surface (the CLI's
    tables, the API's ``p50_text`` and ``band_text``, the dashboard): in English the number
    with one decimal, halves away from zero as every figure (`fmt_number`), never "-0.0", the
    header or caption naming USD bn; in Japanese with its unit (`fmt_usd`). A nonzero amount
    never reads 0, as in the sentence beside (`fmt_usd`): below USD 0.05 bn it is "<0.1"
    (`fmt_cell_number`), above zero or below (">-0.1"); in Japanese one significant figure
    down to 0.01億ドル, then "<0.01億ドル" (">-0.01億ドル" below zero). Round-off (below
    `USD_RESIDUE_BN`) reads 0.

    >>> amount_cell(12.345), amount_cell(3.25), amount_cell(-0.01), amount_cell(1234.5)
    ('12.3', '3.3', '>-0.1', '1,234.5')
    >>> amount_cell(0.02), amount_cell(0.0), amount_cell(-1e-7), amount_cell(0.05)
    ('<0.1', '0.0', '0.0', '0.1')
    >>> amount_cell(12.345, "ja"), amount_cell(0.0499, "ja"), amount_cell(0.0004, "ja")
    ('123億ドル', '0.5億ドル', '<0.01億ドル')
    >>> amount_cell(-0.02, "ja"), amount_cell(-0.0004, "ja"), amount_cell(1e-7, "ja")
    ('-0.2億ドル', '>-0.01億ドル', '0億ドル')
    """
    bn = float(value_bn)
    if lang == "ja":
        text = fmt_usd(bn * 1e9, "ja")
        # a sentence's "<0.01億ドル" is the size, its sign told by the words around it; a cell
        # has no words: a negative one reads ">-0.01億ドル", as the English ">-0.1"
        return ">-" + text.removeprefix("<") if bn < 0 and text.startswith("<") else text
    return fmt_cell_number(bn, 1, zero_below=USD_RESIDUE_BN)


def amount_text(value_bn: float, lang: Lang = "en") -> str:
    """An amount avoided (USD bn) with its unit, as its table cell reads it (`amount_cell`):
    what the report's by-fab table, the bars' labels and their screen-reader text write, so
    that a small amount reads "USD <0.1 bn" / "0.1億ドル" on each (not "USD 0.02 bn" in one
    and "<0.1" in another).

    >>> amount_text(12.345), amount_text(0.02), amount_text(-0.01), amount_text(0.0)
    ('USD 12.3 bn', 'USD <0.1 bn', 'USD >-0.1 bn', 'USD 0.0 bn')
    >>> amount_text(0.012, "ja"), amount_text(22.4, "ja")
    ('0.1億ドル', '224億ドル')
    """
    cell = amount_cell(value_bn, lang)
    return cell if lang == "ja" else f"USD {cell} bn"


def band_cell(low_bn: float, high_bn: float, lang: Lang = "en") -> str:
    """p5 to p95 of an amount avoided (USD bn), as the split's tables write it (`amount_cell`).

    >>> band_cell(0.01, 0.12), band_cell(0.01, 0.12, "ja"), band_cell(0.0, 0.12)
    ('<0.1 – 0.1', '0.1億ドル〜1億ドル', '0.0 – 0.1')
    """
    low, high = amount_cell(low_bn, lang), amount_cell(high_bn, lang)
    return f"{low}〜{high}" if lang == "ja" else f"{low} – {high}"


def cell_texts(row: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """A row's median and p5–p95 (USD bn) as the tables write them, in both languages:
    ``p50_text`` and ``band_text``, each ``{"en": ..., "ja": ...}`` (the API's fields).

    >>> cell_texts({"p50": 4.2, "p5": 2.1, "p95": 8.4})["band_text"]
    {'en': '2.1 – 8.4', 'ja': '21億ドル〜84億ドル'}
    """
    langs: tuple[Lang, ...] = ("en", "ja")
    return {
        "p50_text": {lang: amount_cell(row["p50"], lang) for lang in langs},
        "band_text": {lang: band_cell(row["p5"], row["p95"], lang) for lang in langs},
    }


def capacity_words(row: Mapping[str, Any], lang: Lang = "en") -> str:
    """What a fab brings to the shock, for a table cell: "20,000 wspm in 2027", "none in 2027
    (from 2028)" (not "until 2028", read as "through 2028"), "none in the horizon" (ja:
    「2027年に月2万枚」…).

    >>> capacity_words({"capacity_wspm": 2000.0, "shock_year": 2027, "first_year": 2026})
    '2,000 wspm in 2027'
    >>> capacity_words({"capacity_wspm": 0.0, "shock_year": 2027, "first_year": 2028}, "ja")
    '2027年は能力なし（2028年から）'
    """
    cap = row.get("capacity_wspm")
    year = _year(row.get("shock_year"))
    first = _year(row.get("first_year"))
    if cap is None or (isinstance(cap, float) and math.isnan(cap)):
        return ""
    if float(cap) > 0:
        wspm = fmt_number(float(cap), 0, lang)
        return message("cli.contrib_capacity_in", lang, wspm=wspm, year=year)
    if first is None:
        return message("cli.contrib_capacity_none_horizon", lang)
    return message("cli.contrib_capacity_none_in", lang, year=year, first=first)


def _year(value: Any) -> int | None:
    """A year cell as an int (None for a missing one: None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def _late_fabs(result: Any, names: Mapping[str, str], lang: Lang) -> str:
    """The sentence on fabs with no capacity when the first shock starts ("" when none)."""
    info = getattr(result, "fab_info", None)
    if not isinstance(info, pd.DataFrame) or info.empty:
        return ""
    late = info[info["capacity_wspm"] <= 0]
    if late.empty:
        return ""
    year = int(late["shock_year"].iloc[0])
    sep = "、" if lang == "ja" else ", "
    parts = []
    for r in late.itertuples():
        name = names.get(str(r.fab_id), str(r.fab_id))
        first = _year(r.first_year)
        if lang == "ja":
            parts.append(f"{name}（{first}年から）" if first else f"{name}（期間内になし）")
        else:
            parts.append(f"{name} (from {first})" if first else f"{name} (none in the horizon)")
    if lang == "ja":
        return (
            f"{sep.join(parts)}は{year}年にはまだ生産能力がなく、"
            "ショックがその年まで続くシミュレーションした未来でだけ効きます。"
        )
    if len(parts) == 1:
        return (
            f" {parts[0]} has no capacity yet in {year}: it counts only in the simulated futures "
            "whose shock lasts into its first year."
        )
    return (
        f" {sep.join(parts)} have no capacity yet in {year}: they count only in the simulated "
        "futures whose shock lasts into their first year."
    )


def contribution_text(result: Any, names: Mapping[str, str], lang: Lang = "en") -> str:
    """One paragraph: what the set avoids together (median and band), which fab avoids most
    alone, whether the parts add up, and which fabs have no capacity yet when the shock starts
    (``lang`` en or ja).

    >>> import types
    >>> t = pd.DataFrame({"fab_id": ["a", "a", "b", "b"], "measure": ["alone", "added"] * 2,
    ...     "mean": [4.0, 3.0, 1.0, 0.5], "p5": [1.0, 1.0, 0.0, 0.0], "p50": [4.0, 3.0, 1.0, 0.5],
    ...     "p95": [8.0, 6.0, 2.0, 1.0]})
    >>> s = lambda v: {"mean": v, "p5": v / 2, "p50": v, "p95": 2 * v}
    >>> info = pd.DataFrame({"fab_id": ["a", "b"], "shock_year": [2027, 2027],
    ...     "capacity_wspm": [5000.0, 0.0], "first_year": [2026, 2028]})
    >>> r = types.SimpleNamespace(fabs=("a", "b"), runs=10, table=t, totals={"together": s(4.2),
    ...     "sum_alone": s(5.0), "sum_added": s(3.5), "interaction": s(-0.8)}, fab_info=info)
    >>> print(contribution_text(r, {"a": "Fab A"}))
    Together the 2 fabs avoid USD 4.2 bn (USD 2.1 bn – 8.4 bn, p5–p95 of 10 simulated \
futures). Alone, Fab A avoids the most: USD 4.0 bn (b: USD 1.0 bn). What each avoids alone adds \
up to USD 5.0 bn: together they avoid USD 0.8 bn less (they compete for the same customers and \
spare capacity). b (from 2028) has no capacity yet in 2027: it counts only in the simulated \
futures whose shock lasts into its first year.
    >>> print(contribution_text(r, {"a": "Fab A"}, "ja"))
    2つの工場が合わせて避ける生産額の損失は42億ドルです\
（シミュレーションした未来10通りのp5〜p95：21億〜84億ドル）。\
単独で最も多く避けるのはFab Aで40億ドルです（b：10億ドル）。単独で避ける額の合計は50億ドルで、\
合わせると8億ドル少なくなります（同じ顧客と余剰能力を取り合うため）。\
b（2028年から）は2027年にはまだ生産能力がなく、\
ショックがその年まで続くシミュレーションした未来でだけ効きます。
    """
    n = len(result.fabs)
    tog = result.totals["together"]
    ja = lang == "ja"
    lo, hi = _bn(tog["p5"], lang), _bn(tog["p95"], lang)
    # one fab avoids on its own: it is named, not counted ("Together the 1 fab avoid")
    one = names.get(str(result.fabs[0]), str(result.fabs[0])) if n == 1 else ""
    if ja:
        who = f"{one}が避ける" if one else f"{n}つの工場が合わせて避ける"
        head = (
            f"{who}生産額の損失は{_bn(tog['p50'], lang)}です"
            f"（シミュレーションした未来{result.runs:,}通りのp5〜p95："
            f"{lo.removesuffix('ドル')}〜{hi}）。"
        )
    else:
        who = f"{one} avoids" if one else f"Together the {n} fabs avoid"
        # "USD 2.1 bn – 8.4 bn"; "less than USD 0.1 bn to USD 8.4 bn" from a small low end
        band = f"{lo} – {hi.removeprefix('USD ')}" if lo.startswith("USD") else f"{lo} to {hi}"
        head = f"{who} {_bn(tog['p50'])} ({band}, p5–p95 of {result.runs:,} simulated futures)."
    if n == 1:
        return head + _late_fabs(result, names, lang)
    alone = result.table[result.table["measure"] == "alone"].sort_values(
        "p50", ascending=False, kind="stable"
    )
    first = alone.iloc[0]
    others = ("、" if ja else ", ").join(
        f"{names.get(str(r.fab_id), str(r.fab_id))}{'：' if ja else ': '}{_bn(float(r.p50), lang)}"
        for r in alone.iloc[1:].itertuples()
    )
    best = names.get(str(first.fab_id), str(first.fab_id))
    top = _bn(float(first.p50), lang)
    inter = float(result.totals["interaction"]["p50"])
    total_alone = _bn(result.totals["sum_alone"]["p50"], lang)
    gap = _bn(abs(inter), lang)
    # within 1 % of the total (or 0.05 bn): the parts add up, whatever the sign
    level = abs(float(tog["p50"]))
    even = abs(inter) < max(0.05, 0.01 * level)
    late = _late_fabs(result, names, lang)
    if ja:
        body = f"単独で最も多く避けるのは{best}で{top}です（{others}）。"
        if even:
            tail = f"単独で避ける額の合計は{total_alone}で、合わせた場合とほぼ同じです。"
        elif inter > 0:
            tail = f"単独で避ける額の合計は{total_alone}で、合わせると{gap}多くなります（1+1>2）。"
        else:
            tail = (
                f"単独で避ける額の合計は{total_alone}で、合わせると{gap}少なくなります"
                "（同じ顧客と余剰能力を取り合うため）。"
            )
        return head + body + tail + late
    body = f" Alone, {best} avoids the most: {top} ({others})."
    if even:
        tail = f" What each avoids alone adds up to {total_alone}: about what they avoid together."
    elif inter > 0:
        tail = (
            f" What each avoids alone adds up to {total_alone}: together they avoid {gap} more "
            "(1 + 1 > 2)."
        )
    else:
        tail = (
            f" What each avoids alone adds up to {total_alone}: together they avoid {gap} less "
            "(they compete for the same customers and spare capacity)."
        )
    return head + body + tail + late
