"""A scenario's fab switches (``fabs_off``, ``fabs_on``, ``partnership_off``) as settings
lines, one per intervention (`chipshock.present.scenario_settings`).

Before session 32 a switch was named only by the side titles and the report's list of fabs, so
a comparison's one difference (the alliance fabs off) was missing from "what the scenario
sets". Each line names the fabs by their display names (Japanese ones where the data have
them, fab_names_ja.csv); a partnership by its parties and technology, its id, the date of its
partnerships.csv row and the fabs its ``fab_ids`` switch off. A long list names the first few
and says how many more (`MAX_FABS_NAMED`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from chipshock.present.labels import in_language
from chipshock.present.messages import message
from chipshock.present.numbers import Lang, fmt_int
from chipshock.scenarios.overrides import OVERRIDE_LABELS, RESTORED_LABEL

__all__ = ["FAB_SWITCHES", "MAX_FABS_NAMED", "MAX_PARTIES_NAMED", "switch_lines"]

#: the interventions that switch fabs, each named by a line of its own
FAB_SWITCHES = ("fabs_off", "fabs_on", "partnership_off")

#: the most fabs a line names before "and N more" (the alliance's six fit; seven are all named)
MAX_FABS_NAMED = 6

#: the most parties a partnership's name lists before "and N more"
MAX_PARTIES_NAMED = 3

#: labels the run's own options give a switch (``--fabs-off``, the API's ``fabs_off``, the
#: alliance toggle): said by the side's title, not quoted here as if a file had written them
_OPTION_LABELS = frozenset({*OVERRIDE_LABELS.values(), RESTORED_LABEL})


def by_option(label: str) -> bool:
    """Whether ``label`` is one the run's options gave a switch, not a file's own words.

    >>> by_option("override: fabs off"), by_option("Rapidus delayed"), by_option("")
    (True, False, False)
    """
    return label in _OPTION_LABELS


def switch_lines(
    iv: Any,
    fab_names: Mapping[str, str],
    partnerships: pd.DataFrame | None,
    lang: Lang,
) -> list[str]:
    """The lines of one fab switch in ``lang``: one for ``fabs_off`` / ``fabs_on``, one per
    partnership of a ``partnership_off``; ``fab_names`` each fab's name in ``lang`` (its id
    when it has none), ``partnerships`` partnerships.csv (a partnership it lacks is named by
    its id and said to be unread).

    >>> from chipshock.scenarios.model import Intervention
    >>> off = Intervention("fabs_off", fabs=("a", "b"), label="No new fabs")
    >>> switch_lines(off, {"a": "Fab A"}, None, "en")
    ['Fabs switched off (no output in the run): Fab A, b (“No new fabs”).']
    >>> switch_lines(Intervention("fabs_on", fabs=("a",)), {"a": "A工場"}, None, "ja")
    ['稼働させる工場：A工場。']
    """
    label = _label(iv, lang)
    if iv.kind == "partnership_off":
        return [_partnership(p, fab_names, partnerships, lang, label) for p in iv.partnerships]
    if iv.kind == "fabs_on":
        key = "settings.fabs_back_on" if iv.label == RESTORED_LABEL else "settings.fabs_on"
    else:
        key = "settings.fabs_off"
    return [message(key, lang, fabs=fab_list(iv.fabs, fab_names, lang), label=label)]


def fab_list(fabs: Sequence[str], fab_names: Mapping[str, str], lang: Lang) -> str:
    """Fabs by name, each once, in the order given; beyond `MAX_FABS_NAMED`, the first ones
    and how many more.

    >>> fab_list([f"f{i}" for i in range(13)], {}, "en")
    'f0, f1, f2, f3, f4, f5 and 7 more'
    >>> fab_list(["a", "b", "a"], {"a": "A工場", "b": "B工場"}, "ja")
    'A工場、B工場'
    """
    names = [fab_names.get(f, f) for f in dict.fromkeys(fabs)]
    return _shortened(names, MAX_FABS_NAMED, "settings.fabs_more", lang)


def _shortened(names: Sequence[str], most: int, more_key: str, lang: Lang) -> str:
    """``names`` joined in ``lang``'s punctuation; beyond ``most``, the first ``most`` and
    ``more_key`` (how many are left out); one past ``most`` is named ("and 1 more" would take
    the room of the name it hides)."""
    sep = "、" if lang == "ja" else ", "
    if len(names) <= most + 1:
        return sep.join(names)
    shown = sep.join(names[:most])
    return message(more_key, lang, names=shown, n=fmt_int(len(names) - most))


def _label(iv: Any, lang: Lang) -> str:
    """The intervention's label as the stock lines quote it ("" for none, or for a label the
    run's options gave)."""
    if not iv.label or iv.label in _OPTION_LABELS:
        return ""
    text = (iv.label_ja or iv.label) if lang == "ja" else iv.label
    return message("settings.intervention_label", lang, label=text)


def _partnership(
    partnership_id: str,
    fab_names: Mapping[str, str],
    partnerships: pd.DataFrame | None,
    lang: Lang,
    label: str,
) -> str:
    """One partnership switched off: its name, id and row date, then the fabs it switches."""
    row = _row(partnerships, partnership_id)
    fabs = _ids(row.get("fab_ids")) if row is not None else []
    if row is None or not fabs:  # the engine refuses both before a run; a file check may not
        return message("settings.partnership_unread", lang, id=partnership_id, label=label)
    return message(
        "settings.partnership_off",
        lang,
        name=partnership_name(row, lang),
        id=partnership_id,
        as_of=_text(row.get("as_of")) or "?",
        fabs=fab_list(fabs, fab_names, lang),
        label=label,
    )


def partnership_name(row: Mapping[str, object], lang: Lang) -> str:
    """A partnership in words: its parties (the first `MAX_PARTIES_NAMED` and how many more)
    and its technology, in Japanese from ``parties_ja`` and ``technology_ja`` where the data
    have them.

    >>> row = {"parties": "IBM; Rapidus", "parties_ja": "IBM、ラピダス",
    ...     "technology": "2nm logic", "technology_ja": "2nmロジック"}
    >>> partnership_name(row, "en"), partnership_name(row, "ja")
    ('IBM and Rapidus — 2nm logic', 'IBM、ラピダスの2nmロジック')
    >>> partnership_name({"parties": "A; B; C; D; E", "technology": "t"}, "en")
    'A, B, C and 2 more — t'
    """
    japanese = lang == "ja" and bool(_text(row.get("parties_ja")))
    if japanese:
        parties = _split_outside_brackets(_text(row.get("parties_ja")), "、")
    else:
        parties = [p.strip() for p in _text(row.get("parties")).split(";") if p.strip()]
    if len(parties) > MAX_PARTIES_NAMED + 1:
        joined = _shortened(parties, MAX_PARTIES_NAMED, "settings.parties_more", lang)
    elif lang == "ja":
        joined = "、".join(parties)
    else:
        joined = (
            parties[0] if len(parties) == 1 else ", ".join(parties[:-1]) + " and " + parties[-1]
        )
    technology = in_language(row.get("technology"), row.get("technology_ja"), lang)
    return message("settings.partnership_name", lang, parties=joined, technology=technology)


def _row(partnerships: pd.DataFrame | None, partnership_id: str) -> dict[str, object] | None:
    if partnerships is None or partnerships.empty or "partnership_id" not in partnerships:
        return None
    found = partnerships[partnerships["partnership_id"].astype(str) == partnership_id]
    return None if found.empty else {str(k): v for k, v in found.iloc[0].items()}


def _ids(cell: object) -> list[str]:
    """The fab ids of a ``fab_ids`` cell (';'-separated; blank or missing: none)."""
    return [x.strip() for x in _text(cell).split(";") if x.strip()]


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


_OPENING, _CLOSING = "（(〈「", "）)〉」"


def _split_outside_brackets(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` where it stands outside brackets (a party's own note may hold
    one: 「キオクシア、ウエスタンデジタル（フラッシュ事業は現サンディスク）」).

    >>> _split_outside_brackets("A（x、y）、B", "、")
    ['A（x、y）', 'B']
    """
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char in _OPENING) - (char in _CLOSING)
        if char == sep and depth <= 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]
