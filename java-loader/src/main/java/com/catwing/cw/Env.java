package com.catwing.cw;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project lives and how it is configured (environment variables, then defaults). */
public final class Env {
    private Env() {
    }

    /** The project folder: {@code CW_HOME} (set by bin/cw), else the system property, else the working dir. */
    public static Path home() {
        String h = System.getenv("CW_HOME");
        if (h == null || h.isBlank()) {
            h = System.getProperty("cw.home");
        }
        Path p = Path.of(h == null || h.isBlank() ? "." : h).toAbsolutePath().normalize();
        return p;
    }

    /** Git-ignored state folder (.cw): database cluster, S3 data, logs. */
    public static Path state() {
        String s = System.getenv("CW_STATE");
        return s == null || s.isBlank() ? home().resolve(".cw") : Path.of(s);
    }

    public static Path script(String name) {
        Path p = home().resolve("scripts").resolve(name);
        if (!Files.isExecutable(p)) {
            throw new CwException("project script not found or not executable: " + p
                    + " (run cw from the project's bin/cw, or set CW_HOME)");
        }
        return p;
    }

    /**
     * A setting: a JVM system property of the same name (e.g. {@code -DCW_S3_ENDPOINT=...}, how a test points an
     * in-process command at its own S3), else the environment variable, else {@code def}.
     */
    public static String get(String name, String def) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? def : v;
    }
}
