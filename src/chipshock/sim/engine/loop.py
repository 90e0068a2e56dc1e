"""The weekly loop over one chunk of runs (every array shaped ``[runs, ...]``).

Week t (year y = t // 52), for every run of the chunk (at a new year the markets' inventories
and the producers' banks follow the year's demand, `follow_growth`):
1. shock losses 1 - a_s (`chipshock.sim.engine.layout`);
2. inputs: supply, material stocks, tool erosion, the tools' capacity caps g, the materials'
   use caps h (each material's pool shared among the producers still running,
   `supply.running_share`) and market caps a (`supply`);
3. producers' capacity K[p] (`supply.producer_capacity`: a short material bounds it at h of
   the producer's normal use, not of its capacity);
4. orders (backlog, double ordering), own customers first, substitution after qualification,
   inventories, backlog, cancellations, shortfall, lead time (`allocation`);
5. KPIs, inventory drawdown, bands and recovery (`kpis`); at the horizon end the backlog still
   open (`kpis.backlog_end`).

The numba kernel (`chipshock.sim.engine.kernel`) runs the same steps run by run, every week;
this loop is the vectorised reference. Fast path (exact): a run is *settled* once a week
without shock loss leaves its state
(inventories, backlog, banks, lead times, qualification clocks, stocks, tools, sales)
bit-for-bit unchanged with no shortfall and no order cancelled.
A week in which every run is settled repeats the previous week (same band row, zero KPI
increments, recovery streaks advance), so it is not computed; a new year or a shock ends it.
Every operation is row-wise (einsum and sums, no BLAS products), so a run's numbers do not
depend on which other runs share its chunk.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from chipshock.sim.draws import Draws
from chipshock.sim.engine.allocation import (
    deliver,
    demand_now,
    orders,
    rebuild_banks,
    serve,
    substitute,
)
from chipshock.sim.engine.kernel import HAVE_NUMBA, run_chunk_compiled
from chipshock.sim.engine.kpis import (
    accumulate_kpis,
    advance,
    backlog_end,
    band_bins,
    cover_step,
    cover_weeks,
    drawdown_step,
    recovery_step,
    shortfall,
    update_histogram,
)
from chipshock.sim.engine.layout import (
    F64,
    ChunkLayout,
    ChunkResult,
    ChunkState,
    YearConstants,
    allocate,
    class_sum,
    year_constants,
)
from chipshock.sim.engine.supply import (
    class_cap,
    effective_factors,
    input_factors,
    input_supply,
    link_cap,
    market_cap,
    producer_capacity,
    running_share,
    use_cap,
)
from chipshock.sim.prepare import Prepared
from chipshock.sim.units import WEEKS_PER_YEAR

__all__ = ["mean_utilisation", "run_chunk", "utilisation_step"]

B1 = npt.NDArray[np.bool_]


def follow_growth(lay: ChunkLayout, st: ChunkState, prev: YearConstants, yr: YearConstants) -> None:
    """At a new year, stocks follow the year's demand (normal growth happens over the year,
    not in its first week) and each link keeps its own stock and backlog as far as its share
    of the class's demand stays; only what a link's shrinking share frees moves, to the links
    whose share grows (a fab that starts or ramps). With f[m, p] = share[m, p] / s[m, c] a
    link's fraction of its class (s[m, c] = sum_{q in c} share[m, q]; 0 where s = 0), the
    year before (f0) and this year (f1):
        k[m, p] = min(f1, f0) / f0 (0 where f0 = 0), the part of the link that stays;
        r[m, p] = (f1 - f0)+ / sum_{q in c} (f1 - f0)+, the part of what is freed it receives;
        I[m, p] = (I[m, p] k + sum_{q in c} I[m, q] (1 - k[m, q]) r[m, p]) g[m, c],
        B[m, p] =  B[m, p] k + sum_{q in c} B[m, q] (1 - k[m, q]) r[m, p],
    g = D_y / D_{y-1} (1 where last year's is 0); what no link of the class can take (s = 0)
    is dropped; H[p] *= base0_y / base0_{y-1} (unchanged where last year's is 0). With the same
    shares in both years every link keeps exactly its own stock (grown) and backlog: a
    blockaded fab's buyers do not get the other links' stock, nor its backlog served by them,
    because the calendar turns (substitution goes through the qualification tiers only)."""
    pc = lay.prep.prod_class
    grow = np.divide(yr.D, prev.D, out=np.ones_like(yr.D), where=prev.D > 0)
    kept, to = year_turn(lay, prev.share, yr.share)
    freed_inv = class_sum(lay, st.inv * (1.0 - kept)[None])[:, :, pc]
    freed_back = class_sum(lay, st.backlog * (1.0 - kept)[None])[:, :, pc]
    st.inv[...] = (st.inv * kept[None] + freed_inv * to[None]) * grow[:, pc][None]
    st.backlog[...] = st.backlog * kept[None] + freed_back * to[None]
    st.bank *= np.divide(yr.load, prev.load, out=np.ones_like(yr.load), where=prev.load > 0)[None]


def year_turn(lay: ChunkLayout, share0: F64, share1: F64) -> tuple[F64, F64]:
    """``k`` and ``r`` [M, P] of `follow_growth` from last year's and this year's shares."""
    pc = lay.prep.prod_class

    def fraction(share: F64) -> F64:
        s = class_sum(lay, share)[:, pc]
        return np.divide(share, s, out=np.zeros_like(share), where=s > 0)

    f0, f1 = fraction(share0), fraction(share1)
    kept = np.divide(np.minimum(f1, f0), f0, out=np.zeros_like(f0), where=f0 > 0)
    gain = np.maximum(f1 - f0, 0.0)
    total = class_sum(lay, gain)[:, pc]
    return kept, np.divide(gain, total, out=np.zeros_like(gain), where=total > 0)


def utilisation_step(lay: ChunkLayout, yr: YearConstants, st: ChunkState, shocked: B1) -> None:
    """Utilisation u[p] = chips sold (own customers, from output and bank, plus orders taken
    over) / capacity of the year cap[p, y], summed with week counts over the horizon and over
    the run's shock weeks (weeks with any shock loss); producers without capacity skip."""
    has = yr.cap > 0
    u = np.divide(st.sold, yr.cap[None], out=np.zeros_like(st.sold), where=has[None])
    cnt = np.broadcast_to(has.astype(np.float64), u.shape)
    st.last_util[:, 0] = u
    st.last_util[:, 1] = cnt
    st.util[:, 0] += u
    st.util[:, 1] += cnt
    st.util[:, 2] += u * shocked[:, None]
    st.util[:, 3] += cnt * shocked[:, None]


def run_chunk(prep: Prepared, d: Draws, compiled: bool | None = None) -> ChunkResult:
    """Simulate one chunk of runs (see the module docstring). ``compiled``: run the whole
    chunk in the numba kernel (`chipshock.sim.engine.kernel`; default: whenever numba is
    installed), else this numpy loop (the vectorised reference)."""
    compiled = HAVE_NUMBA if compiled is None else compiled
    if compiled:
        return run_chunk_compiled(prep, d)
    lay, st = allocate(prep, d)
    T, M = lay.T, lay.M
    settled = st.settled
    yr = year_constants(prep, 0)
    last_Dt = np.zeros((lay.n, M, lay.C))
    for t in range(T):
        if t % WEEKS_PER_YEAR == 0:
            settled[:] = False
            prev = yr
            yr = year_constants(prep, t // WEEKS_PER_YEAR)
            if t == 0:
                start = lay.inv_start[:, :, lay.prep.prod_class]
                st.inv[...] = start * (yr.D[:, lay.prep.prod_class] * yr.share)[None]
                st.bank[...] = lay.bank_weeks * yr.load[None]
            else:
                follow_growth(lay, st, prev, yr)
        settled &= ~lay.hasloss[t]
        if t > 0 and settled.all():
            st.week_row[t] = st.K - 1
            st.util[:, :2] += st.last_util
            if t >= lay.t0 and lay.tol > 0.0:
                st.pending += 1.0
            continue
        state = (
            st.inv,
            st.backlog,
            st.bank,
            st.lead,
            st.tau,
            st.stock,
            st.cum,
            st.ero,
            st.prod_lost,
        )
        before = tuple(a.copy() for a in state)
        loss_s = lay.loss_all[t]
        g = None
        h = None
        q = None
        if lay.A and lay.inp_shocks:
            sup = input_supply(lay, loss_s)
            eff = effective_factors(lay, input_factors(lay, st, sup), sup)
            g = class_cap(lay, eff)
            h = use_cap(lay, eff, running_share(lay, yr, loss_s))
            q = link_cap(lay, market_cap(lay, eff))
        K = producer_capacity(lay, yr, loss_s, g, h)
        Dt = demand_now(lay, yr, loss_s)
        W, now, need, phi = orders(lay, yr, st, Dt)
        flow = yr.D[:, lay.prep.prod_class] * yr.share if q is not None else None
        U, spare, blocked, parts = serve(lay, st, need, K, q, flow, now)
        substitute(lay, yr, st, Dt, need, U, spare, K, blocked, parts)
        utilisation_step(lay, yr, st, lay.hasloss[t])
        rebuild_banks(lay, yr, st, spare)
        short, cancelled = deliver(lay, yr, st, Dt, W, need, phi, U)
        last_Dt = Dt
        lead = st.lead[:, :, lay.C]  # the markets' lead times
        st.ratio, st.lost, worth, chips = shortfall(lay, yr, Dt, short, cancelled)
        drawdown_step(lay, st, Dt)
        cover_step(lay, yr, st, Dt)
        supply = class_sum(lay, K)
        st.idx = band_bins(lay, yr, supply, st.ratio, st.lost)
        lead_all = np.empty((lay.n, M + 1))
        lead_all[:, :M] = lead
        dv = np.einsum("nmc,c->nm", Dt, prep.usd_per_wafer)
        tot = dv.sum(axis=1)
        lead_all[:, M] = np.divide(
            (lead * dv).sum(axis=1), tot, out=np.full(lay.n, prep.lead_time_weeks), where=tot > 0
        )
        accumulate_kpis(st, yr.Vy, M, chips, lead_all, worth)
        calm = ~lay.hasloss[t] & ~((short > 0) | (cancelled > 0)).any(axis=(1, 2))
        for a, b in zip(before, state, strict=True):
            calm &= (a == b).reshape(lay.n, -1).all(axis=1)
        settled[...] = calm
        update_histogram(lay, st)
        st.week_row[t] = st.K
        st.K += 1
        if t >= lay.t0:
            recovery_step(st, t, lay.tol, lay.window)
    if st.pending:
        advance(st, st.pending, lay.window)
    backlog_weeks = backlog_end(lay, st, last_Dt)
    t0 = lay.t0
    recover = np.where(~st.started, 0.0, np.where(st.done, st.rec_week - t0, float(T - t0)))
    return ChunkResult(
        counts=st.counts[: st.K],
        cum_weeks=st.cum_weeks,
        peak=st.peak,
        out_weeks=st.out_weeks,
        out_peak=st.out_peak,
        loss_usd=st.loss,
        recover_weeks=recover,
        chips_usd=st.chips_usd,
        lead_peak=st.lead_peak,
        chip_output_lost=st.prod_lost,
        drawdown_peak=st.drawdown,
        backlog_end_weeks=backlog_weeks,
        cover_min_weeks=cover_weeks(st.cover_min),
        week_row=st.week_row,
        utilisation=mean_utilisation(st.util),
    )


def mean_utilisation(util: F64) -> F64:
    """[n, 2, P] means from the sums and week counts [n, 4, P] (NaN where no week counts)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.stack([util[:, 0] / util[:, 1], util[:, 2] / util[:, 3]], axis=1)
