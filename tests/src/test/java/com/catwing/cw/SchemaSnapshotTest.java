package com.catwing.cw;

import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A DBA's safety net: the schema that the migrations produce is committed as a normalised {@code pg_dump --schema-only}
 * (tests/schema/global.sql for cw_global, tests/schema/tenant.sql for a client's three schemas, client names replaced
 * by cw_nnnnnn), so every schema change shows up in review. When the migrations produce something else, this test
 * fails with the first differences; after an intended change, regenerate the files with
 * {@code CW_UPDATE_SCHEMA_SNAPSHOT=1 bin/cw test --only SchemaSnapshotTest} and commit them.
 */
class SchemaSnapshotTest extends DbTest {

    @Test
    void globalSchemaMatchesTheCommittedSnapshot() throws Exception {
        check("global.sql", dump("-n", "cw_global"));
    }

    @Test
    void tenantSchemasMatchTheCommittedSnapshot() throws Exception {
        check("tenant.sql", dump("-n", "cw_000901", "-n", "cw_000901_staging", "-n", "cw_000901_stats"));
    }

    private String dump(String... schemas) throws Exception {
        String pgDump = Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/pg_dump"))
                ? "/usr/lib/postgresql/15/bin/pg_dump" : "pg_dump";
        List<String> cmd = new ArrayList<>(List.of(pgDump, "--schema-only", "--no-tablespaces", "-d", db.url()));
        cmd.addAll(List.of(schemas));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("pg_dump failed: " + out);
        }
        return normalise(out);
    }

    /** Drops pg_dump's comments and session settings, and replaces the test client's names by placeholders. */
    static String normalise(String dump) {
        StringBuilder sb = new StringBuilder();
        boolean blank = false;
        for (String line : dump.split("\n", -1)) {
            // The restrict and unrestrict meta-commands carry a random key per dump (pg_dump 15.14 and later).
            if (line.startsWith("--") || line.startsWith("SET ") || line.startsWith("SELECT pg_catalog.set_config")
                    || line.startsWith("\\restrict ") || line.startsWith("\\unrestrict ")) {
                continue;
            }
            if (line.isBlank()) {
                if (!blank && sb.length() > 0) {
                    sb.append('\n');
                }
                blank = true;
                continue;
            }
            blank = false;
            sb.append(line.replace("cw_000901", "cw_nnnnnn").replace("CW-000901", "CW-nnnnnn")
                    .replaceAll("\\b901\\b", "<client number>")).append('\n');
        }
        return sb.toString();
    }

    private static void check(String file, String actual) throws Exception {
        Path committed = TestServer.home().resolve("tests/schema").resolve(file);
        if (System.getenv("CW_UPDATE_SCHEMA_SNAPSHOT") != null) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, actual);
            return;
        }
        Path written = TestServer.home().resolve("tests/target/schema").resolve(file);
        Files.createDirectories(written.getParent());
        Files.writeString(written, actual);
        if (!Files.exists(committed)) {
            fail("no committed schema snapshot " + committed + "; create it with: CW_UPDATE_SCHEMA_SNAPSHOT=1 bin/cw test "
                    + "--only SchemaSnapshotTest");
        }
        String expected = Files.readString(committed);
        if (!expected.equals(actual)) {
            fail("the migrations produce another schema than tests/schema/" + file + " (the dump is in " + written
                    + "; diff -u the two). If the change is intended, regenerate with: CW_UPDATE_SCHEMA_SNAPSHOT=1 bin/cw "
                    + "test --only SchemaSnapshotTest, and commit the file.\n" + firstDifferences(expected, actual));
        }
    }

    private static String firstDifferences(String expected, String actual) {
        List<String> a = List.of(expected.split("\n"));
        List<String> b = List.of(actual.split("\n"));
        List<String> onlyExpected = new ArrayList<>(a);
        onlyExpected.removeAll(b);
        List<String> onlyActual = new ArrayList<>(b);
        onlyActual.removeAll(a);
        StringBuilder sb = new StringBuilder();
        onlyExpected.stream().limit(15).forEach(l -> sb.append("- ").append(l).append('\n'));
        onlyActual.stream().limit(15).forEach(l -> sb.append("+ ").append(l).append('\n'));
        return sb.toString();
    }
}
