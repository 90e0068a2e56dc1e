"""The briefing's raw-material chokepoints section (release 14, brief "materials"), en and ja:
each material's largest supplier with the share the model simulates (the CLI's
``chokepoints --materials`` numbers), its stock in weeks, as-of date and source; under it each
material's use and substitutes (session 33), in Japanese materials_ja.csv's translation or, for
a material without one, the data's English under a header that says so."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from chipshock import sim
from chipshock.report import render_report
from chipshock.report.materials import material_rows

from .conftest import FakeResult


@pytest.fixture(scope="module")
def data(built_store: Path) -> sim.ModelData:
    return sim.load_model_data(built_store)


def test_material_rows_are_the_simulated_shares(data: sim.ModelData) -> None:
    """Seven materials; the largest supplier and share of each, hand-checked against the CSV."""
    rows = {r["material_id"]: r for r in material_rows(data.materials, data.raw_materials)}
    assert len(rows) == 7
    expected = {
        "gallium": ("CHN", 99.0),
        "germanium": ("CHN", 60.0),
        "neon": ("UKR", 50.0),
        "rare_earths": ("CHN", 92.0),
        "high_purity_quartz": ("USA", 70.0),
        "fluorspar": ("CHN", 62.0),
        "tungsten": ("CHN", 83.0),
    }
    assert {k: (r["country"], r["share_pct"]) for k, r in rows.items()} == expected
    assert rows["tungsten"]["weeks"] == "6 (3–12)" and rows["tungsten"]["as_of"] == "2025-01"


@pytest.mark.parametrize(
    ("lang", "title", "name"),
    [
        ("en", "Raw-material chokepoints", "Tungsten"),
        ("ja", "原材料のチョークポイント", "タングステン"),
    ],
)
def test_report_has_the_materials_section(
    result: FakeResult, data: sim.ModelData, lang: str, title: str, name: str
) -> None:
    """With the model's data the appendix carries the section, in the report's language, with a
    source link on every row; without data it has none."""
    page = html.unescape(render_report(result, lang, data=data))
    assert title in page and page.index(title) > page.index("class='appendix'")
    section = page[page.index("<table class='materials'>") :]
    section = section[: section.index("</table>")]
    assert name in section and "pubs.usgs.gov/periodicals/mcs2025/mcs2025-tungsten.pdf" in section
    assert section.count("<tr>") == 9  # two header rows and seven materials
    assert "Rare earths" not in section if lang == "ja" else "レアアース" not in section
    assert title not in html.unescape(render_report(result, lang))


def _texts_rows(page: str) -> list[list[str]]:
    """The use-and-substitutes table of a report page: its header, then one row a material,
    each cell's text as a reader sees it."""
    table = page[page.index("<table class='material-texts'>") :]
    table = table[: table.index("</table>")]
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell))
            for cell in re.findall(r"<t[hd]>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table)
    ]


#: materials.csv's gallium row and neon's, and their materials_ja.csv rows (shipped data)
GALLIUM_EN = [
    "Gallium",
    "GaAs and GaN substrates and epitaxy for RF and power devices (compound semiconductors)",
    "No substitute for GaAs/GaN devices; small primary output outside China (Japan, Korea, "
    "Russia; restarts discussed in Germany and Kazakhstan)",
    "2024-12",
    "rawmaterials.net",
]
GALLIUM_JA = [
    "ガリウム",
    "RF・パワーデバイス向けのGaAs・GaN基板とエピタキシー（化合物半導体）",
    "GaAs/GaNデバイスに代替はない。中国以外の一次生産は少ない（日本、韓国、ロシア。"
    "ドイツとカザフスタンで再開が議論されている）",
    "2024-12",
    "rawmaterials.net",
]
NEON_USE = "Buffer gas of ArF and KrF excimer lasers in DUV lithography"
NEON_SUBSTITUTES = (
    "Neon recycling at fabs and new purification at air-separation plants outside Ukraine "
    "and Russia (expanded after 2014 and 2022)"
)
NEON_JA = [
    "ネオン（半導体グレード）",
    "DUV露光に使うArF・KrFエキシマレーザーのバッファガス",
    "工場でのネオンの回収・再利用と、ウクライナ・ロシア以外の空気分離プラントでの新たな精製"
    "（2014年以降と2022年以降に拡大）",
    "2022-03",
    "telegraph.co.uk",
]


def test_english_report_gives_each_material_s_use_and_substitutes(
    result: FakeResult, data: sim.ModelData
) -> None:
    """Under the chokepoints table, one row a material (seven), its materials.csv use and
    substitutes with that row's as-of date and source host."""
    page = render_report(result, "en", data=data)
    assert page.index("<table class='material-texts'>") > page.index("<table class='materials'>")
    rows = _texts_rows(page)
    assert rows[0] == ["Material", "Use", "Substitutes", "As of", "Source"]
    assert len(rows) == 8 and rows[1] == GALLIUM_EN
    neon = next(r for r in rows if r[0].startswith("Neon"))
    assert neon[1:4] == [NEON_USE, NEON_SUBSTITUTES, "2022-03"]


def test_japanese_report_gives_the_translations(result: FakeResult, data: sim.ModelData) -> None:
    """In Japanese every shipped material has materials_ja.csv's use and substitutes, so the
    headers are plain 「用途」「代替」 and no cell keeps the English."""
    rows = _texts_rows(render_report(result, "ja", data=data))
    assert rows[0] == ["原材料", "用途", "代替", "時点", "出典"]
    assert len(rows) == 8 and rows[1] == GALLIUM_JA
    assert next(r for r in rows if r[0].startswith("ネオン")) == NEON_JA
    english = {str(t) for t in [*data.materials["use"], *data.materials["substitutes"]]}
    assert not english & {cell for row in rows[1:] for cell in row[1:3]}


def test_japanese_report_keeps_the_english_of_a_material_without_translation(
    result: FakeResult, data: sim.ModelData
) -> None:
    """Neon without a materials_ja.csv row: its cells show materials.csv's English and the
    headers say so (「用途（データの英文）」, as the CLI's), while gallium keeps its Japanese;
    the English report is as before."""
    mats = data.materials.copy()
    neon = mats["material_id"] == "neon"
    mats.loc[neon, "use_ja"] = None
    mats.loc[neon, "substitutes_ja"] = None
    untranslated = replace(data, materials=mats)
    rows = _texts_rows(render_report(result, "ja", data=untranslated))
    assert rows[0] == ["原材料", "用途（データの英文）", "代替（データの英文）", "時点", "出典"]
    assert rows[1] == GALLIUM_JA
    assert next(r for r in rows if r[0].startswith("ネオン")) == [
        NEON_JA[0],
        NEON_USE,
        NEON_SUBSTITUTES,
        "2022-03",
        "telegraph.co.uk",
    ]
    english = render_report(result, "en", data=data)
    assert render_report(result, "en", data=untranslated) == english


def test_every_as_of_date_of_the_section_stays_on_one_line(
    result: FakeResult, data: sim.ModelData
) -> None:
    """Each as-of cell of both tables (two a row in the chokepoints table) is one date kept
    whole (printed, the chokepoints table read "2025- / 01" in its narrow column)."""
    page = render_report(result, "en", data=data)
    section = page[page.index("<h3 id='materials'>") :]
    section = section[: section.index("</p>", section.index("material-texts"))]
    dates = re.findall(r"<td>(<span class='date'>\d{4}-\d{2}</span>|\d{4}-\d{2})</td>", section)
    assert len(dates) == 21 and all(d.startswith("<span class='date'>") for d in dates), dates


def _chokepoint_rows(page: str) -> list[list[str]]:
    """The chokepoints table of a report page, one list of cell texts a row (its two header
    rows first)."""
    table = page[page.index("<table class='materials'>") :]
    table = table[: table.index("</table>")]
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell))
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table)
    ]


@pytest.mark.parametrize(
    ("lang", "top", "under"),
    [
        (
            "en",
            [
                "Material",
                "Largest supplier",
                "Share of world supply",
                "Stock, weeks (range)",
                "Chip classes that use it",
            ],
            ["Value", "As of", "Source"] * 2,
        ),
        (
            "ja",
            [
                "原材料",
                "最大の供給国",
                "世界供給に占めるシェア",
                "在庫（週、幅）",
                "使う半導体区分",
            ],
            ["値", "時点", "出典"] * 2,
        ),
    ],
)
def test_each_figure_has_its_own_as_of_and_source(
    result: FakeResult, data: sim.ModelData, lang: str, top: list[str], under: list[str]
) -> None:
    """Session 33: the table's one as-of and source were the share's (raw_materials.csv) while
    the stock beside them is materials.csv's: the share and the stock each carry their row's
    date and source host, under a two-row header (tungsten: the share USGS 2025-01, the stock
    greencarcongress.com 2022-01); in Japanese the chip classes are listed with 「、」."""
    rows = _chokepoint_rows(render_report(result, lang, data=data))
    assert rows[0] == top and rows[1] == under
    body = {row[0]: row[2:8] for row in rows[2:]}
    tungsten = "Tungsten" if lang == "en" else "タングステン"
    assert body[tungsten] == [
        "83%",
        "2025-01",
        "pubs.usgs.gov",
        "6 (3–12)",
        "2022-01",
        "www.greencarcongress.com",
    ]
    gallium = body["Gallium" if lang == "en" else "ガリウム"]
    assert gallium[4:] == ["2024-12", "rawmaterials.net"]
    classes = {"en": "Leading edge (<10 nm), 10–22 nm", "ja": "最先端（10nm未満）、10〜22nm"}
    assert next(row for row in rows if row[0] == tungsten)[8].startswith(classes[lang])
