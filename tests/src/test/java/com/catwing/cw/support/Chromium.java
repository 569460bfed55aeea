package com.catwing.cw.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's chromium, headless, on a local page with a fresh profile and no network (as the report tests run it). */
public final class Chromium {
    private Chromium() {
    }

    /**
     * Loads {@code file}{@code fragment} (fragment "" or "#…"), lets its scripts run (virtual time budget), then does
     * {@code action} ({@code --dump-dom}, {@code --screenshot=…}); returns stdout (the DOM for --dump-dom).
     */
    public static String run(Path file, String fragment, String... action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("cw-chromium-");
        Path log = Files.createTempFile("cw-chromium-", ".log");
        Path stdout = Files.createTempFile("cw-chromium-", ".out");
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--virtual-time-budget=10000", "--user-data-dir=" + profile));
        cmd.addAll(List.of(action));
        cmd.add(file.toAbsolutePath().toUri() + fragment);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("chromium is not installed (sudo scripts/install-deps.sh installs it)", e);
        }
        p.getOutputStream().close();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(log));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("chromium failed: " + Files.readString(log));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            Files.deleteIfExists(log);
            Files.deleteIfExists(stdout);
        }
    }
}
