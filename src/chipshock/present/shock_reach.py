"""What each shock of a run reached, one line per shock in English or Japanese.

The figures are `chipshock.sim.run.reach.ShockReach`'s (producers, their share of each node
class's world capacity in the shock's year, regions, operators, inputs cut, markets); a line
names at most `MAX_LISTED` items of a list and counts the rest (the JSON ``shock_reach`` lists
them all). Shares keep the `fmt_pct` rule: a nonzero share never reads 0%.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chipshock.present.labels import country_label, market_label, node_label
from chipshock.present.messages import LANGS, count_message, has_message, message
from chipshock.present.numbers import Lang, fmt_int, fmt_pct
from chipshock.sim.run.reach import ShockReach

__all__ = ["MAX_LISTED", "reach_line", "reach_payload", "shock_reach_lines"]

#: the most items of one list (operators, inputs, markets) a line names before it counts
MAX_LISTED = 4


def reach_payload(reach: Sequence[ShockReach]) -> dict[str, Any]:
    """``shock_reach`` (every shock's `ShockReach.as_dict`, the full lists) and
    ``shock_reach_text`` (the lines in ``en`` and ``ja``): what `chipshock scenario run
    --format json` and the API's scenario result give."""
    return {
        "shock_reach": [r.as_dict() for r in reach],
        "shock_reach_text": {lang: shock_reach_lines(reach, lang) for lang in LANGS},
    }


def shock_reach_lines(reach: Sequence[ShockReach], lang: Lang) -> list[str]:
    """One line per shock (`reach_line`)."""
    return [reach_line(r, lang) for r in reach]


def reach_line(reach: ShockReach, lang: Lang) -> str:
    """What one shock reached, in ``lang``.

    >>> r = ShockReach(0, "fab", ("f18",), 2027, fabs=("f18",),
    ...     fab_producers=("f18:lt10",), capacity_share_pct=(("lt10", 0.04),),
    ...     regions=("TWN",), operators=("tsmc",), capacity_sources=("https://x",),
    ...     capacity_as_of=("2025-06",))
    >>> print(reach_line(r, "en").replace("; ", ";\\n"))
    shock[0] (shock to a fab f18, 2027) reached 1 producer (1 at 1 fab, 0 other fabs) in Taiwan;
    <0.1% of Leading edge (<10 nm) world capacity in 2027;
    operators tsmc;
    capacity rows: fab_capacity.csv, as of 2025-06.
    """
    parts: list[str] = []
    if reach.producers:
        parts.append(
            count_message(
                "reach.producers",
                reach.producers,
                lang,
                at_fabs=fmt_int(len(reach.fab_producers), lang),
                fabs=fmt_int(len(reach.fabs), lang),
                other=fmt_int(len(reach.other_fabs), lang),
                regions=_listed([country_label(r, lang) for r in reach.regions], lang),
            )
        )
        shares = [
            message("reach.share", lang, pct=fmt_pct(pct, 1, lang), node=_node(c, lang))
            for c, pct in reach.capacity_share_pct
        ]
        if shares:
            parts.append(
                message(
                    "reach.shares",
                    lang,
                    shares=message("reach.list_sep", lang).join(shares),
                    year=reach.year,
                )
            )
        if reach.operators:
            parts.append(message("reach.operators", lang, operators=_listed(reach.operators, lang)))
    elif reach.kind != "demand":
        parts.append(message("reach.no_producer", lang))
    if reach.inputs:
        key = "reach.inputs_bound" if reach.input_classes else "reach.inputs"
        parts.append(
            count_message(
                key,
                len(reach.inputs),
                lang,
                inputs=_listed(reach.inputs, lang),
                classes=_listed([_node(c, lang) for c in reach.input_classes], lang),
            )
        )
    if reach.markets:
        parts.append(
            message(
                f"reach.demand_{reach.direction or 'surge'}",
                lang,
                markets=_listed([market_label(m, lang) for m in reach.markets], lang),
                classes=_listed([_node(c, lang) for c in reach.classes], lang),
            )
        )
    if reach.producers:
        files = [
            name
            for name, held in (
                ("fab_capacity.csv", reach.fabs),
                ("global_capacity.csv", reach.other_fabs),
            )
            if held
        ]
        parts.append(
            message(
                "reach.source",
                lang,
                files=message("reach.list_sep", lang).join(files),
                as_of=_as_of(reach.capacity_as_of, lang),
            )
        )
    kind_key = f"shock_kind.{reach.kind}"
    return message(
        "reach.line",
        lang,
        field=f"shock[{reach.shock}]",
        kind=message(kind_key, lang) if has_message(kind_key, lang) else reach.kind,
        targets=", ".join(reach.targets),
        year=reach.year,
        parts=message("reach.sep", lang).join(parts),
    )


def _node(node: str, lang: Lang) -> str:
    """A node class by its label (in Japanese in 「」, which a wrapped line keeps whole:
    「10〜22nm」 is never broken after its 〜)."""
    return message("reach.node", lang, node=node_label(node, lang))


def _listed(items: Sequence[str], lang: Lang) -> str:
    """``items`` joined, the first `MAX_LISTED` named and the rest counted."""
    sep = message("reach.list_sep", lang)
    if len(items) <= MAX_LISTED:
        return sep.join(items)
    return message(
        "reach.more",
        lang,
        items=sep.join(items[:MAX_LISTED]),
        n=fmt_int(len(items) - MAX_LISTED, lang),
    )


def _as_of(dates: Sequence[str], lang: Lang) -> str:
    if not dates:
        return message("reach.no_date", lang)
    if len(dates) == 1:
        return dates[0]
    return message("reach.date_span", lang, oldest=dates[0], newest=dates[-1])
