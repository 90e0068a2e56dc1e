"""Japanese names of the ETO inputs, stages and input types: complete for the shipped data,
never left in English, and used by the API and the report in Japanese."""

from __future__ import annotations

import re

import pytest

from chipshock.model.chain import SupplyChain
from chipshock.present.eto_names import eto_names, input_name, stage_name, type_label

#: Latin acronyms kept as they are in Japanese text (as the industry writes them)
ACRONYMS = {
    "AI", "ALD", "ArF", "ASIC", "CD", "CMP", "CPU", "CVD", "DAO", "DUV", "ECP", "EDA", "EUV",
    "FPGA", "GPU", "IC", "IP", "KrF", "PVD", "RTP", "SoC", "i",
}  # fmt: skip
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]+", text))


def test_every_shipped_id_has_a_japanese_name(chain: SupplyChain) -> None:
    names = eto_names()
    assert set(chain.inputs["input_id"].astype(str)) <= set(names["inputs"])
    assert set(chain.stages["stage_id"].astype(str)) <= set(names["stages"])
    assert set(chain.inputs["type"].astype(str)) <= set(names["types"])
    # and no name for an input the data does not have (a typo in an id would hide there)
    assert set(names["inputs"]) == set(chain.inputs["input_id"].astype(str))


def test_no_name_left_in_english() -> None:
    names = eto_names()
    for family in ("inputs", "stages", "types"):
        for key, name in names[family].items():
            assert _latin_words(name) <= ACRONYMS, (family, key, name)
            assert JAPANESE.search(name) or _latin_words(name), (family, key, name)
    # only a bare acronym may have no Japanese character at all
    bare = [k for k, n in names["inputs"].items() if not JAPANESE.search(n)]
    assert bare == ["N3"]  # FPGA


def test_a_check_that_can_fail() -> None:
    """The English test above catches an English word left in a name."""
    assert not _latin_words("EUV lithography tools") <= ACRONYMS
    assert _latin_words("EUV露光装置") <= ACRONYMS


@pytest.mark.parametrize(
    ("input_id", "english", "ja"),
    [("N20", "EUV lithography tools", "EUV露光装置"), ("N31", "Photoresists", "フォトレジスト"),
     ("N26", "Wafer", "ウェーハ"), ("N19", "Lithography tools", "露光装置")],
)  # fmt: skip
def test_names_by_language(input_id: str, english: str, ja: str) -> None:
    assert input_name(input_id, english, "ja") == ja
    assert input_name(input_id, english, "en") == english


def test_stage_and_type_labels() -> None:
    assert stage_name("S2", "Fabrication", "ja") == "前工程（ウェーハ製造）"
    assert stage_name("S2", "Fabrication", "en") == "Fabrication"
    assert type_label("tool_resource", "en") == "tool resource"
    assert type_label("material_resource", "ja") == "材料"
