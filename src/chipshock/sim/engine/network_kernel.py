"""The network allocation of one run and one week, in plain loops for numba.

It computes exactly the equations of `chipshock.sim.engine.allocation` (orders with backlog,
double ordering and restocking, own customers first by priority from output and wafer/die
banks, the two substitution tiers after qualification, bank refills, receipts, inventories,
cancellations, lead time, producers' net sales lost) for one run; `chipshock.sim.engine.kernel`
calls it for every run and week. The numpy functions stay as the vectorised reference and the
plain-loop oracle (`chipshock.sim.reference`) checks both. Scratch arrays are passed in (one
set per run), so the weekly step allocates nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chipshock.sim.units import COVER_LINK_SHARE, RESTOCK_LOT, ROUNDOFF

try:  # numba is optional: the numpy path computes the same equations
    import numba

    _HAVE_NUMBA = True
except ImportError:  # pragma: no cover - the fast extra installs it
    _HAVE_NUMBA = False

__all__ = ["network_run", "tier", "waterfill1"]

#: above the rounding of w d (both normal): a stock above w d x this holds more than w weeks
_ABOVE = 1.0 + 1e-12


def waterfill1(supply: float, need: Any, w: Any, weighted: bool, sat: Any, out: Any) -> None:
    """need_m min(1, lambda w_m) into ``out`` (see `allocation.waterfill`), one supply;
    ``sat`` [M] is scratch."""
    M = need.shape[0]
    total = 0.0
    for m in range(M):
        total += need[m]
    if total <= supply:  # every market's need is met (what the iteration below converges to)
        for m in range(M):
            out[m] = need[m]
        return
    if not weighted:
        frac = 1.0
        if total > 0.0:
            frac = min(supply / total, 1.0)
        for m in range(M):
            out[m] = need[m] * frac
        return
    for m in range(M):
        sat[m] = False
    lam = 0.0
    for _ in range(M):
        sat_need = 0.0
        wn = 0.0
        for m in range(M):
            if sat[m]:
                sat_need += need[m]
            else:
                wn += need[m] * w[m]
        lam = (supply - sat_need) / wn if wn > 0.0 else np.inf
        changed = False
        for m in range(M):
            if not sat[m] and lam * w[m] >= 1.0:
                sat[m] = True
                changed = True
        if not changed:
            break
    for m in range(M):
        if sat[m]:
            out[m] = need[m]
        else:
            out[m] = need[m] * min(1.0, max(lam, 0.0) * w[m])


def tier(
    U: Any,
    spare: Any,
    ready: Any,
    starts: Any,
    ends: Any,
    w: Any,
    weighted: bool,
    Z: Any,
    moved: Any,
    sat: Any,
    Un: Any,
    Ur: Any,
) -> None:
    """One substitution tier over contiguous producer segments (U, spare in place). With
    ``weighted`` each market's unserved orders are two claimants, the part needed now ``Un``
    [M, P] at its priority w[m] and the rest ``Ur`` [M, P] at w[M + m] = 1, updated in place
    with U = Un + Ur (`allocation._tier`); ``Z``, ``moved`` [2M] and ``sat`` are scratch."""
    M = U.shape[0]
    n = 2 * M if weighted else M
    Zc = Z[:n]
    mv = moved[:n]
    for g in range(starts.shape[0]):
        a, b = starts[g], ends[g]
        sg = 0.0
        any_ready = False
        for p in range(a, b):
            sg += spare[p]
            if ready[p]:
                any_ready = True
        if sg <= 0.0 or not any_ready:  # nothing can move: U and spare stay as they are
            continue
        # only the ready producers' orders move: their sums run producer by producer, each
        # market's in the producers' order (the same sums, bit for bit, as market by market)
        for i in range(n):
            Zc[i] = 0.0
        for p in range(a, b):
            if ready[p]:
                if weighted:
                    for m in range(M):
                        Zc[m] += Un[m, p]
                        Zc[M + m] += Ur[m, p]
                else:
                    for m in range(M):
                        Zc[m] += U[m, p]
        any_z = False
        for i in range(n):
            if Zc[i] > 0.0:
                any_z = True
        if not any_z:
            continue
        waterfill1(sg, Zc, w, weighted, sat, mv)
        used_total = 0.0
        for i in range(n):
            used_total += mv[i]
        for i in range(n):  # the share of each claimant's orders served: moved / Z
            mv[i] = mv[i] / Zc[i] if Zc[i] > 0.0 else 0.0
        for p in range(a, b):
            if ready[p]:
                if weighted:
                    for m in range(M):
                        Un[m, p] = max(Un[m, p] - Un[m, p] * mv[m], 0.0)
                        Ur[m, p] = max(Ur[m, p] - Ur[m, p] * mv[M + m], 0.0)
                        U[m, p] = Un[m, p] + Ur[m, p]
                else:
                    for m in range(M):
                        U[m, p] = max(U[m, p] - U[m, p] * mv[m], 0.0)
        used = used_total / sg if sg > 0.0 else 0.0
        for p in range(a, b):
            spare[p] = max(spare[p] * (1.0 - used), 0.0)


def network_run(
    K: Any, Dt: Any, load: Any, net: Any, consts: Any, run: Any, state: Any, out: Any, work: Any
) -> None:
    """Steps 0-7 of `chipshock.sim.engine.allocation` for one run and week (arrays of that run).

    In: ``K`` [P] output this week and ``load`` [P] normal orders (k-wafers/week), ``Dt`` [M, C]
    demand; ``net`` = (share [P, M], transposed so a producer's markets are contiguous; pc [P]
    class of each producer; segs [4, .] operator-group starts/ends and class-segment
    starts/ends, -1 padded; w [2M] the claimants' weights, priorities w[m] for the part of
    market m's orders needed now and 1 for the rest (double orders, restocking), read when
    weighted; sourced [M, C] share of a class some producer
    makes for the market; usd [C] per wafer; gm [Rin, M, C] the market caps and prin [P] each
    producer's input region, used when has_mkt: where q = gm[prin[p], m, pc[p]] < 1, market
    m takes from p at most q times its normal flow Dn[m, c] share[p, m] (Dn [M, C] this
    year's demand without demand shocks), the rest is blocked (unmet, never substituted));
    ``consts`` =
    (weighted, bank_weeks, rate = 1 / restocking weeks, lead0 normal lead time); ``run`` =
    (d_same, d_cross [P] qualification delays, inv_weeks [M, C] cover, draws3 = (cancel
    share, double-order sensitivity, double-order cap)).

    Updated in place: ``state`` = (tau [P] qualification clocks, inv and backlog [M, P] per
    sourcing link, bank [P], lead [M, C + 1] lead times per class (each drives its class's
    double ordering) and the market's (column C: their mean weighted by chip value,
    `allocation` step 7), prod_lost [P]). Written: ``out`` = (sold [P] own
    customers served from output and bank plus orders taken over from others, k-wafers;
    short and cancelled [M, C]; inv_c [M, C] the markets' stock per class, summed over links;
    cover [M + 1] the fewest weeks of stock left on a market's sourcing links so far, lowered
    by this week's (`kpis.cover_step`), the markets' lowest in column M).
    ``work`` = (scratch [M + 12, max(2M, P, C)], scratch2 [5M, max(P, C)], sat [2M], phi
    [M, C]) holds the work arrays.

    One pass over the producers places each link's orders, serves the producer's own customers
    and books what the later steps need (orders, normal orders, unserved)."""
    share, pc, segs, w, sourced, usd, gm, prin, has_mkt, Dn = net
    weighted, bank_weeks, rate, lead0 = consts
    d_same, d_cross, inv_weeks, draws3 = run
    tau, inv, backlog, bank, lead, prod_lost = state
    sold, short, cancelled, inv_c, cover_min = out
    scratch, scratch2, sat, phi = work
    M, C = Dt.shape
    P = K.shape[0]
    cancel, sens, cap = draws3[0], draws3[1], draws3[2]
    U = scratch2[:M]
    need = scratch2[M : 2 * M]
    blocked = scratch2[2 * M : 3 * M]
    Un = scratch2[3 * M : 4 * M]  # with priorities: unserved orders needed now
    Ur = scratch2[4 * M : 5 * M]  # and the rest (double orders, restocking)
    col = scratch[M, :M]
    got = scratch[M + 1, :M]
    Z = scratch[M + 3, : 2 * M]
    moved = scratch[M + 4, : 2 * M]
    col2 = scratch[M + 10, : 2 * M]  # with priorities: the two claimants of each market
    got2 = scratch[M + 11, : 2 * M]
    spare = scratch[M + 5, :P]
    before = scratch[M + 6, :P]
    left = scratch[M + 7, :P]
    ready = scratch[M + 8, :P]
    base = scratch[M + 9, :P]
    g_starts, g_ends, c_starts, c_ends = segs[0], segs[1], segs[2], segs[3]
    for m in range(M):
        for c in range(C):
            rel = lead[m, c] / lead0 - 1.0
            rel = rel if rel > ROUNDOFF else 0.0  # a lead time within round-off of normal
            phi[m, c] = 1.0 + min(cap, sens * rel)
    any_short = False
    for p in range(P):
        c = pc[p]
        sh = share[p]
        tp = 0.0
        bp = 0.0
        for m in range(M):
            d = Dt[m, c] * sh[m]
            cover = inv_weeks[m, c] * d
            excess = max(inv[m, p] - cover, 0.0)
            now = max(d + backlog[m, p] - excess, 0.0)  # needed now
            x = phi[m, c] * now
            gap = max(cover - inv[m, p], 0.0)
            # restocking orders (`allocation.restock_orders`) where the gap is beyond
            # round-off, chosen without a branch: x + (-0.0) is x bit for bit (even -0.0)
            lot = gap if gap <= RESTOCK_LOT * cover else gap * rate
            x += lot if gap > ROUNDOFF * cover else -0.0
            need[m, p] = x
            tp += x
            bp += d
            if has_mkt:  # the market cap: the part it blocks is unmet, never substituted
                q = gm[prin[p], m, c]
                takes = min(x, q * (Dn[m, c] * sh[m])) if q < 1.0 else x
                blocked[m, p] = x - takes
                x = takes
            col[m] = x
            if weighted:  # needed now at priority w[m], the rest at 1 (a cap blocks it first)
                col2[m] = min(now, x)
                col2[M + m] = x - col2[m]
        supply = K[p] + bank[p]
        lp = 0.0
        ts = tp
        bl = 0.0
        if has_mkt:
            ts = 0.0
            for m in range(M):
                ts += col[m]
                bl += blocked[m, p]
        if ts <= supply:  # every order met (what `waterfill1` returns)
            s = ts
            for m in range(M):
                U[m, p] = 0.0
            if weighted:  # Un and Ur are read only with priorities
                for m in range(M):
                    Un[m, p] = 0.0
                    Ur[m, p] = 0.0
        elif weighted:
            waterfill1(supply, col2, w, True, sat, got2)
            s = 0.0
            for m in range(M):
                u1 = max(col2[m] - got2[m], 0.0)
                u2 = max(col2[M + m] - got2[M + m], 0.0)
                Un[m, p] = u1
                Ur[m, p] = u2
                U[m, p] = u1 + u2
                lp += u1 + u2
                s += got2[m] + got2[M + m]
        else:
            waterfill1(supply, col, w, False, sat, got)
            s = 0.0
            for m in range(M):
                u = max(col[m] - got[m], 0.0)
                U[m, p] = u
                lp += u
                s += got[m]
        draw = s - K[p]
        if draw > ROUNDOFF * K[p]:  # beyond round-off: the orders exceed output
            bank[p] = max(bank[p] - draw, 0.0)
        free = K[p] - s
        spare[p] = free if free > ROUNDOFF * K[p] else 0.0  # round-off is not spare capacity
        before[p] = spare[p]
        sold[p] = s
        net = bp - tp  # normal orders minus orders: the net of double ordering
        base[p] = net if abs(net) > ROUNDOFF * bp else 0.0  # round-off is no net
        left[p] = lp + bl  # not sold: unserved and blocked
        if lp > ROUNDOFF * tp:
            tau[p] += 1.0
            any_short = True
        elif K[p] < load[p] * (1.0 - ROUNDOFF):  # an outage its customers know of
            tau[p] += 1.0
        else:
            tau[p] = 0.0
    n_c = 0
    while n_c < c_starts.shape[0] and c_starts[n_c] >= 0:
        n_c += 1
    if any_short:
        n_g = 0
        while n_g < g_starts.shape[0] and g_starts[n_g] >= 0:
            n_g += 1
        for p in range(P):
            ready[p] = 1.0 if tau[p] >= d_same[p] else 0.0
        tier(U, spare, ready, g_starts[:n_g], g_ends[:n_g], w, weighted, Z, moved, sat, Un, Ur)
        for p in range(P):
            ready[p] = 1.0 if tau[p] >= d_cross[p] else 0.0
        tier(U, spare, ready, c_starts[:n_c], c_ends[:n_c], w, weighted, Z, moved, sat, Un, Ur)
    for p in range(P):
        gained = before[p] - spare[p]
        sold[p] += gained
        prod_lost[p] += (base[p] + left[p] - gained) * usd[pc[p]] * 1000.0
        target = bank_weeks * load[p]
        gap = max(target - bank[p], 0.0)
        if gap <= spare[p]:  # filled to the target exactly (no round-off drift)
            bank[p] = max(bank[p], target)
            spare[p] -= gap
        else:
            bank[p] += spare[p]
            spare[p] = 0.0
    for m in range(M):
        wk = cover_min[m]  # the fewest weeks of cover left on a link of m so far
        for c in range(C):
            short[m, c] = 0.0  # delivered, summed over the class's links (below)
            cancelled[m, c] = 0.0
            inv_c[m, c] = 0.0
            lead[m, c] = 0.0  # the class's orders outstanding, summed over its links (below)
        # a class's producers are one contiguous segment: its sums run in registers, in the
        # producers' order (the same sums, bit for bit, as adding into [m, c] link by link)
        for k in range(n_c):
            a, b = c_starts[k], c_ends[k]
            c = pc[a]
            Dmc = Dt[m, c]
            weeks = inv_weeks[m, c]
            x_sum = 0.0
            delivered_sum = 0.0
            inv_sum = 0.0
            open_sum = 0.0
            for p in range(a, b):
                d = Dmc * share[p, m]
                wanted = d + backlog[m, p]
                unserved = U[m, p]
                if has_mkt:  # after the tiers: blocked orders stay unmet
                    unserved += blocked[m, p]
                received = max(need[m, p] - unserved, 0.0)
                delivered = min(wanted, received + inv[m, p])
                # received + inventory - delivered, summed so that receipts equal to what is
                # wanted leave the inventory exactly as it was
                stock = max(inv[m, p] + (received - wanted), 0.0)
                inv[m, p] = stock
                unmet = max(wanted - delivered, 0.0)
                x = cancel * unmet
                x_sum += x
                backlog[m, p] = unmet - x
                delivered_sum += delivered
                inv_sum += stock
                open_sum += unmet + max(weeks * d - stock, 0.0)
                # weeks of cover left on the link, divided out only where they can lower the
                # lowest so far, wk: where the stock is above t = wk d (1 + 1e-12) rounded
                # (t > 1e-300, so wk d is a normal number and t is above it exactly),
                # stock / d is above wk exactly and its rounding is at least wk; at wk = 0 (a
                # link ran dry) or nan nothing can: min(wk, x) is x only where x < wk, and
                # stock / d is >= 0, -0.0 or nan
                if wk > 0.0 and share[p, m] > COVER_LINK_SHARE and d > 0.0:
                    t = wk * d * _ABOVE
                    if not (t > 1e-300 and stock > t):
                        wk = min(wk, stock / d)
            cancelled[m, c] = x_sum
            short[m, c] = delivered_sum
            inv_c[m, c] = inv_sum
            lead[m, c] = open_sum
        dv = 0.0
        lv = 0.0
        for c in range(C):
            d = Dt[m, c]
            none = d * (1.0 - sourced[m, c])  # demand of a class no producer makes for m
            cancelled[m, c] += none
            o = lead[m, c] + none
            s = d - short[m, c]
            short[m, c] = s if s > ROUNDOFF * d else 0.0  # shares sum to 1 to round-off
            lc = phi[m, c] * (lead0 + (o / d if d > 0.0 else 0.0))
            lead[m, c] = lc
            v = d * usd[c]
            dv += v
            lv += v * lc
        lead[m, C] = lv / dv if dv > 0.0 else lead0
        cover_min[m] = wk
        cover_min[M] = min(cover_min[M], wk)


if _HAVE_NUMBA:
    # error_model="numpy": a float division is IEEE's, without the check for a zero divisor
    # that raises ZeroDivisionError; every division here is guarded (a zero divisor takes
    # the other branch), so the results are the same and the branches go; lead / lead0
    # divides by the normal lead time (12 weeks in the data): were it 0, the kernel would
    # give inf/nan as the numpy path (`allocation`) does, not raise
    waterfill1 = numba.njit(cache=True, error_model="numpy")(waterfill1)
    tier = numba.njit(cache=True, error_model="numpy")(tier)
    # inline="always": numba inlines the week's allocation into the run loop (the same
    # operations in the same order), so no call per week, and the reference counting of
    # the arrays it is handed is left to the optimiser to prune
    network_run = numba.njit(cache=True, error_model="numpy", inline="always")(network_run)
