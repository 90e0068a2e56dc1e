"""`chipshock report --coalition` takes groups as `chipshock coalition` does (review 6, finding
4): EU27 CHIP4 and QUAD are expanded, the expansion is printed, and the briefing's numbers are
those of `coalition` and `synergy` for the same codes."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .conftest import Runner


def _text(path: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text("utf-8"))).split())


def test_report_coalition_expands_groups_as_coalition_does(cli: Runner, tmp_path: Path) -> None:
    out_html = tmp_path / "rc.html"
    code, _, err = cli("report", "--coalition", "EU27", "CHIP4", "-o", str(out_html))
    assert code == 0, err
    assert "CHIP4 = USA JPN KOR TWN" in " ".join(err.split())
    text = _text(out_html)
    _, out, _ = cli("coalition", "EU27", "CHIP4", "-f", "json")
    s = json.loads(out)["summary"]
    assert f"for {s['n_covered']} of {s['n_inputs']} inputs" in text  # 67 of 75 on release 14
    # the synergy sets the first code's members (EU27) against the rest (CHIP4), as
    # `chipshock synergy EU27 CHIP4`
    _, out, _ = cli("synergy", "EU27", "CHIP4", "-f", "json")
    syn = json.loads(out)
    assert f"{syn['v_a_pct']:.0f}% and United States, Japan, South Korea and Taiwan" in text
    assert f"{syn['v_b_pct']:.0f}%, so together" in text
    assert f"cover {syn['synergy_pct']:.1f} points more" in text


def test_report_coalition_quad_is_two_countries_with_data(cli: Runner, tmp_path: Path) -> None:
    """QUAD is USA JPN IND AUS; India and Australia have no ETO data, so the briefing is that of
    USA JPN, and it says which members supply nothing."""
    quad, pair = tmp_path / "quad.html", tmp_path / "pair.html"
    code, _, err = cli("report", "--coalition", "QUAD", "-o", str(quad))
    assert code == 0, err
    assert "no supply-chain data (supply nothing here): IND AUS" in " ".join(err.split())
    assert cli("report", "--coalition", "USA", "JPN", "-o", str(pair))[0] == 0
    assert "United States and Japan hold at least 50%" in _text(quad)
    assert _text(quad) == _text(pair)


def test_report_coalition_of_one_country_names_the_codes(cli: Runner, tmp_path: Path) -> None:
    code, _, err = cli("report", "--coalition", "USA", "-o", str(tmp_path / "r.html"))
    flat = " ".join(err.split())
    assert code == 2 and "TARGETS" in flat and "two countries with supply-chain data" in flat
    assert "EU27 CHIP4" in flat  # says groups are accepted
