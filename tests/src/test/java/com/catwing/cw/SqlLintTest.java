package com.catwing.cw;

import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sqlfluff (postgres dialect, the repository's .sqlfluff) over migrations/, sql/ and procedures/. */
class SqlLintTest {
    @Test
    void sqlFilesPassSqlfluff() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sqlfluff", "lint", "--format", "human",
                "migrations", "sql", "procedures").directory(TestServer.home().toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "sqlfluff timed out");
        String violations = out.lines().filter(l -> !l.startsWith("WARNING")).reduce("", (a, b) -> a + b + "\n");
        assertEquals(0, p.exitValue(), "sqlfluff found violations:\n" + violations);
    }
}
