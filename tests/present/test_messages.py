"""The en/ja message catalogue: same keys and placeholders in both languages, terms fixed once."""

from __future__ import annotations

import json
import re
import string

import pytest

from chipshock.errors import InputError, UnknownIdError
from chipshock.present.messages import catalogue, catalogue_path, count_message, message
from chipshock.present.summary import ALLIANCE_SIDES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    """A key missing in one language, or a placeholder spelt differently, fails here."""
    en, ja = catalogue("en"), catalogue("ja")
    assert set(en) == set(ja)
    for key in en:
        assert _fields(en[key]) == _fields(ja[key]), key
        assert ja[key].strip(), key


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_key_is_written_twice(lang: str) -> None:
    """A key twice in a catalogue file is a merge's leftover: JSON keeps the last, so the first
    one's placeholders fail where it is used (cli.eto_source had {release} and {source})."""
    pairs = json.loads(
        catalogue_path(lang).read_text(encoding="utf-8"), object_pairs_hook=lambda kv: kv
    )
    keys = [k for k, _ in pairs]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


def test_catalogue_files_are_the_data_the_accessor_reads() -> None:
    """The JSON files shipped in the package are what `message` returns (the dashboard's copy)."""
    data = json.loads(catalogue_path("ja").read_text(encoding="utf-8"))
    assert data["term.alliance_fabs"] == message("term.alliance_fabs", "ja") == "日米連携の新工場"


def test_one_japanese_word_for_alliance_fabs() -> None:
    """Every Japanese message naming the alliance fabs uses the one term."""
    term = message("term.alliance_fabs", "ja")
    ja = catalogue("ja")
    assert all(term in side for side in ALLIANCE_SIDES["ja"])
    for key, text in ja.items():
        for named in re.findall(r"日米.{0,6}工場", text):
            assert named == term or named.startswith("日米の協力と補助金"), (key, named)


def test_unknown_key_and_language_are_clear_errors() -> None:
    """A missing key names the key; an unknown language names the choices."""
    with pytest.raises(UnknownIdError, match="no-such-key"):
        message("no-such-key")
    with pytest.raises(InputError, match="en or ja"):
        message("caveat", "fr")


def test_placeholders_are_filled() -> None:
    """Fields given by name fill the placeholders."""
    assert message("report.card_weeks_v", "en", value="3.5") == "3.5 weeks of normal output"


@pytest.mark.parametrize(
    ("n", "en", "ja"),
    [
        (1, "the 1 semiconductor deliverable counted here carries no amount", "成果1件には"),
        (2, "the 2 semiconductor deliverables counted here carry no amount", "成果2件には"),
        (1234, "the 1,234 semiconductor deliverables counted here carry", "成果1,234件には"),
    ],
)
def test_a_count_chooses_singular_or_plural(n: int, en: str, ja: str) -> None:
    """uxr2, finding 16: a count of 1 takes the ``_one`` form, any other count the plural."""
    assert count_message("report.alliance_chips_counted", n, "en").startswith(en)
    assert ja in count_message("report.alliance_chips_counted", n, "ja")
    assert count_message("count.context_row", n, "en") == (
        "1 context row" if n == 1 else f"{n:,} context rows"
    )


def test_no_count_text_writes_a_bracketed_plural() -> None:
    """uxr2, finding 16: the alliance texts say "deliverables" or "deliverable", never "(s)"."""
    keys = [k for k in catalogue("en") if k.startswith(("report.alliance", "count."))]
    assert keys and not [k for k in keys if "(s)" in catalogue("en")[k]]


def _curated_country_codes() -> set[str]:
    """Every country code a curated file names (group members, fab sites, suppliers)."""
    import csv
    from importlib import resources

    cols = {"country", "country_code", "hq_country", "member_country"}
    folder = resources.files("chipshock.data") / "files" / "curated"
    codes: set[str] = set()
    for f in folder.iterdir():
        if not f.name.endswith(".csv"):
            continue
        with f.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                codes |= {row[c] for c in cols & set(row) if row[c]}
    return codes


def test_every_country_in_the_data_has_a_name_in_both_languages() -> None:
    """A code the data names (EU members in a coalition briefing, a mining country in a
    materials table) is shown by its name, never as a bare code: CZE and LUX were (session 16)."""
    codes = _curated_country_codes()
    assert {"CZE", "LUX", "AUS", "TWN"} <= codes
    for lang in ("en", "ja"):
        missing = sorted(c for c in codes if f"country.{c}" not in catalogue(lang))
        assert not missing, (lang, missing)
    assert (
        message("country.CZE", "en") == "Czechia"
        and message("country.LUX", "ja") == "ルクセンブルク"
    )


def test_japanese_says_renkei_for_the_coalition() -> None:
    """The alliance of countries is 連携 in every Japanese text, the dashboard's word (連携国の
    シェア); 連合 stands only in a proper noun such as 欧州連合."""
    from importlib import resources

    for package, path in (
        ("chipshock.present", "messages/ja.json"),
        ("chipshock.web", "static/i18n/ja.json"),
    ):
        texts = json.loads((resources.files(package) / path).read_text(encoding="utf-8"))
        found = {k: v for k, v in texts.items() if "連合" in str(v).replace("欧州連合", "")}
        assert found == {}, path
    assert message("coalition.scope", "ja").startswith("連携国の値は")
