package com.catwing.cw.bench;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Tenants;
import com.catwing.cw.simulate.ClosedLoop;
import com.catwing.cw.simulate.SimulateCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cw bench uplift} (issue 15 point 4): the closed loop of {@code cw simulate closed-loop} on a throw-away client,
 * its recovered against true effects per impact type, and step uplift's time — every night of the loop, and one
 * restatement of every decision and impact at the end (a run scoped to every product) — next to one full run of step
 * behaviors on the same world. Results: docs/benchmarks.md "uplift".
 *
 * <p>{@code --m-scale --reuse}: no closed loop; the step's nightly time at M-scale on a behaviours bench world kept by
 * {@code cw bench behaviors --keep} (default client CW-900201), next to the full behaviours step of the same run
 * ({@link UpliftMScale}; docs/benchmarks.md "upliftm").
 */
@Command(name = "uplift", mixinStandardHelpOptions = true,
        description = {"Benchmark step 13 (uplift) in the closed loop: recovered vs true effects per impact type, and "
                + "the step's time next to step behaviors.", "Creates (and afterwards drops) the bench client; "
                + "generates its ERP data into S3.", "With --m-scale --reuse: the step's nightly time at M-scale on a "
                + "world kept by bin/cw bench behaviors --keep (synthetic recommendations and orders loaded into it), "
                + "next to the full behaviours step."})
public final class BenchUpliftCommand implements Callable<Integer> {
    @Option(names = "--client", description = "throw-away client (default CW-900413; with --m-scale the behaviours "
            + "bench world CW-900201)")
    String client;
    @Option(names = "--products", defaultValue = "200", description = "products (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "4", description = "locations (default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--suppliers", defaultValue = "10", description = "suppliers (default ${DEFAULT-VALUE})")
    int suppliers;
    @Option(names = "--days", defaultValue = "120", description = "days (default ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--window-days", defaultValue = "21", description = "uplift.measurement_window_days "
            + "(default ${DEFAULT-VALUE})")
    int windowDays;
    @Option(names = "--warmup-days", defaultValue = "21", description = "days before the buyer follows "
            + "(default ${DEFAULT-VALUE})")
    int warmupDays;
    @Option(names = "--seed", defaultValue = "42", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--start", defaultValue = "2024-03-04", description = "first day (default ${DEFAULT-VALUE})")
    LocalDate start;
    @Option(names = "--follow", defaultValue = "both", description = "which recommendations the treated products "
            + "follow: po, to or both (default ${DEFAULT-VALUE})")
    String follow;
    @Option(names = "--out", description = "directory for the CSV files (default: .cw/closed-loop/<client>)")
    Path out;
    @Option(names = "--keep", description = "keep the bench client afterwards")
    boolean keep;
    @Option(names = "--m-scale", description = "time the step at M-scale on a kept behaviours bench world instead of "
            + "the closed loop: loads recommendations of both sides at the closed loop's rates, the orders that "
            + "follow half of them, classes and inventory_daily into it, then times a first night (everything due) "
            + "and --nights ordinary nights next to the full behaviours step (needs --reuse)")
    boolean mScale;
    @Option(names = "--reuse", description = "--m-scale: use the world kept by bin/cw bench behaviors --keep as it is "
            + "(its recommendations and orders are replaced; it is never dropped)")
    boolean reuse;
    @Option(names = "--rec-days", defaultValue = "60", description = "--m-scale: days of recommendations up to the "
            + "world's last day (default ${DEFAULT-VALUE})")
    int recDays;
    @Option(names = "--nights", defaultValue = "2", description = "--m-scale: ordinary nights timed after the first "
            + "(default ${DEFAULT-VALUE})")
    int nights;
    @Option(names = "--slow-seconds", defaultValue = "5", description = "--m-scale: report the step's statements "
            + "slower than this (auto_explain; default ${DEFAULT-VALUE})")
    double slowSeconds;

    @Override
    public Integer call() throws Exception {
        if (mScale || reuse) {
            return mScale();
        }
        if (client == null) {
            client = "CW-900413";
        }
        Path dir = out != null ? out : Path.of(System.getenv().getOrDefault("CW_HOME", "."), ".cw", "closed-loop",
                client);
        try (BenchClient bench = BenchClient.create(client, "Bench Uplift", keep); S3Store s3 = S3Store.open()) {
            ClosedLoop.Options o = new ClosedLoop.Options(client, start, days, products, locations, suppliers, seed,
                    windowDays, warmupDays, dir, ClosedLoop.Follow.parse(follow));
            ClosedLoop.Result r = new ClosedLoop(bench.db, bench.tenant, System.out).run(o, s3);
            LocalDate last = start.plusDays(days - 1L);
            System.out.println("== step uplift restating every decision and impact (a run scoped to every product) "
                    + "next to a full run of step behaviors, " + last);
            double restate = restateAll(bench, last);
            double behaviors = bench.time(last, "behaviors");
            long impacts;
            long toImpacts;
            try (Connection c = bench.db.connect(); Statement st = c.createStatement(); ResultSet rs =
                    st.executeQuery("select (select count(*) from " + bench.schema
                            + ".purchase_order_recommendation_impacts), (select count(*) from " + bench.schema
                            + ".transfer_order_recommendation_impacts)")) {
                rs.next();
                impacts = rs.getLong(1);
                toImpacts = rs.getLong(2);
            }
            SimulateCommand.report(System.out, r);
            System.out.printf(Locale.ROOT, "uplift restatement (%,d PO and %,d TO impact rows): %.1f s; behaviors "
                    + "full run: %.1f s; nightly totals over %d days: uplift %.1f s, behaviors %.1f s%n", impacts,
                    toImpacts, restate, behaviors, days, r.upliftSeconds(), r.behaviorsSeconds());
            System.out.println("files: " + dir);
        }
        return 0;
    }

    /** --m-scale --reuse: the kept behaviours bench world, its recommendations loaded, nights timed. */
    private int mScale() throws Exception {
        if (!mScale || !reuse) {
            throw new CwException("--m-scale and --reuse go together: build the world with bin/cw bench behaviors "
                    + "--keep, then bin/cw bench uplift --m-scale --reuse", 2);
        }
        if (recDays < 1 || nights < 0 || slowSeconds < 0) {
            throw new CwException("invalid --m-scale options: --rec-days >= 1, --nights >= 0, --slow-seconds >= 0", 2);
        }
        Tenant t = Tenant.of(client == null ? "CW-900201" : client);
        Database db = Database.configured();
        if (!new Tenants(db, new PrintStream(OutputStream.nullOutputStream())).exists(t.code())) {
            throw new CwException("--m-scale --reuse: the bench client " + t.code() + " does not exist: build it first "
                    + "with bin/cw bench behaviors --client " + t.code() + " --keep", 2);
        }
        new UpliftMScale(db, t.schema(), recDays, nights, slowSeconds).run();
        return 0;
    }

    /** Step uplift for {@code day} scoped to every product: every decision re-checked, every impact restated. */
    private static double restateAll(BenchClient bench, LocalDate day) throws Exception {
        try (Connection c = bench.db.connect()) {
            c.setAutoCommit(true);
            String scope;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select jsonb_build_object("
                    + "'products', jsonb_agg(products.erp_id order by products.erp_id))::text from " + bench.schema
                    + ".products")) {
                rs.next();
                scope = rs.getString(1);
            }
            long t0 = System.nanoTime();
            try (CallableStatement cs = c.prepareCall("call " + bench.schema
                    + ".run_pipeline(?::date, 'uplift', 'uplift', ?::jsonb)")) {
                cs.setObject(1, day);
                cs.setString(2, scope);
                cs.execute();
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
