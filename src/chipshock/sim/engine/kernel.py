"""The whole weekly loop of a chunk as one compiled kernel (numba), run by run.

One ``@njit(parallel=True)`` call per chunk, ``prange`` over runs: each run carries its own
state through every week and computes exactly the equations of the numpy path
(`chipshock.sim.engine.loop`, `supply`, `allocation`, `kpis`): shock losses, input supply,
material stocks, tool erosion, class and market caps (`kernel_steps`), producers' capacity,
demand, the network allocation (`network_kernel.network_run`), chip shortfall, output lost,
inventory drawdown, KPIs, the bands' histogram bins, recovery and the backlog open at the end.
A run's numbers depend only on its own row, so chunk size and Dask cannot change them. Sums run in a
different order than numpy's, so the two paths agree to ~1e-12, not bit for bit; the
plain-loop oracle (`chipshock.sim.reference`) checks both.

Settled weeks are skipped run by run (exact): a run is settled once a week without shock loss
left its state (inventories, backlog, banks, qualification clocks, lead times, material stocks,
tools, output lost) unchanged value by value, with no chip short and no order cancelled. Until
a shock or a new year, its next weeks repeat that week exactly: utilisation sums grow by the
same values, the band bins repeat, every other measure adds zero and the recovery clocks run
on; so they are not computed (the numpy path skips a week only when every run of the chunk is
settled). The balances are written so that a steady state is reached exactly rather than
drifting in the last digit (`chipshock.sim.units.ROUNDOFF`). Each run writes its weekly
histogram bins [T, H] (int16); a second parallel pass over weeks counts them, and weeks whose
counts equal the previous week's share its row (``ChunkResult.week_row``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chipshock.sim.draws import Draws
from chipshock.sim.engine.kernel_cache import refresh
from chipshock.sim.engine.kernel_steps import (
    class_cap,
    count_bins,
    distinct_rows,
    supply_cap,
    week_kpis,
)
from chipshock.sim.engine.kpis import cover_weeks
from chipshock.sim.engine.layout import NBINS, ChunkResult, allocate, year_constants
from chipshock.sim.engine.network_kernel import network_run
from chipshock.sim.prepare import Prepared
from chipshock.sim.units import WEEKS_PER_YEAR

__all__ = ["HAVE_NUMBA", "run_chunk_compiled"]

try:  # numba is optional: the numpy path computes the same equations
    import numba

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - the fast extra installs it
    HAVE_NUMBA = False


def _recovery(
    t: int,
    t0: int,
    tol: float,
    window: int,
    M: int,
    lost: Any,
    started: Any,
    streak: Any,
    cand: Any,
    done: Any,
    rec_week: Any,
) -> None:
    """Recovery clocks of week t (`kpis.recovery_step`): a market has recovered at the first
    week after which its loss stays below ``tol`` for ``window`` weeks."""
    if t < t0:
        return
    for m in range(M + 1):
        if lost[m] >= tol:
            started[m] = True
            streak[m] = 0.0
            cand[m] = float(t + 1)
        else:
            streak[m] += 1.0
        if started[m] and not done[m] and streak[m] >= window:
            rec_week[m] = cand[m]
            done[m] = True


def _same(a: Any, b: Any) -> bool:
    """Whether two contiguous arrays of one shape are equal value by value."""
    x, z = a.reshape(-1), b.reshape(-1)
    for i in range(x.shape[0]):  # noqa: SIM110 (a loop numba compiles; no generator)
        if x[i] != z[i]:
            return False
    return True


def _snapshot(was: Any, *state: Any) -> None:
    """Copy the run's state arrays (inventories, backlog, banks, qualification clocks, lead
    times, material stocks, tool shortfalls and erosion, output lost) into ``was``."""
    was[0].reshape(-1)[:] = state[0].reshape(-1)
    was[1].reshape(-1)[:] = state[1].reshape(-1)
    was[2][:] = state[2]
    was[3][:] = state[3]
    was[4].reshape(-1)[:] = state[4].reshape(-1)
    was[5].reshape(-1)[:] = state[5].reshape(-1)
    was[6].reshape(-1)[:] = state[6].reshape(-1)
    was[7].reshape(-1)[:] = state[7].reshape(-1)
    was[8][:] = state[8]


def _unchanged(was: Any, *state: Any) -> bool:
    """Whether the week's step left every state array as `_snapshot` found it."""
    return (
        _same(was[0], state[0])
        and _same(was[1], state[1])
        and _same(was[2], state[2])
        and _same(was[3], state[3])
        and _same(was[4], state[4])
        and _same(was[5], state[5])
        and _same(was[6], state[6])
        and _same(was[7], state[7])
        and _same(was[8], state[8])
    )


def _calm(short: Any, cancelled: Any) -> bool:
    """No market short of chips and no order cancelled this week."""
    for m in range(short.shape[0]):
        for c in range(short.shape[1]):
            if short[m, c] > 0.0 or cancelled[m, c] > 0.0:
                return False
    return True


def _follow_growth(
    inv: Any,
    backlog: Any,
    share: Any,
    share0: Any,
    pc: Any,
    D: Any,
    D0: Any,
    sums: Any,
) -> None:
    """At a new year each link keeps its stock (grown with demand) and backlog as far as its
    share of the class stays; what a shrinking share frees goes to the links whose share grows
    (`loop.follow_growth`, its equations). ``share`` and ``share0`` [P, M] are this year's and
    last year's; ``sums`` [5, M, C] is scratch (s1, s0, total gain, freed stock, freed
    backlog)."""
    M, P = inv.shape
    C = sums.shape[2]
    s1, s0, gains, f_inv, f_back = sums[0], sums[1], sums[2], sums[3], sums[4]
    for m in range(M):
        for c in range(C):
            s1[m, c] = 0.0
            s0[m, c] = 0.0
            gains[m, c] = 0.0
            f_inv[m, c] = 0.0
            f_back[m, c] = 0.0
        for p in range(P):
            s1[m, pc[p]] += share[p, m]
            s0[m, pc[p]] += share0[p, m]
        for p in range(P):
            c = pc[p]
            f1 = share[p, m] / s1[m, c] if s1[m, c] > 0 else 0.0
            f0 = share0[p, m] / s0[m, c] if s0[m, c] > 0 else 0.0
            gains[m, c] += max(f1 - f0, 0.0)
        for p in range(P):
            c = pc[p]
            f1 = share[p, m] / s1[m, c] if s1[m, c] > 0 else 0.0
            f0 = share0[p, m] / s0[m, c] if s0[m, c] > 0 else 0.0
            k = min(f1, f0) / f0 if f0 > 0 else 0.0
            f_inv[m, c] += inv[m, p] * (1.0 - k)
            f_back[m, c] += backlog[m, p] * (1.0 - k)
        for p in range(P):
            c = pc[p]
            f1 = share[p, m] / s1[m, c] if s1[m, c] > 0 else 0.0
            f0 = share0[p, m] / s0[m, c] if s0[m, c] > 0 else 0.0
            k = min(f1, f0) / f0 if f0 > 0 else 0.0
            gain = max(f1 - f0, 0.0)
            to = gain / gains[m, c] if gains[m, c] > 0 else 0.0
            grow = D[m, c] / D0[m, c] if D0[m, c] > 0 else 1.0
            inv[m, p] = (inv[m, p] * k + f_inv[m, c] * to) * grow
            backlog[m, p] = backlog[m, p] * k + f_back[m, c] * to


def _repeat_week(t: int, r: int, cap: Any, last_u: Any, util: Any, bins: Any) -> None:
    """A settled week repeats the last one: utilisation sums grow by last week's values and
    the band bins are last week's; every other measure adds zero."""
    for p in range(cap.shape[0]):
        if cap[p] > 0.0:
            util[r, 0, p] += last_u[p]
            util[r, 1, p] += 1.0
    for h in range(bins.shape[2]):
        bins[r, t, h] = bins[r, t - 1, h]


def _run_one(
    r: int,
    ints_scalar: Any,
    reals_scalar: Any,
    loss_all: Any,
    net: Any,
    draws: Any,
    shock_in: Any,
    input_in: Any,
    outputs: Any,
) -> None:
    """Every week of run ``r`` (see the module docstring).

    ``net`` = (year [Y, 6, max(P, M, C)] packing load [P], cap [P], Vy [M], inv_Vtot [1],
    inv_sumD [C] and, with demand shocks, dv0 [M] (0 without: no surge to value) of each
    year; share_y [Y, P, M]; D_y and sourced_y [Y, M, C]; pc [P] class and prod_rin [P] input
    region of each producer; segs; w [2M] priorities, then 1s (the claimants of
    `network_kernel.network_run`); usd [C]; scale);
    ``draws`` = the chunk's per-run draws (inv_start [n, M, C], delay_same and delay_cross
    [n, P], inv_weeks [n, M, C], per_run [n, 7]); ``shock_in`` = the shocks' targets (shocks
    [4, .] indices by kind, -1 padded; prod_hit, demand_hit, country_hit, firm_hit, input_hit,
    export_mask, country_w, firm_w); ``input_in`` = the inputs, material stocks and tools
    (ints, buf, serv, lam, crit, cls_terms, cls_of, subs, stock0, mkt_terms, mkt_of, zone_ex:
    see `kernel_steps`; the stocks and tool states are kept per export zone, the caps per
    input zone);
    ``outputs`` = (kpis [n, 11, M + 1] receiving cum_weeks, peak, out_weeks, out_peak, loss,
    chips_usd, lead_peak, drawdown, backlog_end, recover, cover_min (inf at the start);
    prod_lost [n, P]; util [n, 4, P]
    utilisation sums and week counts (horizon, shock weeks); bins [n, T, H])."""
    year, share_y, D_y, sourced_y, pc, prod_rin, segs, w, usd, scale = net
    inv_start, delay_same, delay_cross, inv_weeks, per_run = draws
    shocks, prod_hit, demand_hit, country_hit, firm_hit = shock_in[:5]
    input_hit, export_mask, country_w, firm_w = shock_in[5:]
    ints, buf, serv, lam, crit, cls_terms, cls_of, subs, stock0, mkt_terms, mkt_of, zone_ex = (
        input_in
    )
    kpis, prod_lost, util, bins = outputs
    T, t0, window = ints_scalar[0], ints_scalar[1], ints_scalar[2]
    weighted, has_inputs = ints_scalar[3] != 0, ints_scalar[4] != 0
    tol, kappa, lead0 = reals_scalar[0], reals_scalar[1], reals_scalar[2]
    M, C = D_y.shape[1], D_y.shape[2]
    P = pc.shape[0]
    A, Re, Rin = country_w.shape[0], stock0.shape[2], crit.shape[1]
    counts = np.zeros(4, dtype=np.int64)
    for k in range(4):
        while counts[k] < shocks.shape[1] and shocks[k, counts[k]] >= 0:
            counts[k] += 1
    prod_sh, dem_sh = shocks[0, : counts[0]], shocks[1, : counts[1]]
    inp_sh, exp_sh = shocks[2, : counts[2]], shocks[3, : counts[3]]
    width = max(M, P, C, 1)
    scratch = np.zeros((M + 12, max(width, 2 * M)))
    scratch2 = np.zeros((5 * M, max(P, C, 1)))
    sat = np.zeros(2 * M, dtype=np.bool_)
    work = (scratch, scratch2, sat, np.zeros((M, C)))
    consts = (weighted, per_run[r, 0], per_run[r, 6], lead0)
    run_draws = (delay_same[r], delay_cross[r], inv_weeks[r], per_run[r, 1:4])
    Dt = np.zeros((M, C))
    K = np.zeros(P)
    inv = np.zeros((M, P))  # per sourcing link
    backlog = np.zeros((M, P))
    inv_c = np.zeros((M, C))  # per class (summed over links)
    sums = np.zeros((5, M, C))  # scratch of the year's turn (`_follow_growth`)
    bank = np.zeros(P)
    tau = np.zeros(P)
    lead = np.full((M, C + 1), lead0)  # per class, then the market's
    sold = np.zeros(P)
    short = np.zeros((M, C))
    cancelled = np.zeros((M, C))
    sup = np.ones((A, Re))
    ac = np.ones(country_w.shape[1])
    ag = np.ones(firm_w.shape[1])
    stock = stock0[r].copy()
    cum = np.zeros((serv.shape[1], Re))
    ero = np.zeros((serv.shape[1], Re))
    use = np.ones((stock.shape[0], Re))
    fac = np.ones((crit.shape[0], Re))
    eff = np.ones((crit.shape[0], Re))
    g = np.ones((2, Rin, C))  # the tools' capacity cap, the materials' use cap
    mat_term = np.zeros(crit.shape[0], dtype=np.bool_)
    for i in range(ints.shape[1]):
        if ints[1, i] < 0:
            break
        mat_term[ints[1, i]] = True
    gm = np.ones((Rin, M, C))  # market caps (entries without market-scoped terms stay 1)
    has_mkt = has_inputs and mkt_of.shape[0] > 0
    ratio = np.zeros(M + 1)
    lost = np.zeros(M + 1)
    dv = np.zeros(max(M, C))
    started = np.zeros(M + 1, dtype=np.bool_)
    done = np.zeros(M + 1, dtype=np.bool_)
    streak = np.zeros(M + 1)
    cand = np.zeros(M + 1)
    rec_week = np.zeros(M + 1)
    out = kpis[r]
    for m in range(M + 1):
        out[6, m] = lead0
    last_u = np.zeros(P)
    avail = np.zeros(P)  # availability from the fab, country and firm shocks
    run_c = np.zeros(C)  # share of each class's normal use still running
    den_c = np.zeros(C)
    was = (
        np.zeros((M, P)), np.zeros((M, P)), np.zeros(P), np.zeros(P), np.zeros((M, C + 1)),
        np.zeros(stock.shape), np.zeros(cum.shape), np.zeros(ero.shape), np.zeros(P),
    )  # fmt: skip
    cap_c = np.zeros(C)  # each class's capacity this week (its producers' K summed)
    n_cls = 0  # class segments (segs rows 2 and 3, -1 padded)
    while n_cls < segs.shape[1] and segs[2, n_cls] >= 0:
        n_cls += 1
    settled = False
    for t in range(T):
        y = t // WEEKS_PER_YEAR
        D = D_y[y]
        load = year[y, 0]
        if t % WEEKS_PER_YEAR == 0:
            settled = False
        if t == 0:
            sh = share_y[0]
            for m in range(M):
                for p in range(P):
                    c = pc[p]
                    inv[m, p] = inv_start[r, m, c] * (D[m, c] * sh[p, m])
            for p in range(P):
                bank[p] = per_run[r, 0] * load[p]
        elif t % WEEKS_PER_YEAR == 0:
            _follow_growth(inv, backlog, share_y[y], share_y[y - 1], pc, D, D_y[y - 1], sums)
            load0 = year[y - 1, 0]
            for p in range(P):
                bank[p] *= load[p] / load0[p] if load0[p] > 0 else 1.0
        loss = loss_all[t, r]
        shocked = False
        for s in range(loss.shape[0]):
            if loss[s] != 0.0:
                shocked = True
        if settled and not shocked:
            _repeat_week(t, r, year[y, 1], last_u, util, bins)
            _recovery(t, t0, tol, window, M, lost, started, streak, cand, done, rec_week)
            continue
        if not shocked:  # a shocked week never settles: nothing to compare
            _snapshot(was, inv, backlog, bank, tau, lead, stock, cum, ero, prod_lost[r])
        for m in range(M):
            for c in range(C):
                mult = 1.0
                for i in range(dem_sh.shape[0]):
                    mult += loss[dem_sh[i]] * demand_hit[dem_sh[i], m, c]
                Dt[m, c] = D[m, c] * max(mult, 0.0)
        for p in range(P):
            a = 1.0
            for i in range(prod_sh.shape[0]):
                a *= 1.0 - loss[prod_sh[i]] * prod_hit[prod_sh[i], p]
            avail[p] = a
        if has_inputs:
            supply_cap(
                loss, inp_sh, exp_sh, country_hit, firm_hit,
                input_hit, export_mask, country_w, firm_w, sup, ac, ag,
            )  # fmt: skip
            # r_c = sum_{p in c} load a / sum_{p in c} load (`supply.running_share`)
            for c in range(C):
                run_c[c] = 0.0
                den_c[c] = 0.0
            for k in range(n_cls):  # a class's producers are one segment: sums in registers
                den = 0.0
                run = 0.0
                for p in range(segs[2, k], segs[3, k]):
                    den += load[p]
                    run += avail[p] * load[p]
                den_c[pc[segs[2, k]]] = den
                run_c[pc[segs[2, k]]] = run
            for c in range(C):
                run_c[c] = run_c[c] / den_c[c] if den_c[c] > 0.0 else 1.0
            class_cap(
                sup, stock, cum, ero, ints, buf[r], per_run[r, 4], serv[r], lam,
                per_run[r, 5], crit, cls_terms, cls_of, subs, use, fac, eff, g,
                mkt_terms, mkt_of, gm, zone_ex, mat_term, run_c,
            )  # fmt: skip
        cap = year[y, 1]
        for p in range(P):
            a = avail[p]
            if has_inputs:
                a *= g[0, prod_rin[p], pc[p]]
            K[p] = a * cap[p]
            if has_inputs and g[1, prod_rin[p], pc[p]] < 1.0:  # a short material: normal use
                K[p] = min(K[p], g[1, prod_rin[p], pc[p]] * load[p])
        network_run(
            K, Dt, load, (share_y[y], pc, segs, w, sourced_y[y], usd, gm, prod_rin, has_mkt, D),
            consts, run_draws,
            (tau, inv, backlog, bank, lead, prod_lost[r]),
            (sold, short, cancelled, inv_c, out[10]),
            work,
        )  # fmt: skip
        for p in range(P):
            if cap[p] > 0.0:
                u = sold[p] / cap[p]
                last_u[p] = u
                util[r, 0, p] += u
                util[r, 1, p] += 1.0
                if shocked:
                    util[r, 2, p] += u
                    util[r, 3, p] += 1.0
        for c in range(C):
            cap_c[c] = 0.0
        for k in range(n_cls):  # in the producers' order, as adding into cap_c[c] one by one
            out_k = 0.0
            for p in range(segs[2, k], segs[3, k]):
                out_k += K[p]
            cap_c[pc[segs[2, k]]] = out_k
        week_kpis(
            t, y, r, year, Dt, inv_c, short, cancelled, cap_c, lead, inv_weeks[r], usd, scale,
            kappa, lead0, M, C, ratio, lost, dv, out, bins,
        )  # fmt: skip
        _recovery(t, t0, tol, window, M, lost, started, streak, cand, done, rec_week)
        settled = (
            not shocked
            and _calm(short, cancelled)
            and _unchanged(was, inv, backlog, bank, tau, lead, stock, cum, ero, prod_lost[r])
        )
    bv_all = 0.0
    dv_all = 0.0
    for m in range(M):
        bv = 0.0
        dvm = 0.0
        for p in range(P):
            bv += backlog[m, p] * usd[pc[p]]
        for c in range(C):
            dvm += Dt[m, c] * usd[c]
        out[8, m] = bv / dvm if dvm > 0 else 0.0
        out[5, m] += bv * 1000.0
        bv_all += bv
        dv_all += dvm
    out[8, M] = bv_all / dv_all if dv_all > 0 else 0.0
    out[5, M] += bv_all * 1000.0
    for m in range(M + 1):
        if not started[m]:
            out[9, m] = 0.0
        elif done[m]:
            out[9, m] = rec_week[m] - t0
        else:
            out[9, m] = float(T - t0)


def _run_kernel(
    ints_scalar: Any,
    reals_scalar: Any,
    loss_all: Any,
    net: Any,
    draws: Any,
    shock_in: Any,
    input_in: Any,
    outputs: Any,
) -> None:
    """Every run of the chunk in parallel (`_run_one`, which names the tuples' arrays)."""
    for r in numba.prange(loss_all.shape[1]):
        _run_one(r, ints_scalar, reals_scalar, loss_all, net, draws, shock_in, input_in, outputs)


_kernel: Any = None
if HAVE_NUMBA:
    # error_model="numpy": a float division is IEEE's, without the check for a zero divisor
    # that raises ZeroDivisionError; every division here is guarded (a zero divisor takes
    # the other branch), so the results are the same and the branches go
    refresh()  # numba's cache follows each function's own file only (`kernel_cache`)
    _recovery = numba.njit(cache=True, error_model="numpy")(_recovery)
    _same = numba.njit(cache=True, error_model="numpy")(_same)
    _snapshot = numba.njit(cache=True, error_model="numpy")(_snapshot)
    _unchanged = numba.njit(cache=True, error_model="numpy")(_unchanged)
    _calm = numba.njit(cache=True, error_model="numpy")(_calm)
    _repeat_week = numba.njit(cache=True, error_model="numpy")(_repeat_week)
    _follow_growth = numba.njit(cache=True, error_model="numpy")(_follow_growth)
    _run_one = numba.njit(cache=True, error_model="numpy")(_run_one)
    _kernel = numba.njit(cache=True, error_model="numpy", parallel=True)(_run_kernel)


def _padded(rows: list[Any], width: int) -> Any:
    """Integer rows padded with -1 to ``width`` columns, [len(rows), max(width, 1)]."""
    out = np.full((len(rows), max(width, 1)), -1, dtype=np.int64)
    for i, row in enumerate(rows):
        out[i, : len(row)] = row
    return out


def run_chunk_compiled(prep: Prepared, d: Draws) -> ChunkResult:
    """Simulate one chunk of runs with the compiled kernel (see the module docstring)."""
    assert _kernel is not None, "the compiled kernel needs numba (the fast extra)"
    lay, _ = allocate(prep, d)
    n, T, M, C, P = lay.n, lay.T, lay.M, lay.C, lay.P
    Y = prep.demand.shape[2]
    width = max(P, M, C, 1)
    year = np.zeros((Y, 6, width))
    share_y = np.zeros((Y, P, M))  # transposed: a producer's markets contiguous
    D_y = np.zeros((Y, M, C))
    sourced_y = np.zeros((Y, M, C))
    for y in range(Y):
        yc = year_constants(prep, y)
        year[y, 0, :P], year[y, 1, :P], year[y, 2, :M] = yc.load, yc.cap, yc.Vy
        year[y, 3, 0], year[y, 4, :C] = yc.inv_Vtot, yc.inv_sumD
        if lay.demand_shocks:  # the intended output of a surge or slump (`kpis.shortfall`)
            year[y, 5, :M] = yc.dv0
        share_y[y], D_y[y], sourced_y[y] = yc.share.T, yc.D, yc.sourced
    segs = _padded(
        [
            lay.group_starts,
            np.r_[lay.group_starts[1:], P],
            lay.class_starts,
            np.r_[lay.class_starts[1:], P],
        ],
        P,
    )
    S = lay.S
    shocks = _padded([lay.prod_shocks, lay.demand_shocks, lay.inp_shocks, lay.exp_shocks], S)
    Am, Jt = lay.mat_idx.size, lay.tool_terms.size
    ints = _padded(
        [lay.mat_idx, lay.mat_terms, lay.mat_pos, lay.tool_terms, lay.tool_inp], max(lay.J, lay.A)
    )
    Kc, G, Z = len(prep.countries), len(prep.firms), prep.export_mask.shape[3]  # Z: export zones
    cls_terms = (
        np.ascontiguousarray(lay.cls_terms, dtype=np.int64)
        if lay.cls_of.size
        else np.zeros((1, 0), dtype=np.int64)
    )
    mkt_terms = (
        np.ascontiguousarray(lay.mkt_terms, dtype=np.int64)
        if lay.mkt_of.size
        else np.zeros((1, 0), dtype=np.int64)
    )
    subs_pairs = [(j, si) for j, sl in lay.subs for si in sl]
    subs = np.array(subs_pairs, dtype=np.int64).T.reshape(2, len(subs_pairs))
    per_run = np.stack(
        [
            lay.bank_weeks[:, 0],
            lay.cancel[:, 0, 0],
            lay.order_sensitivity[:, 0],
            lay.order_cap[:, 0],
            lay.surge1[:, 0, 0],
            lay.rho[:, 0, 0],
            lay.restock_rate[:, 0, 0],
        ],
        axis=1,
    )
    stock0 = np.ascontiguousarray(np.repeat(lay.buf, lay.Re, axis=2))  # [n, Am, Re]
    kpis = np.zeros((n, 11, M + 1))
    kpis[:, 10] = np.inf  # fewest weeks of cover left: lowered week by week
    prod_lost = np.zeros((n, P))
    util = np.zeros((n, 4, P))
    bins = np.zeros((n, T, lay.H), dtype=np.int16)
    has_inputs = bool(lay.A and lay.inp_shocks)
    net = (
        year,
        share_y,
        D_y,
        sourced_y,
        prep.prod_class.astype(np.int64),
        lay.prod_rin.astype(np.int64),
        segs,
        lay.split_weight,  # [2M] priorities (needed now), then 1 (the rest)
        prep.usd_per_wafer.astype(np.float64),
        lay.scale,
    )
    draws = (
        np.ascontiguousarray(lay.inv_start),
        np.ascontiguousarray(lay.delay_same),
        np.ascontiguousarray(lay.delay_cross),
        np.ascontiguousarray(lay.inv_weeks),
        np.ascontiguousarray(per_run),
    )
    shock_in = (
        shocks,
        np.asarray(prep.prod_hit, dtype=np.float64).reshape(S, P),
        np.asarray(prep.demand_hit, dtype=np.float64).reshape(S, M, C),
        np.asarray(prep.country_hit, dtype=np.float64).reshape(S, Kc),
        np.asarray(prep.firm_hit, dtype=np.float64).reshape(S, G),
        np.asarray(prep.input_hit, dtype=np.float64).reshape(S, lay.A),
        np.asarray(prep.export_mask, dtype=np.float64).reshape(S, lay.A, Kc, Z),
        np.asarray(prep.country_w, dtype=np.float64).reshape(lay.A, Kc),
        np.asarray(prep.firm_w, dtype=np.float64).reshape(lay.A, G),
    )
    input_in = (
        ints,
        np.ascontiguousarray(lay.buf[:, :, 0]).reshape(n, Am),
        np.ascontiguousarray(lay.serv[:, :, 0]).reshape(n, Jt),
        np.ascontiguousarray(lay.lam[0, :, 0]),
        np.ascontiguousarray(lay.crit[0]).reshape(-1, lay.Rin),  # [J, Rin]
        cls_terms,
        lay.cls_of.astype(np.int64),
        subs,
        stock0,
        mkt_terms,
        np.ascontiguousarray(lay.mkt_of, dtype=np.int64).reshape(-1, 2),
        np.ascontiguousarray(lay.zone_ex, dtype=np.int64),
    )
    _kernel(
        np.array([T, lay.t0, lay.window, int(lay.weighted), int(has_inputs)], dtype=np.int64),
        np.array([lay.tol, lay.kappa, prep.lead_time_weeks], dtype=np.float64),
        np.ascontiguousarray(lay.loss_all),
        net,
        draws,
        shock_in,
        input_in,
        (kpis, prod_lost, util, bins),
    )
    counts = np.zeros((T, lay.H, NBINS + 1), dtype=np.int64)
    count_bins(bins, counts)
    week_row = np.zeros(T, dtype=np.int64)
    rows = int(distinct_rows(counts, week_row))
    with np.errstate(invalid="ignore", divide="ignore"):
        utilisation = np.stack([util[:, 0] / util[:, 1], util[:, 2] / util[:, 3]], axis=1)
    return ChunkResult(
        counts=counts[:rows].copy(),
        cum_weeks=kpis[:, 0].copy(),
        peak=kpis[:, 1].copy(),
        out_weeks=kpis[:, 2].copy(),
        out_peak=kpis[:, 3].copy(),
        loss_usd=kpis[:, 4].copy(),
        recover_weeks=kpis[:, 9].copy(),
        chips_usd=kpis[:, 5].copy(),
        lead_peak=kpis[:, 6].copy(),
        chip_output_lost=prod_lost,
        drawdown_peak=kpis[:, 7].copy(),
        backlog_end_weeks=kpis[:, 8].copy(),
        cover_min_weeks=cover_weeks(kpis[:, 10]),
        week_row=week_row,
        utilisation=utilisation,
    )
