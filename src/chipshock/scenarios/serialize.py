"""Write a `Scenario` back out: as TOML that `parse_scenario` reads into an equal scenario,
and as a plain dict for JSON.

>>> from chipshock.scenarios import load_scenario, parse_scenario
>>> s = load_scenario("japan-earthquake")
>>> parse_scenario(scenario_to_toml(s)) == s.with_changes(source="<string>")
True
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

from chipshock.scenarios._events import INTERVENTION_USES
from chipshock.scenarios._fields import month_to_week
from chipshock.scenarios.model import (
    Distribution,
    FabOverride,
    Intervention,
    Scenario,
    Shock,
    SourcingShare,
)

__all__ = ["scenario_to_dict", "scenario_to_toml"]

_WIDTH = 96
_BREAK_AFTER = re.compile(r"(?<=[ 。、])")


def _number(x: float) -> str:
    if not math.isfinite(x):  # never produced by the parser; keep the output valid TOML
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


def _width(s: str) -> int:
    """Columns on a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def _string(s: str, indent: int = 0) -> str:
    """A TOML string: one line if short, otherwise a multi-line string wrapped with
    line-ending backslashes (which TOML removes together with the line break)."""
    simple = json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")
    if _width(s) + indent + 2 <= _WIDTH:
        return simple
    controls = any(ord(c) < 32 and c not in "\n\t" for c in s) or "\x7f" in s
    if controls or s != s.strip():
        return simple
    if "\n" in s:
        return '"""\n' + _escape(s) + '"""'
    if re.search(r"\s\s", s):
        return simple
    lines, line = [], ""
    for token in _BREAK_AFTER.split(s):
        if line and _width(line) + _width(token) > _WIDTH - 2:
            lines.append(line)
            line = ""
        line += token
    lines.append(line)
    return '"""\\\n' + "\\\n".join(_escape(x) for x in lines) + '"""'


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name)


def _strings(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(i, ensure_ascii=False) for i in items) + "]"


def _dist_items(d: Distribution) -> list[tuple[str, Any]]:
    if d.kind == "fixed":
        return [("value", d.low)]
    if d.kind == "uniform":
        return [("low", d.low), ("high", d.high)]
    if d.kind == "triangular":
        return [("low", d.low), ("mode", d.mode), ("high", d.high)]
    centre, spread = ("mean", "sd") if d.kind == "normal" else ("median", "sigma")
    items: list[tuple[str, Any]] = [(centre, d.mean), (spread, d.sd)]
    if d.low != 0.0:
        items.append(("low", d.low))
    if d.high is not None:
        items.append(("high", d.high))
    return items


def _dist(d: Distribution) -> str:
    if d.kind == "fixed":
        return _number(d.low)
    parts = [f'dist = "{d.kind}"'] + [f"{k} = {_number(v)}" for k, v in _dist_items(d)]
    return "{ " + ", ".join(parts) + " }"


def _start(shock: Shock) -> str:
    for month in range(1, 13):
        if month_to_week(month) == shock.start_week:
            return f'"{shock.start_year}-{month:02d}"'
    return f'"{shock.start_year}-W{shock.start_week:02d}"'


def _shock_lines(shock: Shock) -> list[str]:
    lines = ["[[shock]]", f'kind = "{shock.kind}"']
    if shock.label:
        lines.append(f"label = {_string(shock.label, 8)}")
    if shock.label_ja:
        lines.append(f"label_ja = {_string(shock.label_ja, 11)}")
    lines.append(f"targets = {_strings(shock.targets)}")
    if shock.kind == "export_control":
        lines.append(f"to = {_strings(shock.to)}")
        if shock.inputs:
            lines.append(f"inputs = {_strings(shock.inputs)}")
    if shock.kind == "demand":
        if shock.classes:
            lines.append(f"classes = {_strings(shock.classes)}")
        lines.append(f'direction = "{shock.direction}"')
    lines.append(f"start = {_start(shock)}")
    for key in ("duration_weeks", "severity", "recovery_weeks"):
        lines.append(f"{key} = {_dist(getattr(shock, key))}")
    if shock.rows:
        lines.append(
            "rows = { " + ", ".join(f"{k} = {json.dumps(v)}" for k, v in shock.rows) + " }"
        )
    return lines


def _sourcing_lines(item: SourcingShare) -> list[str]:
    lines = [
        "[[sourcing]]",
        f"market = {json.dumps(item.market)}",
        f"node_class = {json.dumps(item.node_class)}",
        f"operator = {json.dumps(item.operator)}",
        f"share_pct = {_number(item.share_pct)}",
    ]
    if item.note:
        lines.append(f"note = {_string(item.note, 7)}")
    return lines


def _override_lines(item: FabOverride) -> list[str]:
    lines = ["[[fab_override]]", f"fab = {json.dumps(item.fab)}"]
    if item.label:
        lines.append(f"label = {_string(item.label, 8)}")
    if item.node_class:
        lines.append(f"node_class = {json.dumps(item.node_class)}")
    for key in ("capacity_wspm", "start_year", "ramp_years"):
        value = getattr(item, key)
        if value is not None:
            lines.append(f"{key} = {_number(value)}")
    return lines


def _intervention_lines(item: Intervention) -> list[str]:
    lines = ["[[intervention]]", f'kind = "{item.kind}"']
    if item.label:
        lines.append(f"label = {_string(item.label, 8)}")
    if item.label_ja:
        lines.append(f"label_ja = {_string(item.label_ja, 11)}")
    for key in INTERVENTION_USES[item.kind]:
        value = getattr(item, key)
        if isinstance(value, tuple):
            if value:
                lines.append(f"{key} = {_strings(value)}")
        else:
            lines.append(f"{key} = {_number(value)}")
    return lines


def scenario_to_toml(scenario: Scenario) -> str:
    """The scenario as a TOML document in the format of docs/scenarios.md.

    ``parse_scenario(scenario_to_toml(s))`` equals ``s`` (apart from ``source``) for every
    scenario the parser produces.
    """
    s = scenario
    head = [
        "[scenario]",
        f"id = {json.dumps(s.scenario_id)}",
        f"title = {_string(s.title, 8)}",
    ]
    for key in ("title_ja", "description", "description_ja"):
        if getattr(s, key):
            head.append(f"{key} = {_string(getattr(s, key), len(key) + 3)}")
    head += [
        f"start_year = {s.start_year}",
        f"end_year = {s.end_year}",
        f"runs = {s.runs}",
        f"seed = {s.seed}",
    ]
    if s.assumptions:
        head.append(f"assumptions = {_strings(s.assumptions)}")
    if s.inventory_regime:
        head.append(f"inventory_regime = {json.dumps(s.inventory_regime)}")
    if s.inventory_target_regime:
        head.append(f"inventory_target_regime = {json.dumps(s.inventory_target_regime)}")
    blocks = ["\n".join(head)]
    if s.groups:
        blocks.append("\n".join(["[groups]"] + [f"{_key(n)} = {_strings(m)}" for n, m in s.groups]))
    if s.priorities:
        blocks.append(
            "\n".join(["[priorities]"] + [f"{m} = {_number(w)}" for m, w in s.priorities])
        )
    if s.parameters:
        blocks.append(
            "\n".join(["[parameters]"] + [f"{_key(n)} = {_dist(d)}" for n, d in s.parameters])
        )
    blocks += ["\n".join(_shock_lines(x)) for x in s.shocks]
    blocks += ["\n".join(_intervention_lines(x)) for x in s.interventions]
    blocks += ["\n".join(_override_lines(x)) for x in s.fab_overrides]
    blocks += ["\n".join(_sourcing_lines(x)) for x in s.sourcing]
    return "\n\n".join(blocks) + "\n"


def _dist_dict(d: Distribution) -> dict[str, Any]:
    return {"dist": d.kind, **dict(_dist_items(d))}


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain JSON-ready values, keyed like the TOML file."""
    s = scenario
    return {
        "scenario": {
            "id": s.scenario_id,
            "title": s.title,
            "title_ja": s.title_ja,
            "description": s.description,
            "description_ja": s.description_ja,
            "start_year": s.start_year,
            "end_year": s.end_year,
            "runs": s.runs,
            "seed": s.seed,
            "assumptions": list(s.assumptions),
            "inventory_regime": s.inventory_regime,
            "inventory_target_regime": s.inventory_target_regime,
            "source": s.source,
        },
        "groups": {n: list(m) for n, m in s.groups},
        "priorities": dict(s.priorities),
        "parameters": {n: _dist_dict(d) for n, d in s.parameters},
        "shock": [
            {
                "kind": x.kind,
                "label": x.label,
                "label_ja": x.label_ja,
                "targets": list(x.targets),
                "to": list(x.to),
                "inputs": list(x.inputs),
                "start": _start(x).strip('"'),
                "start_year": x.start_year,
                "start_week": x.start_week,
                "duration_weeks": _dist_dict(x.duration_weeks),
                "severity": _dist_dict(x.severity),
                "recovery_weeks": _dist_dict(x.recovery_weeks),
                "classes": list(x.classes),
                "direction": x.direction,
                "rows": dict(x.rows),
            }
            for x in s.shocks
        ],
        "intervention": [
            {
                "kind": x.kind,
                "label": x.label,
                "label_ja": x.label_ja,
                "fabs": list(x.fabs),
                "partnerships": list(x.partnerships),
                "markets": list(x.markets),
                "weeks": x.weeks,
                "factor": x.factor,
            }
            for x in s.interventions
        ],
        "fab_override": [
            {
                "fab": x.fab,
                "label": x.label,
                "node_class": x.node_class,
                "capacity_wspm": x.capacity_wspm,
                "start_year": x.start_year,
                "ramp_years": x.ramp_years,
            }
            for x in s.fab_overrides
        ],
        "sourcing": [
            {
                "market": x.market,
                "node_class": x.node_class,
                "operator": x.operator,
                "share_pct": x.share_pct,
                "note": x.note,
            }
            for x in s.sourcing
        ],
    }
