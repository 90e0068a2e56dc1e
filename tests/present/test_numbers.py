"""One number formatter: no scientific notation, no negative zero, one rule for weeks and USD."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from chipshock.present.numbers import (
    MOST_FIGURES,
    fmt_figures,
    fmt_figures_band,
    fmt_kpi,
    fmt_kpi_number,
    fmt_number,
    fmt_pct,
    fmt_plain,
    fmt_usd,
    fmt_weeks,
    fmt_year,
    round_weeks,
)

finite = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)


@given(finite, st.sampled_from(["en", "ja"]))
def test_no_scientific_notation_or_negative_zero(value: float, lang: str) -> None:
    """Every formatter writes plain decimals and never a negative zero."""
    texts = [
        fmt_number(value, 1),
        fmt_pct(value),
        fmt_usd(value, lang),  # type: ignore[arg-type]
        fmt_weeks(value, lang, unit=True),  # type: ignore[arg-type]
        fmt_kpi("loss_usd_bn", value / 1e9, lang),  # type: ignore[arg-type]
    ]
    for text in texts:
        assert not re.search(r"\de[+-]?\d", text), text
        assert not re.search(r"-0(\.0+)?(?![\d.])", text), text


def test_weeks_round_once_the_same_way() -> None:
    """Below 10 weeks one decimal, from 10 whole weeks; halves go up (38.5 -> 39, not 38)."""
    assert [fmt_weeks(v) for v in (3.25, 9.94, 9.96, 38.5, 38.49)] == [
        "3.3",
        "9.9",
        "10",
        "39",
        "38",
    ]
    assert round_weeks(38.5) == 39.0
    assert fmt_weeks(38.5, unit=True) == fmt_kpi("weeks_to_recover", 38.5) == "39 weeks"


def test_usd_in_billions_trillions_and_oku_cho() -> None:
    """USD bn below 1,000 bn, trillions above; 億ドル below 1兆ドル, 兆ドル above."""
    assert fmt_usd(3376.6e9) == "USD 3.38 trillion"
    assert fmt_usd(999.94e9) == "USD 999.9 bn"
    assert fmt_usd(999.96e9) == "USD 1.00 trillion"
    assert fmt_usd(148e9, "ja") == "1,480億ドル"
    assert fmt_usd(3376.6e9, "ja") == "3.38兆ドル"
    assert fmt_usd(-1e-5) == "USD 0.0 bn" and fmt_usd(1e-5, "ja") == "0億ドル"  # round-off


def test_small_usd_keeps_a_significant_figure() -> None:
    """A nonzero amount that rounds to 0 keeps one significant figure (Thailand's value added
    lost in the flagship, about USD 0.035 bn, is not "0億ドル"), down to USD 1 m."""
    assert fmt_usd(0.0347e9) == "USD 0.03 bn" and fmt_usd(0.0347e9, "ja") == "0.3億ドル"
    assert fmt_usd(-0.02e9) == "USD -0.02 bn" and fmt_usd(0.046e9, "ja") == "0.5億ドル"
    assert fmt_usd(0.0096e9) == "USD 0.010 bn" and fmt_usd(0.05e9) == "USD 0.1 bn"
    assert fmt_usd(0.4e6) == "USD <0.001 bn" and fmt_usd(0.04e6, "ja") == "<0.01億ドル"


def test_years_and_missing_values() -> None:
    """Years are written whole and without separators; missing values as a dash."""
    assert fmt_year(2027.0) == "2027"
    assert fmt_number(2.02e3) == "2,020"
    assert fmt_number(float("nan")) == fmt_usd(None) == fmt_weeks(None) == "–"


def test_terminal_tables_write_dollars_as_the_report_does() -> None:
    """A USD cell in the CLI's tables is the report's text, never "3,376.6" under "USD bn"."""
    from chipshock.cli.scenario_view import percentile_band

    row = {"kpi": "loss_usd_bn", "p5": 12.34, "p50": 999.96, "p95": 3376.6}
    assert percentile_band(row) == "USD 12.3 bn · USD 1.00 trillion · USD 3.38 trillion"
    assert percentile_band({"kpi": "output_lost_weeks", "p5": 0.04, "p50": 9.96, "p95": 38.5}) == (
        "<0.1 · 10 · 39"
    )


@given(finite)
def test_fmt_plain_never_writes_e_notation_or_negative_zero(value: float) -> None:
    """A table number without a unit rule is a plain decimal, never ``-0``."""
    text = fmt_plain(value)
    assert not re.search(r"[eE]", text)
    assert not re.fullmatch(r"-0(\.0*)?", text)


def test_fmt_plain_examples() -> None:
    """Round-off is 0; three significant figures below 1, one decimal below 1,000."""
    assert [fmt_plain(v) for v in (1.137e-13, -2e-12, 0.005556, 0.36, 91.45, 1480.4)] == [
        "0",
        "0",
        "0.00556",
        "0.360",
        "91.5",
        "1,480",
    ]


def test_factor_values_by_the_unit_of_their_row() -> None:
    """An assumption's value: weeks by the week rule, shares in percent, multipliers and
    indices as written (at most two decimals, no trailing zeros), never "1 weeks"."""
    from chipshock.present.numbers import fmt_as_written, fmt_factor_value

    assert fmt_factor_value("weeks", 1) == "1.0 week"
    assert fmt_factor_value("weeks", 4) == "4.0 weeks"
    assert fmt_factor_value("weeks", 13) == "13 weeks"
    assert fmt_factor_value("weeks", 1.95, "ja") == "2.0週"
    assert fmt_factor_value("share", 0.925) == "93%"
    assert fmt_factor_value("share/week", 0.02) == "2%/week"
    assert fmt_factor_value("share/week", 0.02, "ja") == "週2%"
    assert fmt_factor_value("multiplier", 0.5) == "×0.5"
    assert fmt_factor_value("index", 0.125) == "0.13"
    assert fmt_factor_value("weeks", None) == "–"
    assert [fmt_as_written(v) for v in (1.0, 1.5, 1234.5, -0.001)] == ["1", "1.5", "1,234.5", "0"]


@given(finite)
def test_machine_numbers_keep_twelve_digits_and_no_negative_zero(value: float) -> None:
    """A machine value stays within 1e-11 of the model's (relative), is 0.0 below round-off,
    and is never -0.0."""
    import math

    from chipshock.present.numbers import ROUND_OFF, machine_number

    out = machine_number(value)
    assert math.copysign(1.0, out) == 1.0 or out < 0
    if abs(value) < ROUND_OFF:
        assert out == 0.0
    else:
        assert abs(out - value) <= 1e-11 * abs(value)


def test_kpi_cells_never_write_a_nonzero_as_zero() -> None:
    """A KPI that rounds to zero at its decimals reads "<" the step (">-" below zero), with or
    without its unit, in English and Japanese: a gallium run's worst week of inventory cover
    missing, p50 0.0068 %, is not "0.0"; a true zero stays 0.0 and a missing value "–"."""
    pct = "inventory_drawdown_peak_pct"
    assert fmt_kpi_number(pct, 0.0068) == fmt_kpi_number(pct, 0.0068, "ja") == "<0.1"
    assert fmt_kpi(pct, 0.0068) == fmt_kpi(pct, 0.0068, "ja") == "<0.1%"
    assert fmt_kpi_number(pct, -0.02) == ">-0.1" and fmt_kpi(pct, -0.02) == ">-0.1%"
    assert fmt_kpi_number("coalition_share", 0.03) == "<0.1"
    assert fmt_kpi_number("loss_usd_bn", 0.03) == "<0.1"
    assert fmt_kpi_number("ratio", 0.004) == "<0.01" and fmt_kpi("ratio", 0.004) == "<0.01"
    assert fmt_kpi_number(pct, 0.0) == "0.0" and fmt_kpi(pct, 0.0) == "0.0%"
    assert fmt_kpi_number(pct, 1e-13) == "0.0"  # round-off is zero
    assert fmt_kpi_number(pct, None) == fmt_kpi(pct, float("nan")) == "–"
    assert fmt_kpi_number(pct, 0.05) == "0.1"  # rounds up: not below the step


def test_weeks_below_the_tenth_are_not_zero() -> None:
    """Weeks keep the week rule (0.3 weeks reads 0.3, as before) and the cell rule: 0.04 weeks
    reads "<0.1" ("<0.1 weeks", "<0.1週"), never "0.0"; zero and round-off stay 0.0."""
    assert fmt_weeks(0.3) == "0.3" and fmt_weeks(0.3, unit=True) == "0.3 weeks"
    assert fmt_weeks(0.04) == fmt_kpi_number("output_lost_weeks", 0.04) == "<0.1"
    assert fmt_weeks(0.04, unit=True) == fmt_kpi("output_lost_weeks", 0.04) == "<0.1 weeks"
    assert fmt_weeks(0.04, "ja", unit=True) == "<0.1週"
    assert fmt_weeks(-0.01) == ">-0.1"
    assert fmt_weeks(0.0, unit=True) == "0.0 weeks" and fmt_weeks(2e-12) == "0.0"


def test_figures_compared_across_sources_keep_three_significant_figures() -> None:
    """Session 34: `chipshock validate` wrote 25.8 weeks "26" beside docs/validation.md's 25.8
    and the cars' band "0.713 (0.0925–4.0)"; three significant figures each, a source's 36 and
    4.1 as written, a zero that rounding made kept (33.98 -> 34.0), whole from 1,000."""
    assert fmt_figures(25.8) == "25.8" and fmt_figures(3.977836) == "3.98"
    assert fmt_figures(0.092524) == "0.0925" and fmt_figures(0.000878) == "0.000878"
    assert (fmt_figures(36.0), fmt_figures(4.1), fmt_figures(0.43)) == ("36", "4.1", "0.43")
    assert fmt_figures(33.979983) == "34.0" and fmt_figures(4.498923) == "4.50"
    assert fmt_figures(92000.0) == "92,000" and fmt_figures(-0.012345) == "-0.0123"
    assert fmt_figures(0.0) == fmt_figures(-1e-12) == "0" and fmt_figures(2e-8) == "<0.000001"
    assert fmt_figures(0.16) == "0.16" and fmt_figures(1.76) == "1.76"  # calibrate: not 0.2, 1.8


def test_a_band_never_prints_ends_equal_to_its_median_when_they_differ() -> None:
    """The 2020-21 lead time read "13 (13–13)" (p5 12.65, p50 12.87, p95 13.14): a band's
    figures get the fewest significant figures, three or more, that tell them apart; equal
    numbers stay equal and a missing end reads "–"."""
    assert fmt_figures_band(12.870653, 12.653206, 13.142535) == ("12.9", "12.7", "13.1")
    assert fmt_figures_band(12.871, 12.868, 12.874) == ("12.871", "12.868", "12.874")
    assert fmt_figures_band(0.713486, 0.092524, 3.977836) == ("0.713", "0.0925", "3.98")
    assert fmt_figures_band(0.0, 0.0, 0.158267) == ("0", "0", "0.158")
    assert fmt_figures_band(10.1, 10.1, 11.3) == ("10.1", "10.1", "11.3")
    assert fmt_figures_band(25.8, float("nan"), None) == ("25.8", "–", "–")


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=3, max_size=3))
def test_a_bands_figures_differ_wherever_their_finest_figures_do(values: list[float]) -> None:
    """Property: any two of a band's three figures that read differently at the most figures
    also read differently as the band writes them, in fixed notation."""
    texts = fmt_figures_band(values[0], values[1], values[2])
    finest = [fmt_figures(v, MOST_FIGURES) for v in values]
    for i in range(3):
        assert "e" not in texts[i] and texts[i] != "-0"
        for j in range(i + 1, 3):
            assert texts[i] != texts[j] or finest[i] == finest[j], (values, texts)
