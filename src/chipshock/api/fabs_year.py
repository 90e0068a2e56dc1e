"""``GET /api/fabs?year=``'s fabs left out: wafer fabs the registry dates by the year that have
no capacity in the model that year (`chipshock.analysis.fab_years`), named as
`chipshock fabs --year` names them below its table."""

from __future__ import annotations

from typing import Any

import pandas as pd

from chipshock.analysis.fab_years import FabsInYear
from chipshock.present.labels import fab_names
from chipshock.present.messages import count_message

__all__ = ["left_out_payload"]


def left_out_payload(in_year: FabsInYear, registry: pd.DataFrame) -> dict[str, Any]:
    """``left_out``: ``[{fab_id, name, name_ja, reason}]``, and ``left_out_note`` /
    ``left_out_note_ja``: the sentence ``cli.fab_list_year_left_out`` that the CLI's caption
    carries ("" when no fab is left out)."""
    left_out = in_year.left_out
    names = {lang: fab_names(registry, lang) for lang in ("en", "ja")}
    rows = [
        {
            "fab_id": fab_id,
            "name": names["en"].get(fab_id, fab_id),
            "name_ja": names["ja"].get(fab_id, fab_id),
            "reason": reason,
        }
        for fab_id, reason in zip(
            left_out["fab_id"].astype(str), left_out["reason"].astype(str), strict=True
        )
    ]

    def note(lang: str) -> str:
        if not rows:
            return ""
        fabs = (
            "; ".join(f"{r['fab_id']} ({r['reason']})" for r in rows)
            if lang == "en"
            else "、".join(str(r["name_ja"]) for r in rows)
        )
        return count_message(
            "cli.fab_list_year_left_out", len(rows), lang, year=in_year.year, fabs=fabs
        ).strip()

    return {"left_out": rows, "left_out_note": note("en"), "left_out_note_ja": note("ja")}
