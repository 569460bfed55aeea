package com.catwing.cw.ingest;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Step 1: S3 raw JSON into the raw landing table — once per object, atomically per object, verbatim. Hand-made
 * objects use dates in 2031, so they never mix with the generated worlds other test classes put into the same bucket.
 */
class IngestTest extends DbTest {
    private static final String CLIENT = TestServer.CLIENT_A;
    private static final LocalDate DAY = LocalDate.of(2024, 2, 1);
    private S3Store s3;

    @BeforeAll
    void generate() {
        s3 = TestS3.store();
        TestS3.generate(CLIENT, DAY, 2, "catwing", "none", 11);
    }

    private RawLoader.Summary load(LocalDate from, LocalDate to) {
        return new RawLoader(db, s3, Tenant.of(CLIENT), new PrintStream(OutputStream.nullOutputStream())).load(from, to);
    }

    private String rawChecksum() {
        return queryOne("select md5(string_agg(file_id || ':' || record_no || ':' || payload::text, ',' "
                + "order by file_id, record_no)) || '/' || (select count(*) from cw_000901_staging.raw_files) "
                + "from cw_000901_staging.raw_records");
    }

    @Test
    void aDayLoadsOnceAndASecondLoadChangesNothing() {
        RawLoader.Summary first = load(DAY, DAY.plusDays(1));
        assertEquals(20, first.loaded, "ten endpoint files per day");
        assertTrue(first.clean());
        assertEquals(first.records, Long.parseLong(queryOne(
                "select sum(record_count) from cw_000901_staging.raw_files where file_date between '2024-02-01' and '2024-02-02'")));
        assertEquals(String.valueOf(first.records), queryOne(
                "select count(*) from cw_000901_staging.raw_records where file_date between '2024-02-01' and '2024-02-02'"));
        String before = rawChecksum();
        RawLoader.Summary second = load(DAY, DAY.plusDays(1));
        assertEquals(0, second.loaded);
        assertEquals(20, second.skipped);
        assertEquals(before, rawChecksum(), "a second load must leave the raw tables identical");
    }

    @Test
    void malformedFileIsRecordedWithItsOffsetAndTheOtherFilesLoad() {
        LocalDate day = LocalDate.of(2031, 3, 1);
        String prefix = "raw-data/" + CLIENT + "/" + day + "/";
        s3.put(prefix + "products.json", "[{\"product_id\": \"P1\"}, {\"product_id\": \"P2\"}]".getBytes(StandardCharsets.UTF_8));
        s3.put(prefix + "suppliers.json", "[{\"supplier_id\": \"S1\"}, {\"supplier_id\": \"S2\", \"name\": \"cut he"
                .getBytes(StandardCharsets.UTF_8));
        s3.put(prefix + "locations.json", "[{\"location_id\": \"L1\"}, 42]".getBytes(StandardCharsets.UTF_8));
        // Brackets and strings are in order, so the loader's record scanner cuts this one; PostgreSQL refuses the
        // second record, and the validating parser then says where and why.
        s3.put(prefix + "purchase_orders.json", "[{\"po_id\": \"PO1\"}, {\"po_id\": tru}]"
                .getBytes(StandardCharsets.UTF_8));
        RawLoader.Summary sum = load(day, day);
        assertEquals(1, sum.loaded);
        assertEquals(3, sum.failed);
        assertEquals("failed|true|true", queryOne("select status || '|' "
                + "|| (error like '%malformed JSON after record 2: Unrecognized token ''tru''%') || '|' "
                + "|| (error_offset between 29 and 34) from cw_000901_staging.raw_files where object_key = '"
                + prefix + "purchase_orders.json'"));
        assertEquals("failed|true|true", queryOne("select status || '|' || (error like '%malformed JSON after record%') "
                + "|| '|' || (error_offset > 20) from cw_000901_staging.raw_files where object_key = '" + prefix
                + "suppliers.json'"));
        assertTrue(queryOne("select error from cw_000901_staging.raw_files where object_key = '" + prefix
                + "locations.json'").contains("record 2 is a JSON"));
        assertEquals("0", queryOne("select count(*) from cw_000901_staging.raw_records as r inner join "
                + "cw_000901_staging.raw_files as f on f.id = r.file_id where f.status = 'failed'"),
                "nothing from a failed file reaches the landing table");
        assertEquals("2", queryOne("select count(*) from cw_000901_staging.raw_records where file_date = '" + day + "'"));
        RawLoader.Summary again = load(day, day);
        assertEquals(4, again.skipped, "a failed object is not retried: its content cannot change");
    }

    @Test
    void aDifferentObjectUnderALoadedKeyIsRefusedAndTheLoadedVersionKept() {
        LocalDate day = LocalDate.of(2031, 3, 2);
        String key = "raw-data/" + CLIENT + "/" + day + "/products.json";
        s3.put(key, "[{\"product_id\": \"P1\", \"name\": \"original\"}]".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, load(day, day).loaded);
        s3.put(key, "[{\"product_id\": \"P1\", \"name\": \"tampered\"}]".getBytes(StandardCharsets.UTF_8));
        RawLoader.Summary sum = load(day, day);
        assertEquals(1, sum.conflicts);
        assertTrue(!sum.clean());
        assertEquals("original", queryOne("select payload ->> 'name' from cw_000901_staging.raw_records where file_date = '"
                + day + "'"));
        assertEquals("1", queryOne("select count(*) from cw_000901_staging.raw_load_conflicts where object_key = '" + key + "'"));
    }

    @Test
    void prettyPrintedRecordsLandAsSentWithEveryDigitOfTheirNumbers() {
        LocalDate day = LocalDate.of(2031, 3, 4);
        String key = "raw-data/" + CLIENT + "/" + day + "/products.json";
        s3.put(key, ("[\r\n\t{\r\n\t\t\"product_id\" : \"P1\",\n\t\t\"cost\": 12.50,\n\t\t\"price\": "
                + "12345678901234567890.123456789, \"qty\": 1E+2, \"name\": \"tab\\tand \\\\u0000 text\"\r\n\t},\n"
                + "\t{\"product_id\": \"P2\", \"tags\": [ 1 , {\"a\" : [ ] } ] }\n]\n").getBytes(StandardCharsets.UTF_8));
        RawLoader.Summary sum = load(day, day);
        assertEquals(1, sum.loaded, sum.toString());
        assertEquals(2, sum.records);
        assertEquals("12.50|12345678901234567890.123456789|100|tab\tand \\u0000 text", queryOne("select "
                + "concat_ws('|', payload ->> 'cost', payload ->> 'price', payload ->> 'qty', payload ->> 'name') "
                + "from cw_000901_staging.raw_records where file_date = '" + day + "' and record_no = 1"),
                "numbers keep their digits; an escaped backslash before u0000 is text, not a NUL");
        assertEquals("{\"tags\": [1, {\"a\": []}], \"product_id\": \"P2\"}", queryOne("select payload::text "
                + "from cw_000901_staging.raw_records where file_date = '" + day + "' and record_no = 2"));
        assertEquals("0", queryOne("select nul_records from cw_000901_staging.raw_files where object_key = '" + key + "'"));
    }

    @Test
    void jsonLinesAndGzipAreAcceptedAndHostileStringsLandVerbatim() throws Exception {
        LocalDate day = LocalDate.of(2031, 3, 3);
        String hostile = "Robert'); DROP TABLE products; -- \\\" \u00e9\u6f22\u202e\u0007 \\\\u0000 tab\t";
        StringBuilder lines = new StringBuilder();
        lines.append("{\"product_id\":\"P1\",\"name\":\"")
                .append(new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(hostile)))
                .append("\"}\n{\"product_id\":\"P2\",\"name\":\"nul \\u0000 here\"}\n");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        s3.put("raw-data/" + CLIENT + "/" + day + "/products.jsonl.gz", gz.toByteArray());
        RawLoader.Summary sum = load(day, day);
        assertEquals(1, sum.loaded);
        assertEquals(2, sum.records);
        assertEquals(hostile, queryOne("select payload ->> 'name' from cw_000901_staging.raw_records where file_date = '"
                + day + "' and record_no = 1"), "hostile text is stored exactly");
        assertEquals("nul \ufffd here", queryOne("select payload ->> 'name' from cw_000901_staging.raw_records "
                + "where file_date = '" + day + "' and record_no = 2"), "U+0000 lands as U+FFFD");
        assertEquals("1", queryOne("select nul_records from cw_000901_staging.raw_files where file_date = '" + day + "'"));
    }
}
