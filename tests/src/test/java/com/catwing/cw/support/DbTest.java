package com.catwing.cw.support;

import com.catwing.cw.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Base of integration tests: one fresh database per test class, cloned from the migrated template. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DbTest {
    protected Database db;

    @BeforeAll
    void createDatabase() {
        db = TestServer.freshDatabase(getClass().getSimpleName());
    }

    @AfterAll
    void dropDatabase() {
        TestServer.drop(db);
    }

    protected Connection connect() {
        return db.connect();
    }

    protected void exec(String sql) {
        TestServer.exec(db, sql);
    }

    /** Drops every step procedure of a client schema: for tests of the orchestrator and scheduler on their own. */
    protected void dropStepProcedures(String schema) {
        exec("do $$ declare v_proc regprocedure; begin for v_proc in select p.oid::regprocedure from pg_proc as p "
                + "where p.pronamespace = '" + schema + "'::regnamespace and p.proname like 'step\\_%' loop "
                + "execute format('drop procedure %s', v_proc); end loop; end $$");
    }

    /** The first column of the first row, as a string (null when there is no row). */
    protected String queryOne(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    protected long count(String sql) {
        String v = queryOne("select count(*) from (" + sql + ") as counted");
        return Long.parseLong(v);
    }
}
