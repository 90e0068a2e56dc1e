"""The printed comparison briefing (session 26): `--no-appendix` leaves the body as it is and
says which command writes the full briefing (session 27: a coalition's and the alliance
tracker's too); page 2's two compact charts print their text at
8 pt or more; no appendix table is wider than the page (Chromium shrank the whole English PDF to
94 % to fit one); the by-fab bars name each fab to a screen reader by its name, id in brackets."""

from __future__ import annotations

import html
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.report.conftest import FakeComparison
from typer.testing import CliRunner

from chipshock.cli.main import app as cli_app
from chipshock.present.messages import message
from chipshock.report import render_report

CHROMIUM = Path("/usr/bin/chromium")
FLAGSHIP, TWIN = "taiwan-blockade-2027-6m", "taiwan-blockade-2027-6m-no-alliance-fabs"
#: the width an A4 page leaves between the report's print margins (210 mm - 2 x 12 mm) in CSS px
A4_CONTENT_PX = int((210 - 2 * 12) / 25.4 * 96)
NOTE = "<p class='muted appendix-left-out'>"


def _note_prefix(lang: str) -> str:
    """The note's words before the command."""
    return message("report.appendix_left_out", lang, command="").strip()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_appendix_keeps_the_body_to_the_byte(comparison: FakeComparison, lang: str) -> None:
    """Without the appendix the page is the full page up to where the appendix starts, then
    one line with the command that writes the full briefing (its scenario ids, runs, seed and
    language), then the end of the page."""
    from chipshock.scenarios import load_scenario

    pair = replace(
        comparison,
        a=replace(comparison.a, scenario=load_scenario(FLAGSHIP)),
        b=replace(comparison.b, scenario=load_scenario(TWIN)),
    )
    full = render_report(pair, lang)
    short = render_report(pair, lang, with_appendix=False)
    head = full[: full.index("<section class='appendix'>")]
    assert short.startswith(head) and "class='appendix'" not in short
    note = short[len(head) :]
    assert note.startswith(NOTE) and note.endswith("</p></body></html>")
    command = f"chipshock report {FLAGSHIP} --compare {TWIN} --runs 100 --seed 7 --lang {lang}"
    assert f"<code>{command}</code>" in note
    assert html.escape(_note_prefix(lang)) in note
    given = render_report(pair, lang, with_appendix=False, full_command="chipshock report x")
    assert given.startswith(head) and "<code>chipshock report x</code>" in given


def _short_briefing(args: list[str], out: Path) -> tuple[str, list[str]]:
    """The page `chipshock` ``args`` writes to ``out`` and the command its last line gives."""
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    short = out.read_text(encoding="utf-8")
    code = re.search(r"<code>(.*?)</code></p></body></html>$", short)
    assert code, short[-400:]
    return short, shlex.split(html.unescape(code[1]))


def test_no_appendix_command_writes_the_full_briefing(built_store: Path, tmp_path: Path) -> None:
    """`chipshock report A --compare B --no-appendix` ends with the command (the scenarios as
    given, runs, seed, language, output next to it); run, that command writes the full
    briefing, whose page up to the appendix is the short one's to the byte (bar the date-free
    parts: both are made the same day)."""
    out = tmp_path / "brief.html"
    db = ["--db", str(built_store)]
    args = ["report", FLAGSHIP, "--compare", TWIN, "--runs", "2", "--no-appendix", *db]
    short, command = _short_briefing([*args, "-o", str(out)], out)
    full_path = tmp_path / "brief-full.html"
    assert command[:2] == ["chipshock", "report"] and command[-2:] == ["-o", str(full_path)]
    assert command[2:10] == [FLAGSHIP, "--compare", TWIN, "--runs", "2", "--seed", "2027", "--lang"]
    result = CliRunner().invoke(cli_app, command[1:])
    assert result.exit_code == 0, result.output
    full = full_path.read_text(encoding="utf-8")
    assert "<section class='appendix'>" in full
    assert short.index(NOTE) == full.index("<section class='appendix'>")
    assert short[: short.index(NOTE)] == full[: full.index("<section class='appendix'>")]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_appendix_keeps_a_coalition_and_the_alliance_body(built_store: Path, lang: str) -> None:
    """A coalition's and the alliance tracker's briefing without the appendix: the full page up
    to where the appendix starts (the inputs only the coalition covers; every deliverable), then
    the line with the command that writes the full briefing, the synergy's first side joined by
    commas as `chipshock report --coalition` takes it."""
    from chipshock.report.alliance import alliance_report
    from chipshock.report.structure import coalition_report

    members = ["USA", "JPN", "NLD"]
    pairs = {
        f"--coalition USA,JPN NLD --lang {lang}": (
            coalition_report(built_store, members, lang, 2),
            coalition_report(built_store, members, lang, 2, with_appendix=False),
        ),
        f"--alliance --lang {lang}": (
            alliance_report(built_store, lang),
            alliance_report(built_store, lang, with_appendix=False),
        ),
    }
    for args, (full, short) in pairs.items():
        head = full[: full.index("<section class='appendix'>")]
        assert short.startswith(head) and "class='appendix'" not in short
        note = short[len(head) :]
        assert note.startswith(NOTE) and note.endswith("</p></body></html>")
        assert f"<code>chipshock report {args}</code>" in note, note
        assert html.escape(_note_prefix(lang)) in note


@pytest.mark.parametrize("kind", [["--coalition", "USA,JPN", "NLD"], ["--alliance"]])
def test_no_appendix_command_writes_the_full_structure_briefing(
    built_store: Path, tmp_path: Path, kind: list[str]
) -> None:
    """`chipshock report --coalition ... --no-appendix` (and --alliance) ends with the command
    (the members as given, --group, language, store, output next to it); run, that command
    writes the full briefing, whose page up to the appendix is the short one's to the byte."""
    out = tmp_path / "brief.html"
    group = ["--group", "TRIO=USA,JPN,NLD"] if kind[0] == "--coalition" else []
    db = ["--db", str(built_store)]
    args = ["report", *kind, *group, "--lang", "ja", "--no-appendix", *db, "-o", str(out)]
    short, command = _short_briefing(args, out)
    full_path = tmp_path / "brief-full.html"
    assert command == [
        "chipshock",
        "report",
        *kind,
        "--lang",
        "ja",
        *group,
        *db,
        "-o",
        str(full_path),
    ]
    result = CliRunner().invoke(cli_app, command[1:])
    assert result.exit_code == 0, result.output
    full = full_path.read_text(encoding="utf-8")
    assert short.index(NOTE) == full.index("<section class='appendix'>")
    assert short[: short.index(NOTE)] == full[: full.index("<section class='appendix'>")]


@pytest.fixture(scope="module")
def briefs(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The flagship against its twin, 8 runs, with the by-fab bars: the full and the short
    briefing in English and Japanese, HTML and PDF, from one simulation."""
    if not CHROMIUM.exists() or shutil.which("pdftotext") is None:
        pytest.skip("Chromium and pdftotext (poppler-utils) are needed to print and read back")
    from chipshock.cli.report_cmd import _scenario_report
    from chipshock.report import write_report
    from chipshock.report.pdf import html_to_pdf

    result, _, data, _, split = _scenario_report(
        FLAGSHIP, TWIN, 8, None, False, None, built_store, by_fab=True
    )
    folder = tmp_path_factory.mktemp("briefs")
    paths = {}
    for lang in ("en", "ja"):
        for kind, whole in (("full", True), ("short", False)):
            page = folder / f"{kind}-{lang}.html"
            write_report(result, page, lang, data=data, contributions=split, with_appendix=whole)
            paths[f"{kind}-{lang}"] = html_to_pdf(page, page.with_suffix(".pdf"))
    return paths


def _pages(pdf: Path) -> list[str]:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None
    done = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout.split("\f")[:-1]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_short_pdf_is_the_two_body_pages(briefs: dict[str, Path], lang: str) -> None:
    """The comparison's PDF without the appendix is 2 pages, not the full PDF's 29 or more; its
    text is the full PDF's first two pages, laid out the same, then the note with the command."""
    full, short = _pages(briefs[f"full-{lang}"]), _pages(briefs[f"short-{lang}"])
    assert len(full) >= 29 and len(short) == 2
    assert full[2].lstrip().startswith(message("report.appendix", lang))
    assert short[0] == full[0]
    words = "".join(short[1].split())
    assert words.startswith("".join(full[1].split()))
    rest = words[len("".join(full[1].split())) :]
    assert rest.startswith("".join(_note_prefix(lang).split()))
    assert f"--compare{TWIN}--runs8--seed2027--by-fab--lang{lang}" in rest


#: the body's print line (10 pt at line-height 1.3), pt, and the foot of an A4 page's text
#: (297 mm less the 10 mm bottom margin), pt
LINE_PT, FOOT_PT = 10 * 1.3, (297 - 10) / 25.4 * 72


def _lines_spare(pdf: Path, page: int) -> float:
    """How many body lines fit below the last text of ``page`` (pdftotext's word boxes)."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None
    done = subprocess.run(
        [pdftotext, "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    bottom = max(float(y) for y in re.findall(r'yMax="([\d.]+)"', done.stdout))
    return (FOOT_PT - bottom) / LINE_PT


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_body_keeps_six_lines_spare_on_page_2(briefs: dict[str, Path], lang: str) -> None:
    """The comparison's body with --by-fab ends on page 2 with room for 6 more lines in both
    languages (session 27: English had ~3.5, Japanese ~6.8; the body's pointer to the
    appendix in one line, the loss card's band in two, a chart's caption and source closer
    under it), so a longer name or note does not push the summary onto page 3."""
    assert _lines_spare(briefs[f"full-{lang}"], 2) >= 6.0


@pytest.fixture(scope="module")
def printed() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_compact_charts_print_at_8_pt_or_more(
    briefs: dict[str, Path], printed: Any, lang: str
) -> None:
    """Laid out for print at an A4 page's width, every text of page 2's two compact charts
    (the fab bars, both sides' output) is at least 8 pt (drawn at 640 px in a 62 % column it
    was 6.1 pt), and nothing in the full briefing is wider than the page, so that Chromium
    prints it at its size (an appendix table 751 px wide shrank every page to 94 %)."""
    page = printed.new_page(viewport={"width": A4_CONTENT_PX, "height": 1000})
    try:
        page.emulate_media(media="print")
        page.goto(briefs[f"full-{lang}"].with_suffix(".html").as_uri())
        measured = page.evaluate(
            """() => ({
              width: document.documentElement.scrollWidth,
              charts: [...document.querySelectorAll('figure.compact svg.chart')].map((svg) => {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                const sizes = [...svg.querySelectorAll('text')]
                  .filter((t) => t.textContent.trim())
                  .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale * 0.75);
                return {count: sizes.length, smallest: Math.min(...sizes)};
              }),
            })"""
        )
    finally:
        page.close()
    assert measured["width"] <= A4_CONTENT_PX, measured
    assert len(measured["charts"]) == 2, measured
    for chart in measured["charts"]:
        assert chart["count"] > 5 and chart["smallest"] >= 8.0, measured


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_fab_bars_are_named_for_screen_readers(briefs: dict[str, Path], lang: str) -> None:
    """Each by-fab bar's aria-label gives the fab's name (its Japanese name in Japanese) with
    its id in brackets and the median's band, not the fab id alone."""
    page = briefs[f"full-{lang}"].with_suffix(".html").read_text(encoding="utf-8")
    start = page.index("data-chart='fabs-alone'")
    figure = html.unescape(page[start : page.index("</figure>", start)])
    labels = re.findall(r'<path aria-label="([^"]*)"[^>]*aria-roledescription="bar"', figure)
    assert len(labels) == 6, labels
    name = {
        "en": "JASM Kumamoto Fab 1 (jasm-kumamoto-fab1)",
        "ja": "JASM第1工場（jasm-kumamoto-fab1）",
    }
    assert any(label.startswith(name[lang]) for label in labels), labels
    assert ("p5–p95" if lang == "en" else "p5〜p95") in labels[0]
    assert not any(re.search(r"label: [a-z-]+\d", label) for label in labels), labels


@pytest.fixture(scope="module")
def structure_briefs(
    built_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The coalition USA JPN NLD and the alliance tracker, full and without the appendix, in
    English and Japanese, printed to PDF."""
    if not CHROMIUM.exists() or shutil.which("pdftotext") is None:
        pytest.skip("Chromium and pdftotext (poppler-utils) are needed to print and read back")
    from chipshock.report.alliance import write_alliance_report
    from chipshock.report.pdf import html_to_pdf
    from chipshock.report.structure import write_coalition_report

    folder = tmp_path_factory.mktemp("structure-briefs")
    paths = {}
    for lang in ("en", "ja"):
        for kind, whole in (("full", True), ("short", False)):
            page = folder / f"coalition-{kind}-{lang}.html"
            members = ["USA", "JPN", "NLD"]
            write_coalition_report(built_store, members, page, lang, with_appendix=whole)
            paths[f"coalition-{kind}-{lang}"] = html_to_pdf(page, page.with_suffix(".pdf"))
            page = folder / f"alliance-{kind}-{lang}.html"
            write_alliance_report(built_store, page, lang, with_appendix=whole)
            paths[f"alliance-{kind}-{lang}"] = html_to_pdf(page, page.with_suffix(".pdf"))
    return paths


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("kind", ["coalition", "alliance"])
def test_short_structure_pdf_is_the_body_pages(
    structure_briefs: dict[str, Path], kind: str, lang: str
) -> None:
    """Without the appendix a coalition's or the alliance tracker's PDF is the full PDF's pages
    before the appendix's page, laid out the same, then the note with the command: as many
    pages, or one more where the body fills its last page (the English coalition: the weak
    links end at the foot of page 1); the alliance tracker's is shorter than the full one
    (5 -> 3 pages in English, 4 -> 2 in Japanese, on data release 25)."""
    full, short = (
        _pages(structure_briefs[f"{kind}-full-{lang}"]),
        _pages(structure_briefs[f"{kind}-short-{lang}"]),
    )
    heading = message(
        f"report.{'union_heading' if kind == 'coalition' else 'alliance_table'}", lang
    )
    body = next(i for i, text in enumerate(full) if text.lstrip().startswith(heading))
    assert body >= 1 and len(short) in (body, body + 1), (body, len(short))
    assert short[: body - 1] == full[: body - 1]
    words, before = "".join("".join(short).split()), "".join("".join(full[:body]).split())
    assert words.startswith(before)
    rest = words[len(before) :]
    assert rest.startswith("".join(_note_prefix(lang).split()))
    assert rest.endswith(
        f"chipshockreport--{kind}" + ("USAJPNNLD" if kind == "coalition" else "") + f"--lang{lang}"
    )
    if kind == "alliance":
        assert len(short) < len(full)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_fab_bar_labels_are_whole_and_inside_the_plot(
    briefs: dict[str, Path], printed: Any, lang: str
) -> None:
    """Session 28: the shipped briefing's by-fab bars cut "TSMC Arizona Fab 21 Phase 2: USD 0.01
    bn — no capacity until 20…" (0.6 em a character, wider than the fonts draw it). Every label
    line is whole (no ellipsis, the median and reason there) and, as Chromium draws it, ends
    inside the plot."""
    page = printed.new_page(viewport={"width": A4_CONTENT_PX, "height": 1000})
    try:
        page.emulate_media(media="print")
        page.goto(briefs[f"full-{lang}"].with_suffix(".html").as_uri())
        lines = page.evaluate(
            """() => {
              const svg = document.querySelector("figure[data-chart='fabs-alone'] svg.chart");
              const plot = svg.querySelector('path.background').getBBox().width;
              return [...svg.querySelectorAll('g.mark-text text')]
                .filter((t) => t.getAttribute('text-anchor') === 'start')
                .map((t) => ({text: t.textContent, right: t.getBBox().x + t.getBBox().width,
                              plot}));
            }"""
        )
    finally:
        page.close()
    assert len(lines) >= 6, lines
    late = message("report.fab_bar_no_capacity", lang, value="", first=2028).strip(" —：")
    assert sum(late in line["text"] for line in lines) >= 3, lines
    for line in lines:
        assert not line["text"].endswith("…") and line["right"] <= line["plot"], line


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_later_fabs_heading_prints_with_its_table(briefs: dict[str, Path], lang: str) -> None:
    """The heading "Fabs that start during the shock" prints on the page of its table, never
    alone at a page's foot (session 30 audit: English p.10, its table on p.11), for each side."""
    title = message("report.util_later_title", lang, year=2027)
    column = message("report.util_col_producer", lang)  # the table's first column head
    flat = ["".join(page.split()) for page in _pages(briefs[f"full-{lang}"])]
    heading = "".join(title.split())
    pages = [p for p in flat if heading in p]
    assert len(pages) == 2  # one per side of the comparison
    for page in pages:
        assert "".join(column.split()) in page.split(heading)[1]


def _whole_words(page: str) -> set[str]:
    """Every word of a briefing's HTML (its tags and <wbr> removed), with the parts a line may
    end or start with where the word has a break of its own: after a slash, an underscore, a
    hyphen, a dot (a source's host) or a dash."""
    text = re.sub(r"<style.*?</style>", " ", page)
    text = re.sub(r"</?(?:wbr|span|a)\b[^>]*>", "", text)
    parts: set[str] = set()
    for word in html.unescape(re.sub(r"<[^>]+>", " ", text)).split():
        pieces = re.split(r"(?<=[/_.\-–])", word)
        for i in range(len(pieces)):
            parts.update("".join(pieces[i:j]) for j in range(i + 1, len(pieces) + 1))
    return parts


@pytest.mark.browser
def test_printed_pages_split_no_word(
    briefs: dict[str, Path], structure_briefs: dict[str, Path]
) -> None:
    """Session 31: printed, every word of the English comparison and of the alliance tracker is
    whole on its line, or broken where it breaks of its own (a slash, an underscore, a hyphen, a
    host's dot): no "Wors / t-week", "mark / et", "Secto / r", no date "202 / 4- / 01- / 19"
    (the print rule let every table cell break anywhere)."""
    for pdf in (briefs["full-en"], structure_briefs["alliance-full-en"]):
        words = _whole_words(pdf.with_suffix(".html").read_text(encoding="utf-8"))
        split = [  # a chart's rotated axis title reads backwards in pdftotext
            token
            for page in _pages(pdf)
            for token in page.split()
            if token not in words and token[::-1] not in words
        ]
        assert not split, (pdf.name, split[:20])


@pytest.mark.browser
def test_japanese_cards_and_heads_keep_words_whole(briefs: dict[str, Path]) -> None:
    """Session 31: the Japanese weeks card never leaves 「間分」 on a line of its own (printed
    「通常の生産の5.2週／間分」), no table splits 「ノード区分」 (printed 「ノー／ド区／分」), and
    the by-fab table writes its ranges 「a〜b」."""
    pages = _pages(briefs["full-ja"])
    assert len(re.findall(r"[\d.]+週間分", pages[1])) >= 2, pages[1]
    assert not [line for line in pages[1].splitlines() if re.search(r"(?<!週)間分", line)]
    assert not [
        line for page in pages for line in page.splitlines() if re.search(r"ノー(?!ド)", line)
    ]
    page = briefs["full-ja"].with_suffix(".html").read_text(encoding="utf-8")
    by_fab = page[page.index("<section class='by-fab'>") :].split("</section>")[0]
    assert "〜" in by_fab and " – " not in by_fab


#: a character a Japanese line may not start with (kinsoku): small kana, the long-vowel mark ー
#: and the iteration marks
_NO_LINE_START = re.compile(r"[ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶーゝゞヽヾ々]")


@pytest.mark.browser
def test_japanese_lines_never_start_with_a_small_kana(briefs: dict[str, Path]) -> None:
    """Printed, no Japanese line starts with a small kana or 「ー」 (the utilisation tables'
    producer and operator cells, which break between any two characters, printed 「ボッシ／ュ」,
    「ジ／ャパン」, 「セミコンダクタ／ー」); a chart's rotated axis title, which pdftotext reads
    backwards, is not a line."""
    page = briefs["full-ja"].with_suffix(".html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    starts = [
        token
        for printed in _pages(briefs["full-ja"])
        for token in printed.split()
        if _NO_LINE_START.match(token) and token[::-1] not in text
    ]
    assert not starts, starts[:20]
