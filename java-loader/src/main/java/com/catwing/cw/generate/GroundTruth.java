package com.catwing.cw.generate;

import java.time.LocalDate;

/**
 * The generator's world and its true demand without any raw file: the catalogue facts a forecast benchmark needs
 * (product keys, leaf categories, prices, costs, dropship; location keys and types) and, day by day, the true
 * demand, sales and Poisson mean of every ranged customer-facing pair open for sales that day, with or without demand
 * ({@code cw generate} writes only the pairs with demand, to {@code client-data/{client}/ground-truth/demand/}).
 * Used by {@code cw bench forecast}.
 */
public final class GroundTruth {
    /** Receives one simulated day: {@code n} pairs, their product and location indexes, demand, sales and mean. */
    public interface Day {
        void day(LocalDate date, int n, int[] product, int[] location, int[] demand, int[] sales, double[] mean);
    }

    private final GeneratorConfig cfg;
    private final World world;
    private final Simulation sim;
    private final Dialect dialect;

    public GroundTruth(GeneratorConfig cfg) {
        this.cfg = cfg;
        this.world = new World(cfg);
        this.sim = new Simulation(world);
        this.sim.gtAllPairs = true;
        this.dialect = Dialect.of(cfg.dialect(), world);
    }

    /** The first simulated day. */
    public LocalDate start() {
        return cfg.start();
    }

    public int products() {
        return world.nProd;
    }

    public String productKey(int p) {
        return dialect.productKey(p);
    }

    /** The product's leaf category code (the generator's three-level catalogue, leaf level). */
    public String categoryCode(int p) {
        return world.leafCode[world.prodLeaf[p]];
    }

    /** Initial list price in EUR (the generator reviews prices yearly). */
    public double price(int p) {
        return world.prodPriceCents[p] / 100.0;
    }

    /** Initial unit cost in EUR. */
    public double cost(int p) {
        return world.prodCostCents[p] / 100.0;
    }

    /**
     * The promotion discount (0..1) of the product on simulated day {@code day} (0 = the first day): chain-wide, as
     * the sales lines' discounts carry it; 0 without a promotion.
     */
    public double promoDiscount(int p, int day) {
        return world.promo(p, day);
    }

    public boolean dropship(int p) {
        return world.prodDropship[p];
    }

    /** Launch day relative to the first simulated day (negative: launched before the simulated period). */
    public int launchDay(int p) {
        return world.prodLaunchDay[p];
    }

    /** Pack size (units per pack). */
    public int packSize(int p) {
        return world.prodPack[p];
    }

    public int locations() {
        return world.nLoc;
    }

    public String locationKey(int l) {
        return dialect.loc(l);
    }

    /** store, dc, warehouse or online. */
    public String locationType(int l) {
        return World.TYPE_NAMES[world.locType[l]];
    }

    /** The location that replenishes {@code l} (a store's DC, the webshop's and DCs' warehouse), -1 for none. */
    public int parentLocation(int l) {
        return world.locParent[l];
    }

    /**
     * The retailer's reorder point s for product {@code p} at location {@code l} on the day last simulated (the
     * generator recomputes s and S every 28 days from the expected demand of the next four weeks); -1 if the pair is
     * not ranged. Used by {@code cw bench targets}.
     */
    public int reorderPoint(int p, int l) {
        int k = world.locPairOf[l][p];
        return k < 0 ? -1 : sim.reorderPoint(k);
    }

    /** The retailer's order-up-to level S, as {@link #reorderPoint}. */
    public int orderUpTo(int p, int l) {
        int k = world.locPairOf[l][p];
        return k < 0 ? -1 : sim.orderUpTo(k);
    }

    /** Simulates every day of the configuration and hands each day's ground truth to {@code consumer}. */
    public void run(Day consumer) {
        int[] product = new int[0];
        int[] location = new int[0];
        int[] demand = new int[0];
        int[] sales = new int[0];
        double[] mean = new double[0];
        for (int d = 0; d < cfg.days(); d++) {
            sim.step(d);
            int n = sim.gtPair.size();
            if (product.length < n) {
                int size = Math.max(n, product.length * 2);
                product = new int[size];
                location = new int[size];
                demand = new int[size];
                sales = new int[size];
                mean = new double[size];
            }
            for (int i = 0; i < n; i++) {
                int k = sim.gtPair.get(i);
                product[i] = world.pairProd[k];
                location[i] = world.pairLoc[k];
                demand[i] = sim.gtDemand.get(i);
                sales[i] = sim.gtSales.get(i);
                mean[i] = sim.gtMean[i];
            }
            consumer.day(cfg.start().plusDays(d), n, product, location, demand, sales, mean);
        }
    }
}
