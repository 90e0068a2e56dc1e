"""One Japanese word for one English term (session 33): the Japanese text had said 参考行 in the
tracker's tables but 背景の項目 in its problems, and named a fab's operator 事業者, 運営者,
運営企業 or 運営会社 by surface; it counted the simulated futures as {runs}回の試行,
{runs}通りの未来 or シミュレーション{runs}通り. Each term below keeps one word; its other words
must not come back in the catalogues, the Japanese written in the code, the built-in scenarios
or the docs."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import pytest

from chipshock.present.messages import message

PACKAGE = Path(str(resources.files("chipshock")))
DOCS = Path(__file__).resolve().parents[2] / "docs"

#: English term -> (the Japanese word kept, the words it replaced)
TERMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "context row (is_context; a tracker item of kind context)": ("参考行", ("背景の項目",)),
    "umbrella row (is_umbrella; part_of names it)": ("包括行", ("まとめの行",)),
    "operator (of a fab: operator_id, the fab list, sourcing)": (
        "事業者",
        ("運営者", "運営企業", "運営会社"),
    ),
    "confidence (low / medium / high)": ("確度", ("信頼度", "確からしさ")),
    "raw material (materials.csv)": ("原材料", ("素材",)),
    "covered (an input a coalition holds the threshold of)": (
        "カバー",
        ("押さえ", "被覆", "まかなえ"),
    ),
    "input (an ETO input)": ("投入物", ("その入力",)),
    "provider (ETO provider_id)": ("供給者", ("供給元", "提供者")),
    "partnership (partnerships.csv)": ("提携", ("パートナーシップ",)),
    "chip class": ("半導体区分", ("チップ区分",)),
    "worst week": ("最も厳しい週", ("最悪の週",)),
    "simulated future (and a count of them: runs)": (
        "シミュレーションした未来",
        (
            "模擬の未来",
            "回の試行",
            "通りの未来",
            "通りのシミュレーション",
            "シミュレーション{",
            "シミュレーション回数",
            "試行回数",
            "試行数",
            "}回",
        ),
    ),
    "wafer": ("ウェーハ", ("ウエハ", "ウェハ")),
    "node class": ("ノード区分", ("ノードクラス",)),
    "utilisation": ("稼働率", ("利用率",)),
}

#: a header whose English is exactly the term reads exactly the word kept
HEADERS = {
    "operator": "事業者",
    "operator id": "事業者ID",
    "confidence": "確度",
    "is context": "参考行",
    "is umbrella": "包括行",
    "input": "投入物",
    "node class": "ノード区分",
}


@cache
def _catalogues() -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """The English and Japanese catalogues of the report/CLI/API and of the dashboard."""
    out = {}
    for name, folder in (
        ("present", PACKAGE / "present" / "messages"),
        ("web", PACKAGE / "web" / "static" / "i18n"),
    ):
        en, ja = (json.loads((folder / f"{lang}.json").read_text("utf-8")) for lang in ("en", "ja"))
        out[name] = (en, ja)
    return out


def _texts() -> list[Path]:
    """Every file that holds Japanese a user reads: catalogues, code, scenarios, docs (not
    the data release, whose rows quote their sources)."""
    files = [
        p
        for pattern in ("*.json", "*.py", "*.js", "*.html", "*.toml")
        for p in PACKAGE.rglob(pattern)
        if "files" not in p.relative_to(PACKAGE).parts
    ]
    return sorted(files + list(DOCS.glob("*.md")))


@pytest.mark.parametrize("term", list(TERMS))
def test_one_japanese_word_per_term(term: str) -> None:
    """No file gives the term a word other than the one kept."""
    kept, banned = TERMS[term]
    found = [
        f"{path.relative_to(PACKAGE.parent)}: {word}"
        for path in _texts()
        for word in banned
        if word in path.read_text("utf-8")
    ]
    assert found == [], f"{term} is 「{kept}」"


@pytest.mark.parametrize("term", list(TERMS))
def test_the_word_kept_is_in_use(term: str) -> None:
    """Each word kept is a word of the Japanese catalogues (the table names words in use)."""
    kept, _ = TERMS[term]
    assert any(kept in text for _, ja in _catalogues().values() for text in ja.values())


def test_a_header_of_the_term_reads_the_word_kept() -> None:
    """A column or label whose English is the term alone is the word kept, on every surface."""
    seen = set()
    for name, (en, ja) in _catalogues().items():
        for key, english in en.items():
            word = HEADERS.get(english.strip().lower())
            if word is not None:
                seen.add(english.strip().lower())
                assert ja[key] == word, (name, key, ja[key])
    assert seen == set(HEADERS)


def test_the_trackers_problems_use_the_tables_words() -> None:
    """The data checks' problems of the tracker and deliverables name their rows as the tables
    do: a context item 参考行, an umbrella 包括行."""
    assert message("cli.alliance_col_is_context", "ja") == "参考行"
    assert message("cli.alliance_col_is_umbrella", "ja") == "包括行"
    assert message("api_problem.detail.context_under_context", "ja").startswith("参考行が")
    assert message("api_problem.detail.japan_under_context", "ja").startswith("参考行の下")
    assert message("api_problem.detail.umbrella_smaller", "ja").startswith("包括行が")
    assert message("api_problem.detail.not_an_umbrella_row", "ja").startswith("包括行に")


def test_a_count_of_simulated_futures_reads_the_same_in_japanese() -> None:
    """Where the English counts simulated futures (``{runs} simulated futures``), the Japanese
    counts them as シミュレーションした未来 and the same placeholder with 通り, on every surface."""
    seen = 0
    for name, (en, ja) in _catalogues().items():
        for key, english in en.items():
            for count in re.findall(r"(\{\w+\}) simulated futures?\b", english):
                seen += 1
                assert "シミュレーションした未来" in ja[key] and f"{count}通り" in ja[key], (
                    name,
                    key,
                    ja[key],
                )
    assert seen >= 20


#: capacity (of a fab or a region: fab_capacity.csv, regional_capacity.csv) is 生産能力 (the
#: catalogues' word); 能力 alone (「能力の行」「空き能力」) is not
BARE_CAPACITY = re.compile(r"(?<!生産)能力")


def _strings(value: object) -> Iterator[str]:
    """Every string of a parsed TOML value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_built_in_scenarios_use_the_words_kept() -> None:
    """Session 33: the scenarios' Japanese descriptions, as the TOML parses them (a word the
    raw file splits over a continued line is whole there), use the kept words, and say 生産能力
    for capacity (taiwan-blockade-2027-6m-no-alliance-fabs said 「能力の行」)."""
    files = sorted((PACKAGE / "scenarios").rglob("*.toml"))
    assert len(files) >= 9
    banned = [word for _, words in TERMS.values() for word in words]
    found = [
        f"{path.name}: {text[max(0, i - 10) : i + 12]}"
        for path in files
        for text in _strings(tomllib.loads(path.read_text("utf-8")))
        for i in [m.start() for m in BARE_CAPACITY.finditer(text)]
        + [text.index(word) for word in banned if word in text]
    ]
    assert found == []


#: where ％ may still be written in present/report/cli code: rules that read Japanese text
#: (the kinsoku set of wrap_label, the number atoms of wrap_japanese), not text a user reads;
PERCENT_READERS = {
    "chart_text.py": "_NO_LINE_START = ",
    "japanese_atoms.py": "(?:%|％|",
}


def _japanese_of_scenarios() -> Iterator[tuple[str, str]]:
    """(file name, string) for every string of the built-in scenarios, as the TOML parses them."""
    for path in sorted((PACKAGE / "scenarios").rglob("*.toml")):
        for text in _strings(tomllib.loads(path.read_text("utf-8"))):
            yield path.name, text


def test_japanese_writes_the_half_width_percent_sign() -> None:
    """Session 33: Japanese wrote 「58%」 in 68 catalogue entries but 「（通常比％）」 in 26
    (KPI names, report charts, the Sobol axis, the sourcing title), the dashboard's, and the
    scenarios' descriptions. The half-width % is kept: no full-width ％ in the catalogues, the
    scenario descriptions, or the Japanese written in present/, report/, cli/ and sim/ (the
    demand paths' 「年8%増」, session 34)."""
    found = [
        f"{name}:{key}"
        for name, (_, ja) in _catalogues().items()
        for key, text in ja.items()
        if "％" in text
    ]
    found += [f"{name}: {text[:30]}" for name, text in _japanese_of_scenarios() if "％" in text]
    for folder in ("present", "report", "cli", "sim"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            marker = PERCENT_READERS.get(path.name)
            found += [
                f"{path.relative_to(PACKAGE)}:{n}"
                for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if "％" in line and (marker is None or marker not in line)
            ]
    assert found == []
    assert any("%" in text for _, ja in _catalogues().values() for text in ja.values())


#: the simulated futures without a count (the family of シミュレーションした未来): one wording
#: per idea, after 「シミュレーションした未来{n}通り」. Each future: 未来ごと; the middle one:
#: 中央値の未来; the 90% range: 9割の未来 (not 試行ごと, 各試行, 中央値の試行, 9割の試行,
#: 試行のp50, 試行間, 9割のケース, 9割のシミュレーション, 試行の90%)
FUTURES_FAMILY: dict[str, tuple[str, tuple[str, ...]]] = {
    "per simulated future (a difference, a mean taken in each)": (
        "未来ごと",
        ("試行ごと", "各試行"),
    ),
    "the median simulated future": ("中央値の未来", ("中央値の試行",)),
    "90% of simulated futures (p5 to p95)": (
        "9割の未来",
        ("9割のケース", "9割のシミュレーション", "9割の試行", "試行の90%", "試行の9割"),
    ),
    "across simulated futures": ("シミュレーションした未来の間", ("試行間",)),
    "a simulated future, in a sentence": (
        "未来",
        ("試行のp50", "の試行", "試行で", "試行の"),
    ),
}


def _japanese_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for the Japanese catalogues' entries, the built-in scenarios' strings and
    the code of present/, report/ and cli/ (the glossary keeps 試行 to name the Monte Carlo
    trial the term stands for)."""
    for name, (_, ja) in _catalogues().items():
        for key, text in ja.items():
            if not key.startswith("glossary.futures."):
                yield f"{name}:{key}", text
    yield from _japanese_of_scenarios()
    for folder in ("present", "report", "cli", "sim"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            yield str(path.relative_to(PACKAGE)), path.read_text("utf-8")


@pytest.mark.parametrize("idea", list(FUTURES_FAMILY))
def test_the_simulated_futures_family_keeps_one_wording(idea: str) -> None:
    """Session 33: with the count unified, the same futures without a count still read 試行ごと,
    中央値の試行, 9割のケース or 9割のシミュレーション by surface; each idea has one wording."""
    kept, banned = FUTURES_FAMILY[idea]
    found = [
        f"{where}: {word}" for where, text in _japanese_texts() for word in banned if word in text
    ]
    assert found == [], f"{idea} is 「{kept}」"
    assert any(kept in text for where, text in _japanese_texts() if ":" in where)


def test_the_90_percent_range_reads_the_same_in_each_place() -> None:
    """The glossary's range, the summary, the report's cards and the CLI's captions say
    9割の未来, as the catalogue's term does."""
    assert message("term.range90", "ja") == "9割の未来が収まる範囲"
    assert "9割の未来" in message("report.card_loss_band", "ja")
    assert "9割の未来" in message("glossary.p5_p95.meaning", "ja")
    assert "中央値の未来、p5〜p95＝9割の未来" in message("cli.util_caption", "ja", year=2027)
