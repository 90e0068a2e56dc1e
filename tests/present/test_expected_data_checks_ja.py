"""What the data checks expect, in Japanese: the texts of the registry's own rules
(data/registry_checks.py), the ranges and parameter rows (data/ranges.py), the ETO tables
(data/eto.py), the history observations (data/history.py), the materials' Japanese texts and the
capacity audit's row. `chipshock data validate --lang ja` showed about forty of them in English,
marked（英語）; each now reads in Japanese, its parts (ids, files, columns, numbers, lists) as
written."""

from __future__ import annotations

import pytest

from chipshock.present.expected_text import expected_parts, expected_text_ja
from chipshock.present.messages import message

#: (English expected as a check writes it, its Japanese); one per kind
CASES = [
    (
        "on-hold (the spelling since data release 7)",
        "on-hold（データリリース7からの書き方）",
    ),
    (
        "a lowercase id such as tsmc or skhynix (a-z, 0-9, _)",
        "小文字の ID（例：tsmc、skhynix。使える文字は a-z、0-9、_）",
    ),
    (
        "reported, press, or 'estimate: <how it was estimated>'",
        "reported、press、または `estimate: <推計の方法>`",
    ),
    (
        "a wafer fab (segment logic, foundry-mature or memory)",
        "ウェーハ工場（segment が logic、foundry-mature、memory のいずれか）",
    ),
    (
        (
            "no fab_capacity.csv row above 0 for an on-hold fab (put the planned capacity in "
            "the fab's note), or another status"
        ),
        (
            "on-hold の工場には0を超える fab_capacity.csv "
            "の行を置かない（計画中の生産能力は工場の note に書く）、または別の status"
        ),
    ),
    (
        (
            "a fab_capacity.csv row for jasm-f1 with capacity_wspm 0 in the year it closed "
            "(and its earlier capacity before it), or another status"
        ),
        (
            "jasm-f1 が閉鎖した年に `capacity_wspm` が0の fab_capacity.csv "
            "の行（それより前の生産能力の行も）、または別の status"
        ),
    ),
    (
        "a last row per class with capacity_wspm 0 from the closing year",
        "ノード区分ごとの最後の行として、閉鎖した年から `capacity_wspm` が0の行",
    ),
    (
        "on-hold (construction paused, no capacity counted) or cancelled",
        "on-hold（建設が中断中で、生産能力を数えない）または cancelled",
    ),
    (
        "closed (a fab that operated and shut) or cancelled",
        "closed（稼働した後に閉鎖した工場）または cancelled",
    ),
    (
        (
            "a row for jasm-f1 in or before 2022 (a sourced level, or 'estimate: <how>' with "
            "confidence low), or the production_start_year it really has"
        ),
        (
            "jasm-f1 の2022年以前の行（出典のある値、または confidence を low とした "
            "`estimate: <推計の方法>`）、または実際の `production_start_year`"
        ),
    ),
    (
        "a region_code of regional_capacity.csv: CHN, EUR, JPN",
        "regional_capacity.csv の `region_code`（CHN、EUR、JPN）",
    ),
    (
        "an operator_id of fabs.csv, e.g. intel, tsmc, ...",
        "fabs.csv の `operator_id`（例：intel、tsmc など）",
    ),
    (
        (
            "blank, or operator_ids of fabs.csv or other:<REGION> (a region's remainder: "
            "other:CHN, other:TWN) separated by ';', e.g. intel, tsmc, ..."
        ),
        (
            "空欄、または fabs.csv の `operator_id` か "
            "`other:<REGION>`（地域の残り：other:CHN、other:TWN）"
            "を「;」で区切ったもの（例：intel、tsmc など）"
        ),
    ),
    (
        "2-8 capital letters or digits starting with a letter (EU27, G7)",
        "英大文字で始まる2〜8文字の英大文字か数字（例：EU27、G7）",
    ),
    (
        "a member country other than the group code",
        "グループのコードとは別の加盟国",
    ),
    (
        "ETO ids such as N26; S3",
        "ETO の ID（例：N26; S3）",
    ),
    (
        "';'-separated of lt10, n10_22, n28_45",
        "lt10、n10_22、n28_45 を「;」で区切ったもの",
    ),
    (
        "fab_ids of fabs.csv separated by ';', or blank",
        "fabs.csv の `fab_id` を「;」で区切ったもの、または空欄",
    ),
    (
        "a fab_id of fabs.csv (fab_ids separated by ';', or blank)",
        "fabs.csv の `fab_id`（複数なら「;」で区切る。空欄でもよい）",
    ),
    (
        "stockpile_weeks_low <= stockpile_weeks <= stockpile_weeks_high",
        ("`stockpile_weeks_low <= stockpile_weeks <= stockpile_weeks_high`（左の値が右の値以下）"),
    ),
    (
        (
            "no inventory_buffers.csv row for gallium: give its stock in materials.csv "
            "stockpile_weeks (low, high), with the source and note"
        ),
        (
            "inventory_buffers.csv に gallium の行を置かず、在庫は materials.csv の "
            "`stockpile_weeks`（low、high）に出典と注記を添えて書く"
        ),
    ),
    (
        (
            "one anchor row per category, region and year (row 4, 'SIA/BCG 2024', already "
            "gives 22%); remove one, or rename a reference row's source so that it does not "
            "start with 'SIA/BCG' or end with 'share derived by chipshock'"
        ),
        (
            "区分・地域・年ごとに基準のシェアは1行（4行目の 'SIA/BCG 2024' "
            "がすでに22%としています）。どちらかを消すか、"
            "参考の行の出典名を「SIA/BCG」で始まらず「share derived by "
            "chipshock」で終わらない名前に変える"
        ),
    ),
    (
        "blank: a context item is a top item",
        "空欄（参考行はいちばん上の階層の項目）",
    ),
    (
        "an item of the visit (rows under a context item have no Japanese party)",
        "訪問の約束の項目（参考行の下の行には日本側の当事者を置かない）",
    ),
    (
        "an item_id of this file",
        "このファイルの `item_id`",
    ),
    (
        "status_note and status_note_ja both given, or both blank",
        "`status_note` と `status_note_ja` の両方に記入、または両方とも空欄",
    ),
    (
        "the deliverable_id of another row that is no part itself (the umbrella), or blank",
        "それ自体は内訳でない別の行（包括行）の `deliverable_id`、または空欄",
    ),
    (
        "at least its parts' amounts (d-chips-1, d-chips-2: USD 6,000,000,000 together)",
        "内訳の金額の合計以上（d-chips-1、d-chips-2：合わせて USD 6,000,000,000）",
    ),
    (
        "the fab's name translated into Japanese (kana or kanji)",
        "工場名の日本語訳（かなか漢字で書く）",
    ),
    (
        ("counterpart in Japanese where counterpart is given (blank where it is blank: 'Micron')"),
        "`counterpart` のある行ではその日本語訳、空欄の行では空欄（英語：'Micron'）",
    ),
    (
        "fabs.csv's name in Japanese",
        "fabs.csv の `name` の日本語訳",
    ),
    (
        "medium or low, or a source_url stating the Japanese form",
        "medium か low、または日本語の表記の出典を示す `source_url`",
    ),
    (
        "a source_url, or a note 'assumption: <how>'",
        "`source_url`、または `assumption: <作り方>` と書いた注記",
    ),
    (
        "low, or a source_url",
        "low、または `source_url`",
    ),
    (
        "a region_or_city of fabs.csv, written exactly as there",
        "fabs.csv の `region_or_city`（そこに書かれたとおりの表記）",
    ),
    (
        "a row for this place in place_names_ja.csv",
        "place_names_ja.csv にこの地名の行",
    ),
    (
        "a row for this fab in fab_names_ja.csv (name_ja, source or assumption:)",
        "fab_names_ja.csv にこの工場の行（`name_ja` と、出典または `assumption:`）",
    ),
    (
        "a row for rapidus in operator_names.csv (name, name_ja)",
        "operator_names.csv に rapidus の行（name、name_ja）",
    ),
    (
        "no name_ja column: a row per fab in fab_names_ja.csv",
        "`name_ja` の列は置かず、工場ごとに fab_names_ja.csv に1行",
    ),
    (
        "JPN",
        "JPN（日本）",
    ),
    (
        "JPN or KOR or USA",
        "JPN（日本）、KOR（韓国）、USA（米国）のいずれか",
    ),
    (
        "a value between 0 and 1 (parameter value_added_ratio_chips)",
        "0 以上 1 以下の値（パラメータ value_added_ratio_chips）",
    ),
    (
        "a value between 0 and 520 (unit 'weeks')",
        "0 以上 520 以下の値（単位 'weeks'）",
    ),
    (
        "an http(s) URL such as https://example.org/page; several separated by '; '",
        "http(s) の URL（例：https://example.org/page）。複数なら「; 」で区切る",
    ),
    (
        (
            "a row utilisation_lt10 (value 0 < u <= 1, unit fraction, a source) for every node "
            "class of wafer_value.csv"
        ),
        (
            "wafer_value.csv のノード区分ごとに行 utilisation_lt10（値は0より大きく1以下、unit "
            "は fraction、出典つき）"
        ),
    ),
    (
        (
            "0 < value <= 1 (parameter utilisation_lt10: the share of the class's capacity "
            "that normal demand uses)"
        ),
        (
            "0より大きく1以下（パラメータ utilisation_lt10：通常の需要が使う、"
            "そのノード区分の生産能力の割合）"
        ),
    ),
    (
        (
            "0 < utilisation <= 1 (the share of the class's capacity that normal demand uses "
            "in that year)"
        ),
        ("0より大きく1以下の稼働率（その年に通常の需要が使う、そのノード区分の生産能力の割合）"),
    ),
    (
        "a level > 0 USD bn (the path interpolates geometrically)",
        "0より大きい水準（10億ドル単位。推移は幾何平均で補間する）",
    ),
    (
        "exactly one of goes_into_id or is_type_of_id filled",
        "`goes_into_id` と `is_type_of_id` のどちらか一方だけに記入",
    ),
    (
        "a directed acyclic graph (no input may feed itself)",
        "循環のない有向グラフ（どの投入物も自分自身に戻らない）",
    ),
    (
        "a unique id, or a pure alias row repeating row 12 (Intel/firm/USA)",
        "重複しない ID、または12行目をそのまま繰り返す別名の行（Intel/firm/USA）",
    ),
    (
        "<= observed (12.5)",
        "観測値（12.5）以下",
    ),
    (
        ">= observed (12.5)",
        "観測値（12.5）以上",
    ),
    (
        (
            "materials.csv's substitutes in Japanese where it is given (blank where it is "
            "blank: 'none')"
        ),
        (
            "materials.csv の `substitutes` のある行ではその日本語訳、"
            "空欄の行では空欄（英語：'none'）"
        ),
    ),
    (
        "a row 'capacity_audit_max_age_years,<years>,years,<source>,...'",
        "`capacity_audit_max_age_years,<years>,years,<source>,...` の形の行",
    ),
]


@pytest.mark.parametrize(("english", "japanese"), CASES)
def test_each_data_check_expectation_reads_in_japanese(english: str, japanese: str) -> None:
    """The Japanese of each kind, from its parts; its English wording gives the text back."""
    assert expected_text_ja(english) == japanese
    parts = expected_parts(english)
    assert parts is not None
    assert message(f"api_expected.{parts[0]}", "en", **parts[1]) == english


def test_one_case_per_kind() -> None:
    """Every case is a kind of its own (none is read by a kind meant for another text)."""
    kinds = [expected_parts(english) for english, _ in CASES]
    assert None not in kinds
    names = [k[0] for k in kinds if k is not None]
    assert len(set(names)) == len(CASES)


def test_a_note_in_brackets_is_not_read_as_choices() -> None:
    """A fab id cell that takes several (partnerships.csv): its bracketed note is no list of
    choices (column_of_file_choices would give it in English inside Japanese brackets)."""
    english = "a fab_id of fabs.csv (fab_ids separated by ';', or blank)"
    assert expected_parts(english) == ("fab_id_separated", {"file": "fabs.csv"})


def test_a_place_in_three_countries_reads_in_japanese() -> None:
    """A place with fabs in three countries is written "A or B or C" (`_check_place_names`):
    in Japanese each code keeps its form and gains its Japanese name, as one or two codes do;
    it was left in English, marked（英語）."""
    assert (
        expected_text_ja("JPN or TWN or USA") == "JPN（日本）、TWN（台湾）、USA（米国）のいずれか"
    )
    assert expected_text_ja("JPN or TWN") == "JPN（日本）、TWN（台湾）のいずれか"
    assert expected_text_ja("JPN") == "JPN（日本）"
    assert expected_parts("JPN or TWN or USA") == ("country_codes", {"codes": "JPN or TWN or USA"})
    assert message("api_expected.country_codes", "en", codes="JPN or TWN or USA") == (
        "JPN or TWN or USA"
    )


def test_two_words_joined_by_or_stay_words() -> None:
    """Two values that are no country codes still read 「A または B」."""
    assert expected_text_ja("on-hold or cancelled") == "on-hold または cancelled"


@pytest.mark.parametrize(
    ("what", "japanese"),
    [
        ("the title", "項目名"),
        ("the status note", "状況の注記"),
        ("the place name", "地名"),
        ("the fab's name", "工場名"),
        ("the operator", "事業者"),
        ("the operator's name", "事業者名"),
        ("the summary", "内容"),
        ("the technology", "技術"),
        ("the parties", "当事者"),
        ("the location", "場所"),
        ("the actor", "主体"),
        ("the counterpart", "相手"),
        ("materials.csv's text", "materials.csv の文章"),
    ],
)
def test_a_text_not_in_japanese_names_what_to_translate(what: str, japanese: str) -> None:
    """Each text the registry wants in kana or kanji is named in Japanese words."""
    english = f"{what} translated into Japanese (kana or kanji)"
    assert expected_text_ja(english) == f"{japanese}の日本語訳（かなか漢字で書く）"
    parts = expected_parts(english)
    assert parts is not None and message(f"api_expected.{parts[0]}", "en") == english
