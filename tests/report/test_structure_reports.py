"""Briefings on a coalition (coverage, Shapley values, synergy, weak links) and the alliance
tracker: the finding first, numbers from the analysis functions, names instead of codes."""

from __future__ import annotations

import re
from html import escape as html_escape
from pathlib import Path

import pytest

from chipshock.analysis.coalition import coalition_coverage
from chipshock.analysis.shapley import synergy
from chipshock.cli.main import main
from chipshock.data.store import load_chain
from chipshock.errors import InputError
from chipshock.present.messages import message
from chipshock.present.synergy_text import synergy_reading
from chipshock.report.alliance import alliance_report
from chipshock.report.structure import coalition_report


def test_coalition_briefing_states_coverage_and_synergy(built_store: Path) -> None:
    """The finding gives the analysis' own coverage and synergy, members by name."""
    html = coalition_report(built_store, ["USA", "JPN"], "en")
    chain = load_chain(built_store)
    s = coalition_coverage(chain, ["USA", "JPN"], threshold=50.0).summary
    syn = synergy(chain, ["USA"], ["JPN"], threshold=50.0)
    finding = html.split("class='finding'>")[1].split("</p>")[0]
    assert finding.startswith("Together, United States and Japan hold at least 50%")
    assert f"for {s['n_covered']} of {s['n_inputs']} inputs" in finding
    assert f"{100 * syn.synergy:.1f} percentage points more than the sum of each alone" in finding
    # the words of `chipshock synergy` and the dashboard (one sentence, audit31 finding 10)
    assert html_escape(synergy_reading(syn, "United States", "Japan", "en")) in finding
    assert "Alone, United States covers 27 of the 75 inputs and Japan 19" in finding
    assert html.index("class='finding'") < html.index("<svg")
    assert "Shapley" in html and "Weak links" in html and "CC BY-NC 4.0" in html
    glossary = html.split("class='glossary'>")[1]
    assert "<dt>USA</dt><dd>United States</dd>" in glossary


def test_coalition_briefing_counts_a_repeated_member_once(built_store: Path) -> None:
    """Review 4, finding 3, on the briefing: its synergy is the first member against the others,
    so "USA JPN usa" set USA against JPN and USA (−36 points, USA counted twice). Each member
    now counts once: the same finding as "USA JPN", in English and Japanese; one country
    repeated is not a coalition."""
    for lang, gain in (
        ("en", "5.3 percentage points more than the sum"),
        ("ja", "合計より5.3ポイント多く"),
    ):
        twice = coalition_report(built_store, ["USA", "JPN", "usa"], lang)
        once = coalition_report(built_store, ["USA", "JPN"], lang)
        finding = twice.split("class='finding'>")[1].split("</p>")[0]
        assert finding == once.split("class='finding'>")[1].split("</p>")[0] and gain in finding
    with pytest.raises(InputError, match="at least two different countries"):
        coalition_report(built_store, ["USA", "usa"], "en")


def test_alliance_briefing_in_japanese(built_store: Path) -> None:
    """Amounts in 億/兆ドル, sectors and statuses in Japanese, and the total of the deliverables
    counted once: no umbrella row beside its part (but its remainder), no context row."""
    html = alliance_report(built_store, "ja")
    # The total, by hand from alliance_deliverables.csv: the 7 rows with an amount that are
    # neither an umbrella nor a context row, and the umbrella's remainder (USD):
    #   Microsoft cloud/AI in Japan           2,900,000,000
    #   Google Pacific subsea cables          1,000,000,000
    #   Amazon Web Services Tokyo and Osaka  15,240,000,000
    #   University of Washington-Tsukuba         50,000,000  (the part of the USD 110m umbrella)
    #   Toyota battery plant, North Carolina  8,000,000,000
    #   Honda Aircraft, Greensboro               55,700,000
    #   U.S.-Japan Pacific cables (FSM, Tuvalu)  16,000,000
    #   USD 110m umbrella of the university AI partnerships, less its named part
    #   UW-Tsukuba (50m; CMU-Keio's share is not itemised)       60,000,000
    #   = 27,321,700,000 = 273億ドル (review 12, finding 11: before, the 60m was dropped).
    #   Left out: the context row Honda-LG Ohio (USD 4.4bn); adding the whole umbrella beside
    #   its part and the context row would give 31,771,700,000 (318億ドル).
    # 17 deliverables: 19 rows less the two context rows (Honda-LG, IBM-Rapidus).
    finding = html.split("class='finding'>")[1].split("</p>")[0]
    assert "約束は17件、総額約273億ドル" in finding
    total = html.split("class='total'>")[1].split("</p>")[0]
    assert total.startswith("合計273億ドル（17件）。参考行2件") and "包括行0件" not in total
    assert "1.1億ドルのうち内訳の5,000万ドルを除く6,000万ドル" in total
    assert "クラウド" in html and "稼働中" in html and "ラピダス IIM-1" in html
    # the fab table names fabs by their Japanese names (fab_names_ja.csv, data release 23)
    assert "JASM第2工場" in html and "JASM Kumamoto Fab 2" not in html
    assert "TSMCアリゾナ Fab 21 第1期" in html
    # each counterpart in Japanese (counterpart_ja, data release 23)
    assert "日本政府" in html and "ノースカロライナ州" in html
    assert "Government of Japan" not in html and "State of Ohio" not in html
    assert not re.search(r"\d\.\d+e[+-]\d", html)


def test_alliance_briefing_names_the_milestones_in_japanese(built_store: Path) -> None:
    """The Japanese briefing's tracker table gives each item's Japanese title (title_ja of
    alliance_tracker.csv), the English briefing the English one."""
    milestones = alliance_report(built_store, "ja").split(message("report.tracker_heading", "ja"))[
        -1
    ]
    assert "JASM第2工場（熊本）の生産" in milestones and "ラピダスの2nm量産" in milestones
    assert "JASM Fab 2 (Kumamoto) production" not in milestones
    assert "JASM Fab 2 (Kumamoto) production" in alliance_report(built_store, "en")


def test_coalition_needs_two_members(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`report --coalition USA` is a usage error naming what is expected: exit 2, no file."""
    out = tmp_path / "c.html"
    code = main(["report", "--coalition", "USA", "--db", str(built_store), "-o", str(out)])
    assert code == 2 and not out.exists()
    assert "two or more countries with data" in capsys.readouterr().err


def test_alliance_fabs_as_the_model_uses_them(built_store: Path) -> None:
    """The alliance briefing's fab table gives JASM Fab 2 the model's first year (2028) and
    largest capacity (45,000, fab_capacity.csv), not fabs.csv's 2027 and blank capacity; the
    tracker's 2027 is said beside it (review 12, finding 6)."""
    html = alliance_report(built_store)
    heading = message("report.alliance_fabs_heading", "en")
    table = html[html.index(heading) :].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if "JASM Kumamoto Fab 2" in r)
    cells = [re.sub("<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    dated = message("report.start_dated", "en", start="2028", date="2027")
    assert cells[3:5] == [dated, "45,000"] and dated.startswith("2028; the tracker below")
    arizona = next(r for r in table.split("<tr>") if "TSMC Arizona Fab 21 Phase 1" in r)
    assert "20,000" in arizona  # TSMC's own figure (data release 17; an analyst's 24,000 before)
    assert "fab_capacity.csv" in html[html.index(heading) :].split("</p>")[0]
    # review 12, finding 12: the public funding's source is dated (fabs.csv as_of), last column
    header = re.findall(r"<th[^>]*>(.*?)</th>", table)
    assert header[-2:] == [message("report.col_source", "en"), message("report.col_as_of", "en")]
    rapidus = next(r for r in table.split("<tr>") if "Rapidus" in r)
    last = re.sub("<[^>]+>", "", re.findall(r"<td[^>]*>(.*?)</td>", rapidus)[-1])
    assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", last), last


def test_alliance_finding_summarises_the_largest_deliverable_in_japanese(
    built_store: Path,
) -> None:
    """The Japanese briefing's finding gives the largest deliverable's summary_ja (chipshock's
    translation), the English briefing its English summary; neither is left in the other
    language."""
    finding_ja = re.search(r"<p class='finding'>(.*?)</p>", alliance_report(built_store, "ja"))
    finding_en = re.search(r"<p class='finding'>(.*?)</p>", alliance_report(built_store, "en"))
    assert finding_ja and finding_en
    assert (
        "アマゾン・ウェブ・サービス（AWS）の「東京と大阪のAWSのクラウド・AI向けデータセンター基盤"
        in finding_ja[1]
    )
    assert "上乗せ」（152億ドル）です。" in finding_ja[1]
    assert "to expand AWS" not in finding_ja[1] and "JPY 2.26tn" not in finding_ja[1]
    assert "Amazon Web Services — JPY 2.26tn (2023-2027) to expand" in finding_en[1]
    assert "2011-2022 (USD 15.2 bn)." in finding_en[1]


def test_alliance_finding_says_what_its_total_holds_for_chips(built_store: Path) -> None:
    """The briefing's first line, a total of cloud, AI and energy investment, says that no
    amount is recorded for chips (the public copies of the fact sheet lack its items: unknown, not
    zero, review 12 finding 4) and gives the alliance fabs' public funding beside it (review 3,
    finding 9): the sum of the fab table's funding column, in both languages."""
    from chipshock.data.store import load_alliance
    from chipshock.report.alliance import ALLIANCE_FABS

    fabs = load_alliance(built_store).fabs
    funding = fabs[fabs["fab_id"].isin(ALLIANCE_FABS)]["public_funding_usd"].astype(float).sum()
    finding_en = re.search(r"<p class='finding'>(.*?)</p>", alliance_report(built_store, "en"))
    finding_ja = re.search(r"<p class='finding'>(.*?)</p>", alliance_report(built_store, "ja"))
    assert finding_en and finding_ja
    assert (
        "No amount is recorded for chips: the public copies of the fact sheet give only its"
        in (finding_en[1])
    )
    assert f"adds up to USD {funding / 1e9:.1f} bn, counted apart." in finding_en[1]
    assert "半導体向けの金額は記録されていません" in finding_ja[1]
    assert "別に数えています" in finding_ja[1]


def test_alliance_fabs_are_placed_in_japanese(built_store: Path) -> None:
    """The Japanese alliance briefing's fab table writes each place in Japanese (北海道千歳市,
    熊本県菊陽町, アリゾナ州フェニックス北部), the English one in English."""
    html_ja, html_en = alliance_report(built_store, "ja"), alliance_report(built_store, "en")
    for place in ("日本・北海道千歳市", "日本・熊本県菊陽町", "米国・アリゾナ州フェニックス北部"):
        assert place in html_ja, place
    assert "Chitose, Hokkaido" not in html_ja and "Kikuyo, Kumamoto" not in html_ja
    assert "Chitose, Hokkaido, Japan" in html_en and "北海道" not in html_en


def test_coalition_briefing_gives_the_clis_sampled_shapley_values(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 8, finding 6: EU27 against CHIP4 has 13 members, so its Shapley values are
    sampled; the briefing drew a fresh seed each time (USA 38.9 % then 39.1 %). It now uses the
    seed and sample count of `chipshock shapley` (0 and 2,000), says them, and gives the CLI's
    values to the decimal, the same in two reports."""
    import json
    from html import unescape

    from chipshock.present.labels import country_label
    from chipshock.present.numbers import fmt_pct

    pages = []
    for i in (1, 2):
        out = tmp_path / f"c{i}.html"
        args = ["report", "--coalition", "EU27", "CHIP4", "--db", str(built_store), "-o", str(out)]
        assert main(args) == 0
        pages.append(out.read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    html = pages[0]
    assert "estimated from 2,000 sampled orders, seed 0" in unescape(html)
    section = html[html.index(message("report.shapley_heading", "en")) :]
    table = section[section.index("<tbody>") : section.index("</tbody>")]
    rows = [
        [unescape(re.sub("<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table)
    ]
    reported = {r[0]: r[1] for r in rows}
    capsys.readouterr()
    assert main(["shapley", "EU27", "CHIP4", "--db", str(built_store), "-f", "json"]) == 0
    text = capsys.readouterr().out
    answer = json.loads(text[text.index("{") :])
    assert answer["seed"] == 0 and answer["samples"] == 2000 and answer["method"] == "sampled"
    # to the decimal by the cell rule: Italy's sampled 0.049 % reads "<0.1%", not "0.0%" (pct33)
    cli = {country_label(r["member"], "en"): fmt_pct(r["shapley_pct"], 1) for r in answer["rows"]}
    assert len(cli) == 13 and reported == cli and reported["Italy"] == "<0.1%"
    assert reported["United States"] == "39.0%"  # the CLI's 38.98 (review 8)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_coalition_briefing_says_fab_capacity_is_not_counted(built_store: Path, lang: str) -> None:
    """uxr2 finding 1 on the briefing: Taiwan's Shapley value among USA, JPN, NLD, KOR and TWN
    is 0.6 %, for its fabs are not among the inputs counted. The first page says so under the
    finding, in the words of the CLI's caption and the API's ``scope`` (`coalition_scope`),
    before the Shapley chart."""
    from html import unescape

    from chipshock.present.coverage_notes import coalition_scope

    html = coalition_report(built_store, ["USA", "JPN", "NLD", "KOR", "TWN"], lang)
    scope = unescape(html.split("class='caveat scope'>")[1].split("</p>")[0])
    assert scope == coalition_scope(lang)
    assert html.index("class='finding'") < html.index("class='caveat scope'") < html.index("<svg")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_coalition_pdf_says_fab_capacity_is_not_counted_on_page_one(
    built_store: Path, tmp_path: Path, lang: str
) -> None:
    """The same words on the printed briefing's first page (`report --coalition ... --pdf`),
    read back with pdftotext."""
    import shutil
    import subprocess

    from chipshock.present.coverage_notes import coalition_scope

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is needed to read the pages back")
    out = tmp_path / "c.html"
    args = ["report", "--coalition", "USA", "JPN", "NLD", "KOR", "TWN", "--pdf", "--lang", lang]
    assert main([*args, "--db", str(built_store), "-o", str(out)]) == 0
    done = subprocess.run(
        [pdftotext, "-f", "1", "-l", "1", str(out.with_suffix(".pdf")), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    first_page = "".join(done.stdout.split())
    assert "".join(coalition_scope(lang).split()) in first_page


@pytest.mark.parametrize(("lang", "sep"), [("en", " · "), ("ja", "｜")])
def test_the_briefing_kind_line_has_one_kind_of_separator(
    built_store: Path, lang: str, sep: str
) -> None:
    """Audit28: the Japanese line under the finding read
    「chipshock ブリーフィング：連携 · 品目は…」, an English middle dot beside Japanese 「・」;
    each language now has its own."""
    from html import unescape

    html = coalition_report(built_store, ["USA", "JPN"], lang)
    line = unescape(html.split("<p class='muted'>")[1].split("</p>")[0])
    assert line.startswith(message("report.kind_coalition", lang) + sep), line
    assert (" · " in line) == (lang == "en"), line


def test_inputs_only_the_coalition_covers_carry_year_and_source(built_store: Path) -> None:
    """Audit31, finding 11: the appendix table of the inputs only both sides together cover
    gave three shares and no year or source (the weak-links table and the dashboard give both)."""
    for lang in ("en", "ja"):
        html = coalition_report(built_store, ["USA", "JPN"], lang)
        heading = message("report.union_heading", lang)
        table = html.split(heading)[1].split("</table>")[0]
        head = table.split("</tr>")[0]
        assert message("report.col_year", lang) in head
        assert message("report.col_source", lang) in head
        rows = table.split("<tbody>")[1].split("</tr>")[:-1]
        assert len(rows) == 4 and all(r.count("<td") == 6 for r in rows)
        assert all(re.search(r">20[12][0-9]</td><td>[^<]+</td>$", r) for r in rows), rows
        assert "](http" not in table  # the ETO's Markdown links printed as their words
