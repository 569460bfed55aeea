package com.catwing.cw.recovery;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/** The disaster-recovery commands: backup, restore, rebuild, verify, journal (docs/recovery.md). */
public final class RecoveryCommands {
    private RecoveryCommands() {
    }

    /** {@code cw backup CW-000200 [--date D]} / {@code cw backup --list [CW-000200]}. */
    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Dump one client (its three schemas, cw_global rows, pg_cron job) gzip-compressed to S3 "
                    + "db-backups/daily/{client}/{date}.sql.gz (and weekly/), then apply the retention settings; "
                    + "--list shows the backups.")
    public static final class Backup implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "CODE", description = "client code, e.g. CW-000200")
        String code;
        @Option(names = "--list", description = "list the backups (of CODE, or of every client)")
        boolean list;
        @Option(names = "--date", description = "date of the backup's key (default: the client's today)")
        LocalDate date;

        @Override
        public Integer call() {
            try (S3Store s3 = S3Store.open()) {
                if (list) {
                    Recovery r = new Recovery(null, s3, System.out);
                    List<Recovery.BackupInfo> all = r.list(code);
                    System.out.printf("%-7s %-10s %-10s %14s  %s%n", "kind", "client", "label", "bytes", "key");
                    for (Recovery.BackupInfo b : all) {
                        System.out.printf("%-7s %-10s %-10s %,14d  %s%n", b.kind(), b.client(), b.label(), b.size(),
                                b.key());
                    }
                    if (all.isEmpty()) {
                        System.out.println("(no backups" + (code == null ? "" : " of " + Tenant.of(code).code()) + ")");
                    }
                    return 0;
                }
                if (code == null) {
                    throw new CwException("give a client code (cw backup CW-000200) or --list", 2);
                }
                Database db = Database.configured();
                s3.ensureBucket();
                Recovery.BackupResult res = new Recovery(db, s3, System.out).backup(code, date);
                System.out.printf("backup written: %s (%,d bytes compressed, %.1f s)%s%n", res.key(), res.bytes(),
                        res.seconds(), res.weeklyKey() == null ? "" : "; weekly copy " + res.weeklyKey());
                for (String d : res.deleted()) {
                    System.out.println("retention: deleted " + d);
                }
            }
            return 0;
        }
    }

    /** {@code cw restore CW-000200 [--backup KEY] [--no-replay]}. */
    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Option A, fast recovery: restore a client's backup (one transaction), bring it to the "
                    + "current migrations, put back its pg_cron job, then replay every raw file dated after the "
                    + "backup with the UI edits made since, running the pipeline for each date.")
    public static final class Restore implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
        String code;
        @Option(names = "--backup", paramLabel = "KEY", description = "S3 key of the backup (default: the latest daily)")
        String key;
        @Option(names = "--no-replay", description = "restore only; do not replay the raw files after the backup")
        boolean noReplay;

        @Override
        public Integer call() {
            Tenant.of(code);
            Database db = Database.configured();
            try (S3Store s3 = S3Store.open()) {
                Recovery.RestoreResult res = new Recovery(db, s3, System.out).restore(code, key, !noReplay);
                System.out.printf("restore of %s done: backup %s restored in %.1f s, %d day(s) replayed in %.1f s%n",
                        Tenant.of(code).code(), res.key(), res.restoreSeconds(), res.replayed().size(),
                        res.replaySeconds());
            }
            return 0;
        }
    }

    /** {@code cw rebuild CW-000200 [--into CW-000299] [--yes]}. */
    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Option B, full rebuild: an empty client from the migrations, every raw file replayed "
                    + "in date order with the journaled UI edits, the pipeline run for every date. In place it "
                    + "drops the client's schemas first (--yes required); --into builds a new client to compare.")
    public static final class Rebuild implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "client whose raw files and UI edits are replayed")
        String code;
        @Option(names = "--into", paramLabel = "TARGET", description = "a new client to build (must not exist)")
        String into;
        @Option(names = "--yes", description = "confirm an in-place rebuild (drops the client's schemas)")
        boolean yes;

        @Override
        public Integer call() {
            Tenant source = Tenant.of(code);
            if (into != null) {
                Tenant.of(into);
            }
            if ((into == null || Tenant.of(into).equals(source)) && !yes) {
                throw new CwException("an in-place rebuild drops every table of " + source.code() + " and builds it "
                        + "again from S3: add --yes, or rebuild into a new client with --into CW-nnnnnn", 2);
            }
            Database db = Database.configured();
            try (S3Store s3 = S3Store.open()) {
                new Recovery(db, s3, System.out).rebuild(code, into);
            }
            return 0;
        }
    }

    /** {@code cw onboard CW-000200 [--date D]}. */
    @Command(name = "onboard", mixinStandardHelpOptions = true,
            description = "Onboard a new client with history: load its initial export (one date whose order files "
                    + "hold every past order) in one load and run the pipeline once for the whole client, computing "
                    + "demand history, behaviours and everything after over the whole history (docs/recovery.md).")
    public static final class Onboard implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "a registered client without pipeline runs")
        String code;
        @Option(names = "--date", description = "date of the initial export (default: the client's first raw date)")
        LocalDate date;

        @Override
        public Integer call() {
            Tenant.of(code);
            Database db = Database.configured();
            try (S3Store s3 = S3Store.open()) {
                Recovery.OnboardResult res = new Recovery(db, s3, System.out).onboard(code, date);
                return res.status().equals("succeeded") ? 0 : 4;
            }
        }
    }

    /** {@code cw verify CW-000200 CW-000299}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Compare two clients table by table (checksum over business columns; surrogate ids, "
                    + "audit timestamps and run logs excluded, docs/recovery.md). Exit 0 when equal, 6 when not.")
    public static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A", description = "a client code")
        String a;
        @Parameters(index = "1", paramLabel = "B", description = "another client code")
        String b;
        @Option(names = "--all", description = "list every table, not only those that differ")
        boolean all;

        @Override
        public Integer call() {
            Database db = Database.configured();
            Tenants.require(db, a);
            Tenants.require(db, b);
            List<Recovery.TableDiff> diffs = new Recovery(db, null, System.out).verify(a, b);
            long different = diffs.stream().filter(d -> !d.equal()).count();
            System.out.printf("%-10s %-30s %12s %12s  %s%n", "schema", "table", Tenant.of(a).code(),
                    Tenant.of(b).code(), "");
            for (Recovery.TableDiff d : diffs) {
                if (all || !d.equal()) {
                    System.out.printf("%-10s %-30s %,12d %,12d  %s%n", d.kind(), d.table(), d.rowsA(), d.rowsB(),
                            d.equal() ? "equal" : d.rowsA() < 0 || d.rowsB() < 0 ? "MISSING" : "DIFFERENT");
                }
            }
            System.out.printf("%d table(s) compared, %d differ%n", diffs.size(), different);
            return different == 0 ? 0 : 6;
        }
    }

    /** {@code cw journal flush CW-000200}. */
    @Command(name = "journal", mixinStandardHelpOptions = true,
            description = "Copy a client's UI edits not yet in S3 to ui-edits/{client}/ (append-only).")
    public static final class Journal implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "flush", description = "the action: flush")
        String action;
        @Parameters(index = "1", paramLabel = "CODE", description = "client code")
        String code;

        @Override
        public Integer call() {
            if (!"flush".equals(action)) {
                throw new CwException("unknown journal action '" + action + "' (use: cw journal flush CODE)", 2);
            }
            Database db = Database.configured();
            Tenant t = Tenants.require(db, code);
            try (S3Store s3 = S3Store.open()) {
                int n = new Recovery(db, s3, System.out).flushJournal(t);
                if (n == 0) {
                    System.out.println("journal: nothing new to copy");
                }
            }
            return 0;
        }
    }
}
