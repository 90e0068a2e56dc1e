"""What the error line of a year outside the model's years adds: why the model's years are
2022–2040, and, for `chipshock capacity` and `chipshock fabs`, where the fab registry's figure
for that year is (`chipshock fabs --year` takes any year of the registry and says whose figure
it shows), so that the two commands read as one rule, not as two answers."""

from __future__ import annotations

from chipshock.errors import Problem
from chipshock.present.expected_text import expected_parts
from chipshock.present.messages import message
from chipshock.present.numbers import Lang
from chipshock.scenarios import REGISTRY_FIRST_YEAR, REGISTRY_LAST_YEAR

__all__ = ["model_year_note"]

#: the commands whose year is one of capacity: the registry holds a figure for it too
_CAPACITY_COMMANDS = ("chipshock capacity", "chipshock fabs")


def model_year_note(problem: Problem, command: str, lang: Lang = "en") -> str:
    """The sentences after ``problem``'s error line when it refused a year outside the model's
    (its ``expected`` is the model's years, `chipshock.scenarios.check_model_year`), else "".

    >>> refused = Problem("year out of range", field="--year", value="2050",
    ...     expected="a year 2022–2040, the years of capacity and of scenario horizons")
    >>> print(model_year_note(refused, "chipshock capacity"))
    The model's years run from 2022, the first year of the regional capacity data \
(global_capacity.csv), to 2040, the last year a scenario's horizon may reach. The fab \
registry's capacity in 2050 (each fab's fab_capacity.csv rows in force then, not the \
model's): chipshock fabs --year 2050.
    >>> model_year_note(refused, "chipshock markets").endswith("may reach.")
    True
    >>> model_year_note(Problem("unknown market", value="x", expected="one of a, b"), "x")
    ''
    """
    found = expected_parts(problem.expected or "")
    if found is None or found[0] != "year_horizon":
        return ""
    years = found[1]
    note = message("cli.model_years_why", lang, first=years["first"], last=years["last"])
    value = (problem.value or "").strip()
    registry_year = value.isdigit() and REGISTRY_FIRST_YEAR <= int(value) <= REGISTRY_LAST_YEAR
    if command in _CAPACITY_COMMANDS and registry_year:
        sep = "" if lang == "ja" else " "
        note += sep + message("cli.model_years_registry", lang, year=int(value))
    return note
