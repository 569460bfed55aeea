package com.catwing.cw.changes;

import com.catwing.cw.support.CliRun;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cw schedule CODE --changes EXPR}: the change processor's pg_cron job beside the nightly one. */
class ChangeScheduleTest extends DbTest {

    @AfterEach
    void unschedule() {
        CliRun.run(db, "schedule", "CW-000901", "--remove");
    }

    private String cron(String sql) {
        try (var c = TestServer.admin().connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String job(String name) {
        return cron("select schedule || '|' || username || '|' || command from cron.job where jobname = '" + name
                + "' and database = '" + db.databaseName() + "'");
    }

    @Test
    void changesAndNightlyJobsAreScheduledAsTheOwnerAndRemovedTogether() {
        CliRun r = CliRun.run(db, "schedule", "CW-000901", "--cron", "0 2 * * *", "--changes", "*/5 * * * *");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("change processor scheduled"), r.out());
        assertEquals("*/5 * * * *|cw_000901_owner|call cw_000901.process_change_events()", job("cw_000901_changes"));
        assertEquals("0 2 * * *|cw_000901_owner|call cw_000901.run_nightly(cw_000901.client_today())",
                job("cw_000901_pipeline"), "the nightly job processes pending change events first");
        CliRun list = CliRun.run(db, "schedule", "--list");
        assertTrue(list.out().contains("cw_000901_changes") && list.out().contains("*/5 * * * *"), list.out());

        assertEquals(0, CliRun.run(db, "schedule", "CW-000901", "--changes", "*/10 * * * *").exitCode());
        assertEquals("*/10 * * * *|cw_000901_owner|call cw_000901.process_change_events()", job("cw_000901_changes"),
                "scheduling again replaces the job");
        assertEquals(0, CliRun.run(db, "schedule", "CW-000901", "--remove").exitCode());
        assertEquals(null, job("cw_000901_changes"));
        assertEquals(null, job("cw_000901_pipeline"));
        assertEquals(2, CliRun.run(db, "schedule", "CW-000901", "--changes", "*/5 * * * *", "--remove").exitCode(),
                "--remove goes alone");
    }
}
