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
}
