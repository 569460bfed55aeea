package com.catwing.cw.recovery;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.generate.Generator;
import com.catwing.cw.generate.GeneratorConfig;
import com.catwing.cw.generate.Sink;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.tenant.Pipeline;
import com.catwing.cw.tenant.Tenants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disaster recovery on a generated world with defects and UI edits (issue 18): a rebuild from the raw files and the
 * UI edit journal equals the live client; a restore after the loss of the last days equals it too; backup retention;
 * every bad input is a clear error that changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryTest extends DbTest {
    // Own client codes: the S3 bucket is shared by every test class of the JVM.
    private static final String LIVE = "CW-000931";
    private static final String COPY = "CW-000932";
    private static final LocalDate START = LocalDate.of(2024, 5, 6);
    private static final int DAYS = 5;
    private static final LocalDate BACKUP_DAY = START.plusDays(2);
    private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    private Recovery recovery;
    private String liveSums;

    @BeforeAll
    void liveClientWithDefectsAndUiEdits() {
        recovery = new Recovery(db, TestS3.store(), quiet);
        new Tenants(db, quiet).create(LIVE, "Recovery Retail", "EUR", "Europe/Berlin", "catwing");
        new Generator(new GeneratorConfig(LIVE, START, DAYS, 60, 8, 8, 31, "catwing", "light"),
                Sink.s3(TestS3.store())).run((done, total, soFar) -> { });
        Pipeline pipeline = new Pipeline(db, quiet);
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = START.plusDays(d);
            new RawLoader(db, TestS3.store(), Tenant.of(LIVE), quiet).load(day, day);
            try {
                pipeline.run(LIVE, day, null, null, null);
            } catch (CwException e) {
                assertEquals(4, e.exitCode(), e.getMessage()); // a day the gate stops is part of the world
            }
            if (d == 1) {
                uiEdit("update cw_000931.products set discontinued_override = true, planner_note = 'phase out' "
                        + "where erp_id = (select min(erp_id) from cw_000931.products)");
                uiEdit("update cw_000931.client_settings set setting_value = '97' "
                        + "where setting_key = 'planning.service_level_pct'");
            }
            if (day.equals(BACKUP_DAY)) {
                recovery.backup(LIVE, BACKUP_DAY);
            }
            if (d == 3) {
                uiEdit("update cw_000931.suppliers set lead_time_days_override = 21 "
                        + "where erp_id = (select max(erp_id) from cw_000931.suppliers)");
            }
        }
        recovery.flushJournal(Tenant.of(LIVE));
        liveSums = sums(LIVE);
    }

    private void uiEdit(String sql) {
        exec("set role cw_000931_ui; " + sql + "; reset role");
    }

    private String sums(String code) {
        return queryOne("select string_agg(table_name || ':' || row_count || ':' || checksum, ' ' order by "
                + "schema_kind, table_name) from cw_global.client_table_checksums('" + code + "')");
    }

    @Test
    @Order(1)
    void uiEditsAreJournaledWithTheirBusinessKeyAndCopiedToS3() {
        assertEquals("3", queryOne("select count(*) from cw_000931.ui_edits where object_key like 'ui-edits/CW-000931/%'"),
                "three UI edits, all copied to S3");
        assertEquals("cw_000931_ui", queryOne("select distinct edited_by from cw_000931.ui_edits"), "editor recorded");
        assertEquals(START.plusDays(1).toString(), queryOne("select after_run_date from cw_000931.ui_edits "
                + "where table_name = 'products'"), "the edit follows the run of its day");
    }

    @Test
    @Order(2)
    void aRebuildFromRawFilesAndTheJournalEqualsTheLiveClient() {
        Recovery.RebuildResult res = recovery.rebuild(LIVE, COPY);
        assertEquals(DAYS, res.days().size(), "every raw date replayed");
        List<Recovery.TableDiff> diffs = recovery.verify(LIVE, COPY);
        assertTrue(diffs.size() > 40, "every durable table compared");
        assertEquals(List.of(), diffs.stream().filter(d -> !d.equal()).map(Recovery.TableDiff::table).toList(),
                "rebuilt client equals the live one");
        assertEquals("t", queryOne("select discontinued_override from cw_000932.products "
                + "where erp_id = (select min(erp_id) from cw_000932.products)"), "UI edit replayed");
    }

    @Test
    @Order(3)
    void verifyNamesATableThatDiffers() {
        exec("update cw_000932.products set name = name || ' (changed)' "
                + "where erp_id = (select min(erp_id) from cw_000932.products)");
        List<String> different = recovery.verify(LIVE, COPY).stream().filter(d -> !d.equal())
                .map(Recovery.TableDiff::table).toList();
        assertEquals(List.of("products"), different, "one changed name shows in products only");
    }

    @Test
    @Order(4)
    void aRebuildIntoAnExistingClientIsRefusedAndChangesNothing() {
        String before = sums(COPY);
        CwException e = assertThrows(CwException.class, () -> recovery.rebuild(LIVE, COPY));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(2, e.exitCode());
        assertEquals(before, sums(COPY), "target untouched");
    }

    @Test
    @Order(5)
    void anUnknownClientIsAClearError() {
        CwException e = assertThrows(CwException.class, () -> recovery.rebuild("CW-000939", null));
        assertTrue(e.getMessage().contains("unknown client code CW-000939"), e.getMessage());
        assertThrows(CwException.class, () -> recovery.verify(LIVE, "CW-000939"));
        assertThrows(CwException.class, () -> recovery.backup("CW-000939", null));
    }

    @Test
    @Order(6)
    void aMissingBackupKeyIsAClearErrorThatChangesNothing() {
        CwException e = assertThrows(CwException.class,
                () -> recovery.restore(LIVE, "db-backups/daily/CW-000931/1999-01-01.sql.gz", true));
        assertTrue(e.getMessage().contains("no backup at"), e.getMessage());
        assertEquals(2, e.exitCode());
        assertEquals(liveSums, sums(LIVE));
    }

    @Test
    @Order(7)
    void aCorruptOrTruncatedDumpIsRolledBackAndChangesNothing() throws IOException {
        String good = Recovery.dailyKey(Tenant.of(LIVE), BACKUP_DAY);
        byte[] whole = TestS3.store().getBytes(good);
        String truncated = "db-backups/daily/CW-000931/2000-01-01.sql.gz";
        TestS3.store().put(truncated, Arrays.copyOf(whole, whole.length / 2));
        CwException e = assertThrows(CwException.class, () -> recovery.restore(LIVE, truncated, true));
        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
        assertEquals(liveSums, sums(LIVE), "truncated dump: live client untouched");

        String corrupt = "db-backups/daily/CW-000931/2000-01-02.sql.gz";
        String header = new String(java.util.zip.GZIPInputStream.class.cast(new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(whole))).readNBytes(100_000), StandardCharsets.UTF_8).split("\n")[0];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((header + "\ncreate schema cw_000931;\nthis is not sql;\n" + Recovery.TRAILER + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        TestS3.store().put(corrupt, bytes.toByteArray());
        e = assertThrows(CwException.class, () -> recovery.restore(LIVE, corrupt, true));
        assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
        assertEquals(liveSums, sums(LIVE), "corrupt dump: live client untouched");

        TestS3.store().put("db-backups/daily/CW-000931/2000-01-03.sql.gz", "not gzip".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(CwException.class,
                () -> recovery.restore(LIVE, "db-backups/daily/CW-000931/2000-01-03.sql.gz", true));
        assertTrue(e.getMessage().contains("not a readable gzip"), e.getMessage());
        for (String k : List.of(truncated, corrupt, "db-backups/daily/CW-000931/2000-01-03.sql.gz")) {
            TestS3.store().delete(k);
        }
        assertEquals(liveSums, sums(LIVE));
    }

    @Test
    @Order(8)
    void aRestoreAfterLosingTheLastDaysReplaysThemAndEqualsTheLiveClient() {
        // Simulated loss: the backup of BACKUP_DAY is restored over the live client; the two days after it and the
        // UI edit made since come back from S3.
        Recovery.RestoreResult res = recovery.restore(LIVE, Recovery.dailyKey(Tenant.of(LIVE), BACKUP_DAY), true);
        assertEquals(BACKUP_DAY, res.lastRunDate(), "the backup's last run");
        assertEquals(2, res.replayed().size(), "two days replayed");
        assertEquals(liveSums, sums(LIVE), "restored + replayed client equals the live one before the loss");
        assertEquals("21", queryOne("select lead_time_days_override from cw_000931.suppliers "
                + "where erp_id = (select max(erp_id) from cw_000931.suppliers)"), "the UI edit after the backup");
        assertTrue(count("select from information_schema.table_privileges where grantee = 'cw_000931_ui'") > 10,
                "grants of the UI role are back");
    }

    @Test
    @Order(9)
    void retentionKeepsTheConfiguredDailyAndWeeklyBackups() {
        exec("update cw_global.clients set settings = settings || "
                + "'{\"backup\": {\"daily_keep_days\": 3, \"weekly_keep_weeks\": 1, \"weekly_day\": 7}}' "
                + "where code = '" + LIVE + "'");
        LocalDate sunday = LocalDate.of(2024, 6, 2);
        for (LocalDate d = sunday.minusDays(8); !d.isAfter(sunday.plusDays(2)); d = d.plusDays(1)) {
            recovery.backup(LIVE, d);
        }
        List<String> kept = recovery.list(LIVE).stream().map(Recovery.BackupInfo::label).toList();
        assertEquals(List.of("2024-06-02", "2024-06-03", "2024-06-04", "2024-W22"), kept,
                "last three daily backups and the last weekly one");
        assertFalse(kept.contains("2024-W21"), "older weekly deleted");
        assertNotEquals(0, TestS3.store().getBytes(Recovery.weeklyKey(Tenant.of(LIVE), sunday)).length);
    }
}
