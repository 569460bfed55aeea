package com.catwing.cw.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The textbook baselines of cw bench forecast against values worked out by hand. */
class BaselinesTest {
    private static final double EPS = 1e-9;

    @Test
    void crostonSmoothsSizesAndIntervalsAtDemandWeeksOnly() {
        // demand 4 in week 2, 6 in week 5: size 4 -> 4.2, interval 2 -> 2.1; Croston 2.0, SBA x 0.95
        List<Double> y = List.of(0.0, 4.0, 0.0, 0.0, 6.0, 0.0);
        assertEquals(4.2 / 2.1, Baselines.croston(y, 1, false)[0], EPS);
        assertEquals(4.2 / 2.1 * 0.95, Baselines.croston(y, 1, true)[0], EPS);
    }

    @Test
    void tsbUpdatesTheProbabilityEveryWeek() {
        // p0 = 2/6, size0 = 4; weeks: 0 -> p*0.9, 4 -> p + 0.1(1-p), size 4, ... 6 -> size 4.2
        List<Double> y = List.of(0.0, 4.0, 0.0, 0.0, 6.0, 0.0);
        double p = 2.0 / 6;
        p *= 0.9;
        p += 0.1 * (1 - p);
        p *= 0.9;
        p *= 0.9;
        p += 0.1 * (1 - p);
        p *= 0.9;
        assertEquals(p * 4.2, Baselines.tsb(y, 1)[0], EPS);
    }

    @Test
    void adidaAggregatesIntoBucketsOfTheMeanInterval() {
        // 2 demands in 6 weeks: buckets of 3 weeks from the end: 4, 6 -> SES 0.1: 4.2; a week: 1.4
        List<Double> y = List.of(0.0, 4.0, 0.0, 0.0, 6.0, 0.0);
        assertArrayEquals(new double[] {1.4, 1.4}, Baselines.adida(y, 2), EPS);
    }

    @Test
    void seasonalNaiveRepeatsTheWeeksOfAYearAgo() {
        Double[] weeks = new Double[60];
        for (int i = 0; i < 60; i++) {
            weeks[i] = (double) i;
        }
        assertArrayEquals(new double[] {8, 9, 10}, Baselines.seasonalNaive(List.of(weeks), 3), EPS);
    }

    @Test
    void scaleStartsAtTheFirstDemand() {
        // changes from the first non-zero week: (3-1)^2, (3-3)^2 -> mean 2
        assertEquals(2.0, Baselines.scale(List.of(0.0, 0.0, 1.0, 3.0, 3.0)), EPS);
    }
}
