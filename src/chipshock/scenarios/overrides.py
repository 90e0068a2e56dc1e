"""Change a few things about a scenario without writing a file (CLI options, dashboard sliders).

>>> from chipshock.scenarios import load_scenario
>>> s = apply_overrides(load_scenario("taiwan-blockade-2027-6m"), start_year=2029,
...                     duration_weeks=13, fabs_off=["rapidus-iim1"], runs=200)
>>> s.shocks[0].start_year, s.shocks[0].duration_weeks.central, s.runs
(2029, 13.0, 200)
>>> s.interventions[-1].kind, s.interventions[-1].fabs
('fabs_off', ('rapidus-iim1',))

A changed start year or duration, and a fab switched off or on, is said in the title and the
description (English and Japanese), so that no surface shows the scenario's own title for a run
that changed it:

>>> s.title
'Taiwan blockade, 2027, six months (changed: starts in 2029, lasts 13 weeks, without rapidus-iim1)'
>>> s.title_ja.endswith("［変更：2029年開始、13週間、rapidus-iim1を停止］")
True

The built-in counterfactual's fabs (`ALLIANCE_COUNTERFACTUAL`) are named as one:

>>> apply_overrides(load_scenario("taiwan-blockade-2027-6m"),
...                 fabs_off=sorted(alliance_fabs())).title
'Taiwan blockade, 2027, six months (changed: without the alliance fabs)'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from chipshock.errors import Problem, ScenarioValidationFailed
from chipshock.scenarios._fields import FIRST_YEAR, LAST_YEAR, MAX_RUNS
from chipshock.scenarios.model import Distribution, Intervention, Scenario, SourcingShare

__all__ = [
    "ALLIANCE_COUNTERFACTUAL",
    "MAX_DURATION_WEEKS",
    "RESTORED_LABEL",
    "TIMING_NOTE",
    "alliance_fabs",
    "apply_overrides",
    "fab_note",
    "replace_sourcing",
    "sourcing_note",
    "timing_note",
]

#: the longest ``duration_weeks`` an override takes, CLI and API alike (review 14 #5): 20 years,
#: longer than any horizon the model's years allow (2022-2040), so every shock that lasts to
#: the horizon's end can be asked for; a larger number overflowed the charts' dates (a 500)
MAX_DURATION_WEEKS = 1040

#: the built-in scenario whose switched-off fabs are "the alliance fabs" (`alliance_fabs`)
ALLIANCE_COUNTERFACTUAL = "taiwan-blockade-2027-6m-no-alliance-fabs"
#: the labels `apply_overrides` gives the fab switches it adds (a note names their fabs)
OVERRIDE_LABELS = {"fabs_off": "override: fabs off", "fabs_on": "override: fabs on"}
#: the label of the ``fabs_on`` switch `apply_overrides` adds for fabs it took out of the
#: scenario's own ``fabs_off`` (the counterfactual's fabs back on): taking them out is what
#: changes the run, so such a fab may already run in the baseline (`RESTORED_LABEL` is noted
#: like `OVERRIDE_LABELS`)
RESTORED_LABEL = "override: fabs back on"

#: the words of a changed timing, by language: the title's suffix (opening and closing), the
#: description's first paragraph (``{changes}`` filled in), and each change (the first shock's
#: year, the one shock's or every shock's duration, the horizon of a scenario without shocks).
#: Said here once: every surface shows the scenario's title and description as they are.
TIMING_NOTE: dict[str, dict[str, str]] = {
    "en": {
        "open": " (changed: ",
        "close": ")",
        "join": ", ",
        "description": "Changed for this run: {changes}. The description below is the "
        "scenario's own, as written; where it states another year, length or set of fabs, "
        "this run's changes above apply.",
        "start_one": "starts in {year}",
        "start_many": "first shock in {year}",
        "horizon": "horizon from {year}",
        "duration_one": "lasts {weeks} weeks",
        "duration_many": "every shock lasts {weeks} weeks",
        "fabs_off": "without {fabs}",
        "fabs_on": "with {fabs}",
        "alliance_off": "without the alliance fabs",
        "alliance_on": "with the alliance fabs",
        "sourcing": "own sourcing of {cells}",
    },
    "ja": {
        "open": "［変更：",
        "close": "］",
        "join": "、",
        "description": "今回の設定変更：{changes}。以下の説明はシナリオ本来のもので、"
        "別の年・期間・工場が書かれていても、今回は上記の設定変更が適用されます。",
        "start_one": "{year}年開始",
        "start_many": "最初のショックは{year}年",
        "horizon": "{year}年から",
        "duration_one": "{weeks}週間",
        "duration_many": "各ショック{weeks}週間",
        "fabs_off": "{fabs}を停止",
        "fabs_on": "{fabs}を稼働",
        "alliance_off": "日米連携の新工場なし",
        "alliance_on": "日米連携の新工場あり",
        "sourcing": "{cells}の調達先を指定",
    },
}


def _weeks(value: float) -> str:
    """13.0 -> '13', 6.5 -> '6.5'."""
    return f"{value:g}"


def timing_note(scenario: Scenario, lang: str, *, moved: bool, fixed: bool) -> str:
    """The changes of a run's timing in ``lang`` ("starts in 2029, lasts 52 weeks"): the first
    shock's year (or the horizon's start, without shocks) if ``moved``, the shocks' duration
    if ``fixed`` (the scenario as it is after the change)."""
    words = TIMING_NOTE[lang]
    many = len(scenario.shocks) > 1
    parts = []
    if moved and scenario.shocks:
        first = min(x.start_year for x in scenario.shocks)
        parts.append(words["start_many" if many else "start_one"].format(year=first))
    elif moved:
        parts.append(words["horizon"].format(year=scenario.start_year))
    if fixed and scenario.shocks:
        weeks = _weeks(scenario.shocks[0].duration_weeks.central)
        parts.append(words["duration_many" if many else "duration_one"].format(weeks=weeks))
    return words["join"].join(parts)


@cache
def alliance_fabs() -> frozenset[str]:
    """The fabs the built-in counterfactual (`ALLIANCE_COUNTERFACTUAL`) switches off: "the
    alliance fabs" of every surface."""
    from chipshock.scenarios.parser import load_scenario

    counterfactual = load_scenario(ALLIANCE_COUNTERFACTUAL)
    return frozenset(
        f for i in counterfactual.interventions if i.kind == "fabs_off" for f in i.fabs
    )


def fab_note(scenario: Scenario, lang: str) -> list[str]:
    """The fab switches `apply_overrides` made, in ``lang`` ("without rapidus-iim1", "without
    the alliance fabs"): read from the scenario's interventions, so that a second change keeps
    the first one's fabs in the note."""
    words = TIMING_NOTE[lang]
    parts = []
    for kind, key in (("fabs_off", "off"), ("fabs_on", "on")):
        labels = {OVERRIDE_LABELS[kind]} | ({RESTORED_LABEL} if kind == "fabs_on" else set())
        fabs = [f for i in scenario.interventions if i.label in labels for f in i.fabs]
        fabs = list(dict.fromkeys(fabs))
        alliance = alliance_fabs()
        if alliance and alliance <= set(fabs):
            parts.append(words[f"alliance_{key}"])
            fabs = [f for f in fabs if f not in alliance]
        if fabs:
            parts.append(words[f"fabs_{key}"].format(fabs=", ".join(fabs)))
    return parts


def _written(text: str, lang: str, part: str) -> str:
    """``text`` without the note a previous change added (the title's suffix, the
    description's first paragraph)."""
    words = TIMING_NOTE[lang]
    if part == "title":
        return text.split(words["open"])[0]
    head = words["description"].split("{changes}")[0]
    return text.partition("\n\n")[2] if text.startswith(head) else text


def _noted(title: str) -> tuple[bool, bool]:
    """(start, duration): what the note of an earlier change in the English ``title`` states."""
    words = TIMING_NOTE["en"]
    if words["open"] not in title:
        return False, False
    note = title.split(words["open"], 1)[1]

    def says(*keys: str) -> bool:
        return any(words[k].split("{")[0] in note for k in keys)

    return says("start_one", "start_many", "horizon"), says("duration_one", "duration_many")


def sourcing_note(rows: Sequence[SourcingShare], lang: str) -> str:
    """The markets and classes whose sourcing a run gives, in ``lang`` ("own sourcing of
    automotive n28_45"; empty without rows)."""
    cells = list(dict.fromkeys(f"{r.market} {r.node_class}" for r in rows))
    if not cells:
        return ""
    return TIMING_NOTE[lang]["sourcing"].format(cells=TIMING_NOTE[lang]["join"].join(cells))


def replace_sourcing(
    own: Sequence[SourcingShare], given: Sequence[SourcingShare]
) -> tuple[SourcingShare, ...]:
    """``given`` [[sourcing]] rows first, then those of ``own`` for the other markets and
    classes: the rows of one market and class replace the scenario's for it, as a file's
    replace sourcing_shares.csv's.

    >>> a = SourcingShare("automotive", "n28_45", "tsmc", 50.0)
    >>> b = SourcingShare("automotive", "lt10", "tsmc", 40.0)
    >>> c = SourcingShare("automotive", "n28_45", "umc", 20.0)
    >>> [(r.node_class, r.operator) for r in replace_sourcing([a, b], [c])]
    [('n28_45', 'umc'), ('lt10', 'tsmc')]
    """
    cells = {(r.market, r.node_class) for r in given}
    return (*given, *(r for r in own if (r.market, r.node_class) not in cells))


def _with_timing_note(
    scenario: Scenario, *, moved: bool, fixed: bool, sourced: Sequence[SourcingShare] = ()
) -> dict[str, str]:
    """The title, title_ja, description and description_ja of a scenario whose timing or fabs
    were changed, each saying the change (`timing_note`, then `fab_note`; a note an earlier
    change added is replaced, and what it changed is kept in the new one); a scenario without
    a Japanese title or description keeps them empty (the surfaces then show the English
    ones)."""
    was_moved, was_fixed = _noted(scenario.title)
    out = {}
    for lang, suffix in (("en", ""), ("ja", "_ja")):
        title = str(getattr(scenario, "title" + suffix))
        description = str(getattr(scenario, "description" + suffix))
        words = TIMING_NOTE[lang]
        timing = timing_note(scenario, lang, moved=moved or was_moved, fixed=fixed or was_fixed)
        parts = (timing, *fab_note(scenario, lang), sourcing_note(sourced, lang))
        note = words["join"].join([p for p in parts if p])
        if title or lang == "en":
            out["title" + suffix] = (
                _written(title, lang, "title") + words["open"] + note + words["close"]
            )
        if description or lang == "en":
            written = _written(description, lang, "description")
            text = words["description"].format(changes=note)
            out["description" + suffix] = f"{text}\n\n{written}" if written else text
    return out


def _without(
    interventions: tuple[Intervention, ...], kind: str, fabs: set[str]
) -> list[Intervention]:
    """Interventions with ``fabs`` taken out of those of ``kind`` (emptied ones dropped)."""
    kept = []
    for item in interventions:
        if item.kind == kind and fabs & set(item.fabs):
            rest = tuple(f for f in item.fabs if f not in fabs)
            if not rest:
                continue
            item = replace(item, fabs=rest)
        kept.append(item)
    return kept


def apply_overrides(
    scenario: Scenario,
    *,
    start_year: int | None = None,
    duration_weeks: float | None = None,
    fabs_off: Iterable[str] = (),
    fabs_on: Iterable[str] = (),
    runs: int | None = None,
    seed: int | None = None,
    sourcing: Sequence[SourcingShare] = (),
) -> Scenario:
    """A copy of ``scenario`` with some things changed (the original is unchanged).

    - ``start_year``: the first shock starts in this year (same week); every shock and the
      horizon move by the same number of years, so timing within the scenario is kept. With
      no shocks the horizon starts in this year.
    - ``duration_weeks``: every shock lasts exactly this long (its distribution becomes fixed).
    - ``fabs_off`` / ``fabs_on``: fab ids switched off / on. A fab switched on is also taken
      out of any ``fabs_off`` intervention of the scenario, and vice versa; the fabs switched
      on that the scenario switched off get a switch of their own (`RESTORED_LABEL`), as
      switching them back on changes the run even where they run in the baseline.
    - ``runs``, ``seed``: Monte Carlo runs and random seed.
    - ``sourcing``: [[sourcing]] rows (`parse_sourcing`, checked there); those of a market
      and class replace the scenario's own for it (`replace_sourcing`).

    A start year or duration that changes the timing, any fab switched off or on, and rows of
    ``sourcing`` (their markets and classes, `sourcing_note`), also
    change the title and description (both languages) to say so (`TIMING_NOTE`); the id stays,
    so results remain comparable.

    Raises `ScenarioValidationFailed` (a `ScenarioError`) listing every bad value.
    """
    problems: list[Problem] = []

    def bad(name: str, message: str, value: object, expected: str) -> None:
        # the value as given: the error quotes it once ("(got '2045'; ...)")
        problems.append(
            Problem(message, file="overrides", field=name, value=str(value), expected=expected)
        )

    changes: dict[str, object] = {}
    moved = fixed = False
    shocks = scenario.shocks
    first = min((s.start_year for s in shocks), default=scenario.start_year)
    if start_year is not None and (isinstance(start_year, bool) or not isinstance(start_year, int)):
        bad("start_year", "wrong type", start_year, "an integer year")
    elif start_year is not None:
        delta = start_year - first
        begin, end = scenario.start_year + delta, scenario.end_year + delta
        if begin < FIRST_YEAR or end > LAST_YEAR:
            bad(
                "start_year",
                f"the moved horizon ({begin}–{end}) leaves the years the data covers",
                start_year,
                f"a horizon within {FIRST_YEAR}–{LAST_YEAR}; this scenario allows "
                f"{first + FIRST_YEAR - scenario.start_year}–"
                f"{first + LAST_YEAR - scenario.end_year}",
            )
        else:
            shocks = tuple(replace(s, start_year=s.start_year + delta) for s in shocks)
            changes.update(start_year=begin, end_year=end)
            moved = delta != 0
    if duration_weeks is not None:
        if (
            not isinstance(duration_weeks, int | float)
            or isinstance(duration_weeks, bool)
            or (not math.isfinite(duration_weeks) or not 0 <= duration_weeks <= MAX_DURATION_WEEKS)
        ):
            bad(
                "duration_weeks",
                "out of range",
                duration_weeks,
                f"a number of weeks, 0 ≤ weeks ≤ {MAX_DURATION_WEEKS:,}",
            )
        else:
            length = Distribution.fixed(float(duration_weeks))
            fixed = any(s.duration_weeks != length for s in shocks)
            shocks = tuple(replace(s, duration_weeks=length) for s in shocks)
    if runs is not None and (
        isinstance(runs, bool) or not isinstance(runs, int) or not 1 <= runs <= MAX_RUNS
    ):
        bad("runs", "out of range", runs, f"1 ≤ runs ≤ {MAX_RUNS:,}")
    elif runs is not None:
        changes["runs"] = runs
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        bad("seed", "out of range", seed, "an integer ≥ 0")
    elif seed is not None:
        changes["seed"] = seed
    off, on = list(dict.fromkeys(fabs_off)), list(dict.fromkeys(fabs_on))
    both = sorted(set(off) & set(on))
    if both:
        bad(
            "fabs_on",
            "a fab cannot be switched both off and on",
            ", ".join(both),
            "each fab in one list only",
        )
    if problems:
        raise ScenarioValidationFailed(
            problems, context=f"invalid overrides for {scenario.scenario_id}"
        )
    interventions = list(scenario.interventions)
    if off:
        interventions = _without(tuple(interventions), "fabs_on", set(off))
        interventions.append(
            Intervention("fabs_off", fabs=tuple(off), label=OVERRIDE_LABELS["fabs_off"])
        )
    if on:
        was_off = {f for i in interventions if i.kind == "fabs_off" for f in i.fabs}
        interventions = _without(tuple(interventions), "fabs_off", set(on))
        fresh = tuple(f for f in on if f not in was_off)
        back = tuple(f for f in on if f in was_off)
        if fresh:
            interventions.append(
                Intervention("fabs_on", fabs=fresh, label=OVERRIDE_LABELS["fabs_on"])
            )
        if back:
            interventions.append(Intervention("fabs_on", fabs=back, label=RESTORED_LABEL))
    if sourcing:
        changes["sourcing"] = replace_sourcing(scenario.sourcing, sourcing)
    changed = scenario.with_changes(shocks=shocks, interventions=tuple(interventions), **changes)
    if moved or fixed or off or on or sourcing:  # say it wherever the title or description is
        notes = _with_timing_note(changed, moved=moved, fixed=fixed, sourced=sourcing)
        return changed.with_changes(**notes)
    return changed
