"""Per-market caveats where the history check (`chipshock validate`, docs/validation.md) shows
the model far from what happened (review 14 #1).

Every surface that prints a market's output loss carries its caveat: the summary paragraph (CLI,
API ``summary_text``, the report's first page, the dashboard), and the API's and the CLI's JSON
``caveats``. The words are the message catalogue's (``caveat.<market>``, en and ja); the only
numbers in them are observed values of ``history_observations.csv`` (what happened does not go
stale), never the model's, which move with every data release.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from chipshock.data.history import read_history_observations
from chipshock.present.labels import Lang, check_lang
from chipshock.present.messages import message

__all__ = ["CAVEATS", "market_caveats"]

#: market -> (message key, {placeholder: (case_id, quantity) of history_observations.csv}).
#: Automotive: the model loses about a tenth of the vehicles of the 2021 shortage and of the
#: Naka fire (docs/validation.md, "above band" in `chipshock validate`).
CAVEATS: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "automotive": (
        "caveat.automotive",
        {
            "vehicles_m": ("shortage-2021", "vehicles_not_built_m"),
            "naka_weeks": ("naka-fire-2021", "automotive_output_lost_weeks"),
        },
    ),
}


@cache
def _observed() -> dict[tuple[str, str], float]:
    table = read_history_observations().dropna(subset=["observed"])
    keys = zip(table["case_id"].astype(str), table["quantity"].astype(str), strict=True)
    return dict(zip(keys, table["observed"].astype(float), strict=True))


def _markets(obj: Any) -> list[str]:
    """The markets a result (or either side of a comparison) prints, in the result's order."""
    sides = [obj.a, obj.b] if hasattr(obj, "a") and hasattr(obj, "b") else [obj]
    seen: dict[str, None] = {}
    for side in sides:
        kpis = getattr(side, "kpis", None)
        if kpis is not None and "market" in kpis:
            seen.update(dict.fromkeys(str(m) for m in kpis["market"]))
    return list(seen)


def market_caveats(obj: Any, lang: Lang | str = "en", *, short: bool = False) -> list[str]:
    """The caveats of the markets a result or comparison prints (empty when none applies);
    ``short``: the one-line wording (``<key>_short``) of the report's first page, which must
    keep its key figures on two A4 pages."""
    language = check_lang(lang)
    observed = _observed()
    out: list[str] = []
    for market in _markets(obj):
        if market not in CAVEATS:
            continue
        key, rows = CAVEATS[market]
        values = {name: f"{observed[row]:g}" for name, row in rows.items()}
        out.append(message(f"{key}_short" if short else key, language, **values))
    return out
