package com.catwing.cw.generate;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * The reference dialect: flat snake_case records, ISO-8601 dates, UTC timestamps, string ids with a type prefix
 * ("P000123", "L001", "S0001"), numbers as JSON numbers, order documents with a {@code lines} array.
 */
final class CatwingDialect extends Dialect {
    CatwingDialect(World w) {
        super(w, "yyyy-MM-dd");
    }

    @Override
    String name() {
        return "catwing";
    }

    @Override
    String idText(IdKind kind, long idx) {
        char[] b = new char[32];
        return new String(b, 0, idLen(b, kind, idx));
    }

    private static int idLen(char[] b, IdKind kind, long idx) {
        return switch (kind) {
            case PRODUCT -> Fmt.pad(b, "P", idx + 1, 6);
            case LOCATION -> Fmt.pad(b, "L", idx + 1, 3);
            case SUPPLIER -> Fmt.pad(b, "S", idx + 1, 4);
            case CUSTOMER -> Fmt.pad(b, "C", idx + 1, 7);
            case SALES_ORDER -> Fmt.pad(b, "SO", idx, 8);
            case PURCHASE_ORDER -> Fmt.pad(b, "PO", idx, 7);
            case RECEIPT -> Fmt.pad(b, "RC", idx, 7);
            case STORE_ORDER -> Fmt.pad(b, "SR", idx, 7);
            case TRANSFER -> Fmt.pad(b, "TO", idx, 7);
            case PRICE_LIST -> Fmt.pad(b, "PL", idx, 2);
        };
    }

    @Override
    void writeId(JsonGenerator g, IdKind kind, long idx, char[] buf) throws IOException {
        if (kind == IdKind.LOCATION && idx < w.nLoc) {
            g.writeString(loc((int) idx));
            return;
        }
        g.writeString(buf, 0, idLen(buf, kind, idx));
    }

    @Override
    void writeMoney(JsonGenerator g, long cents, char[] buf) throws IOException {
        g.writeNumber(buf, 0, Fmt.cents(buf, cents));
    }

    @Override
    void writeBool(JsonGenerator g, boolean v) throws IOException {
        g.writeBoolean(v);
    }

    @Override
    void writeNoDate(JsonGenerator g) throws IOException {
        g.writeNull();
    }

    @Override
    String priceListCode(String country, boolean online) {
        return online ? "PL-WEB" : "PL-" + country;
    }

    private String timestamp(int day, int sec) {
        int d = day;
        if (sec < 0) {
            sec += 86_400;
            d--;
        } else if (sec >= 86_400) {
            sec -= 86_400;
            d++;
        }
        return date(d) + "T" + Fmt.hms(sec) + "Z";
    }

    @Override
    void product(Out o, int p, int day) {
        o.record(idText(IdKind.PRODUCT, p));
        o.id("product_id", "product_id", IdKind.PRODUCT, p);
        o.str("sku", "sku", w.prodSku[p]);
        o.str("vendor_sku", "vendor_sku", w.prodVendorSku[p]);
        o.str("ean", "ean", w.prodEan[p]);
        o.str("name", "name", w.prodName[p]);
        o.str("brand", "brand", w.brandName[w.prodBrand[p]]);
        int leaf = w.prodLeaf[p];
        o.str("category_id", "category_id", "C" + w.leafCode[leaf]);
        o.str("category_path", "category_path", categoryPath[leaf]);
        o.id("supplier_id", "supplier_id", IdKind.SUPPLIER, w.prodSupplier[p]);
        o.money("cost", "cost", w.prodCostCents[p]);
        o.money("price", "price", w.prodPriceCents[p]);
        o.str("currency", "currency", "EUR");
        o.num("pack_size", "pack_size", w.prodPack[p]);
        o.bool("is_dropship", "is_dropship", w.prodDropship[p]);
        o.str("status", "status", w.discontinued(p, day) ? "discontinued" : "active");
        o.date("launch_date", "launch_date", w.prodLaunchDay[p]);
        o.date("discontinue_date", "discontinue_date", w.discontinued(p, day) ? w.prodDiscontinueDay[p] : World.NEVER);
        o.raw("updated_at", "updated_at", timestamp(w.prodUpdatedDay[p], w.prodUpdatedSec[p]));
        o.endRecord();
    }

    @Override
    void location(Out o, int l, int day) {
        o.record(loc(l));
        o.id("location_id", "location_id", IdKind.LOCATION, l);
        o.str("name", "name", w.locName[l]);
        o.str("type", "type", World.TYPE_NAMES[w.locType[l]]);
        o.num("echelon", "echelon", World.ECHELON[w.locType[l]]);
        o.id("parent_location_id", "parent_location_id", IdKind.LOCATION, w.locParent[l]);
        o.str("city", "city", w.city(l));
        o.str("country", "country", w.locCountry[l].code());
        o.str("currency", "currency", w.locType[l] == World.ONLINE ? "EUR" : w.locCountry[l].currency());
        o.str("timezone", "timezone", w.locCountry[l].zone());
        double[] c = w.cityCoords(l);
        o.dbl("latitude", "latitude", c[0]);
        o.dbl("longitude", "longitude", c[1]);
        o.str("status", "status", w.locationStatus(l, day));
        o.date("open_date", "open_date", openDay(l));
        o.date("close_date", "close_date", w.locCloseDay[l]);
        o.endRecord();
    }

    @Override
    void supplier(Out o, int s, int day) {
        o.record(idText(IdKind.SUPPLIER, s));
        o.id("supplier_id", "supplier_id", IdKind.SUPPLIER, s);
        o.str("name", "name", w.supName[s]);
        o.str("country", "country", w.supCountry[s].code());
        o.str("currency", "currency", w.supCountry[s].currency());
        o.num("lead_time_days", "lead_time_days", w.supLead[s]);
        o.num("moq", "moq", w.supMoq[s]);
        o.str("email", "email", w.supEmail[s]);
        o.str("status", "status", "active");
        o.endRecord();
    }

    @Override
    void priceList(Out o, int list, int day) {
        boolean online = list == w.nStoreCountries;
        Catalog.Country c = priceListCountry(list);
        o.record(priceListId(list));
        o.str("price_list_id", "price_list_id", priceListId(list));
        o.str("name", "name", online ? "Webshop" : "Stores " + c.name());
        o.str("channel", "channel", online ? "online" : "store");
        o.str("country", "country", online ? null : c.code());
        o.str("currency", "currency", online ? "EUR" : c.currency());
        o.date("valid_from", "valid_from", -365);
        o.date("valid_to", "valid_to", World.NEVER);
        o.arr("prices", "prices");
        for (int p = 0; p < w.nProd; p++) {
            if (!w.visible(p, day)) {
                continue;
            }
            o.elem();
            o.id("product_id", "product_id", IdKind.PRODUCT, p);
            o.money("price", "price", listPrice(list, p));
            long promo = promoPrice(list, p, day);
            if (promo >= 0) {
                o.money("promo_price", "promo_price", promo);
            }
            o.endObj();
        }
        o.endArr();
        o.endRecord();
    }

    @Override
    void salesOrder(Out o, Simulation s, int i) {
        long no = s.firstSoNo + i;
        int l = s.soLoc.get(i);
        boolean online = w.locType[l] == World.ONLINE;
        o.record(o.pendingDefects() ? idText(IdKind.SALES_ORDER, no) : null);
        o.id("order_id", "order_id", IdKind.SALES_ORDER, no);
        o.date("order_date", "order_date", s.day);
        o.raw("created_at", "created_at", timestamp(s.day, s.soSecond.get(i) - utcOffset(l, s.day)));
        o.str("channel", "channel", online ? "online" : "store");
        o.id("location_id", "location_id", IdKind.LOCATION, l);
        o.str("currency", "currency", online ? "EUR" : w.locCountry[l].currency());
        int c = s.soCustomer.get(i);
        if (c < 0) {
            o.nul("customer", "customer");
        } else {
            o.obj("customer", "customer");
            o.id("customer_id", "customer_id", IdKind.CUSTOMER, c);
            o.str("name", "name", w.customerName(c));
            o.str("email", "email", w.customerEmail(c));
            o.str("city", "city", w.customerCity(c));
            o.endObj("customer");
        }
        o.str("payment_method", "payment_method", (online ? Catalog.ONLINE_PAYMENTS : Catalog.STORE_PAYMENTS)[s.soPayment.get(i)]);
        o.str("status", "status", "completed");
        o.arr("lines", "lines");
        int first = s.soFirstLine.get(i);
        for (int j = 0; j < s.soLines.get(i); j++) {
            int k = first + j;
            int q = s.slQty.get(k);
            long unit = s.slUnitCents.get(k);
            long disc = s.slDiscountCents.get(k);
            o.elem();
            o.num("line_no", "line_no", j + 1);
            o.id("product_id", "product_id", IdKind.PRODUCT, s.slProd.get(k));
            o.qty("qty", "qty", q);
            o.money("unit_price", "unit_price", unit);
            o.money("discount", "discount", disc);
            o.money("revenue", "revenue", unit * q - disc);
            o.endObj();
        }
        o.endArr();
        o.money("total", "total", salesTotal(s, i));
        o.endRecord();
    }

    @Override
    void salesDoc(Out o, Docs.SalesDoc doc) {
        boolean online = w.locType[doc.loc] == World.ONLINE;
        o.record(o.pendingDefects() ? idText(IdKind.SALES_ORDER, doc.no) : null);
        o.id("order_id", "order_id", IdKind.SALES_ORDER, doc.no);
        if (doc.isReturn) {
            o.str("document_type", "document_type", "return");
            o.id("original_order_id", "original_order_id", IdKind.SALES_ORDER, doc.originalNo);
        }
        o.date("order_date", "order_date", doc.day);
        o.raw("created_at", "created_at", timestamp(doc.day, doc.second - utcOffset(doc.loc, doc.day)));
        o.str("channel", "channel", online ? "online" : "store");
        o.id("location_id", "location_id", IdKind.LOCATION, doc.loc);
        o.str("currency", "currency", online ? "EUR" : w.locCountry[doc.loc].currency());
        if (doc.customer < 0) {
            o.nul("customer", "customer");
        } else {
            o.obj("customer", "customer");
            o.id("customer_id", "customer_id", IdKind.CUSTOMER, doc.customer);
            o.str("name", "name", w.customerName(doc.customer));
            o.str("email", "email", w.customerEmail(doc.customer));
            o.str("city", "city", w.customerCity(doc.customer));
            o.endObj("customer");
        }
        o.str("payment_method", "payment_method",
                (online ? Catalog.ONLINE_PAYMENTS : Catalog.STORE_PAYMENTS)[doc.payment]);
        o.str("status", "status", doc.status);
        o.arr("lines", "lines");
        for (int j = 0; j < doc.prod.size(); j++) {
            int q = doc.qty.get(j);
            o.elem();
            o.num("line_no", "line_no", j + 1);
            o.id("product_id", "product_id", IdKind.PRODUCT, doc.prod.get(j));
            o.qty("qty", "qty", q);
            o.money("unit_price", "unit_price", doc.unitCents.get(j));
            o.money("discount", "discount", doc.discountCents.get(j));
            o.money("revenue", "revenue", doc.lineRevenue(j));
            if (j == doc.cancelledLine) {
                o.str("status", "status", "cancelled");
            }
            o.endObj();
        }
        o.endArr();
        o.money("total", "total", doc.total());
        o.endRecord();
    }

    @Override
    void purchaseOrder(Out o, Docs.Po po, int day) {
        o.record(idText(IdKind.PURCHASE_ORDER, po.no));
        o.id("po_id", "po_id", IdKind.PURCHASE_ORDER, po.no);
        o.id("supplier_id", "supplier_id", IdKind.SUPPLIER, po.supplier);
        o.id("location_id", "location_id", IdKind.LOCATION, po.loc);
        o.date("order_date", "order_date", po.orderDay);
        o.date("expected_date", "expected_date", po.expectedDay);
        o.str("status", "status", po.status);
        o.str("currency", "currency", w.supCountry[po.supplier].currency());
        o.arr("lines", "lines");
        for (int i = 0; i < po.prod.size(); i++) {
            o.elem();
            o.num("line_no", "line_no", i + 1);
            o.id("product_id", "product_id", IdKind.PRODUCT, po.prod.get(i));
            o.qty("qty_ordered", "qty_ordered", po.qtyOrdered.get(i));
            o.qty("qty_confirmed", "qty_confirmed", po.qtyConfirmed.get(i));
            o.qty("qty_delivered", "qty_delivered", po.qtyDelivered.get(i));
            o.money("unit_cost", "unit_cost", po.unitCostCents.get(i));
            o.endObj();
        }
        o.endArr();
        o.endRecord();
    }

    @Override
    void receipt(Out o, Docs.Receipt r) {
        o.record(idText(IdKind.RECEIPT, r.no));
        o.id("receipt_id", "receipt_id", IdKind.RECEIPT, r.no);
        o.str("source_type", "source_type", r.fromPo ? "purchase" : "transfer");
        o.id("po_id", "po_id", IdKind.PURCHASE_ORDER, r.fromPo ? r.refNo : -1);
        o.id("transfer_id", "transfer_id", IdKind.TRANSFER, r.fromPo ? -1 : r.refNo);
        o.id("location_id", "location_id", IdKind.LOCATION, r.loc);
        o.date("received_date", "received_date", r.day);
        o.arr("lines", "lines");
        for (int i = 0; i < r.prod.size(); i++) {
            o.elem();
            o.num("line_no", "line_no", i + 1);
            o.id("product_id", "product_id", IdKind.PRODUCT, r.prod.get(i));
            o.qty("qty_received", "qty_received", r.qty.get(i));
            o.qty("qty_blocked", "qty_blocked", r.qtyBlocked.get(i));
            o.endObj();
        }
        o.endArr();
        o.endRecord();
    }

    @Override
    void storeOrder(Out o, Docs.StoreOrder so) {
        o.record(idText(IdKind.STORE_ORDER, so.no));
        o.id("store_order_id", "store_order_id", IdKind.STORE_ORDER, so.no);
        o.id("location_id", "location_id", IdKind.LOCATION, so.store);
        o.id("source_location_id", "source_location_id", IdKind.LOCATION, so.dc);
        o.date("order_date", "order_date", so.day);
        o.date("requested_date", "requested_date", so.day + 2);
        o.arr("lines", "lines");
        for (int i = 0; i < so.prod.size(); i++) {
            o.elem();
            o.num("line_no", "line_no", i + 1);
            o.id("product_id", "product_id", IdKind.PRODUCT, so.prod.get(i));
            o.qty("qty_requested", "qty_requested", so.qty.get(i));
            o.qty("qty_allocated", "qty_allocated", so.qtyAllocated.get(i));
            o.endObj();
        }
        o.endArr();
        o.endRecord();
    }

    @Override
    void transfer(Out o, Docs.Transfer t) {
        boolean received = t.receivedDay >= 0;
        o.record(idText(IdKind.TRANSFER, t.no));
        o.id("transfer_id", "transfer_id", IdKind.TRANSFER, t.no);
        o.id("from_location_id", "from_location_id", IdKind.LOCATION, t.from);
        o.id("to_location_id", "to_location_id", IdKind.LOCATION, t.to);
        o.id("store_order_id", "store_order_id", IdKind.STORE_ORDER, t.storeOrderNo > 0 ? t.storeOrderNo : -1);
        o.str("reason", "reason", t.isReturn ? "store_closure" : t.isRebalance ? "rebalance" : "replenishment");
        o.date("ship_date", "ship_date", t.shipDay);
        o.date("expected_date", "expected_date", t.expectedDay);
        o.date("received_date", "received_date", received ? t.receivedDay : World.NEVER);
        o.str("status", "status", received ? "received" : "shipped");
        o.arr("lines", "lines");
        for (int i = 0; i < t.prod.size(); i++) {
            o.elem();
            o.num("line_no", "line_no", i + 1);
            o.id("product_id", "product_id", IdKind.PRODUCT, t.prod.get(i));
            o.qty("qty_shipped", "qty_shipped", t.qtyShipped.get(i));
            o.qty("qty_received", "qty_received", received ? t.qtyReceived.get(i) : 0);
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
        o.date("date", "date", day);
        o.id("product_id", "product_id", IdKind.PRODUCT, p);
        o.id("location_id", "location_id", IdKind.LOCATION, l);
        o.qty("qty_available", "qty_available", s.avail[k]);
        o.qty("qty_blocked", "qty_blocked", s.blocked[k]);
        o.qty("qty_reserved", "qty_reserved", s.reserved[k]);
        o.qty("qty_all", "qty_all", (long) s.avail[k] + s.blocked[k] + s.reserved[k]);
        o.str("snapshot", "snapshot", s.fullSnapshot ? "full" : "delta");
        o.endRecord();
    }
}
