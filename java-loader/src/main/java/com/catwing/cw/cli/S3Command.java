package com.catwing.cw.cli;

import com.catwing.cw.s3.EmbeddedS3;
import com.catwing.cw.s3.S3Settings;
import com.catwing.cw.s3.S3Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code cw s3 start|stop|status|ls [PREFIX]}: the embedded S3 (s3proxy, filesystem backend in .cw/s3/data).
 * When {@code CW_S3_ENDPOINT} is set the embedded one is not used: status and ls talk to that endpoint.
 */
@Command(name = "s3", mixinStandardHelpOptions = true,
        description = {"Embedded S3 (pinned s3proxy, filesystem backend in .cw/s3/data): start|stop|status|ls [PREFIX].",
                "With CW_S3_ENDPOINT, CW_S3_BUCKET and credentials set, the same code talks to AWS S3 instead."})
public final class S3Command implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop, status or ls")
    Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PREFIX", description = "key prefix for ls (default: all)")
    String prefix = "";

    enum Action { start, stop, status, ls }

    @Override
    public Integer call() {
        S3Settings settings = S3Settings.fromEnv();
        if (!settings.local() && (action == Action.start || action == Action.stop)) {
            System.err.println("cw: CW_S3_ENDPOINT is set (" + settings.endpoint()
                    + "): the embedded S3 is not used (unset it to manage the embedded one)");
            return 2;
        }
        EmbeddedS3 embedded = settings.local() ? EmbeddedS3.configured() : null;
        switch (action) {
            case start -> {
                boolean was = embedded.running();
                embedded.start();
                try (S3Store s3 = S3Store.connect(settings)) {
                    s3.ensureBucket();
                }
                System.err.println("cw: " + (was ? "embedded S3 already running: " : "embedded S3 ready: ")
                        + settings.endpoint() + " bucket " + settings.bucket() + " data=" + embedded.dataDir());
                return 0;
            }
            case stop -> {
                System.err.println(embedded.stop() ? "cw: embedded S3 stopped" : "cw: embedded S3 is not running");
                return 0;
            }
            case status -> {
                if (embedded != null && !embedded.running()) {
                    System.out.println("stopped  " + settings.endpoint() + "  data=" + embedded.dataDir());
                    return 3;
                }
                try (S3Store s3 = S3Store.connect(settings)) {
                    long[] n = {0, 0};
                    s3.list("").forEach(o -> {
                        n[0]++;
                        n[1] += o.size();
                    });
                    System.out.println("running  " + settings.endpoint() + "  bucket=" + settings.bucket()
                            + (embedded != null ? "  pid=" + embedded.pid().orElse(-1L) + "  data=" + embedded.dataDir() : "")
                            + "  objects=" + n[0] + "  bytes=" + n[1]);
                    return 0;
                } catch (com.catwing.cw.CwException e) {
                    System.out.println("unreachable  " + settings.endpoint() + "  bucket=" + settings.bucket()
                            + "  (" + e.getMessage() + ")");
                    return 3;
                }
            }
            case ls -> {
                if (embedded != null) {
                    embedded.start();
                }
                try (S3Store s3 = S3Store.connect(settings)) {
                    s3.list(prefix).forEach(o -> System.out.printf("%12d  %s  %s%n", o.size(), o.etag(), o.key()));
                }
                return 0;
            }
            default -> throw new IllegalStateException();
        }
    }
}
