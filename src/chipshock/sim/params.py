"""Per-run parameters: validated distributions, each drawn from its own named random stream.

Every uncertain parameter ``name`` is drawn for *all* runs at once from
``np.random.default_rng(np.random.SeedSequence([seed, stable_crc32(name)]))``. Consequences:
chunking and the executor cannot change any draw, and two scenarios run with the same seed
share the draws of every parameter they share by name (common random numbers).

Draws are inverse-CDF transforms of one uniform (fixed, uniform, triangular) or of one standard
normal (normal clipped to [low, high] if ``high`` is given, lognormal with median ``mean`` or
``low`` and sigma ``sd``), so a draw is monotone in the distribution's parameters: a longer
duration distribution gives a longer duration in every run.
"""

from __future__ import annotations

import zlib

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


def draw(
    dist: Distribution,
    name: str,
    seed: int,
    runs: int,
    minimum: float | None = None,
    maximum: float | None = None,
) -> F64:
    """``runs`` draws of ``dist`` from the stream of ``name`` (validated first; see module)."""
    check_distribution(dist, name, minimum, maximum)
    rng = np.random.default_rng(
        np.random.SeedSequence([int(seed) & 0xFFFFFFFFFFFFFFFF, stable_crc32(name)])
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
    elif kind == "normal":
        z = rng.standard_normal(runs)
        out = float(dist.mean or 0.0) + float(dist.sd or 0.0) * z
        if dist.high is not None:
            out = np.clip(out, dist.low, dist.high)
    else:
        z = rng.standard_normal(runs)
        median = dist.mean if dist.mean is not None else dist.low
        out = float(median) * np.exp(float(dist.sd or 0.0) * z)
    if minimum is not None or maximum is not None:
        out = np.clip(out, minimum, maximum)
    return np.asarray(out, dtype=np.float64)
