package com.catwing.cw.bench;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.generate.Generator;
import com.catwing.cw.generate.GeneratorConfig;
import com.catwing.cw.generate.Sink;
import com.catwing.cw.recovery.Recovery;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cw bench recovery} (issue 18 point 5): on a generated world, times a backup, a restore after the loss of the
 * last days (restore + replay), a full rebuild into a new client, and the one-batch onboarding of the same world
 * (its whole history as one initial export: one load, one run). Three throw-away clients: the live one (built day by
 * day, then backed up and restored), the rebuilt copy (verified equal to the live one) and the onboarded one.
 * Results: docs/benchmarks.md#recovery, docs/recovery.md.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = {"Benchmark disaster recovery: backup, restore + replay of the last days, full rebuild (cost "
                + "per replayed day) and one-batch onboarding of the same history.",
                "Creates (and afterwards drops) three bench clients; generates their ERP data into S3."})
public final class BenchRecoveryCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "CW-900501", description = "live bench client; the rebuild goes into "
            + "the next code, the onboarding into the one after (default ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--days", defaultValue = "60", description = "days generated (default ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--products", defaultValue = "200", description = "products (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "8", description = "locations (default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--lost-days", defaultValue = "5", description = "days lost after the backup, replayed by the "
            + "restore (default ${DEFAULT-VALUE})")
    int lostDays;
    @Option(names = "--keep", description = "keep the bench clients afterwards")
    boolean keep;

    @Override
    public Integer call() {
        if (days < 3 || products < 10 || locations < 4 || lostDays < 1 || lostDays >= days) {
            throw new CwException("invalid bench size: --days >= 3, --products >= 10, --locations >= 4, "
                    + "1 <= --lost-days < --days", 2);
        }
        Tenant live = Tenant.of(client);
        Tenant copy = Tenant.of(String.format("CW-%06d", live.number() + 1));
        Tenant onboard = Tenant.of(String.format("CW-%06d", live.number() + 2));
        Database db = Database.configured();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Tenants tenants = new Tenants(db, quiet);
        for (Tenant t : List.of(live, copy, onboard)) {
            if (tenants.exists(t.code())) {
                tenants.drop(t.code());
            }
        }
        LocalDate start = LocalDate.of(2025, 1, 6);
        LocalDate backupDay = start.plusDays(days - lostDays - 1L);
        System.out.printf(Locale.ROOT, "bench recovery: %,d products x %d locations x %d days (%s .. %s); live %s, "
                        + "rebuild into %s, onboarding %s%n", products, locations, days, start,
                start.plusDays(days - 1L), live.code(), copy.code(), onboard.code());
        try (S3Store s3 = S3Store.open()) {
            s3.ensureBucket();
            Recovery recovery = new Recovery(db, s3, System.out);
            long g0 = System.nanoTime();
            GeneratorConfig cfg = new GeneratorConfig(live.code(), start, days, products, locations, 20, 42,
                    "catwing", "none");
            Generator.Stats st = new Generator(cfg, Sink.s3(s3)).run((done, total, soFar) -> { });
            new Generator(new GeneratorConfig(onboard.code(), start, days, products, locations, 20, 42, "catwing",
                    "none").withOnboardingDays(days), Sink.s3(s3)).run((done, total, soFar) -> { });
            System.out.printf(Locale.ROOT, "generated %,d records a world, daily and as one initial export (%.0f s)%n",
                    st.records, (System.nanoTime() - g0) / 1e9);
            try {
                tenants.create(live.code(), "recovery benchmark", "EUR", "Europe/Berlin", "catwing");
                tenants.create(onboard.code(), "recovery benchmark (onboarding)", "EUR", "Europe/Berlin", "catwing");
                List<LocalDate> dates = new ArrayList<>(recovery.rawDates(live));
                System.out.printf("building the live client day by day up to the backup (%s) ...%n", backupDay);
                long l0 = System.nanoTime();
                recovery.replayDays(live, dates.stream().filter(d -> !d.isAfter(backupDay)).toList());
                double liveSeconds = (System.nanoTime() - l0) / 1e9;
                Recovery.BackupResult backup = recovery.backup(live.code(), backupDay);
                System.out.printf("... then the %d day(s) after it, which the restore will replay%n", lostDays);
                recovery.replayDays(live, dates.stream().filter(d -> d.isAfter(backupDay)).toList());

                System.out.println("restore of the backup + replay of the lost days ...");
                Recovery.RestoreResult restore = recovery.restore(live.code(), backup.key(), true);

                System.out.println("full rebuild into a new client ...");
                Recovery.RebuildResult rebuild = recovery.rebuild(live.code(), copy.code());
                List<String> differing = recovery.verify(live.code(), copy.code()).stream().filter(d -> !d.equal())
                        .map(Recovery.TableDiff::table).toList();
                long different = differing.size();

                System.out.println("one-batch onboarding of the same history ...");
                Recovery.OnboardResult once = recovery.onboard(onboard.code(), null);

                int replayed = rebuild.days().size();
                System.out.println();
                System.out.printf(Locale.ROOT, "%-44s %10s  %s%n", "operation", "seconds", "detail");
                System.out.printf(Locale.ROOT, "%-44s %10.1f  %s%n", "backup (pg_dump -> gzip -> S3)", backup.seconds(),
                        String.format(Locale.ROOT, "%,d bytes compressed", backup.bytes()));
                System.out.printf(Locale.ROOT, "%-44s %10.1f  %s%n", "restore (one transaction, migrate, cron)",
                        restore.restoreSeconds(), "");
                System.out.printf(Locale.ROOT, "%-44s %10.1f  %s%n", "  + replay of the lost days",
                        restore.replaySeconds(), String.format(Locale.ROOT, "%d day(s), %.1f s a day",
                                restore.replayed().size(), restore.replaySeconds() / restore.replayed().size()));
                System.out.printf(Locale.ROOT, "%-44s %10.1f  %s%n", "full rebuild into a new client",
                        rebuild.seconds(), String.format(Locale.ROOT, "%d day(s), %.2f s per replayed day; verify: %s",
                                replayed, rebuild.seconds() / replayed,
                                different == 0 ? "equal" : different + " table(s) differ: " + differing));
                System.out.printf(Locale.ROOT, "%-44s %10.1f  %s%n", "one-batch onboarding (one load, one run)",
                        once.loadSeconds() + once.runSeconds(), String.format(Locale.ROOT, "load %.1f s, run %.1f s, "
                                + "%,d demand rows from %s", once.loadSeconds(), once.runSeconds(), once.demandRows(),
                                once.firstDemandDate()));
                System.out.printf(Locale.ROOT, "%-44s %10.1f  %s%n", "(day-by-day build of the live client)",
                        liveSeconds, String.format(Locale.ROOT, "%d day(s) up to the backup", dates.stream()
                                .filter(d -> !d.isAfter(backupDay)).count()));
                return different == 0 ? 0 : 6;
            } finally {
                if (!keep) {
                    System.out.println("dropping the bench clients (--keep keeps them)");
                    for (Tenant t : List.of(live, copy, onboard)) {
                        if (tenants.exists(t.code())) {
                            tenants.drop(t.code());
                        }
                    }
                }
            }
        }
    }
}
