package com.catwing.cw.generate;

/** The kinds of ERP identifiers; each dialect formats them its own way. */
enum IdKind {
    PRODUCT, LOCATION, SUPPLIER, CUSTOMER, SALES_ORDER, PURCHASE_ORDER, RECEIPT, STORE_ORDER, TRANSFER, PRICE_LIST
}
