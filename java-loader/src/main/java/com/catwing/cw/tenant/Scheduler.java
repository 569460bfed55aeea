package com.catwing.cw.tenant;

import com.catwing.cw.Cw;
import com.catwing.cw.CwException;
import com.catwing.cw.Env;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Nightly runs through pg_cron. pg_cron lives in one database of the server (CW_CRON_DATABASE, default
 * 'postgres', as on RDS); each client's job runs in the pipeline database as the client's owner role.
 */
public final class Scheduler {
    private final Database db;

    public Scheduler(Database db) {
        this.db = db;
    }

    public static String jobName(Tenant t) {
        return t.schema() + "_pipeline";
    }

    /** The change processor's job (cyclicity, docs/cyclicity.md). */
    public static String changesJobName(Tenant t) {
        return t.schema() + "_changes";
    }

    /** The nightly job: pending UI change events first, then the pipeline for the client's local date. */
    public static String command(Tenant t) {
        return "call " + t.schema() + ".run_nightly(" + t.schema() + ".client_today())";
    }

    public static String changesCommand(Tenant t) {
        return "call " + t.schema() + ".process_change_events()";
    }

    private Database cronDb() {
        return db.withDatabase(Env.get("CW_CRON_DATABASE", "postgres"));
    }

    public record Job(long id, String name, String schedule, String database, String username, boolean active,
                      String lastStatus, String lastStart) {
    }

    /** Creates or replaces the client's nightly job; returns its job id. */
    public long schedule(String code, String cron) {
        Tenant t = Tenants.require(db, code);
        return schedule(t, jobName(t), cron, command(t));
    }

    /** Creates or replaces the client's change-processor job (every few minutes); returns its job id. */
    public long scheduleChanges(String code, String cron) {
        Tenant t = Tenants.require(db, code);
        return schedule(t, changesJobName(t), cron, changesCommand(t));
    }

    private long schedule(Tenant t, String jobName, String cron, String command) {
        if (cron == null || cron.isBlank()) {
            throw new CwException("empty cron expression (five fields: minute hour day-of-month month day-of-week, "
                    + "e.g. '0 2 * * *')", 2);
        }
        try (Connection c = cronDb().connect()) {
            c.setAutoCommit(false);
            unschedule(c, jobName);
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "select cron.schedule_in_database(?, ?, ?, ?, ?, true)")) {
                ps.setString(1, jobName);
                ps.setString(2, cron.trim());
                ps.setString(3, command);
                ps.setString(4, db.databaseName());
                ps.setString(5, t.ownerRole());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            } catch (SQLException e) {
                c.rollback();
                if (e.getMessage() != null && e.getMessage().contains("invalid schedule")) {
                    throw new CwException("invalid cron expression '" + cron + "' (five fields: minute hour "
                            + "day-of-month month day-of-week, e.g. '0 2 * * *')", 2);
                }
                throw e;
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            throw new CwException("scheduling " + t.code() + " failed: " + Cw.Errors.oneLine(e)
                    + " (pg_cron must be installed in database " + cronDb().databaseName() + ")", 3);
        }
    }

    /** Removes the client's nightly and change-processor jobs; true when there was one. */
    public boolean removeIfPresent(String code) {
        Tenant t = Tenant.of(code);
        try (Connection c = cronDb().connect()) {
            return unschedule(c, jobName(t)) + unschedule(c, changesJobName(t)) > 0;
        } catch (SQLException e) {
            if ("3F000".equals(e.getSQLState()) || "42P01".equals(e.getSQLState())) {
                return false;
            }
            throw new CwException("removing the schedule of " + t.code() + " failed: " + Cw.Errors.oneLine(e), 3);
        }
    }

    private int unschedule(Connection c, String jobName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select cron.unschedule(jobid) from cron.job where jobname = ? and database = ?")) {
            ps.setString(1, jobName);
            ps.setString(2, db.databaseName());
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    public List<Job> list() {
        List<Job> jobs = new ArrayList<>();
        String sql = """
                select job.jobid, job.jobname, job.schedule, job.database, job.username, job.active,
                       last_run.status, to_char(last_run.start_time, 'YYYY-MM-DD HH24:MI:SS')
                from cron.job
                left join lateral (
                    select job_run_details.status, job_run_details.start_time
                    from cron.job_run_details
                    where job_run_details.jobid = job.jobid
                    order by job_run_details.start_time desc nulls last
                    limit 1
                ) as last_run on true
                where (job.jobname like 'cw\\_%\\_pipeline' or job.jobname like 'cw\\_%\\_changes') and job.database = ?
                order by job.jobname""";
        try (Connection c = cronDb().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, db.databaseName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new CwException("listing schedules failed: " + Cw.Errors.oneLine(e), 3);
        }
        return jobs;
    }
}
