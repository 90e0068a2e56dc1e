"""Japanese catalogue texts name table fields in Japanese words, not by their ids (review 16,
finding 8): what a user types stays as typed (options, file names, a scenario file's keys) and
so do the data-row ids a caption cites as its source."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

#: ids a Japanese text may keep: keys a user writes in a scenario file (fabs_off, end_year,
#: capacity_wspm, buffer_weeks),
#: the model_assumptions.csv rows the value-added caption cites as its source, and the data
#: column and row `chipshock calibrate` names as where an analyst sets what history cannot pin
#: down (end_markets.csv's value_multiplier, inventory_buffers.csv's producer_wafer_bank)
TYPED_OR_CITED = {
    "fabs_off",
    "end_year",
    "value_added_ratio_",
    "value_added_ratio_chips",
    "value_multiplier",
    "producer_wafer_bank",
    # a [[fab_override]]'s key and a [parameters] key (buffer_weeks.<material>), as written in a
    # scenario file (session 31: a start beyond the horizon; a material's stock)
    "capacity_wspm",
    "buffer_weeks",
}

CATALOGUES = [
    ("chipshock.present", "messages/ja.json"),
    ("chipshock.web", "static/i18n/ja.json"),
]


def _field_ids(text: str) -> set[str]:
    """The snake_case words of ``text`` outside placeholders, file names, code spans and
    options."""
    for pattern in (r"\{[^}]*\}", r"[\w./-]+\.(?:csv|md|py|html)\b", r"`[^`]*`", r"--[\w-]+"):
        text = re.sub(pattern, " ", text)
    return set(re.findall(r"(?<![\w-])[a-z][a-z0-9]*_[a-z0-9_]*(?![\w-])", text))


@pytest.mark.parametrize(("package", "path"), CATALOGUES)
def test_japanese_texts_have_no_field_ids(package: str, path: str) -> None:
    texts = json.loads((resources.files(package) / path).read_text(encoding="utf-8"))
    found = {
        key: ids
        for key, text in texts.items()
        if isinstance(text, str) and (ids := _field_ids(text) - TYPED_OR_CITED)
    }
    assert found == {}


def test_the_check_sees_a_field_id() -> None:
    """The util caption as it read before: its two JSON fields are found, the option is not."""
    before = "各行の出典、in_shock_year と shock_runs（試行数）：--format json または csv。"
    assert _field_ids(before) == {"in_shock_year", "shock_runs"}
    assert _field_ids("`chipshock capacity` の {node_class}、fab_capacity.csv") == set()


@pytest.mark.parametrize(("package", "path"), CATALOGUES)
def test_japanese_texts_use_the_japanese_colon(package: str, path: str) -> None:
    """A Japanese "label: value" uses ：, as the rest of the page does (audit28 found 「CLI:
    chipshock scenario contributions」 in the comparison's fab note); code spans keep theirs."""
    texts = json.loads((resources.files(package) / path).read_text(encoding="utf-8"))
    found = {
        key: text
        for key, text in texts.items()
        if isinstance(text, str) and ": " in re.sub(r"`[^`]*`", " ", text)
    }
    assert found == {}
