"""What the engine's own checks of a scenario expected reaches the Japanese error body in
Japanese (api29: the fab switches of sim/network/interventions.py, a fab shock's targets of
sim/shocks/compile.py and a shock's codes of scenarios/groups.py were marked（英語）)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import AsgiClient

from chipshock.present.expected_text import expected_parts, expected_text_ja, without_hint
from chipshock.present.messages import message

FLAGSHIP = "taiwan-blockade-2027-6m"


def _file(shock: str, more: str = "", head: str = "") -> str:
    """A two-year scenario file with one shock (``shock``: its kind and targets)."""
    return (
        f'[scenario]\nid = "x"\ntitle = "x"\nstart_year = 2027\nend_year = 2028\n{head}\n'
        f'[[shock]]\n{shock}\nstart = "2027-W10"\nduration_weeks = 10\n{more}'
    )


TWN = 'kind = "country"\ntargets = ["TWN"]'


def _override(keys: str) -> str:
    """A ``[[fab_override]]`` of rapidus-iim1 with ``keys``."""
    return f'[[fab_override]]\nfab = "rapidus-iim1"\n{keys}\n'


KUMAMOTO = "jasm-kumamoto-fab1"

#: a bad request per kind of text: its body, the kind, and the Japanese in full
CASES: list[tuple[dict[str, Any], str, str]] = [
    (
        {
            "toml": _file(
                TWN,
                f'[[intervention]]\nkind = "fabs_off"\nfabs = ["{KUMAMOTO}"]\n'
                f'[[intervention]]\nkind = "fabs_on"\nfabs = ["{KUMAMOTO}"]\n',
            )
        },
        "fab_in_one_intervention",
        "この工場を2つの介入（intervention）のどちらか一方だけに書く",
    ),
    (
        {
            "toml": _file(
                TWN,
                '[[intervention]]\nkind = "partnership_off"\npartnerships = ["ibm-rapidus-2nm"]\n'
                '[[intervention]]\nkind = "fabs_on"\nfabs = ["rapidus-iim1"]\n',
            )
        },
        "partnership_off_fix",
        "シナリオファイルから `partnership_off` を外し、提携のほかの工場は `fabs_off` で停止する",
    ),
    (
        {"scenario": FLAGSHIP, "fabs_off": ["tsmc-ap6-zhunan"], "runs": 2},
        "wafer_fab",
        "ウェーハ工場（パッケージングの生産能力は投入物 S3 と advanced_packaging としてモデルに"
        "入るため、ショックはそちらに与える）",
    ),
    (
        {"scenario": FLAGSHIP, "fabs_off": ["intel-magdeburg"], "runs": 2},
        "fab_none_to_lose",
        "2026–2030年に生産能力のある工場（intel-magdeburg は失う生産能力がないため外す）",
    ),
    (
        {"scenario": FLAGSHIP, "fabs_off": ["nxp-us-8inch"], "runs": 2},
        "fab_override",
        "2026–2030年に生産能力のある工場。nxp-us-8inch をモデルに数えるには、シナリオファイルの"
        ' `[[fab_override]] fab = "nxp-us-8inch"` に `capacity_wspm`、`start_year`、`ramp_years` を'
        "与える（docs/scenarios.md の `[[fab_override]]`）",
    ),
    (
        {"scenario": FLAGSHIP, "fabs_on": ["nxp-us-8inch"], "runs": 2},
        "fab_override_on",
        "2026–2030年に生産能力のある工場。nxp-us-8inch をモデルに数えるには、シナリオファイルの"
        ' `[[fab_override]] fab = "nxp-us-8inch"` に `capacity_wspm`、`start_year`、`ramp_years` を'
        "与える（docs/scenarios.md の `[[fab_override]]`）。`[[fab_override]]` だけでこの工場は"
        "数えられる（`fabs_on` が戻すのは中止された工場）",
    ),
    (
        {"scenario": FLAGSHIP, "fabs_on": [KUMAMOTO], "runs": 2},
        "fab_not_counted",
        "モデルが数えていない工場（稼働させて戻せるのは、登録データで中止された工場"
        "（intel-magdeburg）か、シナリオ自身が停止する工場）。jasm-kumamoto-fab1 の生産能力・"
        "立ち上げ・開始年を変えるには、シナリオファイルで `[[fab_override]]` を与える"
        "（docs/scenarios.md の `[[fab_override]]`）",
    ),
    (
        {"toml": _file('kind = "fab"\ntargets = ["nxp-us-8inch"]')},
        "fab_with_capacity_more",
        "生産能力のある工場（例：adi-beaverton、adi-camas、adi-limerick、ams-osram-premstaetten、"
        "aos-chongqing-12inch、asmc-shanghai-8inch、bosch-dresden、bosch-reutlingen、"
        "bosch-roseville、byd-changsha-8inch、byd-jinan-8inch、cansemi-guangzhou、ほか180件）",
    ),
    (
        {"toml": _file('kind = "fab"\ntargets = ["rapidus-iim1"]')},
        "fab_in_shock_years",
        "ショックの期間に生産能力のある工場、またはその工場が稼働している年の `start_year`",
    ),
    (
        {"toml": _file('kind = "country"\ntargets = ["THA"]')},
        "shock_country",
        "何かを供給している国（AUT、BEL、BLR、CAN、CHE、DEU、FIN、FRA、GBR、HUN、IND、IRL、ISR、"
        "ITA、MEX、MNG、MYS、NLD、RUS、SGP、SWE、UKR、VNM）または生産能力の地域（TWN、KOR、JPN、"
        "CHN、USA、EUR、ROW）",
    ),
    (
        {"toml": _file('kind = "country"\ntargets = ["TWM"]')},
        "shock_country_or_group",
        "何かを供給している国（AUT、BEL、BLR、CAN、CHE、DEU、FIN、FRA、GBR、HUN、IND、IRL、ISR、"
        "ITA、MEX、MNG、MYS、NLD、RUS、SGP、SWE、UKR、VNM）、生産能力の地域（TWN、KOR、JPN、CHN、"
        "USA、EUR、ROW）、またはグループ（AMR、CHIP4、EMEA、EU27、G7、QUAD、SEA）。一覧は "
        "`chipshock countries` と `chipshock groups`（GET /api/groups）",
    ),
    (
        {
            "toml": _file(
                'kind = "country"\ntargets = ["NODATA"]', head='[groups]\nNODATA = ["THA"]'
            )
        },
        "group_with_data",
        "データにある国を一つ以上含むグループ",
    ),
    (
        {"toml": _file('kind = "export_control"\ntargets = ["CHIP4"]\nto = ["KOR"]')},
        "disjoint_groups",
        "`targets` と `to` で共通のメンバーを持たないグループ",
    ),
    # a [[fab_override]]'s checks through the API (session 31's audit, finding 8: were（英語）)
    (
        {"toml": _file(TWN, _override('node_class = "n28_45"\ncapacity_wspm = 1000'))},
        "override_class_one",
        "`fab_capacity.csv` にこの工場の行がある区分（lt10）、または `node_class` を書かない",
    ),
    (
        {"toml": _file(TWN, _override("ramp_years = 0"))},
        "between",
        "0.1 以上 50 以下",
    ),
    (
        {"toml": _file(TWN, _override(""))},
        "at_least_one_of",
        "capacity_wspm、start_year、ramp_years のうち一つ以上",
    ),
    (
        {"toml": _file(TWN, _override("start_year = 2035"))},
        "override_in_horizon",
        "2028年以前（シナリオの end_year。それより後に始まると rapidus-iim1 は計算に入らない。"
        "入れないなら capacity_wspm = 0 と書く）",
    ),
]


@pytest.mark.parametrize(("body", "kind", "japanese"), CASES, ids=[c[1] for c in CASES])
def test_the_engines_expected_reads_in_japanese(
    api: AsgiClient, body: dict[str, Any], kind: str, japanese: str
) -> None:
    """Through the real API: the text is of its kind, its parts kept as written, the English
    wording gives the English back, and the Japanese is the sentence, with no（英語）."""
    pytest.importorskip("chipshock.sim")
    response = api.post("/api/scenarios/run", json=body)
    assert response.status_code in (404, 422), response.text[:300]
    problem = response.json()["problems"][0]
    parts = expected_parts(problem["expected"])
    assert parts is not None and parts[0] == kind, problem["expected"]
    assert (
        message(f"api_expected.{kind}", "en", **parts[1])
        == problem["expected"].split("; did you mean")[0]
    )
    assert problem["expected_ja"] == japanese
    assert "（英語）" not in response.json()["detail_ja"]


def test_the_shorter_forms_of_the_same_checks() -> None:
    """Forms the shipped data does not give (twelve fabs or fewer to list, no cancelled fab,
    one year): read as their own kinds, in Japanese."""
    assert expected_text_ja("a fab with capacity, e.g. a-fab, b-fab") == (
        "生産能力のある工場（例：a-fab、b-fab）"
    )
    none_cancelled = (
        "a fab the model does not count: switching on brings back a fab the registry has "
        "cancelled or one the scenario itself switches off; to change x-fab's capacity, ramp or "
        "start, give it a [[fab_override]] in a scenario file (docs/scenarios.md, [[fab_override]])"
    )
    assert expected_parts(none_cancelled) == (
        "fab_not_counted_none",
        {"fab": "x-fab", "doc": "docs/scenarios.md"},
    )
    assert expected_text_ja(
        "a fab with capacity in 2027 (leave y-fab out: it has none to lose)"
    ) == ("2027年に生産能力のある工場（y-fab は失う生産能力がないため外す）")


DEMAND = 'kind = "demand"\ntargets = ["{target}"]\ndirection = "surge"\nseverity = 0.1'

#: a shock's target the data does not have (compile.py's `unknown_code`): body, kind, start
UNKNOWN_TARGETS: list[tuple[dict[str, Any], str, str]] = [
    (
        {"toml": _file('kind = "fab"\ntargets = ["zzqfab"]')},
        "known_fab_more",
        "データにある工場（adi-beaverton、adi-camas、",
    ),
    (
        {"toml": _file('kind = "firm"\ntargets = ["zzqfirm"]')},
        "known_firm_more",
        "データにある企業（A&D、ACM Research、",
    ),
    (
        {"toml": _file('kind = "firm"\ntargets = ["Renesaz"]')},  # the hint before the list
        "known_firm_more",
        "データにある企業（A&D、ACM Research、",
    ),
    (
        {"toml": _file(DEMAND.format(target="zzqm"))},
        "known_market",
        "データにある市場（ai_datacenter、automotive、consumer、industrial、pcs、smartphones）",
    ),
]


@pytest.mark.parametrize(
    ("body", "kind", "start"), UNKNOWN_TARGETS, ids=["fab", "firm", "firm-hint", "market"]
)
def test_an_unknown_shock_target_lists_the_valid_ones_in_japanese(
    api: AsgiClient, body: dict[str, Any], kind: str, start: str
) -> None:
    """The valid targets as written, the count of those not listed said in Japanese; a
    "did you mean" before the list is not part of it (the detail says it)."""
    pytest.importorskip("chipshock.sim")
    response = api.post("/api/scenarios/run", json=body)
    assert response.status_code in (404, 422), response.text[:300]
    problem = response.json()["problems"][0]
    parts = expected_parts(problem["expected"])
    assert parts is not None and parts[0] == kind, problem["expected"]
    assert message(f"api_expected.{kind}", "en", **parts[1]) == without_hint(problem["expected"])
    assert problem["expected_ja"].startswith(start)
    assert "more" not in problem["expected_ja"] and "（英語）" not in problem["expected_ja"]
    if kind.endswith("_more"):
        assert problem["expected_ja"].endswith(f"、ほか{parts[1]['more']}件）")


def test_the_other_unknown_targets_read_in_japanese() -> None:
    """A node class and a country of the same helper (the parser or the groups refuse these
    first through the API), and a hint before the list left to the detail."""
    assert expected_text_ja("a known node class; valid: lt10, dram") == (
        "データにあるノード区分（lt10、dram）"
    )
    assert expected_text_ja("a known country (did you mean JPN?); valid: JPN, KOR") == (
        "データにある国（JPN、KOR）"
    )
    assert (
        without_hint("a known fab (did you mean a-fab?); valid: a-fab")
        == "a known fab; valid: a-fab"
    )
