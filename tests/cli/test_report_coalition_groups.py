"""`chipshock report --coalition` takes groups as `chipshock coalition` does (review 6, finding
4): EU27 CHIP4 and QUAD are expanded, the expansion is printed, and the briefing's numbers are
those of `coalition` and `synergy` for the same codes. Review 7, finding 1: the briefing names
the groups as asked, their members and the members left out for lack of data on its first
page, its synergy sides by the names asked, and it refuses two sides that share a country as
`chipshock synergy` does (QUAD CHIP4 was answered as USA, JPN against KOR, TWN)."""

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
    # each side under the name it was asked by (review 7, finding 1)
    c = syn["counts"]  # the one synergy sentence: whole inputs that add up (audit31)
    assert (
        f"Alone, EU27 covers {c['a']} of the {c['inputs']} inputs and CHIP4 {c['b']}; "
        f"together they cover {c['union']}, {syn['synergy_pct']:.1f} percentage points more"
    ) in text


def _first_page(path: Path) -> str:
    """The briefing up to its first section heading: title, finding and the lines after it."""
    page = path.read_text("utf-8")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page[: page.index("<h2>")])).split())


def _finding(path: Path) -> str:
    return path.read_text("utf-8").split("class='finding'>")[1].split("</p>")[0]


def test_report_coalition_quad_names_the_quad_and_who_is_left_out(
    cli: Runner, tmp_path: Path
) -> None:
    """QUAD is USA JPN IND AUS; India and Australia have no ETO data. The briefing has the
    numbers of USA JPN, but its first page says that the Quad was asked, what it is, and that
    India and Australia were left out (before review 7 they appeared nowhere in the HTML)."""
    quad, pair = tmp_path / "quad.html", tmp_path / "pair.html"
    code, _, err = cli("report", "--coalition", "QUAD", "-o", str(quad))
    assert code == 0, err
    assert "no supply-chain data (supply nothing here): IND AUS" in " ".join(err.split())
    assert cli("report", "--coalition", "USA", "JPN", "-o", str(pair))[0] == 0
    first = _first_page(quad)
    assert first.startswith("Coalition: QUAD ")
    assert "QUAD = United States, Japan, India and Australia" in first
    assert "Left out for lack of data (2): India and Australia" in first
    # the same numbers as the pair: 50 of 75 inputs, the U.S. 36 %, Japan 25 % (release 16)
    assert _finding(quad).replace("QUAD", "United States and Japan") == _finding(pair)
    assert "for 50 of 75 inputs" in _finding(quad)
    # "covers" of a side, one country or several (the synergy sentence, audit31)
    assert "Alone, United States covers 27 of the 75 inputs and Japan 19;" in _finding(quad)
    assert "India" not in _first_page(pair) and "lack of data" not in _first_page(pair)


def test_report_coalition_refuses_overlapping_groups_as_synergy_does(
    cli: Runner, tmp_path: Path
) -> None:
    """QUAD and CHIP4 share the U.S. and Japan: `synergy QUAD CHIP4` refuses, and so does the
    briefing (exit 2, no file), with the same message; its suggestion, the rest of CHIP4
    against the Quad, is a briefing that runs and has the numbers of `synergy QUAD KOR,TWN`."""
    out = tmp_path / "rq.html"
    code, _, err = cli("report", "--coalition", "QUAD", "CHIP4", "-o", str(out))
    s_code, _, s_err = cli("synergy", "QUAD", "CHIP4")
    flat, s_flat = " ".join(err.split()), " ".join(s_err.split())
    assert code == s_code == 2 and not out.exists()
    assert "TARGETS: QUAD and CHIP4 share USA, JPN" in flat

    def why(text: str) -> str:  # the message up to its suggestions (which name the command)
        return text[text.index("share USA, JPN") : text.index("Ask instead")]

    assert why(flat) == why(s_flat)
    assert "chipshock report --coalition QUAD KOR,TWN" in flat
    # one country in both sides (it is in QUAD) is refused too
    code, _, err = cli("report", "--coalition", "QUAD", "USA", "-o", str(out))
    assert code == 2 and "QUAD and USA share USA" in " ".join(err.split())
    code, _, err = cli("report", "--coalition", "QUAD", "KOR,TWN", "-o", str(out))
    assert code == 0, err
    _, js, _ = cli("synergy", "QUAD", "KOR,TWN", "-f", "json")
    syn = json.loads(js)
    finding = html.unescape(_finding(out))
    assert finding.startswith("Together, QUAD, South Korea and Taiwan hold")
    c = syn["counts"]
    assert (
        f"Alone, QUAD covers {c['a']} of the {c['inputs']} inputs and South Korea and Taiwan "
        f"{c['b']}; together they cover {c['union']}, {syn['synergy_pct']:.1f} percentage points"
    ) in finding


def test_report_coalition_eu27_chip4_first_page(
    cli: Runner, tmp_path: Path, store_path: Path
) -> None:
    """EU27 CHIP4: both groups and their members by name (Czechia and Luxembourg were raw
    codes), the 18 EU members without ETO data (Belgium, Ireland ...) and the ETO's own
    Europe-level rows that EU27 does not count, with their shares from the data; in Japanese
    too."""
    from chipshock.analysis.coalition import coalition_model
    from chipshock.data.store import load_chain

    out, ja = tmp_path / "rc.html", tmp_path / "rc_ja.html"
    assert cli("report", "--coalition", "EU27", "CHIP4", "-o", str(out))[0] == 0
    first = _first_page(out)
    assert first.startswith("Coalition: EU27 and CHIP4 ")
    assert "EU27 = Austria, Belgium, Bulgaria, Croatia, Cyprus, Czechia," in first
    assert "Luxembourg" in first and "CZE" not in first and "LUX" not in first
    assert "CHIP4 = United States, Japan, South Korea and Taiwan" in first
    assert "Left out for lack of data (18): Belgium, Bulgaria" in first and "Ireland" in first
    # EUR's own rows, read from the data here (leaf inputs with an EUR share)
    model = coalition_model(load_chain(store_path))
    k = model.member_index(["EUR"])[0]
    rows = [
        f"{name} {100 * share:.0f}%"
        for name, share, leaf in zip(
            model.inputs["input_name"], model.shares[:, k], model.leaf, strict=True
        )
        if leaf and share > 0
    ]
    assert rows == ["Logic chip design 9%", "DAO chip design 17%"]  # release 16
    assert (
        f"The ETO's Europe-level rows (EUR: {', '.join(rows)}) are not attributable to a "
        "member and are left out; use EUR to count them." in first
    )
    assert cli("report", "--coalition", "EU27", "CHIP4", "--lang", "ja", "-o", str(ja))[0] == 0
    first_ja = _first_page(ja)
    assert "EU27 = オーストリア・ベルギー" in first_ja and "チェコ" in first_ja
    assert "スウェーデン；CHIP4 = 米国・日本・韓国・台湾" in first_ja
    assert "ルクセンブルク" in first_ja and "データがないため除外（18" in first_ja
    assert "EUR：" in first_ja and "17%" in first_ja


def test_report_coalition_of_one_country_names_the_codes(cli: Runner, tmp_path: Path) -> None:
    code, _, err = cli("report", "--coalition", "USA", "-o", str(tmp_path / "r.html"))
    flat = " ".join(err.split())
    assert code == 2 and "TARGETS" in flat and "two countries with supply-chain data" in flat
    assert "EU27 CHIP4" in flat  # says groups are accepted
