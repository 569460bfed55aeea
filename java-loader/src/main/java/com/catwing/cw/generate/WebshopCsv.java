package com.catwing.cw.generate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The web-shop CSV export ({@code cw generate --dialect webshop_csv}, issue 17 point 3): the simulated world's web
 * shop — its products, its registered customers and its sales documents — as the four files a small e-commerce
 * system exports every night, {@code raw-data/{client}/{date}/customers.csv, products.csv, transactions.csv,
 * transaction_items.csv} (the contract in docs/generator.md "webshop_csv"). Written with Apache Commons CSV
 * (RFC 4180: minimal quoting, CRLF, a UTF-8 BOM and a header row), so names with commas, quotes and line breaks are
 * quoted correctly. Seed 003's kinds of dirt ({@link WebshopDirt}) and, with {@code --hostile-csv}, a few rows that
 * are not valid CSV at all are written on purpose; every one is named in {@code ground-truth/dirt/{date}.jsonl}.
 */
final class WebshopCsv {
    static final String[] CUSTOMERS = {"customer_id", "first_name", "last_name", "email", "phone", "city", "country",
        "signup_date", "updated_at"};
    static final String[] PRODUCTS = {"product_id", "product_name", "category", "brand", "price", "cost", "currency",
        "supplier_id", "pack_size", "product_type", "status", "updated_at"};
    static final String[] TRANSACTIONS = {"transaction_id", "customer_id", "transaction_date", "payment_method",
        "status", "transaction_type", "original_transaction_id", "currency", "updated_at"};
    static final String[] ITEMS = {"transaction_item_id", "transaction_id", "product_id", "quantity", "unit_price",
        "discount", "line_total", "status"};
    /** The shop's payment method codes (the clean values of transactions.payment_method). */
    static final String[] PAYMENTS = {"card", "paypal", "invoice", "bank_transfer", "apple_pay", "google_pay",
        "gift_card"};
    /** Duplicate customers are numbered from here (customer_id C8000001 …). */
    static final int DUPLICATE_BASE = 8_000_000;
    /** The location id of the shop in the ground truth (the files have no location: the shop is one). */
    static final String LOCATION = "WEB";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final DateTimeFormatter OFFSET_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter UTC_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final String[] DIAL = {"+49", "+48", "+420", "+46", "+43", "+31"};

    /** One injected defect: where, which kind and rule, what was written, what cleansing should give, the truth. */
    record Entry(String file, int record, int line, String id, String kind, String rule, String field, String value,
                 String clean, String truth) {
    }

    /** Rows that could carry a kind, and rows (or units) that do, for world.json. */
    final long[] opportunities = new long[WebshopDirt.Kind.values().length];
    final long[] injected = new long[WebshopDirt.Kind.values().length];
    long hostile;

    private final World w;
    private final GeneratorConfig cfg;
    private final Dialect ids;
    private final Sink sink;
    private final int online;
    private final WebshopDirt dirt;
    private final int[] firstOrderDay;
    private final int[] hostileDay = new int[3];
    final List<Entry> entries = new ArrayList<>();
    /** Counters: files, data records, bytes; items (nested lines). */
    long files;
    long records;
    long bytes;
    long items;
    long productRows;
    long customerRows;
    long transactionRows;
    /** Distinct products and customers written on any day. */
    private final boolean[] productSeen;
    long webDemand;
    long webSales;

    WebshopCsv(World w, GeneratorConfig cfg, Dialect ids, Sink sink) {
        this.w = w;
        this.cfg = cfg;
        this.ids = ids;
        this.sink = sink;
        int web = -1;
        for (int l = 0; l < w.nLoc; l++) {
            if (w.locType[l] == World.ONLINE) {
                web = l;
            }
        }
        this.online = web;
        this.dirt = new WebshopDirt(cfg.seed(), cfg.dirt());
        this.firstOrderDay = new int[w.nCustomers];
        Arrays.fill(firstOrderDay, Integer.MAX_VALUE);
        this.productSeen = new boolean[w.nProd];
        int n = cfg.days();
        hostileDay[0] = cfg.hostileCsv() ? n / 4 : -1;
        hostileDay[1] = cfg.hostileCsv() ? n / 2 : -1;
        hostileDay[2] = cfg.hostileCsv() ? 3 * n / 4 : -1;
    }

    /** The web shop's location index. */
    int location() {
        return online;
    }

    long distinctProducts() {
        long n = 0;
        for (boolean b : productSeen) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    long registeredCustomers() {
        long n = 0;
        for (int i = 0; i < w.nCustomers; i++) {
            if (signupDay(i) < cfg.days()) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ one day

    /** Writes day d's four files; {@code docs} is null without {@code --cancellations}. */
    void writeDay(int d, Simulation s, SalesDocPlanner docs) {
        entries.clear();
        List<Docs.SalesDoc> txns = documents(s, docs);
        for (Docs.SalesDoc t : txns) {
            if (t.customer >= 0 && firstOrderDay[t.customer] > t.day) {
                firstOrderDay[t.customer] = t.day;
            }
        }
        String prefix = "raw-data/" + cfg.client() + "/" + cfg.start().plusDays(d) + "/";
        writeCustomers(d, prefix + "customers.csv");
        writeProducts(d, prefix + "products.csv");
        writeTransactions(d, prefix + "transactions.csv", txns);
        writeItems(d, prefix + "transaction_items.csv", txns);
        for (int i = 0; i < s.gtPair.size(); i++) {
            if (w.pairLoc[s.gtPair.get(i)] == online) {
                webDemand += s.gtDemand.get(i);
                webSales += s.gtSales.get(i);
            }
        }
    }

    /** The shop's documents of the day in file order: the simulated orders, then cancellations and returns. */
    private List<Docs.SalesDoc> documents(Simulation s, SalesDocPlanner docs) {
        List<Docs.SalesDoc> out = new ArrayList<>();
        for (int i = 0; i < s.soLoc.size(); i++) {
            if (s.soLoc.get(i) != online) {
                continue;
            }
            Docs.SalesDoc changed = docs == null ? null : docs.withCancelledLine.get(i);
            out.add(changed != null ? changed : Docs.SalesDoc.of(s, i, s.firstSoNo + i));
        }
        if (docs != null) {
            for (Docs.SalesDoc doc : docs.today) {
                if (doc.loc == online) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ customers

    /** Day of registration: 70 % before the period, the others at their first order in the shop. */
    int signupDay(int i) {
        if (Rng.unit(Rng.hash(cfg.seed(), 910, i)) < 0.7) {
            return -(1 + (int) ((Rng.hash(cfg.seed(), 911, i) >>> 1) % 1500));
        }
        return firstOrderDay[i];
    }

    private int signupSecond(int i) {
        return 8 * 3600 + (int) ((Rng.hash(cfg.seed(), 915, i) >>> 1) % (14 * 3600));
    }

    /** The day a customer moves to another city (3 %), or MAX_VALUE. */
    private int moveDay(int i) {
        if (Rng.unit(Rng.hash(cfg.seed(), 912, i)) >= 0.03) {
            return Integer.MAX_VALUE;
        }
        return (int) ((Rng.hash(cfg.seed(), 913, i) >>> 1) % cfg.days());
    }

    private String city(int i, boolean moved) {
        String[] cities = Catalog.RETAIL[w.customerCountry(i)].cities();
        int home = Arrays.asList(cities).indexOf(w.customerCity(i));
        if (!moved || cities.length < 2) {
            return cities[home];
        }
        return cities[(home + 1 + (int) ((Rng.hash(cfg.seed(), 914, i) >>> 1) % (cities.length - 1))) % cities.length];
    }

    private String phone(int i) {
        long h = Rng.hash(cfg.seed(), 916, i) >>> 1;
        return DIAL[w.customerCountry(i) % DIAL.length] + " " + (150 + h % 30) + " " + (1_000_000 + (h >>> 8) % 9_000_000);
    }

    private void writeCustomers(int d, String key) {
        try (CsvFile f = new CsvFile(key, CUSTOMERS)) {
            for (int i = 0; i < w.nCustomers; i++) {
                int signup = signupDay(i);
                if (signup > d) {
                    continue;
                }
                int move = moveDay(i);
                boolean moved = move > signup && move <= d;
                String[] row = {ids.idText(IdKind.CUSTOMER, i), w.customerFirstName(i), w.customerLastName(i),
                    w.customerEmail(i), phone(i), city(i, moved), Catalog.RETAIL[w.customerCountry(i)].code(),
                    date(signup), timestamp(moved ? move : signup, moved ? 9 * 3600 + i % 3600 : signupSecond(i))};
                customerDirt(f, i, row);
                customerRows++;
            }
            // duplicates: the same person registered again later, under a new number (written after the others)
            for (int i = 0; i < w.nCustomers; i++) {
                int signup = signupDay(i);
                if (signup > d) {
                    continue;
                }
                opportunities[WebshopDirt.Kind.DUPLICATE_CUSTOMER.ordinal()]++;
                if (!dirt.fires(WebshopDirt.Kind.DUPLICATE_CUSTOMER, i, 0)) {
                    continue;
                }
                int again = signup + 1 + (int) (dirt.detail(WebshopDirt.Kind.DUPLICATE_CUSTOMER, i, 1) * 200);
                if (again > d) {
                    continue;
                }
                double u = dirt.detail(WebshopDirt.Kind.DUPLICATE_CUSTOMER, i, 0);
                String first = u < 0.5 ? w.customerFirstName(i).toUpperCase(Locale.ROOT) : " " + w.customerFirstName(i);
                String last = u < 0.5 ? w.customerLastName(i) : w.customerLastName(i).toLowerCase(Locale.ROOT) + " ";
                String id = ids.idText(IdKind.CUSTOMER, DUPLICATE_BASE + i);
                int rec = f.row(id, first, last, w.customerEmail(i).toUpperCase(Locale.ROOT), phone(i),
                        city(i, false), Catalog.RETAIL[w.customerCountry(i)].code(), date(again),
                        timestamp(again, signupSecond(i)));
                add(f, rec, id, WebshopDirt.Kind.DUPLICATE_CUSTOMER, null, id, ids.idText(IdKind.CUSTOMER, i),
                        ids.idText(IdKind.CUSTOMER, i), "the same person as " + ids.idText(IdKind.CUSTOMER, i));
                customerRows++;
            }
            if (d == hostileDay[0]) {
                // an export cut off after an unescaped quote: the last row opens a quoted field that never closes
                int i = 0;
                while (signupDay(i) > d) {
                    i++; // the first registered customer (customer 0 may register later, at their first order)
                }
                String raw = ids.idText(IdKind.CUSTOMER, i) + "," + w.customerFirstName(i) + ",\"" + w.customerLastName(i)
                        + "," + w.customerEmail(i) + "," + phone(i) + "," + city(i, false) + ","
                        + Catalog.RETAIL[w.customerCountry(i)].code() + "," + date(signupDay(i)) + ","
                        + timestamp(signupDay(i), signupSecond(i)) + "\r\n";
                f.raw(raw.getBytes(StandardCharsets.UTF_8), 1);
                entries.add(new Entry(f.key, f.records - 1, f.lastLine, ids.idText(IdKind.CUSTOMER, i),
                        WebshopDirt.UNBALANCED_QUOTE, WebshopDirt.ISOLATE, "last_name", null, null, null));
                hostile++;
            }
        }
    }

    private void customerDirt(CsvFile f, int i, String[] row) {
        WebshopDirt.Kind kind = null;
        for (WebshopDirt.Kind k : new WebshopDirt.Kind[] {WebshopDirt.Kind.BAD_CASE_NAME,
            WebshopDirt.Kind.STRAY_WHITESPACE, WebshopDirt.Kind.MISSING_CUSTOMER_FIELD}) {
            opportunities[k.ordinal()]++;
            if (kind == null && dirt.fires(k, i, 0)) {
                kind = k;
            }
        }
        if (kind == null) {
            f.row((Object[]) row);
            return;
        }
        double u = dirt.detail(kind, i, 0);
        int field;
        String value;
        String clean;
        switch (kind) {
            case BAD_CASE_NAME -> {
                field = u < 0.5 ? 1 : 2;
                value = u < 0.25 || u >= 0.75 ? row[field].toUpperCase(Locale.ROOT) : row[field].toLowerCase(Locale.ROOT);
                if (value.equals(row[field])) { // a name without letters to change: lower-case the other part
                    field = 3 - field;
                    value = row[field].toLowerCase(Locale.ROOT);
                }
                clean = row[field];
            }
            case STRAY_WHITESPACE -> {
                field = u < 0.4 ? 1 : u < 0.8 ? 2 : 5;
                value = u < 0.2 ? " " + row[field] : u < 0.6 ? row[field] + "  " : "  " + row[field].replace(" ", "  ");
                clean = row[field];
            }
            default -> {
                field = 3 + (int) (u * 4); // email, phone, city, country
                value = null;
                clean = "Unknown";
            }
        }
        String truth = row[field];
        row[field] = value;
        int rec = f.row((Object[]) row);
        add(f, rec, row[0], kind, CUSTOMERS[field], value, clean, truth, null);
    }

    // ------------------------------------------------------------------ products

    /** The shop's product name: the ERP name, and for a few products a comma, quotes or a line break in it. */
    String productName(int p) {
        String name = w.prodName[p];
        double u = Rng.unit(Rng.hash(cfg.seed(), 920, p));
        if (u < 0.03) {
            return name + ", online exclusive";
        }
        if (u < 0.05) {
            return "\"Bestseller\" " + name;
        }
        if (u < 0.06) {
            return name + "\nlimited edition";
        }
        return name;
    }

    private void writeProducts(int d, String key) {
        char[] buf = new char[32];
        int utf8Victim = -1;
        try (CsvFile f = new CsvFile(key, PRODUCTS)) {
            for (int p = 0; p < w.nProd; p++) {
                if (!w.visible(p, d) || w.locPairOf[online][p] < 0) {
                    continue;
                }
                productSeen[p] = true;
                productRows++;
                String[] row = {ids.idText(IdKind.PRODUCT, p), productName(p), ids.categoryPath[w.prodLeaf[p]],
                    w.brandName[w.prodBrand[p]], money(buf, w.prodPriceCents[p]), money(buf, w.prodCostCents[p]),
                    "EUR", ids.idText(IdKind.SUPPLIER, w.prodSupplier[p]), Integer.toString(w.prodPack[p]),
                    "merchandise", w.discontinued(p, d) ? "discontinued" : "active",
                    timestamp(w.prodUpdatedDay[p], w.prodUpdatedSec[p])};
                if (d == hostileDay[2] && utf8Victim < 0) {
                    // one row of the export written in Latin-1 (not UTF-8): its ü is the single byte 0xFC
                    utf8Victim = p;
                    String clean = row[1];
                    row[1] = clean + " Küchen-Edition";
                    f.raw((FORMAT.format((Object[]) row) + "\r\n").getBytes(StandardCharsets.ISO_8859_1),
                            1 + newlines(row));
                    entries.add(new Entry(f.key, f.records - 1, f.lastLine, row[0],
                            WebshopDirt.INVALID_UTF8, WebshopDirt.ISOLATE, "product_name", null, null, row[1]));
                    hostile++;
                    continue;
                }
                productDirt(f, p, d, row);
            }
        }
    }

    private void productDirt(CsvFile f, int p, int d, String[] row) {
        WebshopDirt.Kind kind = null;
        opportunities[WebshopDirt.Kind.MISSING_PRODUCT_FIELD.ordinal()]++;
        if (dirt.fires(WebshopDirt.Kind.MISSING_PRODUCT_FIELD, p, 0)) {
            kind = WebshopDirt.Kind.MISSING_PRODUCT_FIELD;
        }
        for (WebshopDirt.Kind k : new WebshopDirt.Kind[] {WebshopDirt.Kind.INVALID_PRICE,
            WebshopDirt.Kind.COST_NOT_BELOW_PRICE}) {
            if (d % 7 == 0 || d == 0) {
                opportunities[k.ordinal()]++; // product-weeks (counted on the week's first written day)
            }
            if (kind == null && dirt.episode(k, p, d)) {
                kind = k;
            }
        }
        if (kind == null) {
            f.row((Object[]) row);
            return;
        }
        char[] buf = new char[32];
        int field;
        String value;
        String clean;
        String rule = kind.rule;
        switch (kind) {
            case MISSING_PRODUCT_FIELD -> {
                double u = dirt.detail(kind, p, 0);
                field = u < 0.4 ? 2 : u < 0.8 ? 3 : 7; // category, brand, supplier_id
                value = null;
                clean = "Unknown";
                if (field == 7) {
                    rule = "fill_missing_supplier";
                }
            }
            case INVALID_PRICE -> {
                field = 4;
                value = dirt.detail(kind, p, d / 7 + 1000) < 0.5 ? "0.00" : money(buf, -w.prodPriceCents[p]);
                clean = row[4];
            }
            default -> {
                field = 5;
                double u = dirt.detail(kind, p, d / 7 + 1000);
                long cost = u < 0.3 ? w.prodPriceCents[p] : Math.round(w.prodPriceCents[p] * (1.05 + u * 0.5));
                value = money(buf, cost);
                clean = row[5];
            }
        }
        String truth = row[field];
        row[field] = value;
        int rec = f.row((Object[]) row);
        add(f, rec, row[0], kind, rule, PRODUCTS[field], value, clean, truth, null);
    }

    // ------------------------------------------------------------------ transactions

    private String payment(Docs.SalesDoc t) {
        String code = Catalog.ONLINE_PAYMENTS[t.payment];
        return code.equals("klarna") ? "invoice" : code;
    }

    private void writeTransactions(int d, String key, List<Docs.SalesDoc> txns) {
        try (CsvFile f = new CsvFile(key, TRANSACTIONS)) {
            for (Docs.SalesDoc t : txns) {
                String id = ids.idText(IdKind.SALES_ORDER, t.no);
                boolean resent = t.day < d;
                String updated = resent
                        ? timestamp(d, 7 * 3600 + (int) ((Rng.hash(cfg.seed(), 930, t.no) >>> 1) % (12 * 3600)))
                        : timestamp(t.day, t.second - ids.utcOffset(online, t.day));
                String[] row = {id, t.customer < 0 ? null : ids.idText(IdKind.CUSTOMER, t.customer),
                    transactionDate(t.day, t.second), payment(t), t.status, t.isReturn ? "return" : "sale",
                    t.isReturn ? ids.idText(IdKind.SALES_ORDER, t.originalNo) : null, "EUR", updated};
                transactionRows++;
                transactionDirt(f, t, d, row);
            }
        }
    }

    private void transactionDirt(CsvFile f, Docs.SalesDoc t, int d, String[] row) {
        WebshopDirt.Kind kind = null;
        for (WebshopDirt.Kind k : new WebshopDirt.Kind[] {WebshopDirt.Kind.INVALID_DATE,
            WebshopDirt.Kind.UNKNOWN_PAYMENT_METHOD, WebshopDirt.Kind.MISSING_TRANSACTION_FIELD}) {
            opportunities[k.ordinal()]++;
            if (kind == null && dirt.fires(k, t.no, d)) {
                kind = k;
            }
        }
        if (kind == null) {
            f.row((Object[]) row);
            return;
        }
        double u = dirt.detail(kind, t.no, d);
        int field;
        String value;
        String clean;
        switch (kind) {
            case INVALID_DATE -> {
                field = 2;
                LocalDate day = cfg.start().plusDays(t.day);
                if (u < 0.25) { // a day that does not exist
                    value = day.getYear() + "-" + String.format("%02d", day.getMonthValue()) + "-"
                            + (day.lengthOfMonth() + 1) + row[2].substring(10);
                } else if (u < 0.5) { // the shop's local format, not ISO 8601
                    value = String.format("%02d/%02d/%d %s", day.getDayOfMonth(), day.getMonthValue(), day.getYear(),
                            row[2].substring(11, 16));
                } else if (u < 0.75) { // five years ahead
                    value = (day.getYear() + 5) + row[2].substring(4);
                } else {
                    value = null;
                }
                clean = row[2];
            }
            case UNKNOWN_PAYMENT_METHOD -> {
                field = 3;
                if (u < 0.25) {
                    value = row[3].toUpperCase(Locale.ROOT);
                    clean = row[3];
                } else if (u < 0.5) {
                    value = " " + row[3] + " ";
                    clean = row[3];
                } else if (u < 0.85) {
                    value = u < 0.7 ? "crypto" : "cheque";
                    clean = "unknown";
                } else {
                    value = null;
                    clean = "unknown";
                }
            }
            default -> {
                field = 7; // currency
                value = null;
                clean = "EUR";
            }
        }
        String truth = row[field];
        row[field] = value;
        int rec = f.row((Object[]) row);
        add(f, rec, row[0], kind, TRANSACTIONS[field], value, clean, truth, null);
    }

    // ------------------------------------------------------------------ items

    private void writeItems(int d, String key, List<Docs.SalesDoc> txns) {
        char[] buf = new char[32];
        boolean columnVictim = d != hostileDay[1];
        try (CsvFile f = new CsvFile(key, ITEMS)) {
            for (Docs.SalesDoc t : txns) {
                String tid = ids.idText(IdKind.SALES_ORDER, t.no);
                for (int j = 0; j < t.prod.size(); j++) {
                    int q = t.qty.get(j);
                    long unit = t.unitCents.get(j);
                    BigDecimal disc = discount(t.discountCents.get(j), unit, q);
                    String[] row = {tid + "-" + (j + 1), tid, ids.idText(IdKind.PRODUCT, t.prod.get(j)),
                        Integer.toString(q), money(buf, unit), disc.toPlainString(), lineTotal(q, unit, disc).toPlainString(),
                        j == t.cancelledLine ? "cancelled" : null};
                    items++;
                    boolean plainSale = !t.isReturn && "completed".equals(t.status) && j != t.cancelledLine;
                    if (!columnVictim && plainSale) {
                        // a decimal comma in an unquoted field: one column too many
                        columnVictim = true;
                        String truth = row[4];
                        row[4] = row[4].replace('.', ',');
                        String raw = String.join(",", Arrays.stream(row).map(v -> v == null ? "" : v).toList());
                        f.raw((raw + "\r\n").getBytes(StandardCharsets.UTF_8), 1);
                        entries.add(new Entry(f.key, f.records - 1, f.lastLine, row[0], WebshopDirt.WRONG_COLUMN_COUNT,
                                WebshopDirt.ISOLATE, "unit_price", row[4], null, truth));
                        hostile++;
                        continue;
                    }
                    itemDirt(f, t, j, d, row, plainSale, q, unit, disc);
                }
            }
        }
    }

    private void itemDirt(CsvFile f, Docs.SalesDoc t, int j, int d, String[] row, boolean plainSale, int q, long unit,
                          BigDecimal disc) {
        long itemKey = t.no * 64 + j;
        WebshopDirt.Kind kind = null;
        for (WebshopDirt.Kind k : new WebshopDirt.Kind[] {WebshopDirt.Kind.WRONG_LINE_TOTAL,
            WebshopDirt.Kind.INVALID_QUANTITY, WebshopDirt.Kind.DISCOUNT_OUT_OF_RANGE}) {
            if (k != WebshopDirt.Kind.WRONG_LINE_TOTAL && !plainSale) {
                continue; // quantities and discounts are made invalid only on plain sale lines
            }
            opportunities[k.ordinal()]++;
            if (kind == null && dirt.fires(k, itemKey, d)) {
                kind = k;
            }
        }
        if (kind == null) {
            f.row((Object[]) row);
            return;
        }
        double u = dirt.detail(kind, itemKey, d);
        int field;
        String value;
        String clean;
        switch (kind) {
            case WRONG_LINE_TOTAL -> {
                field = 6;
                BigDecimal total = new BigDecimal(row[6]);
                BigDecimal wrong;
                if (u < 0.35 && disc.signum() > 0) { // the discount forgotten
                    wrong = BigDecimal.valueOf(unit * q, 2);
                } else if (u < 0.6) { // a shifted decimal point
                    wrong = total.multiply(BigDecimal.TEN).setScale(2, RoundingMode.UNNECESSARY);
                } else { // a few cents off
                    wrong = total.add(BigDecimal.valueOf(1 + (int) (u * 97), 2));
                }
                if (wrong.compareTo(total) == 0) {
                    wrong = total.add(BigDecimal.valueOf(1, 2));
                }
                value = wrong.toPlainString();
                clean = row[6];
            }
            case INVALID_QUANTITY -> {
                field = 3;
                int bad = u < 0.4 ? 0 : -q;
                value = Integer.toString(bad);
                row[6] = lineTotal(bad, unit, disc).toPlainString(); // consistent with the bad quantity
                clean = null; // the line is removed
            }
            default -> {
                field = 5;
                if (disc.signum() > 0 && u < 0.5) { // a percentage instead of a fraction
                    value = disc.movePointRight(2).stripTrailingZeros().toPlainString();
                } else if (u < 0.75) {
                    value = "-0.1";
                } else {
                    value = "1.5";
                }
                clean = row[5];
            }
        }
        String truth = kind == WebshopDirt.Kind.INVALID_QUANTITY ? Integer.toString(q) : row[field];
        row[field] = value;
        int rec = f.row((Object[]) row);
        add(f, rec, row[0], kind, ITEMS[field], value, clean, truth, null);
    }

    /** The line's discount as a fraction of its list value, four decimals ("0" without one). */
    static BigDecimal discount(long discountCents, long unitCents, int qty) {
        if (discountCents == 0 || unitCents == 0 || qty == 0) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(discountCents).divide(BigDecimal.valueOf(unitCents * qty), 4, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }

    /** quantity × unit_price × (1 − discount), rounded half up to cents. */
    static BigDecimal lineTotal(int qty, long unitCents, BigDecimal discount) {
        return BigDecimal.valueOf(unitCents, 2).multiply(BigDecimal.valueOf(qty))
                .multiply(BigDecimal.ONE.subtract(discount)).setScale(2, RoundingMode.HALF_UP);
    }

    // ------------------------------------------------------------------ helpers

    private void add(CsvFile f, int rec, String id, WebshopDirt.Kind kind, String field, String value, String clean,
                     String truth, String note) {
        add(f, rec, id, kind, kind.rule, field, value, clean, truth, note);
    }

    private void add(CsvFile f, int rec, String id, WebshopDirt.Kind kind, String rule, String field, String value,
                     String clean, String truth, String note) {
        entries.add(new Entry(f.key, rec, f.lastLine, id, kind.name, rule, field, value, clean, truth));
        injected[kind.ordinal()]++;
    }

    private String date(int day) {
        return cfg.start().plusDays(day).toString();
    }

    private String timestamp(int day, int sec) {
        return Instant.ofEpochSecond(cfg.start().plusDays(day).toEpochDay() * 86_400L + sec).atOffset(ZoneOffset.UTC)
                .format(UTC_TS);
    }

    /** The shop's local time of an order with its offset, e.g. 2024-03-01T14:05:09+01:00. */
    private String transactionDate(int day, int localSecond) {
        int offset = ids.utcOffset(online, day);
        return cfg.start().plusDays(day).atStartOfDay().plusSeconds(localSecond).atOffset(ZoneOffset.ofTotalSeconds(offset))
                .format(OFFSET_TS);
    }

    private static String money(char[] buf, long cents) {
        return new String(buf, 0, Fmt.cents(buf, cents));
    }

    private static int newlines(Object[] values) {
        int n = 0;
        for (Object v : values) {
            if (v != null) {
                String s = v.toString();
                for (int i = 0; i < s.length(); i++) {
                    if (s.charAt(i) == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** One CSV object being written: BOM, header, records; counts records, physical lines and bytes. */
    private final class CsvFile implements AutoCloseable {
        final String key;
        private final Sink.Target target;
        private final Counting counting;
        private final CSVPrinter printer;
        int records;
        /** The physical line (1-based) the next record starts on; the header is line 1. */
        int line = 2;
        /** The line the last record started on. */
        int lastLine;

        CsvFile(String key, String[] header) {
            this.key = key;
            this.target = sink.open(key);
            this.counting = new Counting(target);
            try {
                counting.write(BOM);
                printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(counting, StandardCharsets.UTF_8),
                        1 << 16), FORMAT);
                printer.printRecord((Object[]) header);
            } catch (IOException e) {
                target.abort();
                throw new UncheckedIOException(e);
            }
        }

        /** Prints a record; returns its 0-based index among the data records. */
        int row(Object... values) {
            try {
                printer.printRecord(values);
            } catch (IOException e) {
                target.abort();
                throw new UncheckedIOException(e);
            }
            lastLine = line;
            line += 1 + newlines(values);
            return records++;
        }

        /** Bytes that are not a valid record, written as they are. */
        void raw(byte[] bytes, int physicalLines) {
            try {
                printer.flush();
                counting.write(bytes);
            } catch (IOException e) {
                target.abort();
                throw new UncheckedIOException(e);
            }
            lastLine = line;
            line += physicalLines;
            records++;
        }

        @Override
        public void close() {
            try {
                printer.close(true);
                target.close();
            } catch (IOException e) {
                target.abort();
                throw new UncheckedIOException(e);
            }
            files++;
            WebshopCsv.this.records += records;
            bytes += counting.n;
        }
    }

    /** Counts bytes on their way to the target. */
    private static final class Counting extends OutputStream {
        private final OutputStream out;
        long n;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            n++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            n += len;
        }
    }
}
