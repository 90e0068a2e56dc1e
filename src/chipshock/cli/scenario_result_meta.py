"""What `scenario run` and `scenario compare` write beside their tables in JSON (the API's
names): the caveats and summary paragraph in each
language, and the source line with the data release."""

from __future__ import annotations

from typing import Any

from chipshock.present.history_caveats import market_caveats
from chipshock.present.messages import LANGS
from chipshock.present.provenance import engine_meta
from chipshock.present.summary import summary_text

__all__ = ["provenance_meta", "result_caveats", "summary_texts"]


def result_caveats(
    result: Any, labels: dict[str, tuple[str, str]] | None = None
) -> dict[str, list[str]]:
    """The JSON meta's ``caveats`` / ``caveats_ja`` (the API's names): per market, where the
    history check shows the model far from history (review 14 #1; also in the summary);
    ``labels``: a comparison's sides as its summary names them."""
    out: dict[str, list[str]] = {}
    for key, lang in (("caveats", "en"), ("caveats_ja", "ja")):
        a, b = (labels or {}).get(lang, (None, None))
        out[key] = market_caveats(result, lang, label_a=a, label_b=b)
    return out


def summary_texts(result: Any, labels: dict[str, tuple[str, str]] | None = None) -> dict[str, str]:
    """The summary paragraph in each language, as the API's ``summary_text`` (JSON meta);
    ``labels``: the two sides' names per language, where the comparison gives them."""
    out: dict[str, str] = {}
    for lang in LANGS:
        a, b = (labels or {}).get(lang, (None, None))
        out[lang] = summary_text(result, lang, label_a=a, label_b=b)
    return out


def provenance_meta(release: Any) -> dict[str, Any]:
    """The JSON meta's source line, licence, data release and date (`engine_meta`)."""
    meta = engine_meta(release)
    return {k: meta[k] for k in ("source", "licence", "data_release", "data_release_date", "as_of")}
