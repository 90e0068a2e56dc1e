"""The vectorised weekly engine: one chunk of runs at a time, every array shaped ``[runs, ...]``.

Weekly step t (year index y = t // 52), for every run k of the chunk:

1. Shock profile and availability (per shock s, x = t - start_s):
       profile_s = 1[x >= 0] * clip((duration + recovery - x) / (recovery + 1), 0, 1)
       a_s = 1 - severity * profile_s                    (1 during, linear ramp back after)
2. Fab availability of region r:  fa[r] = prod_s (1 - (1 - a_s) * region_hit[s, r]).
3. Input supply fraction (country weights w, firm weights v, export flow mask X):
       A_c = prod_s (1 - (1 - a_s) hit[s, c]),  flow[a, c, r] = prod_e (1 - (1 - a_e) X_e[a, c, r])
       s[a, r] = (1 - sum_c w[a, c] (1 - A_c flow[a, c, r])) * prod_g (1 - v[a, g] (1 - A_g))
                 * prod_s (1 - (1 - a_s) input_hit[s, a])
4. Materials (buffer B weeks, surge sigma):  s' = s (1 + sigma);  use = min(1, stock + s');
       stock <- clip(stock + s' - use, 0, B);  f = use.
5. Tools (term j = class c, input a; service buffer B_j weeks, lambda_j, rho):
       cum <- cum + (1 - s);  e <- clip(e + lambda_j (1 - s) 1[cum > B_j] - rho s, 0, 1);
       f = 1 - e.
6. Substitutes f_j <- max(f_j, f_sub); class cap  g[r, c] = min_j (1 - crit_j (1 - f_j)).
7. Output  out[r, c] = max(0, cap[r, c, y] - sum_f fabcap[f, y] (1 - a_f)) * fa[r] * g[r, c]
       (cap already weekly: kwspm * 12/52);  supply P[c] = sum_r out[r, c].
8. Allocation (demand D[m, c], inventory I, cap Icap = weeks_m * D):
       stage 1  recv1 = D * min(1, P / sum_m D)            (weighted water-filling if priorities)
                delivered = min(D, recv1 + I);  I <- recv1 + I - delivered;  short = D - delivered
       stage 2  r = max(0, Icap - I);  recv2 = r * min(1, (P - sum recv1) / sum r);  I <- I + recv2
9. Chip KPIs (by chip value, usd per wafer): ratio[m] = sum_c short usd / sum_c D usd;
       cumulative shortfall weeks += ratio; peak shortfall = max ratio.
   Output KPIs (Leontief: an end product needs every class of chip it uses, so the class with
   the smallest delivered fraction sets the market's output; complementarity kappa in [0, 1]
   blends this with the chip-value-weighted mean, kappa = 1 by default):
       f[m, c] = 1 - short[m, c] / D[m, c]  (classes with D > 0);  y[m] = min_c f[m, c]
       lost[m] = kappa (1 - y[m]) + (1 - kappa) ratio[m]
       loss[m] += lost[m] * V[m, year]       (V: weekly downstream output value, USD)
       lost[all] = sum_m lost[m] V[m] / sum_m V[m];  loss[all] = sum_m loss[m]
       output lost weeks += lost; peak output lost = max lost;
       recovery: first week after the last week with lost >= tolerance that is followed by
       ``window`` weeks below it (first episode after the first shock start).
   Chips of non-binding classes that the market cannot use are taken as consumed anyway (they
   do not build up extra inventory).
10. Bands: fixed-bin histograms of P / sum D (range 0..2), 1 - ratio and 1 - lost (0..1),
    1000 bins + top.

Speed (results are bit-identical to the plain week-by-week loop): the shock losses of step 1 are
computed for all weeks at once. A run is *settled* once a week without shock loss leaves its
state (stocks, tools, inventories) bit-for-bit unchanged with no shortfall; until the year ends
or a shock hits it again, its weeks repeat that week (same band row, zero KPI increments, the
recovery streak advances), so each week computes only the unsettled runs (gathered by index;
the count keeps the chunk's parity, as OpenBLAS treats the last row of an odd product apart).
A week in which every run is settled reuses the previous week's histogram: a chunk stores
only the computed weeks' histograms plus a week -> row map (`ChunkResult.week_row`); chunks
merge sparsely (one row per week in which any chunk's row changes) and the bands' percentiles
are computed per distinct row (`ChunkResult.dense` expands to [T, ...]).

Layout: this module holds the weekly loop (`run_chunk`); the per-chunk state and its
allocation are in `chipshock.sim.engine_state`, the step equations (2-10) in
`chipshock.sim.engine_steps`, and the fast paths (settled runs, sparse histograms, deferred
recovery steps) in `chipshock.sim.engine_fast`.
"""

from __future__ import annotations

import numpy as np

from chipshock.sim.engine_fast import (
    active_rows,
    advance,
    calm_runs,
    pick,
    recovery_step,
    update_histogram,
)
from chipshock.sim.engine_state import NBINS, SUPPLY_RANGE, ChunkResult, allocate, year_constants
from chipshock.sim.engine_steps import (
    accumulate_kpis,
    allocate_chips,
    band_bins,
    chip_supply,
    class_cap,
    input_factors,
    input_supply,
    output_lost,
    region_availability,
    shortfall,
    waterfill,
)
from chipshock.sim.prepare import WEEKS_PER_YEAR, Draws, Prepared

__all__ = ["NBINS", "SUPPLY_RANGE", "ChunkResult", "output_lost", "run_chunk", "waterfill"]


def run_chunk(prep: Prepared, d: Draws) -> ChunkResult:
    """Simulate one chunk of runs (see the module docstring for the equations)."""
    lay, st = allocate(prep, d)
    n, T, M = lay.n, lay.T, lay.M
    t0, tol, window = lay.t0, lay.tol, lay.window
    state = (st.stock, st.cum, st.ero, st.inv)
    settled = st.settled
    yr = year_constants(prep, 0)
    for t in range(T):
        y = t // WEEKS_PER_YEAR
        if t % WEEKS_PER_YEAR == 0:
            settled[:] = False
            yr = year_constants(prep, y)
            np.multiply(lay.inv_weeks, yr.D, out=st.icap)
            if t == 0:
                st.inv[:] = st.icap
        settled &= ~lay.hasloss[t]
        if t > 0 and t % WEEKS_PER_YEAR != 0 and settled.all():
            st.week_row[t] = st.K - 1  # every band row repeats; ratio and lost are all zero
            if t >= t0 and tol > 0.0:
                # no run is bad (lost = 0 < tol): the recovery step only advances every streak,
                # deferred to the next computed week (integer-valued floats: the sum is exact)
                st.pending += 1.0
                continue
        else:
            full = not settled.any()
            rows = active_rows(settled)
            nn = rows.size
            sel = None if full else rows
            # state of the active runs: the arrays themselves if all are active, else copies
            stock_a, cum_a, ero_a, inv_a = (pick(a, sel) for a in state)
            # only runs without shock loss this week can settle: keep their state before the step
            noloss = ~lay.hasloss[t, rows]
            chk = np.flatnonzero(noloss)  # positions in ``rows``
            before = tuple(a.take(chk, axis=0) for a in (stock_a, cum_a, ero_a, inv_a))
            icap_a = pick(st.icap, sel)
            loss_s = pick(lay.loss_all[t], sel)  # 1. shocks: 1 - a_s
            fa = region_availability(lay, loss_s, nn)  # 2.
            g = None
            if lay.A and lay.inp_shocks:
                sup = input_supply(lay, loss_s, nn)  # 3.
                fac = input_factors(lay, sup, stock_a, cum_a, ero_a, sel, nn)  # 4-5.
                g = class_cap(lay, fac, sup, nn)  # 6.
            P = chip_supply(lay, yr, loss_s, fa, g, nn)  # 7.
            short = allocate_chips(lay, yr, P, inv_a, icap_a, nn)  # 8.
            ratio_a, lost_a = shortfall(lay, yr, short, nn)  # 9.
            idx_a = band_bins(lay, yr, P, ratio_a, lost_a, nn)  # 10.
            after = (stock_a, cum_a, ero_a, inv_a)
            calm = calm_runs(noloss, short, chk, before, after)
            old_bins = None
            ru = rows
            if full:
                st.ratio[...] = ratio_a
                st.lost[...] = lost_a
                st.idx[...] = idx_a
            else:
                for a, b in zip(state, after, strict=True):
                    a[rows] = b
                st.ratio[rows] = ratio_a
                st.lost[rows] = lost_a
                # few active runs: update the previous week's histogram by their old and new
                # bins (exact integer counts; ``rows`` may repeat its first run)
                if 4 * nn < n:
                    ru = rows[1:] if nn > 1 and rows[0] == rows[1] else rows
                    old_bins = st.idx[ru].ravel()
                st.idx[rows] = idx_a
            settled[rows[calm]] = True
            accumulate_kpis(st, yr.Vy, M)
            update_histogram(lay, st, old_bins, ru)
            st.week_row[t] = st.K
            st.K += 1
        if t >= t0:
            recovery_step(st, t, tol, window)
    if st.pending:
        advance(st, st.pending, window)
    recover = np.where(~st.started, 0.0, np.where(st.done, st.rec_week - t0, float(T - t0)))
    return ChunkResult(
        st.counts[: st.K],
        st.cum_weeks,
        st.peak,
        st.out_weeks,
        st.out_peak,
        st.loss,
        recover,
        st.week_row,
    )
