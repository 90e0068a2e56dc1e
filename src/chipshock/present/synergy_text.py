"""The one sentence that answers "is 1+1 more than 2?" for two groups, on every surface.

`chipshock synergy` (both languages), the coalition briefing and the dashboard's synergy view
(its catalogue holds the same words, ``syn_reading_*``, filled from the API's ``counts``) say
each side's coverage, both together, the difference in percentage points and how many inputs
only both together cover. When the value counts inputs, the coverage is given as counts
("27 of the 75 inputs"): whole numbers a reader can add up, where rounded percentages (36.0 +
25.3 against 66.7) add up to a tenth more or less than the difference printed beside them.
"""

from __future__ import annotations

from chipshock.analysis.shapley import SynergyResult
from chipshock.present.messages import message
from chipshock.present.numbers import Lang, fmt_cell_number, fmt_int, fmt_pct

__all__ = ["synergy_reading"]

#: below this (a fraction of the inputs) the two sides cover exactly the sum of each alone
_EXACT = 1e-12


def synergy_reading(result: SynergyResult, a: str, b: str, lang: Lang) -> str:
    """Each side alone, both together and the synergy in points, ``a`` and ``b`` the sides as
    the surface names them.

    >>> from chipshock.analysis.shapley import synergy
    >>> from chipshock.examples import tiny_chain
    >>> s = synergy(tiny_chain(), ["USA"], ["JPN"], threshold=95.0)
    >>> synergy_reading(s, "USA", "JPN", "en")  # doctest: +NORMALIZE_WHITESPACE
    'Alone, USA covers 1 of the 5 inputs and JPN 0; together they cover 2, 20.0 percentage
    points more than the sum of each alone (1+1 > 2): 1 input is covered only by both together.'
    """
    way = "more" if result.synergy > _EXACT else "less" if result.synergy < -_EXACT else "same"
    counts = result.counts()
    # a nonzero gain below the tenth reads "<0.1" points, not "0.0" beside the verdict "more"
    points = fmt_cell_number(abs(100 * result.synergy), 1, lang)
    if counts is not None:
        sides = message(
            "synergy.sides_count",
            lang,
            a=a,
            b=b,
            ka=fmt_int(counts["a"], lang),
            kb=fmt_int(counts["b"], lang),
            ku=fmt_int(counts["union"], lang),
            n=fmt_int(counts["inputs"], lang),
        )
    else:
        sides = message(
            "synergy.sides_market",
            lang,
            a=a,
            b=b,
            va=fmt_pct(100 * result.v_a, 1, lang),
            vb=fmt_pct(100 * result.v_b, 1, lang),
            vu=fmt_pct(100 * result.v_union, 1, lang),
        )
    only = len(result.union_only)
    verdict = message(
        f"synergy.{way}",
        lang,
        s=points,
        only=fmt_int(only, lang),
        inputs=message("synergy.input_one" if only == 1 else "synergy.input_many", lang),
    )
    return sides + verdict
