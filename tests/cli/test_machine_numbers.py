"""`chipshock capacity --format json|csv` carries the model's values without float noise
(present.numbers machine_number: twelve significant digits, round-off and -0.0 written 0.0): no
1.1368683772161603e-13 where the table shows 0, no 167.39999999999998."""

from __future__ import annotations

import re

from .conftest import Runner

#: binary noise: six zeros or nines before a last digit, a round-off exponent, a negative zero
NOISE = re.compile(r"\d0{6,}[1-9]\b|9{6,}\d*\b|\de-1[0-9]\b|(?<![\w.])-0\.0\b")


def test_capacity_csv_and_json_have_no_float_noise(cli: Runner) -> None:
    """Every model year, itemised and by region: no noise, and the table's 0 is 0.0."""
    years = [arg for y in range(2022, 2041) for arg in ("--year", str(y))]
    code, out, _ = cli("capacity", *years, "--format", "csv")
    assert code == 0 and out.startswith("year,")
    assert not NOISE.findall(out)
    code, out, _ = cli("capacity", *years, "--by", "region", "--format", "json")
    assert code == 0 and not NOISE.findall(out)
