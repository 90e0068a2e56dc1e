"""`chipshock calibrate` on a terminal, in English or Japanese: the fitted rows' table (headers,
distributions, units and confidence in ``lang``), its caption on the triangular rows, and what
history cannot pin down as a numbered list under a one-line heading.

The parameters history cannot pin down and why are `chipshock.sim.validation.calibrate.
NOT_IDENTIFIED` (English, and the table of docs/validation.md); the catalogue's
``calibrate.not_identified.<n>.name|why`` give them in Japanese, in the same order
(tests/cli/test_validate_cli.py holds the English ones equal to `NOT_IDENTIFIED`).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.cells import cell_len

from chipshock.cli.japanese_atoms import wrap_japanese
from chipshock.present.labels import Lang, confidence_label
from chipshock.present.messages import has_message, message

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CALIBRATE_COLUMNS", "calibrate_table", "not_identified", "not_identified_list"]

#: the columns the terminal table shows, by their names in the rows (JSON and CSV keep all)
CALIBRATE_COLUMNS = (
    "parameter",
    "distribution",
    "low",
    "mode",
    "high",
    "unit",
    "n_observations",
    "confidence",
)


def not_identified(lang: Lang = "en") -> list[tuple[str, str]]:
    """(parameter, why) of each thing history cannot pin down, in ``lang``: `NOT_IDENTIFIED`
    itself in English, the catalogue's ``calibrate.not_identified.<n>.*`` in Japanese."""
    from chipshock.sim.validation.calibrate import NOT_IDENTIFIED

    if lang == "en":
        return [(name, why) for name, why in NOT_IDENTIFIED]
    return [
        (
            message(f"calibrate.not_identified.{n}.name", lang),
            message(f"calibrate.not_identified.{n}.why", lang),
        )
        for n in range(1, len(NOT_IDENTIFIED) + 1)
    ]


def not_identified_list(lang: Lang = "en", width: int = 80) -> str:
    """A one-line heading, then one numbered item per parameter (``1. name: why``), each
    wrapped to ``width`` cells under its own text (the number stands out on the left);
    Japanese lines break where Japanese may (`wrap_japanese`)."""
    items = not_identified(lang)
    lines = [message("calibrate.not_identified_heading", lang, n=len(items))]
    digits = len(str(len(items)))
    for n, (name, why) in enumerate(items, start=1):
        number = f"{n:>{digits}}. "
        item = message("calibrate.not_identified_item", lang, name=name, why=why)
        room = max(20, width - cell_len(number))
        if lang == "ja":
            wrapped = wrap_japanese(item, room).split("\n")
        else:
            wrapped = textwrap.wrap(item, room, break_on_hyphens=False, break_long_words=False)
        pad = " " * cell_len(number)
        lines += [(number if i == 0 else pad) + line for i, line in enumerate(wrapped)]
    return "\n".join(lines)


def _term(family: str, value: str, lang: Lang) -> str:
    """``value`` in ``lang`` by the catalogue's ``<family>.<value>``, else as it is."""
    key = f"{family}.{value}"
    return message(key, lang) if has_message(key, lang) else value


def calibrate_table(rows: pd.DataFrame, lang: Lang = "en") -> pd.DataFrame:
    """The terminal table of the fitted rows: `CALIBRATE_COLUMNS`, named in ``lang``
    (``calibrate.col.*``), with the distribution, unit and confidence in words of ``lang``;
    each row's low, mode and high as `chipshock validate` writes a band (`fmt_figures_band`:
    three significant figures, more where two of them would read the same), so that 0.16 and
    1.76 weeks do not read "0.2" and "1.8"."""
    from chipshock.present.numbers import fmt_figures_band

    table = rows[list(CALIBRATE_COLUMNS)].copy()
    bands = [
        fmt_figures_band(mode, low, high)
        for low, mode, high in zip(table["low"], table["mode"], table["high"], strict=True)
    ]
    table["low"] = [low for _, low, _ in bands]
    table["mode"] = [mode for mode, _, _ in bands]
    table["high"] = [high for _, _, high in bands]
    if lang == "en":
        return table
    table["distribution"] = [_term("distribution", str(v), lang) for v in table["distribution"]]
    table["unit"] = [_term("unit", str(v), lang) for v in table["unit"]]
    table["confidence"] = [confidence_label(str(v), lang) for v in table["confidence"]]
    return table.rename(columns={c: message(f"calibrate.col.{c}", lang) for c in table.columns})
