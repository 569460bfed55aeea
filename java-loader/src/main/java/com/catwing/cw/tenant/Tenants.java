package com.catwing.cw.tenant;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator;
import com.catwing.cw.db.Migrator.Tenant;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.PrintStream;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Provisioning of clients: registry row, roles, schemas, then the client's own Flyway history. */
public final class Tenants {
    private final Database db;
    private final PrintStream out;

    public Tenants(Database db, PrintStream out) {
        this.db = db;
        this.out = out;
    }

    public record ClientRow(String code, String name, String schema, String timezone, String currency,
                            String dialect, boolean active, String createdAt) {
    }

    /** Migrates cw_global, then every registered client; prints one line per history. */
    public void migrateAll() {
        Migrator m = new Migrator(db);
        report("global", m.migrateGlobal());
        for (String code : codes()) {
            report(code, m.migrateTenant(code));
        }
    }

    /**
     * Migrates cw_global, then one client only (as {@link #create} does): the other clients of the cluster stay at
     * their version until {@code cw migrate}.
     */
    public void migrateOne(String code) {
        Migrator m = new Migrator(db);
        report("global", m.migrateGlobal());
        report(Tenant.of(code).code(), m.migrateTenant(code));
    }

    private void report(String what, MigrateResult r) {
        if (r.migrationsExecuted == 0) {
            out.printf("%-10s up to date (version %s)%n", what, r.initialSchemaVersion == null ? "-" : r.initialSchemaVersion);
        } else {
            out.printf("%-10s %d migration(s) applied, now at version %s%n", what, r.migrationsExecuted,
                    r.targetSchemaVersion == null ? r.initialSchemaVersion : r.targetSchemaVersion);
        }
    }

    public List<String> codes() {
        List<String> codes = new ArrayList<>();
        try (Connection c = db.connect();
             ResultSet rs = c.createStatement().executeQuery("select code from cw_global.clients order by code")) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return codes;
            }
            throw new CwException("cannot list clients: " + e.getMessage(), e);
        }
        return codes;
    }

    /**
     * The registered client for a code, or a one-line error (exit 2): the check is cw_global.client_id, the same one
     * the SQL side uses (SQLSTATE CW001 for a malformed code, CW002 for an unknown one, each with its hint).
     */
    public static Tenant require(Database db, String code) {
        Tenant t = Tenant.of(code);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("select cw_global.client_id(?)")) {
            ps.setString(1, t.code());
            ps.executeQuery().close();
            return t;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState()) || "42883".equals(e.getSQLState())) {
                throw new CwException("unknown client code " + t.code() + ": the database is not migrated yet "
                        + "(run: cw migrate, then cw tenant create " + t.code() + ")", 2);
            }
            throw new CwException(com.catwing.cw.Cw.Errors.oneLine(e), "CW002".equals(e.getSQLState())
                    || "CW001".equals(e.getSQLState()) ? 2 : 3);
        }
    }

    public boolean exists(String code) {
        return codes().contains(Tenant.of(code).code());
    }

    /** Creates a client; when its migration fails, the client is dropped again: nothing is left half-created. */
    public void create(String code, String name, String currency, String timezone, String dialect) {
        Tenant t = Tenant.of(code);
        new Migrator(db).migrateGlobal();
        try (Connection c = db.connect();
             CallableStatement cs = c.prepareCall("call cw_global.provision_client(?, ?, ?, ?, ?)")) {
            cs.setString(1, t.code());
            cs.setString(2, name == null ? t.code() : name);
            cs.setString(3, currency);
            cs.setString(4, timezone);
            cs.setString(5, dialect);
            cs.execute();
        } catch (SQLException e) {
            throw new CwException(com.catwing.cw.Cw.Errors.oneLine(e), 2);
        }
        try {
            MigrateResult r = new Migrator(db).migrateTenant(t.code());
            out.printf("client %s created: schemas %s, %s, %s; roles %s, %s; %d migration(s) applied%n",
                    t.code(), t.schema(), t.stagingSchema(), t.statsSchema(), t.ownerRole(), t.uiRole(),
                    r.migrationsExecuted);
        } catch (RuntimeException e) {
            try {
                dropQuietly(t.code());
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new CwException("migrating new client " + t.code() + " failed, nothing was kept: "
                    + com.catwing.cw.Cw.Errors.oneLine(e), e);
        }
    }

    public List<ClientRow> list() {
        List<ClientRow> rows = new ArrayList<>();
        String sql = """
                select clients.code, clients.name, clients.schema_name, clients.timezone, currencies.code,
                       erp_dialects.code, clients.is_active, to_char(clients.created_at, 'YYYY-MM-DD HH24:MI')
                from cw_global.clients
                inner join cw_global.currencies on currencies.id = clients.currency_id
                inner join cw_global.erp_dialects on erp_dialects.id = clients.erp_dialect_id
                order by clients.code""";
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new ClientRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8)));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return rows;
            }
            throw new CwException("cannot list clients: " + com.catwing.cw.Cw.Errors.oneLine(e), e);
        }
        return rows;
    }

    /** Drops a client's schemas, registry row, roles and its pg_cron job. */
    public void drop(String code) {
        Tenant t = require(db, code);
        new Scheduler(db).removeIfPresent(t.code());
        dropQuietly(t.code());
        out.printf("client %s dropped (schemas, roles and schedule); its raw data in S3 is untouched%n", t.code());
    }

    private void dropQuietly(String code) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("call cw_global.drop_client(?)")) {
            ps.setString(1, code);
            ps.execute();
        } catch (SQLException e) {
            throw new CwException("dropping client " + code + " failed: " + com.catwing.cw.Cw.Errors.oneLine(e), e);
        }
    }
}
