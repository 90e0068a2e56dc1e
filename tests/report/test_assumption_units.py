"""The report's table of data rows shows each value's unit, in the report's language (the
unit column of `chipshock.sim.assumptions.assumption_rows`)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from tests.report.conftest import FakeResult

from chipshock.present.messages import message
from chipshock.report import render_report
from chipshock.sim.assumptions import ROW_UNIT, VALUE_UNITS


def _rows() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"file": "regional_capacity.csv", "id": "logic <10nm/TWN/2022", "value": 69.0,
             "unit": "% of world capacity"},
            {"file": "global_capacity.csv", "id": "lt10/2022", "value": 650.0,
             "unit": "k wafers/month"},
            {"file": "model_assumptions.csv", "id": "utilisation", "value": 0.85,
             "unit": "fraction"},
            {"file": "model_assumptions.csv", "id": "x", "value": 3.0, "unit": "widgets"},
        ]
    ).assign(source_url="https://example.org/a", as_of="2024-05", confidence="high")  # fmt: skip


def _table(html: str, lang: str) -> list[list[str]]:
    heading = message("report.assumption_rows", lang)
    table = html[html.index(f"{heading}</h3>") :].split("</table>")[0].replace("<wbr>", "")
    header = re.findall(r"<th>(.*?)</th>", table)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in table.split("<tr>")[2:]]
    return [header, *cells]


@pytest.mark.parametrize(
    ("lang", "header", "units"),
    [
        ("en", "Unit", ["% of world capacity", "k wafers/month", "fraction", "widgets"]),
        ("ja", "単位", ["世界の生産能力に占める%", "千枚/月（300mmウェーハ換算）", "割合（0〜1）",
                       "widgets"]),
    ],
)  # fmt: skip
def test_each_value_is_followed_by_its_unit(
    result: FakeResult, lang: str, header: str, units: list[str]
) -> None:
    """The unit column follows the value; a unit the catalogue lacks stays as written."""
    html = render_report(FakeResult(result.bands, result.kpis, assumptions=_rows()), lang)
    head, *cells = _table(html, lang)
    assert head[2:4] == [message("report.col_value", lang), header]
    assert [c[2] for c in cells] == ["69", "650", "0.85", "3"]
    assert [c[3] for c in cells] == units


def test_every_unit_of_the_table_has_a_japanese_label() -> None:
    """Each unit `VALUE_UNITS` gives, and each unit of model_assumptions.csv, has its catalogue
    entry in both languages (English as the data writes it)."""
    from importlib import resources

    ma = pd.read_csv(str(resources.files("chipshock") / "data/files/curated/model_assumptions.csv"))
    units = {u for _, u in VALUE_UNITS.values() if u != ROW_UNIT} | set(ma["unit"])
    for unit in units:
        assert message(f"report.data_unit.{unit}", "en") == unit
        assert message(f"report.data_unit.{unit}", "ja") != unit
