"""The dashboard writes a small capacity and a small Sobol index as the CLI and the report do
(session 34): a capacity of 0.04 kwspm "<0.1" in the utilisation tables, the sourcing table's
orders and the with/without-fab capacity table (was "0.0", fmtNum), and an index with its 95%
half-width "80% ± 6%", a tiny one "<1% ± <1%" (the half-width read "± 3" without its "%",
and the report "± 3%")."""

from __future__ import annotations

import pytest
from tests.web.conftest import Watched

from chipshock.present.numbers import Lang, fmt_cell_number, fmt_pct
from chipshock.report.utilisation import utilisation_cells

pytestmark = pytest.mark.browser

CELLS_JS = """async ([lang, capacities, indices]) => {
  const i18n = await import('/static/js/i18n.js');
  await i18n.setLang(lang);
  const { capacityCell } = await import('/static/js/utilisation.js');
  const { indexCell } = await import('/static/js/sobol.js');
  return {
    capacity: capacities.map(([v, year]) => capacityCell({ capacity_kwspm: v, year }, 2027)),
    index: indices.map(([v, half]) => indexCell(v, half)),
  };
}"""

#: (kwspm, year measured): a fab's first weeks, an exact zero, a whole fab, a later fab
CAPACITIES = [[0.04, 2027], [0.0, 2027], [52.04, 2027], [0.04, 2028]]
#: (index %, half-width %): the shock's duration, a factor without visible effect, no interval
INDICES = [[80.0, 6.0], [0.04, 0.03], [0.3, None], [12.4, 0.0]]


def _row(kwspm: float, year: int) -> dict[str, object]:
    """A utilisation row as the report reads it (only the capacity matters here)."""
    return {"kind": "fab", "name": "Fab A", "operator": "tsmc", "region": "TWN",
            "node_class": "lt10", "capacity_kwspm": kwspm, "year": year, "baseline_pct": 50.0,
            "shock_p50_pct": 60.0, "shock_p5_pct": 55.0, "shock_p95_pct": 65.0}  # fmt: skip


def _index(v: float, half: float | None, lang: Lang) -> str:
    """An index cell as the report's Sobol table writes it (`sobol_section`)."""
    text = fmt_pct(v, 0, lang)
    return text if half is None else f"{text} ± {fmt_pct(half, 0, lang)}"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_small_capacities_and_indices_read_as_the_report_writes_them(
    browser_page: Watched, server: str, lang: Lang
) -> None:
    """capacityCell and indexCell give the report's strings for the same values, in English
    and Japanese: "<0.1", "<0.1 (2028)", "<1% ± <1%", "12% ± 0%"."""
    page = browser_page.page
    page.goto(server + "/")
    got = page.evaluate(CELLS_JS, [lang, CAPACITIES, INDICES])
    want = [utilisation_cells(_row(v, y), lang, 2027)["capacity"] for v, y in CAPACITIES]
    assert got["capacity"] == want
    assert want[0] == fmt_cell_number(0.04, 1) == "<0.1" and want[1] == "0.0"
    assert got["index"] == [_index(v, h, lang) for v, h in INDICES]
    assert got["index"][:2] == ["80% ± 6%", "<1% ± <1%"]
    assert browser_page.errors == []
