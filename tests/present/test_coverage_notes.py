"""The notes on what an answer leaves out (`chipshock.present.coverage_notes`), by hand."""

from __future__ import annotations

import pandas as pd

from chipshock.present.coverage_notes import (
    capacity_year_warning,
    criticality_scope,
    uncounted_fabs,
    uncounted_fabs_note,
    years_outside,
)


def test_years_outside_are_those_before_the_first_or_after_the_last_data_year() -> None:
    """2019 and 2100 fall outside 2022-2032; gaps inside the range (2027) do not count."""
    assert years_outside([2100, 2027, 2019, 2019, 2032, 2022], [2022, 2024, 2032]) == [2019, 2100]
    assert years_outside([2019], []) == []


def test_year_warning_names_the_years_and_the_data_range_in_both_languages() -> None:
    """The warning lists the outside years and the data's first and last year; none inside."""
    en = capacity_year_warning([2033, 2019], [2022, 2032])
    assert en.startswith("Outside the data's years (2022–2032): 2019, 2033.")
    assert "held flat at 2022's or 2032's value" in en
    ja = capacity_year_warning([2033], [2022, 2032], "ja")
    assert "2022〜2032年" in ja and "2033年" in ja and "据え置" in ja
    assert capacity_year_warning([2022, 2032], [2022, 2032]) == ""


def test_year_warning_lists_years_with_japanese_commas() -> None:
    """In Japanese the outside years are listed with 、 (it read 「2033, 2034, 2035年」)."""
    ja = capacity_year_warning([2035, 2033, 2034], [2022, 2032], "ja")
    assert "：2033、2034、2035年。" in ja and ", " not in ja


def _fabs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "fab_id": ["a-fab", "b-fab", "c-pack", "d-fab"],
            "name": ["A Fab", "B Fab", "C Packaging", "D Fab"],
            "operator": ["A", "B", "C", "D"],
            "operator_id": ["a", "b", "c", "d"],
            "country": ["JPN", "USA", "TWN", "KOR"],
            "segment": ["logic", "memory", "packaging", "logic"],
            "status": ["operating", "ramping", "operating", "planned"],
            "as_of": ["2025-01"] * 4,
            "source_url": ["https://example.org"] * 4,
        }
    )


def test_uncounted_fabs_are_wafer_fabs_without_a_capacity_row() -> None:
    """b-fab and d-fab have no row; a-fab has one; c-pack is packaging, never counted."""
    capacity = pd.DataFrame({"fab_id": ["a-fab"], "node_class": ["lt10"]})
    table = uncounted_fabs(_fabs(), capacity)
    assert table[["fab_id", "name", "status"]].values.tolist() == [
        ["b-fab", "B Fab", "ramping"],
        ["d-fab", "D Fab", "planned"],
    ]
    assert uncounted_fabs_note(_fabs(), capacity) == (
        "2 fabs in the registry have no capacity figure and count as zero: B Fab, D Fab."
    )
    # by its Japanese name where the registry gives one, else its name; never an id
    ja = uncounted_fabs_note(_fabs().assign(name_ja=[None, "B工場", None, None]), capacity, "ja")
    assert ja == "登録簿の2工場は生産能力の数値がなく、ゼロとして数えています：B工場、D Fab。"
    every = pd.DataFrame({"fab_id": ["a-fab", "b-fab", "d-fab"]})
    assert uncounted_fabs_note(_fabs(), every) == ""


def test_criticality_scope_says_fab_capacity_is_not_covered_and_where_it_is() -> None:
    """Both languages say the ranking leaves out wafer fabrication and point to the capacity
    command, the capacity view and the scenarios."""
    en = criticality_scope("en")
    assert "wafer fabrication capacity is not one of them" in en and "Taiwan" in en
    assert (
        "(chipshock capacity on the command line)" in en
        and "capacity view" in en
        and "scenarios" in en
    )
    ja = criticality_scope("ja")
    assert "ウェーハ製造能力" in ja and "台湾" in ja and "chipshock capacity" in ja
