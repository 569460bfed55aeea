package com.catwing.cw;

import com.catwing.cw.support.CliRun;
import com.catwing.cw.support.DbTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cw tenant / cw run / cw migrate from the command line: outputs, one-line errors, exit codes, nothing half-made. */
class TenantCliTest extends DbTest {

    private String footprint(String digits) {
        return queryOne("select (select count(*) from cw_global.clients where code = 'CW-" + digits + "') || '/' || "
                + "(select count(*) from pg_namespace where nspname like 'cw\\_" + digits + "%')");
    }

    @Test
    void createListRunAndDropAClient() {
        CliRun created = CliRun.run(db, "tenant", "create", "CW-000950", "--name", "Müller & Söhne 'Retail'",
                "--currency", "PLN", "--timezone", "Europe/Warsaw");
        assertEquals(0, created.exitCode(), created.err());
        assertTrue(created.out().contains("client CW-000950 created"), created.out());
        assertEquals("1/3", footprint("000950"));

        CliRun list = CliRun.run(db, "tenant", "list");
        assertTrue(list.out().contains("CW-000950") && list.out().contains("Müller & Söhne 'Retail'")
                && list.out().contains("PLN"), list.out());

        CliRun run = CliRun.run(db, "run", "CW-000950", "--date", "2024-05-01");
        assertEquals(4, run.exitCode(), "no data delivered: the quality gate stops the run; " + run.err());
        assertTrue(run.out().contains("quality_gate") && run.out().contains("stopped"), run.out());
        assertTrue(run.err().contains("stopped after step quality_gate"), run.err());

        CliRun noConfirm = CliRun.run(db, "tenant", "drop", "CW-000950");
        assertEquals(2, noConfirm.exitCode());
        assertTrue(noConfirm.err().contains("--yes"), noConfirm.err());
        assertEquals("1/3", footprint("000950"), "nothing dropped without --yes");

        CliRun dropped = CliRun.run(db, "tenant", "drop", "CW-000950", "--yes");
        assertEquals(0, dropped.exitCode(), dropped.err());
        assertEquals("0/0", footprint("000950"));
    }

    @Test
    void settingsListsChangesAndRefusesInvalidValuesWithoutChangingAnything() {
        CliRun list = CliRun.run(db, "settings", "CW-000902", "--section", "behaviors");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("behaviors.window_days") && list.out().contains("default")
                && list.out().contains("integer >= 1"), list.out());

        CliRun set = CliRun.run(db, "settings", "CW-000902", "--set", "behaviors.window_days=120",
                "--set", "quality.volume_excluded_endpoints=inventory,prices");
        assertEquals(0, set.exitCode(), set.err());
        assertEquals("120", queryOne("select cw_000902.settings('behaviors') ->> 'window_days'"));
        assertEquals("[\"inventory\", \"prices\"]",
                queryOne("select cw_000902.settings('quality') -> 'volume_excluded_endpoints'"));

        String before = queryOne("select settings::text from cw_global.clients where code = 'CW-000902'");
        CliRun bad = CliRun.run(db, "settings", "CW-000902", "--set", "behaviors.window_days=90",
                "--set", "behaviors.abc_a_pct=99");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("behaviors.abc_a_pct") && bad.err().contains("99")
                && bad.err().contains("CW070"), bad.err());
        assertEquals(before, queryOne("select settings::text from cw_global.clients where code = 'CW-000902'"),
                "one refused value leaves every value of the call unchanged");

        CliRun unknown = CliRun.run(db, "settings", "CW-000902", "--set", "behaviors.windw_days=3");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown setting") && unknown.err().contains("CW050"), unknown.err());

        CliRun noSection = CliRun.run(db, "settings", "CW-000902", "--section", "behaviours");
        assertEquals(2, noSection.exitCode());
        assertTrue(noSection.err().contains("behaviors") && noSection.err().contains("inventory_targets"),
                "an unknown section lists the catalog's sections: " + noSection.err());

        CliRun unset = CliRun.run(db, "settings", "CW-000902", "--unset", "behaviors.window_days",
                "--unset", "quality.volume_excluded_endpoints");
        assertEquals(0, unset.exitCode(), unset.err());
        assertEquals("{}", queryOne("select settings::text from cw_global.clients where code = 'CW-000902'"));
    }

    @Test
    void badInputGivesOneLineErrorAndCreatesNothing() {
        String[][] bad = {
            {"tenant", "create", "CW-12"},
            {"tenant", "create", "cw-000951"},
            {"tenant", "create", "CW-000951", "--currency", "XYZ"},
            {"tenant", "create", "CW-000951", "--timezone", "Mars/Olympus"},
            {"tenant", "create", "CW-000951", "--erp-dialect", "sap_r3"},
        };
        for (String[] args : bad) {
            CliRun r = CliRun.run(db, args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + " -> " + r.err());
            assertEquals(1, r.err().lines().filter(l -> !l.isBlank()).count(), "one line: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertEquals("0/0", footprint("000951"));
        assertTrue(queryOne("select count(*) from pg_roles where rolname like 'cw\\_000951%'").equals("0"));
    }

    @Test
    void duplicateAndUnknownClientsAreClearErrors() {
        CliRun dup = CliRun.run(db, "tenant", "create", "CW-000901");
        assertEquals(2, dup.exitCode());
        assertTrue(dup.err().contains("already exists"), dup.err());
        CliRun unknown = CliRun.run(db, "run", "CW-000999");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown client code CW-000999"), unknown.err());
        CliRun drop = CliRun.run(db, "tenant", "drop", "CW-000999", "--yes");
        assertEquals(2, drop.exitCode());
    }

    @Test
    void failedPipelineRunExitsWithFourAndPrintsTheStepTable() {
        exec("create or replace procedure cw_000902.step_ingest(p_run_date date, p_scope jsonb) language plpgsql as $$ "
                + "begin raise exception 'disk on fire' using errcode = 'XX000'; end $$");
        try {
            CliRun r = CliRun.run(db, "run", "CW-000902", "--date", "2024-05-02");
            assertEquals(4, r.exitCode(), r.err());
            assertTrue(r.out().contains("failed") && r.out().contains("XX000 disk on fire"), r.out());
            assertTrue(r.err().contains("failed in step ingest"), r.err());
        } finally {
            exec("drop procedure cw_000902.step_ingest(date, jsonb)");
        }
    }

    @Test
    void migrateTwiceReportsUpToDate() {
        CliRun first = CliRun.run(db, "migrate");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("CW-000901  up to date"), first.out());
        assertTrue(first.out().contains("global     up to date"), first.out());
    }

    @Test
    void unreachableDatabaseIsOneLine() {
        CliRun r = CliRun.run(com.catwing.cw.db.Database.parse("postgresql://nobody@127.0.0.1:1/none"), "tenant", "list");
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("cw: cannot connect"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
