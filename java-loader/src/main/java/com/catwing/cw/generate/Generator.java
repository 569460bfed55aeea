package com.catwing.cw.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a client's raw ERP data, day by day, into a {@link Sink}:
 * <ul>
 *   <li>{@code raw-data/{client}/{yyyy-MM-dd}/{endpoint}.json} — the ten endpoints; a JSON array, one record per
 *       line;</li>
 *   <li>{@code client-data/{client}/ground-truth/demand/{yyyy-MM-dd}.jsonl} — true demand per product×location
 *       (JSON Lines; pairs without demand are left out);</li>
 *   <li>{@code client-data/{client}/ground-truth/defects-manifest.json} and {@code world.json} at the end.</li>
 * </ul>
 * Everything streams: memory depends on the size of the network, not on the number of days.
 */
public final class Generator {
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    /** Progress after each day. */
    public interface Progress {
        void day(int done, int total, Stats soFar);
    }

    /**
     * Decides the warehouse's purchase quantity of a product on a day instead of the generator's own (s, S) rule:
     * the closed loop of {@code cw simulate closed-loop} orders what the pipeline recommended for some products.
     */
    public interface PurchasePolicy {
        /** Units to order of product {@code product} (index) on day {@code day}: 0 none, -1 the (s, S) rule. */
        int quantity(int product, int day);
    }

    /**
     * Decides a product's transfers between locations instead of the generator's own (s, S) replenishment (the
     * warehouse to the DCs and the webshop, a DC to its stores): the closed loop of {@code cw simulate closed-loop}
     * ships what the pipeline's transfer-order recommendations proposed for some products.
     */
    public interface TransferPolicy {
        /** Whether product {@code product}'s transfers on day {@code day} are the policy's (true) or the rule's. */
        boolean decides(int product, int day);

        /**
         * The transfers to ship on the morning of day {@code day}, each {product, from location, to location, units}
         * (indexes); only those of products the policy decides are shipped, at most the sender's available stock.
         */
        List<int[]> transfers(int day);
    }

    /** Called after each generated day's files are written (and before the next day is simulated). */
    public interface DayListener {
        void afterDay(int day, java.time.LocalDate date);
    }

    /** Output counters. {@code records} are top-level records; {@code lines} nested order lines and prices. */
    public static final class Stats {
        public int days;
        public long files;
        public long records;
        public long lines;
        public long bytes;
        public long groundTruthRows;
        public final Map<String, Long> recordsByEndpoint = new java.util.LinkedHashMap<>();
        public int defects;
        /** The closed loop's transfer policy: units it asked to ship, and units the senders had (shipped). */
        public long policyTransferAskedQty;
        public long policyTransferShippedQty;
    }

    private final GeneratorConfig cfg;
    private final Sink sink;
    private final Stats stats = new Stats();
    private final Manifest manifest = new Manifest();
    private World world;
    private Simulation sim;
    private Dialect dialect;
    private DefectPlan plan;
    private byte[] staleCandidate;
    private String[] productKeys;
    private String[] locationKeys;
    private final Map<Endpoint, long[]> perEndpoint = new EnumMap<>(Endpoint.class);

    private SalesDocPlanner docs;
    private PurchasePolicy purchasePolicy;
    private TransferPolicy transferPolicy;
    private DayListener dayListener;
    private java.util.function.Consumer<Simulation> dayObserver;
    private boolean independentDraws;
    private DailyTruth dailyTruth;

    /** The closed loop: a policy for the warehouse's purchases (null: the (s, S) rule, the default output). */
    public Generator withPurchasePolicy(PurchasePolicy policy) {
        this.purchasePolicy = policy;
        return this;
    }

    /** The closed loop: a policy for transfers (null: the (s, S) replenishment rule, the default output). */
    public Generator withTransferPolicy(TransferPolicy policy) {
        this.transferPolicy = policy;
        return this;
    }

    /** The closed loop: called after each day's files are written. */
    public Generator withDayListener(DayListener listener) {
        this.dayListener = listener;
        return this;
    }

    /** Package-internal: sees the simulation's state after each day (the closed loop's ground truth). */
    Generator withDayObserver(java.util.function.Consumer<Simulation> observer) {
        this.dayObserver = observer;
        return this;
    }

    /**
     * The closed loop: draws of supplier confirmations, deliveries, transit times and damage keyed by product, location
     * and day rather than by document number, so that changing one product's orders leaves every other product's
     * history as it was (docs/generator.md "Hooks for the closed loop"). Off by default (the output keeps its bytes).
     */
    public Generator withIndependentDraws() {
        this.independentDraws = true;
        return this;
    }

    /** The closed loop: records the day-by-day ground truth per product into {@code truth}. */
    public Generator withDailyTruth(DailyTruth truth) {
        this.dailyTruth = truth;
        return this;
    }

    /** The ERP key of product {@code p} in the generated files (after {@link #run}). */
    public String productKey(int p) {
        return productKeys[p];
    }

    /** The number of locations of the world (after {@link #run} started). */
    public int locationCount() {
        return locationKeys.length;
    }

    /** The ERP key of location {@code l} in the generated files (after {@link #run} started). */
    public String locationKey(int l) {
        return locationKeys[l];
    }

    public Generator(GeneratorConfig cfg, Sink sink) {
        this.cfg = cfg;
        this.sink = sink;
        for (Endpoint e : Endpoint.values()) {
            perEndpoint.put(e, new long[1]);
        }
    }

    public Stats run(Progress progress) {
        if (cfg.csv()) {
            return runWebshop(progress);
        }
        world = new World(cfg);
        sim = new Simulation(world);
        sim.purchasePolicy = purchasePolicy;
        sim.transferPolicy = transferPolicy;
        sim.independentDraws = independentDraws;
        dialect = Dialect.of(cfg.dialect(), world);
        plan = new DefectPlan(cfg);
        productKeys = new String[world.nProd];
        for (int p = 0; p < world.nProd; p++) {
            productKeys[p] = dialect.productKey(p);
        }
        locationKeys = new String[world.nLoc];
        for (int l = 0; l < world.nLoc; l++) {
            locationKeys[l] = dialect.loc(l);
        }
        if (dailyTruth != null) {
            dailyTruth.init(sim, productKeys, locationKeys, cfg.start());
        }
        docs = cfg.cancellations() ? new SalesDocPlanner(world, cfg.seed(), cfg.days()) : null;
        int exportDay = cfg.onboardingDays() - 1;
        OnboardingExport export = exportDay >= 0 ? new OnboardingExport(cfg.dialect()) : null;
        sim.forcedFullSnapshotDay = exportDay;
        for (int d = 0; d < cfg.days(); d++) {
            sim.step(d);
            if (docs != null) {
                docs.plan(sim, d);
            }
            String prefix = "raw-data/" + cfg.client() + "/" + cfg.start().plusDays(d) + "/";
            for (Endpoint e : Endpoint.values()) {
                if (d > exportDay) {
                    writeFile(d, e, prefix + e.file + ".json", sink);
                } else if (e.document) {
                    writeFile(d, e, prefix + e.file + ".json", export); // merged into the export below
                } else if (d == exportDay) {
                    writeFile(d, e, prefix + e.file + ".json", sink); // the export day's masters and full stock
                }
            }
            if (d == exportDay) {
                for (Endpoint e : Endpoint.values()) {
                    if (e.document) {
                        long[] written = export.write(e, prefix + e.file + ".json", sink);
                        stats.files++;
                        stats.records += written[0];
                        stats.bytes += written[1];
                        perEndpoint.get(e)[0] += written[0];
                    }
                }
                export.close();
            }
            writeGroundTruth(d, -1);
            if (docs != null) {
                writeDocumentTruth(d, -1);
            }
            stats.days = d + 1;
            if (dayObserver != null) {
                dayObserver.accept(sim);
            }
            if (dailyTruth != null) {
                dailyTruth.record(sim);
            }
            if (dayListener != null) {
                dayListener.afterDay(d, cfg.start().plusDays(d));
            }
            if (progress != null) {
                progress.day(d + 1, cfg.days(), stats);
            }
        }
        for (Endpoint e : Endpoint.values()) {
            stats.recordsByEndpoint.put(e.file, perEndpoint.get(e)[0]);
        }
        stats.defects = manifest.entries.size();
        stats.policyTransferAskedQty = sim.policyTransferAsked;
        stats.policyTransferShippedQty = sim.policyTransferShipped;
        writeManifest();
        writeWorld();
        return stats;
    }

    // ------------------------------------------------------------------ the web-shop CSV world

    /**
     * {@code --dialect webshop_csv}: the same simulated world, but only its web shop, written as four CSV files a day
     * ({@link WebshopCsv}); ground truth: the shop's true demand (location {@value WebshopCsv#LOCATION}), its
     * cancellations and returns ({@code --cancellations}), every injected defect ({@code ground-truth/dirt/}) and
     * world.json.
     */
    private Stats runWebshop(Progress progress) {
        world = new World(cfg);
        sim = new Simulation(world);
        sim.purchasePolicy = purchasePolicy;
        dialect = new CatwingDialect(world);
        productKeys = new String[world.nProd];
        for (int p = 0; p < world.nProd; p++) {
            productKeys[p] = dialect.productKey(p);
        }
        WebshopCsv web = new WebshopCsv(world, cfg, dialect, sink);
        locationKeys = new String[world.nLoc];
        for (int l = 0; l < world.nLoc; l++) {
            locationKeys[l] = l == web.location() ? WebshopCsv.LOCATION : dialect.loc(l);
        }
        docs = cfg.cancellations() ? new SalesDocPlanner(world, cfg.seed(), cfg.days()) : null;
        int defects = 0;
        for (int d = 0; d < cfg.days(); d++) {
            sim.step(d);
            if (docs != null) {
                docs.plan(sim, d);
            }
            long filesBefore = web.files;
            long bytesBefore = web.bytes;
            long recordsBefore = web.records;
            long itemsBefore = web.items;
            web.writeDay(d, sim, docs);
            stats.files += web.files - filesBefore;
            stats.bytes += web.bytes - bytesBefore;
            stats.records += web.records - recordsBefore;
            stats.lines += web.items - itemsBefore;
            writeGroundTruth(d, web.location());
            if (docs != null) {
                writeDocumentTruth(d, web.location());
            }
            writeDirtTruth(d, web.entries);
            defects += web.entries.size();
            stats.days = d + 1;
            if (dayObserver != null) {
                dayObserver.accept(sim);
            }
            if (dayListener != null) {
                dayListener.afterDay(d, cfg.start().plusDays(d));
            }
            if (progress != null) {
                progress.day(d + 1, cfg.days(), stats);
            }
        }
        stats.recordsByEndpoint.put("customers", web.customerRows);
        stats.recordsByEndpoint.put("products", web.productRows);
        stats.recordsByEndpoint.put("transactions", web.transactionRows);
        stats.recordsByEndpoint.put("transaction_items", web.items);
        stats.defects = defects;
        writeWebshopWorld(web);
        return stats;
    }

    /** {@code ground-truth/dirt/{date}.jsonl}: one line per injected defect of the day's files. */
    private void writeDirtTruth(int d, List<WebshopCsv.Entry> entries) {
        String key = "client-data/" + cfg.client() + "/ground-truth/dirt/" + cfg.start().plusDays(d) + ".jsonl";
        Sink.Target target = sink.open(key);
        try {
            Counting counting = new Counting(target);
            JsonGenerator g = JSON.createGenerator(counting, JsonEncoding.UTF8);
            g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            for (WebshopCsv.Entry e : entries) {
                g.writeStartObject();
                g.writeStringField("file", e.file());
                g.writeNumberField("record", e.record());
                g.writeNumberField("line", e.line());
                g.writeStringField("id", e.id());
                g.writeStringField("kind", e.kind());
                g.writeStringField("rule", e.rule());
                g.writeStringField("field", e.field());
                g.writeStringField("value", e.value());
                g.writeStringField("clean", e.clean());
                g.writeStringField("truth", e.truth());
                g.writeEndObject();
            }
            g.close();
            if (!entries.isEmpty()) {
                counting.write('\n');
            }
            target.close();
            stats.files++;
            stats.bytes += counting.n;
        } catch (IOException ex) {
            target.abort();
            throw new UncheckedIOException(ex);
        }
    }

    private void writeWebshopWorld(WebshopCsv web) {
        String key = "client-data/" + cfg.client() + "/ground-truth/world.json";
        writeJson(key, g -> {
            g.writeStartObject();
            g.writeStringField("client", cfg.client());
            g.writeStringField("dialect", cfg.dialect());
            g.writeBooleanField("cancellations", cfg.cancellations());
            g.writeNumberField("dirt", cfg.dirt());
            g.writeBooleanField("hostile_csv", cfg.hostileCsv());
            g.writeNumberField("seed", cfg.seed());
            g.writeStringField("start", cfg.start().toString());
            g.writeStringField("end", cfg.start().plusDays(cfg.days() - 1L).toString());
            g.writeNumberField("days", cfg.days());
            g.writeStringField("location_id", WebshopCsv.LOCATION);
            g.writeObjectFieldStart("counts");
            g.writeNumberField("products", web.distinctProducts());
            g.writeNumberField("customers_registered", web.registeredCustomers());
            g.writeEndObject();
            g.writeObjectFieldStart("totals");
            g.writeNumberField("demand_units", web.webDemand);
            g.writeNumberField("sales_units", web.webSales);
            g.writeNumberField("lost_sales_units", web.webDemand - web.webSales);
            g.writeEndObject();
            g.writeObjectFieldStart("output");
            g.writeNumberField("raw_files", (long) cfg.days() * 4);
            g.writeNumberField("records", stats.records);
            g.writeNumberField("ground_truth_rows", stats.groundTruthRows);
            g.writeObjectFieldStart("records_by_file");
            for (Map.Entry<String, Long> en : stats.recordsByEndpoint.entrySet()) {
                g.writeNumberField(en.getKey(), en.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("defects", stats.defects);
            g.writeNumberField("hostile_rows", web.hostile);
            g.writeEndObject();
            g.writeObjectFieldStart("dirt_by_kind");
            for (WebshopDirt.Kind k : WebshopDirt.Kind.values()) {
                g.writeObjectFieldStart(k.name().toLowerCase(java.util.Locale.ROOT));
                g.writeStringField("kind", k.name);
                g.writeStringField("rule", k.rule);
                g.writeNumberField("rate", k.rate * cfg.dirt());
                g.writeStringField("per", k.unit.name().toLowerCase(java.util.Locale.ROOT));
                g.writeNumberField("opportunities", web.opportunities[k.ordinal()]);
                g.writeNumberField("rows", web.injected[k.ordinal()]);
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * After {@link #run}: every supplier's availability list as of the last day and its truth, under
     * {@code client-data/{client}/ground-truth/supplier-availability/} (docs/uploads.md); returns the rows written.
     */
    public int writeSupplierAvailability() {
        if (world == null) {
            throw new IllegalStateException("run the generator first");
        }
        return new SupplierAvailability(world, dialect, sink, cfg.client()).write().rows;
    }

    // ------------------------------------------------------------------ one endpoint file

    private void writeFile(int d, Endpoint e, String key, Sink into) {
        boolean counted = into == sink;
        List<Defect> defects = plan.of(d, e);
        boolean stale = has(defects, Defect.STALE);
        boolean truncated = has(defects, Defect.TRUNCATED);
        boolean collapse = has(defects, Defect.COLLAPSE);
        boolean keep = e == Endpoint.INVENTORY && plan.keepForStale(d);
        Sink.Target target = into.open(key);
        try {
            if (stale && staleCandidate != null) {
                target.write(staleCandidate, 0, staleCandidate.length);
                manifest.entries.add(new Manifest.Entry(key, null, null, Defect.STALE, null,
                        "the previous day's inventory file repeated byte for byte (its records carry yesterday's date);"
                                + " the day's real balance changes are missing"));
                stats.bytes += staleCandidate.length;
                staleCandidate = null;
                target.close();
                stats.files++;
                return;
            }
            ByteArrayOutputStream buffer = truncated || keep ? new ByteArrayOutputStream() : null;
            Counting counting = new Counting(buffer != null ? buffer : target);
            JsonGenerator g = JSON.createGenerator(counting, JsonEncoding.UTF8);
            g.setPrettyPrinter(new LinePrinter());
            Out o = new Out(g, dialect, world, key, manifest.entries);
            o.plan(defects);
            o.begin();
            int kept = writeRecords(d, e, o, collapse);
            o.end();
            plan.carry(d + 1, e, o.leftovers());
            g.close();
            counting.write('\n');
            if (collapse) {
                manifest.entries.add(new Manifest.Entry(key, null, null, Defect.COLLAPSE, null,
                        "only " + kept + " of " + collapseTotal + " records exported (about 5 %)"));
            }
            long written = counting.n;
            if (buffer != null) {
                byte[] bytes = buffer.toByteArray();
                if (keep) {
                    staleCandidate = bytes;
                }
                if (truncated) {
                    int cut = cutPoint(bytes);
                    target.write(bytes, 0, cut);
                    written = cut;
                    manifest.entries.add(new Manifest.Entry(key, null, null, Defect.TRUNCATED, null,
                            "file cut after " + cut + " of " + bytes.length + " bytes, in the middle of a record"));
                } else {
                    target.write(bytes, 0, bytes.length);
                }
            }
            target.close();
            stats.lines += o.nested;
            if (counted) {
                stats.files++;
                stats.bytes += written;
                stats.records += o.records;
                perEndpoint.get(e)[0] += o.records;
            }
        } catch (IOException ex) {
            target.abort();
            throw new UncheckedIOException(ex);
        } catch (RuntimeException ex) {
            target.abort();
            throw ex;
        }
    }

    private int collapseTotal;

    private int writeRecords(int d, Endpoint e, Out o, boolean collapse) {
        int kept = 0;
        switch (e) {
            case PRODUCTS -> {
                for (int p = 0; p < world.nProd; p++) {
                    if (world.visible(p, d)) {
                        dialect.product(o, p, d);
                        if (o.duplicateDue()) {
                            dialect.product(o, p, d);
                        }
                    }
                }
            }
            case LOCATIONS -> {
                for (int l = 0; l < world.nLoc; l++) {
                    dialect.location(o, l, d);
                }
            }
            case SUPPLIERS -> {
                for (int s = 0; s < world.nSup; s++) {
                    dialect.supplier(o, s, d);
                }
            }
            case PRICING_LISTS -> {
                for (int list = 0; list <= world.nStoreCountries; list++) {
                    dialect.priceList(o, list, d);
                }
            }
            case SALES_ORDERS -> {
                int n = sim.soLoc.size();
                collapseTotal = n;
                for (int i = 0; i < n; i++) {
                    if (collapse && Rng.unit(Rng.hash(cfg.seed(), 301, d, i)) >= 0.05) {
                        continue;
                    }
                    kept++;
                    Docs.SalesDoc changed = docs == null ? null : docs.withCancelledLine.get(i);
                    if (changed != null) {
                        dialect.salesDoc(o, changed);
                    } else {
                        dialect.salesOrder(o, sim, i);
                    }
                    if (o.duplicateDue()) {
                        dialect.salesOrder(o, sim, i);
                    }
                }
                if (docs != null) {
                    for (Docs.SalesDoc doc : docs.today) {
                        dialect.salesDoc(o, doc);
                    }
                }
            }
            case PURCHASE_ORDERS -> {
                for (Docs.Po po : sim.poOut) {
                    dialect.purchaseOrder(o, po, d);
                }
            }
            case RECEIVING_ORDERS -> {
                for (Docs.Receipt r : sim.receiptOut) {
                    dialect.receipt(o, r);
                }
            }
            case STORE_ORDERS -> {
                for (Docs.StoreOrder so : sim.storeOrderOut) {
                    dialect.storeOrder(o, so);
                }
            }
            case TRANSFER_ORDERS -> {
                for (Docs.Transfer t : sim.transferOut) {
                    dialect.transfer(o, t);
                }
            }
            case INVENTORY -> {
                for (int i = 0; i < sim.invPairs.size(); i++) {
                    int k = sim.invPairs.get(i);
                    if (cfg.storeStock() || !world.customerFacing(world.pairLoc[k])) {
                        dialect.inventory(o, sim, k, d);
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        return kept;
    }

    /** A cut in the middle of the record that spans the 60 % mark. */
    private static int cutPoint(byte[] bytes) {
        int cut = (int) (bytes.length * 0.6);
        while (cut > 2 && (bytes[cut] == '\n' || bytes[cut] == ',' || bytes[cut] == '}')) {
            cut--;
        }
        return Math.max(2, cut);
    }

    private static boolean has(List<Defect> defects, String kind) {
        for (Defect d : defects) {
            if (d.kind.equals(kind)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ ground truth

    private void writeGroundTruth(int d, int onlyLoc) {
        String key = "client-data/" + cfg.client() + "/ground-truth/demand/" + cfg.start().plusDays(d) + ".jsonl";
        Sink.Target target = sink.open(key);
        try {
            Counting counting = new Counting(target);
            JsonGenerator g = JSON.createGenerator(counting, JsonEncoding.UTF8);
            g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            String date = cfg.start().plusDays(d).toString();
            int n = sim.gtPair.size();
            int written = 0;
            for (int i = 0; i < n; i++) {
                int k = sim.gtPair.get(i);
                if (onlyLoc >= 0 && world.pairLoc[k] != onlyLoc) {
                    continue;
                }
                written++;
                g.writeStartObject();
                g.writeStringField("date", date);
                g.writeStringField("product_id", productKeys[world.pairProd[k]]);
                g.writeStringField("location_id", locationKeys[world.pairLoc[k]]);
                g.writeNumberField("demand", sim.gtDemand.get(i));
                g.writeNumberField("sales", sim.gtSales.get(i));
                g.writeNumberField("lost", sim.gtDemand.get(i) - sim.gtSales.get(i));
                g.writeNumberField("mean", Math.round(sim.gtMean[i] * 1e4) / 1e4);
                g.writeEndObject();
            }
            g.close();
            if (written > 0) {
                counting.write('\n');
            }
            target.close();
            stats.files++;
            stats.bytes += counting.n;
            stats.groundTruthRows += written;
        } catch (IOException ex) {
            target.abort();
            throw new UncheckedIOException(ex);
        } catch (RuntimeException ex) {
            target.abort();
            throw ex;
        }
    }

    /**
     * {@code ground-truth/documents/{date}.jsonl}: the cancelled orders and lines of orders dated that day and the
     * returns posted that day, one line per document line, with the units that are not demand (cancelled) or that came
     * back (returned).
     */
    private void writeDocumentTruth(int d, int onlyLoc) {
        String key = "client-data/" + cfg.client() + "/ground-truth/documents/" + cfg.start().plusDays(d) + ".jsonl";
        Sink.Target target = sink.open(key);
        try {
            Counting counting = new Counting(target);
            JsonGenerator g = JSON.createGenerator(counting, JsonEncoding.UTF8);
            g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            int n = 0;
            for (Docs.SalesDoc doc : docs.truth) {
                if (onlyLoc >= 0 && doc.loc != onlyLoc) {
                    continue;
                }
                for (int j = 0; j < doc.prod.size(); j++) {
                    boolean cancelledLine = doc.cancelledLine == j;
                    if (doc.cancelledLine >= 0 && !cancelledLine) {
                        continue;
                    }
                    g.writeStartObject();
                    g.writeStringField("date", cfg.start().plusDays(doc.isReturn ? doc.day : d).toString());
                    g.writeStringField("kind", doc.isReturn ? "return" : cancelledLine ? "cancelled_line"
                            : "cancelled_order");
                    g.writeStringField("order_id", dialect.idText(IdKind.SALES_ORDER, doc.no));
                    if (doc.isReturn) {
                        g.writeStringField("original_order_id", dialect.idText(IdKind.SALES_ORDER, doc.originalNo));
                    }
                    g.writeStringField("product_id", productKeys[doc.prod.get(j)]);
                    g.writeStringField("location_id", locationKeys[doc.loc]);
                    g.writeNumberField("qty", doc.qty.get(j));
                    g.writeEndObject();
                    n++;
                }
            }
            g.close();
            if (n > 0) {
                counting.write('\n');
            }
            target.close();
            stats.files++;
            stats.bytes += counting.n;
        } catch (IOException ex) {
            target.abort();
            throw new UncheckedIOException(ex);
        }
    }

    private void writeManifest() {
        String key = "client-data/" + cfg.client() + "/ground-truth/defects-manifest.json";
        writeJson(key, g -> {
            g.writeStartObject();
            g.writeStringField("client", cfg.client());
            g.writeStringField("dialect", cfg.dialect());
            g.writeStringField("profile", cfg.defects());
            g.writeNumberField("seed", cfg.seed());
            g.writeArrayFieldStart("defects");
            for (Manifest.Entry m : manifest.entries) {
                g.writeStartObject();
                g.writeStringField("file", m.file());
                if (m.record() == null) {
                    g.writeNullField("record");
                } else {
                    g.writeNumberField("record", m.record());
                }
                g.writeStringField("id", m.id());
                g.writeStringField("kind", m.kind());
                g.writeStringField("field", m.field());
                g.writeStringField("note", m.note());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void writeWorld() {
        String key = "client-data/" + cfg.client() + "/ground-truth/world.json";
        World w = world;
        writeJson(key, g -> {
            g.writeStartObject();
            g.writeStringField("client", cfg.client());
            g.writeStringField("dialect", cfg.dialect());
            g.writeStringField("defects", cfg.defects());
            g.writeBooleanField("store_stock", cfg.storeStock());
            g.writeBooleanField("cancellations", cfg.cancellations());
            if (cfg.onboardingDays() > 0) { // absent by default, so that daily worlds keep their bytes
                g.writeNumberField("onboarding_days", cfg.onboardingDays());
                g.writeStringField("onboarding_date", cfg.onboardingDate().toString());
            }
            g.writeNumberField("seed", cfg.seed());
            g.writeStringField("start", cfg.start().toString());
            g.writeStringField("end", cfg.start().plusDays(cfg.days() - 1L).toString());
            g.writeNumberField("days", cfg.days());
            g.writeObjectFieldStart("counts");
            g.writeNumberField("products", w.nProd);
            g.writeNumberField("brands", w.nBrand);
            g.writeNumberField("categories_level3", w.nLeaf);
            g.writeNumberField("suppliers", w.nSup);
            g.writeNumberField("locations", w.nLoc);
            int[] byType = new int[4];
            for (int l = 0; l < w.nLoc; l++) {
                byType[w.locType[l]]++;
            }
            for (int t = 0; t < 4; t++) {
                g.writeNumberField("locations_" + World.TYPE_NAMES[t], byType[t]);
            }
            g.writeNumberField("ranged_pairs", w.nPairs);
            g.writeNumberField("customers", w.nCustomers);
            g.writeEndObject();
            g.writeArrayFieldStart("locations");
            for (int l = 0; l < w.nLoc; l++) {
                g.writeStartObject();
                g.writeStringField("location_id", locationKeys[l]);
                g.writeStringField("type", World.TYPE_NAMES[w.locType[l]]);
                g.writeStringField("country", w.locCountry[l].code());
                g.writeStringField("parent", w.locParent[l] < 0 ? null : locationKeys[w.locParent[l]]);
                g.writeStringField("open_date", w.locOpenDay[l] == World.ALWAYS ? null : cfg.start().plusDays(w.locOpenDay[l]).toString());
                g.writeStringField("close_date", w.locCloseDay[l] == World.NEVER ? null : cfg.start().plusDays(w.locCloseDay[l]).toString());
                g.writeNumberField("ranged_products", w.locPairEnd[l] - w.locPairStart[l]);
                g.writeBooleanField("closed_on_sunday", w.locSundayClosed[l]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("products");
            writeIds(g, "dead", p -> w.prodDead[p]);
            writeIds(g, "dropship", p -> w.prodDropship[p]);
            writeIds(g, "launched_in_period", p -> w.prodLaunchDay[p] >= 0);
            writeIds(g, "discontinued_in_period", p -> w.prodDiscontinueDay[p] < cfg.days());
            writeIds(g, "lumpy_demand", p -> w.prodLumpy[p]);
            writeIds(g, "with_promotions", p -> w.promoStart[p].length > 0);
            g.writeEndObject();
            g.writeNumberField("attribute_changes", w.evDay.length);
            g.writeObjectFieldStart("totals");
            g.writeNumberField("demand_units", sim.totalDemand);
            g.writeNumberField("sales_units", sim.totalSales);
            g.writeNumberField("lost_sales_units", sim.totalLost);
            g.writeNumberField("received_units", sim.totalReceived);
            g.writeEndObject();
            g.writeObjectFieldStart("output");
            g.writeNumberField("raw_files", (long) cfg.days() * Endpoint.values().length);
            g.writeNumberField("records", stats.records);
            g.writeNumberField("nested_lines", stats.lines);
            g.writeNumberField("ground_truth_rows", stats.groundTruthRows);
            g.writeObjectFieldStart("records_by_endpoint");
            for (Map.Entry<String, Long> en : stats.recordsByEndpoint.entrySet()) {
                g.writeNumberField(en.getKey(), en.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("defects", manifest.entries.size());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private void writeIds(JsonGenerator g, String name, java.util.function.IntPredicate test) throws IOException {
        g.writeArrayFieldStart(name);
        for (int p = 0; p < world.nProd; p++) {
            if (test.test(p)) {
                g.writeString(productKeys[p]);
            }
        }
        g.writeEndArray();
    }

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private void writeJson(String key, JsonBody body) {
        Sink.Target target = sink.open(key);
        try {
            Counting counting = new Counting(target);
            JsonGenerator g = JSON.createGenerator(counting, JsonEncoding.UTF8);
            g.useDefaultPrettyPrinter();
            body.write(g);
            g.close();
            counting.write('\n');
            target.close();
            stats.files++;
            stats.bytes += counting.n;
        } catch (IOException ex) {
            target.abort();
            throw new UncheckedIOException(ex);
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

    /**
     * One top-level record per line: {@code [\n{…},\n{…}\n]}; compact inside records. The file stays one valid
     * JSON array while line tools (wc -l, head, grep) still work.
     */
    static final class LinePrinter implements PrettyPrinter {
        private static boolean topLevel(JsonGenerator g) {
            var ctx = g.getOutputContext();
            return ctx.getParent() != null && ctx.getParent().inRoot();
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int n) throws IOException {
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(':');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
        }

        @Override
        public void writeEndArray(JsonGenerator g, int n) throws IOException {
            if (n > 0 && topLevel(g)) {
                g.writeRaw('\n');
            }
            g.writeRaw(']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(topLevel(g) ? ",\n" : ",");
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            if (topLevel(g)) {
                g.writeRaw('\n');
            }
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) {
        }
    }

    /** The world of a configuration, without generating anything (tests, docs). */
    static World world(GeneratorConfig cfg) {
        return new World(cfg);
    }

    static List<String> endpoints() {
        List<String> l = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            l.add(e.file);
        }
        return l;
    }
}
