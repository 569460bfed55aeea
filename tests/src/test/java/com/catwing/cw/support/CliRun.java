package com.catwing.cw.support;

import com.catwing.cw.Cw;
import com.catwing.cw.db.Database;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the cw command line in-process against a test database, capturing exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
    public static synchronized CliRun run(Database db, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String oldUrl = System.getProperty("cw.database.url");
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            if (db != null) {
                System.setProperty("cw.database.url", db.url());
            }
            int rc = Cw.commandLine().execute(args);
            return new CliRun(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            if (oldUrl == null) {
                System.clearProperty("cw.database.url");
            } else {
                System.setProperty("cw.database.url", oldUrl);
            }
        }
    }
}
