"""Steps of the compiled run kernel (`chipshock.sim.engine.kernel`) in plain loops for numba:
input supply, material stocks, tool erosion and class caps of one run (`supply`), one week's
measures of one run (`kpis`), and the histogram counting of the bands."""

from __future__ import annotations

from typing import Any

try:  # numba is optional: the numpy path computes the same equations
    import numba

    _HAVE_NUMBA = True
except ImportError:  # pragma: no cover - the fast extra installs it
    _HAVE_NUMBA = False

__all__ = ["class_cap", "count_bins", "distinct_rows", "supply_cap", "week_kpis"]


def supply_cap(
    loss: Any,
    inp: Any,
    exp: Any,
    country_hit: Any,
    firm_hit: Any,
    input_hit: Any,
    export_mask: Any,
    country_w: Any,
    firm_w: Any,
    sup: Any,
    ac: Any,
    ag: Any,
) -> None:
    """Input supply fraction sup [A, Re] of one run per export zone (`supply.input_supply`)."""
    A, Rin = sup.shape
    Kc = ac.shape[0]
    G = ag.shape[0]
    for k in range(Kc):
        ac[k] = 1.0
    for i in range(inp.shape[0]):
        s = inp[i]
        for k in range(Kc):
            ac[k] *= 1.0 - loss[s] * country_hit[s, k]
    for a in range(A):
        for r in range(Rin):
            acc = 0.0
            for k in range(Kc):
                flow = 1.0
                for i in range(exp.shape[0]):
                    flow *= 1.0 - loss[exp[i]] * export_mask[exp[i], a, k, r]
                if exp.shape[0]:
                    acc += country_w[a, k] * (1.0 - ac[k] * flow)
                else:
                    acc += (1.0 - ac[k]) * country_w[a, k]
            sup[a, r] = 1.0 - acc
    if G:
        for g in range(G):
            ag[g] = 1.0
        for i in range(inp.shape[0]):
            s = inp[i]
            for g in range(G):
                ag[g] *= 1.0 - loss[s] * firm_hit[s, g]
        for g in range(G):
            for a in range(A):
                for r in range(Rin):
                    sup[a, r] *= 1.0 - firm_w[a, g] * (1.0 - ag[g])
    for i in range(inp.shape[0]):
        s = inp[i]
        for a in range(A):
            for r in range(Rin):
                sup[a, r] *= 1.0 - loss[s] * input_hit[s, a]
    for a in range(A):
        for r in range(Rin):
            sup[a, r] = min(max(sup[a, r], 0.0), 1.0)


def class_cap(
    sup: Any,
    stock: Any,
    cum: Any,
    ero: Any,
    ints: Any,
    buf: Any,
    surge1: float,
    serv: Any,
    lam: Any,
    rho: float,
    crit: Any,
    cls_terms: Any,
    cls_of: Any,
    subs: Any,
    use: Any,
    fac: Any,
    eff: Any,
    g: Any,
    mkt_terms: Any,
    mkt_of: Any,
    gm: Any,
    zone_ex: Any,
    mat_term: Any,
    run_c: Any,
) -> None:
    """Material stocks, tool erosion (in place, per export zone: sup, stock, cum, ero, use,
    fac, eff [., Re]), the tools' capacity cap g[0] and the materials' use cap g[1] [2, Rin, C]
    and the market cap gm [Rin, M, C] per input zone r, from the factors of its export zone
    zone_ex[r] (`supply.input_factors`, `supply.class_cap`, `supply.use_cap`,
    `supply.market_cap`; gm's entries without market-scoped terms stay 1).
    ``ints`` rows: mat_idx, mat_terms, mat_pos, tool_terms, tool_inp (-1 padded);
    ``mat_term`` [J]: True for a material term (it enters g[1], a tool term g[0]);
    ``run_c`` [C]: the share of each class's normal use still running, r_c
    (`supply.running_share`): a material's pool is shared among them, f' = min(1, f / r_c)
    (1 at r_c = 0)."""
    Rin = sup.shape[1]  # the export zones (Re) up to the caps below
    for i in range(ints.shape[1]):
        if ints[0, i] < 0:
            break
        a = ints[0, i]
        for r in range(Rin):
            tot = stock[i, r] + sup[a, r] * surge1
            used = min(1.0, tot)
            tot -= used
            stock[i, r] = min(max(tot, 0.0), buf[i])
            use[i, r] = used
    for i in range(ints.shape[1]):
        if ints[1, i] < 0:
            break
        for r in range(Rin):
            fac[ints[1, i], r] = use[ints[2, i], r]
    for i in range(ints.shape[1]):
        if ints[3, i] < 0:
            break
        a = ints[4, i]
        for r in range(Rin):
            sj = sup[a, r]
            short = 1.0 - sj
            cum[i, r] += short
            gap = short - ero[i, r]
            if gap > 0.0:  # erodes up to the share cut off
                e = ero[i, r] + min(lam[i] * short * (1.0 if cum[i, r] > serv[i] else 0.0), gap)
            else:  # restored down to the share still cut off
                e = ero[i, r] - min(rho * sj, -gap)
            ero[i, r] = min(max(e, 0.0), 1.0)
            fac[ints[3, i], r] = 1.0 - ero[i, r]
    J = fac.shape[0]
    for j in range(J):
        for r in range(Rin):
            eff[j, r] = fac[j, r]
    for i in range(subs.shape[1]):
        j, si = subs[0, i], subs[1, i]
        for r in range(Rin):
            other = fac[si, r] if si >= 0 else sup[-1 - si, r]
            eff[j, r] = max(eff[j, r], other)
    for r in range(g.shape[1]):
        e = zone_ex[r]
        for c in range(g.shape[2]):
            g[0, r, c] = 1.0
            g[1, r, c] = 1.0
        for i in range(cls_of.shape[0]):
            for k in range(cls_terms.shape[0]):
                j = cls_terms[k, i]
                f = eff[j, e]
                kind = 1 if mat_term[j] else 0
                if kind == 1:
                    rc = run_c[cls_of[i]]
                    f = min(1.0, f / rc) if rc > 0.0 else 1.0
                v = 1.0 - crit[j, r] * (1.0 - f)
                g[kind, r, cls_of[i]] = min(g[kind, r, cls_of[i]], v)
        for i in range(mkt_of.shape[0]):
            red = 1.0 - crit[mkt_terms[0, i], r] * (1.0 - eff[mkt_terms[0, i], e])
            for k in range(1, mkt_terms.shape[0]):
                j = mkt_terms[k, i]
                red = min(red, 1.0 - crit[j, r] * (1.0 - eff[j, e]))
            gm[r, mkt_of[i, 0], mkt_of[i, 1]] = red


def week_kpis(
    t: int,
    y: int,
    r: int,
    year: Any,
    Dt: Any,
    inv: Any,
    short: Any,
    cancelled: Any,
    cap_c: Any,
    lead: Any,
    inv_weeks: Any,
    usd: Any,
    scale: Any,
    kappa: float,
    lead0: float,
    M: int,
    C: int,
    ratio: Any,
    lost: Any,
    dv: Any,
    out: Any,
    bins: Any,
) -> None:
    """One week's measures of one run (`kpis.shortfall`, `drawdown_step`, `band_bins`,
    `accumulate_kpis`); ``inv`` [M, C] is the markets' stock per class (summed over its
    sourcing links), ``cap_c`` [C] each class's capacity this week (its producers' output),
    ``lead`` [M, C + 1] the lead times (the market's in column C),
    ``out`` rows as in `kernel._run_one`."""
    Vy = year[y, 2]
    inv_Vtot = year[y, 3, 0]
    inv_sumD = year[y, 4]
    dv0 = year[y, 5]  # normal chip demand per market with demand shocks, else 0 (e = 1)
    sv_all = 0.0
    dv_all = 0.0
    gv_all = 0.0
    cv_all = 0.0
    lost_all = 0.0
    chips_all = 0.0
    lead_num = 0.0
    for m in range(M):
        sv = 0.0
        dvm = 0.0
        xv = 0.0
        gv = 0.0
        cv = 0.0
        worst = 0.0
        for c in range(C):
            d = Dt[m, c]
            sv += short[m, c] * usd[c]
            dvm += d * usd[c]
            xv += cancelled[m, c] * usd[c]
            cover = inv_weeks[m, c] * d
            gv += max(cover - inv[m, c], 0.0) * usd[c]
            cv += cover * usd[c]
            frac = cancelled[m, c] * (1.0 / d if d > 0 else 0.0)
            worst = frac if c == 0 else max(worst, frac)
        dv[m] = dvm
        ratio[m] = sv / dvm if dvm > 0 else 0.0
        xratio = xv / dvm if dvm > 0 else 0.0
        lm = worst
        if kappa < 1.0:
            lm = lm * kappa + (1.0 - kappa) * xratio
        lost[m] = lm
        lost_all += lm * Vy[m]
        chips = xv * 1000.0
        chips_all += chips
        out[5, m] += chips
        out[7, m] = max(out[7, m], gv / cv if cv > 0 else 0.0)
        sv_all += sv
        dv_all += dvm
        gv_all += gv
        cv_all += cv
        lead_num += lead[m, C] * dvm
    ratio[M] = sv_all / dv_all if dv_all > 0 else 0.0
    lost[M] = lost_all * inv_Vtot
    out[5, M] += chips_all
    out[7, M] = max(out[7, M], gv_all / cv_all if cv_all > 0 else 0.0)
    lead_total = lead_num / dv_all if dv_all > 0 else lead0
    loss_all_m = 0.0
    for m in range(M + 1):
        out[0, m] += ratio[m]
        out[1, m] = max(out[1, m], ratio[m])
        out[3, m] = max(out[3, m], lost[m])
        if m < M:
            # worth = lost x e, e = intended / normal chip demand (`kpis.shortfall`)
            worth = lost[m] * (dv[m] / dv0[m]) if dv0[m] > 0 else lost[m]
            out[2, m] += worth
            lv = worth * Vy[m]
            out[4, m] += lv
            loss_all_m += lv
        else:
            out[2, M] += loss_all_m * inv_Vtot
        out[6, m] = max(out[6, m], lead[m, C] if m < M else lead_total)
    out[4, M] += loss_all_m
    for c in range(C):
        bins[r, t, c] = int(min(cap_c[c] * inv_sumD[c], 2.0) * scale[c])
    for m in range(M):
        bins[r, t, C + m] = int(max(1.0 - ratio[m], 0.0) * scale[C + m])
        bins[r, t, C + M + m] = int(max(1.0 - lost[m], 0.0) * scale[C + M + m])


def count_bins(bins: Any, counts: Any) -> None:
    """counts[t, h, b] = number of runs whose bin of series h in week t is b."""
    n, T, H = bins.shape
    for t in numba.prange(T):
        for r in range(n):
            for h in range(H):
                counts[t, h, bins[r, t, h]] += 1


def distinct_rows(counts: Any, week_row: Any) -> int:
    """Keep one row per run of equal weeks (in place); return the number of rows."""
    T = counts.shape[0]
    rows = 0
    for t in range(T):
        same = rows > 0
        if same:
            prev = counts[rows - 1]
            cur = counts[t]
            for h in range(cur.shape[0]):
                for b in range(cur.shape[1]):
                    if cur[h, b] != prev[h, b]:
                        same = False
                        break
                if not same:
                    break
        if not same:
            if rows != t:
                counts[rows] = counts[t]
            rows += 1
        week_row[t] = rows - 1
    return rows


if _HAVE_NUMBA:
    # error_model="numpy": a float division is IEEE's, without the check for a zero divisor
    # that raises ZeroDivisionError; every division here is guarded (a zero divisor takes
    # the other branch), so the results are the same and the branches go
    supply_cap = numba.njit(cache=True, error_model="numpy")(supply_cap)
    class_cap = numba.njit(cache=True, error_model="numpy")(class_cap)
    week_kpis = numba.njit(cache=True, error_model="numpy")(week_kpis)
    count_bins = numba.njit(cache=True, error_model="numpy", parallel=True)(count_bins)
    distinct_rows = numba.njit(cache=True, error_model="numpy")(distinct_rows)
