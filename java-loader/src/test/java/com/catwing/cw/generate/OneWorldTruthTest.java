package com.catwing.cw.generate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The ground truth a bench judges against ({@link GroundTruth}) is the world the generator exported only when both
 * come from one configuration: the generator draws its world (store opening and closing days, launches, events) from
 * the number of days it simulates, so exports generated for fewer days than the truth are another world. {@code cw
 * bench recommendations} generates its exports for the truth's days and loads only the first of them.
 */
class OneWorldTruthTest {
    private static final int LOADED_DAYS = 30;
    private static final int TAIL_DAYS = 6;

    @Test
    void theTruthOfAConfigurationIsTheWorldItsGeneratorExports() {
        GeneratorConfig cfg = Gen.config(LOADED_DAYS + TAIL_DAYS, "catwing", "none");
        Gen exported = Gen.of(cfg);
        List<List<String>> truth = truth(cfg);
        for (int d = 0; d < LOADED_DAYS; d++) {
            assertEquals(rows(exported.truth(d)), truth.get(d), "day " + d + " of the truth and of the exports");
        }
    }

    @Test
    void exportsGeneratedForFewerDaysAreAnotherWorld() {
        List<List<String>> truth = truth(Gen.config(LOADED_DAYS + TAIL_DAYS, "catwing", "none"));
        Gen shorter = Gen.of(Gen.config(LOADED_DAYS, "catwing", "none"));
        int differing = 0;
        for (int d = 0; d < LOADED_DAYS; d++) {
            if (!rows(shorter.truth(d)).equals(truth.get(d))) {
                differing++;
            }
        }
        assertNotEquals(0, differing, "a world of " + LOADED_DAYS + " days differs from one of "
                + (LOADED_DAYS + TAIL_DAYS) + " on some day both simulate");
    }

    /** Per day, "product location demand sales" of every pair with demand or sales, in the simulation's order. */
    private static List<List<String>> truth(GeneratorConfig cfg) {
        GroundTruth gt = new GroundTruth(cfg);
        List<List<String>> days = new ArrayList<>();
        gt.run((date, n, product, location, demand, sales, mean) -> {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (demand[i] == 0 && sales[i] == 0) {
                    continue;
                }
                rows.add(gt.productKey(product[i]) + " " + gt.locationKey(location[i]) + " " + demand[i] + " "
                        + sales[i]);
            }
            days.add(rows);
        });
        return days;
    }

    private static List<String> rows(List<JsonNode> day) {
        List<String> rows = new ArrayList<>();
        for (JsonNode r : day) {
            if (r.get("demand").asInt() == 0 && r.get("sales").asInt() == 0) {
                continue;
            }
            rows.add(r.get("product_id").asText() + " " + r.get("location_id").asText() + " "
                    + r.get("demand").asInt() + " " + r.get("sales").asInt());
        }
        return rows;
    }
}
