"""A comparison's paragraph says what is true of the pair: two scenarios over different years
are not summed like for like, and where neither loses output no market "falls to 100 %"."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

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


FLAGSHIP, TWIN = "taiwan-blockade-2027-6m", "taiwan-blockade-2027-6m-no-alliance-fabs"


def test_the_side_that_loses_less_is_named_and_avoids_positive_amounts(cli: Runner) -> None:
    """The flagship first and its twin without the alliance fabs second: the first side loses
    less, so the line under the heading names it, the captions say what it avoids compared
    with the other, and the all-market output lost avoided is positive (it read -0.5 as what
    the twin "avoids"); the JSON keeps the signed B − A and names the better side."""
    code, out, _ = cli("scenario", "compare", FLAGSHIP, TWIN, "--runs", "4")
    flat = " ".join(out.split())
    assert code == 0
    with_fabs, without = "with the alliance fabs", "without the alliance fabs"
    assert f"“{with_fabs}” loses less output than “{without}”" in flat
    assert f"what “{with_fabs}” avoids compared with “{without}”" in flat
    all_markets = out[out.index("All markets") :]
    weeks = next(line for line in all_markets.splitlines() if "output lost, weeks" in line)
    cells = [c.strip() for c in weeks.strip("│ ").split("│")][1:]
    assert cells and all(float(c) > 0 for c in cells), cells
    code, text, _ = cli("scenario", "compare", FLAGSHIP, TWIN, "--runs", "4", "--format", "json")
    answer = json.loads(text)
    assert code == 0 and answer["better"] == "a"
    assert answer["labels"]["en"] == [with_fabs, without]
    row = next(r for r in answer["delta"] if (r["market"], r["kpi"]) == ("all", "loss_usd_bn"))
    assert row["p50"] > 0  # B − A: the twin loses more


def test_a_scenario_against_itself_names_no_better_side(cli: Runner) -> None:
    """The flagship against itself: neither side loses less, in words and in JSON (null) and
    CSV (an empty ``better`` column beside the delta)."""
    code, out, _ = cli("scenario", "compare", FLAGSHIP, FLAGSHIP, "--runs", "2")
    assert code == 0 and "Neither side loses less output" in " ".join(out.split())
    _, text, _ = cli("scenario", "compare", FLAGSHIP, FLAGSHIP, "--runs", "2", "--format", "json")
    assert json.loads(text)["better"] is None
    _, text, _ = cli("scenario", "compare", FLAGSHIP, FLAGSHIP, "--runs", "2", "--format", "csv")
    delta = pd.read_csv(io.StringIO(text.split("# a\n")[0].removeprefix("# delta\n")))
    assert delta["better"].isna().all() and len(delta) > 0
