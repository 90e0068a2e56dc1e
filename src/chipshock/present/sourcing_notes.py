"""The Japanese words of the sourcing view, said once for ``GET /api/sourcing`` (its
``caption_ja``, the dashboard's caption) and `chipshock sourcing --lang ja`."""

from __future__ import annotations

__all__ = ["SOURCING_NOTE_JA"]

#: `chipshock.sim.SOURCING_NOTE` in Japanese (the dashboard's caption of the sourcing view)
SOURCING_NOTE_JA = (
    "調達シェア（sourced）：sourcing_shares.csv が示すシェア（事業者のシェアはその工場に生産能力"
    "に応じて配分。市場のウェーハの残りと、行のない市場・ノード区分は生産能力に応じて配分）。"
    "供給シェア（served）：どの工場にも、そのノード区分の稼働率を超える通常の注文を割り当てない"
    "としたときにエンジンが流す分（事業者の工場で作りきれない分は、同じノード区分の他の工場に"
    "余力に応じて回る。docs/scenarios.md「Sourcing」）。「その他の工場」は、個別に登録された"
    "工場以外の地域の生産能力。"
)
