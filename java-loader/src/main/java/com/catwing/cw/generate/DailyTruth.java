package com.catwing.cw.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The closed loop's ground truth ({@code cw simulate closed-loop}, docs/uplift.md "Closed loop"): per product and day,
 * what really happened in the simulated world, summed over its locations — true demand, sales, lost sales, revenue,
 * end-of-day available stock (units, value at cost; at the warehouse alone), stock-out and listed pair-days at the
 * customer-facing locations, and what the warehouse ordered. Recorded from the simulation's state after each day
 * ({@link Generator#withDailyTruth}); nothing here is read from the generated files.
 */
public final class DailyTruth {
    /** CSV header of {@link #writeCsv}. */
    public static final String HEADER = "world,product_id,day_date,demand_qty,sold_qty,lost_qty,revenue,"
            + "on_hand_qty,on_hand_value,warehouse_on_hand_qty,stockout_pair_days,listed_pair_days,ordered_qty,"
            + "order_value,price,cost";

    /** CSV header of {@link #writePairCsv}: the same truth per product × location (the transfer side's measures). */
    public static final String PAIR_HEADER = "world,product_id,location_id,day_date,demand_qty,sold_qty,lost_qty,"
            + "revenue,on_hand_qty,on_hand_value,is_stockout,is_listed,price,cost";

    private final int days;
    private LocalDate start;
    private String[] productKeys;
    private String[] locationKeys;
    private int[] pairProd;
    private int[] pairLoc;
    private boolean[] pairStocked;
    private int[][] pairDemand;
    private int[][] pairSold;
    private long[][] pairRevenueCents;
    private int[][] pairOnHand;
    /** Per pair and day: 0 not listed, 1 listed and in stock, 2 listed and out of stock at the end of the day. */
    private byte[][] pairListed;
    private long[] prodPriceCents;
    private long[] prodCostCents;
    private int nProd;
    private int[][] demand;
    private int[][] sold;
    private long[][] revenueCents;
    private long[][] onHand;
    private long[][] onHandValueCents;
    private int[][] warehouseOnHand;
    private int[][] stockoutPairDays;
    private int[][] listedPairDays;
    private int[][] ordered;
    private long[][] orderValueCents;
    private long[][] priceCents;
    private long[][] costCents;

    public DailyTruth(int days) {
        this.days = days;
    }

    /** Products of the world (after the run). */
    public int products() {
        return nProd;
    }

    /** The ERP key of product {@code p}. */
    public String productKey(int p) {
        return productKeys[p];
    }

    /** Units lost to stock-outs of product {@code p} on days {@code from} .. {@code to} (inclusive). */
    public long lost(int p, int from, int to) {
        long n = 0;
        for (int d = from; d <= to && d < days; d++) {
            n += demand[d][p] - sold[d][p];
        }
        return n;
    }

    void init(Simulation sim, String[] keys, String[] locKeys, LocalDate first) {
        World w = sim.world();
        nProd = w.nProd;
        productKeys = keys;
        locationKeys = locKeys;
        pairProd = w.pairProd.clone();
        pairLoc = w.pairLoc.clone();
        pairStocked = new boolean[w.nPairs];
        for (int k = 0; k < w.nPairs; k++) {
            pairStocked[k] = sim.stocked(k);
        }
        pairDemand = new int[days][];
        pairSold = new int[days][];
        pairRevenueCents = new long[days][];
        pairOnHand = new int[days][];
        pairListed = new byte[days][];
        prodPriceCents = new long[nProd];
        prodCostCents = new long[nProd];
        for (int p = 0; p < nProd; p++) {
            prodPriceCents[p] = w.prodPriceCents[p];
            prodCostCents[p] = w.prodCostCents[p];
        }
        start = first;
        demand = new int[days][];
        sold = new int[days][];
        revenueCents = new long[days][];
        onHand = new long[days][];
        onHandValueCents = new long[days][];
        warehouseOnHand = new int[days][];
        stockoutPairDays = new int[days][];
        listedPairDays = new int[days][];
        ordered = new int[days][];
        orderValueCents = new long[days][];
        priceCents = new long[days][];
        costCents = new long[days][];
    }

    /** Records day {@code sim.day} from the simulation's state after the day. */
    void record(Simulation sim) {
        World w = sim.world();
        int d = sim.day;
        int[] dem = new int[nProd];
        int[] sld = new int[nProd];
        long[] rev = new long[nProd];
        int[] kDem = new int[w.nPairs];
        int[] kSold = new int[w.nPairs];
        long[] kRev = new long[w.nPairs];
        for (int i = 0; i < sim.gtPair.size(); i++) {
            int k = sim.gtPair.get(i);
            int p = w.pairProd[k];
            dem[p] += sim.gtDemand.get(i);
            int s = sim.gtSales.get(i);
            sld[p] += s;
            long r = Math.round(s * w.prodPriceCents[p] * (1 - w.promo(p, d)));
            rev[p] += r;
            kDem[k] += sim.gtDemand.get(i);
            kSold[k] += s;
            kRev[k] += r;
        }
        int[] kOnHand = new int[w.nPairs];
        byte[] kListed = new byte[w.nPairs];
        long[] oh = new long[nProd];
        long[] ohv = new long[nProd];
        int[] wh = new int[nProd];
        int[] out = new int[nProd];
        int[] listed = new int[nProd];
        for (int k = 0; k < w.nPairs; k++) {
            if (!sim.stocked(k)) {
                continue;
            }
            int p = w.pairProd[k];
            int l = w.pairLoc[k];
            kOnHand[k] = sim.avail[k];
            if (w.customerFacing(l) && w.openForSales(l, d, sim.dow) && w.visible(p, d)) {
                kListed[k] = (byte) (sim.avail[k] == 0 ? 2 : 1);
            }
            oh[p] += sim.avail[k];
            ohv[p] += sim.avail[k] * w.prodCostCents[p];
            if (l == 0) {
                wh[p] = sim.avail[k];
            }
            if (w.customerFacing(l) && w.openForSales(l, d, sim.dow) && w.visible(p, d)) {
                listed[p]++;
                if (sim.avail[k] == 0) {
                    out[p]++;
                }
            }
        }
        int[] ord = new int[nProd];
        long[] ordv = new long[nProd];
        for (Docs.Po po : sim.poOut) {
            if (po.orderDay != d) {
                continue; // a re-emitted order (a delivery), counted on its order day
            }
            for (int i = 0; i < po.prod.size(); i++) {
                int p = po.prod.get(i);
                ord[p] += po.qtyOrdered.get(i);
                ordv[p] += po.qtyOrdered.get(i) * w.prodCostCents[p];
            }
        }
        long[] pr = new long[nProd];
        long[] co = new long[nProd];
        for (int p = 0; p < nProd; p++) {
            pr[p] = w.prodPriceCents[p];
            co[p] = w.prodCostCents[p];
        }
        pairDemand[d] = kDem;
        pairSold[d] = kSold;
        pairRevenueCents[d] = kRev;
        pairOnHand[d] = kOnHand;
        pairListed[d] = kListed;
        demand[d] = dem;
        sold[d] = sld;
        revenueCents[d] = rev;
        onHand[d] = oh;
        onHandValueCents[d] = ohv;
        warehouseOnHand[d] = wh;
        stockoutPairDays[d] = out;
        listedPairDays[d] = listed;
        ordered[d] = ord;
        orderValueCents[d] = ordv;
        priceCents[d] = pr;
        costCents[d] = co;
    }

    /** One CSV line per product and day (header {@link #HEADER}), the column {@code world} set to {@code world}. */
    public void writeCsv(Writer out, String world, boolean header) {
        try {
            if (header) {
                out.write(HEADER + "\n");
            }
            for (int d = 0; d < days && demand[d] != null; d++) {
                String date = start.plusDays(d).toString();
                for (int p = 0; p < nProd; p++) {
                    out.write(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%s,%d,%s,%d,%d,%d,%d,%s,%s,%s%n", world,
                            productKeys[p], date, demand[d][p], sold[d][p], demand[d][p] - sold[d][p],
                            cents(revenueCents[d][p]), onHand[d][p], cents(onHandValueCents[d][p]),
                            warehouseOnHand[d][p], stockoutPairDays[d][p], listedPairDays[d][p], ordered[d][p],
                            cents(orderValueCents[d][p]), cents(priceCents[d][p]), cents(costCents[d][p])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One CSV line per product × location and day (header {@link #PAIR_HEADER}) for every stocked pair and every pair
     * with demand: demand, sales, lost units, revenue, end-of-day available stock (units, value at cost), whether the
     * pair was listed at an open customer-facing location and out of stock at the end of the day.
     */
    public void writePairCsv(Writer out, String world, boolean header) {
        try {
            if (header) {
                out.write(PAIR_HEADER + "\n");
            }
            for (int d = 0; d < days && pairDemand[d] != null; d++) {
                String date = start.plusDays(d).toString();
                for (int k = 0; k < pairProd.length; k++) {
                    if (!pairStocked[k] && pairDemand[d][k] == 0) {
                        continue;
                    }
                    int p = pairProd[k];
                    out.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%d,%d,%s,%d,%s,%s,%s,%s,%s%n", world,
                            productKeys[p], locationKeys[pairLoc[k]], date, pairDemand[d][k], pairSold[d][k],
                            pairDemand[d][k] - pairSold[d][k], cents(pairRevenueCents[d][k]), pairOnHand[d][k],
                            cents(pairOnHand[d][k] * prodCostCents[p]), pairListed[d][k] == 2,
                            pairListed[d][k] > 0, cents(prodPriceCents[p]), cents(prodCostCents[p])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cents(long c) {
        return java.math.BigDecimal.valueOf(c, 2).toPlainString();
    }
}
