"""Demand side of the weekly step: orders and backlog, each producer serving its own
customers, the substitution of failed producers after qualification, and the markets'
inventories.

Per run, with D_t[m, c] this week's demand (k-wafers/week), K[p] the producers' capacity,
share[m, p] the sourcing shares (those of a class sum to 1 for every market it serves) and the
state carried from last week, kept per sourcing link (market m, producer p): the market's
stock of p's chips I[m, p], its backlog of orders p has not delivered B[m, p], and the
market's lead time L[m]. A link's stock covers only that link: when p fails, its customers
draw their stock of p's chips, not the class's, and then wait for p or for the producers
they qualify at (step 4).

0. Orders per link (double ordering: buyers inflate orders when lead times lengthen, up to a
   cap; restocking: buyers below their cover order a share 1/tau_r of the gap on top):
       phi[m] = 1 + min(cap, beta r[m]),  r[m] = L[m] / L0 - 1 where above eps, else 0;
       d[m, p] = D_t[m, c(p)] share[m, p];
       I*[m, p] = weeks_m d[m, p] (the cover aimed for: the target regime's,
       `Draws.inventory_weeks`);   W = d + B (needed now);
       E = max(I - I*, 0) (excess stock, used first);   G = max(I* - I, 0) (the gap);
       R = G / tau_r, or G itself if G <= lot I*, and 0 if G <= eps I*  (restocking orders);
       need[m, p] = phi[m] max(W - E, 0) + R               (the order book to serve this week);
   it has two parts, the orders needed now  n1 = max(W - E, 0)  and the rest
   n2 = need - n1 = (phi[m] - 1) n1 + R  (double orders and restocking): the two claimants of
   the market's link in every water-fill below when there are priorities.
   tau_r: model_assumptions.csv ``restock_adjust_weeks`` (at least 1); lot: `RESTOCK_LOT`
   (0.1% of the cover: the tail of the gap is ordered whole so that a run can settle).
1. (Orders reach the producers link by link: need[m, p] above.)
2. Market caps (`supply.market_cap`; q = 1 without market-scoped requirements): where
   q[m, p] = a[r(p), m, c(p)] < 1 (an input only market m's chips of the class need, such as
   advanced packaging, is short), the link can take this week at most q times its normal flow
   f[m, p] = D[m, c(p), y] share[m, p] (this year's demand without demand shocks: the lines
   run full, as CoWoS does, so a cut leaves q of the normal flow and no more; backlog and
   restocking catch up once q is back to 1):
       n[m, p] = min(need[m, p], q[m, p] f[m, p]) where q < 1, else need[m, p];
   the rest X[m, p] = need[m, p] - n[m, p] is blocked: unmet this week (backlog, with the
   usual cancellations), not offered to substitution (every producer of the class meets the
   same bottleneck), and the producer's wafers it would have taken stay unsold (spare).
   The block falls on the double orders and restocking first, as receipts serve what is
   needed now first (step 5): the claimants that remain are  n1' = min(n1, n),
   n2' = n - n1'.
   Own customers first, by priority, from this week's output and the producer's wafer/die bank
   H[p]:  served[., p] = waterfill(K[p] + H[p], (n1'[., p], n2'[., p]), (w, 1)), summed over
   each market's two claimants (without priorities: waterfill(K[p] + H[p], n[., p]));
   H[p] <- H[p] - max(sum_m served[m, p] - K[p], 0).
3. Unserved  U = n - served  (= U1 + U2, the unserved of each claimant: U1 = n1' - served1,
   U2 = n2' - served2);  spare[p] = max(K[p] - sum_m served[m, p], 0).
   tau[p] <- tau[p] + 1 if sum_m U[m, p] > 0 or K[p] < L[p] else 0  (weeks p has left
   customers unserved or made less than its normal orders L[p]: an outage is known to its
   customers from its first week, whether or not the bank still covers it).
   Round-off (`chipshock.sim.units.ROUNDOFF`, eps = 1e-12): a bank draw or a spare below
   eps K[p], unserved orders below eps sum_m need[m, p], and a net of normal orders minus
   orders (base[p] - sum_m need[m, p] below) within eps base[p], count as zero, so a producer
   whose orders equal its capacity, or its normal orders summed in another order, does not
   drift in the last digit.
4. Substitution, tier 1 (same operator, after d_same) then tier 2 (same class, after d_cross):
       Z[m, p] = U[m, p] 1[tau[p] >= d];  per group g: moved[., g] = waterfill(sum_{p in g}
       spare[p], sum_{p in g} Z[., p], w);  U -= Z moved/Z;  spare -= spare used/spare_g;
   with priorities the claimants stay apart here too: Z1 and Z2 from U1 and U2, water-filled
   together at weights (w, 1), U1 -= Z1 moved1/Z1, U2 -= Z2 moved2/Z2, U = U1 + U2 (a
   single claimant per market at w would let a favoured market's restocking that its own
   producer left unserved take the others' spare ahead of their needs now: the effect the
   split removes at step 2).
   Producers' net chip sales lost this week, USD (normal orders minus what they sold, own
   customers and orders taken over from others):
       lost[p] += (base[p] - sum_m need[m, p] + sum_m (U0 + X)[m, p] - gained[p]) usd_c 1000,
       base[p] = sum_m D_t[m, c(p)] share[m, p],  U0 = U before the tiers,
       gained = spare before the tiers - spare after.
4b. Banks are rebuilt from what spare is left:
       refill[p] = min(max(h base0[p] - H[p], 0), spare[p]);  H += refill;  spare -= refill
   (a bank refilled in full is set to h base0[p] itself, not the sum, which may differ in
   the last digit),
   h: weeks of normal output (inventory_buffers.csv ``chips:producer``), base0[p] = sum_m
   D[m, c(p)] share[m, p] this year's normal orders; H starts full (h base0 in week 0).
5. Receipts per link  got[m, p] = need[m, p] - U[m, p] - X[m, p] (after the tiers: orders
   taken over by other producers reach the link's customers too; X never arrives);  then
   (receipts serve what is needed now before they restock)
       delivered = min(W, got + I);   I <- max(I + (got - W), 0);   u = W - delivered;
   (I + (got - W) equals got + I - delivered, summed so that receipts equal to W leave I
   exactly as it was);
       cancelled x = c_b u (lost: never delivered);   B <- u - x (delivered later: not lost);
   per class: delivered[m, c] = sum_{p in c} delivered[m, p], x[m, c] likewise,
       short = D_t - delivered[m, c] where above eps D_t, else 0 (this week's chips short,
       late or never; eps: shares summing to 1 only to round-off).
   A class with demand that no producer makes for the market (no links) is short and lost
   in full, at once.
   Conservation: delivered + x + (B_new - B_old) = D_t per market, class and week (summed over
   links; per link with d[m, p] in place of D_t).
6. Stocks are rebuilt only by the restocking orders R of step 0, which compete with demand at
   the producers (so a lean start, or stocks drawn down by a shock, lengthen lead times and,
   with double ordering, make the bullwhip); a buyer starting below the cover of the regime it
   aims for (``inventory_target_regime``) orders the difference the same way.
7. Lead time (Little's law: quoted wait = order book / weekly demand), by chip value, kept as
   L for next week's orders; double ordering inflates the whole order book (the normal
   pipeline of L0 weeks and what is outstanding) by phi:
       L[m] = phi[m] (L0 + sum_p usd_c(p) (u + max(I* - I, 0)) / sum_c usd_c D_t)
   (summed over links; a class no producer makes counts its whole demand as outstanding).
   With beta < 1 the lagged feedback L -> phi -> L settles at L = (1 - beta)(L0 + b) /
   (1 - beta - beta b / L0) (b: weeks outstanding), else it runs to the cap.
   L and phi are one per market, so a shortage in one class raises the market's orders, and
   its share of scarce capacity, in every class: less shortage in one class can lose more
   output through another (docs/scenarios.md, `[[sourcing]]`; tests/sim/test_order_spillover.py).
Priorities w (``[priorities]``) weight the water-filling: a claimant gets its need min(1,
lambda w), lambda filling the supply; the claimant of market m's orders needed now has weight
w_m, that of its double orders and restocking weight 1 (as every market's orders have
without priorities), so a priority moves the shortfall of what markets need now between them
without refilling the favoured market's stocks ahead of the others' production (which made
the total shortfall grow: review 10, finding 1). With every w_m = 1 both claimants of every
market get the same fraction, which is the proportional share of the total need; the engine
then water-fills the total (``ChunkLayout.weighted`` False, the same numbers). Equal weights
other than 1 are priorities too: they put every market's needs now ahead of every market's
restocking.
Output lost downstream is booked on the cancelled orders x only (`kpis.shortfall`): a backlog
delivered later is output deferred, not lost. Parameters c_b, beta, cap: model_assumptions.csv
``backlog_cancel_share_per_week``, ``double_order_sensitivity``, ``double_order_cap``.
"""

from __future__ import annotations

import numpy as np

from chipshock.sim.engine.layout import (
    F64,
    I64,
    ChunkLayout,
    ChunkState,
    YearConstants,
    class_sum,
    group_sum,
)
from chipshock.sim.units import RESTOCK_LOT, ROUNDOFF

__all__ = [
    "deliver",
    "demand_now",
    "link_demand",
    "orders",
    "rebuild_banks",
    "restock_orders",
    "serve",
    "substitute",
    "waterfill",
]


def waterfill(supply: F64, need: F64, weight: F64, weighted: bool = True) -> F64:
    """Allocate ``supply`` [n, X] over markets with ``need`` [n, M, X]: market m gets
    need_m min(1, lambda w_m), lambda such that the total is min(supply, sum_m need_m).
    Equal weights: every market gets the same fraction min(1, supply / sum need)."""
    total = need.sum(axis=1)
    if not weighted:
        frac = np.divide(supply, total, out=np.ones_like(total), where=total > 0)
        np.minimum(frac, 1.0, out=frac)
        return np.asarray(need * frac[:, None, :])
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
    return np.asarray(need * frac)


def demand_now(lay: ChunkLayout, yr: YearConstants, loss_s: F64) -> F64:
    """This week's demand D_t [n, M, C] = D[m, c, y] max(0, 1 + sum_s (1 - a_s) dir_s hit)."""
    D = np.broadcast_to(yr.D[None], (lay.n, lay.M, lay.C))
    if not lay.demand_shocks:
        return np.asarray(D)
    mult = np.ones((lay.n, lay.M, lay.C))
    for s in lay.demand_shocks:
        mult += loss_s[:, s, None, None] * lay.prep.demand_hit[s][None]
    np.maximum(mult, 0.0, out=mult)
    return np.asarray(D * mult)


def orders(
    lay: ChunkLayout, yr: YearConstants, st: ChunkState, Dt: F64
) -> tuple[F64, F64, F64, F64]:
    """Step 0, per link: what is needed now ``W`` [n, M, P], its part in the orders
    ``now`` = max(W - E, 0) [n, M, P] (the claimant weighted by the market's priority), the
    orders ``need`` [n, M, P] (with double ordering and the restocking orders) and the double
    ordering multiplier ``phi`` [n, M]."""
    rel = st.lead / lay.prep.lead_time_weeks - 1.0
    rel = np.where(rel > ROUNDOFF, rel, 0.0)  # a lead time within round-off of normal
    phi = 1.0 + np.minimum(lay.order_cap, lay.order_sensitivity * rel)
    d = link_demand(lay, yr, Dt)
    W = d + st.backlog
    cover = lay.inv_weeks[:, :, lay.prep.prod_class] * d
    excess = np.maximum(st.inv - cover, 0.0)
    now = np.maximum(W - excess, 0.0)
    need = phi[:, :, None] * now
    need += restock_orders(cover, st.inv, lay.restock_rate)
    return W, now, need, phi


def link_demand(lay: ChunkLayout, yr: YearConstants, Dt: F64) -> F64:
    """This week's demand per sourcing link, d[m, p] = D_t[m, c(p)] share[m, p], [n, M, P]."""
    return np.asarray(Dt[:, :, lay.prep.prod_class] * yr.share[None])


def restock_orders(cover: F64, inv: F64, rate: F64) -> F64:
    """Restocking orders R (step 0): ``rate`` (1 / tau_r) of the gap G = max(cover - inv, 0);
    the whole gap when G <= RESTOCK_LOT cover; none when G <= ROUNDOFF cover."""
    gap = np.maximum(cover - inv, 0.0)
    R = np.where(gap <= RESTOCK_LOT * cover, gap, gap * rate)
    return np.asarray(np.where(gap <= ROUNDOFF * cover, 0.0, R))


def serve(
    lay: ChunkLayout,
    st: ChunkState,
    need: F64,
    K: F64,
    q: F64 | None = None,
    flow: F64 | None = None,
    now: F64 | None = None,
) -> tuple[F64, F64, F64 | None, tuple[F64, F64] | None]:
    """Steps 2-3: ``U`` unserved [n, M, P], ``spare`` [n, P], the orders the market caps
    ``q`` [n, M, P] block, X [n, M, P] (None without caps; ``flow`` [M, P] the links' normal
    flow f), and with priorities (``lay.weighted``) the two claimants' unserved parts
    (U_now, U_rest), U = U_now + U_rest (None without; ``now`` [n, M, P] from `orders`); the
    producers' banks are drawn in place."""
    blocked = None
    if q is not None and flow is not None:
        takes = np.where(q < 1.0, np.minimum(need, q * flow[None]), need)
        blocked = need - takes
        need = takes
    parts = None
    if lay.weighted:
        if now is None:
            raise ValueError("serve: with priorities the orders needed now (now=) are required")
        n1 = np.minimum(now, need)  # a cap blocks the double orders and restocking first
        n2 = need - n1
        both = waterfill(K + st.bank, np.concatenate([n1, n2], axis=1), lay.split_weight)
        M = n1.shape[1]
        U1 = np.maximum(n1 - both[:, :M], 0.0)
        U2 = np.maximum(n2 - both[:, M:], 0.0)
        parts = (U1, U2)
        U = U1 + U2
        sold = both.sum(axis=1)
    else:
        served = waterfill(K + st.bank, need, lay.prep.priority, False)
        U = np.maximum(need - served, 0.0)
        sold = served.sum(axis=1)
    st.sold[...] = sold
    draw = sold - K
    st.bank -= np.where(draw > ROUNDOFF * K, draw, 0.0)  # beyond round-off: orders exceed output
    np.maximum(st.bank, 0.0, out=st.bank)
    free = K - sold
    spare = np.where(free > ROUNDOFF * K, free, 0.0)  # round-off is not spare capacity
    return U, spare, blocked, parts


def rebuild_banks(lay: ChunkLayout, yr: YearConstants, st: ChunkState, spare: F64) -> None:
    """Step 4b: refill the producers' banks from their spare (both in place)."""
    target = lay.bank_weeks * yr.load
    gap = np.maximum(target - st.bank, 0.0)
    refill = np.minimum(gap, spare)
    # filled to the target exactly where the spare covers the gap (no round-off drift)
    st.bank[...] = np.where(gap <= spare, np.maximum(st.bank, target), st.bank + refill)
    spare -= refill


def _tier(
    lay: ChunkLayout,
    U: F64,
    spare: F64,
    ready: F64,
    by_class: bool,
    parts: tuple[F64, F64] | None = None,
) -> None:
    """One substitution tier over operator groups or classes (U, spare in place); with
    ``parts`` (U_now, U_rest, from `serve`) each market's two claimants are water-filled
    apart, at its priority and at 1, and updated in place with U = U_now + U_rest."""
    Z = U * ready[:, None, :]
    if not Z.any():
        return
    total = class_sum if by_class else group_sum
    of: I64 = lay.prep.prod_class if by_class else lay.prep.prod_group
    Sg = total(lay, spare)
    if parts is None:
        Zg = total(lay, Z)
        moved = waterfill(Sg, Zg, lay.prep.priority, False)
        fz = np.divide(moved, Zg, out=np.zeros_like(Zg), where=Zg > 0)
        U -= Z * fz.take(of, axis=2)
        np.maximum(U, 0.0, out=U)
    else:
        M = U.shape[1]
        Zs = [u * ready[:, None, :] for u in parts]
        Zg = np.concatenate([total(lay, z) for z in Zs], axis=1)
        moved = waterfill(Sg, Zg, lay.split_weight)
        fz = np.divide(moved, Zg, out=np.zeros_like(Zg), where=Zg > 0)
        for i, (u, z) in enumerate(zip(parts, Zs, strict=True)):
            u -= z * fz[:, i * M : (i + 1) * M].take(of, axis=2)
            np.maximum(u, 0.0, out=u)
        np.add(parts[0], parts[1], out=U)
    used = np.divide(moved.sum(axis=1), Sg, out=np.zeros_like(Sg), where=Sg > 0)
    spare *= 1.0 - used.take(of, axis=1)
    np.maximum(spare, 0.0, out=spare)


def substitute(
    lay: ChunkLayout,
    yr: YearConstants,
    st: ChunkState,
    Dt: F64,
    need: F64,
    U: F64,
    spare: F64,
    K: F64,
    blocked: F64 | None = None,
    parts: tuple[F64, F64] | None = None,
) -> None:
    """Steps 3-4: qualification clocks and the two substitution tiers (U, spare in place), and
    each producer's net chip sales lost this week (see the module docstring); the orders
    ``blocked`` by market caps are added to U after the tiers (they are never substituted);
    ``parts`` (U_now, U_rest) from `serve` with priorities."""
    left = U.sum(axis=1)
    before = spare.copy()
    usd_p = lay.prep.usd_per_wafer[lay.prep.prod_class] * 1000.0
    total = need.sum(axis=1)
    base = (Dt[:, :, lay.prep.prod_class] * yr.share[None]).sum(axis=1)
    short_p = left > ROUNDOFF * total
    # the clock runs while p leaves orders unserved or makes less than its normal orders
    hit = short_p | (yr.load * (1.0 - ROUNDOFF) > K)
    st.tau += 1.0
    st.tau[~hit] = 0.0
    if short_p.any():
        ready1 = (st.tau >= lay.delay_same).astype(np.float64)
        _tier(lay, U, spare, ready1, False, parts)
        ready2 = (st.tau >= lay.delay_cross).astype(np.float64)
        _tier(lay, U, spare, ready2, True, parts)
    st.sold += before - spare
    net = base - total  # normal orders minus orders; round-off is no net (module docstring)
    net = np.where(np.abs(net) > ROUNDOFF * base, net, 0.0)
    unsold = left
    if blocked is not None:
        unsold = left + blocked.sum(axis=1)
        U += blocked
    st.prod_lost += (net + unsold - (before - spare)) * usd_p


def deliver(
    lay: ChunkLayout,
    yr: YearConstants,
    st: ChunkState,
    Dt: F64,
    W: F64,
    need: F64,
    phi: F64,
    U: F64,
) -> tuple[F64, F64]:
    """Steps 5-7: this week's shortfall [n, M, C] and cancelled orders [n, M, C]; the links'
    inventories and backlog and the lead time (``st.lead`` [n, M]) in place."""
    got = np.maximum(need - U, 0.0)
    delivered = np.minimum(W, got + st.inv)
    # got + inventory - delivered, summed so that receipts equal to what is wanted leave the
    # inventory exactly as it was
    np.maximum(st.inv + (got - W), 0.0, out=st.inv)
    unmet = np.maximum(W - delivered, 0.0)
    cancelled_l = lay.cancel * unmet
    np.subtract(unmet, cancelled_l, out=st.backlog)
    none = Dt * (1.0 - yr.sourced[None])  # demand of a class no producer makes for the market
    cancelled = class_sum(lay, cancelled_l) + none
    short = Dt - class_sum(lay, delivered)
    short = np.where(short > ROUNDOFF * Dt, short, 0.0)  # shares sum to 1 only to round-off
    cover = lay.inv_weeks[:, :, lay.prep.prod_class] * link_demand(lay, yr, Dt)
    outstanding = class_sum(lay, unmet + np.maximum(cover - st.inv, 0.0)) + none
    usd = lay.prep.usd_per_wafer
    dv = np.einsum("nmc,c->nm", Dt, usd)
    ov = np.einsum("nmc,c->nm", outstanding, usd)
    wait = np.divide(ov, dv, out=np.zeros_like(ov), where=dv > 0)
    st.lead[...] = phi * (lay.prep.lead_time_weeks + wait)
    return short, cancelled
