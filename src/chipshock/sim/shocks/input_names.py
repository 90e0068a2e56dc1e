"""Which input a shock names: ``kind = "input"`` targets and ``export_control`` ``inputs``.

Both take an id (``N31``, a raw material ``gallium``, the stage ``S3``) or a name
(``Photoresists``), matched without regard to case, in that order: the exact id, the id in any
case, the name in any case. A query that matches nothing is an `UnknownCodeError` that suggests
the closest names with their ids (``did you mean N31 Photoresists?``), or, when nothing is
close, lists every "id name" pair (``N31 Photoresists``, ``gallium (Gallium)``), so that the
message itself says how to write the input.

>>> catalogue = InputCatalogue({"N31": "Photoresists", "N33": "Photomasks", "gallium": "Gallium"})
>>> catalogue.resolve("photoresists"), catalogue.resolve("n33"), catalogue.resolve("Gallium")
('N31', 'N33', 'gallium')
>>> print(catalogue.unknown("photoresist", "shock[0].inputs").problem.expected)
an input id or name (did you mean N31 Photoresists?)
>>> print(catalogue.unknown("neon", "shock[0].targets").problem.expected)
an input id or name, one of: N31 Photoresists, N33 Photomasks, gallium (Gallium)

An input the data knows but no simulated chip class needs (no node_requirements.csv row of a
class the model runs) would be hit by nothing: that is an error too, and it lists the inputs
that are used:

>>> err = catalogue.unused("Photomasks", "N33", ["N31", "gallium"], "shock[0].inputs")
>>> print(err.problem.expected)
an input a simulated chip class needs: N31 Photoresists, gallium (Gallium)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from chipshock.errors import Problem, ScenarioError, UnknownCodeError
from chipshock.sim.data import ModelData

__all__ = ["InputCatalogue"]

#: suggestions shown for an unknown input (when none is close, every "id name" pair is listed)
MAX_SUGGESTIONS = 5


#: an ETO input or stage id (N31, S3): its pair is "N31 Photoresists", without brackets
_ETO_CODE = re.compile(r"^[A-Z]+\d+$")


def _natural(input_id: str) -> tuple[str, int, str]:
    """N2 before N10: the id's letters, then its number."""
    m = re.fullmatch(r"([A-Za-z_]*)(\d+)", input_id)
    return (m.group(1), int(m.group(2)), "") if m else (input_id, -1, input_id)


@dataclass(frozen=True)
class InputCatalogue:
    """Every input a shock may name: id -> name ("" where the data gives none)."""

    names: Mapping[str, str]

    @staticmethod
    def of(data: ModelData, extra_ids: Iterable[str] = ()) -> InputCatalogue:
        """The ETO inputs, the raw materials (``raw_materials.csv``, by their English name)
        and ``extra_ids`` (requirement inputs such as the stage ``S3``) of ``data``."""
        names: dict[str, str] = {
            str(i): str(n)
            for i, n in zip(data.inputs["input_id"], data.inputs["name"], strict=True)
        }
        raw = data.raw_materials
        for mid, name in zip(raw["material_id"], raw["name_en"], strict=True):
            names.setdefault(str(mid), "" if pd.isna(name) else str(name))
        for i in extra_ids:
            names.setdefault(str(i), "")
        return InputCatalogue(names)

    def resolve(self, query: str) -> str | None:
        """The id that ``query`` names (an id or a name, any case), or None."""
        q = query.strip()
        if q in self.names:
            return q
        folded = q.casefold()
        for input_id in self.names:
            if input_id.casefold() == folded:
                return input_id
        for input_id, name in self.names.items():
            if name and name.casefold() == folded:
                return input_id
        return None

    def _pair(self, input_id: str) -> str:
        """``N31 Photoresists`` for an ETO code; ``gallium (Gallium)`` for a raw material,
        whose id and name are the same word (review 9a, finding 6: "gallium Gallium" read as a
        stutter)."""
        name = self.names[input_id]
        if not name or name == input_id:
            return input_id
        return f"{input_id} {name}" if _ETO_CODE.match(input_id) else f"{input_id} ({name})"

    def _pair_plain(self, input_id: str) -> str:
        """`_pair` without brackets, for inside a bracket: ``gallium, Gallium``."""
        name = self.names[input_id]
        if not name or name == input_id or _ETO_CODE.match(input_id):
            return self._pair(input_id)
        return f"{input_id}, {name}"

    def suggestions(self, query: str) -> list[str]:
        """The ids of the inputs whose name or id is closest to ``query`` (best first): close
        spellings, then names that contain the query or are contained in it."""
        folded = query.strip().casefold()
        by_text: dict[str, str] = {}
        for input_id, name in self.names.items():
            by_text.setdefault(input_id.casefold(), input_id)
            if name:
                by_text.setdefault(name.casefold(), input_id)
        close = difflib.get_close_matches(folded, list(by_text), n=MAX_SUGGESTIONS, cutoff=0.75)
        found = [by_text[t] for t in close]
        if len(folded) >= 3:
            found += [i for t, i in by_text.items() if folded in t or (len(t) >= 3 and t in folded)]
        return list(dict.fromkeys(found))[:MAX_SUGGESTIONS]

    def unknown(self, query: str, field_name: str) -> UnknownCodeError:
        """The error for a ``query`` that names no input, at ``field_name``."""
        close = self.suggestions(query)
        if close:
            hint = f" (did you mean {', '.join(self._pair(i) for i in close)}?)"
        else:  # every input: a partial list would leave the user without the one they want
            hint = ", one of: " + ", ".join(self._pair(i) for i in sorted(self.names, key=_natural))
        return UnknownCodeError(
            Problem(
                "unknown input",
                field=field_name,
                value=query,
                expected="an input id or name" + hint,
            )
        )

    def unused(
        self, query: str, input_id: str, used: Iterable[str], field_name: str
    ) -> ScenarioError:
        """The error for a ``query`` that names a known input (``input_id``) which no chip
        class the model simulates needs, so that a shock on it hits nothing; lists the
        ``used`` inputs as "id name" pairs. A `ScenarioError` (the input exists: the scenario
        is what is wrong), so the CLI exits 2 and the API answers 422."""
        # inside the sentence's bracket: "(gallium, Gallium)", not nested brackets
        pair = self._pair_plain(input_id) if input_id in self.names else input_id
        named = f" ({pair})" if pair != query.strip() else ""
        return ScenarioError(
            Problem(
                f"no chip class the model simulates needs this input{named}, so a shock on "
                "it hits nothing",
                field=field_name,
                value=query,
                expected="an input a simulated chip class needs: "
                + ", ".join(
                    self._pair(i) if i in self.names else i
                    for i in sorted(dict.fromkeys(used), key=_natural)
                ),
            )
        )
