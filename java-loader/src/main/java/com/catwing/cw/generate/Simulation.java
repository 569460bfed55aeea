package com.catwing.cw.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The day-by-day simulation: customer demand (seasonal, trending, promoted, intermittent), sales censored by stock,
 * and replenishment by (s,S) policies up the network (store → DC → warehouse → supplier), with variable supplier
 * lead times, partial, short and late deliveries, quality holds (blocked stock) and allocations (reserved stock).
 *
 * <p>{@link #step(int)} advances one day and leaves that day's documents in the public buffers, which the
 * generator serialises before the next step. Memory is bounded by the network (pairs, open orders), never by days.
 */
final class Simulation {
    private final World w;

    /** The world being simulated (the closed loop's ground truth reads it). */
    World world() {
        return w;
    }
    private final long seed;
    private final LocalDate start;
    private final Rng rng = new Rng(0);
    private final Rng ev = new Rng(0);

    // ---- per pair state
    final int[] avail;
    final int[] blocked;
    final int[] reserved;
    private final int[] onOrder;
    private final int[] sMin;
    private final int[] sMax;
    private final int[] changedDay;
    private final boolean[] stocked;
    private final double[] planWeight;

    // ---- per day product demand factors
    private final double[] pfStore;
    private final double[] pfOnline;

    // ---- schedules (index: day)
    private final List<List<Docs.Transfer>> arrivals;
    private final List<List<Docs.Delivery>> deliveries;
    private final List<IntBuf> releases; // pairs and quantities, interleaved
    private List<Docs.Transfer> pending = new ArrayList<>();

    private long nextSo = 1;
    private long nextPo = 1;
    private long nextReceipt = 1;
    private long nextStoreOrder = 1;
    private long nextTransfer = 1;

    // ---- the current day's output
    int day;
    int dow;
    boolean fullSnapshot;
    /** A day whose stock report is a full snapshot whatever its date (an onboarding export's day); -1: none. */
    int forcedFullSnapshotDay = -1;
    long firstSoNo;
    final IntBuf soLoc = new IntBuf(1024);
    final IntBuf soCustomer = new IntBuf(1024);
    final IntBuf soPayment = new IntBuf(1024);
    final IntBuf soSecond = new IntBuf(1024);
    final IntBuf soFirstLine = new IntBuf(1024);
    final IntBuf soLines = new IntBuf(1024);
    final IntBuf slProd = new IntBuf(4096);
    final IntBuf slQty = new IntBuf(4096);
    final IntBuf slUnitCents = new IntBuf(4096);
    final IntBuf slDiscountCents = new IntBuf(4096);
    final List<Docs.Po> poOut = new ArrayList<>();
    final List<Docs.Receipt> receiptOut = new ArrayList<>();
    final List<Docs.StoreOrder> storeOrderOut = new ArrayList<>();
    final List<Docs.Transfer> transferOut = new ArrayList<>();
    final IntBuf invPairs = new IntBuf(4096);
    final IntBuf gtPair = new IntBuf(4096);
    final IntBuf gtDemand = new IntBuf(4096);
    final IntBuf gtSales = new IntBuf(4096);
    double[] gtMean = new double[4096];
    /** Also record the ground truth of open pairs without demand (demand 0 and their mean): cw bench forecast. */
    boolean gtAllPairs;
    /**
     * The closed loop ({@code cw simulate closed-loop}): when set, decides the warehouse's purchase quantity of each
     * product instead of the (s, S) rule. Null (the default) keeps the rule for every product, byte for byte.
     */
    Generator.PurchasePolicy purchasePolicy;
    /**
     * The closed loop: when set, a product it decides gets no transfer from the (s, S) replenishment rule (warehouse to
     * DCs and webshop, DC to stores); it ships the policy's transfers each morning instead. Null (the default) keeps the
     * rule for every product, byte for byte.
     */
    Generator.TransferPolicy transferPolicy;
    /** The closed loop: units the transfer policy asked for and units it shipped (capped by the sender's stock). */
    long policyTransferAsked;
    long policyTransferShipped;
    /**
     * The closed loop: draw supplier confirmations, delivery dates, transit times and damage from keys of the product,
     * location and day instead of document numbers, so that a product's history does not change when another
     * product's orders change (document numbers shift). Off (the default) keeps the generator's output byte for byte.
     */
    boolean independentDraws;

    // ---- scratch for ticket building
    private final IntBuf chunkProd = new IntBuf(1024);
    private final IntBuf chunkQty = new IntBuf(1024);
    private final IntBuf chunkTicket = new IntBuf(1024);
    private int[] ticketCount = new int[256];

    // ---- totals for world.json
    long totalDemand;
    long totalSales;
    long totalLost;
    long totalReceived;

    /** The (s, S) policy in force for pair {@code k}: reorder point s (order when available + on order <= s). */
    int reorderPoint(int k) {
        return sMin[k];
    }

    /** Whether pair {@code k} holds stock (not a dropship product). */
    boolean stocked(int k) {
        return stocked[k];
    }

    /** The (s, S) policy in force for pair {@code k}: order-up-to level S. */
    int orderUpTo(int k) {
        return sMax[k];
    }

    Simulation(World w) {
        this.w = w;
        this.seed = w.seed;
        this.start = w.cfg.start();
        int n = w.nPairs;
        avail = new int[n];
        blocked = new int[n];
        reserved = new int[n];
        onOrder = new int[n];
        sMin = new int[n];
        sMax = new int[n];
        changedDay = new int[n];
        Arrays.fill(changedDay, -1);
        stocked = new boolean[n];
        pfStore = new double[w.nProd];
        pfOnline = new double[w.nProd];
        planWeight = new double[w.nProd];
        for (int p = 0; p < w.nProd; p++) {
            planWeight[p] = w.prodDead[p] ? 0.5 * 0.35 * Math.exp(0.6 * Rng.unit(Rng.hash(seed, 100, p))) : w.prodWeight[p];
        }
        for (int k = 0; k < n; k++) {
            stocked[k] = !w.prodDropship[w.pairProd[k]];
        }
        int horizon = w.days + 120;
        arrivals = new ArrayList<>(horizon);
        deliveries = new ArrayList<>(horizon);
        releases = new ArrayList<>(horizon);
        for (int d = 0; d < horizon; d++) {
            arrivals.add(null);
            deliveries.add(null);
            releases.add(null);
        }
        replan(0);
        openingBalances();
    }

    // ================================================================== planning

    /** Recomputes (s,S) of every pair from the expected demand of the next four weeks (promotions not included). */
    private void replan(int d) {
        int mid = d + 14;
        double[] plan = new double[w.nProd];
        for (int p = 0; p < w.nProd; p++) {
            int leaf = w.prodLeaf[p];
            plan[p] = planWeight[p] * w.leafSeason[leaf][doy(mid)] * Math.exp(w.prodTrend[p] * mid / 365.0);
        }
        double[] mu = new double[w.nPairs];
        for (int l = 0; l < w.nLoc; l++) {
            if (!w.customerFacing(l)) {
                continue;
            }
            for (int k = w.locPairStart[l]; k < w.locPairEnd[l]; k++) {
                mu[k] = plan[w.pairProd[k]] * w.locFactor[l] * w.pairNoise[k];
            }
        }
        // roll demand up the network: stores → DC, DCs and webshop → warehouse
        for (int pass = 0; pass < 2; pass++) {
            for (int l = 0; l < w.nLoc; l++) {
                boolean feeds = pass == 0 ? w.locType[l] == World.STORE
                        : w.locType[l] == World.DC || w.locType[l] == World.ONLINE;
                if (!feeds || w.locParent[l] < 0) {
                    continue;
                }
                int[] parentPair = w.locPairOf[w.locParent[l]];
                for (int k = w.locPairStart[l]; k < w.locPairEnd[l]; k++) {
                    int pk = parentPair[w.pairProd[k]];
                    if (pk >= 0 && stocked[k]) {
                        mu[pk] += mu[k];
                    }
                }
            }
        }
        for (int k = 0; k < w.nPairs; k++) {
            int l = w.pairLoc[k];
            int p = w.pairProd[k];
            double m = mu[k];
            double cover;
            double cycle;
            double z;
            switch (w.locType[l]) {
                case World.STORE -> {
                    cover = 3;
                    cycle = 7;
                    z = 1.28;
                }
                case World.ONLINE -> {
                    cover = 3;
                    cycle = 5;
                    z = 1.28;
                }
                case World.DC -> {
                    cover = 5;
                    cycle = 10;
                    z = 1.4;
                }
                default -> {
                    cover = w.supLead[w.prodSupplier[p]] + 4;
                    cycle = 21;
                    z = 1.65;
                }
            }
            int s = (int) Math.ceil(m * cover + z * Math.sqrt(m * cover));
            int big = (int) Math.ceil(s + m * cycle);
            if (m > 0.02 && w.locType[l] != World.WAREHOUSE) {
                s = Math.max(1, s);
                big = Math.max(s + 1, Math.max(2, big));
            }
            if (w.locType[l] == World.WAREHOUSE && m > 0) {
                int pack = w.prodPack[p];
                big = Math.max(big, s + Math.max(pack, w.supMoq[w.prodSupplier[p]]));
            }
            sMin[k] = s;
            sMax[k] = big;
        }
    }

    private void openingBalances() {
        Rng r = new Rng(Rng.hash(seed, 101));
        for (int k = 0; k < w.nPairs; k++) {
            int l = w.pairLoc[k];
            int p = w.pairProd[k];
            if (!stocked[k] || w.prodAppearDay[p] > 0 || w.locOpenDay[l] > 0) {
                continue;
            }
            avail[k] = sMin[k] + r.nextInt(Math.max(1, sMax[k] - sMin[k] + 1));
        }
    }

    private int doy(int d) {
        return Math.min(365, start.plusDays(d).getDayOfYear() - 1);
    }

    // ================================================================== the day

    void step(int d) {
        day = d;
        LocalDate date = start.plusDays(d);
        dow = date.getDayOfWeek().getValue() - 1;
        fullSnapshot = d == 0 || date.getDayOfMonth() == 1 || d == forcedFullSnapshotDay;
        clearOutputs();
        if (d > 0 && d % 28 == 0) {
            replan(d);
        }
        w.applyEvents(d);
        productFactors(d, date);
        shipPending(d);
        shipPolicyTransfers(d);
        receiveTransfers(d);
        receivePurchases(d);
        releaseBlocked(d);
        sell(d);
        closeStores(d);
        replenishStores(d);
        replenishFromWarehouse(d);
        purchase(d);
        transferOut.sort(Comparator.comparingLong(t -> t.no));
        poOut.sort(Comparator.comparingLong(p -> p.no));
        if (fullSnapshot) {
            invPairs.clear();
            for (int k = 0; k < w.nPairs; k++) {
                // an ERP's stock report lists items of its item master: not a product before it appears there
                if (stocked[k] && w.visible(w.pairProd[k], d)) {
                    invPairs.add(k);
                }
            }
        } else {
            invPairs.sort();
        }
    }

    private void clearOutputs() {
        soLoc.clear();
        soCustomer.clear();
        soPayment.clear();
        soSecond.clear();
        soFirstLine.clear();
        soLines.clear();
        slProd.clear();
        slQty.clear();
        slUnitCents.clear();
        slDiscountCents.clear();
        poOut.clear();
        receiptOut.clear();
        storeOrderOut.clear();
        transferOut.clear();
        invPairs.clear();
        gtPair.clear();
        gtDemand.clear();
        gtSales.clear();
        firstSoNo = nextSo;
    }

    private void touch(int k) {
        if (changedDay[k] != day) {
            changedDay[k] = day;
            invPairs.add(k);
        }
    }

    private static final double[] STORE_WEEK = {0.88, 0.9, 0.94, 1.0, 1.12, 1.36, 0.8};
    private static final double[] ONLINE_WEEK = {1.12, 1.02, 0.96, 0.94, 0.88, 0.86, 1.22};

    private void productFactors(int d, LocalDate date) {
        int doy = Math.min(365, date.getDayOfYear() - 1);
        double years = d / 365.0;
        for (int p = 0; p < w.nProd; p++) {
            double base = w.prodWeight[p];
            int launch = w.prodLaunchDay[p];
            if (base == 0 || d < launch) {
                pfStore[p] = 0;
                pfOnline[p] = 0;
                continue;
            }
            int leaf = w.prodLeaf[p];
            double f = base * w.leafSeason[leaf][doy] * Math.exp(w.prodTrend[p] * years);
            if (launch > 0 && d - launch < 60) {
                f *= 1 - Math.exp(-(d - launch + 1) / 15.0);
            }
            if (w.discontinued(p, d)) {
                f *= 0.6;
            }
            double disc = w.promo(p, d);
            if (disc > 0) {
                f *= 1 + 3.0 * disc;
            }
            double we = w.leafWeekend[leaf];
            pfStore[p] = f * (1 + we * (STORE_WEEK[dow] - 1) * 1.6);
            pfOnline[p] = f * (1 + we * (ONLINE_WEEK[dow] - 1) * 1.6);
        }
    }

    // ------------------------------------------------------------------ flows in

    private void shipPending(int d) {
        for (Docs.Transfer t : pending) {
            t.shipDay = d;
            t.status = "shipped";
            for (int i = 0; i < t.prod.size(); i++) {
                int k = w.locPairOf[t.from][t.prod.get(i)];
                reserved[k] -= t.qtyShipped.get(i);
                touch(k);
            }
            int transit = transit(t.from, t.to, t.no);
            t.expectedDay = d + transit;
            schedule(arrivals, t.expectedDay, t);
            transferOut.add(t);
        }
        pending = new ArrayList<>();
    }

    private int transit(int from, int to, long no) {
        long key = independentDraws ? Rng.hash(Rng.hash(seed, 140, from, to), day) : Rng.hash(seed, 110, no);
        int extra = (int) ((key >>> 1) % 10) == 0 ? 1 : 0; // one in ten a day late
        if (w.locType[from] == World.WAREHOUSE) {
            return (w.locCountry[to] == w.locCountry[from] ? 1 : 3) + (w.locType[to] == World.DC ? 1 : 0) + extra;
        }
        return 1 + extra + (w.locType[to] == World.DC ? 1 : 0);
    }

    private static <T> void schedule(List<List<T>> byDay, int d, T item) {
        if (d >= byDay.size()) {
            return; // beyond the horizon: never arrives within the run
        }
        List<T> l = byDay.get(d);
        if (l == null) {
            l = new ArrayList<>();
            byDay.set(d, l);
        }
        l.add(item);
    }

    private void receiveTransfers(int d) {
        List<Docs.Transfer> list = arrivals.get(d);
        if (list == null) {
            return;
        }
        arrivals.set(d, null);
        for (Docs.Transfer t : list) {
            Docs.Receipt r = new Docs.Receipt();
            r.no = nextReceipt++;
            r.fromPo = false;
            r.refNo = t.no;
            r.loc = t.to;
            r.day = d;
            int[] pairOf = w.locPairOf[t.to];
            for (int i = 0; i < t.prod.size(); i++) {
                int q = t.qtyShipped.get(i);
                int k = pairOf[t.prod.get(i)];
                t.qtyReceived.set(i, q);
                long damageKey = independentDraws ? Rng.hash(Rng.hash(seed, 141, t.prod.get(i), t.to), t.shipDay)
                        : Rng.hash(seed, 111, t.no, i);
                int damaged = q > 0 && Rng.unit(damageKey) < 0.006 ? 1 : 0;
                avail[k] += q - damaged;
                onOrder[k] = Math.max(0, onOrder[k] - q);
                if (damaged > 0) {
                    block(k, damaged, d);
                }
                touch(k);
                r.prod.add(t.prod.get(i));
                r.qty.add(q);
                r.qtyBlocked.add(damaged);
                totalReceived += q;
            }
            t.receivedDay = d;
            t.status = "received";
            transferOut.add(t);
            receiptOut.add(r);
        }
    }

    private void block(int k, int qty, int d) {
        blocked[k] += qty;
        int releaseDay = d + 3 + (int) ((Rng.hash(seed, 112, k, d) >>> 1) % 5);
        if (releaseDay < releases.size()) {
            IntBuf b = releases.get(releaseDay);
            if (b == null) {
                b = new IntBuf(16);
                releases.set(releaseDay, b);
            }
            b.add(k);
            b.add(qty);
        }
    }

    private void releaseBlocked(int d) {
        IntBuf b = releases.get(d);
        if (b == null) {
            return;
        }
        releases.set(d, null);
        for (int i = 0; i < b.size(); i += 2) {
            int k = b.get(i);
            int q = Math.min(b.get(i + 1), blocked[k]);
            if (q > 0) {
                blocked[k] -= q;
                avail[k] += q;
                touch(k);
            }
        }
    }

    private void receivePurchases(int d) {
        List<Docs.Delivery> list = deliveries.get(d);
        if (list == null) {
            return;
        }
        deliveries.set(d, null);
        list.sort(Comparator.comparingLong((Docs.Delivery x) -> x.po().no).thenComparingInt(Docs.Delivery::line));
        Docs.Receipt r = null;
        int[] pairOf = w.locPairOf[0];
        for (Docs.Delivery del : list) {
            Docs.Po po = del.po();
            if (r == null || r.refNo != po.no) {
                r = new Docs.Receipt();
                r.no = nextReceipt++;
                r.fromPo = true;
                r.refNo = po.no;
                r.loc = po.loc;
                r.day = d;
                receiptOut.add(r);
            }
            int i = del.line();
            int p = po.prod.get(i);
            int k = pairOf[p];
            int q = del.qty();
            long damageKey = independentDraws ? Rng.hash(Rng.hash(seed, 142, p, po.orderDay), d)
                    : Rng.hash(Rng.hash(seed, 113, po.no, i), d);
            int damaged = q >= 10 && Rng.unit(damageKey) < 0.03 ? Math.max(1, q / 50) : 0;
            avail[k] += q - damaged;
            if (damaged > 0) {
                block(k, damaged, d);
            }
            int dec = Math.min(q, po.outstanding.get(i));
            po.outstanding.set(i, po.outstanding.get(i) - dec);
            onOrder[k] -= dec;
            if (del.last()) {
                onOrder[k] -= po.outstanding.get(i);
                po.outstanding.set(i, 0);
            }
            po.qtyDelivered.set(i, po.qtyDelivered.get(i) + q);
            po.openDeliveries.set(i, po.openDeliveries.get(i) - 1);
            touch(k);
            r.prod.add(p);
            r.qty.add(q);
            r.qtyBlocked.add(damaged);
            totalReceived += q;
            if (po.lastWritten != d) {
                po.lastWritten = d;
                poOut.add(po);
            }
        }
        for (Docs.Po po : poOut) {
            boolean open = false;
            for (int i = 0; i < po.prod.size(); i++) {
                open |= po.openDeliveries.get(i) > 0;
            }
            po.status = open ? "partially_received" : "received";
        }
    }

    // ------------------------------------------------------------------ sales

    private void recordTruth(int k, int demand, int sold, double lambda) {
        int g = gtPair.size();
        gtPair.add(k);
        gtDemand.add(demand);
        gtSales.add(sold);
        if (g == gtMean.length) {
            gtMean = Arrays.copyOf(gtMean, g * 2);
        }
        gtMean[g] = lambda;
    }

    private void sell(int d) {
        for (int l = 0; l < w.nLoc; l++) {
            if (!w.customerFacing(l) || !w.openForSales(l, d, dow)) {
                continue;
            }
            boolean online = w.locType[l] == World.ONLINE;
            double[] pf = online ? pfOnline : pfStore;
            double lf = w.locFactor[l];
            chunkProd.clear();
            chunkQty.clear();
            for (int k = w.locPairStart[l]; k < w.locPairEnd[l]; k++) {
                int p = w.pairProd[k];
                double f = pf[p];
                if (f == 0) {
                    continue;
                }
                double lambda = f * lf * w.pairNoise[k];
                rng.reseed(Rng.hash(seed, 120, k, d));
                int demand;
                if (w.prodLumpy[p]) {
                    demand = rng.nextDouble() < lambda / 4 ? 1 + rng.poisson(3) : 0;
                } else {
                    demand = rng.poisson(lambda);
                }
                if (demand == 0) {
                    if (gtAllPairs) {
                        recordTruth(k, 0, 0, lambda);
                    }
                    continue;
                }
                int sold = stocked[k] ? Math.min(demand, avail[k]) : demand;
                if (stocked[k] && sold > 0) {
                    avail[k] -= sold;
                    touch(k);
                }
                totalDemand += demand;
                totalSales += sold;
                totalLost += demand - sold;
                recordTruth(k, demand, sold, lambda);
                // what was sold becomes order lines: a lumpy (bulk) buy stays one line, the rest 1-2 units a line
                int left = sold;
                while (left > 0) {
                    int q = w.prodLumpy[p] ? left : Math.min(left, 1 + (rng.nextDouble() < 0.35 ? 1 : 0));
                    chunkProd.add(p);
                    chunkQty.add(q);
                    left -= q;
                }
            }
            tickets(l, d, online);
        }
    }

    /** Groups the day's sold chunks at one location into baskets (sales orders), in a seeded order. */
    private void tickets(int l, int d, boolean online) {
        int n = chunkProd.size();
        if (n == 0) {
            return;
        }
        int nTickets = Math.max(1, (int) Math.round(n / (online ? 1.6 : 2.3)));
        if (ticketCount.length < nTickets + 1) {
            ticketCount = new int[nTickets * 2 + 1];
        }
        Arrays.fill(ticketCount, 0, nTickets + 1, 0);
        chunkTicket.clear();
        long base = Rng.hash(seed, 121, l, d);
        for (int i = 0; i < n; i++) {
            int t = (int) ((Rng.hash(base, i) >>> 1) % nTickets);
            chunkTicket.add(t);
            ticketCount[t + 1]++;
        }
        for (int t = 0; t < nTickets; t++) {
            ticketCount[t + 1] += ticketCount[t];
        }
        int[] order = new int[n];
        int[] pos = Arrays.copyOf(ticketCount, nTickets + 1);
        for (int i = 0; i < n; i++) {
            order[pos[chunkTicket.get(i)]++] = i;
        }
        Catalog.Country country = w.locCountry[l];
        for (int t = 0; t < nTickets; t++) {
            int from = ticketCount[t];
            int to = ticketCount[t + 1];
            if (from == to) {
                continue;
            }
            ev.reseed(Rng.hash(base, -1 - t));
            soLoc.add(l);
            int customer = -1;
            if (online || ev.nextDouble() < 0.35) {
                double u = ev.nextDouble();
                customer = (int) (w.nCustomers * u * u); // repeat buyers: low numbers buy more often
            }
            soCustomer.add(customer);
            String[] pay = online ? Catalog.ONLINE_PAYMENTS : Catalog.STORE_PAYMENTS;
            soPayment.add(ev.nextInt(pay.length));
            double hour = online ? 24 * Math.sqrt(ev.nextDouble()) : 8 + 12 * ev.nextDouble();
            soSecond.add(Math.min(86_399, (int) (hour * 3600)));
            soFirstLine.add(slProd.size());
            soLines.add(to - from);
            for (int j = from; j < to; j++) {
                int i = order[j];
                int p = chunkProd.get(i);
                int q = chunkQty.get(i);
                long list = online ? w.prodPriceCents[p] : w.localPriceCents(w.prodPriceCents[p], country);
                double disc = w.promo(p, d);
                long promoPrice = disc > 0 ? World.psychological(list / 100.0 * (1 - disc)) : list;
                slProd.add(p);
                slQty.add(q);
                slUnitCents.add((int) list);
                slDiscountCents.add((int) ((list - promoPrice) * q));
            }
            nextSo++;
        }
    }

    // ------------------------------------------------------------------ store closing

    private void closeStores(int d) {
        for (int l = 0; l < w.nLoc; l++) {
            if (w.locCloseDay[l] != d) {
                continue;
            }
            // everything left goes back to the distribution centre
            Docs.Transfer t = newTransfer(l, w.locParent[l], 0);
            t.isReturn = true;
            for (int k = w.locPairStart[l]; k < w.locPairEnd[l]; k++) {
                int q = avail[k] + blocked[k];
                if (q > 0) {
                    avail[k] = 0;
                    blocked[k] = 0;
                    touch(k);
                    t.prod.add(w.pairProd[k]);
                    t.qtyShipped.add(q);
                    t.qtyReceived.add(0);
                    onOrder[w.locPairOf[w.locParent[l]][w.pairProd[k]]] += q;
                }
            }
            if (t.prod.size() > 0) {
                t.shipDay = d;
                t.status = "shipped";
                t.expectedDay = d + 2;
                schedule(arrivals, t.expectedDay, t);
                transferOut.add(t);
            }
        }
    }

    // ------------------------------------------------------------------ replenishment

    private Docs.Transfer newTransfer(int from, int to, long storeOrderNo) {
        Docs.Transfer t = new Docs.Transfer();
        t.no = nextTransfer++;
        t.from = from;
        t.to = to;
        t.storeOrderNo = storeOrderNo;
        return t;
    }

    private boolean policyDecides(int p, int d) {
        return transferPolicy != null && transferPolicy.decides(p, d);
    }

    /**
     * The closed loop's transfers of the morning ({@link Generator.TransferPolicy}): each move of a product the policy
     * decides leaves its sender today, at most the sender's available stock, one transfer document per lane and day
     * (reason {@code replenishment} from the receiver's parent, else {@code rebalance}); it arrives after the lane's
     * transit time like the rule's transfers.
     */
    private void shipPolicyTransfers(int d) {
        if (transferPolicy == null) {
            return;
        }
        List<int[]> moves = transferPolicy.transfers(d);
        if (moves == null || moves.isEmpty()) {
            return;
        }
        java.util.Map<Long, Docs.Transfer> byLane = new java.util.TreeMap<>();
        for (int[] m : moves) {
            int p = m[0];
            int from = m[1];
            int to = m[2];
            int qty = m[3];
            if (qty <= 0 || from == to || !transferPolicy.decides(p, d)) {
                continue;
            }
            policyTransferAsked += qty;
            int fk = w.locPairOf[from][p];
            int tk = w.locPairOf[to][p];
            if (fk < 0 || tk < 0 || !stocked[fk] || !stocked[tk]) {
                continue; // the product is not kept at one of the two locations: nothing to move
            }
            int a = Math.min(qty, avail[fk]);
            if (a <= 0) {
                continue;
            }
            avail[fk] -= a;
            touch(fk);
            onOrder[tk] += a;
            policyTransferShipped += a;
            Docs.Transfer t = byLane.get(((long) from << 32) | to);
            if (t == null) {
                t = newTransfer(from, to, 0);
                t.isRebalance = w.locParent[to] != from;
                byLane.put(((long) from << 32) | to, t);
            }
            t.prod.add(p);
            t.qtyShipped.add(a);
            t.qtyReceived.add(0);
        }
        for (Docs.Transfer t : byLane.values()) {
            t.shipDay = d;
            t.status = "shipped";
            t.expectedDay = d + transit(t.from, t.to, t.no);
            schedule(arrivals, t.expectedDay, t);
            transferOut.add(t);
        }
    }

    /** Stores below s order up to S from their DC; the DC allocates what it has (reserved) and ships tomorrow. */
    private void replenishStores(int d) {
        int nStores = 0;
        for (int l = 0; l < w.nLoc; l++) {
            nStores += w.locType[l] == World.STORE ? 1 : 0;
        }
        int firstStore = w.nLoc - nStores;
        for (int i = 0; i < nStores; i++) {
            int l = firstStore + (i + d) % nStores; // rotate who is served first when the DC runs short
            if (d < w.locOpenDay[l] - 10 || d >= w.locCloseDay[l] - 5) {
                continue;
            }
            int dc = w.locParent[l];
            int[] dcPair = w.locPairOf[dc];
            Docs.StoreOrder so = null;
            Docs.Transfer t = null;
            for (int k = w.locPairStart[l]; k < w.locPairEnd[l]; k++) {
                int p = w.pairProd[k];
                if (!w.visible(p, d) || policyDecides(p, d)) {
                    continue;
                }
                int position = avail[k] + onOrder[k];
                if (position > sMin[k] || sMax[k] <= position) {
                    continue;
                }
                int dk = dcPair[p];
                if (w.discontinued(p, d) && avail[dk] == 0) {
                    continue;
                }
                int q = sMax[k] - position;
                if (so == null) {
                    so = new Docs.StoreOrder();
                    so.no = nextStoreOrder++;
                    so.store = l;
                    so.dc = dc;
                    so.day = d;
                    storeOrderOut.add(so);
                }
                int a = Math.min(q, avail[dk]);
                so.prod.add(p);
                so.qty.add(q);
                so.qtyAllocated.add(a);
                if (a > 0) {
                    avail[dk] -= a;
                    reserved[dk] += a;
                    touch(dk);
                    onOrder[k] += a;
                    if (t == null) {
                        t = newTransfer(dc, l, so.no);
                        pending.add(t);
                    }
                    t.prod.add(p);
                    t.qtyShipped.add(a);
                    t.qtyReceived.add(0);
                }
            }
        }
    }

    /** DCs and the webshop below s get transfers from the warehouse (allocated today, shipped tomorrow). */
    private void replenishFromWarehouse(int d) {
        int[] whPair = w.locPairOf[0];
        for (int l = 0; l < w.nLoc; l++) {
            if (w.locType[l] != World.DC && w.locType[l] != World.ONLINE) {
                continue;
            }
            Docs.Transfer t = null;
            for (int k = w.locPairStart[l]; k < w.locPairEnd[l]; k++) {
                if (!stocked[k]) {
                    continue;
                }
                int p = w.pairProd[k];
                if (!w.visible(p, d) || policyDecides(p, d)) {
                    continue;
                }
                int position = avail[k] + onOrder[k];
                if (position > sMin[k] || sMax[k] <= position) {
                    continue;
                }
                int wk = whPair[p];
                int a = Math.min(sMax[k] - position, avail[wk]);
                if (a <= 0) {
                    continue;
                }
                avail[wk] -= a;
                reserved[wk] += a;
                touch(wk);
                onOrder[k] += a;
                if (t == null) {
                    t = newTransfer(0, l, 0);
                    pending.add(t);
                }
                t.prod.add(p);
                t.qtyShipped.add(a);
                t.qtyReceived.add(0);
            }
        }
    }

    /** The warehouse orders from suppliers: one PO per supplier and day, lines rounded to packs and the MOQ. */
    private void purchase(int d) {
        Docs.Po[] bySupplier = new Docs.Po[w.nSup];
        List<Docs.Po> created = new ArrayList<>();
        for (int k = w.locPairStart[0]; k < w.locPairEnd[0]; k++) {
            int p = w.pairProd[k];
            if (!w.visible(p, d) || w.discontinued(p, d)) {
                continue;
            }
            int position = avail[k] + onOrder[k];
            int sup = w.prodSupplier[p];
            int pack = w.prodPack[p];
            int q;
            int decided = purchasePolicy == null ? -1 : purchasePolicy.quantity(p, d);
            if (decided == 0) {
                continue;
            } else if (decided > 0) {
                q = decided; // the pipeline's recommendation, already in packs and above the MOQ
            } else {
                if (position > sMin[k] || sMax[k] <= position) {
                    continue;
                }
                q = Math.max(sMax[k] - position, w.supMoq[sup]);
                q = (q + pack - 1) / pack * pack;
            }
            Docs.Po po = bySupplier[sup];
            if (po == null) {
                po = new Docs.Po();
                po.supplier = sup;
                po.loc = 0;
                po.orderDay = d;
                po.expectedDay = d + w.supLead[sup];
                bySupplier[sup] = po;
                created.add(po);
            }
            po.prod.add(p);
            po.qtyOrdered.add(q);
            po.unitCostCents.add((int) w.fxCents(w.prodCostCents[p], w.supCountry[sup]));
        }
        created.sort(Comparator.comparingInt(po -> po.supplier));
        for (Docs.Po po : created) {
            po.no = nextPo++;
            confirmAndSchedule(po, d);
            po.lastWritten = d;
            poOut.add(po);
        }
    }

    private void confirmAndSchedule(Docs.Po po, int d) {
        int sup = po.supplier;
        ev.reseed(independentDraws ? Rng.hash(seed, 143, sup, d) : Rng.hash(seed, 130, po.no));
        int lateDays = ev.nextDouble() < w.supOnTime[sup] ? ev.between(-1, 1) : ev.between(2, 12);
        int deliveryDay = d + Math.max(1, w.supLead[sup] + lateDays);
        boolean anyOpen = false;
        int[] pairOf = w.locPairOf[po.loc];
        for (int i = 0; i < po.prod.size(); i++) {
            int ordered = po.qtyOrdered.get(i);
            int pack = w.prodPack[po.prod.get(i)];
            if (independentDraws) {
                ev.reseed(Rng.hash(seed, 144, po.prod.get(i), d)); // this line's draws: its product and day only
            }
            double u = ev.nextDouble();
            int confirmed;
            if (u < w.supFill[sup]) {
                confirmed = ordered;
            } else if (u < w.supFill[sup] + (1 - w.supFill[sup]) * 0.75) {
                confirmed = Math.max(pack, (int) (ordered * (0.5 + 0.45 * ev.nextDouble())) / pack * pack);
                confirmed = Math.min(confirmed, ordered);
            } else {
                confirmed = 0; // line rejected by the supplier
            }
            po.qtyConfirmed.add(confirmed);
            po.qtyDelivered.add(0);
            po.outstanding.add(confirmed);
            onOrder[pairOf[po.prod.get(i)]] += confirmed;
            if (confirmed == 0) {
                po.openDeliveries.add(0);
                continue;
            }
            anyOpen = true;
            int total = confirmed;
            double v = ev.nextDouble();
            if (v < 0.04) {
                total = Math.max(0, confirmed - Math.max(1, (int) (confirmed * 0.2 * ev.nextDouble()))); // short
            } else if (v < 0.05) {
                total = confirmed + Math.max(1, (int) (ordered * 0.05 * ev.nextDouble())); // over-delivery ≤ 5 %
            }
            if (total > 1 && ev.nextDouble() < 0.12) {
                int first = Math.max(1, (int) (total * (0.6 + 0.3 * ev.nextDouble())));
                po.openDeliveries.add(2);
                schedule(deliveries, deliveryDay, new Docs.Delivery(po, i, first, false));
                schedule(deliveries, deliveryDay + ev.between(3, 10), new Docs.Delivery(po, i, total - first, true));
            } else if (total > 0) {
                po.openDeliveries.add(1);
                schedule(deliveries, deliveryDay, new Docs.Delivery(po, i, total, true));
            } else {
                po.openDeliveries.add(0);
                onOrder[pairOf[po.prod.get(i)]] -= confirmed;
                po.outstanding.set(i, 0);
            }
        }
        po.status = anyOpen ? "confirmed" : "cancelled";
    }
}
