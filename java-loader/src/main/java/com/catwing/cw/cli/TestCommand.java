package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.Env;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cw test}: sets up what the tests need and runs every test (JUnit, pgTAP, sqlfluff) through Maven. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run every test: unit, integration (real PostgreSQL), pgTAP and sqlfluff lint.")
public final class TestCommand implements Callable<Integer> {
    @Option(names = "--only", description = "run only test classes matching this Surefire pattern, e.g. 'Orchestrator*'")
    String only;

    @Override
    public Integer call() {
        if (System.getenv("CW_TEST_DATABASE_URL") == null && System.getenv("CW_DATABASE_URL") == null) {
            Scripts.run("install-deps.sh");
        }
        // Maven copies resources but never removes them: a renamed or deleted migration would still be deployed.
        deleteTree(Env.home().resolve("java-loader/target/classes/db"));
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-ntp", "verify"));
        if (only != null) {
            cmd.add("-Dtest=" + only);
            cmd.add("-Dsurefire.failIfNoSpecifiedTests=false");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Env.home().toFile()).inheritIO();
        pb.environment().put("CW_HOME", Env.home().toString());
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            throw new CwException("cannot run Maven (is it installed? apt-get install maven): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void deleteTree(java.nio.file.Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new CwException("cannot clean " + dir + ": " + e.getMessage());
        }
    }
}
