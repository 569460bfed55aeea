package com.catwing.cw.tenant;

import com.catwing.cw.Cw;
import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;

import java.io.PrintStream;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Calls a client's run_pipeline and shows what each step did. */
public final class Pipeline {
    private final Database db;
    private final PrintStream out;

    public Pipeline(Database db, PrintStream out) {
        this.db = db;
        this.out = out;
    }

    /** Runs the pipeline; prints the step table; a failed or stopped run ends in a CwException (exit 4). */
    public void run(String code, LocalDate date, String fromStep, String toStep, String scopeJson) {
        Tenant t = Tenants.require(db, code);
        SQLException failure = null;
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            LocalDate runDate = date;
            if (runDate == null) {
                try (ResultSet rs = c.createStatement().executeQuery("select " + t.schema() + ".client_today()")) {
                    rs.next();
                    runDate = rs.getObject(1, LocalDate.class);
                }
            }
            out.printf("running the pipeline for %s on %s%s%n", t.code(), runDate,
                    scopeJson == null ? "" : " scope " + scopeJson);
            try (CallableStatement cs = c.prepareCall(
                    "call " + t.schema() + ".run_pipeline(?::date, ?, ?, ?::jsonb)")) {
                cs.setObject(1, runDate);
                cs.setString(2, fromStep);
                cs.setString(3, toStep);
                cs.setString(4, scopeJson);
                try {
                    cs.execute();
                } catch (SQLException e) {
                    failure = e;
                }
                for (SQLWarning w = cs.getWarnings(); w != null; w = w.getNextWarning()) {
                    out.println("note: " + w.getMessage());
                }
            }
            if (failure == null || isRecorded(failure)) {
                printLastRun(c, t, runDate);
            }
        } catch (SQLException e) {
            throw new CwException(Cw.Errors.oneLine(e), 3);
        }
        if (failure != null) {
            throw new CwException(Cw.Errors.oneLine(failure), isRecorded(failure) ? 4 : 2);
        }
    }

    private static boolean isRecorded(SQLException e) {
        return "CW012".equals(e.getSQLState()) || "CW015".equals(e.getSQLState());
    }

    /** Prints the steps of the latest run for a date (the view latest_run_steps). */
    public void printLastRun(Connection c, Tenant t, LocalDate runDate) throws SQLException {
        String sql = """
                select step_no, step_name, status, seconds, rows_in, rows_out, note, pipeline_run_id, run_status
                from %1$s.latest_run_steps where run_date = ? order by step_no""".formatted(t.schema());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, runDate);
            try (ResultSet rs = ps.executeQuery()) {
                boolean header = false;
                String runStatus = null;
                long runId = 0;
                while (rs.next()) {
                    if (!header) {
                        out.printf("%3s  %-19s %-10s %8s %10s %10s  %s%n", "#", "step", "status", "seconds",
                                "rows in", "rows out", "note");
                        header = true;
                    }
                    out.printf("%3d  %-19s %-10s %8s %10s %10s  %s%n", rs.getInt(1), rs.getString(2),
                            rs.getString(3), rs.getString(4) == null ? "" : rs.getString(4),
                            rs.getString(5) == null ? "" : rs.getString(5),
                            rs.getString(6) == null ? "" : rs.getString(6), abbreviate(rs.getString(7), 90));
                    runStatus = rs.getString(9);
                    runId = rs.getLong(8);
                }
                if (header) {
                    out.printf("run %d: %s%n", runId, runStatus);
                }
            }
        }
        List<String> backlog = stoppedDates(c, t, runDate);
        if (!backlog.isEmpty()) {
            out.printf("backlog: earlier dates still stopped: %s (cw run %s --catch-up processes them in date order)%n",
                    String.join(", ", backlog), t.code());
        }
    }

    /** Dates before {@code before} (all when null) whose latest complete run stopped, failed or was abandoned. */
    public static List<String> stoppedDates(Connection c, Tenant t, LocalDate before) throws SQLException {
        List<String> dates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select run_date::text from " + t.schema() + ".stopped_dates(?::date) order by run_date")) {
            ps.setObject(1, before);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dates.add(rs.getString(1));
                }
            }
        }
        return dates;
    }

    /**
     * {@code cw run --catch-up}: runs every stopped date before {@code until} in date order (each resumes where it
     * stopped), ending at the first that does not pass; returns the dates that now succeeded.
     */
    public List<LocalDate> catchUp(String code, LocalDate until) {
        Tenant t = Tenants.require(db, code);
        List<String> backlog;
        try (Connection c = db.connect()) {
            backlog = stoppedDates(c, t, until);
        } catch (SQLException e) {
            throw new CwException(Cw.Errors.oneLine(e), 3);
        }
        if (backlog.isEmpty()) {
            out.printf("catch-up: no earlier date of %s is stopped%n", t.code());
            return List.of();
        }
        out.printf("catch-up: %d stopped date(s) of %s, in date order: %s%n", backlog.size(), t.code(),
                String.join(", ", backlog));
        List<LocalDate> done = new ArrayList<>();
        for (String d : backlog) {
            LocalDate day = LocalDate.parse(d);
            run(code, day, null, null, null);
            done.add(day);
        }
        return done;
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
