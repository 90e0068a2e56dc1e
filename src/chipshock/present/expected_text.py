"""What an error expected, in Japanese, built from the parts of the English text.

An error's English ``expected`` is free text written where it is raised (``one of country,
firm, fab``; ``a fab_id of /api/fabs (206 fabs)``). `expected_parts` reads it as a kind and
its parts: the lists of ids and names, numbers, commands and routes, kept exactly as written.
Each kind has its wording in the message catalogue, ``api_expected.<kind>`` (in English it gives
back the English text from the parts; in Japanese the sentence around them is translated), so
a list of valid names stays a list of names in both languages.

>>> expected_parts("one of country, firm, fab")
('one_of', {'choices': 'country, firm, fab'})
>>> expected_text_ja("a fab_id of /api/fabs (206 fabs); did you mean tsmc-f18?")
'/api/fabs の `fab_id`（全206件）'
>>> expected_text_ja("value ≥ 0")
'0 以上'
>>> expected_text_ja("a built-in scenario id, e.g. korea-conflict, taiwan-blockade-2027-6m")
'組み込みシナリオの ID（例：korea-conflict、taiwan-blockade-2027-6m）'
>>> expected_text_ja("JPN or TWN or USA")
'JPN（日本）、TWN（台湾）、USA（米国）のいずれか'
"""

from __future__ import annotations

import re

from chipshock.present.labels import country_label, eto_label
from chipshock.present.messages import message

__all__ = [
    "COUNTRY_PARTS",
    "EXPECTED_KINDS",
    "LIST_PARTS",
    "country_codes_ja",
    "expected_parts",
    "expected_text_ja",
    "list_ja",
    "without_hint",
]

_NUMBER = r"-?[\d,]+(?:\.\d+)?"
_ID_LIST = r"[^()]+"
#: the fix for a fab switched that has no capacity (`idle_switches`): years and fab as written
_OVERRIDE_FIX = (
    r"a fab with capacity in (?P<years>[^;()]+); to count (?P<fab>\S+), give it capacity in a "
    r'scenario file: \[\[fab_override\]\] fab = "(?P=fab)" with capacity_wspm, start_year and '
    r"ramp_years \((?P<doc>\S+), \[\[fab_override\]\]\)"
)
#: a fab switched on that runs already: what switching on is for, then how to change the fab
_NOT_COUNTED = (
    r"a fab the model does not count: switching on brings back a fab the registry has cancelled"
)
_NOT_COUNTED_FIX = (
    r" or one the scenario itself switches off; to change (?P<fab>[^\s']+)'s capacity, ramp or "
    r"start, give it a \[\[fab_override\]\] in a scenario file \((?P<doc>\S+), "
    r"\[\[fab_override\]\]\)"
)
#: the codes a shock can take (`chipshock.sim.network.regional.no_supply_note`)
_SHOCK_COUNTRY = (
    rf"a country that supplies something \((?P<countries>{_ID_LIST})\) or a capacity region "
    rf"\((?P<regions>{_ID_LIST})\)"
)

#: what a Japanese text of the registry translates (`_check_japanese` in data/registry_checks.py,
#: data/material_texts.py), by the kind's name: ``in_japanese_<name>``
_TRANSLATED = {
    "title": "the title",
    "status_note": "the status note",
    "place_name": "the place name",
    "fab_name": "the fab's name",
    "operator": "the operator",
    "operator_name": "the operator's name",
    "summary": "the summary",
    "technology": "the technology",
    "parties": "the parties",
    "location": "the location",
    "actor": "the actor",
    "counterpart": "the counterpart",
    "material_text": "materials.csv's text",
}

#: the kinds of English ``expected`` text (first match wins), each with its pattern; a named
#: group is a part kept as written. ``api_expected.<kind>`` words each in both languages.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("one_of", r"^one of:? (?P<choices>.+)$"),
        ("all_or_one_of", r"^all or one of (?P<choices>.+)$"),
        ("server_max_runs", rf"^at most (?P<limit>{_NUMBER}) \(the server's --max-runs\)$"),
        ("at_most", rf"^(?:at most|value ≤|value <=|≤|<=) ?(?P<high>{_NUMBER})$"),
        ("at_least", rf"^(?:at least|value ≥|value >=|≥|>=) ?(?P<low>{_NUMBER})$"),
        ("at_least", rf"^(?P<low>{_NUMBER}) ≤ value$"),
        ("between", rf"^(?P<low>{_NUMBER}) ≤ value ≤ (?P<high>{_NUMBER})$"),
        ("above", rf"^(?:value )?> ?(?P<low>{_NUMBER})$"),
        ("below", rf"^(?:value )?< ?(?P<high>{_NUMBER})$"),
        ("number_from_to", rf"^a number from (?P<low>{_NUMBER}) to (?P<high>{_NUMBER})$"),
        (
            "year_registry",
            r"^a year (?P<first>\d{4})–(?P<last>\d{4}), the years of the fab registry$",
        ),
        (
            "year_horizon",
            r"^a year (?P<first>\d{4})–(?P<last>\d{4}), the years of capacity and of scenario "
            r"horizons$",
        ),
        (
            "horizon",
            r"^a horizon within (?P<first>\d{4})–(?P<last>\d{4}); this scenario allows "
            r"(?P<low>\d{4})–(?P<high>\d{4})$",
        ),
        ("scenario_id", r"^a built-in scenario id$"),
        ("scenario_id_eg", r"^a built-in scenario id, e\.g\. (?P<examples>.+)$"),
        (
            "scenario_or_toml",
            r"^a built-in scenario id \((?P<route>GET /api/scenarios)\), or a scenario file's "
            r"text in `toml`$",
        ),
        (
            "scenario_xor_toml",
            r"^a built-in id in `(?P<id_field>\w+)`, or a scenario file's text in "
            r"`(?P<toml_field>\w+)`$",
        ),
        ("fab_id", r"^a fab_id of (?P<route>/api/fabs) \((?P<n>\d+) fabs\)$"),
        (
            "eto_input",
            rf"^an ETO input by id or name \((?P<n>\d+) in the (?P<dataset>.+?), ids "
            rf"(?P<first>\S+) to (?P<last>\S+); `(?P<route>[^`]+)` lists them all, by id and "
            rf"name\) or a raw material or advanced packaging by id or name "
            rf"\((?P<materials>{_ID_LIST}); `(?P<materials_route>[^`]+)` lists them\)$",
        ),
        ("input_one_of", r"^an input id or name, one of: (?P<choices>.+)$"),
        ("input", r"^an input id or name$"),
        ("needed_input", r"^an input a simulated chip class needs: (?P<choices>.+)$"),
        (
            "operator",
            r"^part of an operator's name, any case \((?P<n>\d+) operators; "
            r"`(?P<command>[^`]+)` lists them\)$",
        ),
        (
            "country_or_group",
            rf"^a country code \((?P<countries>{_ID_LIST})\) or a group "
            rf"\((?P<groups>{_ID_LIST})\); `(?P<countries_command>[^`]+)` and "
            r"`(?P<groups_command>[^`]+)` \((?P<route>[^)]+)\) list them$",
        ),
        ("result", r"^a result_id or name of (?P<route>/api/results)$"),
        ("one_value", r"^one value$"),
        (
            "job_id",
            r"^a job_id as a (?P<route>POST /api/jobs/\S+) answers it: (?P<n>\d+) characters, "
            r"each 0-9 or a-f$",
        ),
        (
            "job_id_kept",
            r"^a job_id a (?P<route>POST /api/jobs/\S+) answered on this server since it "
            r"started; it keeps the last (?P<n>\d+) jobs$",
        ),
        ("json_object_fields", r"^a JSON object of the fields: (?P<choices>.+)$"),
        ("json_object", r"^a JSON object$"),
        ("covered_country", r"^at least one country the ETO data covers$"),
        ("number_or_table", r"^a number or a table like (?P<example>\{.+\})$"),
        ("number", r"^a number$"),
        ("finite_number", r"^a finite number$"),
        ("integer", r"^an integer$"),
        ("text", r"^a string$"),
        ("list", r"^a list$"),
        ("id_list", r"^a list of ids$"),
        ("at_least_one_id", r"^at least one id$"),
        ("at_least_one_of", r"^at least one of (?P<choices>.+)$"),
        ("fab_id_eg", r"^a fab_id from (?P<file>\S+), e\.g\. '(?P<example>[^']+)'$"),
        ("nonempty_id_list", r"^a non-empty list of ids$"),
        ("example", r"^e\.g\. (?P<example>.+)$"),
        ("toml", r"^TOML \((?P<url>https?://\S+)\), see (?P<doc>\S+)$"),
        ("utf8_file", r"^a file saved as UTF-8 \(in the editor: Save As, encoding UTF-8\)$"),
        (
            "scenario_or_shock_table",
            r"^a \[scenario\] table or a \[\[shock\]\] table \((?P<doc>\S+); "
            r"(?P<command>chipshock scenario show \S+) prints a file without shocks\)$",
        ),
        (
            "start_in_horizon",
            r"^a start in (?P<first>\d{4})\.\.(?P<last>\d{4}) \(the scenario's "
            r"start_year\.\.end_year\)$",
        ),
        (
            "one_override_per_fab",
            r"^one override per fab and class \((?P<other>fab_override\[\d+\]) overrides it "
            r"already\)$",
        ),
        ("each_id_once", r"^each id once$"),
        ("each_shock_once", r"^each shock once \(to make one stronger, raise its severity\)$"),
        # the engine's checks of a scenario's fab switches (sim/network/interventions.py)
        ("fab_in_one_intervention", r"^the fab in one of the two interventions only$"),
        (
            "partnership_off_fix",
            r"^leave the partnership_off out of the scenario file, and switch off the "
            r"partnership's other fabs with fabs_off$",
        ),
        (
            "wafer_fab",
            r"^a wafer fab; packaging capacity enters as the inputs (?P<first>\S+) and "
            r"(?P<second>\S+) \(shock them instead\)$",
        ),
        (
            "fab_none_to_lose",
            r"^a fab with capacity in (?P<years>[^;()]+) \(leave (?P<fab>\S+) out: it has none "
            r"to lose\)$",
        ),
        (
            "fab_override",
            rf"^{_OVERRIDE_FIX}$",
        ),
        (
            "fab_override_on",
            rf"^{_OVERRIDE_FIX}; the override alone counts it \(fabs_on brings back cancelled "
            r"fabs\)$",
        ),
        (
            "fab_not_counted",
            rf"^{_NOT_COUNTED} \((?P<cancelled>[^()]+)\){_NOT_COUNTED_FIX}$",
        ),
        ("fab_not_counted_none", rf"^{_NOT_COUNTED}{_NOT_COUNTED_FIX}$"),
        # a [[fab_override]]'s node_class (sim/network/overrides.py)
        (
            "override_class_one",
            r"^a class it has rows in \((?P<choices>[^()]+)\), or no node_class for it$",
        ),
        (
            "override_class",
            r"^a class it has rows in \((?P<choices>[^()]+)\), or no node_class for all of them$",
        ),
        # a fab both assessed and switched in a contribution analysis (api/routes_contributions)
        (
            "assessed_or_switched",
            r"^each fab either in `fabs` \(assessed: on and off by the analysis\) or in "
            r"`fabs_off` / `fabs_on` \(kept so on every side\)$",
        ),
        # a [[fab_override]]'s start_year after the horizon (scenarios/_events.py)
        (
            "override_in_horizon",
            r"^at most (?P<end>\d{4}), the scenario's end_year \(a later start leaves "
            r"(?P<fab>\S+) out of the run; capacity_wspm = 0 says that\)$",
        ),
        # a fab shock's targets (sim/shocks/compile.py)
        (
            "fab_with_capacity_more",
            r"^a fab with capacity, e\.g\. (?P<examples>.+), \.\.\. \((?P<more>\d+) more\)$",
        ),
        ("fab_with_capacity", r"^a fab with capacity, e\.g\. (?P<examples>.+)$"),
        (
            "fab_in_shock_years",
            r"^a fab with capacity in the shock's years, or a start_year when the fab runs$",
        ),
        # a shock's country and group codes (scenarios/groups.py)
        (
            "shock_country",
            rf"^{_SHOCK_COUNTRY}$",
        ),
        (
            "shock_country_or_group",
            rf"^{_SHOCK_COUNTRY}, or a group \((?P<groups>{_ID_LIST})\); "
            r"`(?P<countries_command>[^`]+)` and `(?P<groups_command>[^`]+)` "
            r"\((?P<route>[^)]+)\) list them$",
        ),
        ("group_with_data", r"^a group with at least one country the data knows$"),
        # a shock's target the data does not have (`chipshock.sim._problems.unknown_code`,
        # raised by sim/shocks/compile.py): the valid ones as written, the first 40 and a count
        *(
            pair
            for thing in ("fab", "firm", "market", "node class", "country", "parameter")
            for pair in (
                (
                    f"known_{thing.replace(' ', '_')}_more",
                    rf"^a known {thing}; valid: (?P<choices>.+), \.\.\. \((?P<more>\d+) more\)$",
                ),
                (f"known_{thing.replace(' ', '_')}", rf"^a known {thing}; valid: (?P<choices>.+)$"),
            )
        ),
        *(
            (
                f"known_{thing.replace(' ', '_')}_none",
                rf"^a known {thing}; none are available$",
            )
            for thing in ("fab", "firm", "market", "node class", "country", "parameter")
        ),
        # the scenario file's own checks (scenarios/parser.py, scenarios/_distributions.py)
        ("toml_or_builtin", r"^a \.toml file or one of: (?P<choices>.+)$"),
        ("existing_file", r"^an existing file$"),
        (
            "existing_toml_or_builtin",
            r"^an existing \.toml file or a built-in scenario id, one of: (?P<choices>.+)$",
        ),
        ("at_least_low", rf"^≥ low \((?P<low>{_NUMBER})\)$"),
        # a shock's start and codes (scenarios/_events.py)
        (
            "shock_start_format",
            r'^"YYYY-MM" \(a month\), "YYYY-Www" \(a week 01\.\.52\) or a year$',
        ),
        ("month_01_12", r"^month 01\.\.12$"),
        ("week_w01_w52", r"^week W01\.\.W52$"),
        (
            "country_or_group_code",
            r"^an ISO 3166 alpha-3 code or a group code \((?P<groups>[A-Z0-9, ]+) or a \[groups\] "
            r"name\) in capitals, e\.g\. '(?P<example>[A-Z]{3})'$",
        ),
        ("disjoint_groups", r"^groups in targets and to without common members$"),
        # the countries of the fabs at a place (`_check_place_names`), before `either`
        ("country_codes", r"^(?P<codes>[A-Z]{3}(?: or [A-Z]{3})+)$"),
        ("either", r"^(?P<first>[\w-]+) or (?P<second>[\w-]+)$"),
        # the data checks' cells, files and sums (`chipshock data validate`: data/csvio.py,
        # data/curated.py, data/registry_checks.py, data/ranges.py, data/history.py)
        ("date_format", r"^YYYY, YYYY-MM or YYYY-MM-DD$"),
        ("date_format_or_word", r"^YYYY, YYYY-MM or YYYY-MM-DD, or (?P<word>\w+)$"),
        ("month_range", r"^a month from 01 to 12$"),
        ("day_range", r"^a day from 01 to (?P<last>\d{2}) \(the days of (?P<month>\d{4}-\d{2})\)$"),
        (  # a country cell's code the catalogue does not name (data/curated.py)
            "known_country_closest",
            r"^(?P<code>[A-Z]{3,4}), the closest known code; all (?P<n>\d+) are the "
            r"country\.<CODE> keys of (?P<file>\S+)$",
        ),
        (
            "known_country_such_as",
            r"^a known code such as JPN, TWN or ROW; all (?P<n>\d+) are the country\.<CODE> "
            r"keys of (?P<file>\S+)$",
        ),
        ("folder_of_csv", r"^a folder of CSV files$"),
        ("date_brackets", r"^YYYY\[-MM\[-DD\]\]$"),
        ("whole_number", r"^a whole number$"),
        ("a_value", r"^a value$"),
        ("value_between", rf"^a value between (?P<low>{_NUMBER}) and (?P<high>{_NUMBER})$"),
        ("value_at_least", rf"^a value >= (?P<low>{_NUMBER})$"),
        ("value_at_most", rf"^a value <= (?P<high>{_NUMBER})$"),
        ("column_of_file", r"^a (?P<column>\w+) of (?P<file>[\w.]+\.csv)$"),
        ("column_of_file_or_blank", r"^a (?P<column>\w+) of (?P<file>[\w.]+\.csv), or blank$"),
        (  # before column_of_file_choices, which would read its note as the choices
            "fab_id_separated",
            r"^a fab_id of (?P<file>[\w.]+\.csv) \(fab_ids separated by ';', or blank\)$",
        ),
        (
            "column_of_file_choices",
            r"^a (?P<column>\w+) of (?P<file>[\w.]+\.csv) \((?P<choices>[^()]+)\)$",
        ),
        ("each_fab_once", r"^each fab once$"),
        ("one_factor_row", r"^at least one factor row$"),
        ("one_row_per_pair", r"^one row per pair \(first in row (?P<row>\d+)\)$"),
        ("one_row_per_case", r"^one row per case and quantity \(first in row (?P<row>\d+)\)$"),
        ("unique_key", r"^a unique key \(first used in row (?P<row>\d+)\)$"),
        ("unique_id", r"^a unique id \(first used in row (?P<row>\d+)\)$"),
        ("header_columns", r"^header with columns (?P<columns>.+)$"),
        ("sum_at_most_100", r"^a sum of at most 100 per \((?P<columns>[^()]+)\)$"),
        (
            "sum_100_rest",
            r"^a sum of 100 per \((?P<columns>[^()]+)\); put the rest in (?P<rest>\w+)$",
        ),
        ("url_example", r"^an http\(s\) URL such as (?P<example>\S+)$"),
        ("url_of_source", r"^an http\(s\) URL of the public source$"),
        ("fields_like_header", r"^(?P<n>\d+) fields like the header$"),
        ("csv_at_path", r"^a CSV file at this path$"),
        ("utf8_csv", r"^a UTF-8 encoded CSV file$"),
        ("header_row", r"^a header row$"),
        ("one_record", r"^at least one record$"),
        ("low_estimate", r"^low \(the method is an estimate\)$"),
        ("id_listed_in", r"^an id listed in (?P<file>[\w.]+\.csv)$"),
        (
            "input_or_stage_id",
            r"^an input id from (?P<file>[\w.]+\.csv) or a stage id "
            r"(?P<first>S\d)\.\.(?P<last>S\d)$",
        ),
        # the registry's own checks (data/registry_checks.py), the ranges and the rows a
        # model parameter needs (data/ranges.py), the ETO tables (data/eto.py) and the
        # history observations (data/history.py): `chipshock data validate`
        (
            "status_spelling",
            r"^(?P<status>[\w-]+) \(the spelling since data release (?P<release>\d+)\)$",
        ),
        (
            "operator_id_form",
            r"^a lowercase id such as (?P<first>\w+) or (?P<second>\w+) \(a-z, 0-9, _\)$",
        ),
        ("method_form", r"^reported, press, or 'estimate: <how it was estimated>'$"),
        ("wafer_fab_segment", r"^a wafer fab \(segment (?P<choices>.+) or (?P<last>[\w-]+)\)$"),
        (
            "on_hold_no_rows",
            r"^no fab_capacity\.csv row above 0 for an on-hold fab \(put the planned "
            r"capacity in the fab's note\), or another status$",
        ),
        (
            "closing_row",
            r"^a fab_capacity\.csv row for (?P<fab>\S+) with capacity_wspm 0 in the year it "
            r"closed \(and its earlier capacity before it\), or another status$",
        ),
        ("last_row_zero", r"^a last row per class with capacity_wspm 0 from the closing year$"),
        (
            "status_never_ran",
            r"^on-hold \(construction paused, no capacity counted\) or cancelled$",
        ),
        ("status_closed", r"^closed \(a fab that operated and shut\) or cancelled$"),
        (
            "row_by_anchor_year",
            r"^a row for (?P<fab>\S+) in or before (?P<year>\d{4}) \(a sourced level, or "
            r"'estimate: <how>' with confidence low\), or the production_start_year it "
            r"really has$",
        ),
        ("column_of_file_list", r"^a (?P<column>\w+) of (?P<file>[\w.]+\.csv): (?P<choices>.+)$"),
        (
            "column_of_file_eg",
            r"^an (?P<column>\w+) of (?P<file>[\w.]+\.csv), e\.g\. (?P<examples>.+), \.\.\.$",
        ),
        (
            "operator_or_remainder",
            r"^blank, or operator_ids of (?P<file>[\w.]+\.csv) or other:<REGION> \(a "
            r"region's remainder: (?P<regions>.+)\) separated by ';', e\.g\. "
            r"(?P<examples>.+), \.\.\.$",
        ),
        (
            "group_code_form",
            r"^2-8 capital letters or digits starting with a letter \((?P<examples>[^()]+)\)$",
        ),
        ("member_not_group", r"^a member country other than the group code$"),
        ("eto_ids_eg", r"^ETO ids such as (?P<example>.+)$"),
        ("classes_separated", r"^';'-separated of (?P<choices>.+)$"),
        ("fab_ids_separated", r"^fab_ids of (?P<file>[\w.]+\.csv) separated by ';', or blank$"),
        ("in_order", r"^(?P<order>\w+(?: <= \w+)+)$"),
        (
            "no_buffer_row",
            r"^no inventory_buffers\.csv row for (?P<material>\S+): give its stock in "
            r"materials\.csv stockpile_weeks \(low, high\), with the source and note$",
        ),
        (
            "one_anchor_row",
            r"^one anchor row per category, region and year \(row (?P<row>\d+), "
            r"(?P<source>.+), already gives (?P<share>[^%]*)%\); remove one, or rename a "
            r"reference row's source so that it does not start with 'SIA/BCG' or end with "
            r"'share derived by chipshock'$",
        ),
        ("context_top", r"^blank: a context item is a top item$"),
        (
            "visit_item",
            r"^an item of the visit \(rows under a context item have no Japanese party\)$",
        ),
        ("column_of_this_file", r"^an (?P<column>\w+) of this file$"),
        ("both_or_neither", r"^(?P<first>\w+) and (?P<second>\w+) both given, or both blank$"),
        (
            "umbrella_id",
            r"^the deliverable_id of another row that is no part itself \(the umbrella\), "
            r"or blank$",
        ),
        (
            "parts_sum",
            r"^at least its parts' amounts \((?P<parts>.+): USD (?P<total>[\d,]+) together\)$",
        ),
        *(
            (
                f"in_japanese_{slug}",
                rf"^{re.escape(what)} translated into Japanese \(kana or kanji\)$",
            )
            for slug, what in _TRANSLATED.items()
        ),
        (
            "japanese_where_english",
            r"^(?P<english>\w+) in Japanese where (?P=english) is given \(blank where it is "
            r"blank: (?P<value>.*)\)$",
        ),
        ("japanese_of_column", r"^(?P<file>[\w.]+\.csv)'s (?P<column>\w+) in Japanese$"),
        ("unsourced_confidence", r"^medium or low, or a source_url stating the Japanese form$"),
        ("source_or_assumption", r"^a source_url, or a note 'assumption: <how>'$"),
        ("low_or_source", r"^low, or a source_url$"),
        (
            "column_of_file_as_written",
            r"^a (?P<column>\w+) of (?P<file>[\w.]+\.csv), written exactly as there$",
        ),
        ("place_row", r"^a row for this place in (?P<file>[\w.]+\.csv)$"),
        (
            "fab_name_row",
            r"^a row for this fab in (?P<file>[\w.]+\.csv) \(name_ja, source or assumption:\)$",
        ),
        (
            "row_in_file",
            r"^a row for (?P<id>\S+) in (?P<file>[\w.]+\.csv) \((?P<columns>[^()]+)\)$",
        ),
        ("no_name_ja_column", r"^no name_ja column: a row per fab in (?P<file>[\w.]+\.csv)$"),
        ("country_code", r"^(?P<code>[A-Z]{3})$"),
        (
            "value_between_parameter",
            rf"^a value between (?P<low>{_NUMBER}) and (?P<high>{_NUMBER}) \(parameter "
            r"(?P<parameter>\S+)\)$",
        ),
        (
            "value_between_unit",
            rf"^a value between (?P<low>{_NUMBER}) and (?P<high>{_NUMBER}) \(unit (?P<unit>.+)\)$",
        ),
        (
            "url_example_several",
            r"^an http\(s\) URL such as (?P<example>\S+); several separated by '; '$",
        ),
        (
            "utilisation_row",
            r"^a row (?P<name>\S+) \(value 0 < u <= 1, unit fraction, a source\) for every "
            r"node class of (?P<file>[\w.]+\.csv)$",
        ),
        (
            "utilisation_parameter",
            r"^0 < value <= 1 \(parameter (?P<name>\S+): the share of the class's capacity "
            r"that normal demand uses\)$",
        ),
        (
            "utilisation_in_year",
            r"^0 < utilisation <= 1 \(the share of the class's capacity that normal demand "
            r"uses in that year\)$",
        ),
        ("demand_level", r"^a level > 0 USD bn \(the path interpolates geometrically\)$"),
        ("one_of_two_filled", r"^exactly one of (?P<first>\w+) or (?P<second>\w+) filled$"),
        ("acyclic_graph", r"^a directed acyclic graph \(no input may feed itself\)$"),
        (
            "unique_or_alias",
            r"^a unique id, or a pure alias row repeating row (?P<row>\d+) \((?P<values>.*)\)$",
        ),
        ("at_most_observed", r"^<= observed \((?P<value>[^()]+)\)$"),
        ("at_least_observed", r"^>= observed \((?P<value>[^()]+)\)$"),
        # the Japanese texts of materials (data/material_texts.py) and the capacity audit's
        # parameter row (data/capacity_age.py)
        (
            "japanese_where_given",
            r"^(?P<file>[\w.]+\.csv)'s (?P<column>\w+) in Japanese where it is given \(blank where "
            r"it is blank: (?P<value>.*)\)$",
        ),
        (
            "row_like",
            r"^a row '(?P<row>[^']+)'$",
        ),
    )
)

#: every kind `expected_parts` names (each has ``api_expected.<kind>`` in the catalogue)
EXPECTED_KINDS = tuple(dict.fromkeys(kind for kind, _ in _KINDS))

_HINT_TAIL = re.compile(r"(?:;\s*| \()did you mean .+?\?\)?$")
#: "a known fab (did you mean x?); valid: ..." (`unknown_code`): the hint before the list
_HINT_INSIDE = re.compile(r" \(did you mean [^()]+?\?\)(?=; )")


def without_hint(expected: str) -> str:
    """``expected`` without its "did you mean ...?", closing it or before its list of valid
    values (the hint is a part of its own)."""
    return _HINT_INSIDE.sub("", _HINT_TAIL.sub("", expected), count=1).strip()


def expected_parts(expected: str) -> tuple[str, dict[str, str]] | None:
    """The kind of an English ``expected`` text and its parts (None for a text of no known
    kind); a closing "did you mean ...?" is left out."""
    text = without_hint(expected)
    for kind, pattern in _KINDS:
        match = pattern.match(text)
        if match:
            return kind, {k: v for k, v in match.groupdict().items() if v is not None}
    return None


#: the parts that are lists of ids or names, written "a, b, c" in English: in Japanese their
#: items are kept as written and joined with 「、」 (`list_ja`)
LIST_PARTS = frozenset(
    (
        "choices",
        "examples",
        "countries",
        "regions",
        "groups",
        "cancelled",
        "materials",
        "years",
        "columns",
        "parts",
    )
)


#: the parts that are country codes, one or several ("JPN or TWN or USA"): in Japanese each code
#: is kept as written, with its name from the catalogue in brackets (`country_codes_ja`)
COUNTRY_PARTS = frozenset(("code", "codes"))


def country_codes_ja(codes: str) -> str:
    """Country codes written "A or B or C" as Japanese gives them: each code as written with its
    Japanese name (`country_label`; a code the catalogue does not name stays bare), joined
    with 「、」.

    >>> country_codes_ja("JPN or TWN"), country_codes_ja("ZZZ")
    ('JPN（日本）、TWN（台湾）', 'ZZZ')
    """
    named = []
    for code in codes.split(" or "):
        name = country_label(code, "ja")
        named.append(code if name == code else f"{code}（{name}）")
    return "、".join(named)


#: a list of inputs as "id name" pairs (`chipshock.sim.shocks.input_names`): an item starts with
#: an ETO id (and its name), or a raw material's id and its name in brackets; a name may hold a
#: comma of its own ("N65 Film, stack, and shape metrology tools")
_PAIRS = re.compile(r"^N\d+ ")
_PAIR_START = re.compile(r", (?=[A-Z]\d+\b|[a-z0-9_]+ \()")


def list_ja(items: str) -> str:
    """A list written "a, b, c" in English as Japanese writes it: the same items, joined with
    「、」 (a list of "id name" pairs is cut only before an id).

    >>> list_ja("TWN, KOR"), list_ja("tsmc-f18")
    ('TWN、KOR', 'tsmc-f18')
    >>> list_ja("N64 Wafer inspection, N65 Film, stack, and shape tools, S3, gallium (Gallium)")
    'N64 Wafer inspection、N65 Film, stack, and shape tools、S3、gallium (Gallium)'
    """
    pieces = _PAIR_START.split(items) if _PAIRS.match(items) else items.split(", ")
    return "、".join(pieces)


def expected_text_ja(expected: str | None) -> str | None:
    """What ``expected`` says, in Japanese, its parts as written (the items of a list joined
    with 「、」, `LIST_PARTS`; a country code with its name, `COUNTRY_PARTS`); a text of no
    known kind is given as it is, marked as English (``api_expected.untranslated``), never
    dropped."""
    if expected is None:
        return None
    parts = expected_parts(expected)
    if parts is None:
        return message("api_expected.untranslated", "ja", expected=without_hint(expected))
    kind, fields = parts
    japanese = {
        k: list_ja(v)
        if k in LIST_PARTS
        else country_codes_ja(v)
        if k in COUNTRY_PARTS
        else eto_label(v, "ja")
        if k == "dataset"  # the ETO release's name, `Release.source_label`
        else v
        for k, v in fields.items()
    }
    return message(f"api_expected.{kind}", "ja", **japanese)
