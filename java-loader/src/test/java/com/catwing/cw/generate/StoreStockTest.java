package com.catwing.cw.generate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --no-store-stock}: stores and the webshop report no stock, DCs and the warehouse still do, and the simulated
 * world (sales, ground truth with its lost sales) is the same as with stock reporting.
 */
class StoreStockTest {
    private static final int DAYS = 10;

    @Test
    void withoutStoreStockOnlyDcsAndTheWarehouseReportAndTheWorldIsUnchanged() {
        Gen with = Gen.of(Gen.config(DAYS, "catwing", "none"));
        Gen without = Gen.of(Gen.config(DAYS, "catwing", "none").withStoreStock(false));
        Set<String> customerFacing = new HashSet<>();
        for (JsonNode location : with.raw(0, "locations")) {
            String type = location.get("type").asText();
            if (type.equals("store") || type.equals("online")) {
                customerFacing.add(location.get("location_id").asText());
            }
        }
        assertFalse(customerFacing.isEmpty(), "the world has stores");
        int reported = 0;
        int storeRowsWith = 0;
        for (int d = 0; d < DAYS; d++) {
            for (JsonNode row : without.raw(d, "inventory")) {
                assertFalse(customerFacing.contains(row.get("location_id").asText()),
                        "a store or the webshop reported stock on day " + d + ": " + row);
                reported++;
            }
            for (JsonNode row : with.raw(d, "inventory")) {
                storeRowsWith += customerFacing.contains(row.get("location_id").asText()) ? 1 : 0;
            }
            assertEquals(with.text(with.rawKey(d, "sales_orders")), without.text(without.rawKey(d, "sales_orders")),
                    "sales of day " + d);
            assertEquals(with.truth(d).toString(), without.truth(d).toString(), "ground truth of day " + d);
        }
        assertTrue(reported > 0, "DCs and the warehouse still report stock");
        assertTrue(storeRowsWith > 0, "with stock reporting the stores do report");
        assertFalse(without.json("client-data/CW-000042/ground-truth/world.json").get("store_stock").asBoolean(true),
                "world.json records the switch");
    }
}
