package com.catwing.cw.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cancellations and returns (issue 22 point 1, {@code cw generate --cancellations}): the sales documents a real ERP
 * sends besides the completed orders, drawn from the seed, written next to the simulated orders. They never change the
 * simulation: a cancelled order is a copy of a real order of the day under its own number (a customer who ordered and
 * cancelled — no demand), a cancelled line is an extra line on a real order (an item taken off the order), a return
 * gives back the units of one line of an earlier real order (returned units are not restocked). Rates, per order: a
 * cancelled copy 3 % online, 0.5 % in stores (half cancelled the same day, half re-sent cancelled the next day); an
 * extra cancelled line 1 %; a return 4 % online, 1 % in stores, 1–14 days later.
 */
final class SalesDocPlanner {
    static final double CANCEL_ONLINE = 0.03;
    static final double CANCEL_STORE = 0.005;
    static final double LINE_CANCEL = 0.01;
    static final double RETURN_ONLINE = 0.04;
    static final double RETURN_STORE = 0.01;
    /** Numbers of the extra documents, far above the simulated orders' (catwing SO9…, SO8…). */
    static final long CANCELLED_BASE = 900_000_000L;
    static final long RETURN_BASE = 800_000_000L;

    private final World w;
    private final long seed;
    private final int days;
    private long cancelledSeq;
    private long returnSeq;
    /** The day's documents besides the simulated orders, in writing order. */
    final List<Docs.SalesDoc> today = new ArrayList<>();
    /** Simulated orders of the day written with an extra cancelled line, by order index. */
    final Map<Integer, Docs.SalesDoc> withCancelledLine = new HashMap<>();
    /** Ground truth of the day: documents that take effect on it (cancelled orders and lines by order date). */
    final List<Docs.SalesDoc> truth = new ArrayList<>();
    private final List<Docs.SalesDoc> cancelNextDay = new ArrayList<>();
    private final List<Docs.SalesDoc> returnsDue = new ArrayList<>();

    SalesDocPlanner(World w, long seed, int days) {
        this.w = w;
        this.seed = seed;
        this.days = days;
    }

    /** Plans day d after the simulation stepped it. */
    void plan(Simulation s, int d) {
        today.clear();
        withCancelledLine.clear();
        truth.clear();
        for (Docs.SalesDoc resent : cancelNextDay) {
            resent.status = "cancelled";
            today.add(resent);
        }
        cancelNextDay.clear();
        int n = s.soLoc.size();
        for (int i = 0; i < n; i++) {
            boolean online = w.locType[s.soLoc.get(i)] == World.ONLINE;
            long realNo = s.firstSoNo + i;
            if (Rng.unit(Rng.hash(seed, 401, d, i)) < (online ? CANCEL_ONLINE : CANCEL_STORE)) {
                Docs.SalesDoc copy = Docs.SalesDoc.of(s, i, CANCELLED_BASE + ++cancelledSeq);
                copy.second = Math.min(86_399, copy.second + 720);
                boolean sameDay = d == days - 1 || Rng.unit(Rng.hash(seed, 402, d, i)) < 0.5;
                if (sameDay) {
                    copy.status = "cancelled";
                } else {
                    cancelNextDay.add(copy);
                }
                today.add(copy);
                truth.add(copy);
            }
            if (Rng.unit(Rng.hash(seed, 403, d, i)) < LINE_CANCEL) {
                Docs.SalesDoc changed = Docs.SalesDoc.of(s, i, realNo);
                changed.prod.add(changed.prod.get(0));
                changed.qty.add(1 + (int) (Rng.unit(Rng.hash(seed, 404, d, i)) * 3));
                changed.unitCents.add(changed.unitCents.get(0));
                changed.discountCents.add(0);
                changed.cancelledLine = changed.prod.size() - 1;
                withCancelledLine.put(i, changed);
                truth.add(changed);
            }
            if (Rng.unit(Rng.hash(seed, 405, d, i)) < (online ? RETURN_ONLINE : RETURN_STORE)) {
                int due = d + 1 + (int) (Rng.unit(Rng.hash(seed, 406, d, i)) * 14);
                if (due < days) {
                    Docs.SalesDoc order = Docs.SalesDoc.of(s, i, realNo);
                    int line = (int) (Rng.unit(Rng.hash(seed, 407, d, i)) * order.prod.size());
                    Docs.SalesDoc ret = new Docs.SalesDoc();
                    ret.isReturn = true;
                    ret.originalNo = realNo;
                    ret.day = due;
                    ret.loc = order.loc;
                    ret.customer = order.customer;
                    ret.payment = order.payment;
                    ret.second = (int) (Rng.unit(Rng.hash(seed, 408, d, i)) * 86_399);
                    ret.prod.add(order.prod.get(line));
                    ret.qty.add(order.qty.get(line));
                    ret.unitCents.add(order.unitCents.get(line));
                    ret.discountCents.add(order.discountCents.get(line));
                    returnsDue.add(ret);
                }
            }
        }
        // Returns are numbered when they are due, in the order they were drawn.
        List<Docs.SalesDoc> due = new ArrayList<>();
        returnsDue.removeIf(r -> {
            if (r.day == d) {
                due.add(r);
                return true;
            }
            return false;
        });
        due.sort(Comparator.comparingLong(r -> r.originalNo));
        for (Docs.SalesDoc r : due) {
            r.no = RETURN_BASE + ++returnSeq;
            today.add(r);
            truth.add(r);
        }
    }
}
