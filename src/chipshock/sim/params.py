"""Per-run parameters: validated distributions, each drawn from its own named random stream.

Every uncertain parameter ``name`` is drawn for *all* runs at once from
``np.random.default_rng(np.random.SeedSequence([seed, stable_crc32(name)]))``. Consequences:
chunking and the executor cannot change any draw, and two scenarios run with the same seed
share the draws of every parameter they share by name (common random numbers). A shock's
draws are named by its kind and targets, not its place in the file
(`chipshock.sim.draws.shock_streams`), so reordering or adding shocks keeps them.

Every draw is an inverse-CDF transform of one uniform u, so a draw is monotone in the
distribution's parameters (a longer duration distribution gives a longer duration in every run).
One distribution model (`chipshock.scenarios.model.Distribution.support`): ``low``/``high``
*truncate* every distribution. Normal and lognormal are sampled from the truncated
distribution, x = F^-1(F(a) + u (F(b) - F(a))) with [a, b] = the support intersected with the
field's own range, so no draw falls outside [low, high] and none piles up on a bound.
"""

from __future__ import annotations

import math
import zlib
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

from chipshock.errors import Problem, ScenarioError
from chipshock.scenarios.model import Distribution

__all__ = ["check_distribution", "draw", "stable_crc32"]

F64 = npt.NDArray[np.float64]


def stable_crc32(name: str) -> int:
    """CRC-32 of the UTF-8 name: the same on every machine and Python (unlike ``hash``)."""
    return zlib.crc32(name.encode("utf-8")) & 0xFFFFFFFF


def _bad(field: str, part: str, value: object, expected: str) -> ScenarioError:
    return ScenarioError(
        Problem(
            "invalid distribution parameter",
            field=f"{field}.{part}",
            value=str(value),
            expected=expected,
        )
    )


def check_distribution(
    dist: Distribution, field: str, minimum: float | None = None, maximum: float | None = None
) -> None:
    """Raise `ScenarioError` naming ``field.<part>`` if ``dist`` is invalid or out of range."""
    kind = dist.kind
    lo_text = "-inf" if minimum is None else str(minimum)
    hi_text = "inf" if maximum is None else str(maximum)
    rng_text = f"in [{lo_text}, {hi_text}]"

    def in_range(part: str, v: float | None) -> None:
        if v is None:
            return
        if (
            not np.isfinite(v)
            or (minimum is not None and v < minimum)
            or (maximum is not None and v > maximum)
        ):
            raise _bad(field, part, v, f"a finite number {rng_text}")

    if kind not in ("fixed", "uniform", "triangular", "normal", "lognormal"):
        raise _bad(field, "kind", kind, "fixed, uniform, triangular, normal or lognormal")
    if kind == "fixed":
        in_range("low", dist.low)
    elif kind in ("uniform", "triangular"):
        if dist.high is None:
            raise _bad(field, "high", None, "a number >= low")
        in_range("low", dist.low)
        in_range("high", dist.high)
        if dist.high < dist.low:
            raise _bad(field, "high", dist.high, f">= low ({dist.low})")
        if kind == "triangular":
            mode = dist.mode if dist.mode is not None else (dist.low + dist.high) / 2
            if not dist.low <= mode <= dist.high:
                raise _bad(field, "mode", mode, f"between low ({dist.low}) and high ({dist.high})")
    elif kind == "normal":
        if dist.mean is None or not np.isfinite(dist.mean):
            raise _bad(field, "mean", dist.mean, "a finite number")
        if dist.sd is None or not dist.sd >= 0:
            raise _bad(field, "sd", dist.sd, "a number >= 0")
        if dist.high is not None and dist.high < dist.low:
            raise _bad(field, "high", dist.high, f">= low ({dist.low})")
        if minimum is not None and dist.high is None and dist.low < minimum:
            raise _bad(field, "low", dist.low, f"a clip bound >= {minimum}")
    else:  # lognormal
        median = dist.mean if dist.mean is not None else dist.low
        if not median > 0 or not np.isfinite(median):
            raise _bad(field, "mean", median, "a median > 0")
        if dist.sd is None or not dist.sd >= 0:
            raise _bad(field, "sd", dist.sd, "a sigma >= 0")
        if minimum is not None and minimum > 0 and median < minimum:
            raise _bad(field, "mean", median, f">= {minimum}")


def _truncated(dist: Distribution, u: F64, lo: float, hi: float) -> F64:
    """Normal (mean, sd) or lognormal (median ``mean``, sigma ``sd``) truncated to [lo, hi]."""
    sd = float(dist.sd or 0.0)
    if dist.kind == "normal":
        centre = float(dist.mean or 0.0)
        a, b = lo, hi
    else:
        median = float(dist.mean if dist.mean is not None else dist.low)
        centre = math.log(median)
        a = math.log(lo) if lo > 0 else -math.inf
        b = math.log(hi) if hi < math.inf else math.inf
    if sd == 0.0:
        x = np.full(u.shape, min(max(centre, a), b))
    else:
        std = NormalDist()
        pa = 0.0 if a == -math.inf else std.cdf((a - centre) / sd)
        pb = 1.0 if b == math.inf else std.cdf((b - centre) / sd)
        eps = 1e-15
        ps = np.clip(pa + u * (pb - pa), max(pa, eps), min(pb, 1.0 - eps))
        z = np.array([std.inv_cdf(float(p)) for p in ps])
        x = np.clip(centre + sd * z, a, b)
    out = x if dist.kind == "normal" else np.exp(x)
    return np.asarray(out, dtype=np.float64)


def draw(
    dist: Distribution,
    name: str,
    seed: int,
    runs: int,
    minimum: float | None = None,
    maximum: float | None = None,
    stream: str | None = None,
) -> F64:
    """``runs`` draws of ``dist`` from the stream of ``stream`` (default ``name``; ``name`` is
    the field errors name), validated first; see module."""
    check_distribution(dist, name, minimum, maximum)
    rng = np.random.default_rng(
        np.random.SeedSequence([int(seed) & 0xFFFFFFFFFFFFFFFF, stable_crc32(stream or name)])
    )
    kind = dist.kind
    if kind == "fixed":
        out = np.full(runs, float(dist.low))
    elif kind == "uniform":
        u = rng.random(runs)
        out = dist.low + u * (float(dist.high or 0.0) - dist.low)
    elif kind == "triangular":
        u = rng.random(runs)
        a, b = dist.low, float(dist.high if dist.high is not None else dist.low)
        c = dist.mode if dist.mode is not None else (a + b) / 2
        if b == a:
            out = np.full(runs, a)
        else:
            fc = (c - a) / (b - a)
            left = a + np.sqrt(u * (b - a) * (c - a))
            right = b - np.sqrt((1 - u) * (b - a) * (b - c))
            out = np.where(u < fc, left, right)
    else:
        u = rng.random(runs)
        lo, hi = dist.support
        lo = lo if minimum is None else max(lo, minimum)
        hi = hi if maximum is None else min(hi, maximum)
        out = _truncated(dist, u, lo, hi)
    if minimum is not None or maximum is not None:
        out = np.clip(out, minimum, maximum)
    return np.asarray(out, dtype=np.float64)
