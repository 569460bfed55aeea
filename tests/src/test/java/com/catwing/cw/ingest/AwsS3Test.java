package com.catwing.cw.ingest;

import com.catwing.cw.s3.S3Store;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local aws_s3 extension against the embedded S3: a table goes out with query_export_to_s3 and comes back with
 * table_import_from_s3 unchanged (CSV and text formats, the awkward values included); gzip objects with
 * Content-Encoding gzip import decompressed; a missing or zero-byte object is an error that changes nothing.
 * Objects live under tests/aws_s3/ so they never mix with the raw data of other test classes.
 */
class AwsS3Test extends DbTest {
    private static final String BUCKET = "catwing-masters";
    private S3Store s3;

    @BeforeAll
    void configure() {
        s3 = TestS3.store();
        TestS3.configureAwsS3(db);
        exec("create table public.sample (id integer primary key, name text, price numeric(12, 4), day date, "
                + "at timestamptz, flag boolean, tags text[], payload jsonb)");
        exec("insert into public.sample values "
                + "(1, 'plain', 1.5, '2024-01-01', '2024-01-01 10:00+00', true, '{a,b}', '{\"k\": 12.50}'), "
                + "(2, 'comma, \"quoted\"', null, null, null, false, '{}', null), "
                + "(3, E'tab\\there\\nnew line \\\\ backslash', -3, '2024-02-29', null, null, '{\"x y\"}', '[]'), "
                + "(4, '', 0, null, null, true, null, '\"\"'), "
                + "(5, E'\\\\N and \\\\. and ümlaut ✓', 123456.7891, '1999-12-31', '2031-05-01 23:59:59.5+00', false, "
                + "'{NULL}', '{\"a\": [1, {\"b\": null}]}')");
        exec("create table public.copied (like public.sample)");
    }

    private String one(String sql) {
        return queryOne(sql);
    }

    private String differences() {
        return one("select count(*) from ((select * from public.sample except all select * from public.copied) "
                + "union all (select * from public.copied except all select * from public.sample)) as diff");
    }

    @Test
    void aTableRoundTripsThroughS3AsCsvAndAsText() {
        for (String options : new String[] {"format csv, header true", "(format text)", "(format csv, delimiter '|')"}) {
            exec("truncate public.copied");
            String key = "tests/aws_s3/sample-" + options.hashCode() + ".dat";
            String exported = one("select rows_uploaded || '/' || files_uploaded || '/' || bytes_uploaded "
                    + "from aws_s3.query_export_to_s3('select * from public.sample order by id', "
                    + "aws_commons.create_s3_uri('" + BUCKET + "', '" + key + "', 'us-east-1'), '" + options.replace("'", "''")
                    + "')");
            long size = s3.getBytes(key).length;
            assertEquals("5/1/" + size, exported, "rows, files and bytes uploaded (" + options + ")");
            String imported = one("select aws_s3.table_import_from_s3('public.copied', '', '"
                    + (options.startsWith("(") ? options : "(" + options + ")").replace("'", "''") + "', "
                    + "aws_commons.create_s3_uri('" + BUCKET + "', '" + key + "', 'us-east-1'))");
            assertEquals("5 rows imported into relation \"public.copied\" from file " + key + " of " + size + " bytes",
                    imported, "the RDS return text");
            assertEquals("0", differences(), "the table came back unchanged (" + options + ")");
        }
    }

    @Test
    void aGzipObjectWithContentEncodingImportsDecompressed() throws IOException {
        exec("create table public.lines (id integer, word text)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("id,word\n1,eins\n2,\"zwei, two\"\n".getBytes(StandardCharsets.UTF_8));
        }
        s3.put("tests/aws_s3/words.csv.gz", bytes.toByteArray(), "gzip");
        String imported = one("select aws_s3.table_import_from_s3('public.lines', 'id, word', 'DELIMITER '','' CSV "
                + "HEADER', '" + BUCKET + "', 'tests/aws_s3/words.csv.gz', 'us-east-1')");
        assertTrue(imported.startsWith("2 rows imported into relation \"public.lines\""), imported);
        assertEquals("1:eins|2:zwei, two", one("select string_agg(id || ':' || word, '|' order by id) from public.lines"));
    }

    @Test
    void aMissingOrZeroByteObjectFailsAndChangesNothing() throws SQLException {
        exec("create table public.untouched (id integer)");
        exec("insert into public.untouched values (42)");
        s3.put("tests/aws_s3/empty.csv", new byte[0]);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            SQLException empty = assertThrows(SQLException.class, () -> s.execute("select aws_s3.table_import_from_s3("
                    + "'public.untouched', '', '(format csv)', '" + BUCKET + "', 'tests/aws_s3/empty.csv', 'us-east-1')"));
            assertTrue(empty.getMessage().contains(
                    "Unable to validate pre-signed URL. Error: HTTP 416. Check your arguments and try again."),
                    empty.getMessage());
            SQLException missing = assertThrows(SQLException.class, () -> s.execute("select aws_s3.table_import_from_s3("
                    + "'public.untouched', '', '(format csv)', '" + BUCKET + "', 'tests/aws_s3/none.csv', 'us-east-1')"));
            assertTrue(missing.getMessage().contains("HTTP 404. Requested file does not exist."), missing.getMessage());
            assertEquals("58P01", missing.getSQLState());
        }
        assertEquals("42", one("select string_agg(id::text, ',') from public.untouched"));
    }

    @Test
    void aClientRoleImportsIntoItsOwnTablesOnly() throws SQLException {
        s3.put("tests/aws_s3/one.csv", "7\n".getBytes(StandardCharsets.UTF_8));
        exec("create table cw_000901.aws_probe (id integer)");
        exec("alter table cw_000901.aws_probe owner to cw_000901_owner");
        exec("create table cw_000902.aws_probe (id integer)");
        exec("alter table cw_000902.aws_probe owner to cw_000902_owner");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("set role cw_000901_owner");
            s.execute("select aws_s3.table_import_from_s3('cw_000901.aws_probe', '', '(format csv)', '" + BUCKET
                    + "', 'tests/aws_s3/one.csv', 'us-east-1')");
            SQLException denied = assertThrows(SQLException.class, () -> s.execute("select aws_s3.table_import_from_s3("
                    + "'cw_000902.aws_probe', '', '(format csv)', '" + BUCKET + "', 'tests/aws_s3/one.csv', 'us-east-1')"));
            assertEquals("42501", denied.getSQLState(), "another client's table is out of reach: " + denied.getMessage());
        }
        assertEquals("7", one("select string_agg(id::text, ',') from cw_000901.aws_probe"));
        assertEquals("0", one("select count(*) from cw_000902.aws_probe"));
    }
}
