"""What a sensitivity analysis of ``weeks_to_recover`` can say when runs are censored.

A run not back to normal by the horizon end reads the horizon's weeks (horizon end minus the
first shock's start) in ``weeks_to_recover``: a lower bound, which the run surfaces show as
"≥ 208" and "not back to normal by the end of 2030" (`chipshock.present.summary`). The tornado
(`chipshock.sim.sensitivity`) and the Sobol analysis (`chipshock.sim.sobol`) rank factors on
those clipped numbers, so they describe min(weeks to recover, horizon), not recovery times.
`censoring_note` says so, with the count of censored runs, on every surface that shows the
analysis (it ends the plain-words reading that the CLI, the API, the dashboard and the report
print); where most runs are censored it says the ranking is not informative, and the fix.
"""

from __future__ import annotations

from typing import Any

from chipshock.present.messages import check_lang, message
from chipshock.present.numbers import Lang, fmt_int, fmt_weeks

__all__ = ["censoring", "censoring_note"]


def censoring(result: Any) -> dict[str, Any] | None:
    """The censoring of a `SensitivityResult` or `SobolResult` of ``weeks_to_recover`` as
    plain values: ``censored_at`` (weeks), ``censored`` runs of ``evaluated``, ``share`` (0-1),
    ``end_year``, ``most`` (more than half censored: the ranking is not informative); None for
    another KPI or a result without the counts."""
    at = getattr(result, "censored_at", None)
    n = int(getattr(result, "evaluated", 0) or 0)
    if getattr(result, "kpi", None) != "weeks_to_recover" or at is None or n <= 0:
        return None
    k = int(getattr(result, "censored", 0) or 0)
    return {
        "censored_at": float(at),
        "censored": k,
        "evaluated": n,
        "share": k / n,
        "end_year": int(getattr(result, "end_year", 0) or 0) or None,
        "most": 2 * k > n,
    }


def censoring_note(result: Any, lang: Lang = "en") -> str:
    """The sentences on censoring for ``result`` (`censoring`) in ``lang``; "" when no run is
    censored or the KPI is another.

    >>> from types import SimpleNamespace as R
    >>> r = R(kpi="weeks_to_recover", censored_at=52.0, censored=28, evaluated=50,
    ...       end_year=2026, table=None)
    >>> censoring_note(r).split(": ")[0]
    'Weeks until output recovers is censored at the horizon'
    >>> "Most simulated futures are censored" in censoring_note(r)
    True
    >>> censoring_note(R(kpi="weeks_to_recover", censored_at=52.0, censored=0, evaluated=50))
    ''
    """
    lang = check_lang(lang)
    c = censoring(result)
    if c is None or c["censored"] == 0:
        return ""
    sobol = hasattr(result, "design")
    kind = "sobol" if sobol else "tornado"
    text = message(
        "analysis.censored",
        lang,
        k=fmt_int(c["censored"], lang),
        n=fmt_int(c["evaluated"], lang),
        over=message(f"analysis.censored_over_{kind}", lang),
        year=c["end_year"] or "",
        weeks=fmt_weeks(c["censored_at"], lang),
        what=message(f"analysis.censored_what_{kind}", lang),
    )
    if c["most"]:
        text += ("" if lang == "ja" else " ") + message("analysis.censored_most", lang)
    return text
