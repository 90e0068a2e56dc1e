"""Where a scenario result's figures come from, said once for every surface: the engine's
source line with the curated data release and its date (the store's ``meta`` table, as
`chipshock data info` shows it).

The CLI (`scenario run`/`compare`/`results show`: JSON meta and CSV columns), the API
(run, compare and saved-result ``meta``) and the report (page 1 and the sources) all use these.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

import pandas as pd

from chipshock.analysis.registry import DataRelease
from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.present.labels import Lang, confidence_label
from chipshock.present.messages import LANGS, message

__all__ = [
    "ENGINE_LICENCE",
    "ENGINE_LICENCE_JA",
    "PROVENANCE_COLUMNS",
    "engine_meta",
    "engine_source",
    "package_release",
    "public_file_name",
    "row_dating",
    "saved_file_notes",
    "with_provenance",
]

#: the datasets behind every engine figure, by language
_ENGINE = {
    "en": "chipshock scenario engine over the ETO dataset (CSET; CC BY-NC 4.0) and the curated "
    "capacity, demand and inventory files",
    "ja": "chipshock シナリオエンジン（ETO データセット：CSET、CC BY-NC 4.0、および整備した"
    "生産能力・需要・在庫のファイル）",
}
_RELEASE = {
    "en": "data release {number} as of {date}",
    "ja": "データリリース{number}（{date}時点）",
}
_ROWS = {
    "en": "each row cites its source_url and as_of (chipshock data info lists the files)",
    "ja": "各行に出典 source_url と時点 as_of を記載（ファイル一覧：chipshock data info）",
}
ENGINE_LICENCE = "ETO data CC BY-NC 4.0; curated data cite their public sources"
ENGINE_LICENCE_JA = "ETO データは CC BY-NC 4.0、整備データは各行の公開資料を出典とする"

#: the columns `with_provenance` adds to a CSV section
PROVENANCE_COLUMNS = ("source", "data_release", "as_of")


def package_release() -> DataRelease:
    """The release of the files this package ships (what a store built from them records)."""
    return DataRelease(DATA_RELEASE, DATA_RELEASE_DATE)


def engine_source(release: DataRelease, lang: Lang = "en") -> str:
    """The source line of an engine table.

    >>> engine_source(DataRelease("8", "2026-12-02"))[:52]
    'chipshock scenario engine over the ETO dataset (CSET'
    >>> "data release 8 as of 2026-12-02" in engine_source(DataRelease("8", "2026-12-02"))
    True
    """
    when = _RELEASE[lang].format(number=release.number, date=release.date)
    if lang == "ja":
        return f"{_ENGINE['ja']}、{when}。{_ROWS['ja']}。"
    return f"{_ENGINE['en']}, {when}; {_ROWS['en']}."


def engine_meta(release: DataRelease | None) -> dict[str, Any]:
    """The source metadata of an engine result: source line, licence, the data release and its
    date (``as_of``), in English and Japanese (``source_ja``, ``licence_ja``); without a
    release (a result saved before it was recorded) the release fields are null and a note
    says so."""
    if release is None:
        return {
            "source": f"{_ENGINE['en']}; saved before chipshock recorded the data release",
            "source_ja": _ENGINE["ja"],
            "licence": ENGINE_LICENCE,
            "licence_ja": ENGINE_LICENCE_JA,
            "data_release": None,
            "data_release_date": None,
            "as_of": None,
            "note": "This result was saved before its data release was recorded; run it again "
            "with --save to record it.",
        }
    return {
        "source": engine_source(release, "en"),
        "source_ja": engine_source(release, "ja"),
        "licence": ENGINE_LICENCE,
        "licence_ja": ENGINE_LICENCE_JA,
        "data_release": release.number,
        "data_release_date": release.date,
        "as_of": release.date,
    }


def with_provenance(frame: pd.DataFrame, release: DataRelease) -> pd.DataFrame:
    """``frame`` with the `PROVENANCE_COLUMNS` on every row, as the CSV of the
    other commands carries its source per row: the source line, the data release and its date."""
    return frame.assign(
        source=engine_source(release), data_release=release.number, as_of=release.date
    )


#: confidence levels, weakest first (the order `row_dating` spans them in)
_CONFIDENCE_ORDER = ("low", "medium", "high")


def _span(values: list[str], lang: Lang) -> str:
    """``a`` when every value is ``a``, else "first to last" (「first〜last」)."""
    if values[0] == values[-1]:
        return values[0]
    return f"{values[0]}〜{values[-1]}" if lang == "ja" else f"{values[0]} to {values[-1]}"


def row_dating(rows: pd.DataFrame, lang: Lang = "en") -> str:
    """One sentence with the as-of dates and confidence of a curated file's ``rows`` (their
    ``as_of`` and ``confidence`` columns, earliest to latest, weakest to strongest): the
    ``note.rows_dating`` message, or "" for no rows.

    >>> rows = pd.DataFrame({"as_of": ["2024-10", "2024", "2024-04"],
    ...     "confidence": ["medium", "low", "medium"]})
    >>> row_dating(rows)
    'Its rows are as of 2024 to 2024-10, confidence low to medium (each row says which).'
    >>> row_dating(rows, "ja")
    '行の時点は2024〜2024-10、確度は低〜中です（行ごとの値はファイルに記載）。'
    """
    if rows.empty:
        return ""
    dates = sorted({str(d) for d in rows["as_of"]})
    levels = sorted(
        {str(c) for c in rows["confidence"]},
        key=lambda c: _CONFIDENCE_ORDER.index(c) if c in _CONFIDENCE_ORDER else -1,
    )
    words = [confidence_label(c, lang) for c in levels]
    return message(
        "note.rows_dating", lang, as_of=_span(dates, lang), confidence=_span(words, lang)
    )


def saved_file_notes(info: Mapping[str, Any], *, public: bool = False) -> dict[str, str]:
    """``{"en": ..., "ja": ...}``: that the scenario file a saved result was run from has
    changed since it was saved (``info``: the result's row of
    `chipshock.sim.run.store.list_results`), as `chipshock results show` and
    ``GET /api/results/{id}`` say it; empty when it has not, or cannot be told (review 14 #6).
    ``public``: the file by its base name (`public_file_name`), as a server names it."""
    from chipshock.sim.run.store import scenario_file_changed

    if not scenario_file_changed(info):
        return {}
    file = str(info["scenario_file"])
    fields = {"file": public_file_name(file) if public else file}
    fields["date"] = str(info["created_at"])[:10]
    return {lang: message("results.scenario_file_changed", lang, **fields) for lang in LANGS}


def public_file_name(path: object) -> str | None:
    """The base name of a saved result's scenario file, as a server shows it: never the
    folders of its own file system (None for a result not run from a file).

    >>> public_file_name("/home/ana/scenarios/tw13.toml")
    'tw13.toml'
    >>> public_file_name(None) is None
    True
    """
    if not isinstance(path, str) or not path:
        return None
    return PurePath(path).name
