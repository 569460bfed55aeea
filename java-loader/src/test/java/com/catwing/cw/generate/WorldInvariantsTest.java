package com.catwing.cw.generate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The simulated world obeys the physics of a retailer: read back from the generated catwing files. */
class WorldInvariantsTest {
    static final int DAYS = 75;
    static Gen gen;

    @BeforeAll
    static void generate() {
        gen = Gen.of(Gen.config(DAYS, "catwing", "none"));
    }

    @Test
    void everyDayHasTheTenEndpointsAsValidJsonArrays() {
        for (int d = 0; d < DAYS; d++) {
            for (String e : Generator.endpoints()) {
                JsonNode n = gen.raw(d, e);
                assertTrue(n.isArray(), e + " of day " + d + " is a JSON array");
                String text = gen.text(gen.rawKey(d, e));
                long lines = text.chars().filter(c -> c == '\n').count();
                assertEquals(n.size() == 0 ? 1 : n.size() + 2, lines, "one record per line in " + e + " day " + d);
            }
        }
        assertEquals(DAYS * 10L + DAYS + 2, gen.sink.objects.size(), "raw files, ground-truth days, manifest, world.json");
    }

    @Test
    void stockIsNeverNegativeAndQtyAllIsTheSumOfItsParts() {
        for (int d = 0; d < DAYS; d++) {
            for (JsonNode r : gen.raw(d, "inventory")) {
                long a = r.get("qty_available").asLong();
                long b = r.get("qty_blocked").asLong();
                long res = r.get("qty_reserved").asLong();
                assertTrue(a >= 0 && b >= 0 && res >= 0, "non-negative balances: " + r);
                assertEquals(a + b + res, r.get("qty_all").asLong(), "qty_all = available + blocked + reserved: " + r);
                assertEquals(gen.cfg.start().plusDays(d).toString(), r.get("date").asText(), "balance dated its file's day");
            }
        }
    }

    @Test
    void salesNeverExceedDemandAndMatchTheSalesOrders() {
        long lost = 0;
        for (int d = 0; d < DAYS; d++) {
            Map<String, Long> sold = new HashMap<>();
            for (JsonNode so : gen.raw(d, "sales_orders")) {
                for (JsonNode line : so.get("lines")) {
                    sold.merge(line.get("product_id").asText() + "@" + so.get("location_id").asText(),
                            line.get("qty").asLong(), Long::sum);
                    long unit = Math.round(line.get("unit_price").asDouble() * 100);
                    long disc = Math.round(line.get("discount").asDouble() * 100);
                    assertEquals(unit * line.get("qty").asLong() - disc, Math.round(line.get("revenue").asDouble() * 100),
                            "revenue = qty × unit price − discount");
                }
            }
            Map<String, Long> truth = new HashMap<>();
            for (JsonNode t : gen.truth(d)) {
                long demand = t.get("demand").asLong();
                long sales = t.get("sales").asLong();
                assertTrue(sales <= demand && sales >= 0, "sales ≤ demand: " + t);
                assertEquals(demand - sales, t.get("lost").asLong(), "lost = demand − sales");
                lost += demand - sales;
                if (sales > 0) {
                    truth.put(t.get("product_id").asText() + "@" + t.get("location_id").asText(), sales);
                }
            }
            assertEquals(truth, sold, "sales orders of day " + d + " add up to the ground truth's sales");
        }
        assertTrue(lost > 0, "stock-outs censor some demand");
    }

    @Test
    void receivedNeverExceedsOrderedBeyondTolerance() {
        Map<String, Long> received = new HashMap<>();
        Map<String, JsonNode> latestLine = new HashMap<>();
        for (int d = 0; d < DAYS; d++) {
            for (JsonNode po : gen.raw(d, "purchase_orders")) {
                for (JsonNode l : po.get("lines")) {
                    String key = po.get("po_id").asText() + "/" + l.get("product_id").asText();
                    latestLine.put(key, l);
                    long ordered = l.get("qty_ordered").asLong();
                    long confirmed = l.get("qty_confirmed").asLong();
                    long delivered = l.get("qty_delivered").asLong();
                    assertTrue(confirmed <= ordered, "confirmed ≤ ordered: " + l);
                    assertTrue(delivered <= Math.ceil(ordered * 1.05) + 1, "delivered ≤ ordered + 5 %: " + l);
                }
            }
            for (JsonNode r : gen.raw(d, "receiving_orders")) {
                if (r.get("source_type").asText().equals("purchase")) {
                    for (JsonNode l : r.get("lines")) {
                        received.merge(r.get("po_id").asText() + "/" + l.get("product_id").asText(),
                                l.get("qty_received").asLong(), Long::sum);
                    }
                }
            }
        }
        assertTrue(!received.isEmpty(), "purchase orders get delivered within the period");
        for (Map.Entry<String, Long> e : received.entrySet()) {
            assertEquals(latestLine.get(e.getKey()).get("qty_delivered").asLong(), e.getValue(),
                    "receipts add up to the PO line's qty_delivered: " + e.getKey());
        }
        for (int d = 0; d < DAYS; d++) {
            for (JsonNode t : gen.raw(d, "transfer_orders")) {
                for (JsonNode l : t.get("lines")) {
                    assertTrue(l.get("qty_received").asLong() <= l.get("qty_shipped").asLong(), "received ≤ shipped: " + l);
                }
            }
        }
    }

    /** Every change of a balance is explained by a receipt, a sale or a shipment, and every such flow is reported. */
    @Test
    void flowsReconcileWithInventoryBalances() {
        Map<String, Long> balance = new HashMap<>();
        Set<String> dropship = new HashSet<>();
        for (JsonNode p : gen.raw(DAYS - 1, "products")) {
            if (p.get("is_dropship").asBoolean()) {
                dropship.add(p.get("product_id").asText());
            }
        }
        int checked = 0;
        for (int d = 0; d < DAYS; d++) {
            Map<String, Long> flow = new HashMap<>();
            for (JsonNode r : gen.raw(d, "receiving_orders")) {
                for (JsonNode l : r.get("lines")) {
                    flow.merge(l.get("product_id").asText() + "@" + r.get("location_id").asText(),
                            l.get("qty_received").asLong(), Long::sum);
                }
            }
            for (JsonNode so : gen.raw(d, "sales_orders")) {
                for (JsonNode l : so.get("lines")) {
                    if (!dropship.contains(l.get("product_id").asText())) {
                        flow.merge(l.get("product_id").asText() + "@" + so.get("location_id").asText(),
                                -l.get("qty").asLong(), Long::sum);
                    }
                }
            }
            for (JsonNode t : gen.raw(d, "transfer_orders")) {
                if (t.get("status").asText().equals("shipped")) {
                    for (JsonNode l : t.get("lines")) {
                        flow.merge(l.get("product_id").asText() + "@" + t.get("from_location_id").asText(),
                                -l.get("qty_shipped").asLong(), Long::sum);
                    }
                }
            }
            Map<String, Long> reported = new HashMap<>();
            for (JsonNode r : gen.raw(d, "inventory")) {
                reported.put(r.get("product_id").asText() + "@" + r.get("location_id").asText(), r.get("qty_all").asLong());
            }
            if (d == 0) {
                assertTrue(gen.raw(d, "inventory").get(0).get("snapshot").asText().equals("full"), "day 0 is a full snapshot");
                // day 0's balances are closing balances: opening = closing − flows
                for (Map.Entry<String, Long> e : reported.entrySet()) {
                    balance.put(e.getKey(), e.getValue() - flow.getOrDefault(e.getKey(), 0L));
                }
            }
            for (Map.Entry<String, Long> e : flow.entrySet()) {
                if (e.getValue() != 0 && !reported.containsKey(e.getKey())) {
                    fail("day " + d + ": " + e.getKey() + " moved by " + e.getValue() + " but its balance was not reported");
                }
            }
            for (Map.Entry<String, Long> e : reported.entrySet()) {
                long expected = balance.getOrDefault(e.getKey(), 0L) + flow.getOrDefault(e.getKey(), 0L);
                assertEquals(expected, e.getValue(), "day " + d + " " + e.getKey() + ": previous balance + flows");
                balance.put(e.getKey(), e.getValue());
                checked++;
            }
        }
        assertTrue(checked > 1000, "enough balances checked: " + checked);
    }

    @Test
    void theNetworkHasEveryEchelonAndAStoreOpensAndOneCloses() {
        JsonNode first = gen.raw(0, "locations");
        JsonNode last = gen.raw(DAYS - 1, "locations");
        Set<String> types = new HashSet<>();
        for (JsonNode l : first) {
            types.add(l.get("type").asText());
        }
        assertEquals(Set.of("store", "dc", "warehouse", "online"), types, "all location types");
        List<String> statusFirst = new ArrayList<>();
        List<String> statusLast = new ArrayList<>();
        first.forEach(l -> statusFirst.add(l.get("status").asText()));
        last.forEach(l -> statusLast.add(l.get("status").asText()));
        assertTrue(statusFirst.contains("planned") && !statusLast.contains("planned"), "a planned store opens");
        assertTrue(!statusFirst.contains("closed") && statusLast.contains("closed"), "a store closes");
        String closed = null;
        for (JsonNode l : last) {
            if (l.get("status").asText().equals("closed")) {
                closed = l.get("location_id").asText();
            }
        }
        for (JsonNode r : gen.raw(DAYS - 1, "inventory")) {
            if (r.get("location_id").asText().equals(closed)) {
                assertEquals(0, r.get("qty_all").asLong(), "a closed store holds nothing");
            }
        }
    }

    @Test
    void germanStoresSellNothingOnSundaysButTheWebshopDoes() {
        Map<String, JsonNode> locs = new HashMap<>();
        gen.raw(0, "locations").forEach(l -> locs.put(l.get("location_id").asText(), l));
        boolean webSunday = false;
        for (int d = 0; d < DAYS; d++) {
            if (gen.cfg.start().plusDays(d).getDayOfWeek() != DayOfWeek.SUNDAY) {
                continue;
            }
            for (JsonNode so : gen.raw(d, "sales_orders")) {
                JsonNode l = locs.get(so.get("location_id").asText());
                if (l.get("type").asText().equals("store")) {
                    assertTrue(!l.get("country").asText().equals("DE"), "German store open on Sunday: " + so);
                } else {
                    webSunday = true;
                }
            }
        }
        assertTrue(webSunday, "the webshop sells on Sundays");
    }

    @Test
    void productAttributesChangeOverTimeAndMastersAreFullSnapshots() {
        JsonNode first = gen.raw(0, "products");
        JsonNode last = gen.raw(DAYS - 1, "products");
        Map<String, JsonNode> before = new HashMap<>();
        first.forEach(p -> before.put(p.get("product_id").asText(), p));
        int changed = 0;
        for (JsonNode p : last) {
            JsonNode b = before.get(p.get("product_id").asText());
            if (b != null && !b.equals(p)) {
                changed++;
                assertTrue(p.get("updated_at").asText().compareTo(b.get("updated_at").asText()) > 0,
                        "a changed product has a later updated_at: " + p);
            }
        }
        assertTrue(changed > 0, "some product attributes are corrected during the period");
        assertTrue(last.size() >= first.size(), "master file is a full snapshot (launches add products)");
        for (int d = 0; d < DAYS; d++) {
            assertEquals(gen.cfg.suppliers(), gen.raw(d, "suppliers").size(), "all suppliers every day");
            assertEquals(gen.cfg.locations(), gen.raw(d, "locations").size(), "all locations every day");
        }
        for (JsonNode p : last) {
            double cost = p.get("cost").asDouble();
            double price = p.get("price").asDouble();
            assertTrue(price > cost, "price above cost: " + p);
            assertEquals(3, p.get("category_path").asText().split(" > ").length, "three-level category path");
        }
    }
}
