package com.catwing.cw.support;

import com.catwing.cw.generate.Generator;
import com.catwing.cw.generate.GeneratorConfig;
import com.catwing.cw.generate.Sink;
import com.catwing.cw.s3.EmbeddedS3;
import com.catwing.cw.s3.S3Store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** One embedded s3proxy per test JVM, on a free port with a temporary data folder, started through EmbeddedS3. */
public final class TestS3 {
    private static EmbeddedS3 server;
    private static S3Store store;

    private TestS3() {
    }

    public static synchronized S3Store store() {
        if (store == null) {
            try {
                Path dir = Files.createTempDirectory("cw-test-s3-");
                server = new EmbeddedS3(dir, EmbeddedS3.freePort(), TestServer.home().resolve("embedded-s3/target/lib"));
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
                store = S3Store.connect(server.settings("catwing-masters"));
                store.ensureBucket();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded S3", e);
            }
        }
        return store;
    }

    /**
     * Points the aws_s3 extension of a test database at the test S3 (every new session of that database), as
     * scripts/db.sh does for the local cluster with the aws_s3.* settings.
     */
    public static void configureAwsS3(com.catwing.cw.db.Database db) {
        com.catwing.cw.s3.S3Settings s = store().settings();
        TestServer.exec(db, "alter database " + db.databaseName() + " set aws_s3.endpoint_url = '" + s.endpoint() + "'");
        TestServer.exec(db, "alter database " + db.databaseName() + " set aws_s3.access_key_id = '" + s.accessKey() + "'");
        TestServer.exec(db, "alter database " + db.databaseName() + " set aws_s3.secret_access_key = '" + s.secretKey()
                + "'");
        TestServer.exec(db, "alter database " + db.databaseName() + " set aws_s3.region = '" + s.region() + "'");
    }

    /** Generates a small world into the test bucket. */
    public static Generator.Stats generate(String client, LocalDate start, int days, String dialect, String defects,
                                           long seed) {
        GeneratorConfig cfg = new GeneratorConfig(client, start, days, 60, 8, 8, seed, dialect, defects);
        return new Generator(cfg, Sink.s3(store())).run((done, total, soFar) -> { });
    }

    /** Generates a small world with cancelled orders and lines and customer returns (cw generate --cancellations). */
    public static Generator.Stats generateWithCancellations(String client, LocalDate start, int days, String dialect,
                                                            long seed) {
        GeneratorConfig cfg = new GeneratorConfig(client, start, days, 60, 8, 8, seed, dialect, "none")
                .withCancellations(true);
        return new Generator(cfg, Sink.s3(store())).run((done, total, soFar) -> { });
    }
}
