"""A demand surge's lost output is valued at the output the market meant to make (review 10,
finding 3: it was the share of the surged demand not met times the market's *normal* output,
neither the intended nor the normal level, so a market that still made 139 % of its normal
output was booked half the loss of its intended output).

The tiny data by hand: smartphones' demand doubles for one week, no stocks, every unmet order
cancelled, no double ordering. Smartphones buy 80 % of the tiny world's lt10 wafers, so their
surge lifts lt10 demand to 1.8x normal against capacity of 1.25x (utilisation 0.8): 25/36 of
every lt10 order is met, both markets alike (no priorities), and 11/36 = 30.56 % is not (gt45,
at 1.2x, is not short). Smartphones
meant to make 2x their normal output and made 0.6944 x 2 = 1.39x; the output they did not make
is 0.3056 x 2 = 0.611 weeks of normal output, worth 0.611 V (V: a normal week's output value).
Cars, not surged, lose 0.3056 weeks of their normal output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chipshock import sim
from chipshock.scenarios import load_scenario
from chipshock.sim.data import ModelData
from chipshock.sim.prepare import prepare

TOML = """[scenario]
id = "surge"
start_year = 2027
end_year = 2027
[[shock]]
kind = "demand"
targets = ["smartphones"]
severity = {sev}
duration_weeks = 1
start = "2027-W10"
[parameters]
customer_inventory_weeks = 0
backlog_cancel_share_per_week = 1
double_order_sensitivity = 0
"""


def _kpis(tmp_path: Path, tiny: ModelData, sev: float) -> dict[tuple[str, str], float]:
    path = tmp_path / f"surge{sev}.toml"
    path.write_text(TOML.format(sev=sev))
    scenario = load_scenario(path)
    result = sim.run(scenario, tiny, runs=3, seed=1)
    week_value = prepare(scenario, tiny).output_value_usd[:, 0]  # [M] USD per week, 2027
    markets = list(prepare(scenario, tiny).markets)
    out = {(r.market, r.kpi): float(r.mean) for r in result.kpis.itertuples()}
    for m, v in zip(markets, week_value, strict=True):
        out[(m, "week_value_bn")] = float(v) / 1e9
    return out


@pytest.mark.parametrize("sev", [0.5, 1.0])
def test_a_surge_is_valued_at_the_output_meant(
    tmp_path: Path, tiny_data: ModelData, sev: float
) -> None:
    k = _kpis(tmp_path, tiny_data, sev)
    share = k[("smartphones", "peak_output_lost_pct")] / 100  # of the intended output, 1 week
    assert share == pytest.approx(k[("automotive", "peak_output_lost_pct")] / 100)
    assert k[("smartphones", "output_lost_weeks")] == pytest.approx((1 + sev) * share)
    assert k[("automotive", "output_lost_weeks")] == pytest.approx(share)
    for m in ("smartphones", "automotive"):
        assert k[(m, "loss_usd_bn")] == pytest.approx(
            k[(m, "output_lost_weeks")] * k[(m, "week_value_bn")]
        )


def test_the_hand_numbers(tmp_path: Path, tiny_data: ModelData) -> None:
    """Doubled demand: 11/36 of the week's lt10 orders unmet (module docstring), smartphones lose
    2 x 11/36 = 0.611 weeks of normal output."""
    k = _kpis(tmp_path, tiny_data, 1.0)
    assert k[("smartphones", "peak_output_lost_pct")] == pytest.approx(100 * 11 / 36)
    assert k[("smartphones", "output_lost_weeks")] == pytest.approx(2 * 11 / 36)
