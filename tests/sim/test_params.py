"""One distribution model: ``low``/``high`` truncate every distribution, in the parser's
checks and the engine's draws alike."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from chipshock.scenarios import parse_scenario
from chipshock.scenarios.model import Distribution
from chipshock.sim.params import draw

from .conftest import PROPS


def test_lognormal_with_high_never_draws_above_it() -> None:
    """The issue's case: a lognormal duration with high = 30 drew 681 weeks; now it is
    truncated at 30, and draws do not pile up on the bound (sampling, not clipping)."""
    s = parse_scenario(
        '[scenario]\nid = "x"\n[[shock]]\nkind = "country"\ntargets = ["TWN"]\n'
        'start = "2026-01"\n'
        'duration_weeks = { dist = "lognormal", median = 13, sigma = 1.5, high = 30 }\n'
    )
    dist = s.shocks[0].duration_weeks
    assert dist.support == (0.0, 30.0)
    x = draw(dist, "d", 0, 20000, minimum=0.0)
    assert x.max() <= 30.0 and x.min() > 0.0
    assert (x >= 29.99).mean() < 0.005
    # truncated median = 13 exp(1.5 Phi^-1(Phi(ln(30/13) / 1.5) / 2)) = 7.45 weeks
    assert abs(np.median(x) - 7.45) < 0.3


@PROPS
@given(
    mean=st.floats(0.0, 50.0),
    sd=st.floats(0.1, 30.0),
    width=st.floats(0.5, 40.0),
    seed=st.integers(0, 2**31),
)
def test_normal_stays_in_its_bounds(mean: float, sd: float, width: float, seed: int) -> None:
    """Every normal draw lies in [low, high]; raising the mean never lowers a draw (same seed)."""
    low, high = max(0.0, mean - width), mean + width
    d = Distribution("normal", low=low, high=high, mean=mean, sd=sd)
    x = draw(d, "n", seed, 500, minimum=0.0)
    assert x.min() >= low - 1e-12 and x.max() <= high + 1e-12
    up = Distribution("normal", low=low, high=high, mean=min(mean + 1.0, high), sd=sd)
    assert np.all(draw(up, "n", seed, 500, minimum=0.0) >= x - 1e-9)
