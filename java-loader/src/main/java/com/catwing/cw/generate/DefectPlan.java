package com.catwing.cw.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Chooses, from the seed, which defects go into which day's files. Profiles:
 * <ul>
 *   <li>{@code none} — clean data;</li>
 *   <li>{@code light} — about one everyday record-level defect (duplicate, missing field, orphan reference,
 *       negative quantity, hostile customer name) per week in sales orders and inventory;</li>
 *   <li>{@code all} — every defect kind at least once, spread over the period (needs 3+ days).</li>
 * </ul>
 * Defects only change how records are written, never the simulated world: a file without defects is byte-identical
 * to the same file generated with profile {@code none}.
 */
final class DefectPlan {
    static final String SQL = "Robert'); DROP TABLE products; --";
    static final String QUOTES = "Garden \"Deluxe\" Set 12\" \\ 30cm \\\" O'Brien's";
    static final String CONTROL = "Line1\nLine2\r\tTabbed\u0000Nul\u0007Bell\u001bEsc\u007fDel";
    static final String NON_LATIN = "厨房刀具套装 · Набор ножей · طقم سكاكين · 包丁セット 🍳🔪 ‮reversed‬ zero\u200bwidth";
    static final String LONG;

    static {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 12_000) {
            sb.append("Very long product description that an ERP export put into the name field. ");
        }
        LONG = sb.toString();
    }

    private final TreeMap<Long, List<Defect>> byFile = new TreeMap<>();

    DefectPlan(GeneratorConfig cfg) {
        Rng r = new Rng(Rng.hash(cfg.seed(), 300));
        int days = cfg.days();
        switch (cfg.defects()) {
            case "none" -> { }
            case "light" -> {
                for (int d = 1 + r.nextInt(7); d < days; d += 5 + r.nextInt(5)) {
                    switch (r.nextInt(5)) {
                        case 0 -> add(d, Endpoint.SALES_ORDERS, Defect.DUPLICATE, null, r.nextInt(10), null);
                        case 1 -> add(d, Endpoint.SALES_ORDERS, Defect.MISSING, "lines.product_id", r.nextInt(10), null);
                        case 2 -> add(d, Endpoint.SALES_ORDERS, Defect.ORPHAN, "lines.product_id", r.nextInt(10), null);
                        case 3 -> add(d, Endpoint.INVENTORY, Defect.NEGATIVE_QTY, "qty_available", r.nextInt(10), null);
                        default -> add(d, Endpoint.SALES_ORDERS, Defect.HOSTILE, "customer.name", r.nextInt(10),
                                r.nextInt(2) == 0 ? NON_LATIN : QUOTES);
                    }
                }
            }
            case "all" -> planAll(r, days);
            default -> throw new IllegalArgumentException(cfg.defects());
        }
    }

    private void planAll(Rng r, int days) {
        List<Object[]> specs = new ArrayList<>();
        specs.add(new Object[] {Endpoint.PRODUCTS, Defect.DUPLICATE, null, null});
        specs.add(new Object[] {Endpoint.SALES_ORDERS, Defect.DUPLICATE, null, null});
        specs.add(new Object[] {Endpoint.PRODUCTS, Defect.MISSING, "product_id", null});
        specs.add(new Object[] {Endpoint.SALES_ORDERS, Defect.MISSING, "lines.product_id", null});
        specs.add(new Object[] {Endpoint.INVENTORY, Defect.MISSING, "location_id", null});
        specs.add(new Object[] {Endpoint.SALES_ORDERS, Defect.ORPHAN, "lines.product_id", null});
        specs.add(new Object[] {Endpoint.PURCHASE_ORDERS, Defect.ORPHAN, "supplier_id", null});
        specs.add(new Object[] {Endpoint.INVENTORY, Defect.ORPHAN, "product_id", null});
        specs.add(new Object[] {Endpoint.SALES_ORDERS, Defect.NEGATIVE_QTY, "lines.qty", null});
        specs.add(new Object[] {Endpoint.INVENTORY, Defect.NEGATIVE_QTY, "qty_available", null});
        specs.add(new Object[] {Endpoint.PURCHASE_ORDERS, Defect.ABSURD_QTY, "lines.qty_ordered", null});
        specs.add(new Object[] {Endpoint.PRODUCTS, Defect.NEGATIVE_PRICE, "price", null});
        specs.add(new Object[] {Endpoint.SALES_ORDERS, Defect.ABSURD_PRICE, "lines.unit_price", null});
        specs.add(new Object[] {Endpoint.SALES_ORDERS, Defect.FUTURE_DATE, "order_date", null});
        specs.add(new Object[] {Endpoint.PURCHASE_ORDERS, Defect.ANCIENT_DATE, "order_date", null});
        specs.add(new Object[] {Endpoint.INVENTORY, Defect.STALE, null, null});
        specs.add(new Object[] {Endpoint.PRODUCTS, Defect.DRIFT, "price", "catwing=sales_price,navision=SalesPrice"});
        specs.add(new Object[] {Endpoint.SALES_ORDERS, Defect.COLLAPSE, null, null});
        specs.add(new Object[] {Endpoint.SUPPLIERS, Defect.TRUNCATED, null, null});
        specs.add(new Object[] {Endpoint.LOCATIONS, Defect.MALFORMED, "name", null});
        specs.add(new Object[] {Endpoint.PRODUCTS, Defect.HOSTILE, "name", SQL});
        specs.add(new Object[] {Endpoint.PRODUCTS, Defect.HOSTILE, "name", QUOTES});
        specs.add(new Object[] {Endpoint.PRODUCTS, Defect.HOSTILE, "name", CONTROL});
        specs.add(new Object[] {Endpoint.PRODUCTS, Defect.HOSTILE, "name", LONG});
        specs.add(new Object[] {Endpoint.PRODUCTS, Defect.HOSTILE, "name", NON_LATIN});
        specs.add(new Object[] {Endpoint.SALES_ORDERS, Defect.HOSTILE, "customer.name", NON_LATIN});
        int n = specs.size();
        for (int i = 0; i < n; i++) {
            Object[] s = specs.get(i);
            // spread over days 1..days-1 (day 0 stays clean: it holds the opening balances)
            int d = 1 + (int) ((long) i * (days - 1) / n);
            Endpoint e = (Endpoint) s[0];
            String kind = (String) s[1];
            if (kind.equals(Defect.STALE)) {
                d = Math.max(2, d); // repeats the previous day's file, which must itself be a plain day
            }
            add(d, e, kind, (String) s[2], r.nextInt(5), (String) s[3]);
        }
    }

    private void add(int day, Endpoint e, String kind, String field, int target, String text) {
        byFile.computeIfAbsent(key(day, e), k -> new ArrayList<>()).add(new Defect(day, e, kind, field, target, text));
    }

    /** Moves defects that found no matching record (e.g. no purchase order that day) to the next day's file. */
    void carry(int day, Endpoint e, List<Defect> defects) {
        for (Defect d : defects) {
            add(day, e, d.kind, d.field(), 0, d.text);
        }
    }

    private static long key(int day, Endpoint e) {
        return (long) day * 16 + e.ordinal();
    }

    /** The defects of one file, ordered by target record (empty list if none). */
    List<Defect> of(int day, Endpoint e) {
        List<Defect> l = byFile.get(key(day, e));
        if (l == null) {
            return List.of();
        }
        List<Defect> sorted = new ArrayList<>(l);
        sorted.sort((a, b) -> Integer.compare(a.target, b.target));
        return sorted;
    }

    /** True when the inventory file of {@code day} will be repeated as the next day's (stale) snapshot. */
    boolean keepForStale(int day) {
        return of(day + 1, Endpoint.INVENTORY).stream().anyMatch(d -> d.kind.equals(Defect.STALE));
    }
}
