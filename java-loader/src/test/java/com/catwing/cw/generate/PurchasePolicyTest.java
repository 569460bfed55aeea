package com.catwing.cw.generate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closed loop's hooks: a purchase policy replaces the warehouse's (s, S) rule; without one nothing changes. */
class PurchasePolicyTest {

    private static Sink.Memory generate(Generator.PurchasePolicy policy, List<Integer> days) {
        Sink.Memory sink = new Sink.Memory();
        new Generator(Gen.config(20, "catwing", "none"), sink)
                .withPurchasePolicy(policy)
                .withDayListener((day, date) -> days.add(day))
                .run(null);
        return sink;
    }

    @Test
    void aPolicyThatKeepsTheRuleChangesNoByte() {
        Gen plain = Gen.of(Gen.config(20, "catwing", "none"));
        List<Integer> days = new ArrayList<>();
        Sink.Memory followed = generate((product, day) -> -1, days);
        assertEquals(plain.sink.objects.keySet(), followed.objects.keySet());
        for (Map.Entry<String, byte[]> e : plain.sink.objects.entrySet()) {
            assertArrayEquals(e.getValue(), followed.objects.get(e.getKey()), e.getKey());
        }
        assertEquals(20, days.size(), "the day listener is called once per day, after the day's files");
    }

    @Test
    void aPolicyDecidesTheWarehousePurchases() throws Exception {
        // Product 0 is ordered 48 units every day; nothing else is ever ordered.
        Sink.Memory sink = generate((product, day) -> product == 0 ? 48 : 0, new ArrayList<>());
        Gen plain = Gen.of(Gen.config(20, "catwing", "none"));
        String key = plain.rawKey(0, "purchase_orders");
        var first = Gen.JSON.readTree(sink.objects.get(key));
        assertEquals(1, first.size(), "one purchase order on day 0: product 0's supplier");
        var lines = first.get(0).get("lines");
        assertEquals(1, lines.size());
        assertEquals(48, lines.get(0).get("qty_ordered").asInt());
        int plainLines = 0;
        for (var po : plain.raw(0, "purchase_orders")) {
            plainLines += po.get("lines").size();
        }
        assertTrue(plainLines > 1, "the (s, S) rule orders more than one line on day 0 of this world");
    }

    private static List<String> truthOf(Generator.PurchasePolicy policy, boolean independent) {
        DailyTruth truth = new DailyTruth(20);
        Generator g = new Generator(Gen.config(20, "catwing", "none"), new Sink.Memory()).withDailyTruth(truth);
        if (independent) {
            g.withIndependentDraws();
        }
        g.withPurchasePolicy(policy).run(null);
        java.io.StringWriter w = new java.io.StringWriter();
        truth.writeCsv(w, "X", false);
        return List.of(w.toString().split("\n"));
    }

    @Test
    void withIndependentDrawsAnotherProductsOrdersLeaveAProductsHistoryAsItWas() {
        String first = Gen.of(Gen.config(20, "catwing", "none")).sink.objects.keySet().iterator().next();
        assertTrue(first != null);
        // Products 0-4 are ordered 48 units every day instead of the rule: their purchase orders, and so the
        // numbering of every later purchase order and transfer, change.
        Generator.PurchasePolicy policy = (product, day) -> product < 5 ? 48 : -1;
        List<String> plain = truthOf(null, true);
        List<String> changed = truthOf(policy, true);
        assertEquals(plain.size(), changed.size());
        int same = 0;
        int differ = 0;
        for (int i = 0; i < plain.size(); i++) {
            String product = plain.get(i).split(",")[1];
            boolean treated = product.compareTo("P000006") < 0; // P000001 .. P000005 are products 0 .. 4
            if (treated) {
                differ += plain.get(i).equals(changed.get(i)) ? 0 : 1;
            } else {
                assertEquals(plain.get(i), changed.get(i), "an untouched product's day is the same in both worlds");
                same++;
            }
        }
        assertTrue(same > 0 && differ > 0, "the ordered products did change (" + differ + " product-days)");
    }
}
