package com.catwing.cw.simulate;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cw simulate ...}: simulations that run the pipeline against a generated world. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulations that run the pipeline against a generated world (docs/uplift.md).",
        subcommands = SimulateCommand.ClosedLoopCommand.class)
public final class SimulateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code cw simulate closed-loop}: issue 15 point 3. */
    @Command(name = "closed-loop", mixinStandardHelpOptions = true,
            description = "Run a generated world twice (as is, and with the buyer following the pipeline's purchase "
                    + "and/or transfer recommendations for a random half of the products), then compare step uplift's estimates "
                    + "with the true effect (docs/uplift.md \"Closed loop with known truth\").")
    public static final class ClosedLoopCommand implements Callable<Integer> {
        @Option(names = "--client", defaultValue = "CW-000950", description = "client to create (default: ${DEFAULT-VALUE})")
        String client;
        @Option(names = "--replace", description = "drop the client first if it exists (all its data)")
        boolean replace;
        @Option(names = "--start", defaultValue = "2024-03-04", description = "first day (default: ${DEFAULT-VALUE})")
        LocalDate start;
        @Option(names = "--days", defaultValue = "60", description = "days (default: ${DEFAULT-VALUE})")
        int days;
        @Option(names = "--products", defaultValue = "60", description = "products (default: ${DEFAULT-VALUE})")
        int products;
        @Option(names = "--locations", defaultValue = "4", description = "locations (default: ${DEFAULT-VALUE})")
        int locations;
        @Option(names = "--suppliers", defaultValue = "6", description = "suppliers (default: ${DEFAULT-VALUE})")
        int suppliers;
        @Option(names = "--seed", defaultValue = "42", description = "seed of the world and of the treated half "
                + "(default: ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--window-days", defaultValue = "14", description = "uplift measurement window, days "
                + "(setting uplift.measurement_window_days for this client; default: ${DEFAULT-VALUE})")
        int windowDays;
        @Option(names = "--warmup-days", defaultValue = "14", description = "days before the buyer starts following "
                + "the pipeline (default: ${DEFAULT-VALUE})")
        int warmupDays;
        @Option(names = "--follow", defaultValue = "both", description = "which recommendations the treated "
                + "products follow: po (purchase orders; transfers keep the generator's rule), to (transfer orders; "
                + "purchases keep the rule) or both (default: ${DEFAULT-VALUE})")
        String follow;
        @Option(names = "--out", description = "directory for the CSV files (default: .cw/closed-loop/<client>)")
        Path out;

        @Override
        public Integer call() throws Exception {
            Tenant t = Tenant.of(client);
            Database db = Database.configured();
            Tenants tenants = new Tenants(db, new PrintStream(OutputStream.nullOutputStream()));
            tenants.migrateAll();
            if (tenants.exists(t.code())) {
                if (!replace) {
                    throw new CwException("client " + t.code() + " exists; the closed loop needs a new client "
                            + "(add --replace to drop it and all its data, or choose another --client)", 2);
                }
                tenants.drop(t.code());
            }
            tenants.create(t.code(), "Closed Loop Retail", "EUR", "Europe/Berlin", "catwing");
            Path dir = out != null ? out : Path.of(System.getenv().getOrDefault("CW_STATE",
                    System.getenv().getOrDefault("CW_HOME", ".") + "/.cw"), "closed-loop", t.code());
            ClosedLoop.Options o = new ClosedLoop.Options(t.code(), start, days, products, locations, suppliers,
                    seed, windowDays, warmupDays, dir, ClosedLoop.Follow.parse(follow));
            ClosedLoop.Result r;
            try (S3Store s3 = S3Store.open()) {
                r = new ClosedLoop(db, t, System.out).run(o, s3);
            }
            report(System.out, r);
            System.out.println("files: " + dir + "/{truth-daily,truth-pairs-daily,truth-products,impacts-vs-truth,"
                    + "comparison}.csv");
            return 0;
        }
    }

    /** The summary lines every closed-loop run prints. */
    public static void report(PrintStream out, ClosedLoop.Result r) {
        out.printf(Locale.ROOT, "treated %d of %d products; %d purchase-order and %d transfer-order recommendations "
                        + "followed (transfers: %d units asked, %d shipped; a sender ships at most its available "
                        + "stock); %d day(s) stopped by the quality gate%n", r.treated(), r.products(),
                r.recommendationsFollowed(), r.transfersFollowed(), r.transferUnitsAsked(), r.transferUnitsShipped(),
                r.gateFailures());
        out.printf(Locale.ROOT, "world A %.1f s; world B %.1f s (pipeline %.1f s, of which step uplift %.1f s and "
                + "step behaviors %.1f s)%n", r.worldASeconds(), r.worldBSeconds(), r.pipelineSeconds(),
                r.upliftSeconds(), r.behaviorsSeconds());
        long treatedLost = 0;
        long untreatedDiff = 0;
        for (String line : r.productTruth().subList(1, r.productTruth().size())) {
            String[] f = line.split(",", -1);
            long effect = f[4].isEmpty() ? 0 : Long.parseLong(f[4]);
            if (f[1].equals("t")) {
                treatedLost += effect;
            } else {
                untreatedDiff += Math.abs(effect);
            }
        }
        out.printf("true effect on lost sales after the warm-up: %+d units over the treated products; untreated "
                + "products differ by %d units in total, and in %d product x location days (0 and 0 expected: their "
                + "histories are the same)%n", treatedLost, untreatedDiff, r.untreatedPairDaysDiffering());
        ClosedLoop.print(out, r.comparisons());
    }
}
