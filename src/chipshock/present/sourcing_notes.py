"""The words of the sourcing view's caption, said once for ``GET /api/sourcing`` (its
``caption`` and ``caption_ja``, the dashboard's caption) and `chipshock sourcing`: the note in
Japanese, the fabs switched and the sourced operators left without capacity (the engine gives
the switches and the operators, `chipshock.sim.network.sourcing_view.Unplaced`; the words are
the catalogue's, ``cli.sourcing_switched_*`` and ``cli.sourcing_unplaced``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from chipshock.present.messages import message
from chipshock.present.numbers import machine_number

if TYPE_CHECKING:
    from chipshock.sim.network.sourcing_view import Unplaced

__all__ = ["SOURCING_NOTE_JA", "switch_note", "unplaced_note"]

#: `chipshock.sim.SOURCING_NOTE` in Japanese (the dashboard's caption of the sourcing view)
SOURCING_NOTE_JA = (
    "調達シェア（sourced）：sourcing_shares.csv が示すシェア（事業者のシェアはその工場に生産能力"
    "に応じて配分。市場のウェーハの残りと、行のない市場・ノード区分は生産能力に応じて配分）。"
    "供給シェア（served）：どの工場にも、そのノード区分の稼働率を超える通常の注文を割り当てない"
    "としたときにエンジンが流す分（事業者の工場で作りきれない分は、同じノード区分の他の工場に"
    "余力に応じて回る。docs/scenarios.md「Sourcing」）。「その他の工場」は、個別に登録された"
    "工場以外の地域の生産能力。"
)


def switch_note(fabs_off: Iterable[str], fabs_on: Iterable[str], lang: str = "en") -> str:
    """What a sourcing table says of the fabs switched (empty when none), as `chipshock
    capacity`'s caption does: "Switched off: a, b. Switched on: c."

    >>> switch_note(["renesas-naka"], [])
    'Switched off: renesas-naka.'
    >>> switch_note(["renesas-naka"], ["x"], "ja")
    '停止した工場：renesas-naka。稼働させた工場：x。'
    """
    list_sep, sep = ("、", "") if lang == "ja" else (", ", " ")
    return sep.join(
        message(key, lang, fabs=list_sep.join(fabs))
        for key, fabs in (
            ("cli.sourcing_switched_off", list(fabs_off)),
            ("cli.sourcing_switched_on", list(fabs_on)),
        )
        if fabs
    )


def unplaced_note(unplaced: Sequence[Unplaced], lang: str = "en") -> str:
    """One sentence per sourced operator left without capacity (empty when none), its row's
    share as the file writes it:

    >>> from chipshock.sim.network.sourcing_view import Unplaced
    >>> u = Unplaced(2027, "automotive", "n28_45", "renesas", "Renesas", 2.0, "", "", "low")
    >>> note = unplaced_note([u])
    >>> note.split(", no fab")[0]
    "renesas: sourced 2 % of automotive's n28_45 wafers (sourcing_shares.csv)"
    >>> note.split("; ")[0].split(", ")[1]
    'no fab with capacity in 2027'
    >>> unplaced_note([u], "ja").split("を割り当てる")[0]
    'renesas：sourcing_shares.csv は automotive の n28_45 のウェーハの 2% '
    """
    return ("" if lang == "ja" else " ").join(
        message(
            "cli.sourcing_unplaced",
            lang,
            operator=u.operator_id,
            share=f"{machine_number(u.share_pct):g}",
            market=u.market,
            node_class=u.node_class,
            year=u.year,
        )
        for u in unplaced
    )
