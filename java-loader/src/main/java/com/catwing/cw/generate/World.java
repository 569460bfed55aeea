package com.catwing.cw.generate;

import net.datafaker.Faker;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The simulated retailer: location network, suppliers, brands, the category tree, the catalogue with its life
 * cycle (launches, phase-outs, attribute corrections, price changes, promotions), the ranging of products to
 * locations (the product×location "pairs") and the demand model. Built once from the arguments and the seed;
 * product attributes then change as the days go by ({@link #applyEvents(int)}).
 *
 * <p>Arrays, not objects: a large client has 10k products and ~200k pairs, and the daily loop touches all of them.
 */
final class World {
    static final int STORE = 0;
    static final int DC = 1;
    static final int WAREHOUSE = 2;
    static final int ONLINE = 3;
    static final String[] TYPE_NAMES = {"store", "dc", "warehouse", "online"};
    static final int[] ECHELON = {1, 2, 3, 1};
    static final int NEVER = Integer.MAX_VALUE / 2;
    static final int ALWAYS = -NEVER;

    final GeneratorConfig cfg;
    final long seed;
    final int days;

    // ---- categories (leaves of the three-level tree)
    int nLeaf;
    String[] leafL1;
    String[] leafL2;
    String[] leafL3;
    String[] leafCode;
    String[][] leafNouns;
    int[] leafTop;
    double[][] leafSeason; // [leaf][day of year 0..365]
    double[] leafWeekend;
    double[] topCost;

    // ---- suppliers
    int nSup;
    String[] supName;
    String[] supEmail;
    Catalog.Country[] supCountry;
    int[] supLead;
    int[] supMoq;
    double[] supOnTime;
    double[] supFill;

    // ---- brands
    int nBrand;
    String[] brandName;
    int[] brandSupplier;

    // ---- locations
    int nLoc;
    int[] locType;
    int[] locParent;
    Catalog.Country[] locCountry;
    int[] locCity;
    String[] locName;
    double[] locFactor;
    double[] locBreadth;
    int[] locOpenDay;
    int[] locCloseDay;
    boolean[] locSundayClosed;
    int nStoreCountries;

    // ---- products (mutable attributes change through events)
    int nProd;
    String[] prodName;
    String[] prodNameFixed;
    String[] prodSku;
    String[] prodVendorSku;
    String[] prodEan;
    int[] prodBrand;
    int[] prodLeaf;
    int[] prodSupplier;
    int[] prodPack;
    long[] prodPriceCents;
    long[] prodCostCents;
    boolean[] prodDropship;
    boolean[] prodDead;
    boolean[] prodLumpy;
    int[] prodLaunchDay;
    int[] prodAppearDay;
    int[] prodDiscontinueDay;
    int[] prodUpdatedDay;
    int[] prodUpdatedSec;
    double[] prodWeight;
    double[] prodTrend;
    double[] prodPopPct;
    int[][] promoStart;
    int[][] promoEnd;
    double[][] promoDisc;

    // ---- product events, sorted by day then product
    static final int EV_NAME_FIX = 0;
    static final int EV_BRAND = 1;
    static final int EV_CATEGORY = 2;
    static final int EV_PACK = 3;
    static final int EV_PRICE = 4;
    static final int EV_COST = 5;
    static final int EV_SUPPLIER = 6;
    static final int EV_DISCONTINUE = 7;
    int[] evDay;
    int[] evProd;
    int[] evKind;
    long[] evValue;
    private int evNext;

    // ---- pairs (product ranged at location), grouped by location, products ascending within a location
    int nPairs;
    int[] pairLoc;
    int[] pairProd;
    float[] pairNoise;
    int[] locPairStart;
    int[] locPairEnd;
    int[][] locPairOf;

    // ---- customers: drawn on demand from name pools (index → name), never stored
    int nCustomers;
    String[][] firstNames; // per retail country
    String[][] lastNames;
    String[][] firstAscii;
    String[][] lastAscii;

    World(GeneratorConfig cfg) {
        this.cfg = cfg;
        this.seed = cfg.seed();
        this.days = cfg.days();
        Rng r = new Rng(Rng.hash(seed, 1));
        buildCategories(r);
        buildSuppliers(new Rng(Rng.hash(seed, 2)));
        buildBrands(new Rng(Rng.hash(seed, 3)));
        buildLocations(new Rng(Rng.hash(seed, 4)));
        buildProducts(new Rng(Rng.hash(seed, 5)));
        buildEvents(new Rng(Rng.hash(seed, 6)));
        buildPairs();
        buildCustomers();
    }

    // ------------------------------------------------------------------ categories

    private void buildCategories(Rng r) {
        List<String[]> leaves = new ArrayList<>();
        List<String[]> nouns = new ArrayList<>();
        List<Integer> tops = new ArrayList<>();
        for (int t = 0; t < Catalog.CATEGORIES.length; t++) {
            String[] top = Catalog.CATEGORIES[t];
            String[] l2s = top[5].split("\\|");
            for (int i2 = 0; i2 < l2s.length; i2++) {
                String[] l2 = l2s[i2].split(":", 2);
                String[] l3s = l2[1].split(";");
                for (int i3 = 0; i3 < l3s.length; i3++) {
                    String[] l3 = l3s[i3].split("=", 2);
                    leaves.add(new String[] {top[0], l2[0], l3[0],
                        String.format("%02d%02d%02d", t + 1, i2 + 1, i3 + 1)});
                    nouns.add(l3[1].split(","));
                    tops.add(t);
                }
            }
        }
        nLeaf = leaves.size();
        leafL1 = new String[nLeaf];
        leafL2 = new String[nLeaf];
        leafL3 = new String[nLeaf];
        leafCode = new String[nLeaf];
        leafNouns = new String[nLeaf][];
        leafTop = new int[nLeaf];
        leafSeason = new double[nLeaf][366];
        leafWeekend = new double[nLeaf];
        topCost = new double[Catalog.CATEGORIES.length];
        for (int t = 0; t < topCost.length; t++) {
            topCost[t] = Double.parseDouble(Catalog.CATEGORIES[t][4]);
        }
        for (int c = 0; c < nLeaf; c++) {
            String[] l = leaves.get(c);
            leafL1[c] = l[0];
            leafL2[c] = l[1];
            leafL3[c] = l[2];
            leafCode[c] = l[3];
            leafNouns[c] = nouns.get(c);
            leafTop[c] = tops.get(c);
            String[] top = Catalog.CATEGORIES[leafTop[c]];
            double amp = Math.min(0.92, Math.max(0, Double.parseDouble(top[1]) * (0.6 + 0.8 * r.nextDouble())));
            double peak = Double.parseDouble(top[2]) + r.between(-20, 20);
            for (int doy = 0; doy < 366; doy++) {
                leafSeason[c][doy] = 1 + amp * Math.cos(2 * Math.PI * (doy - peak) / 365.25);
            }
            leafWeekend[c] = Double.parseDouble(top[3]) * (0.5 + r.nextDouble());
        }
    }

    // ------------------------------------------------------------------ suppliers and brands

    private void buildSuppliers(Rng r) {
        nSup = cfg.suppliers();
        supName = new String[nSup];
        supEmail = new String[nSup];
        supCountry = new Catalog.Country[nSup];
        supLead = new int[nSup];
        supMoq = new int[nSup];
        supOnTime = new double[nSup];
        supFill = new double[nSup];
        Catalog.Country[] pool = {Catalog.RETAIL[0], Catalog.RETAIL[0], Catalog.RETAIL[0], Catalog.RETAIL[1],
            Catalog.RETAIL[2], Catalog.RETAIL[3], Catalog.SOURCING[0], Catalog.SOURCING[0], Catalog.SOURCING[1],
            Catalog.SOURCING[2]};
        Faker faker = new Faker(Locale.ENGLISH, new Random(Rng.hash(seed, 20)));
        for (int s = 0; s < nSup; s++) {
            Catalog.Country c = r.pick(pool);
            supCountry[s] = c;
            String base = faker.company().name().replaceAll(",? (and|&) .*$", "").replaceAll(",.*$", "")
                    .replaceAll(" (Inc|LLC|Group|Ltd)\\.?$", "");
            String suffix = switch (c.code()) {
                case "DE" -> "GmbH";
                case "PL" -> "Sp. z o.o.";
                case "CZ" -> "s.r.o.";
                case "SE" -> "AB";
                case "CN" -> "Co., Ltd.";
                case "IT" -> "S.r.l.";
                default -> "Ltd";
            };
            supName[s] = base + " " + suffix;
            supEmail[s] = "orders@" + supName[s].toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "") + ".example.com";
            supLead[s] = switch (c.code()) {
                case "CN" -> r.between(28, 49);
                case "GB", "IT" -> r.between(7, 16);
                default -> r.between(3, 12);
            };
            supMoq[s] = new int[] {1, 1, 6, 12, 24, 50}[r.nextInt(6)];
            supOnTime[s] = 0.70 + 0.28 * r.nextDouble();
            supFill[s] = 0.86 + 0.13 * r.nextDouble();
        }
    }

    private void buildBrands(Rng r) {
        nBrand = Math.max(3, Math.min(400, cfg.products() / 30));
        brandName = new String[nBrand];
        brandSupplier = new int[nBrand];
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int b = 0; b < nBrand; b++) {
            String n;
            int attempt = 0;
            do {
                StringBuilder sb = new StringBuilder();
                int k = 2 + (r.nextInt(3) == 0 ? 1 : 0);
                for (int i = 0; i < k; i++) {
                    sb.append(r.pick(Catalog.SYLLABLES));
                }
                n = Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
                if (++attempt > 20) {
                    n = n + (b + 1);
                }
            } while (!used.add(n));
            brandName[b] = n;
            brandSupplier[b] = b % nSup;
        }
    }

    // ------------------------------------------------------------------ locations

    private void buildLocations(Rng r) {
        nLoc = cfg.locations();
        int nDc = Math.max(1, Math.min(Catalog.RETAIL.length, (int) Math.round(nLoc / 12.0)));
        nStoreCountries = nDc;
        locType = new int[nLoc];
        locParent = new int[nLoc];
        locCountry = new Catalog.Country[nLoc];
        locCity = new int[nLoc];
        locName = new String[nLoc];
        locFactor = new double[nLoc];
        locBreadth = new double[nLoc];
        locOpenDay = new int[nLoc];
        locCloseDay = new int[nLoc];
        locSundayClosed = new boolean[nLoc];
        Arrays.fill(locOpenDay, ALWAYS);
        Arrays.fill(locCloseDay, NEVER);
        int i = 0;
        // the warehouse: top of the network, receives every purchase order
        locType[i] = WAREHOUSE;
        locParent[i] = -1;
        locCountry[i] = Catalog.RETAIL[0];
        locCity[i] = 13 % Catalog.RETAIL[0].cities().length;
        locName[i] = "Central Warehouse " + city(i);
        i++;
        for (int d = 0; d < nDc; d++, i++) {
            locType[i] = DC;
            locParent[i] = 0;
            locCountry[i] = Catalog.RETAIL[d];
            locCity[i] = d == 0 ? 8 % Catalog.RETAIL[0].cities().length : 1;
            locName[i] = "Distribution Centre " + city(i);
        }
        int online = i++;
        locType[online] = ONLINE;
        locParent[online] = 0;
        locCountry[online] = Catalog.RETAIL[0];
        locCity[online] = locCity[0];
        locName[online] = "Webshop";
        locFactor[online] = 3.0;
        locBreadth[online] = 0.6;
        int nStores = nLoc - i;
        int[] perCountryCount = new int[nDc];
        for (int s = 0; s < nStores; s++, i++) {
            // the first country gets the larger share of the stores
            int c = s % (nDc + 1) == nDc ? 0 : s % (nDc + 1);
            c = Math.min(c, nDc - 1);
            locType[i] = STORE;
            locParent[i] = 1 + c;
            locCountry[i] = Catalog.RETAIL[c];
            int k = perCountryCount[c]++;
            locCity[i] = k % locCountry[i].cities().length;
            int nth = k / locCountry[i].cities().length;
            locName[i] = "Store " + city(i) + (nth > 0 ? " " + (nth + 1) : "");
            locFactor[i] = Math.min(3.0, r.lognormal(0, 0.35));
            locBreadth[i] = Math.max(0.12, Math.min(0.6, 0.12 + 0.22 * locFactor[i] + 0.05 * r.gaussian()));
            locSundayClosed[i] = locCountry[i].code().equals("DE") || locCountry[i].code().equals("PL");
        }
        if (nStores >= 3 && days >= 30) {
            int opening = nLoc - 1;
            locOpenDay[opening] = days / 3;
            int closing = online + 2;
            locCloseDay[closing] = (2 * days) / 3;
        }
    }

    String city(int loc) {
        return locCountry[loc].cities()[locCity[loc]];
    }

    double[] cityCoords(int loc) {
        return locCountry[loc].coords()[locCity[loc]];
    }

    boolean customerFacing(int loc) {
        return locType[loc] == STORE || locType[loc] == ONLINE;
    }

    /** Open for sales on that day (after opening, before closing; stores in DE and PL close on Sundays). */
    boolean openForSales(int loc, int day, int dow) {
        return day >= locOpenDay[loc] && day < locCloseDay[loc] && !(locSundayClosed[loc] && dow == 6);
    }

    String locationStatus(int loc, int day) {
        if (day < locOpenDay[loc]) {
            return "planned";
        }
        return day >= locCloseDay[loc] ? "closed" : "active";
    }

    // ------------------------------------------------------------------ products

    private void buildProducts(Rng r) {
        int n = cfg.products();
        nProd = n;
        prodName = new String[n];
        prodNameFixed = new String[n];
        prodSku = new String[n];
        prodVendorSku = new String[n];
        prodEan = new String[n];
        prodBrand = new int[n];
        prodLeaf = new int[n];
        prodSupplier = new int[n];
        prodPack = new int[n];
        prodPriceCents = new long[n];
        prodCostCents = new long[n];
        prodDropship = new boolean[n];
        prodDead = new boolean[n];
        prodLumpy = new boolean[n];
        prodLaunchDay = new int[n];
        prodAppearDay = new int[n];
        prodDiscontinueDay = new int[n];
        prodUpdatedDay = new int[n];
        prodUpdatedSec = new int[n];
        prodWeight = new double[n];
        prodTrend = new double[n];
        prodPopPct = new double[n];
        promoStart = new int[n][];
        promoEnd = new int[n][];
        promoDisc = new double[n][];
        double weightSum = 0;
        for (int p = 0; p < n; p++) {
            int brand = r.nextInt(nBrand);
            int leaf = (int) ((Rng.hash(seed, 50, brand) >>> 1) % nLeaf);
            if (r.chance(0.3)) {
                leaf = r.nextInt(nLeaf); // brands are mostly, not only, in one category
            }
            prodBrand[p] = brand;
            prodLeaf[p] = leaf;
            prodSupplier[p] = r.chance(0.85) ? brandSupplier[brand] : r.nextInt(nSup);
            String noun = r.pick(leafNouns[leaf]);
            String name = brandName[brand] + " " + r.pick(Catalog.ADJECTIVES) + " " + noun + " " + r.pick(Catalog.VARIANTS);
            prodNameFixed[p] = name;
            prodName[p] = name;
            double cost = topCost[leafTop[leaf]] * r.lognormal(0, 0.7);
            cost = Math.max(0.35, Math.min(900, cost));
            double markup = 1.55 + 1.35 * r.nextDouble();
            prodCostCents[p] = Math.round(cost * 100);
            prodPriceCents[p] = psychological(cost * markup * 1.19);
            prodPack[p] = cost < 2 ? r.pick(new Integer[] {6, 12, 24}) : cost < 8 ? r.pick(new Integer[] {1, 2, 4, 6})
                    : cost < 40 ? r.pick(new Integer[] {1, 1, 2}) : 1;
            prodSku[p] = brandName[brand].substring(0, 3).toUpperCase(Locale.ROOT) + "-" + String.format("%06d", 10007 * (p + 1) % 1000003);
            prodVendorSku[p] = String.format("%c%c-%05d", (char) ('A' + r.nextInt(26)), (char) ('A' + r.nextInt(26)), r.nextInt(100000));
            prodEan[p] = ean13("400" + String.format("%09d", (Rng.hash(seed, 51, p) >>> 1) % 1_000_000_000L));
            prodDropship[p] = cost > 25 && r.chance(0.15);
            prodDead[p] = !prodDropship[p] && r.chance(0.02);
            prodLumpy[p] = r.chance(0.05);
            double w = r.lognormal(0, 1.25);
            prodWeight[p] = w;
            weightSum += w;
            prodTrend[p] = Math.max(-0.6, Math.min(0.6, 0.18 * r.gaussian()));
            // life cycle: most products exist before the period; some launch or are phased out during it
            prodDiscontinueDay[p] = NEVER;
            if (days >= 60 && r.chance(0.12)) {
                prodLaunchDay[p] = r.between(14, days - 30);
                prodAppearDay[p] = prodLaunchDay[p] - 14;
            } else {
                prodLaunchDay[p] = -r.between(30, 2500);
                prodAppearDay[p] = ALWAYS;
            }
            if (days >= 60 && r.chance(0.08)) {
                int from = Math.max(days / 4, prodLaunchDay[p] + 60);
                if (from < days - 14) {
                    prodDiscontinueDay[p] = r.between(from, days - 14);
                }
            }
            prodUpdatedDay[p] = Math.max(prodLaunchDay[p], -r.between(1, 400));
            prodUpdatedSec[p] = r.between(6 * 3600, 20 * 3600);
            // promotions: chain-wide, 7-14 days, 10-40 % off
            int nPromo = r.chance(0.5) ? r.poisson(days / 150.0) : 0;
            promoStart[p] = new int[nPromo];
            promoEnd[p] = new int[nPromo];
            promoDisc[p] = new double[nPromo];
            for (int k = 0; k < nPromo; k++) {
                promoStart[p][k] = r.nextInt(Math.max(1, days));
                promoEnd[p][k] = promoStart[p][k] + r.between(7, 14);
                promoDisc[p][k] = new double[] {0.1, 0.15, 0.2, 0.25, 0.3, 0.4}[r.nextInt(6)];
            }
        }
        // average demand of about 0.35 units/day at a typical store for a typical product
        double norm = 0.35 * n / weightSum;
        Integer[] order = new Integer[n];
        for (int p = 0; p < n; p++) {
            prodWeight[p] *= norm;
            order[p] = p;
        }
        Arrays.sort(order, (a, b) -> Double.compare(prodWeight[a], prodWeight[b]) != 0
                ? Double.compare(prodWeight[a], prodWeight[b]) : Integer.compare(a, b));
        for (int k = 0; k < n; k++) {
            prodPopPct[order[k]] = n == 1 ? 1 : k / (double) (n - 1);
        }
        for (int p = 0; p < n; p++) {
            if (prodDead[p]) {
                prodWeight[p] = 0;
            }
        }
    }

    /** A price ending in .99 (or .49 under 5), in cents. */
    static long psychological(double price) {
        if (price < 5) {
            return Math.max(49, Math.round(Math.ceil(price * 2) * 50) - 1);
        }
        return Math.round(Math.ceil(price) * 100) - 1;
    }

    private static String ean13(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return twelve + (10 - sum % 10) % 10;
    }

    // ------------------------------------------------------------------ attribute changes over time

    private void buildEvents(Rng r) {
        List<long[]> ev = new ArrayList<>();
        for (int p = 0; p < nProd; p++) {
            int first = Math.max(1, prodAppearDay[p] == ALWAYS ? 1 : prodAppearDay[p] + 1);
            if (first >= days) {
                continue;
            }
            if (r.chance(0.05)) {
                // the ERP first held a typo in the name; someone fixes it later
                String fixed = prodNameFixed[p];
                int at = fixed.indexOf(' ') + 2;
                if (at + 1 < fixed.length()) {
                    prodName[p] = fixed.substring(0, at) + fixed.charAt(at + 1) + fixed.charAt(at) + fixed.substring(at + 2);
                    ev.add(new long[] {r.between(first, days - 1), p, EV_NAME_FIX, 0});
                }
            }
            if (r.chance(0.015)) {
                ev.add(new long[] {r.between(first, days - 1), p, EV_BRAND, r.nextInt(nBrand)});
            }
            if (r.chance(0.02)) {
                int leaf = prodLeaf[p];
                int sibling = leaf % 3 == 2 ? leaf - 1 : leaf + 1; // another level-3 under the same level-2
                ev.add(new long[] {r.between(first, days - 1), p, EV_CATEGORY, Math.min(nLeaf - 1, sibling)});
            }
            if (r.chance(0.02)) {
                ev.add(new long[] {r.between(first, days - 1), p, EV_PACK, prodPack[p] == 1 ? 2 : prodPack[p] * 2});
            }
            if (r.chance(0.01)) {
                ev.add(new long[] {r.between(first, days - 1), p, EV_SUPPLIER, r.nextInt(nSup)});
            }
            // yearly price reviews: cost up 2-8 %, price follows a few days later
            double price = prodPriceCents[p] / 100.0;
            double cost = prodCostCents[p] / 100.0;
            for (int y = 0; y < days; y += 365) {
                if (r.chance(0.3)) {
                    int day = Math.max(first, y + r.between(0, 364));
                    if (day >= days) {
                        continue;
                    }
                    cost *= 1.02 + 0.06 * r.nextDouble();
                    price *= 1.02 + 0.07 * r.nextDouble();
                    ev.add(new long[] {day, p, EV_COST, Math.round(cost * 100)});
                    if (day + 3 < days) {
                        ev.add(new long[] {day + 3, p, EV_PRICE, psychological(price)});
                    }
                }
            }
            if (prodDiscontinueDay[p] < days) {
                ev.add(new long[] {prodDiscontinueDay[p], p, EV_DISCONTINUE, 0});
            }
        }
        ev.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : a[1] != b[1] ? Long.compare(a[1], b[1])
                : Long.compare(a[2], b[2]));
        int n = ev.size();
        evDay = new int[n];
        evProd = new int[n];
        evKind = new int[n];
        evValue = new long[n];
        for (int i = 0; i < n; i++) {
            long[] e = ev.get(i);
            evDay[i] = (int) e[0];
            evProd[i] = (int) e[1];
            evKind[i] = (int) e[2];
            evValue[i] = e[3];
        }
    }

    /** Applies the attribute changes due on {@code day} (call once per day, in order). Returns the count. */
    int applyEvents(int day) {
        int applied = 0;
        while (evNext < evDay.length && evDay[evNext] <= day) {
            int p = evProd[evNext];
            long v = evValue[evNext];
            switch (evKind[evNext]) {
                case EV_NAME_FIX -> prodName[p] = prodNameFixed[p];
                case EV_BRAND -> prodBrand[p] = (int) v;
                case EV_CATEGORY -> prodLeaf[p] = (int) v;
                case EV_PACK -> prodPack[p] = (int) v;
                case EV_PRICE -> prodPriceCents[p] = v;
                case EV_COST -> prodCostCents[p] = v;
                case EV_SUPPLIER -> prodSupplier[p] = (int) v;
                case EV_DISCONTINUE -> { }
                default -> throw new IllegalStateException();
            }
            prodUpdatedDay[p] = day;
            prodUpdatedSec[p] = (int) ((Rng.hash(seed, 60, evNext) >>> 1) % (14 * 3600)) + 6 * 3600;
            evNext++;
            applied++;
        }
        return applied;
    }

    boolean visible(int p, int day) {
        return day >= prodAppearDay[p];
    }

    boolean discontinued(int p, int day) {
        return day >= prodDiscontinueDay[p];
    }

    /** The active promotion's discount on that day, or 0. */
    double promo(int p, int day) {
        int[] s = promoStart[p];
        for (int k = 0; k < s.length; k++) {
            if (day >= s[k] && day <= promoEnd[p][k]) {
                return promoDisc[p][k];
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------ ranging

    private void buildPairs() {
        locPairStart = new int[nLoc];
        locPairEnd = new int[nLoc];
        locPairOf = new int[nLoc][];
        boolean[][] ranged = new boolean[nLoc][];
        for (int l = 0; l < nLoc; l++) {
            ranged[l] = new boolean[nProd];
            if (locType[l] == STORE || locType[l] == ONLINE) {
                for (int p = 0; p < nProd; p++) {
                    if (prodDropship[p]) {
                        ranged[l][p] = locType[l] == ONLINE;
                        continue;
                    }
                    double prob = locBreadth[l] * (0.35 + 1.3 * prodPopPct[p]);
                    ranged[l][p] = Rng.unit(Rng.hash(seed, 70, l, p)) < prob;
                }
            }
        }
        for (int l = 0; l < nLoc; l++) {
            if (locType[l] == STORE) {
                for (int p = 0; p < nProd; p++) {
                    ranged[locParent[l]][p] |= ranged[l][p];
                }
            }
        }
        for (int p = 0; p < nProd; p++) {
            ranged[0][p] = !prodDropship[p];
        }
        int count = 0;
        for (int l = 0; l < nLoc; l++) {
            for (int p = 0; p < nProd; p++) {
                if (ranged[l][p]) {
                    count++;
                }
            }
        }
        nPairs = count;
        pairLoc = new int[count];
        pairProd = new int[count];
        pairNoise = new float[count];
        int k = 0;
        for (int l = 0; l < nLoc; l++) {
            locPairStart[l] = k;
            locPairOf[l] = new int[nProd];
            Arrays.fill(locPairOf[l], -1);
            for (int p = 0; p < nProd; p++) {
                if (ranged[l][p]) {
                    pairLoc[k] = l;
                    pairProd[k] = p;
                    double g = Rng.unit(Rng.hash(seed, 71, k)) + Rng.unit(Rng.hash(seed, 72, k)) - 1; // triangular
                    pairNoise[k] = (float) Math.exp(0.5 * g);
                    locPairOf[l][p] = k;
                    k++;
                }
            }
            locPairEnd[l] = k;
        }
    }

    // ------------------------------------------------------------------ customers

    private void buildCustomers() {
        nCustomers = Math.max(500, Math.min(250_000, nProd * 10));
        firstNames = new String[nStoreCountries][];
        lastNames = new String[nStoreCountries][];
        firstAscii = new String[nStoreCountries][];
        lastAscii = new String[nStoreCountries][];
        for (int c = 0; c < nStoreCountries; c++) {
            Faker f = new Faker(Locale.forLanguageTag(Catalog.RETAIL[c].locale()), new Random(Rng.hash(seed, 80, c)));
            int n = 150;
            firstNames[c] = new String[n];
            lastNames[c] = new String[n];
            firstAscii[c] = new String[n];
            lastAscii[c] = new String[n];
            for (int i = 0; i < n; i++) {
                firstNames[c][i] = f.name().firstName();
                lastNames[c][i] = f.name().lastName();
                firstAscii[c][i] = ascii(firstNames[c][i]);
                lastAscii[c][i] = ascii(lastNames[c][i]);
            }
        }
    }

    /** Customer i's home country (index into the store countries). */
    int customerCountry(int i) {
        return (int) ((Rng.hash(seed, 81, i) >>> 1) % (nStoreCountries + 1)) % nStoreCountries;
    }

    String customerName(int i) {
        int c = customerCountry(i);
        long h = Rng.hash(seed, 82, i);
        return firstNames[c][(int) ((h >>> 1) % firstNames[c].length)] + " "
                + lastNames[c][(int) ((h >>> 33) % lastNames[c].length)];
    }

    /** The first name of {@link #customerName} (the web-shop CSV writes the two parts apart). */
    String customerFirstName(int i) {
        int c = customerCountry(i);
        return firstNames[c][(int) ((Rng.hash(seed, 82, i) >>> 1) % firstNames[c].length)];
    }

    /** The last name of {@link #customerName}. */
    String customerLastName(int i) {
        int c = customerCountry(i);
        return lastNames[c][(int) ((Rng.hash(seed, 82, i) >>> 33) % lastNames[c].length)];
    }

    /** first.last{n}@example.{com,org,net}, ASCII-folded from the same name pools as {@link #customerName}. */
    String customerEmail(int i) {
        int c = customerCountry(i);
        long h = Rng.hash(seed, 82, i);
        return firstAscii[c][(int) ((h >>> 1) % firstNames[c].length)] + "."
                + lastAscii[c][(int) ((h >>> 33) % lastNames[c].length)] + (i % 97) + "@"
                + (i % 3 == 0 ? "example.com" : i % 3 == 1 ? "example.org" : "example.net");
    }

    static String ascii(String s) {
        return Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace('ł', 'l').replace('ø', 'o').replace("ß", "ss")
                .replaceAll("[^a-z]", "");
    }

    String customerCity(int i) {
        Catalog.Country c = Catalog.RETAIL[customerCountry(i)];
        return c.cities()[(int) ((Rng.hash(seed, 83, i) >>> 1) % c.cities().length)];
    }

    long fxCents(long eurCents, Catalog.Country c) {
        return Math.round(eurCents * c.fx());
    }

    /** Price of a product in a retail country's currency, .99 style (whole crowns for CZK). */
    long localPriceCents(long eurCents, Catalog.Country c) {
        if (c.fx() == 1.0) {
            return eurCents;
        }
        double v = eurCents / 100.0 * c.fx();
        return c.code().equals("CZ") ? Math.round(Math.ceil(v / 10) * 10 - 1) * 100 : psychological(v);
    }
}
