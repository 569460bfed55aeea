package com.catwing.cw.generate;

/** The order documents of the simulation (header + lines); the dialects turn them into JSON. */
final class Docs {
    private Docs() {
    }

    /** A purchase order from the warehouse to a supplier; re-emitted on every day it changes. */
    static final class Po {
        long no;
        int supplier;
        int loc;
        int orderDay;
        int expectedDay;
        String status;
        final IntBuf prod = new IntBuf(8);
        final IntBuf qtyOrdered = new IntBuf(8);
        final IntBuf qtyConfirmed = new IntBuf(8);
        final IntBuf qtyDelivered = new IntBuf(8);
        final IntBuf outstanding = new IntBuf(8);
        final IntBuf openDeliveries = new IntBuf(8);
        final IntBuf unitCostCents = new IntBuf(8);
        int lastWritten = -1;
    }

    /** A planned delivery of one PO line. */
    record Delivery(Po po, int line, int qty, boolean last) {
    }

    /** A transfer between two locations: shipped (written), then received (written again). */
    static final class Transfer {
        long no;
        int from;
        int to;
        int shipDay = -1;
        int expectedDay;
        int receivedDay = -1;
        long storeOrderNo;
        boolean isReturn;
        /** A move between siblings (the closed loop's transfer policy): reason {@code rebalance}. */
        boolean isRebalance;
        String status;
        final IntBuf prod = new IntBuf(16);
        final IntBuf qtyShipped = new IntBuf(16);
        final IntBuf qtyReceived = new IntBuf(16);
    }

    /** A goods receipt at a location, for one PO delivery or one transfer. */
    static final class Receipt {
        long no;
        boolean fromPo;
        long refNo;
        int loc;
        int day;
        final IntBuf prod = new IntBuf(16);
        final IntBuf qty = new IntBuf(16);
        final IntBuf qtyBlocked = new IntBuf(16);
    }

    /** A store's replenishment request to its distribution centre. */
    static final class StoreOrder {
        long no;
        int store;
        int dc;
        int day;
        final IntBuf prod = new IntBuf(16);
        final IntBuf qty = new IntBuf(16);
        final IntBuf qtyAllocated = new IntBuf(16);
    }

    /**
     * A sales document written apart from the simulated orders (issue 22 point 1): a cancelled order (a copy of a real
     * order of the day under its own number, emitted "completed" and re-sent "cancelled", or cancelled at once), a real
     * order re-written with one extra line that was cancelled, or a customer return referencing an earlier order.
     * None of them changes the simulated sales, stock or true demand.
     */
    static final class SalesDoc {
        long no;
        int day;
        int loc;
        int customer;
        int payment;
        int second;
        String status = "completed";
        boolean isReturn;
        long originalNo = -1;
        /** Index of the line that is cancelled, or -1. */
        int cancelledLine = -1;
        final IntBuf prod = new IntBuf(4);
        final IntBuf qty = new IntBuf(4);
        final IntBuf unitCents = new IntBuf(4);
        final IntBuf discountCents = new IntBuf(4);

        /** A copy of simulated order i of the day under number no. */
        static SalesDoc of(Simulation s, int i, long no) {
            SalesDoc d = new SalesDoc();
            d.no = no;
            d.day = s.day;
            d.loc = s.soLoc.get(i);
            d.customer = s.soCustomer.get(i);
            d.payment = s.soPayment.get(i);
            d.second = s.soSecond.get(i);
            int first = s.soFirstLine.get(i);
            for (int k = first; k < first + s.soLines.get(i); k++) {
                d.prod.add(s.slProd.get(k));
                d.qty.add(s.slQty.get(k));
                d.unitCents.add(s.slUnitCents.get(k));
                d.discountCents.add(s.slDiscountCents.get(k));
            }
            return d;
        }

        long lineRevenue(int j) {
            return (long) unitCents.get(j) * qty.get(j) - discountCents.get(j);
        }

        /** Total of the lines that count (a cancelled line does not). */
        long total() {
            long t = 0;
            for (int j = 0; j < prod.size(); j++) {
                t += j == cancelledLine ? 0 : lineRevenue(j);
            }
            return t;
        }
    }
}
