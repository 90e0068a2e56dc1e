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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from chipshock.sim.prepare import WEEKS_PER_YEAR, Draws, Prepared

__all__ = ["NBINS", "SUPPLY_RANGE", "ChunkResult", "output_lost", "run_chunk", "waterfill"]

F64 = npt.NDArray[np.float64]
NBINS = 1000  # plus one top bin for values >= the range's top
SUPPLY_RANGE = 2.0


@dataclass(frozen=True, eq=False)
class ChunkResult:
    """What one chunk returns: histogram counts per week and per-run KPI arrays.

    The histogram is stored sparsely: ``counts`` holds the distinct weekly histograms
    [K, C + 2M, NBINS + 1] and ``week_row`` [T] the row of ``counts`` of each week (weeks that
    repeat the previous one share its row); `dense` expands it to [T, C + 2M, NBINS + 1]."""

    counts: npt.NDArray[np.int64]  # [K, C + 2M, NBINS + 1]
    cum_weeks: F64  # [n, M + 1] chip shortfall, weeks of demand
    peak: F64  # [n, M + 1] peak weekly chip shortfall (fraction)
    out_weeks: F64  # [n, M + 1] weeks of normal output lost
    out_peak: F64  # [n, M + 1] peak weekly output lost (fraction)
    loss_usd: F64  # [n, M + 1]
    recover_weeks: F64  # [n, M + 1]
    week_row: npt.NDArray[np.int64]  # [T] row of ``counts`` of each week

    def dense(self) -> npt.NDArray[np.int64]:
        """The histogram counts of every week, [T, C + 2M, NBINS + 1]."""
        return np.asarray(self.counts[self.week_row])


def waterfill(supply: F64, need: F64, weight: F64) -> F64:
    """Allocate ``supply`` [n, C] over markets with ``need`` [n, M, C]: market m gets
    need_m * min(1, lambda * w_m) with lambda such that the total is min(supply, sum need)."""
    sat = np.zeros(need.shape, dtype=bool)
    w = weight[None, :, None]
    lam = np.zeros(supply.shape)
    for _ in range(need.shape[1]):
        sat_need = np.where(sat, need, 0.0).sum(axis=1)
        wn = np.where(sat, 0.0, need * w).sum(axis=1)
        lam = np.divide(supply - sat_need, wn, out=np.full(supply.shape, np.inf), where=wn > 0)
        new_sat = sat | (lam[:, None, :] * w >= 1.0)
        if np.array_equal(new_sat, sat):
            break
        sat = new_sat
    frac = np.where(sat, 1.0, np.minimum(1.0, np.maximum(lam[:, None, :], 0.0) * w))
    return np.asarray(need * frac, dtype=np.float64)


def output_lost(short: F64, inv_demand: F64, ratio: F64, kappa: float, out: F64) -> F64:
    """Weekly output lost per market, written to ``out`` [n, M] and returned.

    ``short`` [n, M*C] (index m*C + c), ``inv_demand`` [M*C] = 1 / D (0 where D = 0), ``ratio``
    [n, M] chip-value shortfall. Leontief: 1 - y[m] = max_c short / D = 1 - min_c f[m, c],
    blended with ``ratio`` by ``kappa`` (1 = pure Leontief):
        lost[m] = kappa (1 - min_c f[m, c]) + (1 - kappa) ratio[m]
    """
    n, M = out.shape
    frac = (short * inv_demand).reshape(n, M, -1)
    # max over classes as a chain of elementwise maxima (exact; faster than a short reduce)
    np.copyto(out, frac[:, :, 0])
    for c in range(1, frac.shape[2]):
        np.maximum(out, frac[:, :, c], out=out)
    if kappa < 1.0:
        out *= kappa
        out += (1.0 - kappa) * ratio
    return out


def _active_rows(settled: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Indices of the runs to compute: the unsettled ones, padded (with the last run and/or a
    repeat of the first) so that the count has the parity of the chunk size and an odd chunk's
    last run stays last. OpenBLAS treats the last row of an odd-sized product differently, so
    this keeps every run's arithmetic exactly what it is when the whole chunk is computed."""
    n = settled.size
    rows = np.flatnonzero(~settled)
    if n % 2 and rows[-1] != n - 1:
        rows = np.append(rows, n - 1)
    if rows.size % 2 != n % 2:
        rows = np.insert(rows, 0, rows[0])
    return rows


def _pick(a: F64, rows: npt.NDArray[np.int64] | None) -> F64:
    """``a`` itself if ``rows`` is None (all runs), else a copy of those rows."""
    return a if rows is None else a.take(rows, axis=0)  # take: faster than a[rows]


def _advance(
    streak: F64,
    k: float,
    started: npt.NDArray[np.bool_],
    done: npt.NDArray[np.bool_],
    window: float,
    rec_week: F64,
    cand: F64,
) -> None:
    """``k`` recovery steps in which no run is bad: streaks advance by ``k``; a run whose streak
    reaches ``window`` recovers at its candidate week (unchanged by those steps)."""
    streak += k
    newly = started & ~done & (streak >= window)
    if newly.any():
        rec_week[newly] = cand[newly]
        done |= newly


def run_chunk(prep: Prepared, d: Draws) -> ChunkResult:
    """Simulate one chunk of runs (see the module docstring for the equations)."""
    n, T = d.runs, prep.n_weeks
    R, C, M = len(prep.regions), len(prep.classes), len(prep.markets)
    S, A, J = len(prep.shock_start), len(prep.inputs), len(prep.term_input)
    t0, tol, window = prep.first_shock_week, prep.tolerance, prep.window
    weighted = not np.all(prep.priority == prep.priority[0])
    usd = prep.usd_per_wafer
    kappa = prep.complementarity
    ones_nr = np.ones((n, R))

    # shock parameters
    dur_rec = d.duration + d.recovery
    rec1 = d.recovery + 1.0
    start = prep.shock_start.astype(np.float64)
    reg_shocks = [s for s in range(S) if prep.region_hit[s].any()]
    inp_shocks = [
        s
        for s in range(S)
        if prep.country_hit[s].any()
        or prep.firm_hit[s].any()
        or prep.input_hit[s].any()
        or prep.export_mask[s].any()
    ]
    fab_shocks = [s for s in range(S) if prep.fab_hit[s].any()]
    exp_shocks = [s for s in range(S) if prep.export_mask[s].any()]

    # input states
    # without export controls every region sees the same input supply: one column, not R
    Rin = R if prep.has_export else 1
    # states are kept compactly: stock for material inputs only, cum/ero for tool terms only
    mat_idx = np.flatnonzero(prep.input_is_material)
    buf = d.material_buffer[:, mat_idx, None]  # [n, Am, 1]
    stock = np.repeat(buf, Rin, axis=2)  # [n, Am, Rin]
    surge1 = (1.0 + d.surge)[:, None, None]
    rho = d.tool_recovery[:, None, None]
    term_mat = prep.input_is_material[prep.term_input] if J else np.zeros(0, dtype=bool)
    tool_terms = np.flatnonzero(~term_mat)
    mat_terms = np.flatnonzero(term_mat)
    mat_pos = np.searchsorted(mat_idx, prep.term_input[mat_terms])  # term -> row of stock
    tool_inp = prep.term_input[tool_terms]
    cum = np.zeros((n, tool_terms.size, Rin))
    ero = np.zeros((n, tool_terms.size, Rin))
    serv = d.service_buffer[:, tool_terms, None]
    lam = prep.term_lambda[None, tool_terms, None]
    crit = prep.term_crit[None, :, None]
    by_class = [(c, np.flatnonzero((prep.term_class == c) & prep.term_active)) for c in range(C)]
    by_class = [(c, j) for c, j in by_class if j.size]
    # class cap as one gather + min: column i of cls_terms is the i-th term of each class,
    # shorter classes padded by repeating their first term (min is idempotent)
    cls_of = np.array([c for c, _ in by_class], dtype=np.int64)
    kmax = max((j.size for _, j in by_class), default=0)
    cls_terms = (
        np.array(
            [np.concatenate([j, np.full(kmax - j.size, j[0])]) for _, j in by_class], dtype=np.int64
        )
        .reshape(len(by_class), kmax)
        .T
    )  # [kmax, classes]
    all_cls = np.array_equal(cls_of, np.arange(C))
    subs = [(j, s) for j, s in enumerate(prep.term_subs) if s and prep.term_active[j]]

    # market states, flattened to [n, M*C] (index m*C + c); sums over markets are matmuls
    MC = M * C
    collapse = np.zeros((MC, C))  # [n, M*C] @ collapse -> sum over markets [n, C]
    for m in range(M):
        collapse[m * C + np.arange(C), np.arange(C)] = 1.0
    to_market = np.zeros((MC, M))  # chip value by market
    for m in range(M):
        to_market[m * C : (m + 1) * C, m] = usd
    inv_weeks = np.repeat(d.inventory_weeks, C, axis=1)  # [n, M*C]
    inv = np.zeros((n, MC))
    icap = np.zeros((n, MC))
    avail = np.empty((n, MC))
    short = np.empty((n, MC))
    need = np.empty((n, MC))

    # KPI states (M markets + "all")
    cum_weeks = np.zeros((n, M + 1))
    peak = np.zeros((n, M + 1))
    out_weeks = np.zeros((n, M + 1))
    out_peak = np.zeros((n, M + 1))
    loss = np.zeros((n, M + 1))
    started = np.zeros((n, M + 1), dtype=bool)
    done = np.zeros((n, M + 1), dtype=bool)
    streak = np.zeros((n, M + 1))
    cand = np.zeros((n, M + 1))
    rec_week = np.zeros((n, M + 1))
    H = C + 2 * M  # histogram series: supply per class, delivered and output per market
    # sparse histogram: rows only for computed weeks (np.empty: untouched pages cost nothing)
    counts = np.empty((T, H, NBINS + 1), dtype=np.int64)
    week_row = np.empty(T, dtype=np.int64)
    K = 0
    offsets = (np.arange(H) * (NBINS + 1))[None, :]
    ratio = np.zeros((n, M + 1))
    lost = np.zeros((n, M + 1))
    idx = np.empty((n, H), dtype=np.int64)
    scale = np.concatenate([np.full(C, NBINS / SUPPLY_RANGE), np.full(2 * M, float(NBINS))])

    # shock losses 1 - a_s for every week at once, [T, n, S] (same elementwise operations)
    if S:
        x_all = np.arange(T, dtype=np.float64)[:, None, None] - start[None, None, :]
        prof_all = np.clip((dur_rec[None] - x_all) / rec1[None], 0.0, 1.0) * (x_all >= 0)
        loss_all = d.severity[None] * prof_all

    state: tuple[F64, ...] = (stock, cum, ero, inv)
    # a run is *settled* once a week without shock loss leaves its state (stocks, tools,
    # inventories) bit-for-bit unchanged with no shortfall: until the year ends or a shock hits
    # it again, its weeks repeat that week (same band row, zero KPI increments), so only the
    # other runs are computed (each run's arithmetic is independent of the others')
    hasloss: npt.NDArray[np.bool_] = (
        np.asarray(loss_all.any(axis=2)) if S else np.zeros((T, n), dtype=bool)
    )  # [T, n]
    settled = np.zeros(n, dtype=bool)
    pending = 0.0  # recovery streak increments deferred over weeks where every run is settled
    for t in range(T):
        y = t // WEEKS_PER_YEAR
        if t % WEEKS_PER_YEAR == 0:
            settled[:] = False
            Dmc = prep.demand[:, :, y]  # [M, C]
            D = Dmc.reshape(MC)
            sumD = Dmc.sum(axis=0)
            inv_sumD = np.divide(1.0, sumD, out=np.zeros_like(sumD), where=sumD > 0)
            dv = Dmc @ usd  # [M]
            inv_dv = np.divide(1.0, dv, out=np.zeros_like(dv), where=dv > 0)
            inv_tot = 1.0 / dv.sum() if dv.sum() > 0 else 0.0
            inv_D = np.divide(1.0, D, out=np.zeros_like(D), where=D > 0)
            Vy = prep.output_value_usd[:, y]  # [M] USD per week
            inv_Vtot = 1.0 / Vy.sum() if Vy.sum() > 0 else 0.0
            np.multiply(inv_weeks, D, out=icap)
            if t == 0:
                inv[:] = icap
            capy2 = prep.capw[:, :, y]  # [R, C]
            fab_y = prep.fab_cell[:, :, y]
        settled &= ~hasloss[t]
        if t > 0 and t % WEEKS_PER_YEAR != 0 and settled.all():
            week_row[t] = K - 1  # every band row repeats; ratio and lost are all zero
            if t >= t0 and tol > 0.0:
                # no run is bad (lost = 0 < tol): the recovery step only advances every streak,
                # deferred to the next computed week (integer-valued floats: the sum is exact)
                pending += 1.0
                continue
        else:
            full = not settled.any()
            rows = _active_rows(settled)
            nn = rows.size
            sel = None if full else rows
            # state of the active runs: the arrays themselves if all are active, else copies
            stock_a, cum_a, ero_a, inv_a = (_pick(a, sel) for a in state)
            # only runs without shock loss this week can settle: keep their state before the step
            noloss = ~hasloss[t, rows]
            chk = np.flatnonzero(noloss)  # positions in ``rows``
            before = tuple(a.take(chk, axis=0) for a in (stock_a, cum_a, ero_a, inv_a))
            icap_a = _pick(icap, sel)
            # 1. shocks
            if S:
                loss_s = _pick(loss_all[t], sel)  # 1 - a_s
            # 2. regions
            fa = ones_nr[:nn]
            if reg_shocks:
                fa = np.ones((nn, R))
                for s in reg_shocks:
                    fa *= 1.0 - loss_s[:, s, None] * prep.region_hit[s][None, :]
            # 3-6. inputs
            g = None
            if A and inp_shocks:
                ac = np.ones((nn, len(prep.countries)))
                for s in inp_shocks:
                    if prep.country_hit[s].any():
                        ac *= 1.0 - loss_s[:, s, None] * prep.country_hit[s][None, :]
                if exp_shocks:
                    flow = np.ones((nn, A, len(prep.countries), R))
                    for s in exp_shocks:
                        flow *= 1.0 - loss_s[:, s, None, None, None] * prep.export_mask[s][None]
                    sup = 1.0 - np.einsum(
                        "ak,nakr->nar", prep.country_w, 1.0 - ac[:, None, :, None] * flow
                    )
                else:
                    sup = (1.0 - (1.0 - ac) @ prep.country_w.T)[:, :, None]
                if prep.firms:
                    ag = np.ones((nn, len(prep.firms)))
                    for s in inp_shocks:
                        if prep.firm_hit[s].any():
                            ag *= 1.0 - loss_s[:, s, None] * prep.firm_hit[s][None, :]
                    for gi in range(len(prep.firms)):
                        sup *= (1.0 - prep.firm_w[None, :, gi] * (1.0 - ag[:, gi, None]))[
                            :, :, None
                        ]
                for s in inp_shocks:
                    if prep.input_hit[s].any():
                        sup *= (1.0 - loss_s[:, s, None] * prep.input_hit[s][None, :])[:, :, None]
                np.minimum(np.maximum(sup, 0.0, out=sup), 1.0, out=sup)
                # 4. materials
                fac = np.empty((nn, J, Rin))
                if mat_idx.size:
                    tot = stock_a + sup[:, mat_idx] * _pick(surge1, sel)  # stock + s'
                    use = np.minimum(1.0, tot)
                    tot -= use
                    np.minimum(np.maximum(tot, 0.0, out=tot), _pick(buf, sel), out=stock_a)
                    fac[:, mat_terms] = use[:, mat_pos]
                # 5. tools
                if tool_terms.size:
                    sj = sup[:, tool_inp]
                    shortfall_j = 1.0 - sj
                    cum_a += shortfall_j
                    e = (
                        ero_a
                        + lam * shortfall_j * (cum_a > _pick(serv, sel))
                        - _pick(rho, sel) * sj
                    )
                    np.minimum(np.maximum(e, 0.0, out=e), 1.0, out=ero_a)
                    fac[:, tool_terms] = 1.0 - ero_a
                # 6. substitutes and class cap
                eff = fac
                if subs:
                    eff = fac.copy()
                    for j, sl in subs:
                        for si in sl:
                            other = fac[:, si] if si >= 0 else sup[:, -1 - si]
                            np.maximum(eff[:, j], other, out=eff[:, j])
                val = 1.0 - crit * (1.0 - eff)
                red = val[:, cls_terms[0]]  # [nn, classes, Rin]: min over each class's terms
                for row in cls_terms[1:]:
                    np.minimum(red, val[:, row], out=red)
                red = red.transpose(0, 2, 1)  # [nn, Rin, classes]
                if all_cls:
                    g = red
                else:
                    g = np.ones((nn, Rin, C))
                    g[:, :, cls_of] = red
            # 7. output
            if fab_shocks:
                af = np.ones((nn, len(prep.fab_ids)))
                for s in fab_shocks:
                    af *= 1.0 - loss_s[:, s, None] * prep.fab_hit[s][None, :]
                capn = np.maximum(capy2[None] - ((1.0 - af) @ fab_y).reshape(nn, R, C), 0.0)
                out = capn * fa[:, :, None]
                if g is not None:
                    out *= g
                P = np.einsum("nrc->nc", out)
            elif g is None:
                P = fa @ capy2
            elif Rin == 1:
                P = (fa @ capy2) * g[:, 0, :]
            else:
                P = np.einsum("nr,rc,nrc->nc", fa, capy2, g)
            # 8. allocation
            if weighted:
                recv1 = waterfill(P, np.broadcast_to(Dmc[None], (nn, M, C)), prep.priority).reshape(
                    nn, MC
                )
                left = np.maximum(P - recv1 @ collapse, 0.0)
                avail = recv1 + inv_a
            else:
                theta = np.minimum(1.0, P * inv_sumD)
                theta[:, sumD <= 0] = 1.0
                # theta repeated per market (einsum: same products, faster than broadcasting)
                avail = np.einsum("nc,mc->nmc", theta, Dmc).reshape(nn, MC)
                avail += inv_a
                left = np.maximum(P - theta * sumD, 0.0)
            short = np.subtract(D, avail)
            np.maximum(short, 0.0, out=short)
            np.subtract(avail, D, out=inv_a)
            np.maximum(inv_a, 0.0, out=inv_a)
            need = np.subtract(icap_a, inv_a)
            np.maximum(need, 0.0, out=need)
            if weighted:
                inv_a += waterfill(left, need.reshape(nn, M, C), prep.priority).reshape(nn, MC)
            else:
                sn = need @ collapse
                with np.errstate(over="ignore"):  # sn may be subnormal: left / sn = inf -> 1
                    th2 = np.divide(left, sn, out=np.zeros_like(left), where=sn > 0)
                np.minimum(th2, 1.0, out=th2)
                need.reshape(nn, M, C)[...] *= th2[:, None, :]
                inv_a += need
            # 9. chip and output shortfall of the active runs
            sv = short @ to_market  # [nn, M] chip value short
            ratio_a = np.empty((nn, M + 1))
            np.multiply(sv, inv_dv, out=ratio_a[:, :M])
            ratio_a[:, M] = sv.sum(axis=1) * inv_tot
            lost_a = np.empty((nn, M + 1))
            output_lost(short, inv_D, ratio_a[:, :M], kappa, lost_a[:, :M])  # 1 - y[m]
            lost_a[:, M] = (lost_a[:, :M] * Vy).sum(axis=1) * inv_Vtot
            # 10. band bins of the active runs
            idx_a = np.empty((nn, H), dtype=np.int64)
            idx_a[:, :C] = np.minimum(P * inv_sumD, SUPPLY_RANGE) * scale[:C]
            idx_a[:, C : C + M] = np.maximum(1.0 - ratio_a[:, :M], 0.0) * scale[C : C + M]
            idx_a[:, C + M :] = np.maximum(1.0 - lost_a[:, :M], 0.0) * scale[C + M :]
            idx_a += offsets
            # runs that settle this week: no shock loss, no shortfall, state unchanged
            calm = noloss & ~short.any(axis=1)
            maybe = np.flatnonzero(calm)
            if maybe.size:
                pos = np.searchsorted(chk, maybe)  # maybe is a subset of chk (both sorted)
                same = np.ones(maybe.size, dtype=bool)
                for a, b in zip(before, (stock_a, cum_a, ero_a, inv_a), strict=True):
                    same &= (
                        (a.take(pos, axis=0) == b.take(maybe, axis=0))
                        .reshape(maybe.size, -1)
                        .all(axis=1)
                    )
                calm[maybe] = same
            if full:
                ratio[...] = ratio_a
                lost[...] = lost_a
                idx[...] = idx_a
            else:
                for a, b in zip(state, (stock_a, cum_a, ero_a, inv_a), strict=True):
                    a[rows] = b
                ratio[rows] = ratio_a
                lost[rows] = lost_a
                # few active runs: update the previous week's histogram by their old and new
                # bins (exact integer counts; ``rows`` may repeat its first run)
                few = 4 * nn < n
                if few:
                    ru = rows[1:] if nn > 1 and rows[0] == rows[1] else rows
                    old_bins = idx[ru].ravel()
                idx[rows] = idx_a
            settled[rows[calm]] = True
            # 9. KPIs (settled runs add zeros: their ratio and lost are 0)
            cum_weeks += ratio
            np.maximum(peak, ratio, out=peak)
            out_weeks += lost
            np.maximum(out_peak, lost, out=out_peak)
            lv = lost[:, :M] * Vy  # [n, M] USD
            loss[:, :M] += lv
            loss[:, M] += lv.sum(axis=1)
            if not full and few:
                h = counts[K].reshape(-1)
                np.copyto(counts[K], counts[K - 1])
                np.subtract.at(h, old_bins, 1)
                np.add.at(h, idx[ru].ravel(), 1)
            else:
                hist = np.bincount(idx.ravel(), minlength=H * (NBINS + 1))
                counts[K] = hist.reshape(H, NBINS + 1)
            week_row[t] = K
            K += 1
        if t >= t0:
            if pending:
                _advance(streak, pending, started, done, window, rec_week, cand)
                pending = 0.0
            bad = lost >= tol
            started |= bad
            streak += 1.0
            streak[bad] = 0.0
            cand[bad] = float(t + 1)
            newly = started & ~done & (streak >= window)
            if newly.any():
                rec_week[newly] = cand[newly]
                done |= newly
    if pending:
        _advance(streak, pending, started, done, window, rec_week, cand)
    recover = np.where(~started, 0.0, np.where(done, rec_week - t0, float(T - t0)))
    return ChunkResult(counts[:K], cum_weeks, peak, out_weeks, out_peak, loss, recover, week_row)
