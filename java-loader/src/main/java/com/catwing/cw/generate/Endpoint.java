package com.catwing.cw.generate;

/** The ten ERP endpoints of seed 002, in the order they are written each day. */
enum Endpoint {
    PRODUCTS("products", true),
    LOCATIONS("locations", true),
    SUPPLIERS("suppliers", true),
    PRICING_LISTS("pricing_lists", true),
    SALES_ORDERS("sales_orders", false),
    PURCHASE_ORDERS("purchase_orders", false),
    RECEIVING_ORDERS("receiving_orders", false),
    STORE_ORDERS("store_orders", false),
    TRANSFER_ORDERS("transfer_orders", false),
    INVENTORY("inventory", false);

    final String file;
    final boolean master;
    /** An order endpoint: the day's new and changed documents (merged by an onboarding export). */
    final boolean document;

    Endpoint(String file, boolean master) {
        this.file = file;
        this.master = master;
        this.document = !master && !"inventory".equals(file);
    }
}
