"""`scenario compare --lang ja` answers in Japanese on a terminal (heading, paragraph, table
titles, column names, market names, captions: the message catalogue, through the helpers of
`scenario run --lang ja`), with the numbers of the English tables; json and csv stay as they
were."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from rich.cells import cell_len
from tests.cli.terminal import chipshock_at

from chipshock.cli import output
from chipshock.cli.scenario_compare_ja import compare_tables_ja
from chipshock.cli.scenario_compare_view import compare_tables
from chipshock.cli.scenario_view import (
    NARROW_COMPARE,
    WIDE_COMPARE,
    compare_captions,
    compare_verdict,
)
from chipshock.present.messages import catalogue, message

A, B = "taiwan-blockade-2027-6m-no-alliance-fabs", "taiwan-blockade-2027-6m"
COMPARE = ("scenario", "compare", A, B, "--runs", "200")
#: a line break inside a number: a digit, comma or point before it, a digit or unit after it
BROKEN_NUMBER = re.compile(r"[\d,.〜]\n[\d,.%〜億兆万割週]")
#: a dollar amount as either language writes it: "USD 5.9 bn", "USD 1.04 trillion", "59億ドル",
#: "1.04兆ドル", "1兆2,000億ドル"
_USD_EN = re.compile(r"USD ([\d,.]+) (bn|trillion|m)")
_USD_JA = re.compile(r"(?:([\d,.]+)兆)?(?:([\d,.]+)億)?(?:([\d,.]+)万)?ドル")


def _compare(store: Path, columns: int, *extra: str) -> str:
    return chipshock_at(columns, *COMPARE, *extra, "--db", str(store))


def _rows(out: str) -> list[str]:
    """The table rows of a terminal answer (lines drawn between │ borders)."""
    return [line for line in out.splitlines() if line.startswith("│")]


def _usd(text: str) -> float:
    """A dollar amount in USD bn, from either language's text."""
    if m := _USD_EN.fullmatch(text):
        scale = {"bn": 1.0, "trillion": 1000.0, "m": 0.001}[m[2]]
        return float(m[1].replace(",", "")) * scale
    m = _USD_JA.fullmatch(text)
    assert m, text
    trillion, hundred_million, ten_thousand = (
        float(g.replace(",", "")) if g else 0.0 for g in m.groups()
    )
    return trillion * 1000 + hundred_million / 10 + ten_thousand / 100_000


def _same_cell(en: str, ja: str) -> bool:
    """Whether two cells give the same numbers (dollars compared in USD bn, to the rounding of
    the coarser text)."""
    if en == ja:
        return True
    en_parts, ja_parts = en.split(" · "), ja.split(" · ")
    return len(en_parts) == len(ja_parts) and all(
        abs(_usd(e) - _usd(j)) <= 0.051 * max(1.0, abs(_usd(e)) / 100)
        for e, j in zip(en_parts, ja_parts, strict=True)
    )


def _result() -> SimpleNamespace:
    """A comparison result of the shape `chipshock.sim.compare` returns (two markets, two KPIs)."""
    kpis = ["output_lost_weeks", "loss_usd_bn"]
    rows = [(m, k) for m in ("all", "automotive") for k in kpis]

    def frame(p50s: list[float]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "market": [m for m, _ in rows],
                "kpi": [k for _, k in rows],
                "p5": [v * 0.5 for v in p50s],
                "p50": p50s,
                "p95": [v * 1.5 for v in p50s],
            }
        )

    a, b = frame([6.2, 698.8, 0.4, 120.0]), frame([5.8, 651.9, 0.3, 99.0])
    delta = pd.DataFrame(
        {
            "market": [m for m, _ in rows],
            "kpi": [k for _, k in rows],
            "p5": [-0.7, -81.3, -0.2, -43.1],
            "p50": [-0.5, -51.1, -0.1, -25.6],
            "p95": [-0.3, -35.7, -0.05, -15.7],
        }
    )
    return SimpleNamespace(a=SimpleNamespace(kpis=a), b=SimpleNamespace(kpis=b), delta=delta)


@pytest.mark.parametrize("width", [80, 200])
def test_japanese_tables_hold_the_english_cells(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80 and 200 columns the Japanese tables have the English tables' layout and cells:
    the same numbers (dollars in 億ドル), KPIs and markets by their Japanese names, Japanese
    titles and captions."""
    monkeypatch.setattr(output.console, "width", width)
    result = _result()
    en = compare_tables(result, "なし", "あり")
    ja = compare_tables_ja(result, "なし", "あり")
    assert len(en) == len(ja) == 2
    titles = WIDE_COMPARE if list(en) == list(WIDE_COMPARE) else NARROW_COMPARE
    keys = (
        ("cli.compare_all_markets", "cli.compare_per_market")
        if titles == WIDE_COMPARE
        else ("cli.compare_medians", "cli.compare_avoided_stacked")
    )
    assert list(ja) == [message(k, "ja") for k in keys]
    for en_table, (ja_table, caption) in zip(en.values(), ja.values(), strict=True):
        assert en_table.shape == ja_table.shape
        for en_row, ja_row in zip(en_table.values.tolist(), ja_table.values.tolist(), strict=True):
            for e, j in zip(en_row[1:], ja_row[1:], strict=True):
                assert _same_cell(str(e), str(j)), (e, j)
        assert "「あり」" in caption
    firsts = [str(v) for t, _ in ja.values() for v in t.iloc[:, 0]]
    assert "失われた生産（週）" in firsts and "output lost, weeks" not in firsts
    assert not any("All markets" in v or "Automotive" in v for v in firsts)


@pytest.mark.parametrize("width", [80, 200])
def test_each_sides_total_comes_with_its_band(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under the output at risk's medians, two rows give each side's p5 and p95 (review12 #1:
    the total was a bare median), one amount a cell, in both layouts and both languages."""
    monkeypatch.setattr(output.console, "width", width)
    en = next(iter(compare_tables(_result(), "without", "with").values()))
    ja = next(iter(compare_tables_ja(_result(), "なし", "あり").values()))[0]
    rows = [str(v) for v in en.iloc[:, 0]]
    i = rows.index("output at risk, USD")
    assert rows[i + 1 : i + 3] == ["at risk, p5 (low end)", "at risk, p95 (high end)"]
    # p5 = half, p95 = 1.5 x the median in `_result`: 698.8 -> 349.4 and 1,048.2
    assert en.iloc[i + 1, 1:3].tolist() == ["USD 349.4 bn", "USD 326.0 bn"]
    # 651.9 x 1.5 = 977.849... in floats
    assert en.iloc[i + 2, 1:3].tolist() == ["USD 1.05 trillion", "USD 977.8 bn"]
    assert ja.iloc[i + 1, 0] == "失われる生産額のp5（低い側）"
    assert ja.iloc[i + 1 : i + 3, 1].tolist() == ["3,494億ドル", "1.05兆ドル"]
    assert (
        "90% of each side's simulated futures" in compare_captions("a", "b")["all markets, medians"]
    )


def test_compare_words_are_the_english_terminal_words() -> None:
    """The English side of the new ``cli.compare_*`` keys is what the English terminal prints,
    so that the two languages name the same things."""
    en = catalogue("en")
    assert (en["cli.compare_all_markets"], en["cli.compare_per_market"]) == WIDE_COMPARE
    assert (en["cli.compare_medians"], en["cli.compare_avoided_stacked"]) == NARROW_COMPARE
    english = compare_captions("A side", "B side")  # the second side the better one
    labels = {"better": "B side", "worse": "A side"}
    assert english["all markets"].startswith(en["cli.compare_caption_all"].format(**labels))
    # the caption goes on with the note that avoided is not the gap between the medians (#3)
    assert english["all markets, medians"].startswith(
        en["cli.compare_caption_medians"].format(**labels)
    )
    assert english["avoided, by market: p5 · p50 · p95"].startswith(
        en["cli.compare_caption_avoided"].format(**labels)
    )


@pytest.mark.slow
@pytest.mark.parametrize("width", [80, 200])
def test_compare_in_japanese_on_a_terminal(built_store: Path, width: int) -> None:
    """The shipped blockade with and without the alliance fabs, at 80 and 200 columns: heading,
    paragraph, titles, column names, markets and captions in Japanese, no English table word
    left, no line wider than the terminal, no number broken; the medians are the English
    output's."""
    ja = _compare(built_store, width, "--lang", "ja")
    en = _compare(built_store, width)
    assert all(cell_len(line) <= width for line in ja.splitlines())
    assert not BROKEN_NUMBER.search(ja)
    assert "".join(ja.split()).startswith(  # the heading may wrap at 80 columns
        "「日米連携の新工場なし」と「日米連携の新工場あり」の比較（各シミュレーションした未来200通り、共通乱数）"
    )
    for words in (
        "指標",
        "（中央値）",
        "全市場",
        "AI・データセンター",
        "自動車",
        "失われた生産（週）",
        "失われる生産額",
        "避けられる分",
        "出典：chipshock シナリオエンジン",
    ):
        assert words in ja, words
    for english in (
        "against",
        "simulated futures",
        "all markets",
        "indicator",
        "(median)",
        "avoided",
        "market, indicator",
        "AI and data centre",
        "All markets",
        "Automotive",
        "output lost",
        "Medians of each side",
        "Source:",
        "USD",
        "Left out",
    ):
        assert english not in ja, english
    # what the sides set (their stocks) comes before the tables in both languages (it came
    # after the last table in Japanese: session 30's audit)
    first_table = ja.index("┏")
    assert 0 < ja.index("在庫：") < first_table and 0 < en.index("Stocks:") < en.index("┏")
    for kpi in ("output_lost_weeks", "loss_usd_bn"):  # on one line in both at 80 columns
        en_row = next(r for r in _rows(en) if message(f"cli.kpi.{kpi}", "en") in r)
        ja_row = next(r for r in _rows(ja) if message(f"cli.kpi.{kpi}", "ja") in r)
        en_medians = [c.strip() for c in en_row.split("│")[2:4]]
        ja_medians = [c.strip() for c in ja_row.split("│")[2:4]]
        assert all(_same_cell(e, j) for e, j in zip(en_medians, ja_medians, strict=True)), (
            en_medians,
            ja_medians,
        )


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_output_is_the_same_in_both_languages(built_store: Path, fmt: str) -> None:
    """--format json and csv are machine output: English keys, the same bytes with --lang ja."""
    en = _compare(built_store, 200, "--format", fmt)
    ja = _compare(built_store, 200, "--format", fmt, "--lang", "ja")
    assert ja == en
    if fmt == "json":
        assert "delta" in json.loads(en)


def test_compare_captions_say_avoided_is_the_median_of_differences() -> None:
    """Both tables that show each side's medians say that the avoided figure is the median of
    the difference in each simulated future, not the difference of the medians (review 3 #3)."""
    note = catalogue("en")["compare.median_of_differences"]
    captions = compare_captions("without", "with")
    assert note in captions["all markets"] and note in captions["all markets, medians"]
    assert "未来ごとの差の中央値" in catalogue("ja")["compare.median_of_differences"]


def test_paragraph_names_the_sides_by_the_labels(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Japanese paragraph names the two sides by the labels of the heading and the tables,
    as the English path and the JSON do, not by the scenario titles (review 4 #7): two runs of
    the tiny model with the same title, labelled なし/あり."""
    from chipshock import sim
    from chipshock.cli.scenario_compare_ja import print_compare_ja
    from chipshock.scenarios.model import Distribution, Scenario, Shock
    from chipshock.sim.data import ModelData

    monkeypatch.setattr(output.console, "width", 200)
    shock = Shock(
        "country",
        ("TWN",),
        2026,
        10,
        duration_weeks=Distribution.fixed(20.0),
        severity=Distribution.fixed(0.8),
    )
    a = Scenario("tiny-a", "同じ題", start_year=2026, end_year=2027, runs=4, seed=1)
    b = Scenario(
        "tiny-b", "同じ題", start_year=2026, end_year=2027, runs=4, seed=1, shocks=(shock,)
    )
    result = sim.compare(a, b, ModelData.tiny())
    print_compare_ja(result, "なし", "あり", 4)
    text = capsys.readouterr().out.replace("\n", "")
    assert "「なし」と「あり」を、同じシミュレーションした未来4通り" in text
    assert "同じ題（1）" not in text and "「同じ題」" not in text


def test_japanese_tables_show_what_the_better_first_side_avoids(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the first side loses less (`_result` with its sides swapped: every difference
    second − first positive), the Japanese tables give what it avoids as positive amounts and
    the captions and the line under the heading name it as the side that loses less."""
    monkeypatch.setattr(output.console, "width", 200)
    result = _result()
    result.a, result.b = result.b, result.a
    result.delta = result.delta.assign(
        p5=-result.delta["p95"], p50=-result.delta["p50"], p95=-result.delta["p5"]
    )
    ja = compare_tables_ja(result, "あり", "なし")
    (both, caption_all), (per_market, caption_avoided) = ja.values()
    row = both.loc[both.iloc[:, 0] == "失われた生産（週）"].iloc[0]
    assert row.iloc[3] == "0.3 · 0.5 · 0.7"
    assert "「あり」で「なし」と比べて避けられる分" in caption_all
    assert "「あり」で「なし」と比べて避けられる分" in caption_avoided
    assert not any(str(c).startswith("-") for c in per_market.values.ravel())
    assert compare_verdict("あり", "なし", "a", "ja").startswith(
        "「あり」の方が「なし」より失われる生産が少なくなります"
    )
