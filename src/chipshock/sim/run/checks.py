"""Every independent problem of a scenario file in one round (review 14 #7).

The parser reports each field it cannot read and keeps the rest (`parse_partial`); the data
checks (fabs, operators, markets, inputs, shock targets, groups, parameters, regimes) then run
on the scenario of the fields that parsed, as the engine's own compile step runs them
(`chipshock.sim.prepare.prepare` and the draws), so they say exactly what a run would say.
That step stops at the first check that fails; here each failure is recorded, the table, id
or entry it names is taken out of the scenario, and the step runs again, until it passes:

- an unknown fab, partnership or market of an intervention: that id alone is left out (an id
  that names nothing changes nothing, so the other checks see the scenario's own world);
- any other problem of ``shock[i]``, ``intervention[i]``, ``fab_override[i]``,
  ``sourcing[i]``: that table is left out; ``priorities.<m>``, ``parameters.<name>``,
  ``scenario.assumptions`` and the inventory regimes: that entry.

A check that depends on a field the parser could not read is not run, and a line says so
(``skipped``: each line a `SkippedCheck`, its kind a message key that words it in English and
Japanese; ``not_checked``: the lines in English), rather than run on a guess: a shock whose
kind, targets, start, inputs or rows are bad; a table that could not be built; the sourcing
rows, fab overrides and ``fabs_on`` switches when the horizon is bad or a table that changes
which fabs run (an intervention that switches fabs, a fab override) was left out; a shock that
names a bad group.
Every field keeps the file's numbering (``shock[2]`` is the file's third ``[[shock]]``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from chipshock.errors import (
    InputError,
    Problem,
    ScenarioError,
    ScenarioValidationFailed,
    ValidationFailed,
)
from chipshock.scenarios.model import Intervention, Scenario, Shock
from chipshock.scenarios.parser import PartialScenario
from chipshock.sim.data import ModelData
from chipshock.sim.draws import draw_parameters
from chipshock.sim.run.api import compiled

__all__ = ["SKIPPED_LINES", "ScenarioCheck", "SkippedCheck", "check_partial", "raise_problems"]

#: rounds of "take out what failed, run again" before giving up (each names at least one
#: problem, so a file has to be very wrong to reach it)
MAX_ROUNDS = 40
#: the keys of a shock the data checks read: a bad one leaves the shock out of them
SHOCK_DATA_KEYS = ("kind", "targets", "start", "to", "inputs", "classes", "rows")
#: the keys of an intervention the data checks read
INTERVENTION_DATA_KEYS = ("kind", "fabs", "partnerships", "markets")
#: the keys of a fab override the data checks read (a problem on the table alone, "an override
#: changes nothing", keeps its fab in the checks: they still say whether it exists)
FAB_OVERRIDE_DATA_KEYS = ("fab", "capacity_wspm", "start_year", "ramp_years", "node_class")
#: intervention kinds that change which fabs run
WORLD_KINDS = ("fabs_off", "fabs_on", "partnership_off")
_TABLE = re.compile(r"\b(shock|intervention|fab_override|sourcing)\[(\d+)\]")
_TABLE_FIELD = re.compile(r"^(shock|intervention|fab_override|sourcing)\[(\d+)\](?:\.(\w+))?")
_SCENARIO_ARRAYS = {
    "shock": "shocks",
    "intervention": "interventions",
    "fab_override": "fab_overrides",
    "sourcing": "sourcing",
}


#: the message key of each kind of line for a check not run, with its English (the message
#: catalogue of `chipshock.present.messages` has each key in English and Japanese, the English
#: the same: ``tests/present/test_check_notes.py``); ``{what}`` is the table not checked,
#: ``{fields}`` the fields it depends on. ``cli.validate_in_scenario`` puts the scenario (file
#: or id) before a line when several are checked at once.
SKIPPED_LINES: dict[str, str] = {
    "cli.validate_skipped": (
        "{what}: not checked against the data, it depends on {fields} (see above)"
    ),
    "cli.validate_stopped": (
        "the data checks after this problem were not run: fix it and check again"
    ),
    "cli.validate_in_scenario": "{scenario}, {note}",
}


@dataclass(frozen=True)
class SkippedCheck:
    """A check not run: the kind of line (``key``, one of `SKIPPED_LINES`), the table it would
    have checked (``what``: ``shock[1]``) and the fields with a problem it depends on
    (``because``); ``scenario``: the file or id it belongs to when several are checked at once.
    ``str()`` is the line in English; `chipshock.present.check_notes` says it in either
    language from the key."""

    key: str
    what: str = ""
    because: tuple[str, ...] = ()
    scenario: str = ""

    def __str__(self) -> str:
        line = SKIPPED_LINES[self.key].format(what=self.what, fields=", ".join(self.because))
        if not self.scenario:
            return line
        return SKIPPED_LINES["cli.validate_in_scenario"].format(scenario=self.scenario, note=line)


@dataclass(frozen=True)
class ScenarioCheck:
    """The problems of a scenario (the parser's first, ``parsed`` of them, then the data
    checks'), and the checks that were not run because they depend on a field with a problem
    (``skipped``); ``readable``: False when the TOML itself cannot be read."""

    problems: tuple[Problem, ...]
    skipped: tuple[SkippedCheck, ...] = ()
    parsed: int = 0
    readable: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def not_checked(self) -> tuple[str, ...]:
        """The checks not run, one English sentence each."""
        return tuple(str(s) for s in self.skipped)

    def within(self, scenario: str) -> ScenarioCheck:
        """This check with each line of a check not run naming ``scenario`` (of several)."""
        lines = tuple(dataclasses.replace(s, scenario=scenario) for s in self.skipped)
        return dataclasses.replace(self, skipped=lines)


def raise_problems(check: ScenarioCheck) -> None:
    """Raise the problems of ``check``, if any, as the parser and a run raised them before the
    round: `ScenarioValidationFailed` listing them all (with the checks not run), except one
    problem of the data checks alone, which is raised as itself (one line, as a run says it)."""
    if not check.problems:
        return
    if len(check.problems) == 1 and not check.parsed and not check.not_checked:
        raise ScenarioError(check.problems[0])
    context = "invalid scenario" if check.readable else "cannot read scenario"
    raise ScenarioValidationFailed(check.problems, context=context, notes=check.not_checked)


def check_partial(partial: PartialScenario, data: ModelData) -> ScenarioCheck:
    """Every problem of ``partial`` (`chipshock.scenarios.parse_partial`) against ``data``."""
    if partial.scenario is None:  # the TOML cannot be read: nothing to check further
        return ScenarioCheck(partial.problems, parsed=len(partial.problems), readable=False)
    state = _Checkable(partial)
    state.find_repeated_shocks()
    state.leave_out_parse_failures()
    for _ in range(MAX_ROUNDS):
        try:
            compile_checks(state.scenario, data)
            break
        except InputError as exc:
            found = exc.problems if isinstance(exc, ValidationFailed) else (exc.problem,)
            if not state.record(found):  # nothing to take out: the checks after this one cannot run
                state.skipped.append(SkippedCheck("cli.validate_stopped"))
                break
    return ScenarioCheck(
        tuple(dict.fromkeys(state.problems)),
        tuple(state.skipped),
        parsed=len(partial.problems),
    )


def compile_checks(scenario: Scenario, data: ModelData) -> None:
    """What a run checks before its first week: the compile step (kept for the run that
    follows, `chipshock.sim.run.api.compiled`) and the draws of one run."""
    _, prep = compiled(scenario, data)
    draw_parameters(scenario, data, prep, scenario.seed, 1)


class _Checkable:
    """The scenario the data checks run on, what it leaves out, and the file's numbering."""

    def __init__(self, partial: PartialScenario) -> None:
        assert partial.scenario is not None
        self.scenario: Scenario = partial.scenario
        self.source = partial.scenario.source
        self.problems: list[Problem] = list(partial.problems)
        self.skipped: list[SkippedCheck] = []
        # the file index of each table the scenario holds now
        self.index = {
            key: [partial.file_position(key, i) for i in range(len(self._tables(key)))]
            for key in _SCENARIO_ARRAYS
        }
        self.bad = [p.field or "" for p in partial.problems]

    def _tables(self, key: str) -> tuple[object, ...]:
        found: tuple[object, ...] = getattr(self.scenario, _SCENARIO_ARRAYS[key])
        return found

    def _bad(self, prefix: str) -> list[str]:
        """The fields with a parser problem at or under ``prefix``."""
        return [f for f in self.bad if f == prefix or f.startswith((f"{prefix}.", f"{prefix}["))]

    def _skip(self, what: str, because: Sequence[str]) -> None:
        self.skipped.append(
            SkippedCheck("cli.validate_skipped", what, tuple(dict.fromkeys(because)))
        )

    def _drop(self, key: str, position: int) -> None:
        tables = list(self._tables(key))
        del tables[position]
        del self.index[key][position]
        self.scenario = self.scenario.with_changes(**{_SCENARIO_ARRAYS[key]: tuple(tables)})

    def find_repeated_shocks(self) -> None:
        """A ``[[shock]]`` table the same as an earlier one in every key (its label too), both
        read without a problem, is a problem that names both: a shock pasted twice counts twice
        (two draws of the same cut), which an analyst rarely means; one who does raises the
        severity of one shock instead."""
        first: dict[Shock, int] = {}
        for position, shock in enumerate(self.scenario.shocks):
            i = self.index["shock"][position]
            if self._bad(f"shock[{i}]"):
                continue
            if shock in first:
                self.problems.append(
                    Problem(
                        f"the same shock as shock[{first[shock]}] (every key alike): a shock "
                        "written twice counts twice",
                        file=self.source or None,
                        field=f"shock[{i}]",
                        expected="each shock once (to make one stronger, raise its severity)",
                    )
                )
            else:
                first[shock] = i

    def leave_out_parse_failures(self) -> None:
        """Take out of the scenario what depends on a field the parser could not read."""
        for key in _SCENARIO_ARRAYS:  # tables the parser could not build at all
            held = set(self.index[key])
            failed = sorted(
                {
                    int(m.group(2))
                    for f in self.bad
                    if (m := _TABLE_FIELD.match(f))
                    and m.group(1) == key
                    and int(m.group(2)) not in held
                }
            )
            for i in failed:
                self._skip(f"{key}[{i}]", self._bad(f"{key}[{i}]"))
        world_changed: list[str] = []
        bad_groups = {f.split(".", 1)[1].split("[")[0] for f in self._bad("groups") if "." in f}
        for position in reversed(range(len(self.scenario.shocks))):
            i = self.index["shock"][position]
            shock = self.scenario.shocks[position]
            because = [f for k in SHOCK_DATA_KEYS for f in self._bad(f"shock[{i}].{k}")]
            because += [f"groups.{g}" for g in sorted(bad_groups & {*shock.targets, *shock.to})]
            if "groups" in self.bad:  # the [groups] table itself is not a table
                because.append("groups")
            if because:
                self._skip(f"shock[{i}]", because)
                self._drop("shock", position)
        # tables the parser could not build (their kind unknown: they may switch fabs), read
        # before the loop below takes out the ones it could: a table taken out there is no
        # longer held, and would count as unbuilt whatever its kind (a stockpile with a bad
        # market would skip the sourcing rows)
        unbuilt_interventions = self._missing("intervention")
        for position in reversed(range(len(self.scenario.interventions))):
            i = self.index["intervention"][position]
            because = [
                f for k in INTERVENTION_DATA_KEYS for f in self._bad(f"intervention[{i}].{k}")
            ]
            if because:
                self._skip(f"intervention[{i}]", because)
                if self.scenario.interventions[position].kind in WORLD_KINDS:
                    world_changed.append(f"intervention[{i}]")
                self._drop("intervention", position)
        world_changed += [f"intervention[{i}]" for i in unbuilt_interventions]
        for position in reversed(range(len(self.scenario.fab_overrides))):
            i = self.index["fab_override"][position]
            if [f for k in FAB_OVERRIDE_DATA_KEYS for f in self._bad(f"fab_override[{i}].{k}")]:
                world_changed.append(f"fab_override[{i}]")
                self._drop("fab_override", position)
        world_changed += [f"fab_override[{i}]" for i in self._missing("fab_override")]
        if bad_groups:  # the data checks do not read a group the parser could not read
            self.scenario = self.scenario.with_changes(
                groups=tuple((n, m) for n, m in self.scenario.groups if n not in bad_groups)
            )
        horizon = self._bad("scenario.start_year") + self._bad("scenario.end_year")
        self._leave_out_world(sorted(set(world_changed)), horizon)
        self._leave_out_entries()

    def _missing(self, key: str) -> list[int]:
        """The file indices of ``key`` tables with a problem that the scenario does not hold."""
        held = set(self.index[key])
        return sorted(
            {
                int(m.group(2))
                for f in self.bad
                if (m := _TABLE_FIELD.match(f)) and m.group(1) == key
            }
            - held
        )

    def _leave_out_world(self, world_changed: Sequence[str], horizon: Sequence[str]) -> None:
        """Without the scenario's own fabs and years, the checks that read them are guesses:
        the sourcing rows (an operator's fabs of the class), the fab overrides and the
        ``fabs_on`` switches (a fab's capacity in the horizon)."""
        because = [*world_changed, *horizon]
        if not because:
            return
        for position in reversed(range(len(self.scenario.sourcing))):
            self._skip(f"sourcing[{self.index['sourcing'][position]}]", because)
            self._drop("sourcing", position)
        if not horizon:
            return
        for position in reversed(range(len(self.scenario.fab_overrides))):
            self._skip(f"fab_override[{self.index['fab_override'][position]}]", horizon)
            self._drop("fab_override", position)
        for position in reversed(range(len(self.scenario.interventions))):
            if self.scenario.interventions[position].kind == "fabs_on":
                self._skip(f"intervention[{self.index['intervention'][position]}]", horizon)
                self._drop("intervention", position)

    def _leave_out_entries(self) -> None:
        """Entries of ``[priorities]`` and ``[parameters]``, the assumption ids and the
        regimes with a parser problem: the parser's problem says it all."""
        s = self.scenario
        bad_names = {
            f.split(".", 1)[1] for f in self.bad if f.startswith(("priorities.", "parameters."))
        }
        self.scenario = s.with_changes(
            priorities=tuple((m, w) for m, w in s.priorities if m not in bad_names),
            parameters=tuple((n, d) for n, d in s.parameters if n not in bad_names),
            assumptions=() if self._bad("scenario.assumptions") else s.assumptions,
            inventory_regime="" if self._bad("scenario.inventory_regime") else s.inventory_regime,
            inventory_target_regime=""
            if self._bad("scenario.inventory_target_regime")
            else s.inventory_target_regime,
        )

    def _take_out_group(self, name: str, field: str) -> bool:
        """Take a ``[groups]`` entry the data refuses out, and the shocks that name it (a line
        each: what they would hit depends on the group)."""
        s = self.scenario
        if name not in {n for n, _ in s.groups}:
            return False
        self.scenario = s.with_changes(groups=tuple((n, m) for n, m in s.groups if n != name))
        for position in reversed(range(len(self.scenario.shocks))):
            shock = self.scenario.shocks[position]
            if name in {*shock.targets, *shock.to}:
                self._skip(f"shock[{self.index['shock'][position]}]", [field])
                self._drop("shock", position)
        return True

    def _renumbered(self, text: str) -> str:
        """``text`` with each ``shock[k]`` (the scenario's k-th) as the file numbers it."""

        def file_numbered(m: re.Match[str]) -> str:
            key, k = m.group(1), int(m.group(2))
            numbers = self.index[key]
            return f"{key}[{numbers[k] if k < len(numbers) else k}]"

        return _TABLE.sub(file_numbered, text)

    def record(self, found: Sequence[Problem]) -> bool:
        """Keep the problems of one round (the file named, tables numbered as in the file) and
        take out of the scenario what they name; False if they name nothing to take out."""
        for problem in found:
            field = problem.field or ""
            self.problems.append(
                dataclasses.replace(
                    problem,
                    file=problem.file or self.source or None,
                    field=self._renumbered(field) if field else problem.field,
                    message=self._renumbered(problem.message),
                )
            )
        tables: set[tuple[str, int]] = set()
        taken = [self._take_out(p.field or "", p.value, tables) for p in found]
        for key, position in sorted(tables, key=lambda t: -t[1]):  # the last first
            named = self._renumbered(f"{key}[{position}]")
            self._drop(key, position)
            if key == "fab_override":  # the fabs that run are no longer the scenario's
                self._leave_out_world([named], [])
        return any(taken)

    def _take_out(self, field: str, value: str | None, tables: set[tuple[str, int]]) -> bool:
        """Take out what ``field`` (and ``value``) names: an id of an intervention at once,
        a whole table by adding it to ``tables`` (taken out after the round)."""
        s = self.scenario
        if m := _TABLE_FIELD.match(field):
            key, position, sub = m.group(1), int(m.group(2)), m.group(3)
            if position >= len(self._tables(key)):
                return False
            if key == "intervention" and sub in ("fabs", "partnerships", "markets"):
                iv = s.interventions[position]
                ids: tuple[str, ...] = getattr(iv, sub)
                if value in ids and len(ids) > 1:  # that id alone: it names nothing
                    left = tuple(x for x in ids if x != value)
                    changed = list(s.interventions)
                    changed[position] = _without(iv, sub, left)
                    self.scenario = s.with_changes(interventions=tuple(changed))
                    return True
            tables.add((key, position))
            return True
        if field.startswith("groups."):
            return self._take_out_group(field.removeprefix("groups.").split("[")[0], field)
        for prefix, entries in (("priorities.", "priorities"), ("parameters.", "parameters")):
            if field.startswith(prefix):
                name = field.removeprefix(prefix)
                kept = tuple(e for e in getattr(s, entries) if e[0] != name)
                if len(kept) == len(getattr(s, entries)):
                    return False
                self.scenario = s.with_changes(**{entries: kept})
                return True
        if field == "scenario.assumptions" and s.assumptions:
            self.scenario = s.with_changes(assumptions=())
            return True
        if field in ("scenario.inventory_regime", "scenario.inventory_target_regime"):
            key = field.removeprefix("scenario.")
            if getattr(s, key):
                self.scenario = s.with_changes(**{key: ""})
                return True
        return False


def _without(iv: Intervention, key: str, ids: tuple[str, ...]) -> Intervention:
    """``iv`` with ``ids`` as its ``fabs``, ``partnerships`` or ``markets`` (``key``)."""
    if key == "fabs":
        return dataclasses.replace(iv, fabs=ids)
    if key == "partnerships":
        return dataclasses.replace(iv, partnerships=ids)
    return dataclasses.replace(iv, markets=ids)
