package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.tenant.Scheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code cw schedule CODE --cron EXPR | --changes EXPR | --remove}, {@code cw schedule --list}. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Schedule a client's nightly pipeline (--cron) and its change processor (--changes) with pg_cron, "
                + "remove both, or --list jobs.")
public final class ScheduleCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CODE", description = "client code, e.g. CW-000200")
    String code;
    @Option(names = "--cron", description = "cron expression in the server's time zone (UTC), e.g. '0 2 * * *'")
    String cron;
    @Option(names = "--changes", description = "cron expression of the change processor (UI edits -> re-runs), "
            + "e.g. '*/5 * * * *'")
    String changes;
    @Option(names = "--remove", description = "remove the client's nightly and change-processor jobs")
    boolean remove;
    @Option(names = "--list", description = "list the pipeline jobs of this database")
    boolean list;

    @Override
    public Integer call() {
        Scheduler s = new Scheduler(Database.configured());
        if (list) {
            var jobs = s.list();
            if (jobs.isEmpty()) {
                System.out.println("no pipeline jobs scheduled");
            }
            for (var j : jobs) {
                System.out.printf("%-22s %-14s %-18s %-8s last run: %s%n", j.name(), j.schedule(), j.username(),
                        j.active() ? "active" : "inactive",
                        j.lastStatus() == null ? "never" : j.lastStatus() + " at " + j.lastStart());
            }
            return 0;
        }
        if (code == null) {
            throw new CwException("give a client code (cw schedule CW-000200 --cron '0 2 * * *' "
                    + "--changes '*/5 * * * *') or --list", 2);
        }
        com.catwing.cw.db.Migrator.Tenant.of(code);
        if (remove == (cron != null || changes != null)) {
            throw new CwException("give --cron EXPR and/or --changes EXPR, or --remove alone", 2);
        }
        if (remove) {
            boolean removed = s.removeIfPresent(code);
            System.out.println(removed ? "schedule of " + code + " removed" : code + " had no schedule");
            return 0;
        }
        String owner = com.catwing.cw.db.Migrator.Tenant.of(code).ownerRole();
        if (cron != null) {
            long id = s.schedule(code, cron);
            System.out.printf("%s scheduled: '%s' (pg_cron job %d, runs as %s)%n", code, cron, id, owner);
        }
        if (changes != null) {
            long id = s.scheduleChanges(code, changes);
            System.out.printf("%s change processor scheduled: '%s' (pg_cron job %d, runs as %s)%n", code, changes, id,
                    owner);
        }
        return 0;
    }
}
