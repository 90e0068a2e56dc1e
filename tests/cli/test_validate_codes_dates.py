"""`chipshock data validate` refuses a country code the release does not know and a date that
does not exist (session 33: a fabs.csv row with country JPNX and as_of 2025-13 gave "no
problems found"), naming the closest known code, in English and in Japanese."""

from __future__ import annotations

import csv
import io
import shutil
from importlib import resources
from pathlib import Path

import pytest

from chipshock.data.curated import load_curated
from chipshock.data.history import read_history_observations, read_published_estimates
from chipshock.errors import Problem, ValidationFailed
from chipshock.present.error_text import problem_part, problem_text_ja
from chipshock.present.expected_text import expected_text_ja
from chipshock.present.messages import message

from .terminal import chipshock_at

CURATED = Path(str(resources.files("chipshock") / "data" / "files" / "curated"))
WHERE = "all 59 are the country.<CODE> keys of chipshock/present/messages/en.json"
WHERE_JA = "全59件は chipshock/present/messages/en.json の country.<CODE> のキーにあります"

#: (file, row index, column, bad value)
EDITS = (
    ("fabs.csv", 0, "country", "JPNX"),
    ("fabs.csv", 0, "as_of", "2025-13"),
    ("partnerships.csv", 0, "parties_countries", "USA; Japan"),
    ("partnerships.csv", 1, "start_date", "2025-02-29"),
    ("partnerships.csv", 2, "usd_rate_as_of", "soon"),
    ("alliance_tracker.csv", 0, "event_date", "2024-00"),
    ("alliance_tracker.csv", 1, "countries", "QQQQ"),
    ("country_groups.csv", 0, "country_code", "AUTT"),
    ("country_groups.csv", 1, "group_code", "G7"),
    ("country_groups.csv", 1, "country_code", "G7"),
    ("history_observations.csv", 0, "as_of", "2025-13"),
    ("published_estimates.csv", 0, "as_of", "2025-13"),
)


def _edit(folder: Path, name: str, row: int, column: str, value: str) -> None:
    path = folder / name
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    rows[row + 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped curated folder with each edit of `EDITS`."""
    folder = tmp_path_factory.mktemp("codes-dates")
    shutil.copytree(CURATED, folder, dirs_exist_ok=True)
    for name, row, column, value in EDITS:
        _edit(folder, name, row, column, value)
    return folder


@pytest.fixture(scope="module")
def problems(broken: Path) -> dict[tuple[str, str], Problem]:
    found = load_curated(broken).problems
    return {(Path(p.file or "").name, p.value or ""): p for p in found if p.severity == "error"}


def _japanese(p: Problem) -> tuple[str, str]:
    """The problem and expected cells of `data validate --lang ja` (`problem_cells_ja`)."""
    import dataclasses

    what = problem_text_ja(dataclasses.replace(problem_part(Problem(p.message)), field=None))
    return what, expected_text_ja(p.expected) or ""


def test_the_shipped_data_has_no_unknown_code_or_date() -> None:
    """Every country code and date of the shipped release passes (ROW, EUR, AMR, SEA, EMEA and
    usd_rate_as_of's 'mixed' included)."""
    assert [p for p in load_curated(CURATED).problems if p.severity == "error"] == []


def test_an_unknown_code_names_the_closest_known_one(
    problems: dict[tuple[str, str], Problem],
) -> None:
    """JPNX and a country's name (Japan) are refused with JPN and where the codes are listed;
    a code with nothing close with examples instead."""
    for name, value in (("fabs.csv", "JPNX"), ("partnerships.csv", "Japan")):
        p = problems[(name, value)]
        assert p.message == "unknown country code"
        assert p.expected == f"JPN, the closest known code; {WHERE}"
        assert _japanese(p) == (
            "登録されていない国コードです",
            f"最も近い登録済みのコードは JPN（日本）。{WHERE_JA}",
        )
    p = problems[("alliance_tracker.csv", "QQQQ")]
    assert p.column == "countries"
    assert p.expected == f"a known code such as JPN, TWN or ROW; {WHERE}"
    assert _japanese(p)[1].startswith("登録済みのコード（例：JPN（日本）、")


def test_a_date_must_exist_at_its_precision(problems: dict[tuple[str, str], Problem]) -> None:
    """Month 13 and 00, 29 February 2025 and a word in usd_rate_as_of are refused, each
    saying what a valid one is, in English and in Japanese."""
    cases = {
        ("fabs.csv", "2025-13"): (
            "no such month", "a month from 01 to 12", "存在しない月です", "01〜12の月",
        ),
        ("alliance_tracker.csv", "2024-00"): (
            "no such month", "a month from 01 to 12", "存在しない月です", "01〜12の月",
        ),
        ("partnerships.csv", "2025-02-29"): (
            "no such day", "a day from 01 to 28 (the days of 2025-02)",
            "その月にない日です", "01〜28の日（2025-02は28日まで）",
        ),
        ("partnerships.csv", "soon"): (
            "not a date", "YYYY, YYYY-MM or YYYY-MM-DD, or mixed",
            "日付として読めません", "YYYY、YYYY-MM、YYYY-MM-DD のいずれかの形の日付、または mixed",
        ),
    }  # fmt: skip
    for key, (english, expected, japanese, expected_ja) in cases.items():
        p = problems[key]
        assert (p.message, p.expected) == (english, expected), key
        assert _japanese(p) == (japanese, expected_ja), key


def test_the_command_refuses_the_copy_in_both_languages(broken: Path) -> None:
    """Exit 2 with every edit listed; in Japanese no generic word and no English left."""
    english = chipshock_at(250, "data", "validate", str(broken), "-f", "csv", check=False)
    rows = list(csv.DictReader(io.StringIO(english)))
    assert {r["value"] for r in rows} >= {v for *_, v in EDITS} - {"USA; Japan"} | {"Japan"}
    japanese = chipshock_at(250, "data", "validate", str(broken), "--lang", "ja", check=False)
    assert "登録されていない国コードです" in japanese and "存在しない月です" in japanese
    assert message("api_problem.invalid", "ja") not in japanese
    assert "（英語）" not in japanese and "no such" not in japanese


def test_a_bad_group_member_is_one_problem(broken: Path) -> None:
    """A member of country_groups.csv the release does not know is refused once, naming the
    closest known code (the registry's own ISO-3 check said it again, "not a country code");
    a group listed as its own member that is no known code (G7 in G7) is that one problem too."""
    cells: dict[int, list[Problem]] = {}
    for p in load_curated(broken).problems:
        if Path(p.file or "").name == "country_groups.csv" and p.column == "country_code":
            cells.setdefault(p.row or 0, []).append(p)
    assert sorted(cells) == [2, 3], cells
    first, second = cells[2], cells[3]
    assert [(p.message, p.value) for p in first] == [("unknown country code", "AUTT")]
    assert first[0].expected == f"AUT, the closest known code; {WHERE}"
    assert _japanese(first[0]) == (
        "登録されていない国コードです",
        f"最も近い登録済みのコードは AUT（オーストリア）。{WHERE_JA}",
    )
    assert [(p.message, p.value) for p in second] == [("unknown country code", "G7")]


def test_the_files_with_readers_of_their_own_have_real_dates_too(broken: Path) -> None:
    """history_observations.csv and published_estimates.csv are read by readers of their own,
    which `data validate` did not run: an as_of of 2025-13 in each passed. Now the command
    lists both, in both languages, and each reader refuses its file."""
    english = chipshock_at(250, "data", "validate", str(broken), "-f", "csv", check=False)
    dated = {
        (Path(r["file"]).name, r["row"], r["column"], r["problem"], r["expected"])
        for r in csv.DictReader(io.StringIO(english))
        if r["value"] == "2025-13"
    }
    assert dated == {
        (name, "2", "as_of", "no such month", "a month from 01 to 12")
        for name in ("fabs.csv", "history_observations.csv", "published_estimates.csv")
    }
    japanese = chipshock_at(250, "data", "validate", str(broken), "--lang", "ja", check=False)
    for name in ("history_observations.csv", "published_estimates.csv"):
        assert name in japanese
    for read, name in (
        (read_history_observations, "history_observations.csv"),
        (read_published_estimates, "published_estimates.csv"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            read(broken / name)
        assert [(p.column, p.message, p.value) for p in refused.value.problems] == [
            ("as_of", "no such month", "2025-13")
        ]
