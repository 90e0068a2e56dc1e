"""Supply side of the weekly step: inputs (materials, tools) and each producer's capacity
available this week. ``loss_s`` [n, S] holds the shock losses 1 - a_s of the week.

An input acts by what it is (node_requirements.csv ``kind``):
- a tool (capital: scanners, etch, deposition, metrology tools and their service) limits the
  capacity, K = cap g_tool: a fab that loses a share of its tools keeps the rest, and its
  spare capacity (1 - u) absorbs a small loss (`class_cap`);
- a material (consumable: wafers, photoresists, gases, wet chemicals, CMP and deposition
  materials, raw materials, and the ATP stage S3 that every chip passes through) is used per
  wafer, so a short one limits output against its normal use, K <= load g_use (`use_cap`,
  `producer_capacity`): with half the resist a fab starts at most half its normal wafers,
  whatever idle tools it has. The world pool of a material is shared among the fabs still
  running (`running_share`): when a country's fabs stop, the share they used goes to the
  others;
- a market-scoped input (advanced packaging) limits what one market can take of the wafers
  (`market_cap`)."""

from __future__ import annotations

import numpy as np

from chipshock.sim.engine.layout import F64, I64, ChunkLayout, ChunkState, YearConstants

__all__ = [
    "class_cap",
    "effective_factors",
    "input_factors",
    "input_supply",
    "link_cap",
    "market_cap",
    "producer_availability",
    "producer_capacity",
    "running_share",
    "use_cap",
]


def input_supply(lay: ChunkLayout, loss_s: F64) -> F64:
    """Input supply fraction s [n, A, Re] per export zone e, clipped to [0, 1]:
    A_c = prod_s (1 - (1 - a_s) hit[s, c]),  flow[a, c, e] = prod_x (1 - (1 - a_x) X_x[a, c, e])
    s[a, e] = (1 - sum_c w[a, c] (1 - A_c flow[a, c, e])) * prod_g (1 - v[a, g] (1 - A_g))
              * prod_s (1 - (1 - a_s) input_hit[s, a])
    """
    prep, n = lay.prep, lay.n
    ac = np.ones((n, len(prep.countries)))
    for s in lay.inp_shocks:
        if prep.country_hit[s].any():
            ac *= 1.0 - loss_s[:, s, None] * prep.country_hit[s][None, :]
    if lay.exp_shocks:
        flow = np.ones((n, lay.A, len(prep.countries), lay.Re))
        for s in lay.exp_shocks:
            flow *= 1.0 - loss_s[:, s, None, None, None] * prep.export_mask[s][None]
        sup = 1.0 - np.einsum("ak,nakr->nar", prep.country_w, 1.0 - ac[:, None, :, None] * flow)
    else:
        sup = (1.0 - np.einsum("nk,ak->na", 1.0 - ac, prep.country_w))[:, :, None]
    if prep.firms:
        ag = np.ones((n, len(prep.firms)))
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


def input_factors(lay: ChunkLayout, st: ChunkState, sup: F64) -> F64:
    """The factor f of every term [n, J, Re] per export zone; updates stocks and tool states in
    place (an input zone's producers see the supply of its export zone).

    Materials (buffer B weeks, surge sigma):  s' = s (1 + sigma);  use = min(1, stock + s');
        stock <- clip(stock + s' - use, 0, B);  f = use.
    Tools (term j; service buffer B_j weeks, lambda_j, rho):
        cum <- cum + (1 - s);  gap = (1 - s) - e;
        e <- e + min(lambda_j (1 - s) 1[cum > B_j], gap)   where gap > 0,
        e <- e - min(rho s, -gap)                            elsewhere;   f = 1 - e.
    A tool under an export stop loses service and spares, so capacity erodes once the service
    buffer is spent: the eroded share e grows by lambda_j per week of the share cut off (1 - s)
    until it reaches that share (a partial stop erodes the part of the fleet it cuts off, a
    full one the whole fleet); when service returns, tools come back at rho per week of the
    share served, down to the share still cut off.
    """
    fac = np.empty((lay.n, lay.J, lay.Re))
    if lay.mat_idx.size:
        tot = st.stock + sup[:, lay.mat_idx] * lay.surge1
        use = np.minimum(1.0, tot)
        tot -= use
        np.minimum(np.maximum(tot, 0.0, out=tot), lay.buf, out=st.stock)
        fac[:, lay.mat_terms] = use[:, lay.mat_pos]
    if lay.tool_terms.size:
        sj = sup[:, lay.tool_inp]
        shortfall_j = 1.0 - sj
        st.cum += shortfall_j
        gap = shortfall_j - st.ero
        grow = np.minimum(lay.lam * shortfall_j * (st.cum > lay.serv), gap)
        back = np.minimum(lay.rho * sj, -gap)
        e = np.where(gap > 0.0, st.ero + grow, st.ero - back)
        np.minimum(np.maximum(e, 0.0, out=e), 1.0, out=st.ero)
        fac[:, lay.tool_terms] = 1.0 - st.ero
    return fac


def effective_factors(lay: ChunkLayout, fac: F64, sup: F64) -> F64:
    """Substitutes: f_j <- max(f_j, f_sub) over the term's substitutes [n, J, Re]."""
    eff = fac
    if lay.subs:
        eff = fac.copy()
        for j, sl in lay.subs:
            for si in sl:
                other = fac[:, si] if si >= 0 else sup[:, -1 - si]
                np.maximum(eff[:, j], other, out=eff[:, j])
    return eff


def _term_min(lay: ChunkLayout, eff: F64, table: I64, crit: F64) -> F64:
    """min_j (1 - crit_j[r] (1 - f_j[e(r)])) over the terms of each column of ``table``,
    [n, Rin, X]; e(r) is input zone r's export zone."""
    val = 1.0 - crit * (1.0 - (eff if lay.same_zones else eff[:, :, lay.zone_ex]))
    red = val[:, table[0]]
    for row in table[1:]:
        np.minimum(red, val[:, row], out=red)
    return np.asarray(red.transpose(0, 2, 1))


def _class_min(lay: ChunkLayout, eff: F64, crit: F64) -> F64:
    """min_j (1 - crit_j (1 - f_j)) over the active class-wide terms j of each class, [n, Rin,
    C] (1 for a class without terms; a term whose ``crit`` is 0 leaves it at 1)."""
    if not lay.cls_of.size:
        return np.ones((lay.n, lay.Rin, lay.C))
    red = _term_min(lay, eff, lay.cls_terms, crit)
    if lay.all_cls:
        return red
    g = np.ones((lay.n, lay.Rin, lay.C))
    g[:, :, lay.cls_of] = red
    return g


def class_cap(lay: ChunkLayout, eff: F64) -> F64:
    """The capacity cap of the tools [n, Rin, C] from the effective factors
    (`effective_factors`): g[r, c] = min_j (1 - crit_j (1 - f_j)) over the active class-wide
    tool terms j of class c (1 if none); it limits the class's wafer capacity
    (`producer_capacity`)."""
    return _class_min(lay, eff, lay.crit_tool)


def use_cap(lay: ChunkLayout, eff: F64, run: F64) -> F64:
    """The use cap of the materials [n, Rin, C]: h[r, c] = min_j (1 - crit_j (1 - f'_j)) over
    the active class-wide material terms j of class c (1 if none), the share of its normal
    use (normal orders) that class c can make while they are short (`producer_capacity`).
    The pool is shared among the producers still running: f'_j = min(1, f_j / r_c) with r_c
    the share of class c's normal use still running (`running_share`; f'_j = 1 at r_c = 0,
    no one runs). Two fabs of one class, equal load, the material half from country X cut
    off with X's fab down: r = 0.5, f' = min(1, 0.5 / 0.5) = 1, the other fab is not limited;
    with X's fab up, r = 1 and it is held at 0.5 of its normal use."""
    if not lay.cls_of.size:
        return np.ones((lay.n, lay.Rin, lay.C))
    ez = eff if lay.same_zones else eff[:, :, lay.zone_ex]  # [n, J, Rin]
    rc = run[:, lay.cls_of, None]  # [n, X, 1]
    red = np.ones((lay.n, lay.cls_of.size, lay.Rin))
    for row in lay.cls_terms:  # the k-th term of each class with terms, [X]
        f = ez[:, row]
        fs = np.where(rc > 0.0, np.minimum(1.0, f / np.where(rc > 0.0, rc, 1.0)), 1.0)
        np.minimum(red, 1.0 - lay.crit_use[:, row] * (1.0 - fs), out=red)
    if lay.all_cls:
        return np.asarray(red.transpose(0, 2, 1))
    h = np.ones((lay.n, lay.Rin, lay.C))
    h[:, :, lay.cls_of] = red.transpose(0, 2, 1)
    return h


def market_cap(lay: ChunkLayout, eff: F64) -> F64 | None:
    """The market cap [n, Rin, M, C] (None without market-scoped terms):
    a[r, m, c] = min_j (1 - crit_j (1 - f_j)) over the active terms j of class c scoped to
    market m (1 if none). The wafers are made; what a market can take of them is limited (an
    input such as advanced packaging that only its chips need): market m's orders to a
    class-c producer of input region r are served up to a[r, m, c] times the link's normal
    flow (`allocation.serve`, step 2)."""
    if not lay.mkt_of.size:
        return None
    a = np.ones((lay.n, lay.Rin, lay.M, lay.C))
    a[:, :, lay.mkt_of[:, 0], lay.mkt_of[:, 1]] = _term_min(lay, eff, lay.mkt_terms, lay.crit)
    return a


def link_cap(lay: ChunkLayout, a: F64 | None) -> F64 | None:
    """The market cap per sourcing link, q[m, p] = a[r(p), m, c(p)], [n, M, P] (None: 1)."""
    if a is None:
        return None
    # advanced indices apart: their axis (P) comes first, [P, n, M]
    return np.asarray(a[:, lay.prod_rin, :, lay.prep.prod_class].transpose(1, 2, 0))


def producer_availability(lay: ChunkLayout, loss_s: F64) -> F64:
    """Each producer's availability from the fab, country and firm shocks, [n, P]:
    a[p] = prod_s (1 - (1 - a_s) prod_hit[s, p]) (the inputs' caps apart)."""
    prep = lay.prep
    a = np.ones((lay.n, lay.P))
    for s in lay.prod_shocks:
        a *= 1.0 - loss_s[:, s, None] * prep.prod_hit[s][None, :]
    return a


def running_share(lay: ChunkLayout, yr: YearConstants, loss_s: F64) -> F64:
    """The share of each class's normal use still running, r [n, C]:
    r_c = sum_{p in c} load[p] a[p] / sum_{p in c} load[p], a from the fab, country and firm
    shocks (`producer_availability`; not from the inputs, no circularity); 1 for a class
    without normal use. A country shock stops its fabs' use of each material too: what they
    used is left to the producers still running (`use_cap`)."""
    pc = lay.prep.prod_class
    den = np.bincount(pc, weights=yr.load, minlength=lay.C)
    num = np.zeros((lay.n, lay.C))
    ua = producer_availability(lay, loss_s) * yr.load[None, :]
    for p in range(lay.P):
        num[:, pc[p]] += ua[:, p]
    return np.where(den > 0.0, num / np.where(den > 0.0, den, 1.0), 1.0)


def producer_capacity(
    lay: ChunkLayout, yr: YearConstants, loss_s: F64, g: F64 | None, h: F64 | None = None
) -> F64:
    """Capacity each producer has this week, K [n, P] in k-wafers/week:
    a[p] = prod_s (1 - (1 - a_s) prod_hit[s, p]) * g[r(p), c(p)];  K[p] = cap[p, y] a[p];
    where a material is short (h[r(p), c(p)] < 1):  K[p] = min(K[p], h[r(p), c(p)] load[p, y]).
    load[p, y] = sum_m D[m, c(p), y] share[m, p, y] is the producer's normal use, its normal
    weekly orders: the class's normal utilisation u[c, y] (utilisation_path.csv, else
    model_assumptions.csv) times its capacity where the sourcing follows capacity. A material
    at its full normal flow (h = 1, stocks included) bounds nothing: orders above normal use
    may run into the spare capacity as before; a short one bounds output at h of normal use,
    and spare tools do not make up for it. One fab, u = 0.8, criticality 1, half the material:
    K = min(cap, 0.5 * 0.8 cap) = 0.4 cap."""
    prep = lay.prep
    a = producer_availability(lay, loss_s)
    if g is not None:
        a *= g[:, lay.prod_rin, prep.prod_class]
    K = a * yr.cap[None, :]
    if h is not None:
        hp = h[:, lay.prod_rin, prep.prod_class]
        K = np.where(hp < 1.0, np.minimum(K, hp * yr.load[None, :]), K)
    return np.asarray(K)
