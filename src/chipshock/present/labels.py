"""Names of end markets, node classes, KPIs and countries in English and Japanese.

Names come from the message catalogue (`chipshock.present.messages`); an unknown code is shown
as the code with spaces for underscores, never silently dropped. Number formats are in
`chipshock.present.numbers` (re-exported here for older callers).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from chipshock.present.messages import catalogue, check_lang, has_message, message
from chipshock.present.numbers import Lang, fmt_kpi, fmt_usd_bn, usd_scale

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "KPIS",
    "OUTPUT_KPIS",
    "Lang",
    "check_lang",
    "confidence_label",
    "countries_label",
    "country_label",
    "country_names",
    "eto_label",
    "fab_names",
    "fab_operators",
    "fmt_kpi",
    "fmt_usd_bn",
    "in_language",
    "kpi_label",
    "kpi_order",
    "kpi_unit",
    "market_label",
    "node_label",
    "operator_names",
    "place_label",
    "usd_scale",
]

_ETO_LABEL = re.compile(r"ETO Chip Explorer dataset, ([A-Z][a-z]{2}) (\d{4}) update")
_ETO_YEAR_LABEL = re.compile(r"ETO Chip Explorer dataset, (\d{4}) release")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def eto_label(label: str, lang: Lang = "en") -> str:
    """The ETO release's name (`chipshock.model.chain.Release.source_label`) in ``lang``; a
    label of another form as given.

    >>> eto_label("ETO Chip Explorer dataset, Aug 2026 update", "ja")
    'ETO Chip Explorer データセット 2026年8月更新版'
    >>> eto_label("ETO Chip Explorer dataset, Aug 2026 update")
    'ETO Chip Explorer dataset, Aug 2026 update'
    >>> eto_label("ETO Chip Explorer dataset, 2022 release", "ja")
    'ETO Chip Explorer データセット 2022年版'
    >>> eto_label("my own chain", "ja")
    'my own chain'
    """
    yearly = _ETO_YEAR_LABEL.fullmatch(label)
    if lang == "ja" and yearly:
        return f"ETO Chip Explorer データセット {yearly[1]}年版"
    found = _ETO_LABEL.fullmatch(label)
    if lang != "ja" or not found or found[1] not in _MONTHS:
        return label
    return f"ETO Chip Explorer データセット {found[2]}年{_MONTHS.index(found[1]) + 1}月更新版"


#: Every KPI of the engine in reading order: output-based first (the headline), chips after.
KPIS: tuple[str, ...] = (
    "output_lost_weeks",
    "output_lost_pct_annual",
    "peak_output_lost_pct",
    "weeks_to_recover",
    "loss_usd_bn",
    "cumulative_shortfall_weeks",
    "cumulative_shortfall_pct_annual",
    "peak_weekly_shortfall_pct",
    "chips_not_delivered_usd_bn",
    "lead_time_weeks_peak",
    "inventory_drawdown_peak_pct",
    "inventory_cover_min_weeks",
    "backlog_end_weeks",
)
#: Names of the output-based KPIs (shown first); the others are about chips.
OUTPUT_KPIS = KPIS[:5]


def _pick(family: str, code: str, lang: Lang) -> str:
    key = f"{family}.{code}"
    return message(key, lang) if has_message(key, lang) else code.replace("_", " ")


def market_label(market: str, lang: Lang = "en") -> str:
    """``ai_datacenter`` -> "AI and data centre" / 「AI・データセンター」."""
    return _pick("market", str(market), lang)


def node_label(node: str, lang: Lang = "en") -> str:
    """``lt10`` -> "Leading edge (<10 nm)"."""
    return _pick("node", str(node), lang)


def in_language(english: object, japanese: object, lang: Lang = "en") -> str:
    """A data text in ``lang``: in Japanese the data's own Japanese text (``region_or_city_ja``,
    ``technology_ja`` ...) where it has one, else -- and in English -- its English text as it is
    (a blank Japanese cell shows the English, never an empty cell); missing both, "".

    >>> in_language("Chitose, Hokkaido", "北海道千歳市", "ja"), in_language("Dresden", None, "ja")
    ('北海道千歳市', 'Dresden')
    """

    def text(value: object) -> str:
        return value.strip() if isinstance(value, str) else ""

    return (text(japanese) if lang == "ja" else "") or text(english)


def fab_names(fabs: pd.DataFrame, lang: Lang = "en") -> dict[str, str]:
    """Each fab's name in ``lang`` by ``fab_id`` (fabs.csv): in Japanese its ``name_ja`` where
    it has one, else its ``name`` (`in_language`); every surface's Japanese text names fabs so.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"fab_id": ["a", "b"], "name": ["JASM Kumamoto Fab 1", "Fab X"],
    ...     "name_ja": ["JASM第1工場", None]})
    >>> fab_names(f, "ja"), fab_names(f)["a"]
    ({'a': 'JASM第1工場', 'b': 'Fab X'}, 'JASM Kumamoto Fab 1')
    """
    japanese = fabs["name_ja"] if "name_ja" in fabs else [None] * len(fabs)
    return {
        str(f): in_language(n, j, lang)
        for f, n, j in zip(fabs["fab_id"], fabs["name"], japanese, strict=True)
    }


def fab_operators(fabs: pd.DataFrame, lang: Lang = "en") -> dict[str, str]:
    """Each fab's operator in ``lang`` by ``fab_id``: fabs.csv's ``operator``, in Japanese its
    ``operator_ja`` (fab_names_ja.csv) where it has one (`in_language`).

    >>> import pandas as pd
    >>> f = pd.DataFrame({"fab_id": ["a"], "operator": ["Denso"], "operator_ja": ["デンソー"]})
    >>> fab_operators(f, "ja"), fab_operators(f)
    ({'a': 'デンソー'}, {'a': 'Denso'})
    """
    japanese = fabs["operator_ja"] if "operator_ja" in fabs else [None] * len(fabs)
    return {
        str(f): in_language(o, j, lang)
        for f, o, j in zip(fabs["fab_id"], fabs["operator"], japanese, strict=True)
    }


def operator_names(fabs: pd.DataFrame | None, lang: Lang = "en") -> dict[str, str]:
    """Each operator's display name in ``lang`` by ``operator_id``, the one lookup of every
    surface that names operators: operator_names.csv's ``name`` / ``name_ja``, which the loader
    adds to the fabs table as ``operator_name`` / ``operator_name_ja``
    (`chipshock.data.curated.with_operator_names`). An operator without a row there is named
    as its fabs name it: its most frequent fabs.csv ``operator`` (the name `chipshock sourcing`
    gives it: `chipshock.sim.network.sourcing_view.operator_names`), in Japanese the
    ``operator_ja`` (fab_names_ja.csv) of those fabs (UMC: UMC（聯華電子）), else the English.

    >>> import pandas as pd
    >>> fabs = pd.DataFrame({"operator_id": ["samsung", "samsung", "umc", "umc", "umc"],
    ...     "operator": ["Samsung Electronics", "Samsung Electronics", "UMC", "UMC", "UMC (USJC)"],
    ...     "operator_ja": [None, None, "UMC（聯華電子）", "UMC（聯華電子）", "UMC（USJC）"],
    ...     "operator_name": ["Samsung", "Samsung", None, None, None],
    ...     "operator_name_ja": ["サムスン電子", "サムスン電子", None, None, None]})
    >>> operator_names(fabs, "ja")
    {'samsung': 'サムスン電子', 'umc': 'UMC（聯華電子）'}
    >>> operator_names(fabs)
    {'samsung': 'Samsung', 'umc': 'UMC'}
    """
    if fabs is None or "operator_id" not in fabs:
        return {}
    import pandas as pd  # the fabs table is pandas already; the module does not import it

    column = "operator_name_ja" if lang == "ja" else "operator_name"
    # plain lists, one pass: a request names operators several times over (each side's
    # utilisation, in two languages), and a pandas group per operator cost ~0.1 s a call
    given = fabs[column].tolist() if column in fabs else None
    english = [str(o) for o in fabs["operator"]] if "operator" in fabs else None
    japanese = (
        [None if pd.isna(j) else j for j in fabs["operator_ja"].tolist()]
        if "operator_ja" in fabs
        else None
    )
    rows_of: dict[Any, list[int]] = {}
    for i, operator in enumerate(fabs["operator_id"].tolist()):
        if not pd.isna(operator):  # as a groupby leaves out a missing key
            rows_of.setdefault(operator, []).append(i)
    names: dict[str, str] = {}
    for operator, rows in rows_of.items():
        own = [given[i] for i in rows if isinstance(given[i], str) and given[i]] if given else []
        if own:
            names[str(operator)] = own[0]
        elif english is not None:
            names[str(operator)] = _fabs_operator_name(rows, english, japanese, lang)
    return names


def _most_frequent(values: list[str]) -> str:
    """The most frequent of ``values``, a tie going to the first seen (as `value_counts`
    orders equal counts)."""
    counts = Counter(values)
    return max(dict.fromkeys(values), key=counts.__getitem__)


def _fabs_operator_name(
    rows: list[int], english: list[str], japanese: list[Any] | None, lang: Lang
) -> str:
    """The name an operator's fab ``rows`` give it: their most frequent ``operator`` (ties
    to the first seen, as `chipshock sourcing` breaks them), in Japanese the most frequent
    ``operator_ja`` of the rows so named (`in_language`: the English where none has one)."""
    name = _most_frequent([english[i] for i in rows])
    if lang != "ja" or japanese is None:
        return name
    named = [japanese[i] for i in rows if english[i] == name and japanese[i] is not None]
    given = [str(n) for n in named if str(n) != ""]
    return in_language(name, _most_frequent(given) if given else None, lang)


def place_label(english: object, japanese: object, country: str, lang: Lang = "en") -> str:
    """Where a fab is, with its country: "Chitose, Hokkaido, Japan" / 「日本・北海道千歳市」
    (country first, as Japanese writes a place; the place by `in_language`: a place without a
    Japanese name is written in English).

    >>> place_label("Chitose, Hokkaido", "北海道千歳市", "JPN", "ja")
    '日本・北海道千歳市'
    >>> place_label("Dresden, Saxony", None, "DEU", "ja"), place_label(None, None, "DEU")
    ('ドイツ・Dresden, Saxony', 'Germany')
    """
    place, nation = in_language(english, japanese, lang), country_label(country, lang)
    if not place:
        return nation
    return f"{nation}・{place}" if lang == "ja" else f"{place}, {nation}"


def country_label(code: str, lang: Lang = "en") -> str:
    """``TWN`` -> "Taiwan" / 「台湾」 (unknown codes as given)."""
    return _pick("country", str(code), lang)


def country_names(lang: Lang = "en") -> dict[str, str]:
    """Every country and region code the catalogue names, with its name in ``lang`` (the
    names `country_label` gives, for a surface that looks codes up itself: the dashboard).

    >>> names = country_names("ja")
    >>> names["TWN"], names["ROW"], country_names()["JPN"]
    ('台湾', 'その他の地域', 'Japan')
    """
    codes = sorted(k.removeprefix("country.") for k in catalogue(lang) if k.startswith("country."))
    return {code: country_label(code, lang) for code in codes}


def countries_label(codes: object, lang: Lang = "en") -> str:
    """A data cell of country codes separated by ";" (alliance_deliverables.csv
    ``actor_country``: "USA; JPN; GBR"; a capacity region: "ROW") by their names, in the
    order given: "United States, Japan, United Kingdom" / 「米国・日本・英国」 (unknown codes as
    given, `country_label`; "" for a blank or missing cell).

    >>> countries_label("USA; JPN; GBR", "ja"), countries_label("ROW")
    ('米国・日本・英国', 'Rest of the world')
    >>> countries_label(None, "ja")
    ''
    """
    if not isinstance(codes, str):
        return ""
    names = [country_label(c.strip(), lang) for c in codes.split(";") if c.strip()]
    return ("・" if lang == "ja" else ", ").join(names)


def confidence_label(value: str, lang: Lang = "en") -> str:
    """``low``/``medium``/``high`` (or ``a/b``) in words."""
    parts = [p for p in str(value or "unrated").split("/") if p]
    return ("・" if lang == "ja" else "/").join(_pick("confidence", p, lang) for p in parts)


def kpi_order(names: Iterable[str]) -> list[str]:
    """KPI names in reading order: output-based first, then chip-based, then any others."""
    known = list(KPIS)
    return sorted(dict.fromkeys(names), key=lambda k: known.index(k) if k in known else len(known))


def kpi_unit(kpi: str, lang: Lang = "en") -> str:
    """The unit a KPI's raw values are in, for axis titles: USD bn, %, weeks."""
    k = kpi.lower()
    if "usd_bn" in k:
        return message("unit.usd_bn", lang)
    if "pct" in k:
        return "%"
    return message("unit.weeks", lang) if "week" in k else ""


def kpi_label(kpi: str, lang: Lang = "en") -> str:
    """A distinct, plain label for each KPI (unknown names: the name with spaces)."""
    return _pick("kpi", str(kpi), lang)
