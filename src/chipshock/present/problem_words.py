"""What is wrong, in Japanese, for the problems the data checks name (`chipshock data validate`,
a store build): the English message read as a kind and its parts, each kind worded in the
message catalogue (``api_problem.detail.<kind>``).

`chipshock.present.error_text` reads the broad kind of a problem from its English message
(``invalid``, ``missing``, ...), the ``code`` an API body gives. Most data checks fell under
``invalid``, so `data validate --lang ja` said only 「値が正しくありません」 of a bad number, a
bad date, an unexpected value or a share sum off, and 「値がありません」 of a missing column
(session 32). The kinds here say what the English says; the parts (a column, a market, a
count) are kept as written. The API's ``code`` is unchanged.

>>> problem_words_ja("not a date")
'日付として読めません'
>>> problem_words_ja("shares of market ai_datacenter, class lt10 add up to more than 100")
'市場 ai_datacenter、区分 lt10 のシェアの合計が100を超えています'
>>> problem_words_ja("a widget is blue") is None
True
"""

from __future__ import annotations

import re

from chipshock.present.messages import message

__all__ = ["PROBLEM_DETAILS", "problem_detail", "problem_words_ja"]

_ID = r"[^\s,()]+"

#: the data checks' English messages (first match wins), each a kind with its parts; every
#: kind has ``api_problem.detail.<kind>`` in both catalogues (the English gives back the text)
_DETAILS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        # cells (data/csvio.py, data/curated.py, data/dates.py)
        ("not_a_number", r"^not a number$"),
        ("not_a_date", r"^not a date$"),
        ("unexpected_value", r"^unexpected value$"),
        ("blank_cell", r"^blank cell$"),
        ("unknown_country_code", r"^unknown country code$"),
        ("no_such_month", r"^no such month$"),
        ("no_such_day", r"^no such day$"),
        ("not_a_web_address", r"^not a web address$"),
        ("duplicated_id", r"^duplicated id$"),
        ("duplicated_input_id", r"^duplicated input id$"),
        ("duplicated_observation", r"^duplicated observation$"),
        # files and headers
        (
            "missing_column_renamed",
            r"^missing column \(is '(?P<close>[^']+)' a renamed '(?P<column>[^']+)'\?\)$",
        ),
        ("missing_column", r"^missing column$"),
        ("record_fields", r"^record has (?P<n>\d+) fields$"),
        ("not_a_folder", r"^not a folder$"),
        ("file_not_found", r"^file not found$"),
        # a scenario file or id that names nothing (scenarios/parser.py), any hint after it
        ("scenario_file_not_found", r"^scenario file not found(?=;|$)"),
        ("no_such_scenario", r"^no such scenario file or built-in scenario(?=;|$)"),
        ("cannot_read_scenario_file", r"^cannot read scenario file: (?P<reason>.+)$"),
        ("not_utf8_text", r"^not UTF-8 text$"),
        ("empty_scenario_file", r"^empty scenario file$"),
        ("invalid_toml", r"^invalid TOML: (?P<reason>.+)$"),
        # a scenario file's fields (scenarios/_events.py, _distributions.py; the fab overrides'
        # data check, sim/network/overrides.py)
        ("shock_outside_horizon", r"^shock starts outside the scenario horizon$"),
        ("high_below_low", r"^high is below low$"),
        ("same_fab_class_twice", rf"^the same fab and class (?P<node>{_ID}) twice$"),
        ("same_fab_twice", r"^the same fab twice$"),
        (
            "same_shock_twice",
            r"^the same shock as (?P<first>shock\[\d+\]) \(every key alike\): a shock written "
            r"twice counts twice$",
        ),
        ("file_is_empty", r"^file is empty$"),
        ("no_data_rows", r"^no data rows$"),
        ("not_utf8", r"^not valid UTF-8 at byte (?P<byte>\d+)$"),
        ("malformed_csv", r"^malformed CSV: (?P<reason>.+)$"),
        # sums and ranges (data/registry_checks.py, data/ranges.py, data/history.py)
        (
            "shares_over_100",
            rf"^shares of market (?P<market>{_ID}), class (?P<node>{_ID}) add up to more than "
            r"100$",
        ),
        (
            "shares_not_100",
            rf"^shares of (?P<material>{_ID}) \((?P<stage>[^()]*)\) do not add up to 100$",
        ),
        ("stockpile_bounds", r"^stockpile bounds out of order$"),
        ("range_misses_observed", r"^range does not contain the observed value$"),
        ("above", rf"^(?P<first>{_ID}) is above (?P<second>{_ID})$"),
        ("demand_not_above_zero", r"^demand level not above zero$"),
        ("too_large", r"^value too large to be meant$"),
        ("no_utilisation_row", rf"^no utilisation row for node class (?P<node>{_ID})$"),
        ("market_not_listed", r"^market not in end_markets\.csv$"),
        # the registry's own rules (data/registry_checks.py)
        ("estimate_low", r"^an estimate must be labelled low confidence$"),
        ("packaging_no_wafers", r"^packaging fab has no wafer capacity$"),
        ("unexpected_method", r"^unexpected method$"),
        ("unexpected_wafer_size", r"^unexpected wafer size$"),
        ("not_an_operator_id", r"^not an operator id$"),
        ("not_a_group_code", r"^not a group code$"),
        ("not_an_input_id", r"^not an input id$"),
        ("not_an_umbrella_row", r"^not an umbrella row$"),
        ("not_a_fab", r"^not a fab of fabs\.csv$"),
        ("not_a_place", r"^not a place of fabs\.csv$"),
        (  # the place as Python quotes it: 'Chitose, Hokkaido', "Xi'an, Shaanxi"
            "not_the_fabs_country",
            r"^not the country of the fabs at (?P<place>(['\"]).+\2)$",
        ),
        ("not_japanese", r"^not Japanese$"),
        ("fab_named_twice", r"^fab named twice$"),
        ("no_fab_id", r"^no fab id between the separators$"),
        ("status_renamed", rf"^status (?P<status>{_ID}) was renamed$"),
        ("closed_needs_year", r"^a closed fab needs its closing year$"),
        ("group_contains_itself", r"^a group cannot contain itself$"),
        ("malformed_group", r"^malformed group definition$"),
        (
            "context_under_context",
            r"^a context item under another$",
        ),
        (
            "copy_of_english",
            r"^a copy of the English (?P<column>\w+)$",
        ),
        (
            "japan_fab_no_place_ja",
            r"^a fab in Japan without a Japanese place name \(shown in romaji in Japanese\)$",
        ),
        (
            "fab_no_name_ja",
            r"^a fab without a Japanese name$",
        ),
        (
            "unsourced_assumption",
            r"^a name without a source is an assumption$",
        ),
        (
            "unsourced_not_high",
            r"^a name without a source is not high confidence$",
        ),
        (
            "unsourced_says_how",
            r"^a name without a source says how it was made$",
        ),
        (
            "japan_under_context",
            r"^a row naming Japan under a context item$",
        ),
        (
            "second_anchor",
            r"^a second anchor share for (?P<key>.+): the engine would use whichever comes "
            r"first in the file$",
        ),
        (
            "status_note_one_language",
            r"^a status note in one language only$",
        ),
        (
            "stock_norm_twice",
            r"^a stock norm that materials\.csv already holds \(the engine reads that one\)$",
        ),
        (
            "operator_no_name",
            r"^an operator without a name$",
        ),
        (
            "umbrella_smaller",
            r"^an umbrella smaller than its parts$",
        ),
        (
            "cannot_read_file",
            r"^cannot read file: (?P<reason>.+)$",
        ),
        (
            "duplicated_pair",
            r"^duplicated \(provider_id, provided_id\) pair with a different share$",
        ),
        (
            "duplicated_provider",
            r"^duplicated provider id with different name, type or country$",
        ),
        (
            "no_factors",
            r"^no factors$",
        ),
        (
            "age_threshold_missing",
            r"^the capacity audit's age threshold is missing$",
        ),
        (
            "names_moved",
            r"^the fabs' Japanese names moved to fab_names_ja\.csv \(data release 23\)$",
        ),
        (
            "on_hold_capacity",
            r"^fab (?P<fab>\S+) is on-hold \(fabs\.csv row (?P<row>\d+)\): its construction is "
            r"paused, so no capacity is counted$",
        ),
        (
            "closed_not_zero",
            r"^fab (?P<fab>\S+) is closed \(fabs\.csv row (?P<row>\d+)\) but its (?P<node>\S+) "
            r"capacity does not end at 0$",
        ),
        (
            "counted_twice",
            r"^fab (?P<fab>\S+) ran from (?P<start>\d+) \(fabs\.csv row (?P<row>\d+), "
            r"production_start_year\) but its first fab_capacity\.csv row is in (?P<year>\d+): "
            r"the engine holds each region's 'other fabs' at no less than their "
            r"(?P<observed>\d+) level \(the last observed regional share\), which already "
            r"holds this fab, so it would be counted twice$",
        ),
        # the ETO tables (data/eto.py)
        ("sequence_cycle", r"^cycle in the sequence graph$"),
        ("edge_one_target", r"^edge must have exactly one target$"),
    )
)

#: every kind `problem_detail` names
PROBLEM_DETAILS = tuple(kind for kind, _ in _DETAILS)


def problem_detail(message_en: str) -> tuple[str, dict[str, str]] | None:
    """The kind of a data check's English message and its parts (None: not one of them)."""
    for kind, pattern in _DETAILS:
        match = pattern.match(message_en)
        if match:
            return kind, match.groupdict()
    return None


def problem_words_ja(message_en: str) -> str | None:
    """What the English message says is wrong, in Japanese (None when it is no data check's)."""
    found = problem_detail(message_en)
    if found is None:
        return None
    kind, parts = found
    return message(
        f"api_problem.detail.{kind}", "ja", **{k: _unquoted(v) for k, v in parts.items()}
    )


def _unquoted(part: str) -> str:
    """A part without the quotes the English put around it (Japanese brackets it 「」)."""
    quoted = len(part) >= 2 and part[0] == part[-1] and part[0] in "'\""
    return part[1:-1] if quoted else part
