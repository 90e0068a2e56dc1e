"""How old each capacity figure of a utilisation table is, where users read the table (review
16, finding 11): the CLI's ``scenario run/compare --utilisation``, the API's ``utilisation[]``,
the dashboard's utilisation tables and the report's appendix all show it from here.

A producer row of `chipshock.sim.run.utilisation` is measured in its model ``year`` with the
capacity figure dated ``capacity_as_of``; the figure's age in that table is

    capacity_age_years = year - (the as_of's year)

(whole years: "2007-10 (20 years before 2027)"). A row is flagged old when its age exceeds
model_assumptions.csv ``capacity_audit_max_age_years`` (the threshold `chipshock data audit`
uses, read from the data by `chipshock.data.capacity_age.capacity_age_threshold`). The audit
counts ages differently, from the *first* model year a fab_capacity.csv row serves, to the
month (Intel Fab 32's 2007-10 row: 14.2 years before 2022), so the note under each table says
both, lest the two look contradictory.
"""

from __future__ import annotations

import pandas as pd

from chipshock.data.capacity_age import MAX_AGE_PARAMETER, as_of_year

__all__ = [
    "OLD_MARKER",
    "capacity_age_columns",
    "capacity_age_note",
    "capacity_as_of_label",
]

#: what stands before an old capacity figure's date on every surface
OLD_MARKER = "⚠"


def _as_of_year(as_of: object) -> int | None:
    """The calendar year of an ``as_of`` text (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``; the
    audit's `as_of_year` without its month); None if empty."""
    try:
        year = as_of_year(as_of)
    except ValueError:  # not a date: no age
        return None
    return None if year is None else int(year)


def capacity_as_of_label(as_of: object, year: int, max_age_years: float, lang: str = "en") -> str:
    """A capacity figure's as-of date as a table shows it: the date alone, or for a figure more
    than ``max_age_years`` older than the table's ``year``, the marker, the date and how many
    years before that year it lies; "–" without a date.

    >>> capacity_as_of_label("2007-10", 2027, 10)
    '⚠ 2007-10 (20 years before 2027)'
    >>> capacity_as_of_label("2007-10", 2027, 10, "ja")
    '⚠ 2007-10（2027年の20年前）'
    >>> capacity_as_of_label("2024-06", 2027, 10), capacity_as_of_label(None, 2027, 10)
    ('2024-06', '–')
    """
    then = _as_of_year(as_of)
    if then is None:
        return "–"
    age = int(year) - then
    if age <= max_age_years:
        return str(as_of)
    if lang == "ja":
        return f"{OLD_MARKER} {as_of}（{int(year)}年の{age}年前）"
    return f"{OLD_MARKER} {as_of} ({age} years before {int(year)})"


def capacity_age_columns(table: pd.DataFrame, max_age_years: float) -> pd.DataFrame:
    """``table`` (rows of `chipshock.sim.run.utilisation`: ``year``, ``capacity_as_of``) with
    ``capacity_age_years`` (year - the as_of's year; null without a date),
    ``capacity_age_old`` (age > ``max_age_years``) and the labels of `capacity_as_of_label`,
    ``capacity_as_of_label`` and ``capacity_as_of_label_ja``.

    >>> t = pd.DataFrame({"year": [2027, 2027, 2027],
    ...     "capacity_as_of": ["2007-10", "2017-01", None]})
    >>> out = capacity_age_columns(t, 10)
    >>> out[["capacity_age_years", "capacity_age_old"]].values.tolist()
    [[20, True], [10, False], [<NA>, False]]
    """
    if table.empty:
        return table.assign(
            capacity_age_years=pd.Series(dtype="Int64"),
            capacity_age_old=pd.Series(dtype=bool),
            capacity_as_of_label=pd.Series(dtype=object),
            capacity_as_of_label_ja=pd.Series(dtype=object),
        )
    years = [int(y) for y in table["year"]]
    as_of = list(table["capacity_as_of"])
    ages = [
        None if (then := _as_of_year(a)) is None else y - then
        for a, y in zip(as_of, years, strict=True)
    ]
    return table.assign(
        capacity_age_years=pd.array(ages, dtype="Int64"),
        capacity_age_old=[a is not None and a > max_age_years for a in ages],
        capacity_as_of_label=[
            capacity_as_of_label(a, y, max_age_years) for a, y in zip(as_of, years, strict=True)
        ],
        capacity_as_of_label_ja=[
            capacity_as_of_label(a, y, max_age_years, "ja")
            for a, y in zip(as_of, years, strict=True)
        ],
    )


def capacity_age_note(table: pd.DataFrame, max_age_years: float, lang: str = "en") -> str:
    """The line under a utilisation table with old capacity figures (``capacity_age_old``
    rows of `capacity_age_columns`): what the marker means, the threshold and its data row, and
    why `chipshock data audit` gives smaller ages; "" when no figure of ``table`` is old.

    >>> t = capacity_age_columns(pd.DataFrame({"year": [2027, 2027],
    ...     "capacity_as_of": ["2007-10", "2024-01"]}), 10)
    >>> capacity_age_note(t, 10)[:62]
    '⚠ marks a capacity figure more than 10 years older than the ye'
    >>> capacity_age_note(t.iloc[1:], 10)
    ''
    """
    if table.empty or "capacity_age_old" not in table:
        return ""
    if not table["capacity_age_old"].astype(bool).any():
        return ""
    limit = f"{max_age_years:g}"
    if lang == "ja":
        return (
            f"{OLD_MARKER} は、表の年より {limit} 年を超えて古い資料による生産能力の数値の印です"
            f"（model_assumptions.csv {MAX_AGE_PARAMETER}）。モデルは工場の最後に出典"
            "のある生産能力を、より新しい行が入るまで使い続けます。`chipshock data audit` の "
            "old_capacity_rows は fab_capacity.csv の行の古さを、その行を使う最初のモデル年"
            "（horizon_min_year かその行の年の遅いほう）から月単位で数えるため、それより前の年"
            "にも使われる行はそこでは年数が小さく、挙がる行も少なくなることがあります。"
        )
    return (
        f"{OLD_MARKER} marks a capacity figure more than {limit} years older than the year of "
        f"the table (model_assumptions.csv {MAX_AGE_PARAMETER}): the model keeps a fab's last "
        "sourced capacity until a newer row. `chipshock data audit` (old_capacity_rows) counts "
        "a fab_capacity.csv row's age from the first model year it serves (horizon_min_year or "
        "the row's own year, whichever is later), to the month, so a row that also serves "
        "earlier years is younger there than here, and the audit may list fewer rows."
    )
