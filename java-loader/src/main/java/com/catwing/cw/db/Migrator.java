package com.catwing.cw.db;

import com.catwing.cw.CwException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flyway for the global schema (history in cw_global) and for each client (history in its own
 * production schema). Migrations ship inside the cw jar under db/.
 */
public final class Migrator {
    private final Database db;

    public Migrator(Database db) {
        this.db = db;
    }

    public MigrateResult migrateGlobal() {
        return Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .schemas("cw_global")
                .createSchemas(true)
                .locations("classpath:db/migrations/global", "classpath:db/sql/global")
                .placeholderReplacement(false)
                .validateMigrationNaming(true)
                // A repeatable file renamed, split or removed in a later release (its objects are dropped by a
                // versioned migration) must not stop every existing client at validation; a missing versioned
                // migration still does.
                .ignoreMigrationPatterns("repeatable:missing")
                .load()
                .migrate();
    }

    /** Migrates one client's three schemas, as the client's owner role so that it owns every object. */
    public MigrateResult migrateTenant(String code) {
        Tenant t = Tenant.of(code);
        repairOwnership(t);
        return Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .schemas(t.schema(), t.stagingSchema(), t.statsSchema())
                .createSchemas(false)
                .initSql("set role " + t.ownerRole())
                .locations("classpath:db/migrations/tenant", "classpath:db/sql/tenant", "classpath:db/procedures/tenant")
                .placeholders(placeholders(t))
                .validateMigrationNaming(true)
                // A repeatable file renamed, split or removed in a later release (its objects are dropped by a
                // versioned migration) must not stop every existing client at validation; a missing versioned
                // migration still does.
                .ignoreMigrationPatterns("repeatable:missing")
                .load()
                .migrate();
    }

    /**
     * Objects created at run time by another role (before ensure_raw_partition set the owner) would make the
     * owner's migrations fail with "must be owner"; the administrator gives them back first.
     */
    private void repairOwnership(Tenant t) {
        try (var c = db.connect(); var st = c.prepareStatement(
                "select cw_global.repair_client_ownership(?)")) {
            st.setString(1, t.code());
            st.execute();
        } catch (java.sql.SQLException e) {
            throw new CwException("cannot give the objects of " + t.code() + " back to " + t.ownerRole()
                    + ": " + e.getMessage() + " (run cw migrate as a role that is a member of " + t.ownerRole() + ")", 3);
        }
    }

    public static Map<String, String> placeholders(Tenant t) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("schema", t.schema());
        p.put("staging_schema", t.stagingSchema());
        p.put("stats_schema", t.statsSchema());
        p.put("owner_role", t.ownerRole());
        p.put("ui_role", t.uiRole());
        p.put("client_code", t.code());
        p.put("client_number", Integer.toString(t.number()));
        return p;
    }

    /** A client code and the names derived from it. */
    public record Tenant(String code, int number) {
        public static Tenant of(String code) {
            if (code == null || !code.matches("CW-\\d{6}")) {
                throw new CwException("invalid client code '" + code
                        + "' (expected CW- followed by six digits, e.g. CW-000200; list clients with: cw tenant list)", 2);
            }
            return new Tenant(code, Integer.parseInt(code.substring(3)));
        }

        public String digits() {
            return code.substring(3);
        }

        public String schema() {
            return "cw_" + digits();
        }

        public String stagingSchema() {
            return schema() + "_staging";
        }

        public String statsSchema() {
            return schema() + "_stats";
        }

        public String ownerRole() {
            return schema() + "_owner";
        }

        public String uiRole() {
            return schema() + "_ui";
        }
    }
}
