"""A comparison's paragraph says what is true of the pair: two scenarios over different years
are not summed like for like, and where neither loses output no market "falls to 100 %"."""

from __future__ import annotations

from pathlib import Path

from chipshock.scenarios import builtin_text

from .conftest import Runner


def test_different_horizons_and_nothing_lost_are_said(cli: Runner, tmp_path: Path) -> None:
    """The 2021-like surge without its restocking orders and on 2019 stocks is absorbed by
    spare capacity and chip stocks: nothing is lost, over 2026-2028 against 2026-2030. (Until
    data release 18 the lean 2021 stocks could stay: at one 0.85 for every class the surge fit
    in spare capacity; at 0.92 in lt10 and DRAM it asks more than their capacity, and lean
    stocks no longer cover it.)"""
    text = builtin_text("demand-surge-2021-like")
    surge = tmp_path / "surge-only.toml"
    only = text.replace('inventory_target_regime = "2019"\n', "")
    surge.write_text(only.replace('inventory_regime = "2021_lean"\n', ""), encoding="utf-8")
    assert '\ninventory_target_regime = "2019"\n' in text
    assert '\ninventory_regime = "2021_lean"\n' in text
    assert "\ninventory_target_regime" not in surge.read_text(encoding="utf-8")
    assert "\ninventory_regime" not in surge.read_text(encoding="utf-8")
    code, out, _ = cli("scenario", "compare", str(surge), "baseline", "--runs", "4")
    flat = " ".join(out.split())
    assert code == 0
    assert "The two cover different years (2026–2028 and 2026–2030)" in flat
    assert "In neither does any market's output fall below normal" in flat
    assert "falls to 100" not in flat


def test_the_flagship_pair_keeps_its_worst_point(cli: Runner) -> None:
    args = ("taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m", "--runs", "4")
    code, out, _ = cli("scenario", "compare", *args)
    flat = " ".join(out.split())
    assert code == 0 and "output of the hardest-hit market falls to" in flat
    assert "cover different years" not in flat
