"""The alliance tracker's milestones on every surface: `chipshock deliverables --status`, GET
/api/tracker, the dashboard's tracker view and `chipshock report --alliance` list the same items
in the same order with the same statuses, the same stale flags and the same stale caption."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from tests.api.conftest import AsgiClient
from tests.web.conftest import Watched
from typer.testing import CliRunner

from chipshock.analysis.registry import DataRelease, tracker_view
from chipshock.api import create_app
from chipshock.cli.main import app as cli_app
from chipshock.data.release import DATA_RELEASE, DATA_RELEASE_DATE
from chipshock.data.store import load_alliance, load_table
from chipshock.present.charts_structure import (
    tracker_date_texts,
    tracker_parts_text,
    tracker_stale_caption,
)
from chipshock.present.messages import message
from chipshock.report.alliance import alliance_report


def _cli_rows(store: Path, *extra: str) -> list[dict[str, Any]]:
    args = ["deliverables", "--status", *extra, "--format", "json", "--db", str(store)]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    text = result.stdout
    rows: list[dict[str, Any]] = json.loads(text[text.index("[") :])
    return rows


@pytest.fixture(scope="module")
def api(built_store: Path) -> Any:
    client = AsgiClient(create_app(built_store, max_runs=200, time_budget_s=60.0))
    yield client
    client.close()


def _pairs(rows: list[dict[str, Any]]) -> list[tuple[str, str, str, str, bool]]:
    return [(r["title"], r["status"], r["status_as_of"], r["source_url"], r["stale"]) for r in rows]


def _cli_caption(store: Path) -> str:
    """The caption of the CLI's table, its line breaks undone."""
    args = ["deliverables", "--status", "--db", str(store)]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def _stale_words(rows: list[dict[str, Any]], lang: str) -> list[str]:
    return [message("tracker.stale", lang) if r["stale"] else "" for r in rows]


def test_api_tracker_gives_the_cli_rows(built_store: Path, api: AsgiClient) -> None:
    """/api/tracker has the CLI's rows, order, statuses, as-of dates and sources, and counts."""
    cli = _cli_rows(built_store)
    body = api.get("/api/tracker").json()
    assert _pairs(body["rows"]) == _pairs(cli)
    assert len(cli) >= 20 and sum(body["counts"].values()) == len(cli)
    delayed = api.get("/api/tracker?status=delayed").json()["rows"]
    assert _pairs(delayed) == _pairs(_cli_rows(built_store, "--only", "delayed"))
    assert delayed and {r["status"] for r in delayed} == {"delayed"}


def test_stale_flag_and_caption_agree_on_cli_and_api(built_store: Path, api: AsgiClient) -> None:
    """The CLI's and the API's stale flags and caption are the same: 10 open rows of release 22
    (2026-12-06) were checked before 2025-12-06 (release 27 of 2026-12-07: before 2025-12-07,
    the same rows), e.g. Micron Hiroshima (under way, as of 2025-09) and the LSTC training row
    dated only "2025" (read as 2025-01-01, review 3 #11);
    JASM Fab 2 (delayed, as of 2025-12) and the done groundbreaking of 2023 are not."""
    cli = _cli_rows(built_store)
    body = api.get("/api/tracker").json()
    stale = body["stale"]
    assert [r["stale"] for r in body["rows"]] == [r["stale"] for r in cli]
    assert stale["n"] == sum(r["stale"] for r in cli) == 10  # 14 before release 22's re-check
    assert (stale["months"], stale["release"], stale["release_date"], stale["before"]) == (
        12,
        DATA_RELEASE,
        DATA_RELEASE_DATE,
        "2025-12-07",  # 12 months before release 27 (2026-12-07)
    )
    flags = {r["item_id"]: r["stale"] for r in cli}
    assert flags["micron-hiroshima-euv"] and not flags["jasm-fab2"]
    assert flags["lstc-tenstorrent-training"]  # status as of "2025": imprecise, so stale
    assert not flags["rapidus-iim1-groundbreaking"]
    caption = stale["caption"]["en"]
    release = f"data release {DATA_RELEASE} ({DATA_RELEASE_DATE})"
    assert f"status checked more than 12 months before {release}" in caption
    # session 21: the visit's own rows counted apart from the context rows (14 of 16 together)
    # release 22: the Rapidus/IBM rows re-checked, the state equity done (11 of 12 before)
    assert (stale["visit"], stale["context"]) == ({"n": 7, "open": 11}, {"n": 3, "open": 4})
    assert caption.startswith(
        "Stale: 7 of 11 open items and milestones of the visit; counted apart, 3 of 4 open "
        "context rows (open: announced, under way, delayed)"
    )
    assert caption in _cli_caption(built_store)
    assert stale["caption"]["ja"].startswith(
        "古い状況：訪米の未完了の項目と節目11件のうち7件、別に数える未完了の参考行4件のうち3件"
    )


def test_api_tracker_rejects_an_unknown_status(api: AsgiClient) -> None:
    """An unknown status is a 422 that names the parameter and the statuses it takes."""
    response = api.get("/api/tracker?status=late")
    assert response.status_code == 422
    assert "status" in response.text and "under-way" in response.text


def test_report_lists_the_milestones(built_store: Path) -> None:
    """`report --alliance` has a row per tracker item, in the CLI's order, status in words."""
    cli = _cli_rows(built_store)
    html = alliance_report(built_store)
    heading = message("report.tracker_heading", "en")
    section = html[html.index(heading) :]
    table = section[section.index("<tbody>") : section.index("</tbody>")]
    cells = [
        [unescape(re.sub("<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table)
    ]
    assert [c[0] for c in cells] == [r["title"] for r in cli]
    words = [message(f"tracker_status.{r['status']}", "en") for r in cli]
    assert [c[2] for c in cells] == words
    assert [c[3] for c in cells] == [r["status_as_of"] for r in cli]
    assert [c[4] for c in cells] == _stale_words(cli, "en")
    caption = unescape(section.split("<p class='stale'>")[1].split("</p>")[0])
    assert caption in _cli_caption(built_store) and caption.startswith("Stale: 7 of 11")


@pytest.mark.browser
def test_dashboard_lists_the_milestones(
    browser_page: Watched, server: str, built_store: Path
) -> None:
    """The tracker view's milestone table shows the CLI's items with a status word badge, its
    as-of date, the stale flag and caption of the CLI and a source link, in English and
    Japanese; the status filter keeps only the delayed items (in the URL)."""
    cli = _cli_rows(built_store)
    page = browser_page.page
    page.goto(f"{server}/?lang=en#tracker")
    page.wait_for_selector("#trk-milestones tbody tr", timeout=30_000)
    rows = page.eval_on_selector_all(
        "#trk-milestones tbody tr",
        "trs => trs.map(tr => [...tr.cells].map(td => td.textContent.trim()))",
    )
    assert [r[0].removeprefix("↳ ") for r in rows] == [r["title"] for r in cli]
    assert [r[2] for r in rows] == [message(f"tracker_status.{r['status']}", "en") for r in cli]
    assert [r[3] for r in rows] == [r["status_as_of"] for r in cli]
    assert [r[4] for r in rows] == _stale_words(cli, "en")
    stale = page.text_content("#trk-stale") or ""
    assert stale in _cli_caption(built_store) and stale.startswith("Stale: 7 of 11")
    links = page.eval_on_selector_all("#trk-milestones tbody tr td:last-child a", "as => as.length")
    assert links == len(cli)
    # the heading counts the visit's items apart from the U.S. CHIPS Act context, as the API
    # writes it, and Rapidus' date carries the model's year
    counts = page.text_content("#trk-counts") or ""
    assert "23 items and milestones of the April 2024 visit" in counts and "counted apart" in counts
    # session 21: the heading is one line at the default width (the counts under it); with the
    # counts in it, it ran to three
    lines = page.eval_on_selector(
        "#trk-milestones-title",
        "el => { const r = document.createRange(); r.selectNodeContents(el);"
        " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }",
    )
    assert lines == 1
    dates = [r[1] for r in rows]
    assert "2027 (the model counts volume from 2028)" in dates
    page.select_option("#trk-status", "delayed")
    page.wait_for_function(
        "[...document.querySelectorAll('#trk-milestones tbody tr')].length === "
        + str(len(_cli_rows(built_store, "--only", "delayed")))
    )
    assert "status=delayed" in page.url
    # boot.js fetches the other views' first answers in the background: let them finish, or
    # leaving the page aborts them (a "failed request" that is not the view's)
    page.wait_for_load_state("networkidle")
    page.goto(f"{server}/?lang=ja#tracker")
    page.wait_for_selector("#trk-milestones tbody tr", timeout=30_000)
    badge = page.text_content("#trk-milestones tbody tr .badge")
    assert badge == message(f"tracker_status.{cli[0]['status']}", "ja")
    rows = page.eval_on_selector_all(
        "#trk-milestones tbody tr", "trs => trs.map(tr => tr.cells[4].textContent.trim())"
    )
    assert rows == _stale_words(cli, "ja")
    release = DataRelease.from_meta(load_table(built_store, "meta"))
    view = tracker_view(load_alliance(built_store).alliance_tracker, release=release)
    assert page.text_content("#trk-stale") == tracker_stale_caption(view, release, "ja")
    assert browser_page.errors == []


def test_tracker_as_of_is_its_latest_stated_date(api: AsgiClient) -> None:
    """The tracker's as-of is the latest date its rows state, a source's or a status check's
    (review 3, finding 14: the footer said 2025-12 above a status checked in 2026-01)."""
    body = api.get("/api/tracker").json()
    latest = max(str(d) for r in body["rows"] for d in (r.get("as_of"), r.get("status_as_of")) if d)
    assert body["meta"]["as_of"] == latest
    assert latest >= max(str(r["status_as_of"]) for r in body["rows"] if r.get("status_as_of"))


def test_the_headings_do_not_say_since_the_visit_of_a_list_with_earlier_items(
    built_store: Path,
) -> None:
    """Review 8, finding 11: the list holds items dated before the April 2024 visit (LSTC and
    NSTC 2022-07-29, IBM-Rapidus 2022-12-13, Rapidus' groundbreaking 2023-09-01...), so no heading
    says "since the visit"; each names the earlier steps it built on, in en and ja."""
    cli = _cli_rows(built_store)
    visit = [r for r in cli if r["part"] == "visit"]  # the CHIPS Act context (2022) apart
    earlier = sorted(r["item_id"] for r in visit if str(r["event_date"]) < "2024-04-10")
    assert "lstc-nstc-cooperation" in earlier and "rapidus-iim1-groundbreaking" in earlier
    assert len(earlier) == 6
    static = Path(__file__).parents[2] / "src/chipshock/web/static/i18n"
    for lang, since, earlier_words in (("en", "since", "earlier"), ("ja", "以降", "以前")):
        dashboard = json.loads((static / f"{lang}.json").read_text(encoding="utf-8"))
        for text in (dashboard["trk_milestones"], message("report.tracker_heading", lang)):
            assert since not in text and earlier_words in text, text


def test_the_visit_is_counted_apart_from_the_us_chips_context(
    built_store: Path, api: AsgiClient
) -> None:
    """Review 12, finding 5: Samsung Taylor, Intel Ohio, Micron Idaho and Micron New York (no
    Japanese party) sit under the U.S. CHIPS Act context item, not under the visit; of the
    visit's 23 rows two are delayed (JASM Fab 2; LSTC–NSTC since release 22), of the context's
    5 rows three are. The CLI's
    title, the API's ``parts_text`` (the dashboard's heading) and the report say so alike."""
    cli = _cli_rows(built_store)
    context = [r["item_id"] for r in cli if r["part"] == "context"]
    assert context == [
        "us-chips-act-context",
        "samsung-taylor",
        "micron-idaho-id1",
        "intel-ohio",
        "micron-new-york",
    ]
    delayed = [(r["item_id"], r["part"]) for r in cli if r["status"] == "delayed"]
    assert sorted(delayed) == [
        ("intel-ohio", "context"),
        ("jasm-fab2", "visit"),
        ("lstc-nstc-cooperation", "visit"),  # release 22: Natcast lost its agreement
        ("micron-new-york", "context"),
        ("samsung-taylor", "context"),
    ]
    # the visit's rows naming both countries, by hand: the joint statement, LSTC-NSTC, the
    # two Tenstorrent items, IBM-Rapidus and its chiplet and sub-1nm steps, Micron Hiroshima
    # and Kioxia-Sandisk Kitakami (9)
    both = sorted(r["item_id"] for r in cli if r["part"] == "visit" and r["both"])
    assert len(both) == 9 and "ibm-rapidus-2nm" in both and "jasm-fab2" not in both
    release = DataRelease.from_meta(load_table(built_store, "meta"))
    data = load_alliance(built_store)
    view = tracker_view(data.alliance_tracker, release=release, capacity=data.fab_capacity)
    body = api.get("/api/tracker").json()
    for lang in ("en", "ja"):
        text = tracker_parts_text(view, lang)
        assert body["parts_text"][lang] == text
        assert text in unescape(alliance_report(built_store, lang))
    assert body["parts_text"]["en"].startswith(
        "23 items and milestones of the April 2024 visit, 9 of them involving both the U.S. and "
        "Japan: done 11, under way 8, delayed 2, cancelled 1, announced 1; counted apart, 5 rows "
        "of U.S. CHIPS Act fab projects without a Japanese party"
    )
    args = ["deliverables", "--status", "--db", str(built_store)]
    title = " ".join(CliRunner().invoke(cli_app, args).stdout.split())
    assert " ".join(tracker_parts_text(view, "en").split()) in title


def test_the_tracker_dates_say_when_the_model_counts_volume(
    built_store: Path, api: AsgiClient
) -> None:
    """Review 12, finding 6: where fab_capacity.csv counts a fab's volume from a later year
    than the tracker's date (a capacity row holds from January), the date says so, computed from
    the data: Rapidus mass production 2027 (IIM-1: pilot 2026, volume row 2028), TSMC Arizona
    phase 2 2027 (first row 2028); Micron New York's 2030 matches its first row (2030), so it
    carries no note. Same text in the CLI's table, the API (dashboard) and the report."""
    rows = {r["item_id"]: r for r in api.get("/api/tracker").json()["rows"]}
    assert rows["rapidus-mass-production"]["model_volume_year"] == 2028
    assert rows["tsmc-arizona-p2"]["model_volume_year"] == 2028
    assert rows["micron-new-york"]["model_volume_year"] == 2030
    assert rows["rapidus-pilot-line"]["model_volume_year"] is None  # no fab link
    expected = {
        "rapidus-mass-production": "2027 (the model counts volume from 2028)",
        "tsmc-arizona-p2": "2027 (the model counts volume from 2028)",
        "micron-new-york": "2030",
        "rapidus-pilot-line": "2025-04-01",
    }
    for item, text in expected.items():
        assert rows[item]["event_date_text"] == text
    assert rows["rapidus-mass-production"]["event_date_text_ja"] == (
        "2027（モデルが量産分を数えるのは2028年から）"
    )
    report = unescape(alliance_report(built_store, "en"))
    # Rapidus, TSMC Arizona phase 2, JASM Fab 2 and Micron Idaho ID1 (2H 2027 in its note)
    assert report.count("2027 (the model counts volume from 2028)") == 4
    # and the report's fab table puts the tracker's date beside the model's year: Rapidus (its
    # pilot line counts no saleable wafers since data release 23), TSMC Arizona p2, JASM Fab 2
    assert report.count("2028; the tracker below dates it 2027: a capacity row holds") == 3
    assert "2026 (pilot line" not in report
    # the CLI: its CSV carries the model's year (the table's width depends on the terminal, and
    # in a full test run a narrow one cuts the date cell: clean CI of 29c944d)
    args = ["deliverables", "--status", "--format", "csv", "--db", str(built_store)]
    out = CliRunner().invoke(cli_app, args).stdout
    cli_rows = {r["item_id"]: r for r in csv.DictReader(io.StringIO(out[out.index("item_id") :]))}
    assert cli_rows["rapidus-mass-production"]["event_date"] == "2027"
    assert cli_rows["rapidus-mass-production"]["model_volume_year"] in ("2028", "2028.0")
    data = load_alliance(built_store)
    view = tracker_view(
        data.alliance_tracker,
        release=DataRelease.from_meta(load_table(built_store, "meta")),
        capacity=data.fab_capacity,
    )
    assert tracker_date_texts(view, "en") == [rows[i]["event_date_text"] for i in view["item_id"]]
