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
import com.catwing.cw.upload.ClientUpload;
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
    // A Saturday: the days after the first Sunday have whole ISO weeks of demand, so the forecast step writes
    // demand-profile embeddings (whose change-detection key hashes a clock timestamp: a rebuild once differed there)
    private static final LocalDate START = LocalDate.of(2024, 5, 4);
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
                // a supplier's product list (rows no change event captures: only uploads write them)
                upload("supplier-availability", "supplier_id,supplier_ref,product_name\n" + queryOne(
                        "select string_agg(suppliers.erp_id || ',' || products.sku || ',' "
                        + "|| quote_ident(products.name), E'\\n' order by products.sku) "
                        + "from (select * from cw_000931.products order by erp_id limit 3) as products cross join (select erp_id from cw_000931.suppliers order by erp_id limit 1) "
                        + "as suppliers") + "\n");
                uiEdit("update cw_000931.products set discontinued_override = true, planner_note = 'phase out' "
                        + "where erp_id = (select min(erp_id) from cw_000931.products)");
                uiEdit("update cw_000931.client_settings set setting_value = '97' "
                        + "where setting_key = 'planning.service_level_pct'");
            }
            if (day.equals(BACKUP_DAY)) {
                recovery.backup(LIVE, BACKUP_DAY);
            }
            if (d == 3) {
                // after the backup: a supply-network file (an insert the change events capture as well) and a
                // suppliers file (UI-owned columns), one row of it rejected
                upload("supply-network", "location_id,supplier_id,note\n" + queryOne("select (select min(erp_id) "
                        + "from cw_000931.locations) || ',' || (select min(erp_id) from cw_000931.suppliers)")
                        + ",uploaded route\n");
                upload("suppliers", "supplier_id,review_cycle_days\n" + queryOne("select min(erp_id) from "
                        + "cw_000931.suppliers") + ",14\nNO-SUCH-SUPPLIER,7\n");
                uiEdit("update cw_000931.suppliers set lead_time_days_override = 21 "
                        + "where erp_id = (select max(erp_id) from cw_000931.suppliers)");
                // tables the first journal (six tables of its own) did not cover: a supply-network override the UI
                // inserts, the status a planner gives a transfer recommendation, a trading-calendar override
                uiEdit("insert into cw_000931.supply_network_overrides (location_id, source_location_id, note) "
                        + "select max(id), min(id), 'from the warehouse' from cw_000931.locations");
                assertTrue(count("select from cw_000931.to_recommendations") > 0, "TO recommendations to accept");
                uiEdit("update cw_000931.to_recommendations set to_recommendation_status_id = "
                        + "(select id from cw_000931.to_recommendation_statuses where name = 'accepted') "
                        + "where id = (select min(id) from cw_000931.to_recommendations)");
                assertTrue(count("select from cw_000931.location_weekday_closures") > 0, "a learned trading calendar");
                uiEdit("update cw_000931.location_weekday_closures set is_closed_override = true, "
                        + "override_reason = 'closed for renovation on Wednesdays' where isodow = 3 and location_id = "
                        + "(select min(location_id) from cw_000931.location_weekday_closures)");
            }
        }
        recovery.flushJournal(Tenant.of(LIVE));
        // An edit journaled in format 1 (before change_events became the journal's source: its own key names for the
        // ends of a supplier link) stays readable: applied to the live client here, replayed by the rebuild.
        String product = queryOne("select min(erp_id) from cw_000931.products");
        String supplier = queryOne("select suppliers.erp_id from cw_000931.product_suppliers inner join "
                + "cw_000931.suppliers on suppliers.id = product_suppliers.supplier_id inner join cw_000931.products "
                + "on products.id = product_suppliers.product_id where products.erp_id = '" + product + "' limit 1");
        String v1 = "{\"edit_uuid\":\"0d7e3c1a-1111-4a4a-9c9c-000000000001\",\"edited_at\":\""
                + "2024-05-10T18:00:00Z\",\"edited_by\":\"cw_000931_ui\",\"table_name\":\"product_suppliers\","
                + "\"row_key\":{\"product_erp_id\":\"" + product + "\",\"supplier_erp_id\":\"" + supplier + "\"},"
                + "\"changes\":{\"moq_qty_override\":12},\"after_run_date\":\"" + START.plusDays(DAYS - 1) + "\"}\n";
        String v1Key = "ui-edits/CW-000931/2024-05-10/format-1.jsonl";
        TestS3.store().put(v1Key, v1.getBytes(StandardCharsets.UTF_8));
        assertEquals("1", queryOne("select cw_000931.apply_ui_edit('0d7e3c1a-1111-4a4a-9c9c-000000000001', "
                + "'2024-05-10T18:00:00Z', 'cw_000931_ui', 'product_suppliers', '{\"product_erp_id\": \"" + product
                + "\", \"supplier_erp_id\": \"" + supplier + "\"}', '{\"moq_qty_override\": 12}', '"
                + START.plusDays(DAYS - 1) + "', '" + v1Key + "')"), "a format-1 edit applies");
        liveSums = sums(LIVE);
    }

    private void upload(String kind, String csv) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("recovery-upload-");
            java.nio.file.Path file = dir.resolve(kind + ".csv");
            java.nio.file.Files.writeString(file, csv);
            ClientUpload.Result r = new ClientUpload(db, TestS3.store(), Tenant.of(LIVE), quiet).upload(file, kind,
                    null, null);
            assertEquals("applied", r.status(), kind + ": " + r.message());
            java.nio.file.Files.delete(file);
            java.nio.file.Files.delete(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
    void uiEditsAreJournaledFromTheChangeEventsWithTheirBusinessKeyAndCopiedToS3() {
        assertEquals("0", queryOne("select count(*) from cw_000931.change_events where journal_object_key is null"),
                "every change event copied to S3");
        List<Recovery.Edit> edits = recovery.readJournal(Tenant.of(LIVE));
        assertEquals(List.of("client_uploads", "products", "client_settings", "client_uploads", "client_uploads",
                        "suppliers", "supply_network_overrides", "to_recommendations", "location_weekday_closures",
                        "product_suppliers"),
                edits.stream().map(Recovery.Edit::table).toList(), "one journal entry per edited row or upload, in "
                        + "edit order; an upload's own changes are its entry, not edits of their own");
        assertEquals("upload", edits.get(0).operation());
        assertTrue(edits.get(0).rowKey().contains("client-data/CW-000931/supplier-availability/"),
                "an upload names its stored file: " + edits.get(0).rowKey());
        Recovery.Edit product = edits.get(1);
        assertEquals(START.plusDays(1), product.afterRunDate(), "the edit follows the run of its day");
        assertEquals("cw_000931_ui", product.editedBy(), "editor recorded");
        assertTrue(product.rowKey().matches("\\{\"erp_id\":\"P\\d+\"}"), product.rowKey());
        Recovery.Edit override = edits.get(6);
        assertEquals("insert", override.operation());
        assertTrue(override.changes().contains("\"source_location_id\":{\"erp_id\":"), "a reference is written as "
                + "the referenced row's ERP id, never a surrogate id: " + override.changes());
        Recovery.Edit status = edits.get(7);
        assertTrue(status.changes().contains("\"to_recommendation_status_id\":{\"name\":\"accepted\"}"),
                status.changes());
        assertTrue(status.rowKey().contains("\"recommendation_date\""), "the row's business key: " + status.rowKey());
    }

    @Test
    @Order(2)
    void aRebuildFromRawFilesAndTheJournalEqualsTheLiveClient() {
        assertTrue(count("select from cw_000931.embeddings where embedding_type_id = 2") > 0,
                "a world with demand-profile embeddings");
        Recovery.RebuildResult res = recovery.rebuild(LIVE, COPY);
        assertEquals(DAYS, res.days().size(), "every raw date replayed");
        List<Recovery.TableDiff> diffs = recovery.verify(LIVE, COPY);
        assertTrue(diffs.size() > 40, "every durable table compared");
        assertEquals(List.of(), diffs.stream().filter(d -> !d.equal()).map(Recovery.TableDiff::table).toList(),
                "rebuilt client equals the live one");
        assertEquals("t", queryOne("select discontinued_override from cw_000932.products "
                + "where erp_id = (select min(erp_id) from cw_000932.products)"), "UI edit replayed");
        assertEquals("from the warehouse", queryOne("select note from cw_000932.supply_network_overrides "
                + "where supplier_id is null"),
                "the UI's supply-network override replayed");
        assertEquals("accepted", queryOne("select statuses.name from cw_000932.to_recommendations inner join "
                + "cw_000932.to_recommendation_statuses as statuses on statuses.id = to_recommendation_status_id "
                + "where statuses.name <> 'pending' limit 1"), "the planner's TO status replayed");
        assertEquals("closed for renovation on Wednesdays", queryOne("select override_reason from "
                + "cw_000932.location_weekday_closures where is_closed_override"), "the calendar override replayed");
        assertEquals("0", queryOne("select count(*) from cw_000932.change_events where journal_edit_uuid is null"),
                "the replayed edits are not journaled again");
    }

    @Test
    @Order(3)
    void aRebuildAppliesTheUploadsAgainFromTheFilesKeptInS3() {
        // (runs after the rebuild above, which verified every table equal, uploads' tables included)
        assertEquals("3", queryOne("select count(*) from cw_000932.supplier_available_products"),
                "the supplier's product list is back");
        assertEquals("applied:3,applied:1,applied:1", queryOne("select string_agg(status || ':' || rows_applied, ',' "
                + "order by uploaded_at) from cw_000932.client_uploads"), "each upload registered and applied");
        assertEquals(queryOne("select string_agg(s3_key, ',' order by s3_key) from cw_000931.client_uploads"),
                queryOne("select string_agg(s3_key, ',' order by s3_key) from cw_000932.client_uploads"),
                "the rebuilt client names the files stored for the live one");
        assertEquals("unknown_reference", queryOne("select string_agg(problem, ',') from "
                + "cw_000932.client_upload_errors"), "the rejected row reported again");
        assertEquals("uploaded route", queryOne("select note from cw_000932.supply_network_overrides where "
                + "supplier_id is not null"), "the uploaded route, inserted once");
        assertEquals("14", queryOne("select review_cycle_days from cw_000932.suppliers where erp_id = "
                + "(select min(erp_id) from cw_000932.suppliers)"));
    }

    @Test
    @Order(4)
    void verifyNamesATableThatDiffers() {
        exec("update cw_000932.products set name = name || ' (changed)' "
                + "where erp_id = (select min(erp_id) from cw_000932.products)");
        List<String> different = recovery.verify(LIVE, COPY).stream().filter(d -> !d.equal())
                .map(Recovery.TableDiff::table).toList();
        assertEquals(List.of("products"), different, "one changed name shows in products only");
    }

    @Test
    @Order(5)
    void aRebuildIntoAnExistingClientIsRefusedAndChangesNothing() {
        String before = sums(COPY);
        CwException e = assertThrows(CwException.class, () -> recovery.rebuild(LIVE, COPY));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(2, e.exitCode());
        assertEquals(before, sums(COPY), "target untouched");
    }

    @Test
    @Order(6)
    void anUnknownClientIsAClearError() {
        CwException e = assertThrows(CwException.class, () -> recovery.rebuild("CW-000939", null));
        assertTrue(e.getMessage().contains("unknown client code CW-000939"), e.getMessage());
        assertThrows(CwException.class, () -> recovery.verify(LIVE, "CW-000939"));
        assertThrows(CwException.class, () -> recovery.backup("CW-000939", null));
        e = assertThrows(CwException.class, () -> recovery.onboard("CW-000939", null));
        assertTrue(e.getMessage().contains("unknown client code CW-000939"), e.getMessage());
        // a client that never had a backup: refused before anything is registered
        e = assertThrows(CwException.class, () -> recovery.restore("CW-000939", null, true));
        assertTrue(e.getMessage().contains("no backup of CW-000939"), e.getMessage());
        assertEquals(2, e.exitCode());
        assertEquals("0", queryOne("select count(*) from cw_global.clients where code = 'CW-000939'"),
                "nothing registered");
        assertEquals("0", queryOne("select count(*) from pg_roles where rolname like 'cw_000939%'"), "no roles");
    }

    @Test
    @Order(7)
    void aMissingBackupKeyIsAClearErrorThatChangesNothing() {
        CwException e = assertThrows(CwException.class,
                () -> recovery.restore(LIVE, "db-backups/daily/CW-000931/1999-01-01.sql.gz", true));
        assertTrue(e.getMessage().contains("no backup at"), e.getMessage());
        assertEquals(2, e.exitCode());
        assertEquals(liveSums, sums(LIVE));

        // another client's backup is refused: the copy keeps what it holds
        String copyBefore = sums(COPY);
        e = assertThrows(CwException.class,
                () -> recovery.restore(COPY, Recovery.dailyKey(Tenant.of(LIVE), BACKUP_DAY), true));
        assertTrue(e.getMessage().contains("is a backup of CW-000931, not of CW-000932; nothing was changed"),
                e.getMessage());
        assertEquals(2, e.exitCode());
        assertEquals(copyBefore, sums(COPY), "the other client untouched");
    }

    @Test
    @Order(8)
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
    @Order(9)
    void aRestoreAfterLosingTheLastDaysReplaysThemAndEqualsTheLiveClient() {
        // Simulated loss: the backup of BACKUP_DAY is restored over the live client; the two days after it and the
        // UI edit made since come back from S3.
        Recovery.RestoreResult res = recovery.restore(LIVE, Recovery.dailyKey(Tenant.of(LIVE), BACKUP_DAY), true);
        assertEquals(BACKUP_DAY, res.lastRunDate(), "the backup's last run");
        assertEquals(2, res.replayed().size(), "two days replayed");
        assertEquals(liveSums, sums(LIVE), "restored + replayed client equals the live one before the loss");
        assertEquals("21", queryOne("select lead_time_days_override from cw_000931.suppliers "
                + "where erp_id = (select max(erp_id) from cw_000931.suppliers)"), "the UI edit after the backup");
        assertEquals("3", queryOne("select count(*) from cw_000931.client_uploads"),
                "the upload in the backup kept, the two after it applied again");
        assertTrue(count("select from information_schema.table_privileges where grantee = 'cw_000931_ui'") > 10,
                "grants of the UI role are back");
    }

    @Test
    @Order(10)
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

    @Test
    @Order(11)
    void aRestoreAfterLosingTheClusterBringsBackTheRolesWithTheirDefaultPrivileges() {
        String registry = queryOne("select settings::text from cw_global.clients where code = '" + LIVE + "'");
        recovery.backup(LIVE, LocalDate.of(2024, 6, 5));
        // total loss: schemas, registry row and roles gone (drop owned by also drops the roles' default privileges)
        exec("call cw_global.drop_client('" + LIVE + "')");
        assertEquals("0", queryOne("select count(*) from pg_roles where rolname like 'cw_000931%'"), "roles gone");
        Recovery.RestoreResult res = recovery.restore(LIVE, null, true);
        assertEquals(Recovery.dailyKey(Tenant.of(LIVE), LocalDate.of(2024, 6, 5)), res.key(), "the latest backup");
        assertEquals(liveSums, sums(LIVE), "every table back as it was");
        assertEquals(registry, queryOne("select settings::text from cw_global.clients where code = '" + LIVE + "'"),
                "registry settings back");
        assertEquals("{cw_000931_owner=X/cw_000931_owner}", queryOne("select defaclacl::text from pg_default_acl "
                + "where defaclrole = 'cw_000931_owner'::regrole and defaclnamespace = 0 and defaclobjtype = 'f'"),
                "the owner's new routines are again created without EXECUTE for PUBLIC (set by the client's first "
                + "migration, which a restore does not run)");
        exec("set role cw_000931_owner; create function cw_000931.tap_after_restore() returns int language sql "
                + "as 'select 1'; reset role");
        assertEquals("f", queryOne("select has_function_privilege('public', 'cw_000931.tap_after_restore()', "
                + "'execute')"), "a routine created after the restore is not executable by PUBLIC");
        assertTrue(count("select from information_schema.table_privileges where grantee = 'cw_000931_ui'") > 10,
                "grants of the recreated UI role are back");
    }
}
