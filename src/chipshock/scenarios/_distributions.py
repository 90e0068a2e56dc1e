"""Numbers and distributions in a scenario: ``0.9`` or ``{ dist = "triangular", low = 4, … }``.

Problems go to a `Collector` with the path of the value (``shock[0].severity.high``,
``parameters.customer_inventory_weeks``); a bad value gives back the caller's default.
"""

from __future__ import annotations

import math
from typing import Any, get_args

from chipshock.scenarios._fields import Collector, bound_text, is_number
from chipshock.scenarios.model import DistKind, Distribution

__all__ = ["ALL_DIST_KEYS", "DIST_KEYS", "DIST_KINDS", "distribution"]

DIST_KINDS: tuple[str, ...] = get_args(DistKind)
#: parameter keys of each distribution (besides ``dist``); required ones first
DIST_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fixed": (("value",), ()),
    "uniform": (("low", "high"), ()),
    "triangular": (("low", "mode", "high"), ()),
    "normal": (("mean", "sd"), ("low", "high")),
    "lognormal": (("median", "sigma"), ("low", "high")),
}
ALL_DIST_KEYS = ("dist", "value", "low", "mode", "high", "mean", "sd", "median", "sigma")


def distribution(
    out: Collector,
    value: Any,
    where: str,
    *,
    default: Distribution,
    unit_interval: bool,
    most: float = math.inf,
) -> Distribution:
    """A number (fixed) or an inline table ``{ dist = ..., ... }``; support must be ≥ 0 and,
    for a fraction (``unit_interval``), ≤ 1. ``most`` bounds every number written (a value, a
    bound, a mode or a centre), not the draws: a shock's weeks beyond the longest horizon are a
    typing slip (``duration_weeks = 2600000``), while a lognormal without ``high`` stays
    unbounded.

    >>> out = Collector("my.toml")
    >>> distribution(out, 1e300, "shock[0].duration_weeks", default=Distribution.fixed(26.0),
    ...              unit_interval=False, most=988).central
    26.0
    >>> print(out.problems[0])
    my.toml, shock[0].duration_weeks: out of range (got '1e+300'; expected 0 ≤ value ≤ 988)
    """
    top = 1.0 if unit_interval else most
    expected_range = f"0 ≤ value ≤ {bound_text(top)}" if math.isfinite(top) else "value ≥ 0"
    if is_number(value):
        if not math.isfinite(value) or not 0 <= value <= top:
            out.add(where, "out of range", value, expected_range)
            return default
        return Distribution.fixed(float(value))
    if not isinstance(value, dict):
        out.add(
            where,
            "wrong type",
            value,
            'a number or a table like { dist = "triangular", low = 4, mode = 26, high = 78 }',
        )
        return default
    kind = value.get("dist", "fixed" if "value" in value else None)
    if kind not in DIST_KINDS:
        out.unknown_choice(f"{where}.dist", "distribution", kind, DIST_KINDS)
        out.unknown_keys(value, ALL_DIST_KEYS, where)
        return default
    required, optional = DIST_KEYS[kind]
    allowed = ("dist", *required, *optional)
    before = len(out.problems)
    out.unknown_keys(value, allowed, where)
    nums: dict[str, float] = {}
    for key in (*required, *optional):
        if key not in value:
            if key in required:
                out.add(
                    f"{where}.{key}",
                    f"missing (a {kind} distribution needs {', '.join(required)})",
                    expected="a number",
                )
            continue
        v = value[key]
        if not is_number(v) or not math.isfinite(v):
            out.add(f"{where}.{key}", "wrong type", v, "a finite number")
        else:
            nums[key] = float(v)
    if len(out.problems) > before:
        return default
    return _validated_distribution(out, kind, nums, where, top, expected_range, default)


def _validated_distribution(
    out: Collector,
    kind: str,
    n: dict[str, float],
    where: str,
    top: float,
    expected_range: str,
    default: Distribution,
) -> Distribution:
    before = len(out.problems)

    def bound(key: str) -> None:
        if key in n and not 0 <= n[key] <= top:
            out.add(f"{where}.{key}", "out of range", n[key], expected_range)

    if kind == "fixed":
        bound("value")
        return default if len(out.problems) > before else Distribution.fixed(n["value"])
    for key in ("low", "high", "mode"):
        bound(key)
    if "low" in n and "high" in n and n["low"] > n["high"]:
        out.add(f"{where}.high", "high is below low", n["high"], f"≥ low ({n['low']:g})")
    ordered = n.get("low", 0.0) <= n.get("high", math.inf)
    if kind == "triangular" and ordered and not n["low"] <= n["mode"] <= n["high"]:
        out.add(
            f"{where}.mode",
            "mode outside [low, high]",
            n["mode"],
            f"{n['low']:g} ≤ mode ≤ {n['high']:g}",
        )
    if kind in ("normal", "lognormal"):
        sd_key, centre_key = ("sd", "mean") if kind == "normal" else ("sigma", "median")
        if n[sd_key] <= 0:
            out.add(f"{where}.{sd_key}", f"{sd_key} must be positive", n[sd_key], "> 0")
        if kind == "lognormal" and n["median"] <= 0:
            out.add(f"{where}.median", "median must be positive", n["median"], "> 0")
        if top == 1.0 and "high" not in n:  # a fraction (`unit_interval`)
            out.add(
                f"{where}.high",
                f"a {kind} fraction must be clipped",
                None,
                f"high ≤ {top:g} to keep draws in range",
            )
        low, high = n.get("low", 0.0), n.get("high", math.inf)
        if not low <= n[centre_key] <= high:
            out.add(
                f"{where}.{centre_key}",
                f"{centre_key} outside the clip range [low, high]",
                n[centre_key],
                f"{low:g} ≤ {centre_key} ≤ {high:g}",
            )
        if kind == "normal" and n["mean"] < 0:
            out.add(f"{where}.mean", "out of range", n["mean"], expected_range)
    if len(out.problems) > before:
        return default
    if kind == "uniform":
        return Distribution("uniform", low=n["low"], high=n["high"])
    if kind == "triangular":
        return Distribution("triangular", low=n["low"], mode=n["mode"], high=n["high"])
    centre, spread = ("mean", "sd") if kind == "normal" else ("median", "sigma")
    return Distribution(
        "normal" if kind == "normal" else "lognormal",
        low=n.get("low", 0.0),
        high=n.get("high"),
        mean=n[centre],
        sd=n[spread],
    )
