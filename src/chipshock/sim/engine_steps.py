"""The weekly step equations of the engine (steps 2-10 of `chipshock.sim.engine`), each a plain
function of the active runs' arrays ``[nn, ...]``. ``loss_s`` [nn, S] holds the shock losses
1 - a_s of step 1; ``sel`` the rows of the per-run draws to use (None: all runs)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from chipshock.sim.engine_fast import pick
from chipshock.sim.engine_state import F64, SUPPLY_RANGE, ChunkLayout, ChunkState, YearConstants

__all__ = [
    "accumulate_kpis",
    "allocate_chips",
    "band_bins",
    "chip_supply",
    "class_cap",
    "input_factors",
    "input_supply",
    "output_lost",
    "region_availability",
    "shortfall",
    "waterfill",
]


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


def region_availability(lay: ChunkLayout, loss_s: F64, nn: int) -> F64:
    """Step 2, fab availability of each region [nn, R]:
    fa[r] = prod_s (1 - (1 - a_s) * region_hit[s, r])."""
    fa = lay.ones_nr[:nn]
    if lay.reg_shocks:
        fa = np.ones((nn, lay.R))
        for s in lay.reg_shocks:
            fa *= 1.0 - loss_s[:, s, None] * lay.prep.region_hit[s][None, :]
    return fa


def input_supply(lay: ChunkLayout, loss_s: F64, nn: int) -> F64:
    """Step 3, input supply fraction s [nn, A, Rin], clipped to [0, 1]:
    A_c = prod_s (1 - (1 - a_s) hit[s, c]),  flow[a, c, r] = prod_e (1 - (1 - a_e) X_e[a, c, r])
    s[a, r] = (1 - sum_c w[a, c] (1 - A_c flow[a, c, r])) * prod_g (1 - v[a, g] (1 - A_g))
              * prod_s (1 - (1 - a_s) input_hit[s, a])
    """
    prep = lay.prep
    ac = np.ones((nn, len(prep.countries)))
    for s in lay.inp_shocks:
        if prep.country_hit[s].any():
            ac *= 1.0 - loss_s[:, s, None] * prep.country_hit[s][None, :]
    if lay.exp_shocks:
        flow = np.ones((nn, lay.A, len(prep.countries), lay.R))
        for s in lay.exp_shocks:
            flow *= 1.0 - loss_s[:, s, None, None, None] * prep.export_mask[s][None]
        sup = 1.0 - np.einsum("ak,nakr->nar", prep.country_w, 1.0 - ac[:, None, :, None] * flow)
    else:
        sup = (1.0 - (1.0 - ac) @ prep.country_w.T)[:, :, None]
    if prep.firms:
        ag = np.ones((nn, len(prep.firms)))
        for s in lay.inp_shocks:
            if prep.firm_hit[s].any():
                ag *= 1.0 - loss_s[:, s, None] * prep.firm_hit[s][None, :]
        for gi in range(len(prep.firms)):
            sup *= (1.0 - prep.firm_w[None, :, gi] * (1.0 - ag[:, gi, None]))[:, :, None]
    for s in lay.inp_shocks:
        if prep.input_hit[s].any():
            sup *= (1.0 - loss_s[:, s, None] * prep.input_hit[s][None, :])[:, :, None]
    np.minimum(np.maximum(sup, 0.0, out=sup), 1.0, out=sup)
    return np.asarray(sup)


def input_factors(
    lay: ChunkLayout,
    sup: F64,
    stock_a: F64,
    cum_a: F64,
    ero_a: F64,
    sel: npt.NDArray[np.int64] | None,
    nn: int,
) -> F64:
    """Steps 4-5, the factor f of every term [nn, J, Rin]; updates the states in place.

    Materials (buffer B weeks, surge sigma):  s' = s (1 + sigma);  use = min(1, stock + s');
        stock <- clip(stock + s' - use, 0, B);  f = use.
    Tools (term j; service buffer B_j weeks, lambda_j, rho):
        cum <- cum + (1 - s);  e <- clip(e + lambda_j (1 - s) 1[cum > B_j] - rho s, 0, 1);
        f = 1 - e.
    """
    fac = np.empty((nn, lay.J, lay.Rin))
    if lay.mat_idx.size:
        tot = stock_a + sup[:, lay.mat_idx] * pick(lay.surge1, sel)  # stock + s'
        use = np.minimum(1.0, tot)
        tot -= use
        np.minimum(np.maximum(tot, 0.0, out=tot), pick(lay.buf, sel), out=stock_a)
        fac[:, lay.mat_terms] = use[:, lay.mat_pos]
    if lay.tool_terms.size:
        sj = sup[:, lay.tool_inp]
        shortfall_j = 1.0 - sj
        cum_a += shortfall_j
        e = ero_a + lay.lam * shortfall_j * (cum_a > pick(lay.serv, sel)) - pick(lay.rho, sel) * sj
        np.minimum(np.maximum(e, 0.0, out=e), 1.0, out=ero_a)
        fac[:, lay.tool_terms] = 1.0 - ero_a
    return fac


def class_cap(lay: ChunkLayout, fac: F64, sup: F64, nn: int) -> F64:
    """Step 6, substitutes f_j <- max(f_j, f_sub) and the class cap [nn, Rin, C]:
    g[r, c] = min_j (1 - crit_j (1 - f_j)) over the active terms j of class c (1 if none)."""
    eff = fac
    if lay.subs:
        eff = fac.copy()
        for j, sl in lay.subs:
            for si in sl:
                other = fac[:, si] if si >= 0 else sup[:, -1 - si]
                np.maximum(eff[:, j], other, out=eff[:, j])
    val = 1.0 - lay.crit * (1.0 - eff)
    red = val[:, lay.cls_terms[0]]  # [nn, classes, Rin]: min over each class's terms
    for row in lay.cls_terms[1:]:
        np.minimum(red, val[:, row], out=red)
    red = red.transpose(0, 2, 1)  # [nn, Rin, classes]
    if lay.all_cls:
        return np.asarray(red)
    g = np.ones((nn, lay.Rin, lay.C))
    g[:, :, lay.cls_of] = red
    return g


def chip_supply(
    lay: ChunkLayout, yr: YearConstants, loss_s: F64, fa: F64, g: F64 | None, nn: int
) -> F64:
    """Step 7, chip supply P [nn, C] (cap already weekly: kwspm * 12/52; g None: no input cap):
    out[r, c] = max(0, cap[r, c, y] - sum_f fabcap[f, y] (1 - a_f)) * fa[r] * g[r, c]
    P[c] = sum_r out[r, c]."""
    capy2 = yr.capy2
    if lay.fab_shocks:
        af = np.ones((nn, len(lay.prep.fab_ids)))
        for s in lay.fab_shocks:
            af *= 1.0 - loss_s[:, s, None] * lay.prep.fab_hit[s][None, :]
        capn = np.maximum(capy2[None] - ((1.0 - af) @ yr.fab_y).reshape(nn, lay.R, lay.C), 0.0)
        out = capn * fa[:, :, None]
        if g is not None:
            out *= g
        return np.asarray(np.einsum("nrc->nc", out))
    if g is None:
        return np.asarray(fa @ capy2)
    if lay.Rin == 1:
        return np.asarray((fa @ capy2) * g[:, 0, :])
    return np.asarray(np.einsum("nr,rc,nrc->nc", fa, capy2, g))


def allocate_chips(
    lay: ChunkLayout, yr: YearConstants, P: F64, inv_a: F64, icap_a: F64, nn: int
) -> F64:
    """Step 8, allocation of P over markets; returns the shortfall [nn, M*C] and updates the
    inventories ``inv_a`` in place (demand D[m, c], inventory I, cap Icap = weeks_m * D):
        stage 1  recv1 = D * min(1, P / sum_m D)            (weighted water-filling if priorities)
                 delivered = min(D, recv1 + I);  I <- recv1 + I - delivered;  short = D - delivered
        stage 2  r = max(0, Icap - I);  recv2 = r * min(1, (P - sum recv1) / sum r);  I <- I + recv2
    """
    M, C, MC = lay.M, lay.C, lay.MC
    Dmc, D, sumD = yr.Dmc, yr.D, yr.sumD
    prio = lay.prep.priority
    if lay.weighted:
        recv1 = waterfill(P, np.broadcast_to(Dmc[None], (nn, M, C)), prio).reshape(nn, MC)
        left = np.maximum(P - recv1 @ lay.collapse, 0.0)
        avail = recv1 + inv_a
    else:
        theta = np.minimum(1.0, P * yr.inv_sumD)
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
    if lay.weighted:
        inv_a += waterfill(left, need.reshape(nn, M, C), prio).reshape(nn, MC)
    else:
        sn = need @ lay.collapse
        with np.errstate(over="ignore"):  # sn may be subnormal: left / sn = inf -> 1
            th2 = np.divide(left, sn, out=np.zeros_like(left), where=sn > 0)
        np.minimum(th2, 1.0, out=th2)
        need.reshape(nn, M, C)[...] *= th2[:, None, :]
        inv_a += need
    return np.asarray(short)


def shortfall(lay: ChunkLayout, yr: YearConstants, short: F64, nn: int) -> tuple[F64, F64]:
    """Step 9, this week's chip shortfall ratio and output lost [nn, M + 1] (column M: all):
    ratio[m] = sum_c short usd / sum_c D usd;  lost[m] = `output_lost`;
    lost[all] = sum_m lost[m] V[m] / sum_m V[m]."""
    M = lay.M
    sv = short @ lay.to_market  # [nn, M] chip value short
    ratio_a = np.empty((nn, M + 1))
    np.multiply(sv, yr.inv_dv, out=ratio_a[:, :M])
    ratio_a[:, M] = sv.sum(axis=1) * yr.inv_tot
    lost_a = np.empty((nn, M + 1))
    output_lost(short, yr.inv_D, ratio_a[:, :M], lay.kappa, lost_a[:, :M])  # 1 - y[m]
    lost_a[:, M] = (lost_a[:, :M] * yr.Vy).sum(axis=1) * yr.inv_Vtot
    return ratio_a, lost_a


def band_bins(
    lay: ChunkLayout, yr: YearConstants, P: F64, ratio_a: F64, lost_a: F64, nn: int
) -> npt.NDArray[np.int64]:
    """Step 10, the flat histogram bin [nn, H] of each series: P / sum D (range 0..2),
    1 - ratio and 1 - lost (0..1), NBINS bins + top."""
    C, M, scale = lay.C, lay.M, lay.scale
    idx_a = np.empty((nn, lay.H), dtype=np.int64)
    idx_a[:, :C] = np.minimum(P * yr.inv_sumD, SUPPLY_RANGE) * scale[:C]
    idx_a[:, C : C + M] = np.maximum(1.0 - ratio_a[:, :M], 0.0) * scale[C : C + M]
    idx_a[:, C + M :] = np.maximum(1.0 - lost_a[:, :M], 0.0) * scale[C + M :]
    idx_a += lay.offsets
    return idx_a


def accumulate_kpis(st: ChunkState, Vy: F64, M: int) -> None:
    """Step 9, KPI accumulation over all runs (settled runs add zeros: ratio = lost = 0):
    cumulative shortfall weeks += ratio; peak = max ratio; output lost weeks += lost;
    peak output lost = max lost;  loss[m] += lost[m] V[m];  loss[all] = sum_m loss[m]."""
    st.cum_weeks += st.ratio
    np.maximum(st.peak, st.ratio, out=st.peak)
    st.out_weeks += st.lost
    np.maximum(st.out_peak, st.lost, out=st.out_peak)
    lv = st.lost[:, :M] * Vy  # [n, M] USD
    st.loss[:, :M] += lv
    st.loss[:, M] += lv.sum(axis=1)
