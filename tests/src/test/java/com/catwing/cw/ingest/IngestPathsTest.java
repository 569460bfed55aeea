package com.catwing.cw.ingest;

import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Step 1's two paths land the same raw data: the Java loader (cw ingest) into this class's database, and the
 * in-database path of step_ingest (aws_s3, run by run_pipeline as the client's owner role, as pg_cron would) into a
 * second database, from the same generated days with every defect kind (malformed and truncated files, NUL
 * characters, hostile strings). Both share the SQL registry rule: a path skips what the other loaded, and both refuse
 * a re-delivered object. Days in 2033 and keys under CW-000901 keep these objects apart from other test classes.
 */
class IngestPathsTest extends DbTest {
    private static final String CLIENT = TestServer.CLIENT_A;
    private static final LocalDate START = LocalDate.of(2033, 1, 10);
    private static final int DAYS = 3;
    private S3Store s3;
    private Database inDatabase;

    @BeforeAll
    void generate() {
        s3 = TestS3.store();
        TestS3.generate(CLIENT, START, DAYS, "catwing", "all", 23);
        inDatabase = TestServer.freshDatabase("IngestPathsTestAwsS3");
        TestS3.configureAwsS3(inDatabase);
        TestServer.exec(inDatabase, "call cw_global.set_client_setting('" + CLIENT + "', 'ingest.path', '\"aws_s3\"')");
    }

    @AfterAll
    void dropSecond() {
        TestServer.drop(inDatabase);
    }

    private RawLoader.Summary javaLoad(LocalDate from, LocalDate to) {
        return new RawLoader(db, s3, Tenant.of(CLIENT), new PrintStream(OutputStream.nullOutputStream()))
                .staging(false).load(from, to);
    }

    /** Runs step 1 alone through the orchestrator, as the client's owner role; returns the step's detail. */
    private String pipelineIngest(Database target, LocalDate day) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("set role cw_000901_owner");
            try (CallableStatement cs = c.prepareCall("call cw_000901.run_pipeline(?, 'ingest', 'ingest', null)")) {
                cs.setObject(1, day);
                cs.execute();
            }
            try (ResultSet rs = s.executeQuery("select step_runs.detail::text from cw_000901.pipeline_step_runs as "
                    + "step_runs order by step_runs.id desc limit 1")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String one(Database target, String sql) {
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** What landed, path-independent: the registry (without ids, ETags and checksums) and every record. */
    private static String landing(Database target) {
        return one(target, "select string_agg(format('%s %s %s %s %s', files.object_key, files.status, "
                + "files.record_count, files.nul_records, records.digest), E'\\n' order by files.object_key) "
                + "from cw_000901_staging.raw_files as files left join lateral (select md5(string_agg(raw_records.payload"
                + "::text, E'\\n' order by raw_records.record_no)) as digest from cw_000901_staging.raw_records "
                + "where raw_records.file_date = files.file_date and raw_records.file_id = files.id) as records on true "
                + "where files.file_date between '" + START + "' and '" + START.plusDays(DAYS - 1) + "'");
    }

    @Test
    void bothPathsLandTheSameRecordsAndDefectsAndShareTheRegistry() throws SQLException {
        RawLoader.Summary java = javaLoad(START, START.plusDays(DAYS - 1));
        for (int d = 0; d < DAYS; d++) {
            String detail = pipelineIngest(inDatabase, START.plusDays(d));
            assertTrue(detail.contains("\"path\": \"aws_s3\""), detail);
        }
        String viaJava = landing(db);
        String viaSql = landing(inDatabase);
        assertTrue(java.failed > 0, "the generated defects include malformed files: " + java);
        assertTrue(viaJava.contains(" failed "), viaJava);
        assertTrue(viaJava.matches("(?s).* loaded \\d+ [1-9]\\d* .*"), "some records held NUL characters");
        assertEquals(viaJava, viaSql, "both paths land the same files, statuses, counts and records");
        assertEquals("cw_000901_owner", one(db, "select pg_get_userbyid(relowner) from pg_class "
                + "where oid = 'cw_000901_staging.raw_records_203301'::regclass"),
                "the loader works as the owner role: the partition it created belongs to the owner");
        assertEquals("aws_s3", one(inDatabase, "select string_agg(distinct ingest_path, ',') from "
                + "cw_000901_staging.raw_files where file_date >= '" + START + "'"));

        // The in-database path meets the files the loader landed: all skipped (same size and records).
        String again = pipelineIngest(db, START);
        assertTrue(again.contains("\"in_database\": null"), "the loader's database runs the loader path: " + again);
        TestS3.configureAwsS3(db);
        exec("call cw_global.set_client_setting('" + CLIENT + "', 'ingest.path', '\"aws_s3\"')");
        String skipped = pipelineIngest(db, START);
        assertTrue(skipped.contains("\"loaded\": 0") && skipped.contains("\"skipped\": 10")
                && skipped.contains("\"conflicts\": 0"), "the in-database path skips what the loader landed: " + skipped);
        assertEquals(viaJava, landing(db), "and changes nothing");
        assertEquals(10, javaLoad(START, START).skipped, "the loader skips what it landed");

        // A re-delivered, different object under a loaded key: both paths refuse it and keep the loaded version.
        String key = "raw-data/" + CLIENT + "/" + START + "/suppliers.json";
        s3.put(key, "[{\"supplier_id\": \"S-tampered\"}]".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, javaLoad(START, START).conflicts);
        String refused = pipelineIngest(inDatabase, START);
        assertTrue(refused.contains("\"conflicts\": 1"), refused);
        assertEquals(viaSql, landing(inDatabase), "the loaded version stays");
        assertEquals("1", one(inDatabase, "select count(*) from cw_000901_staging.raw_load_conflicts "
                + "where object_key = '" + key + "'"));
    }

    @Test
    void theInDatabasePathReadsGzipJsonLinesAndIsolatesABadFile() throws Exception {
        LocalDate day = LocalDate.of(2033, 2, 1);
        String prefix = "raw-data/" + CLIENT + "/" + day + "/";
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(("{\"product_id\": \"P1\", \"price\": 12.50}\n\n{\"product_id\": \"P2\", "
                    + "\"name\": \"nul \\u0000 here\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        s3.put(prefix + "products.jsonl.gz", bytes.toByteArray(), "gzip");
        s3.put(prefix + "locations.jsonl.gz", new byte[0]);
        TestServer.exec(inDatabase, "call cw_global.set_client_setting('" + CLIENT + "', 'ingest.file_suffix', "
                + "'\".jsonl.gz\"')");
        try {
            String detail = pipelineIngest(inDatabase, day);
            assertTrue(detail.contains("\"loaded\": 1") && detail.contains("\"failed\": 1"), detail);
            assertEquals("12.50|nul \ufffd here|1", one(inDatabase, "select string_agg(coalesce(payload ->> 'price', "
                    + "payload ->> 'name'), '|' order by record_no) || '|' || (select nul_records from "
                    + "cw_000901_staging.raw_files where object_key = '" + prefix + "products.jsonl.gz') "
                    + "from cw_000901_staging.raw_records where file_date = '" + day + "'"));
            assertEquals("failed|0", one(inDatabase, "select status || '|' || size_bytes from "
                    + "cw_000901_staging.raw_files where object_key = '" + prefix + "locations.jsonl.gz'"),
                    "a zero-byte object is registered as failed, as the loader does");
        } finally {
            TestServer.exec(inDatabase, "call cw_global.set_client_setting('" + CLIENT + "', 'ingest.file_suffix', "
                    + "null)");
        }
    }
}
