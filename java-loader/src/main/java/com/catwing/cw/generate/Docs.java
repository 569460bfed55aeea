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
}
