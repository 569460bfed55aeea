package com.catwing.cw.generate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The closed loop's transfer hook: a transfer policy replaces the (s, S) replenishment of the products it decides and
 * ships its own moves; without one (or deciding nothing) nothing changes; other products keep their history.
 */
class TransferPolicyTest {
    private static final int DAYS = 20;

    /** Decides {@code decided} products from day {@code from} on and ships {@code moves} on their day. */
    private static Generator.TransferPolicy policy(java.util.function.IntPredicate decided, int from,
                                                   Map<Integer, List<int[]>> moves) {
        return new Generator.TransferPolicy() {
            @Override
            public boolean decides(int product, int day) {
                return decided.test(product) && day >= from;
            }

            @Override
            public List<int[]> transfers(int day) {
                return moves.getOrDefault(day, List.of());
            }
        };
    }

    @Test
    void aPolicyThatDecidesNothingChangesNoByte() {
        Gen plain = Gen.of(Gen.config(DAYS, "catwing", "none"));
        Sink.Memory sink = new Sink.Memory();
        new Generator(Gen.config(DAYS, "catwing", "none"), sink)
                .withTransferPolicy(policy(p -> false, 0, Map.of()))
                .run(null);
        assertEquals(plain.sink.objects.keySet(), sink.objects.keySet());
        for (Map.Entry<String, byte[]> e : plain.sink.objects.entrySet()) {
            assertArrayEquals(e.getValue(), sink.objects.get(e.getKey()), e.getKey());
        }
    }

    @Test
    void theWarehouseShipsWhatThePolicySaysInsteadOfTheRule() throws Exception {
        GeneratorConfig cfg = Gen.config(DAYS, "catwing", "none");
        World w = new World(cfg);
        int dc = -1;
        for (int l = 1; l < w.nLoc && dc < 0; l++) {
            if (w.locType[l] == World.DC && w.locParent[l] == 0) {
                dc = l;
            }
        }
        assertTrue(dc > 0, "the test world has a DC below the warehouse");
        int product = -1;
        for (int p = 0; p < w.nProd && product < 0; p++) {
            if (w.locPairOf[0][p] >= 0 && w.locPairOf[dc][p] >= 0 && !w.prodDropship[p] && w.visible(p, 0)) {
                product = p;
            }
        }
        assertTrue(product >= 0, "a product kept at the warehouse and the DC");
        final int p0 = product;
        Sink.Memory sink = new Sink.Memory();
        Generator g = new Generator(cfg, sink)
                .withTransferPolicy(policy(p -> p == p0, 3, Map.of(3, List.<int[]>of(new int[] {p0, 0, dc, 2}))));
        g.run(null);
        String from = g.locationKey(0);
        String to = g.locationKey(dc);
        String productKey = g.productKey(p0);
        int shippedOnDay3 = 0;
        int ruleLines = 0;
        for (int d = 3; d < DAYS; d++) {
            JsonNode transfers = Gen.JSON.readTree(sink.objects.get("raw-data/" + cfg.client() + "/"
                    + cfg.start().plusDays(d) + "/transfer_orders.json"));
            for (JsonNode t : transfers) {
                for (JsonNode line : t.get("lines")) {
                    if (!line.get("product_id").asText().equals(productKey)) {
                        continue;
                    }
                    boolean policyMove = d == 3 && t.get("from_location_id").asText().equals(from)
                            && t.get("to_location_id").asText().equals(to)
                            && t.get("ship_date").asText().equals(cfg.start().plusDays(3).toString());
                    if (policyMove) {
                        shippedOnDay3 += line.get("qty_shipped").asInt();
                        assertEquals("replenishment", t.get("reason").asText(), "from the receiver's parent");
                    } else if (t.get("ship_date").asText().compareTo(cfg.start().plusDays(4).toString()) >= 0
                            && !"store_closure".equals(t.get("reason").asText())) {
                        ruleLines++;
                    }
                }
            }
        }
        assertEquals(2, shippedOnDay3, "the warehouse ships the policy's 2 units to the DC on the policy's day");
        assertEquals(0, ruleLines, "no transfer of the decided product is shipped by the rule after that");
    }

    @Test
    void navisionMarksAMoveBetweenSiblingsAsARebalance() throws Exception {
        // Navision sends no reason: ExternalDocumentNo carries REBALANCE (as STORE CLOSURE for a return), which the
        // load maps to the reason rebalance, so the supply network does not take the sender for the receiver's source.
        GeneratorConfig cfg = Gen.config(DAYS, "navision", "none");
        World w = new World(cfg);
        int from = -1;
        int to = -1;
        int product = -1;
        for (int a = 1; a < w.nLoc && product < 0; a++) {
            for (int b = 1; b < w.nLoc && product < 0; b++) {
                if (a != b && w.locParent[a] == w.locParent[b] && w.locParent[a] >= 0) {
                    for (int p = 0; p < w.nProd && product < 0; p++) {
                        if (w.locPairOf[a][p] >= 0 && w.locPairOf[b][p] >= 0 && !w.prodDropship[p]
                                && w.visible(p, 0)) {
                            from = a;
                            to = b;
                            product = p;
                        }
                    }
                }
            }
        }
        assertTrue(product >= 0, "the test world has two sibling locations keeping a product");
        final int p0 = product;
        Sink.Memory sink = new Sink.Memory();
        Generator g = new Generator(cfg, sink)
                .withTransferPolicy(policy(p -> p == p0, 3, Map.of(3, List.<int[]>of(new int[] {p0, from, to, 1}))));
        g.run(null);
        String fromKey = g.locationKey(from);
        String toKey = g.locationKey(to);
        List<String> documents = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : sink.objects.entrySet()) {
            if (!e.getKey().contains("/" + cfg.start().plusDays(3) + "/") || !e.getKey().contains("transfer")) {
                continue;
            }
            for (JsonNode header : Gen.JSON.readTree(e.getValue()).findParents("ExternalDocumentNo")) {
                if (header.path("TransferFromCode").asText().equals(fromKey)
                        && header.path("TransferToCode").asText().equals(toKey)) {
                    documents.add(header.get("ExternalDocumentNo").asText());
                }
            }
        }
        assertEquals(List.of("REBALANCE"), documents, "the sibling move is written once, marked REBALANCE");
    }

    private static List<String> pairTruth(Generator.TransferPolicy policy) {
        DailyTruth truth = new DailyTruth(DAYS);
        Generator g = new Generator(Gen.config(DAYS, "catwing", "none"), new Sink.Memory()).withDailyTruth(truth)
                .withIndependentDraws();
        if (policy != null) {
            g.withTransferPolicy(policy);
        }
        g.run(null);
        StringWriter w = new StringWriter();
        truth.writePairCsv(w, "X", false);
        return List.of(w.toString().split("\n"));
    }

    @Test
    void withIndependentDrawsAnotherProductsTransfersLeaveAProductsHistoryAsItWas() {
        // Products 0-4 get no transfer at all from day 2 on (their stores starve): the numbering of every later
        // transfer changes; every other product × location must keep its history to the unit.
        List<String> plain = pairTruth(null);
        List<String> changed = pairTruth(policy(p -> p < 5, 2, Map.of()));
        assertEquals(plain.size(), changed.size(), "one line per pair and day in both worlds");
        int same = 0;
        int differ = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < plain.size(); i++) {
            String product = plain.get(i).split(",")[1];
            boolean decided = product.compareTo("P000006") < 0; // P000001 .. P000005 are products 0 .. 4
            if (decided) {
                differ += plain.get(i).equals(changed.get(i)) ? 0 : 1;
            } else if (plain.get(i).equals(changed.get(i))) {
                same++;
            } else {
                wrong.add(plain.get(i) + " | " + changed.get(i));
            }
        }
        assertEquals(List.of(), wrong, "an untouched product × location's day is the same in both worlds");
        assertTrue(same > 0 && differ > 0, "the decided products did change (" + differ + " pair-days)");
    }
}
