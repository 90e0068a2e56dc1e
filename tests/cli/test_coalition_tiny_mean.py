"""`chipshock coalition`'s headline writes a mean share below a twentieth of a percent as
"<0.1%" (`fmt_pct`, the cell rule), the figure the dashboard's card shows, not "0.0%"."""

from __future__ import annotations

import json

from .conftest import Runner


def test_frances_mean_share_reads_below_a_tenth(cli: Runner) -> None:
    """France alone: a mean share of 0.027 % over the 75 inputs (shipped data) reads "<0.1%"
    in English and Japanese; its 0 inputs covered, exactly 0, still read "(0%)"."""
    code, out, _ = cli("coalition", "FRA", "-f", "json")
    mean = json.loads(out[out.index("{") :])["summary"]["mean_coalition_share"]
    assert code == 0 and 0 < mean < 0.05
    code, out, _ = cli("coalition", "FRA")
    flat = " ".join(out.split())
    assert code == 0 and "of 0 of 75 inputs (0%); mean share <0.1%." in flat
    code, out, _ = cli("coalition", "FRA", "--lang", "ja")
    flat = "".join(out.split())
    assert code == 0 and "0品目（0%）" in flat and "連携国の平均シェアは<0.1%です。" in flat
