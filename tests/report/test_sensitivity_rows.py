"""The report says where each assumption comes from in its language from the data the
simulation returns (`FactorSources`), not by pattern-matching the English text back."""

from __future__ import annotations

import pandas as pd
import pytest
from tests.report.test_sensitivity_report import FakeSensitivity

from chipshock.report.sensitivity import row_reference, sensitivity_section, source_cell
from chipshock.sim.sensitivity_factors import FactorSources, RowRef, row_text

REFS = [
    (RowRef("file", ("value_multiplier",), "end_markets.csv", "markets", 6),),
    (RowRef("file", ("complementarity",), "model_assumptions.csv", "absent"),),
    (
        RowRef("scenario", ("taiwan-blockade-2027-6m",)),
        RowRef("file", ("taiwan_blockade_duration",), "shock_assumptions.csv", "low_high"),
    ),
    (RowRef("scenario_parameter", ("double_order_cap",)),),
    (RowRef("file", ("gases_stock",), "inventory_buffers.csv"),),
    (RowRef("file", ("utilisation",), "sensitivity_factors.csv"),),
]


@pytest.mark.parametrize("refs", REFS)
def test_english_from_the_catalogue_is_the_cli_s_text(refs: tuple[RowRef, ...]) -> None:
    """The catalogue's English and the simulation's English (CLI, API, CSV) are one wording."""
    assert row_reference(refs, "en") == row_text(refs)


def test_japanese_says_every_note_and_keeps_files_and_ids() -> None:
    """Notes and the scenario in Japanese; file names and row ids as written."""
    ja = [row_reference(refs, "ja") for refs in REFS]
    assert ja == [
        "end_markets.csv: value_multiplier（6市場）",
        "model_assumptions.csv: complementarity（行なし：エンジンの既定値）",
        "シナリオ taiwan-blockade-2027-6m；shock_assumptions.csv: "
        "taiwan_blockade_duration（低い値・高い値）",
        "シナリオの [parameters] double_order_cap",
        "inventory_buffers.csv: gases_stock",
        "sensitivity_factors.csv: utilisation",
    ]


def test_the_cell_is_rendered_from_the_data_not_the_text() -> None:
    """Given the data, the Japanese cell says it, whatever the English text reads (no pattern
    is matched on it); without the data the text is shown as it is."""
    sources = FactorSources("x", REFS[0], REFS[5])
    row = {
        "source": "a text that is not parsed (9 markets)",
        "source_url": "",
        "range_source": "another text",
        "range_source_url": "",
        "range_as_of": "2021-09",
    }
    cell = source_cell(row, "ja", sources).replace("<wbr>", "")
    assert "end_markets.csv: value_multiplier（6市場）" in cell
    assert "sensitivity_factors.csv: utilisation（2021-09時点）" in cell
    assert "9 markets" not in cell and "9市場" not in cell
    assert "not parsed" not in cell and "another" not in cell
    plain = source_cell(row, "ja").replace("<wbr>", "")
    assert "a text that is not parsed (9 markets)" in plain  # as written: no regex translation


def test_the_section_uses_the_result_s_sources() -> None:
    """The tornado table's source column comes from `SensitivityResult.sources`."""
    rows = pd.DataFrame(
        [
            {"factor": "value_multiplier", "label": "Output value per chip dollar",
             "label_ja": "半導体1ドル当たりの生産額", "low_value": 0.5, "high_value": 1.5,
             "base_value": 1.0, "kpi_low": 1.0, "kpi_base": 2.0, "kpi_high": 3.0, "swing": 2.0,
             "unit": "multiplier", "confidence": "low", "source": row_text(REFS[0]),
             "source_url": "", "range_source": row_text(REFS[0]), "range_source_url": "",
             "method": "scale", "how": ""}
        ]
    )  # fmt: skip
    result = FakeSensitivity(rows, sources=(FactorSources("value_multiplier", REFS[0], REFS[0]),))
    html = sensitivity_section(result, "ja").replace("<wbr>", "")
    assert "end_markets.csv: value_multiplier（6市場）" in html and "markets)" not in html


def test_japanese_row_references_take_japanese_marks() -> None:
    """web31's leftover: a factor's Japanese data-row reference joined its parts with an ASCII
    "; " and its rows with ", "; the Japanese text takes 「；」 and 「、」, the English keeps
    its own."""
    from chipshock.report.sensitivity import row_reference
    from chipshock.sim.sensitivity_factors import RowRef

    refs = (RowRef("file", ("a_row", "b_row"), "model_assumptions.csv"), RowRef("scenario", ("x",)))
    assert row_reference(refs, "ja") == "model_assumptions.csv: a_row、b_row；シナリオ x"
    assert row_reference(refs, "en") == "model_assumptions.csv: a_row, b_row; scenario x"
