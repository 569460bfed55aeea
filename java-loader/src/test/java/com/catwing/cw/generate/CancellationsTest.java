package com.catwing.cw.generate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --cancellations}: cancelled orders, cancelled lines and returns are written in both dialects, each one in the
 * ground truth, and the simulated orders, stock and true demand are those of the world without them.
 */
class CancellationsTest {
    private static final int DAYS = 20;

    @ParameterizedTest
    @ValueSource(strings = {"catwing", "navision"})
    void documentsMatchTheirGroundTruthAndLeaveTheWorldUnchanged(String dialect) {
        Gen plain = Gen.of(Gen.config(DAYS, dialect, "none"));
        Gen with = Gen.of(Gen.config(DAYS, dialect, "none").withCancellations(true));
        boolean nav = dialect.equals("navision");
        Set<String> seenOrders = new HashSet<>();
        Map<String, Integer> kinds = new HashMap<>();
        Set<String> emittedOpen = new HashSet<>();
        int resent = 0;
        for (int d = 0; d < DAYS; d++) {
            assertEquals(plain.text(plain.rawKey(d, "inventory")), with.text(with.rawKey(d, "inventory")), "stock");
            assertEquals(plain.truth(d).toString(), with.truth(d).toString(), "true demand of day " + d);
            Map<String, JsonNode> plainOrders = new HashMap<>();
            for (JsonNode o : plain.raw(d, "sales_orders")) {
                plainOrders.put(id(o, nav), o);
            }
            int cancelledLines = 0;
            for (JsonNode o : with.raw(d, "sales_orders")) {
                String id = id(o, nav);
                JsonNode header = nav ? o.get("Header") : o;
                String status = header.get(nav ? "Status" : "status").asText();
                JsonNode type = header.get(nav ? "DocumentType" : "document_type");
                if (type != null) {
                    String original = header.get(nav ? "AppliesToDocNo" : "original_order_id").asText();
                    assertTrue(seenOrders.contains(original), "a return refers to an earlier order: " + original);
                } else if (plainOrders.containsKey(id)) {
                    int extra = o.get(nav ? "Lines" : "lines").size() - plainOrders.get(id).get(nav ? "Lines" : "lines").size();
                    assertTrue(extra == 0 || extra == 1, "a real order keeps its lines, at most one cancelled added");
                    cancelledLines += extra;
                } else if (!status.equalsIgnoreCase("cancelled")) {
                    emittedOpen.add(id);
                } else if (emittedOpen.remove(id)) {
                    resent++;
                }
                seenOrders.add(id);
            }
            for (JsonNode t : truthRows(with, d)) {
                kinds.merge(t.get("kind").asText(), 1, Integer::sum);
            }
            assertEquals(cancelledLines, truthRows(with, d).stream().filter(t -> t.get("kind").asText()
                    .equals("cancelled_line")).count(), "cancelled lines of day " + d + " in the ground truth");
        }
        assertTrue(kinds.getOrDefault("cancelled_order", 0) > 0, "cancelled orders: " + kinds);
        assertTrue(kinds.getOrDefault("cancelled_line", 0) > 0, "cancelled lines: " + kinds);
        assertTrue(kinds.getOrDefault("return", 0) > 0, "returns: " + kinds);
        assertTrue(resent > 0, "an order emitted completed is re-sent cancelled the next day");
        assertTrue(emittedOpen.size() <= 1, "every extra order emitted completed is cancelled (the last day's may "
                + "not be): " + emittedOpen);
    }

    private static String id(JsonNode o, boolean nav) {
        return nav ? o.get("Header").get("No").asText() : o.get("order_id").asText();
    }

    private static java.util.List<JsonNode> truthRows(Gen g, int day) {
        String key = "client-data/" + g.cfg.client() + "/ground-truth/documents/" + g.cfg.start().plusDays(day)
                + ".jsonl";
        java.util.List<JsonNode> rows = new java.util.ArrayList<>();
        for (String line : g.text(key).split("\n")) {
            if (!line.isEmpty()) {
                try {
                    rows.add(Gen.JSON.readTree(line));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return rows;
    }
}
