package com.catwing.cw.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded s3proxy per test JVM (started lazily through the project's own {@link EmbeddedS3}, on a free port,
 * in a temporary folder; stopped and deleted when the JVM exits), so the S3 tests pay the start-up once.
 */
public final class EmbeddedS3Fixture {
    private static EmbeddedS3 server;
    private static Path dir;

    private EmbeddedS3Fixture() {
    }

    public static synchronized S3Store store(String bucket) {
        if (server == null) {
            try {
                dir = Files.createTempDirectory("cw-s3-test");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server = new EmbeddedS3(dir, EmbeddedS3.freePort(), EmbeddedS3.findLib());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedS3Fixture::shutdown));
        }
        S3Store s3 = S3Store.connect(server.settings(bucket));
        s3.ensureBucket();
        return s3;
    }

    public static synchronized EmbeddedS3 server() {
        return server;
    }

    private static synchronized void shutdown() {
        if (server != null) {
            server.stop();
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp folder; best effort
            }
        }
    }
}
