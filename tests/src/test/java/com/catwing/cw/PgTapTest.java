package com.catwing.cw;

import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every tests/pgtap/**&#47;*.test.sql file with psql against a fresh database (each file is one transaction that
 * rolls back), one dynamic test per file; a failure shows the failing TAP lines and their diagnostics.
 */
class PgTapTest extends DbTest {

    @TestFactory
    Stream<DynamicTest> pgtapFiles() throws IOException {
        Path root = TestServer.home().resolve("tests/pgtap");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".test.sql")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no pgTAP files under " + root);
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> runFile(f)));
    }

    private void runFile(Path file) throws Exception {
        String psql = Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/psql"))
                ? "/usr/lib/postgresql/15/bin/psql" : "psql";
        ProcessBuilder pb = new ProcessBuilder(psql, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
                "-d", db.url(), "-f", file.toString()).redirectErrorStream(true);
        pb.environment().put("PGOPTIONS", "-c search_path=tap,public -c client_min_messages=warning");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("pgTAP file timed out after 120 s: " + file);
        }
        List<String> failing = new ArrayList<>();
        int planned = -1;
        int ran = 0;
        String[] lines = out.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.matches("1\\.\\.\\d+")) {
                planned = Integer.parseInt(line.substring(3));
            } else if (line.startsWith("ok ")) {
                ran++;
            } else if (line.startsWith("not ok ")) {
                ran++;
                StringBuilder sb = new StringBuilder(line);
                for (int j = i + 1; j < lines.length && lines[j].trim().startsWith("#"); j++) {
                    sb.append('\n').append(lines[j].trim());
                }
                failing.add(sb.toString());
            }
        }
        if (p.exitValue() != 0) {
            fail("psql exited " + p.exitValue() + " on " + file.getFileName() + ":\n" + out);
        }
        if (!failing.isEmpty()) {
            fail(failing.size() + " failing assertion(s) in " + file.getFileName() + ":\n" + String.join("\n", failing));
        }
        assertTrue(planned > 0, "no plan in TAP output of " + file.getFileName() + ":\n" + out);
        assertEquals(planned, ran, "planned vs run assertions in " + file.getFileName() + ":\n" + out);
    }
}
