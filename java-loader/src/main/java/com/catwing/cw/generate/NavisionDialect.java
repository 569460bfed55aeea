package com.catwing.cw.generate;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * A Dynamics NAV / Business Central style export: PascalCase fields, order documents nested as
 * {@code {"Header":{…},"Lines":[…]}}, dates {@code dd.MM.yyyy} with blank ("") for no date, local times in a separate
 * field, numeric item numbers, type-prefixed location codes ("ST-007"), money as strings ("12.99"), booleans as
 * "Yes"/"No", blank currency code for the local currency (EUR), lead times as date formulas ("14D"), and walk-in
 * store customers as the generic customer "CASH".
 */
final class NavisionDialect extends Dialect {
    private static final String[] LOCATION_PREFIX = {"ST", "DC", "WH", "WEB"};

    NavisionDialect(World w) {
        super(w, "dd.MM.yyyy");
    }

    @Override
    String name() {
        return "navision";
    }

    @Override
    String idText(IdKind kind, long idx) {
        char[] b = new char[32];
        return switch (kind) {
            case PRODUCT -> Long.toString(100_000 + idx + 1);
            case LOCATION -> {
                String prefix = idx < w.nLoc ? LOCATION_PREFIX[w.locType[(int) idx]] : "ST";
                yield new String(b, 0, Fmt.pad(b, prefix + "-", idx + 1, 3));
            }
            case SUPPLIER -> "V" + (10_000 + idx + 1);
            case CUSTOMER -> new String(b, 0, Fmt.pad(b, "CU-", idx + 1, 6));
            case SALES_ORDER -> new String(b, 0, Fmt.pad(b, "SO-", idx, 9));
            case PURCHASE_ORDER -> new String(b, 0, Fmt.pad(b, "PO-", idx, 6));
            case RECEIPT -> new String(b, 0, Fmt.pad(b, "PR-", idx, 6));
            case STORE_ORDER -> new String(b, 0, Fmt.pad(b, "RQ-", idx, 6));
            case TRANSFER -> new String(b, 0, Fmt.pad(b, "TR-", idx, 6));
            case PRICE_LIST -> "LIST" + idx;
        };
    }

    @Override
    void writeId(JsonGenerator g, IdKind kind, long idx, char[] buf) throws IOException {
        switch (kind) {
            case PRODUCT -> g.writeNumber(100_000 + idx + 1);
            case LOCATION -> g.writeString(idx < w.nLoc ? loc((int) idx) : idText(kind, idx));
            case SALES_ORDER -> g.writeString(buf, 0, Fmt.pad(buf, "SO-", idx, 9));
            default -> g.writeString(idText(kind, idx));
        }
    }

    @Override
    void writeMoney(JsonGenerator g, long cents, char[] buf) throws IOException {
        g.writeString(buf, 0, Fmt.cents(buf, cents));
    }

    @Override
    void writeBool(JsonGenerator g, boolean v) throws IOException {
        g.writeString(v ? "Yes" : "No");
    }

    @Override
    void writeNoDate(JsonGenerator g) throws IOException {
        g.writeString("");
    }

    @Override
    String priceListCode(String country, boolean online) {
        return online ? "WEBSHOP" : country + "-STORE";
    }

    private static String currency(String code) {
        return code.equals("EUR") ? "" : code; // blank = local currency (EUR)
    }

    @Override
    void product(Out o, int p, int day) {
        o.record(idText(IdKind.PRODUCT, p));
        o.id("product_id", "No", IdKind.PRODUCT, p);
        o.str("sku", "No2", w.prodSku[p]);
        o.str("name", "Description", w.prodName[p]);
        o.str("ean", "GTIN", w.prodEan[p]);
        o.id("supplier_id", "VendorNo", IdKind.SUPPLIER, w.prodSupplier[p]);
        o.str("vendor_sku", "VendorItemNo", w.prodVendorSku[p]);
        o.str("brand", "Brand", w.brandName[w.prodBrand[p]]);
        int leaf = w.prodLeaf[p];
        o.obj("category", "ItemCategory");
        o.str("code", "Code", w.leafCode[leaf]);
        o.str("level1", "Level1", w.leafL1[leaf]);
        o.str("level2", "Level2", w.leafL2[leaf]);
        o.str("level3", "Level3", w.leafL3[leaf]);
        o.endObj("category");
        o.money("cost", "UnitCost", w.prodCostCents[p]);
        o.money("price", "UnitPrice", w.prodPriceCents[p]);
        o.str("currency", "CurrencyCode", "");
        o.num("pack_size", "UnitsPerParcel", w.prodPack[p]);
        o.bool("is_dropship", "DropShipment", w.prodDropship[p]);
        o.str("status", "LifecycleStatus", w.discontinued(p, day) ? "DISCONTINUED" : "ACTIVE");
        o.date("launch_date", "LaunchDate", w.prodLaunchDay[p]);
        o.date("discontinue_date", "DiscontinuedDate", w.discontinued(p, day) ? w.prodDiscontinueDay[p] : World.NEVER);
        o.date("updated_at", "LastDateModified", w.prodUpdatedDay[p]);
        o.raw("updated_time", "LastTimeModified", Fmt.hms(w.prodUpdatedSec[p]));
        o.endRecord();
    }

    @Override
    void location(Out o, int l, int day) {
        o.record(loc(l));
        o.id("location_id", "Code", IdKind.LOCATION, l);
        o.str("name", "Name", w.locName[l]);
        o.str("type", "LocationType", new String[] {"STORE", "DC", "WAREHOUSE", "WEBSHOP"}[w.locType[l]]);
        o.num("echelon", "Echelon", World.ECHELON[w.locType[l]]);
        o.str("parent_location_id", "ReplenishFromCode", w.locParent[l] < 0 ? "" : loc(w.locParent[l]));
        o.obj("address", "Address");
        o.str("city", "City", w.city(l));
        o.str("postcode", "PostCode", postcode(l));
        o.str("country", "CountryRegionCode", w.locCountry[l].code());
        o.endObj("address");
        o.str("currency", "CurrencyCode", currency(w.locType[l] == World.ONLINE ? "EUR" : w.locCountry[l].currency()));
        o.str("timezone", "TimeZone", w.locCountry[l].zone());
        String st = w.locationStatus(l, day);
        o.str("status", "Status", st.equals("active") ? "Open" : st.equals("planned") ? "Planned" : "Closed");
        o.date("open_date", "OpeningDate", openDay(l));
        o.date("close_date", "ClosingDate", w.locCloseDay[l]);
        o.endRecord();
    }

    private String postcode(int l) {
        String f = w.locCountry[l].postcodeFormat();
        long h = Rng.hash(w.seed, 210, l);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            h = Rng.mix(h + i);
            sb.append(c == '#' ? (char) ('0' + (h >>> 1) % 10) : c == '?' ? (char) ('A' + (h >>> 1) % 26) : c);
        }
        return sb.toString();
    }

    @Override
    void supplier(Out o, int s, int day) {
        o.record(idText(IdKind.SUPPLIER, s));
        o.id("supplier_id", "No", IdKind.SUPPLIER, s);
        o.str("name", "Name", w.supName[s]);
        o.str("country", "CountryRegionCode", w.supCountry[s].code());
        o.str("currency", "CurrencyCode", currency(w.supCountry[s].currency()));
        o.str("lead_time_days", "LeadTimeCalculation", w.supLead[s] + "D");
        o.num("moq", "MinimumOrderQty", w.supMoq[s]);
        o.str("email", "EMail", w.supEmail[s]);
        o.str("status", "Blocked", "");
        o.endRecord();
    }

    @Override
    void priceList(Out o, int list, int day) {
        boolean online = list == w.nStoreCountries;
        Catalog.Country c = priceListCountry(list);
        o.record(priceListId(list));
        o.str("price_list_id", "Code", priceListId(list));
        o.str("name", "Description", online ? "Webshop" : "Stores " + c.name());
        o.str("channel", "SalesType", online ? "Campaign" : "Customer Price Group");
        o.str("currency", "CurrencyCode", currency(online ? "EUR" : c.currency()));
        o.date("valid_from", "StartingDate", -365);
        o.date("valid_to", "EndingDate", World.NEVER);
        o.arr("prices", "Lines");
        for (int p = 0; p < w.nProd; p++) {
            if (!w.visible(p, day)) {
                continue;
            }
            o.elem();
            o.id("product_id", "ItemNo", IdKind.PRODUCT, p);
            o.money("price", "UnitPrice", listPrice(list, p));
            long promo = promoPrice(list, p, day);
            o.money("promo_price", "PromoUnitPrice", promo >= 0 ? promo : 0);
            o.endObj();
        }
        o.endArr();
        o.endRecord();
    }

    private static final String[] PAY = {"CARD", "CARD", "CARD", "CONTACTLESS", "CONTACTLESS", "CASH", "CASH", "MOBILE",
        "GIFTCARD"};
    private static final String[] PAY_WEB = {"CARD", "CARD", "PAYPAL", "PAYPAL", "KLARNA", "BANK", "APPLEPAY",
        "GOOGLEPAY", "GIFTCARD"};

    @Override
    void salesOrder(Out o, Simulation s, int i) {
        long no = s.firstSoNo + i;
        int l = s.soLoc.get(i);
        boolean online = w.locType[l] == World.ONLINE;
        o.record(o.pendingDefects() ? idText(IdKind.SALES_ORDER, no) : null);
        o.wrap("Header");
        o.id("order_id", "No", IdKind.SALES_ORDER, no);
        o.date("order_date", "OrderDate", s.day);
        o.raw("order_time", "OrderTime", Fmt.hms(s.soSecond.get(i)));
        o.id("location_id", "LocationCode", IdKind.LOCATION, l);
        o.str("channel", "SalesChannel", online ? "WEB" : "STORE");
        o.str("currency", "CurrencyCode", currency(online ? "EUR" : w.locCountry[l].currency()));
        int c = s.soCustomer.get(i);
        o.obj("customer", "SellToCustomer");
        if (c < 0) {
            o.str("customer_id", "No", "CASH");
            o.str("name", "Name", "Cash Customer");
        } else {
            o.id("customer_id", "No", IdKind.CUSTOMER, c);
            o.str("name", "Name", w.customerName(c));
            o.str("email", "EMail", w.customerEmail(c));
            o.str("city", "City", w.customerCity(c));
        }
        o.endObj("customer");
        o.str("payment_method", "PaymentMethodCode", (online ? PAY_WEB : PAY)[s.soPayment.get(i)]);
        o.str("status", "Status", "Posted");
        o.endObj();
        o.arr("lines", "Lines");
        int first = s.soFirstLine.get(i);
        for (int j = 0; j < s.soLines.get(i); j++) {
            int k = first + j;
            int q = s.slQty.get(k);
            long unit = s.slUnitCents.get(k);
            long disc = s.slDiscountCents.get(k);
            o.elem();
            o.num("line_no", "LineNo", (j + 1) * 10_000L);
            o.id("product_id", "ItemNo", IdKind.PRODUCT, s.slProd.get(k));
            o.qty("qty", "Quantity", q);
            o.money("unit_price", "UnitPrice", unit);
            o.money("discount", "LineDiscountAmount", disc);
            o.money("revenue", "LineAmount", unit * q - disc);
            o.endObj();
        }
        o.endArr();
        o.money("total", "AmountInclVAT", salesTotal(s, i));
        o.endRecord();
    }

    @Override
    void salesDoc(Out o, Docs.SalesDoc doc) {
        boolean online = w.locType[doc.loc] == World.ONLINE;
        o.record(o.pendingDefects() ? idText(IdKind.SALES_ORDER, doc.no) : null);
        o.wrap("Header");
        o.id("order_id", "No", IdKind.SALES_ORDER, doc.no);
        if (doc.isReturn) {
            o.str("document_type", "DocumentType", "Credit Memo");
            o.id("original_order_id", "AppliesToDocNo", IdKind.SALES_ORDER, doc.originalNo);
        }
        o.date("order_date", "OrderDate", doc.day);
        o.raw("order_time", "OrderTime", Fmt.hms(doc.second));
        o.id("location_id", "LocationCode", IdKind.LOCATION, doc.loc);
        o.str("channel", "SalesChannel", online ? "WEB" : "STORE");
        o.str("currency", "CurrencyCode", currency(online ? "EUR" : w.locCountry[doc.loc].currency()));
        o.obj("customer", "SellToCustomer");
        if (doc.customer < 0) {
            o.str("customer_id", "No", "CASH");
            o.str("name", "Name", "Cash Customer");
        } else {
            o.id("customer_id", "No", IdKind.CUSTOMER, doc.customer);
            o.str("name", "Name", w.customerName(doc.customer));
            o.str("email", "EMail", w.customerEmail(doc.customer));
            o.str("city", "City", w.customerCity(doc.customer));
        }
        o.endObj("customer");
        o.str("payment_method", "PaymentMethodCode", (online ? PAY_WEB : PAY)[doc.payment]);
        o.str("status", "Status", doc.status.equals("cancelled") ? "Cancelled" : "Posted");
        o.endObj();
        o.arr("lines", "Lines");
        for (int j = 0; j < doc.prod.size(); j++) {
            int q = doc.qty.get(j);
            o.elem();
            o.num("line_no", "LineNo", (j + 1) * 10_000L);
            o.id("product_id", "ItemNo", IdKind.PRODUCT, doc.prod.get(j));
            o.qty("qty", "Quantity", q);
            o.money("unit_price", "UnitPrice", doc.unitCents.get(j));
            o.money("discount", "LineDiscountAmount", doc.discountCents.get(j));
            o.money("revenue", "LineAmount", doc.lineRevenue(j));
            if (j == doc.cancelledLine) {
                o.str("status", "Status", "Cancelled");
            }
            o.endObj();
        }
        o.endArr();
        o.money("total", "AmountInclVAT", doc.total());
        o.endRecord();
    }

    @Override
    void purchaseOrder(Out o, Docs.Po po, int day) {
        o.record(idText(IdKind.PURCHASE_ORDER, po.no));
        o.wrap("Header");
        o.id("po_id", "No", IdKind.PURCHASE_ORDER, po.no);
        o.id("supplier_id", "BuyFromVendorNo", IdKind.SUPPLIER, po.supplier);
        o.id("location_id", "LocationCode", IdKind.LOCATION, po.loc);
        o.date("order_date", "OrderDate", po.orderDay);
        o.date("expected_date", "ExpectedReceiptDate", po.expectedDay);
        o.str("status", "Status", switch (po.status) {
            case "confirmed" -> "Released";
            case "partially_received" -> "Partially Received";
            case "received" -> "Received";
            default -> "Cancelled";
        });
        o.str("currency", "CurrencyCode", currency(w.supCountry[po.supplier].currency()));
        o.endObj();
        o.arr("lines", "Lines");
        for (int i = 0; i < po.prod.size(); i++) {
            o.elem();
            o.num("line_no", "LineNo", (i + 1) * 10_000L);
            o.id("product_id", "ItemNo", IdKind.PRODUCT, po.prod.get(i));
            o.qty("qty_ordered", "Quantity", po.qtyOrdered.get(i));
            o.qty("qty_confirmed", "QtyConfirmed", po.qtyConfirmed.get(i));
            o.qty("qty_delivered", "QuantityReceived", po.qtyDelivered.get(i));
            o.money("unit_cost", "DirectUnitCost", po.unitCostCents.get(i));
            o.endObj();
        }
        o.endArr();
        o.endRecord();
    }

    @Override
    void receipt(Out o, Docs.Receipt r) {
        o.record(idText(IdKind.RECEIPT, r.no));
        o.wrap("Header");
        o.id("receipt_id", "No", IdKind.RECEIPT, r.no);
        o.str("source_type", "SourceType", r.fromPo ? "Purchase" : "Transfer");
        o.id(r.fromPo ? "po_id" : "transfer_id", "SourceNo", r.fromPo ? IdKind.PURCHASE_ORDER : IdKind.TRANSFER, r.refNo);
        o.id("location_id", "LocationCode", IdKind.LOCATION, r.loc);
        o.date("received_date", "PostingDate", r.day);
        o.endObj();
        o.arr("lines", "Lines");
        for (int i = 0; i < r.prod.size(); i++) {
            o.elem();
            o.num("line_no", "LineNo", (i + 1) * 10_000L);
            o.id("product_id", "ItemNo", IdKind.PRODUCT, r.prod.get(i));
            o.qty("qty_received", "Quantity", r.qty.get(i));
            o.qty("qty_blocked", "QtyOnQualityHold", r.qtyBlocked.get(i));
            o.endObj();
        }
        o.endArr();
        o.endRecord();
    }

    @Override
    void storeOrder(Out o, Docs.StoreOrder so) {
        o.record(idText(IdKind.STORE_ORDER, so.no));
        o.wrap("Header");
        o.id("store_order_id", "No", IdKind.STORE_ORDER, so.no);
        o.id("location_id", "LocationCode", IdKind.LOCATION, so.store);
        o.id("source_location_id", "TransferFromCode", IdKind.LOCATION, so.dc);
        o.date("order_date", "OrderDate", so.day);
        o.date("requested_date", "RequestedDeliveryDate", so.day + 2);
        o.endObj();
        o.arr("lines", "Lines");
        for (int i = 0; i < so.prod.size(); i++) {
            o.elem();
            o.num("line_no", "LineNo", (i + 1) * 10_000L);
            o.id("product_id", "ItemNo", IdKind.PRODUCT, so.prod.get(i));
            o.qty("qty_requested", "Quantity", so.qty.get(i));
            o.qty("qty_allocated", "QtyAllocated", so.qtyAllocated.get(i));
            o.endObj();
        }
        o.endArr();
        o.endRecord();
    }

    @Override
    void transfer(Out o, Docs.Transfer t) {
        boolean received = t.receivedDay >= 0;
        o.record(idText(IdKind.TRANSFER, t.no));
        o.wrap("Header");
        o.id("transfer_id", "No", IdKind.TRANSFER, t.no);
        o.id("from_location_id", "TransferFromCode", IdKind.LOCATION, t.from);
        o.id("to_location_id", "TransferToCode", IdKind.LOCATION, t.to);
        o.str("store_order_id", "ExternalDocumentNo", t.storeOrderNo > 0 ? idText(IdKind.STORE_ORDER, t.storeOrderNo)
                : t.isReturn ? "STORE CLOSURE" : t.isRebalance ? "REBALANCE" : "");
        o.date("ship_date", "ShipmentDate", t.shipDay);
        o.date("expected_date", "ReceiptDate", t.expectedDay);
        o.str("status", "Status", received ? "Received" : "Shipped");
        o.endObj();
        o.arr("lines", "Lines");
        for (int i = 0; i < t.prod.size(); i++) {
            o.elem();
            o.num("line_no", "LineNo", (i + 1) * 10_000L);
            o.id("product_id", "ItemNo", IdKind.PRODUCT, t.prod.get(i));
            o.qty("qty_shipped", "QuantityShipped", t.qtyShipped.get(i));
            o.qty("qty_received", "QuantityReceived", received ? t.qtyReceived.get(i) : 0);
            o.endObj();
        }
        o.endArr();
        o.endRecord();
    }

    @Override
    void inventory(Out o, Simulation s, int k, int day) {
        int p = w.pairProd[k];
        int l = w.pairLoc[k];
        o.record(o.pendingDefects() ? idText(IdKind.PRODUCT, p) + "@" + loc(l) : null);
        o.id("product_id", "ItemNo", IdKind.PRODUCT, p);
        o.id("location_id", "LocationCode", IdKind.LOCATION, l);
        o.date("date", "SnapshotDate", day);
        o.qty("qty_available", "Available", s.avail[k]);
        o.qty("qty_blocked", "Blocked", s.blocked[k]);
        o.qty("qty_reserved", "Reserved", s.reserved[k]);
        o.qty("qty_all", "Inventory", (long) s.avail[k] + s.blocked[k] + s.reserved[k]);
        o.str("snapshot", "SnapshotType", s.fullSnapshot ? "FULL" : "DELTA");
        o.endRecord();
    }
}
