"""The network allocation of one week as a compiled kernel (numba), run by run.

It computes exactly the equations of `chipshock.sim.engine.allocation` (orders with backlog
and double ordering, own customers first by priority from output and wafer/die banks, bank
refills, the two substitution tiers after
qualification, receipts, inventories, cancellations, restocking, lead time, producers' net
sales lost), looping over runs (in parallel) instead of
vectorising across them; the numpy functions stay as the reference path and the plain-loop
oracle (`chipshock.sim.reference`) checks both. Used when numba is installed (the ``fast``
extra); sums run in a different order than numpy's, so results agree to ~1e-12, not bit for bit.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chipshock.sim.engine.layout import F64, ChunkLayout, ChunkState, YearConstants

__all__ = ["HAVE_NUMBA", "network_week"]

try:  # numba is optional: the numpy path computes the same equations
    import numba

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - the fast extra installs it
    HAVE_NUMBA = False


def _waterfill1(supply: float, need: Any, w: Any, weighted: bool, out: Any) -> None:
    """need_m min(1, lambda w_m) into ``out`` (see `allocation.waterfill`), one supply."""
    M = need.shape[0]
    total = 0.0
    for m in range(M):
        total += need[m]
    if not weighted:
        frac = 1.0
        if total > 0.0:
            frac = min(supply / total, 1.0)
        for m in range(M):
            out[m] = need[m] * frac
        return
    sat = np.zeros(M, dtype=np.bool_)
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


def _tier(U: Any, spare: Any, ready: Any, starts: Any, ends: Any, w: Any, weighted: bool) -> None:
    """One substitution tier over contiguous producer segments (U, spare in place)."""
    M = U.shape[0]
    Z = np.empty(M)
    moved = np.empty(M)
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
        _waterfill1(sg, Z, w, weighted, moved)
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


def _network_week(
    K: Any,
    Dt: Any,
    share: Any,
    pc: Any,
    g_starts: Any,
    g_ends: Any,
    c_starts: Any,
    c_ends: Any,
    c_of_seg: Any,
    w: Any,
    weighted: bool,
    tau: Any,
    d_same: Any,
    d_cross: Any,
    inv: Any,
    backlog: Any,
    bank: Any,
    bank_weeks: Any,
    load: Any,
    lead: Any,
    inv_weeks: Any,
    cancel: Any,
    sens: Any,
    cap: Any,
    restock: Any,
    sourced: Any,
    usd: Any,
    lead0: float,
    prod_lost: Any,
    short: Any,
    cancelled: Any,
) -> None:
    n, P = K.shape
    M, C = Dt.shape[1], Dt.shape[2]
    for r in numba.prange(n):
        need = np.empty((M, P))
        U = np.empty((M, P))
        spare = np.empty(P)
        col = np.empty(M)
        got = np.empty(M)
        left = np.empty(P)
        Q = np.empty((M, C))
        phi = np.empty(M)
        for m in range(M):
            rel = max(lead[r, m] / lead0 - 1.0, 0.0)
            phi[m] = 1.0 + min(cap[r], sens[r] * rel)
            for c in range(C):
                d = Dt[r, m, c]
                excess = max(inv[r, m, c] - inv_weeks[r, m, c] * d, 0.0)
                Q[m, c] = phi[m] * max(d + backlog[r, m, c] - excess, 0.0)
        for p in range(P):
            c = pc[p]
            for m in range(M):
                col[m] = Q[m, c] * share[m, p]
                need[m, p] = col[m]
            _waterfill1(K[r, p] + bank[r, p], col, w, weighted, got)
            s = 0.0
            for m in range(M):
                U[m, p] = max(col[m] - got[m], 0.0)
                s += got[m]
            bank[r, p] = max(bank[r, p] - max(s - K[r, p], 0.0), 0.0)
            spare[p] = max(K[r, p] - s, 0.0)
        any_short = False
        before = spare.copy()
        for p in range(P):
            lp = 0.0
            tp = 0.0
            for m in range(M):
                lp += U[m, p]
                tp += need[m, p]
            left[p] = lp - tp  # unserved minus orders; the normal orders are added below
            if lp > 1e-12 * tp:
                tau[r, p] += 1.0
                any_short = True
            else:
                tau[r, p] = 0.0
        if any_short:
            ready = np.empty(P, dtype=np.bool_)
            for p in range(P):
                ready[p] = tau[r, p] >= d_same[r, p]
            _tier(U, spare, ready, g_starts, g_ends, w, weighted)
            for p in range(P):
                ready[p] = tau[r, p] >= d_cross[r, p]
            _tier(U, spare, ready, c_starts, c_ends, w, weighted)
        for p in range(P):
            base = 0.0
            for m in range(M):
                base += Dt[r, m, pc[p]] * share[m, p]
            prod_lost[r, p] += (base + left[p] - (before[p] - spare[p])) * usd[pc[p]] * 1000.0
            refill = min(max(bank_weeks[r] * load[p] - bank[r, p], 0.0), spare[p])
            bank[r, p] += refill
            spare[p] -= refill
        for m in range(M):
            ov = 0.0
            dv = 0.0
            for c in range(C):
                unserved = 0.0
                offer = 0.0
                for k in range(c_starts.shape[0]):
                    if c_of_seg[k] == c:
                        for p in range(c_starts[k], c_ends[k]):
                            unserved += U[m, p]
                            offer += spare[p] * restock[m, p]
                d = Dt[r, m, c]
                wanted = d + backlog[r, m, c]
                received = max(Q[m, c] * sourced[m, c] - unserved, 0.0)
                avail = received + inv[r, m, c]
                delivered = min(wanted, avail)
                inv[r, m, c] = avail - delivered
                unmet = max(wanted - delivered, 0.0)
                x = cancel[r] * unmet
                cancelled[r, m, c] = x
                backlog[r, m, c] = unmet - x
                short[r, m, c] = max(d - delivered, 0.0)
                cover = inv_weeks[r, m, c] * d
                gap = max(cover - inv[r, m, c], 0.0)
                inv[r, m, c] += min(gap, offer)
                ov += (unmet + max(cover - inv[r, m, c], 0.0)) * usd[c]
                dv += d * usd[c]
            lead[r, m] = phi[m] * (lead0 + (ov / dv if dv > 0.0 else 0.0))


_compiled: Any = None
if HAVE_NUMBA:
    _waterfill1 = numba.njit(cache=True)(_waterfill1)
    _tier = numba.njit(cache=True)(_tier)
    _compiled = numba.njit(cache=True, parallel=True)(_network_week)


def network_week(
    lay: ChunkLayout, yr: YearConstants, st: ChunkState, K: F64, Dt: F64
) -> tuple[F64, F64]:
    """Steps 0-7 of `chipshock.sim.engine.allocation` for every run: the shortfall and the
    cancelled orders [n, M, C]; inventories, backlog, lead time, qualification clocks and
    producers' lost sales are updated in ``st``."""
    prep = lay.prep
    P = lay.P
    g_ends = np.r_[lay.group_starts[1:], P].astype(np.int64)
    c_ends = np.r_[lay.class_starts[1:], P].astype(np.int64)
    short = np.empty((lay.n, lay.M, lay.C))
    cancelled = np.empty((lay.n, lay.M, lay.C))
    assert _compiled is not None
    _compiled(
        np.ascontiguousarray(K),
        np.ascontiguousarray(Dt),
        np.ascontiguousarray(yr.share),
        prep.prod_class,
        lay.group_starts,
        g_ends,
        lay.class_starts,
        c_ends,
        lay.class_present,
        prep.priority,
        lay.weighted,
        st.tau,
        lay.delay_same,
        lay.delay_cross,
        st.inv,
        st.backlog,
        st.bank,
        np.ascontiguousarray(lay.bank_weeks[:, 0]),
        np.ascontiguousarray(yr.load),
        st.lead,
        np.ascontiguousarray(lay.inv_weeks),
        np.ascontiguousarray(lay.cancel[:, 0, 0]),
        np.ascontiguousarray(lay.order_sensitivity[:, 0]),
        np.ascontiguousarray(lay.order_cap[:, 0]),
        np.ascontiguousarray(yr.restock),
        np.ascontiguousarray(yr.sourced),
        prep.usd_per_wafer,
        float(prep.lead_time_weeks),
        st.prod_lost,
        short,
        cancelled,
    )
    return short, cancelled
