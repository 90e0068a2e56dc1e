"""The network allocation of one run and one week, in plain loops for numba.

It computes exactly the equations of `chipshock.sim.engine.allocation` (orders with backlog
and double ordering, own customers first by priority from output and wafer/die banks, the two
substitution tiers after qualification, bank refills, receipts, inventories, cancellations,
restocking, lead time, producers' net sales lost) for one run; `chipshock.sim.engine.kernel`
calls it for every run and week. The numpy functions stay as the vectorised reference and the
plain-loop oracle (`chipshock.sim.reference`) checks both. Scratch arrays are passed in (one
set per run), so the weekly step allocates nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chipshock.sim.units import ROUNDOFF

try:  # numba is optional: the numpy path computes the same equations
    import numba

    _HAVE_NUMBA = True
except ImportError:  # pragma: no cover - the fast extra installs it
    _HAVE_NUMBA = False

__all__ = ["network_run", "tier", "waterfill1"]


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
) -> None:
    """One substitution tier over contiguous producer segments (U, spare in place)."""
    M = U.shape[0]
    for g in range(starts.shape[0]):
        a, b = starts[g], ends[g]
        any_z = False
        for m in range(M):
            z = 0.0
            for p in range(a, b):
                if ready[p]:
                    z += U[m, p]
            Z[m] = z
            if z > 0.0:
                any_z = True
        if not any_z:
            continue
        sg = 0.0
        for p in range(a, b):
            sg += spare[p]
        waterfill1(sg, Z, w, weighted, sat, moved)
        used_total = 0.0
        for m in range(M):
            used_total += moved[m]
            f = moved[m] / Z[m] if Z[m] > 0.0 else 0.0
            for p in range(a, b):
                if ready[p]:
                    U[m, p] = max(U[m, p] - U[m, p] * f, 0.0)
        used = used_total / sg if sg > 0.0 else 0.0
        for p in range(a, b):
            spare[p] = max(spare[p] * (1.0 - used), 0.0)


def network_run(
    K: Any,
    Dt: Any,
    share: Any,
    pc: Any,
    segs: Any,
    w: Any,
    weighted: bool,
    tau: Any,
    d_same: Any,
    d_cross: Any,
    inv: Any,
    backlog: Any,
    bank: Any,
    bank_weeks: float,
    load: Any,
    lead: Any,
    inv_weeks: Any,
    draws3: Any,
    restock: Any,
    sourced: Any,
    usd: Any,
    lead0: float,
    prod_lost: Any,
    sold: Any,
    short: Any,
    cancelled: Any,
    scratch: Any,
    scratch2: Any,
    sat: Any,
) -> None:
    """Steps 0-7 of `chipshock.sim.engine.allocation` for one run (arrays of that run):
    ``short``, ``cancelled`` [M, C] and ``sold`` [P] (own customers served, from output and
    bank, plus orders taken over from others, k-wafers) are written; inventories, backlog,
    banks, lead time, qualification clocks ``tau`` and ``prod_lost`` are updated in place.

    ``segs`` [4, .]: operator-group starts/ends, class-segment starts/ends (-1 padded) and
    ``draws3`` = (cancel share, double-order sensitivity, double-order cap); ``scratch``
    [M + 10, max(M, P)] and ``scratch2`` [2M, P] hold the work arrays."""
    M, C = Dt.shape
    P = K.shape[0]
    cancel, sens, cap = draws3[0], draws3[1], draws3[2]
    need = scratch2[:M]
    U = scratch2[M : 2 * M]
    Q = scratch[:M, :C]
    col = scratch[M, :M]
    got = scratch[M + 1, :M]
    phi = scratch[M + 2, :M]
    Z = scratch[M + 3, :M]
    moved = scratch[M + 4, :M]
    spare = scratch[M + 5, :P]
    before = scratch[M + 6, :P]
    left = scratch[M + 7, :P]
    ready = scratch[M + 8, :P]
    total = scratch[M + 9, :P]
    g_starts, g_ends, c_starts, c_ends = segs[0], segs[1], segs[2], segs[3]
    for m in range(M):
        rel = max(lead[m] / lead0 - 1.0, 0.0)
        phi[m] = 1.0 + min(cap, sens * rel)
        for c in range(C):
            d = Dt[m, c]
            excess = max(inv[m, c] - inv_weeks[m, c] * d, 0.0)
            Q[m, c] = phi[m] * max(d + backlog[m, c] - excess, 0.0)
    for p in range(P):
        c = pc[p]
        for m in range(M):
            col[m] = Q[m, c] * share[m, p]
            need[m, p] = col[m]
        waterfill1(K[p] + bank[p], col, w, weighted, sat, got)
        s = 0.0
        for m in range(M):
            U[m, p] = max(col[m] - got[m], 0.0)
            s += got[m]
        draw = s - K[p]
        if draw > ROUNDOFF * K[p]:  # beyond round-off: the orders exceed output
            bank[p] = max(bank[p] - draw, 0.0)
        free = K[p] - s
        spare[p] = free if free > ROUNDOFF * K[p] else 0.0  # round-off is not spare capacity
        sold[p] = s
    any_short = False
    for p in range(P):
        before[p] = spare[p]
        lp = 0.0
        tp = 0.0
        for m in range(M):
            lp += U[m, p]
            tp += need[m, p]
        left[p] = lp
        total[p] = tp
        if lp > ROUNDOFF * tp:
            tau[p] += 1.0
            any_short = True
        else:
            tau[p] = 0.0
    if any_short:
        n_g = 0
        while n_g < g_starts.shape[0] and g_starts[n_g] >= 0:
            n_g += 1
        n_c = 0
        while n_c < c_starts.shape[0] and c_starts[n_c] >= 0:
            n_c += 1
        for p in range(P):
            ready[p] = 1.0 if tau[p] >= d_same[p] else 0.0
        tier(U, spare, ready, g_starts[:n_g], g_ends[:n_g], w, weighted, Z, moved, sat)
        for p in range(P):
            ready[p] = 1.0 if tau[p] >= d_cross[p] else 0.0
        tier(U, spare, ready, c_starts[:n_c], c_ends[:n_c], w, weighted, Z, moved, sat)
    for p in range(P):
        base = 0.0
        for m in range(M):
            base += Dt[m, pc[p]] * share[m, p]
        sold[p] += before[p] - spare[p]
        prod_lost[p] += (base - total[p] + left[p] - (before[p] - spare[p])) * usd[pc[p]] * 1000.0
        target = bank_weeks * load[p]
        gap = max(target - bank[p], 0.0)
        if gap <= spare[p]:  # filled to the target exactly (no round-off drift)
            bank[p] = max(bank[p], target)
            spare[p] -= gap
        else:
            bank[p] += spare[p]
            spare[p] = 0.0
    for m in range(M):
        ov = 0.0
        dv = 0.0
        for c in range(C):
            unserved = 0.0
            offer = 0.0
            for k in range(c_starts.shape[0]):
                if c_starts[k] < 0:
                    break
                if pc[c_starts[k]] == c:
                    for p in range(c_starts[k], c_ends[k]):
                        unserved += U[m, p]
                        offer += spare[p] * restock[m, p]
            d = Dt[m, c]
            wanted = d + backlog[m, c]
            received = max(Q[m, c] * sourced[m, c] - unserved, 0.0)
            delivered = min(wanted, received + inv[m, c])
            # received + inventory - delivered, summed so that receipts equal to what is
            # wanted leave the inventory exactly as it was
            inv[m, c] = max(inv[m, c] + (received - wanted), 0.0)
            unmet = max(wanted - delivered, 0.0)
            x = cancel * unmet
            cancelled[m, c] = x
            backlog[m, c] = unmet - x
            short[m, c] = max(d - delivered, 0.0)
            cover = inv_weeks[m, c] * d
            gap = max(cover - inv[m, c], 0.0)
            if gap <= offer:  # topped up to the cover exactly (no round-off drift)
                inv[m, c] = max(inv[m, c], cover)
            else:
                inv[m, c] += offer
            ov += (unmet + max(cover - inv[m, c], 0.0)) * usd[c]
            dv += d * usd[c]
        lead[m] = phi[m] * (lead0 + (ov / dv if dv > 0.0 else 0.0))


if _HAVE_NUMBA:
    waterfill1 = numba.njit(cache=True)(waterfill1)
    tier = numba.njit(cache=True)(tier)
    network_run = numba.njit(cache=True)(network_run)
