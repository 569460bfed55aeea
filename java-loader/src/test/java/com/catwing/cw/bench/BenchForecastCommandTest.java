package com.catwing.cw.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The per-source-type table of {@code cw bench forecast}: no NaN for a type without weight or demand. */
class BenchForecastCommandTest {

    @Test
    void aTypeWithoutWeightPrintsADashNotNaN() {
        assertEquals("—", BenchForecastCommand.ratio(0, 0, "%.4f"), "dead_product: zero weight, no WRMSSE");
        assertEquals("—", BenchForecastCommand.ratio(-12, 0, "%.1f%%"), "no actual demand, no bias");
    }

    @Test
    void aTypeWithWeightPrintsItsRatio() {
        assertEquals("0.8328", BenchForecastCommand.ratio(0.8328 * 3, 3, "%.4f"));
        assertEquals("-4.2%", BenchForecastCommand.ratio(-4.2 * 50, 50, "%.1f%%"));
    }
}
