package com.catwing.cw.generate;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * How one ERP writes the ten endpoints: field names, nesting, id styles, date and number formats. Every field is
 * written through {@link Out} with its logical (catwing) name next to its physical name, so defects can target
 * fields independently of the dialect. See docs/generator.md for the field tables.
 */
abstract class Dialect {
    final World w;
    private final DateTimeFormatter dateFormat;
    private final String[] dateCache;
    private final int cacheOffset;
    final String[] categoryPath;

    Dialect(World w, String datePattern) {
        this.w = w;
        this.dateFormat = DateTimeFormatter.ofPattern(datePattern);
        this.cacheOffset = 4000;
        this.dateCache = new String[cacheOffset + w.days + 800];
        categoryPath = new String[w.nLeaf];
        for (int c = 0; c < w.nLeaf; c++) {
            categoryPath[c] = w.leafL1[c] + " > " + w.leafL2[c] + " > " + w.leafL3[c];
        }
    }

    static Dialect of(String name, World w) {
        return switch (name) {
            case "catwing" -> new CatwingDialect(w);
            case "navision" -> new NavisionDialect(w);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** A day index (relative to the start) as this dialect's date text. */
    final String date(int day) {
        int i = day + cacheOffset;
        if (i >= 0 && i < dateCache.length) {
            String s = dateCache[i];
            if (s == null) {
                s = w.cfg.start().plusDays(day).format(dateFormat);
                dateCache[i] = s;
            }
            return s;
        }
        return w.cfg.start().plusDays(day).format(dateFormat);
    }

    final LocalDate localDate(int day) {
        return w.cfg.start().plusDays(day);
    }

    /** The text of an id (for notes and for string ids). */
    abstract String idText(IdKind kind, long idx);

    void writeId(JsonGenerator g, IdKind kind, long idx, char[] buf) throws IOException {
        g.writeString(idText(kind, idx));
    }

    void writeQty(JsonGenerator g, long v, char[] buf) throws IOException {
        g.writeNumber(v);
    }

    abstract void writeMoney(JsonGenerator g, long cents, char[] buf) throws IOException;

    abstract void writeBool(JsonGenerator g, boolean v) throws IOException;

    abstract void writeNoDate(JsonGenerator g) throws IOException;

    /** The renamed field of a schema-drift defect ("catwing=x,navision=y"). */
    final String renamed(String spec) {
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv[0].equals(name())) {
                return kv[1];
            }
        }
        throw new IllegalStateException("no rename for " + name() + " in " + spec);
    }

    abstract String name();

    /** Location ids are written often: cached. */
    String[] locationIds;

    final String loc(int l) {
        if (locationIds == null) {
            locationIds = new String[w.nLoc];
            for (int i = 0; i < w.nLoc; i++) {
                locationIds[i] = idText(IdKind.LOCATION, i);
            }
        }
        return locationIds[l];
    }

    /** The id text of a product as it appears in the files (for ground truth). */
    String productKey(int p) {
        return idText(IdKind.PRODUCT, p);
    }

    /** A location's opening date: its opening day in the period, else a stable date in the past. */
    final int openDay(int l) {
        return w.locOpenDay[l] == World.ALWAYS ? -(400 + (int) ((Rng.hash(w.seed, 200, l) >>> 1) % 4000)) : w.locOpenDay[l];
    }

    // ---- the endpoints (one record each)
    abstract void product(Out o, int p, int day);

    abstract void location(Out o, int l, int day);

    abstract void supplier(Out o, int s, int day);

    /** Price list {@code list}: 0..nStoreCountries-1 the stores of a country, nStoreCountries the webshop. */
    abstract void priceList(Out o, int list, int day);

    abstract void salesOrder(Out o, Simulation s, int i);

    /** A cancelled order, an order with a cancelled line, or a return (SalesDocPlanner). */
    abstract void salesDoc(Out o, Docs.SalesDoc doc);

    abstract void purchaseOrder(Out o, Docs.Po po, int day);

    abstract void receipt(Out o, Docs.Receipt r);

    abstract void storeOrder(Out o, Docs.StoreOrder so);

    abstract void transfer(Out o, Docs.Transfer t);

    abstract void inventory(Out o, Simulation s, int pair, int day);

    /** The ERP id of a top-level record, for the manifest. */
    final String priceListId(int list) {
        return list < w.nStoreCountries ? priceListCode(Catalog.RETAIL[list].code(), false) : priceListCode(null, true);
    }

    abstract String priceListCode(String country, boolean online);

    // ---- shared helpers
    final Catalog.Country priceListCountry(int list) {
        return list < w.nStoreCountries ? Catalog.RETAIL[list] : Catalog.RETAIL[0];
    }

    final long listPrice(int list, int p) {
        return list < w.nStoreCountries ? w.localPriceCents(w.prodPriceCents[p], Catalog.RETAIL[list]) : w.prodPriceCents[p];
    }

    final long promoPrice(int list, int p, int day) {
        double disc = w.promo(p, day);
        if (disc == 0) {
            return -1;
        }
        return World.psychological(listPrice(list, p) / 100.0 * (1 - disc));
    }

    final long salesTotal(Simulation s, int i) {
        long total = 0;
        int first = s.soFirstLine.get(i);
        for (int j = first; j < first + s.soLines.get(i); j++) {
            total += (long) s.slUnitCents.get(j) * s.slQty.get(j) - s.slDiscountCents.get(j);
        }
        return total;
    }

    private int offsetDay = Integer.MIN_VALUE;
    private int[] offsets;

    /** Offset of a location's local time from UTC on a day, in seconds (cached for the current day). */
    final int utcOffset(int l, int day) {
        if (day != offsetDay) {
            offsets = new int[w.nLoc];
            for (int i = 0; i < w.nLoc; i++) {
                offsets[i] = java.time.ZoneId.of(w.locCountry[i].zone()).getRules()
                        .getOffset(localDate(day).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC)).getTotalSeconds();
            }
            offsetDay = day;
        }
        return offsets[l];
    }
}
